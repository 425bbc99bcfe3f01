/* chronomap-main-context.h: handing work from a worker thread to a main context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void chronomap_main_context_post (GMainContext   *context,
                                  GSourceFunc     func,
                                  gpointer        data,
                                  GDestroyNotify  destroy);

G_END_DECLS
