/* chronomap-render-view.h: a map of a time window's events, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "chronomap-basemap.h"
#include "chronomap-label-glides.h"
#include "chronomap-event-store.h"

G_BEGIN_DECLS

#define CHRONOMAP_RENDER_N_SLOTS 9

/* The event palette, shared with the viewer (src/map/chronomap-event-style.c
 * expands it into GdkRGBA): GNOME HIG 3rd shades, ordered so neighbours in a
 * stacked bar contrast; the last slot is "other".  X (red, green, blue). */
#define CHRONOMAP_RENDER_PALETTE(X) \
  X (0.878, 0.106, 0.141)  /* red 3: battles, usually most */ \
  X (0.208, 0.518, 0.894)  /* blue 3 */ \
  X (0.898, 0.647, 0.039)  /* yellow 5: yellow 3 is lost on the beige land */ \
  X (0.569, 0.255, 0.675)  /* purple 3 */ \
  X (0.180, 0.761, 0.494)  /* green 3 */ \
  X (1.000, 0.471, 0.000)  /* orange 3 */ \
  X (0.596, 0.416, 0.267)  /* brown 3 */ \
  X (0.000, 0.600, 0.600)  /* teal */ \
  X (0.467, 0.463, 0.482)  /* dark 1: other */

/* The basemap of an animation's frames, drawn once for them all (it is
 * most of a frame's cost); opaque. */
typedef struct _ChronomapRenderBackdrop ChronomapRenderBackdrop;

ChronomapRenderBackdrop *chronomap_render_backdrop_new  (void);
void                     chronomap_render_backdrop_free (ChronomapRenderBackdrop *backdrop);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronomapRenderBackdrop, chronomap_render_backdrop_free)

/**
 * ChronomapRenderView:
 * @from: first day shown
 * @to: last day shown
 * @width: image width in pixels (points for SVG and PDF)
 * @height: image height
 * @have_bbox: whether @bbox is set; if not, the view fits the events
 * @bbox: west, south, east, north in degrees
 * @style: the basemap's style
 * @mask: (nullable): one byte per event of the store, non-zero for the events
 *   drawn (the viewer's filters); %NULL draws every event of the window
 * @mask_len: the length of @mask
 * @scale: pixels of a PNG per unit of @width and @height, for the same
 *   picture sharper (2 for twice as many pixels each way); 0 means 1.
 *   SVG and PDF are drawn at @width by @height whatever it is
 * @credit: (nullable): more for the credit line, after the basemap's: the
 *   gazetteers that placed the events (chronomap_placements_credit())
 * @attribution: (nullable): the whole credit line, made beforehand with
 *   chronomap_render_attribution(); %NULL makes it from the store's file.
 *   A view drawn on a worker thread needs it: the store's database
 *   connection belongs to the thread that opened it
 * @fade: whether the window's older events are paler, as on the map, so
 *   that the newest read first
 * @have_span: whether this view is one frame of an animation that runs
 *   from @span_from to @span_to: the legend lists the types of the whole
 *   span in colours that stay from frame to frame, and without @bbox the
 *   view fits the span's events, so that the map stays still
 * @span_from: the animation's first day
 * @span_to: its last day
 * @backdrop: (nullable): for image frames of one animation, where the
 *   basemap is kept from one frame to the next; %NULL draws it each time
 *   (always, for SVG and PDF)
 * @glides: (nullable): for the pictures of a video, the towns' names on
 *   their way out of the marks on their dots, or back; %NULL puts them
 *   in their places
 * @time: the picture's time in the video, in µs, for @glides
 */
typedef struct
{
  gint32                from;
  gint32                to;
  int                   width;
  int                   height;
  gboolean              have_bbox;
  double                bbox[4];
  ChronomapBasemapStyle style;
  const guint8         *mask;
  gsize                 mask_len;
  double                scale;
  const char           *credit;
  const char           *attribution;
  gboolean              fade;
  gboolean              have_span;
  gint32                span_from;
  gint32                span_to;
  ChronomapRenderBackdrop *backdrop;
  ChronomapLabelGlides *glides;
  gint64                time;
} ChronomapRenderView;

/**
 * ChronomapLegendKey:
 * @CHRONOMAP_LEGEND_KEY_SIZE: a larger mark, more deaths
 * @CHRONOMAP_LEGEND_KEY_AGE: a fainter mark, older events
 * @CHRONOMAP_LEGEND_KEY_PIE: a disc in slices, several types
 * @CHRONOMAP_LEGEND_KEY_RING: a ring in a shaded area, a place known
 *   only to its district or province
 * @CHRONOMAP_LEGEND_KEY_GUESS: a broken edge, a place the geocoder guessed
 *
 * What a mark's look says, as the app's legend and exported pictures
 * list it.
 */
typedef enum
{
  CHRONOMAP_LEGEND_KEY_SIZE,
  CHRONOMAP_LEGEND_KEY_AGE,
  CHRONOMAP_LEGEND_KEY_PIE,
  CHRONOMAP_LEGEND_KEY_RING,
  CHRONOMAP_LEGEND_KEY_GUESS,
  CHRONOMAP_N_LEGEND_KEYS
} ChronomapLegendKey;

const char *chronomap_legend_key_label (ChronomapLegendKey key);

void     chronomap_render_fill_pie      (cairo_t                   *cr,
                                        double                     x,
                                        double                     y,
                                        double                     radius,
                                        const double              *rgb,
                                        const guint               *counts,
                                        guint                      n,
                                        double                     alpha);
void     chronomap_render_assign_colors (const char * const        *types,
                                         guint                      n_types,
                                         guint                     *colors);
char    *chronomap_render_attribution  (ChronomapEventStore       *store,
                                        const char                *more);
gboolean chronomap_render_view_draw    (ChronomapEventStore       *store,
                                        ChronomapBasemap          *basemap,
                                        const ChronomapRenderView *view,
                                        cairo_t                   *cr,
                                        guint                     *out_n_drawn);
gboolean chronomap_render_view_draw_keys (ChronomapEventStore       *store,
                                          ChronomapBasemap          *basemap,
                                          const ChronomapRenderView *view,
                                          cairo_t                   *cr,
                                          guint                     *out_n_drawn,
                                          guint                     *out_keys);
const char *chronomap_render_image_suffix (const char           *path);
gboolean chronomap_render_view_to_file (ChronomapEventStore       *store,
                                        ChronomapBasemap          *basemap,
                                        const ChronomapRenderView *view,
                                        const char                *path,
                                        guint                     *out_n_drawn,
                                        GError                   **error);

/* At most this many frames in an animation: a day a frame over 27 years. */
#define CHRONOMAP_RENDER_MAX_FRAMES 10000

/**
 * ChronomapRenderProgress:
 * @done: frames written
 * @total: frames to write
 *
 * Called from the thread that writes the frames, after each.
 */
typedef void (*ChronomapRenderProgress) (guint    done,
                                         guint    total,
                                         gpointer user_data);

gint32   chronomap_render_window_start (const ChronomapRenderView *view,
                                        const ChronomapDateStep   *window,
                                        gint32                     to);
gint32   chronomap_render_step_end     (const ChronomapRenderView *view,
                                        const ChronomapDateStep   *step,
                                        const ChronomapDateStep   *window,
                                        int                        k);
int      chronomap_render_count_steps  (const ChronomapRenderView *view,
                                        const ChronomapDateStep   *step,
                                        const ChronomapDateStep   *window);
gboolean chronomap_render_frames       (ChronomapEventStore       *store,
                                        ChronomapBasemap          *basemap,
                                        const ChronomapRenderView *view,
                                        const ChronomapDateStep   *step,
                                        const ChronomapDateStep   *window,
                                        const char                *folder,
                                        ChronomapRenderProgress    progress,
                                        gpointer                   user_data,
                                        GCancellable              *cancellable,
                                        guint                     *out_n_frames,
                                        GError                   **error);

G_END_DECLS
