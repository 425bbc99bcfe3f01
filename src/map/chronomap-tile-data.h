/* chronomap-tile-data.h: what Chronomap's tile data sources share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/* The tile a worker thread makes: its task data in
 * chronomap_tile_data_run_in_thread(). */
typedef struct
{
  int x;
  int y;
  int zoom;
} ChronomapTileRequest;

void    chronomap_tile_data_run_in_thread (GTask           *task,
                                           int              x,
                                           int              y,
                                           int              zoom,
                                           GTaskThreadFunc  func);
void    chronomap_tile_data_return (GTask              *task,
                                    int                 x,
                                    int                 y,
                                    int                 zoom,
                                    GBytes             *bytes);
GBytes *chronomap_tile_data_finish (ShumateDataSource  *source,
                                    GAsyncResult       *result,
                                    GError            **error);

G_END_DECLS
