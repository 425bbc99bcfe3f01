/* chronomap-event-type-label.h: ACLED's event types in the reader's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *chronomap_event_type_label (const char *name);

G_END_DECLS
