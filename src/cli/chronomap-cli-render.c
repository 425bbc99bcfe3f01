/* chronomap-cli-render.c: `chronomap-cli render FILE OUT.png|svg|pdf`
 *
 * Draws the offline basemap, the events of a time window, a legend, the
 * date caption and the attributions, without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "chronomap-basemap.h"
#include "chronomap-cli-commands.h"
#include "chronomap-event-store.h"

#define N_SLOTS 9

/* The viewer's palette (src/map/chronomap-event-style.c: GNOME HIG 3rd
 * shades), so a rendered map matches the app; slots go to the most
 * frequent types in the window, the last is "other". */
static const double palette[N_SLOTS][3] = {
  { 0.878, 0.106, 0.141 },
  { 0.208, 0.518, 0.894 },
  { 0.965, 0.827, 0.176 },
  { 0.569, 0.255, 0.675 },
  { 0.180, 0.761, 0.494 },
  { 1.000, 0.471, 0.000 },
  { 0.596, 0.416, 0.267 },
  { 0.000, 0.600, 0.600 },
  { 0.467, 0.463, 0.482 },
};

typedef struct
{
  guint32 type;
  guint   count;
} TypeCount;

static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const TypeCount *ta = a, *tb = b;
  ChronomapEventStore *store = user_data;

  if (ta->count != tb->count)
    return ta->count > tb->count ? -1 : 1;
  return g_strcmp0 (chronomap_event_store_get_string (store, ta->type),
                    chronomap_event_store_get_string (store, tb->type));
}

static gboolean
parse_size (const char *text,
            int        *width,
            int        *height)
{
  char *end = NULL;
  guint64 w, h;

  w = g_ascii_strtoull (text, &end, 10);
  if (end == text || (*end != 'x' && *end != 'X'))
    return FALSE;
  text = end + 1;
  h = g_ascii_strtoull (text, &end, 10);
  if (end == text || *end != '\0' || w < 64 || h < 64 || w > 16384 || h > 16384)
    return FALSE;
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}

static gboolean
parse_bbox (const char *text,
            double      bbox[4])
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  if (g_strv_length (parts) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      char *end = NULL;

      bbox[i] = g_ascii_strtod (g_strstrip (parts[i]), &end);
      if (end == parts[i] || *end != '\0' || !isfinite (bbox[i]))
        return FALSE;
    }
  return bbox[0] >= -180 && bbox[2] <= 180 && bbox[0] < bbox[2] &&
         bbox[1] >= -85 && bbox[3] <= 85 && bbox[1] < bbox[3];
}

/* A label on a translucent box, anchored at (x, y) top-left. */
static void
draw_label (cairo_t    *cr,
            const char *text,
            double      x,
            double      y,
            double      size,
            gboolean    dark)
{
  cairo_text_extents_t extents;
  double pad = size * 0.4;

  cairo_set_font_size (cr, size);
  cairo_text_extents (cr, text, &extents);
  if (dark)
    cairo_set_source_rgba (cr, 0.12, 0.12, 0.14, 0.8);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_rectangle (cr, x, y, extents.x_advance + 2 * pad, size + 2 * pad);
  cairo_fill (cr);
  if (dark)
    cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
  else
    cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
  cairo_move_to (cr, x + pad, y + pad + size * 0.8);
  cairo_show_text (cr, text);
}

int
chronomap_cli_render (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapEventStore) store = NULL;
  g_autoptr(ChronomapBasemap) basemap = NULL;
  g_autoptr(GArray) indices = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GHashTable) slots = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *bbox_text = NULL;
  g_autofree char *style_text = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *attribution = NULL;
  g_autofree char *title = NULL;
  g_autofree char *dataset_credit = NULL;
  const char *out;
  ChronomapBasemapStyle style = CHRONOMAP_BASEMAP_STYLE_LIGHT;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  gint32 from, to;
  int exit_status;
  int width = 1600, height = 900;
  double bbox[4];
  gboolean have_bbox = FALSE;
  double x0, y0, x1, y1, zoom, scale, origin_x, origin_y, unit;
  guint n_drawn = 0;
  char from_buf[16], to_buf[16];
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("First date shown (default: the first event)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("Last date shown (a month or year means its end)"), N_("DATE") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size_text,
      N_("Image size in pixels (default 1600x900)"), N_("WIDTHxHEIGHT") },
    { "bbox", 0, 0, G_OPTION_ARG_STRING, &bbox_text,
      N_("Area shown, in degrees (default: around the events)"), N_("WEST,SOUTH,EAST,NORTH") },
    { "style", 0, 0, G_OPTION_ARG_STRING, &style_text,
      N_("Basemap style: light or dark"), N_("STYLE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE OUT.png|svg|pdf — draw a map of the events"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return chronomap_cli_usage_error (context, error->message);
  if (files == NULL || files[0] == NULL || files[1] == NULL || files[2] != NULL)
    return chronomap_cli_usage_error (context, _("give the database FILE and the OUT image"));
  out = files[1];
  if (!g_str_has_suffix (out, ".png") && !g_str_has_suffix (out, ".svg") &&
      !g_str_has_suffix (out, ".pdf"))
    return chronomap_cli_usage_error (context, _("OUT must end in .png, .svg or .pdf"));
  if (size_text != NULL && !parse_size (size_text, &width, &height))
    return chronomap_cli_usage_error (context, _("--size takes WIDTHxHEIGHT, such as 1600x900"));
  if (bbox_text != NULL)
    {
      if (!parse_bbox (bbox_text, bbox))
        return chronomap_cli_usage_error (context, _("--bbox takes WEST,SOUTH,EAST,NORTH in "
                                                     "degrees, such as 35.5,32,42.5,37.5"));
      have_bbox = TRUE;
    }
  if (style_text != NULL)
    {
      if (g_strcmp0 (style_text, "dark") == 0)
        style = CHRONOMAP_BASEMAP_STYLE_DARK;
      else if (g_strcmp0 (style_text, "light") != 0)
        return chronomap_cli_usage_error (context, _("--style takes light or dark"));
    }

  store = chronomap_event_store_load (files[0], CHRONOMAP_LOAD_DEFAULT, NULL, &error);
  if (store == NULL)
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }
  if (!chronomap_event_store_get_range (store, &from, &to))
    from = to = chronomap_date_from_ymd (2000, 1, 1);
  exit_status = chronomap_cli_parse_window (context, from_text, to_text, &from, &to);
  if (exit_status >= 0)
    return exit_status;

  basemap = chronomap_basemap_get_default (&error);
  if (basemap == NULL)
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }

  /* The events in the window, their types by frequency, their extent. */
  indices = chronomap_event_store_query (store, from, to);
  counts = g_array_new (FALSE, FALSE, sizeof (TypeCount));
  slots = g_hash_table_new (NULL, NULL);
  {
    double west = 180, east = -180, south = 90, north = -90;
    g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);

    for (guint i = 0; i < indices->len; i++)
      {
        const ChronomapEvent *event =
          chronomap_event_store_get_event (store, g_array_index (indices, guint32, i));
        gpointer found;

        if (isnan (event->latitude))
          continue;
        west = MIN (west, event->longitude);
        east = MAX (east, event->longitude);
        south = MIN (south, event->latitude);
        north = MAX (north, event->latitude);
        if (g_hash_table_lookup_extended (index, GUINT_TO_POINTER (event->event_type), NULL,
                                          &found))
          g_array_index (counts, TypeCount, GPOINTER_TO_UINT (found)).count++;
        else
          {
            TypeCount tc = { event->event_type, 1 };

            g_hash_table_insert (index, GUINT_TO_POINTER (event->event_type),
                                 GUINT_TO_POINTER (counts->len));
            g_array_append_val (counts, tc);
          }
      }
    g_array_sort_with_data (counts, compare_counts, store);
    for (guint i = 0; i < counts->len; i++)
      g_hash_table_insert (slots, GUINT_TO_POINTER (g_array_index (counts, TypeCount, i).type),
                           GUINT_TO_POINTER (MIN (i, N_SLOTS - 1)));

    if (!have_bbox)
      {
        if (west > east)
          {
            /* Nothing to show: the world. */
            bbox[0] = -180, bbox[1] = -60, bbox[2] = 180, bbox[3] = 80;
          }
        else
          {
            /* A margin of a tenth, and at least half a degree across, so
             * a single town still shows its surroundings. */
            double pad_x = MAX ((east - west) * 0.1, 0.25);
            double pad_y = MAX ((north - south) * 0.1, 0.25);

            bbox[0] = MAX (-180, west - pad_x);
            bbox[1] = MAX (-85, south - pad_y);
            bbox[2] = MIN (180, east + pad_x);
            bbox[3] = MIN (85, north + pad_y);
          }
      }
  }

  /* The same fit as chronomap_basemap_draw_bbox(), kept here so that the
   * events are projected onto exactly the basemap's pixels. */
  chronomap_basemap_lat_lon_to_world (bbox[3], bbox[0], 0, &x0, &y0);
  chronomap_basemap_lat_lon_to_world (bbox[1], bbox[2], 0, &x1, &y1);
  zoom = CLAMP (log2 (MIN (width / (x1 - x0), height / (y1 - y0))), 0.0, 18.0);
  scale = exp2 (zoom);
  origin_x = (x0 + x1) / 2 * scale - width / 2.0;
  origin_y = (y0 + y1) / 2 * scale - height / 2.0;
  unit = MIN (width, height) / 900.0;

  if (g_str_has_suffix (out, ".svg"))
    surface = cairo_svg_surface_create (out, width, height);
  else if (g_str_has_suffix (out, ".pdf"))
    surface = cairo_pdf_surface_create (out, width, height);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);

  chronomap_basemap_draw (basemap, cr, style, zoom, origin_x, origin_y, width, height);

  /* Events in time order, so the latest are on top; area by fatalities. */
  cairo_set_line_width (cr, MAX (1.0, unit));
  for (guint i = 0; i < indices->len; i++)
    {
      const ChronomapEvent *event =
        chronomap_event_store_get_event (store, g_array_index (indices, guint32, i));
      guint slot;
      double wx, wy, radius;

      if (isnan (event->latitude))
        continue;
      chronomap_basemap_lat_lon_to_world (event->latitude, event->longitude, zoom, &wx, &wy);
      slot = GPOINTER_TO_UINT (g_hash_table_lookup (slots, GUINT_TO_POINTER (event->event_type)));
      radius = unit * (4 + 1.5 * sqrt (MAX (event->fatalities, 0)));
      radius = MIN (radius, unit * 20);
      cairo_arc (cr, wx - origin_x, wy - origin_y, radius, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, palette[slot][0], palette[slot][1], palette[slot][2], 0.85);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_stroke (cr);
      n_drawn++;
    }

  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);

  /* The caption: the window and how many events it holds. */
  chronomap_date_format_buf (from, CHRONOMAP_DATE_PRECISION_DAY, from_buf);
  chronomap_date_format_buf (to, CHRONOMAP_DATE_PRECISION_DAY, to_buf);
  caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s – %s · %u event on the map",
                                          "%s – %s · %u events on the map", n_drawn),
                             from_buf, to_buf, n_drawn);
  draw_label (cr, caption, 16 * unit, 16 * unit, 26 * unit, style == CHRONOMAP_BASEMAP_STYLE_DARK);

  /* The legend, top right: one swatch a slot. */
  {
    double size = 18 * unit, line = size * 1.6, box_w = 0, x, y = 16 * unit;
    guint n_rows = MIN (counts->len, N_SLOTS);
    g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

    cairo_set_font_size (cr, size);
    for (guint i = 0; i < n_rows; i++)
      {
        const TypeCount *tc = &g_array_index (counts, TypeCount, i);
        guint count = tc->count;
        char *label;
        cairo_text_extents_t extents;

        if (i == N_SLOTS - 1)
          {
            for (guint j = i + 1; j < counts->len; j++)
              count += g_array_index (counts, TypeCount, j).count;
            label = counts->len > N_SLOTS ? g_strdup_printf (_("Other (%u)"), count) :
              g_strdup_printf ("%s (%u)", chronomap_event_store_get_string (store, tc->type), count);
          }
        else
          label = g_strdup_printf ("%s (%u)", chronomap_event_store_get_string (store, tc->type),
                                   count);
        cairo_text_extents (cr, label, &extents);
        box_w = MAX (box_w, extents.x_advance);
        g_ptr_array_add (labels, label);
      }
    if (n_rows > 0)
      {
        box_w += size * 2.4;
        x = width - 16 * unit - box_w;
        if (style == CHRONOMAP_BASEMAP_STYLE_DARK)
          cairo_set_source_rgba (cr, 0.12, 0.12, 0.14, 0.8);
        else
          cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
        cairo_rectangle (cr, x, y, box_w, n_rows * line + size * 0.6);
        cairo_fill (cr);
        for (guint i = 0; i < n_rows; i++)
          {
            double cy = y + size * 0.3 + line * (i + 0.5);

            cairo_arc (cr, x + size * 0.9, cy, size * 0.4, 0, 2 * G_PI);
            cairo_set_source_rgb (cr, palette[i][0], palette[i][1], palette[i][2]);
            cairo_fill (cr);
            if (style == CHRONOMAP_BASEMAP_STYLE_DARK)
              cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
            else
              cairo_set_source_rgb (cr, 0.1, 0.1, 0.12);
            cairo_move_to (cr, x + size * 1.8, cy + size * 0.35);
            cairo_show_text (cr, labels->pdata[i]);
          }
      }
  }

  /* The attributions, bottom right: the data set's, then the basemap's. */
  title = chronomap_database_get_metadata (chronomap_event_store_get_database (store), "title");
  dataset_credit = chronomap_database_get_metadata (chronomap_event_store_get_database (store),
                                                    "attribution");
  attribution = g_strdup_printf ("%s · %s",
                                 dataset_credit != NULL ? dataset_credit :
                                 title != NULL ? title :
                                 chronomap_database_get_display_name (
                                   chronomap_event_store_get_database (store)),
                                 chronomap_basemap_get_attribution ());
  {
    cairo_text_extents_t extents;
    double size = 14 * unit;

    cairo_set_font_size (cr, size);
    cairo_text_extents (cr, attribution, &extents);
    draw_label (cr, attribution, width - extents.x_advance - size * 0.8 - 8 * unit,
                height - size * 1.8 - 8 * unit, size, style == CHRONOMAP_BASEMAP_STYLE_DARK);
  }

  cairo_destroy (cr);
  if (g_str_has_suffix (out, ".png"))
    status = cairo_surface_write_to_png (surface, out);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (out);

      fprintf (stderr, "chronomap-cli: %s: cannot be written: %s\n", display,
               cairo_status_to_string (status));
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }

  printf (_("Drew %u events to %s\n"), n_drawn, out);
  return CHRONOMAP_CLI_EXIT_OK;
}
