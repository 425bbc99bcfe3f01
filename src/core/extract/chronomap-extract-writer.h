/* chronomap-extract-writer.h: extracted events into an event database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "chronomap-database.h"

G_BEGIN_DECLS

gboolean chronomap_extracted_events_write (ChronomapDatabase  *db,
                                           GPtrArray          *events,
                                           const char         *title,
                                           const char         *url,
                                           gint32              published,
                                           const char         *text,
                                           const char         *origin,
                                           guint              *out_n_updated,
                                           GError            **error);

char    *chronomap_article_title          (const char         *text,
                                           gsize               length,
                                           const char         *file_name);

G_END_DECLS
