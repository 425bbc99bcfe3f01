/* chronomap-map-sources.c: the map sources the app offers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three kinds, all ShumateRasterRenderers so the map widget treats them
 * alike: the offline basemap (the default: no network request at all), the
 * online base maps of ShumateMapSourceRegistry's defaults (fetched only
 * once the user picks one; libshumate's tile downloader caches them on
 * disk), and an MBTiles file.
 *
 * A source is remembered (GSettings) by its key: "offline", an online
 * source's registry id such as "osm-mapnik", or "mbtiles:" and a path.
 */
#define G_LOG_DOMAIN "chronomap-map-sources"

#include "config.h"

#include "chronomap-map-sources.h"

#include "chronomap-fallback-source.h"

#include <string.h>

#include "chronomap-basemap.h"
#include "chronomap-basemap-source.h"
#include "chronomap-error.h"
#include "chronomap-mbtiles-source.h"
#include "chronomap-paths.h"

#define OFFLINE_ID_PREFIX "chronomap-offline-"
#define MBTILES_ID_PREFIX "chronomap-mbtiles:"
#define MBTILES_KEY_PREFIX "mbtiles:"

/* The base maps among the registry's defaults; its OpenWeatherMap layers
 * are transparent overlays, not maps to read events on. */
static const char * const online_ids[] = {
  SHUMATE_MAP_SOURCE_OSM_MAPNIK,
  SHUMATE_MAP_SOURCE_OSM_CYCLE_MAP,
  SHUMATE_MAP_SOURCE_OSM_TRANSPORT_MAP,
  SHUMATE_MAP_SOURCE_MFF_RELIEF,
  NULL,
};

/* The offline basemap's data stops being useful for reading the land
 * (1:10m simplified to 0.004°) past CHRONOMAP_OFFLINE_DETAIL_ZOOM; deeper
 * zooms are still allowed so events can be told apart. */
#define OFFLINE_MAX_ZOOM 16

/* MBTiles attributions are HTML ("<a href=…>© OpenMapTiles</a>"); the map's
 * licence label wants plain text. */
static char *
strip_html (const char *html)
{
  static const struct { const char *entity; const char *text; } entities[] = {
    { "&copy;", "©" }, { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
    { "&quot;", "\"" }, { "&#39;", "'" }, { "&nbsp;", " " },
  };
  GString *out = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = html; *p != '\0'; p++)
    {
      if (in_tag)
        {
          if (*p == '>')
            in_tag = FALSE;
          continue;
        }
      if (*p == '<')
        {
          in_tag = TRUE;
          continue;
        }
      if (*p == '&')
        {
          gboolean replaced = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (entities) && !replaced; i++)
            if (g_str_has_prefix (p, entities[i].entity))
              {
                g_string_append (out, entities[i].text);
                p += strlen (entities[i].entity) - 1;
                replaced = TRUE;
              }
          if (replaced)
            continue;
        }
      g_string_append_c (out, *p);
    }

  return g_strstrip (g_string_free (out, FALSE));
}

/**
 * chronomap_map_source_new_offline:
 * @dark: %TRUE for the dark style (follow `AdwStyleManager:dark`)
 * @error: return location for a #GError
 *
 * The default basemap, drawn on this machine from bundled data, without
 * the towns' names: a #ChronomapEventLayer on the map draws them above
 * its events.  To follow
 * the desktop's style, make a new one on `notify::dark` and set it on the
 * map (light and dark sources have different ids, so their tiles are cached
 * apart).
 *
 * Returns: (transfer full) (nullable): the map source, or %NULL with @error
 *   set if the basemap data is not installed (damaged data shows up as
 *   tiles that fail to load, with a warning)
 */
ShumateMapSource *
chronomap_map_source_new_offline (gboolean   dark,
                                  GError   **error)
{
  return chronomap_map_source_new_offline_for_scale (dark, 1, error);
}

/**
 * chronomap_map_source_new_offline_for_scale:
 * @dark: %TRUE for the dark style
 * @scale_factor: the map widget's scale factor (gtk_widget_get_scale_factor())
 * @error: return location for a #GError
 *
 * As chronomap_map_source_new_offline(), with tiles drawn at @scale_factor
 * pixels per logical pixel so they are sharp on HiDPI screens.
 * chronomap_map_source_follow_style() keeps this in step with the widget.
 *
 * Returns: (transfer full) (nullable): the map source, or %NULL with @error set
 */
ShumateMapSource *
chronomap_map_source_new_offline_for_scale (gboolean   dark,
                                            int        scale_factor,
                                            GError   **error)
{
  g_autofree char *geometry = chronomap_paths_find_data ("basemap/basemap.bin");
  g_autofree char *places = chronomap_paths_find_data ("basemap/places.tsv");
  g_autoptr(ChronomapBasemapSource) data_source = NULL;
  g_autofree char *id = NULL;

  /* Only look for the files here: they are read on the tile workers, so
   * the window's first frame does not wait for them. */
  if (geometry == NULL || places == NULL)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_FOUND,
                   "The basemap data (basemap/basemap.bin, basemap/places.tsv) is not installed");
      return NULL;
    }

  scale_factor = CLAMP (scale_factor, 1, 4);
  /* The towns' names are left to the event layer, which draws them above
   * the events (see chronomap_map_source_get_offline_style()): a city's name must
   * not vanish under the events that happened there. */
  data_source = chronomap_basemap_source_new (NULL, dark ? CHRONOMAP_BASEMAP_STYLE_DARK
                                                         : CHRONOMAP_BASEMAP_STYLE_LIGHT,
                                              CHRONOMAP_BASEMAP_LAYER_ALL &
                                              ~CHRONOMAP_BASEMAP_LAYER_TOWN_LABELS,
                                              scale_factor);
  /* Each style and scale has its own id, so the map's tile cache keeps
   * their tiles apart. */
  if (scale_factor == 1)
    id = g_strdup (dark ? OFFLINE_ID_PREFIX "dark" : OFFLINE_ID_PREFIX "light");
  else
    id = g_strdup_printf (OFFLINE_ID_PREFIX "%s@%d", dark ? "dark" : "light", scale_factor);

  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (
    id,
    "Offline basemap",
    chronomap_basemap_get_attribution (),
    "https://www.naturalearthdata.com/about/terms-of-use/",
    0, OFFLINE_MAX_ZOOM, CHRONOMAP_BASEMAP_TILE_SIZE,
    SHUMATE_MAP_PROJECTION_MERCATOR,
    SHUMATE_DATA_SOURCE (data_source)));
}

/**
 * chronomap_map_source_get_online_ids:
 *
 * Returns: (transfer none) (array zero-terminated=1): the registry ids of
 *   the online base maps to offer in the map-source menu
 */
const char * const *
chronomap_map_source_get_online_ids (void)
{
  return online_ids;
}

/**
 * chronomap_map_source_new_online:
 * @id: one of chronomap_map_source_get_online_ids()
 * @error: return location for a #GError
 *
 * An online base map from ShumateMapSourceRegistry's defaults, with the
 * name, licence and licence URI the registry gives it (shown on the map by
 * ShumateLicense).  Nothing is fetched until the map shows it.
 *
 * Returns: (transfer full) (nullable): the map source, or %NULL with @error set
 */
ShumateMapSource *
chronomap_map_source_new_online (const char  *id,
                                 GError     **error)
{
  g_autoptr(ShumateMapSourceRegistry) registry = NULL;
  ShumateMapSource *source;

  g_return_val_if_fail (id != NULL, NULL);

  if (!g_strv_contains (online_ids, id))
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_FOUND,
                   "There is no online map source “%s”", id);
      return NULL;
    }

  registry = shumate_map_source_registry_new_with_defaults ();
  source = shumate_map_source_registry_get_by_id (registry, id);
  if (source == NULL)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_FOUND,
                   "This version of libshumate has no map source “%s”", id);
      return NULL;
    }

  /* The registry's tiles, with the offline map where they fail to come
   * (no network): the map never goes blank under the events. */
  if (SHUMATE_IS_RASTER_RENDERER (source))
    {
      g_autoptr(ShumateDataSource) online = NULL;

      g_object_get (source, "data-source", &online, NULL);
      if (online != NULL)
        {
          g_autoptr(ChronomapFallbackSource) fallback = chronomap_fallback_source_new (online);
          ShumateMapSource *wrapped = SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (
            shumate_map_source_get_id (source),
            shumate_map_source_get_name (source),
            shumate_map_source_get_license (source),
            shumate_map_source_get_license_uri (source),
            shumate_map_source_get_min_zoom_level (source),
            shumate_map_source_get_max_zoom_level (source),
            shumate_map_source_get_tile_size (source),
            shumate_map_source_get_projection (source),
            SHUMATE_DATA_SOURCE (fallback)));

          g_object_set_data_full (G_OBJECT (wrapped), "chronomap-fallback",
                                  g_object_ref (fallback), g_object_unref);
          return wrapped;
        }
    }
  return g_object_ref (source);
}

/**
 * chronomap_map_source_get_fallback:
 * @source: a map source
 *
 * Returns: (transfer none) (nullable): the data source that puts the
 *   offline map where @source's online tiles fail, if it has one
 */
ChronomapFallbackSource *
chronomap_map_source_get_fallback (ShumateMapSource *source)
{
  g_return_val_if_fail (SHUMATE_IS_MAP_SOURCE (source), NULL);

  return g_object_get_data (G_OBJECT (source), "chronomap-fallback");
}

/**
 * chronomap_map_source_new_mbtiles:
 * @path: an .mbtiles file with raster tiles
 * @error: return location for a #GError
 *
 * A map source reading @path, named and credited from its metadata and
 * limited to its zoom range; the offline basemap fills in tiles the file
 * lacks.  Fails, leaving the caller's current source alone, with the
 * messages of chronomap_mbtiles_open().
 *
 * Returns: (transfer full) (nullable): the map source, or %NULL with @error set
 */
ShumateMapSource *
chronomap_map_source_new_mbtiles (const char  *path,
                                  GError     **error)
{
  g_autoptr(ChronomapMbtiles) mbtiles = NULL;
  g_autoptr(ChronomapMbtilesSource) data_source = NULL;
  g_autofree char *id = NULL;
  g_autofree char *license = NULL;
  const char *attribution;

  g_return_val_if_fail (path != NULL, NULL);

  mbtiles = chronomap_mbtiles_open (path, error);
  if (mbtiles == NULL)
    return NULL;

  data_source = chronomap_mbtiles_source_new (mbtiles, TRUE);

  id = g_strconcat (MBTILES_ID_PREFIX, path, NULL);
  attribution = chronomap_mbtiles_get_attribution (mbtiles);
  license = attribution != NULL ? strip_html (attribution) : g_strdup ("");

  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (
    id,
    chronomap_mbtiles_get_name (mbtiles),
    license,
    NULL,
    chronomap_mbtiles_get_min_zoom (mbtiles),
    MAX (chronomap_mbtiles_get_max_zoom (mbtiles), chronomap_mbtiles_get_min_zoom (mbtiles)),
    256,
    SHUMATE_MAP_PROJECTION_MERCATOR,
    SHUMATE_DATA_SOURCE (data_source)));
}

/**
 * chronomap_map_source_new_for_key:
 * @key: "offline", an online id, or "mbtiles:" followed by a path
 * @dark: whether the offline basemap should use its dark style
 * @error: return location for a #GError
 *
 * Rebuilds the source a key (as from chronomap_map_source_dup_key() and
 * kept in GSettings) names.  Callers fall back to the offline basemap when
 * this fails (a moved MBTiles file, say).
 *
 * Returns: (transfer full) (nullable): the map source, or %NULL with @error set
 */
ShumateMapSource *
chronomap_map_source_new_for_key (const char  *key,
                                  gboolean     dark,
                                  GError     **error)
{
  g_return_val_if_fail (key != NULL, NULL);

  if (key[0] == '\0' || g_str_equal (key, CHRONOMAP_MAP_SOURCE_KEY_OFFLINE))
    return chronomap_map_source_new_offline (dark, error);
  if (g_str_has_prefix (key, MBTILES_KEY_PREFIX))
    return chronomap_map_source_new_mbtiles (key + strlen (MBTILES_KEY_PREFIX), error);
  return chronomap_map_source_new_online (key, error);
}

/**
 * chronomap_map_source_dup_key:
 * @source: a map source made by this file's functions
 *
 * Returns: (transfer full): the key to remember @source by
 */
char *
chronomap_map_source_dup_key (ShumateMapSource *source)
{
  const char *id;

  g_return_val_if_fail (SHUMATE_IS_MAP_SOURCE (source), NULL);

  id = shumate_map_source_get_id (source);
  if (id == NULL || g_str_has_prefix (id, OFFLINE_ID_PREFIX))
    return g_strdup (CHRONOMAP_MAP_SOURCE_KEY_OFFLINE);
  if (g_str_has_prefix (id, MBTILES_ID_PREFIX))
    return g_strconcat (MBTILES_KEY_PREFIX, id + strlen (MBTILES_ID_PREFIX), NULL);
  return g_strdup (id);
}

/**
 * chronomap_map_source_is_offline:
 * @source: a map source
 *
 * Returns: %TRUE if @source is the bundled basemap, which makes no network
 *   requests and should be swapped for its other style on `notify::dark`
 */
gboolean
chronomap_map_source_is_offline (ShumateMapSource *source)
{
  const char *id;

  g_return_val_if_fail (SHUMATE_IS_MAP_SOURCE (source), FALSE);

  id = shumate_map_source_get_id (source);
  return id != NULL && g_str_has_prefix (id, OFFLINE_ID_PREFIX);
}

/**
 * chronomap_map_source_get_offline_style:
 * @source: a map source
 * @style: (out): the bundled basemap's style, when it is that
 *
 * Returns: %TRUE if @source is the bundled basemap, whose tiles leave out
 *   the towns' names for the event layer to draw above the events
 */
gboolean
chronomap_map_source_get_offline_style (ShumateMapSource      *source,
                                        ChronomapBasemapStyle *style)
{
  const char *id;

  g_return_val_if_fail (SHUMATE_IS_MAP_SOURCE (source), FALSE);

  if (!chronomap_map_source_is_offline (source))
    return FALSE;
  id = shumate_map_source_get_id (source) + strlen (OFFLINE_ID_PREFIX);
  *style = g_str_has_prefix (id, "dark") ? CHRONOMAP_BASEMAP_STYLE_DARK : CHRONOMAP_BASEMAP_STYLE_LIGHT;
  return TRUE;
}

static void
set_background (ShumateSimpleMap *map,
                gboolean          dark)
{
  GtkCssProvider *provider = g_object_get_data (G_OBJECT (map), "chronomap-background");
  g_autofree char *css = NULL;
  double r, g, b;

  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      g_object_set_data_full (G_OBJECT (map), "chronomap-background", provider, g_object_unref);
      /* A provider for this widget only; the replacement for it
       * (GtkWidget CSS classes with a display-wide provider) would need
       * a class name shared with the app's style sheet. */
      gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (map)),
                                      GTK_STYLE_PROVIDER (provider),
                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }

  chronomap_basemap_get_sea_color (dark ? CHRONOMAP_BASEMAP_STYLE_DARK
                                        : CHRONOMAP_BASEMAP_STYLE_LIGHT, &r, &g, &b);
  css = g_strdup_printf ("* { background-color: rgb(%d, %d, %d); }",
                         (int) (r * 255 + 0.5), (int) (g * 255 + 0.5), (int) (b * 255 + 0.5));
  gtk_css_provider_load_from_data (provider, css, -1);
}

static void
style_dark_changed_cb (GObject          *style_manager,
                       GParamSpec       *pspec,
                       ShumateSimpleMap *map)
{
  ShumateMapSource *current = shumate_simple_map_get_map_source (map);
  g_autoptr(ShumateMapSource) replacement = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dark = FALSE;

  g_object_get (style_manager, "dark", &dark, NULL);
  set_background (map, dark);

  if (current != NULL && !chronomap_map_source_is_offline (current))
    return;

  replacement = chronomap_map_source_new_offline_for_scale (
    dark, gtk_widget_get_scale_factor (GTK_WIDGET (map)), &error);
  if (replacement != NULL && current != NULL &&
      g_str_equal (shumate_map_source_get_id (current), shumate_map_source_get_id (replacement)))
    return;
  if (replacement == NULL)
    {
      g_warning ("Cannot draw the offline basemap: %s", error->message);
      return;
    }
  shumate_simple_map_set_map_source (map, replacement);
}

static void
scale_factor_changed_cb (ShumateSimpleMap *map,
                         GParamSpec       *pspec,
                         GObject          *style_manager)
{
  style_dark_changed_cb (style_manager, NULL, map);
}

/**
 * chronomap_map_source_follow_style:
 * @map: the map
 * @style_manager: the `AdwStyleManager` (any object with a boolean "dark"
 *   property)
 *
 * Keeps @map's offline basemap in the style of the desktop: swaps the light
 * and dark basemaps on `notify::dark` and redraws it sharp when the
 * widget's scale factor changes (other sources are left alone), and
 * paints the map's background in the basemap's sea colour, so the seams
 * libshumate 1.0 leaves between tiles at fractional offsets do not show
 * the window's grey.  Sets the offline basemap now if @map has no source.
 */
void
chronomap_map_source_follow_style (ShumateSimpleMap *map,
                                   GObject          *style_manager)
{
  g_return_if_fail (SHUMATE_IS_SIMPLE_MAP (map));
  g_return_if_fail (G_IS_OBJECT (style_manager));
  g_return_if_fail (g_object_class_find_property (G_OBJECT_GET_CLASS (style_manager), "dark"));

  g_signal_connect_object (style_manager, "notify::dark",
                           G_CALLBACK (style_dark_changed_cb), map, 0);
  g_signal_connect_object (map, "notify::scale-factor",
                           G_CALLBACK (scale_factor_changed_cb), style_manager, 0);
  style_dark_changed_cb (style_manager, NULL, map);
}
