/* chronomap-main-context.c: handing work from a worker thread to a main context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-main-context"

#include "config.h"

#include "chronomap-main-context.h"

/**
 * chronomap_main_context_post:
 * @context: the context @func must run in
 * @func: called once there
 * @data: for @func
 * @destroy: (nullable): frees @data afterwards
 *
 * Runs @func in @context at default priority, never in the calling
 * thread: unlike g_main_context_invoke_full(), which calls it at once when
 * nobody owns @context.  Calls posted at once run in the order posted,
 * and before a GTask's callback posted after them.
 */
void
chronomap_main_context_post (GMainContext   *context,
                             GSourceFunc     func,
                             gpointer        data,
                             GDestroyNotify  destroy)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[chronomap] posted from a worker");
  g_source_attach (source, context);
  g_source_unref (source);
}
