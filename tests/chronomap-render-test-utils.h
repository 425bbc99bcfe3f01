/* chronomap-render-test-utils.h: what the render and video tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "chronomap-basemap.h"
#include "chronomap-event-store.h"

G_BEGIN_DECLS

/* The size the tests draw at, and the area: --bbox 35,32,38,37 */
#define CHRONOMAP_RENDER_TEST_WIDTH 800
#define CHRONOMAP_RENDER_TEST_HEIGHT 450

char    *chronomap_render_test_make_db        (void);
ChronomapEventStore *chronomap_render_test_load (ChronomapBasemap **basemap);
void     chronomap_render_test_project        (double            lat,
                                               double            lon,
                                               double           *x,
                                               double           *y);
void     chronomap_render_test_pixel          (cairo_surface_t *surface,
                                               int              x,
                                               int              y,
                                               double           rgb[3]);
guint    chronomap_render_test_count_green    (cairo_surface_t *surface,
                                               int              x0,
                                               int              y0);
gboolean chronomap_render_test_legend_has_red (cairo_surface_t *surface);
double   chronomap_render_test_legend_redness (cairo_surface_t *surface);
int      chronomap_render_test_run_cli        (const char       *db,
                                               const char       *out,
                                               char            **out_text,
                                               char            **err_text,
                                               ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
