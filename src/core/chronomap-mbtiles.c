/* chronomap-mbtiles.c: read raster tiles from an MBTiles file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MBTiles 1.3: an SQLite file with a `metadata (name, value)` table and a
 * `tiles (zoom_level, tile_column, tile_row, tile_data)` table or view, rows
 * counted from the south (TMS).  Only raster tiles (PNG, JPEG, WebP when the
 * image loader knows it) can be drawn: vector tiles (pbf) are refused with a
 * message that says so.
 */
#define G_LOG_DOMAIN "chronomap-mbtiles"

#include "config.h"

#include "chronomap-mbtiles.h"

#include <sqlite3.h>
#include <string.h>

#include "chronomap-error.h"

struct _ChronomapMbtiles
{
  GObject   parent_instance;

  char     *path;
  char     *basename;
  sqlite3  *db;
  /* One connection shared by the worker threads that read tiles. */
  GMutex    lock;

  char     *name;
  char     *attribution;
  char     *format;
  int       min_zoom;
  int       max_zoom;
  gboolean  has_bounds;
  double    bounds[4];
};

G_DEFINE_FINAL_TYPE (ChronomapMbtiles, chronomap_mbtiles, G_TYPE_OBJECT)

/* g_set_str() is GLib 2.76. */
static void
replace_str (char       **field,
             const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static gboolean
table_exists (ChronomapMbtiles  *self,
              const char        *table,
              GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;
  gboolean found;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_A_DATABASE,
                   "%s is not an MBTiles file: %s", self->basename, sqlite3_errmsg (self->db));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  found = rc == SQLITE_ROW;
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_A_DATABASE,
                   "%s is not an MBTiles file: %s", self->basename, sqlite3_errmsg (self->db));
      return FALSE;
    }
  if (!found)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_MISSING_TABLE,
                   "%s is not an MBTiles file: it has no table “%s”", self->basename, table);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_metadata (ChronomapMbtiles  *self,
               GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT name, value FROM metadata", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_MISSING_COLUMN,
                   "%s: table metadata has no columns name and value (%s)",
                   self->basename, sqlite3_errmsg (self->db));
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (key == NULL || value == NULL)
        continue;
      if (g_str_equal (key, "name"))
        replace_str (&self->name, value);
      else if (g_str_equal (key, "attribution"))
        replace_str (&self->attribution, value);
      else if (g_str_equal (key, "format"))
        {
          g_free (self->format);
          self->format = g_ascii_strdown (value, -1);
        }
      else if (g_str_equal (key, "minzoom"))
        self->min_zoom = (int) g_ascii_strtoll (value, NULL, 10);
      else if (g_str_equal (key, "maxzoom"))
        self->max_zoom = (int) g_ascii_strtoll (value, NULL, 10);
      else if (g_str_equal (key, "bounds"))
        {
          g_auto(GStrv) parts = g_strsplit (value, ",", -1);

          if (g_strv_length (parts) == 4)
            {
              for (guint i = 0; i < 4; i++)
                self->bounds[i] = g_ascii_strtod (g_strstrip (parts[i]), NULL);
              self->has_bounds = self->bounds[0] < self->bounds[2] &&
                                 self->bounds[1] < self->bounds[3];
            }
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_A_DATABASE,
                   "%s: cannot read its metadata: %s", self->basename, sqlite3_errmsg (self->db));
      return FALSE;
    }

  return TRUE;
}

static const char *
sniff_format (const guint8 *data,
              gsize         len)
{
  if (len >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (len >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return "jpg";
  if (len >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "webp";
  if (len >= 2 && data[0] == 0x1f && data[1] == 0x8b)
    return "pbf";  /* gzip: vector tiles are stored compressed */
  return NULL;
}

/* Reads one tile to learn the format when the metadata does not say, and to
 * check that the tiles table has the columns of the specification. */
static gboolean
check_tiles (ChronomapMbtiles  *self,
             GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 1",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_MISSING_COLUMN,
                   "%s: table tiles lacks the columns zoom_level, tile_column, tile_row "
                   "and tile_data (%s)", self->basename, sqlite3_errmsg (self->db));
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && self->format == NULL)
    {
      const char *sniffed = sniff_format (sqlite3_column_blob (stmt, 3),
                                          sqlite3_column_bytes (stmt, 3));

      self->format = g_strdup (sniffed);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_A_DATABASE,
                   "%s: cannot read its tiles: %s", self->basename, sqlite3_errmsg (self->db));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_format (ChronomapMbtiles  *self,
              GError           **error)
{
  if (self->format == NULL)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_UNSUPPORTED,
                   "%s holds no tiles of a known format", self->basename);
      return FALSE;
    }
  if (g_str_equal (self->format, "pbf") || g_str_equal (self->format, "mvt"))
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_UNSUPPORTED,
                   "%s holds vector tiles (%s), which Chronomap cannot draw; "
                   "export the map with PNG or JPEG tiles instead",
                   self->basename, self->format);
      return FALSE;
    }
  if (g_str_equal (self->format, "jpeg"))
    replace_str (&self->format, "jpg");
  if (!g_str_equal (self->format, "png") && !g_str_equal (self->format, "jpg") &&
      !g_str_equal (self->format, "webp"))
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_UNSUPPORTED,
                   "%s holds tiles in the format “%s”; Chronomap reads PNG and JPEG tiles",
                   self->basename, self->format);
      return FALSE;
    }

  return TRUE;
}

/* Files from older tools leave minzoom/maxzoom out: take them from the
 * tiles themselves. */
static void
fill_zoom_range (ChronomapMbtiles *self)
{
  sqlite3_stmt *stmt = NULL;

  if (self->min_zoom >= 0 && self->max_zoom >= 0)
    return;
  if (sqlite3_prepare_v2 (self->db, "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      if (self->min_zoom < 0)
        self->min_zoom = sqlite3_column_int (stmt, 0);
      if (self->max_zoom < 0)
        self->max_zoom = sqlite3_column_int (stmt, 1);
    }
  sqlite3_finalize (stmt);

  if (self->min_zoom < 0)
    self->min_zoom = 0;
  if (self->max_zoom < self->min_zoom)
    self->max_zoom = self->min_zoom;
}

static void
chronomap_mbtiles_finalize (GObject *object)
{
  ChronomapMbtiles *self = (ChronomapMbtiles *) object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_mutex_clear (&self->lock);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->basename, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->attribution, g_free);
  g_clear_pointer (&self->format, g_free);

  G_OBJECT_CLASS (chronomap_mbtiles_parent_class)->finalize (object);
}

static void
chronomap_mbtiles_class_init (ChronomapMbtilesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronomap_mbtiles_finalize;
}

static void
chronomap_mbtiles_init (ChronomapMbtiles *self)
{
  g_mutex_init (&self->lock);
  self->min_zoom = -1;
  self->max_zoom = -1;
}

/**
 * chronomap_mbtiles_open:
 * @path: an .mbtiles file
 * @error: return location for a #GError
 *
 * Opens an MBTiles file read-only and checks that it holds raster tiles.
 * Fails with %CHRONOMAP_ERROR_NOT_FOUND, %CHRONOMAP_ERROR_NOT_A_DATABASE (not
 * SQLite, or damaged), %CHRONOMAP_ERROR_MISSING_TABLE (no metadata or tiles),
 * %CHRONOMAP_ERROR_MISSING_COLUMN or %CHRONOMAP_ERROR_UNSUPPORTED (vector
 * tiles, unknown format), each with a message naming the file.
 *
 * Returns: (transfer full) (nullable): the opened file, or %NULL
 */
ChronomapMbtiles *
chronomap_mbtiles_open (const char  *path,
                        GError     **error)
{
  g_autoptr(ChronomapMbtiles) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CHRONOMAP_TYPE_MBTILES, NULL);
  self->path = g_strdup (path);
  self->basename = g_path_get_basename (path);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_FOUND,
                   "%s does not exist or is not a file", path);
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_A_DATABASE,
                   "%s cannot be opened: %s", self->basename,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  if (!table_exists (self, "metadata", error) ||
      !table_exists (self, "tiles", error) ||
      !read_metadata (self, error) ||
      !check_tiles (self, error) ||
      !check_format (self, error))
    return NULL;

  fill_zoom_range (self);
  if (self->name == NULL)
    {
      g_autofree char *stem = g_strdup (self->basename);
      char *dot = strrchr (stem, '.');

      if (dot != NULL && dot != stem)
        *dot = '\0';
      self->name = g_steal_pointer (&stem);
    }

  return g_steal_pointer (&self);
}

const char *
chronomap_mbtiles_get_path (ChronomapMbtiles *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_MBTILES (self), NULL);
  return self->path;
}

/**
 * chronomap_mbtiles_get_name:
 * @self: a #ChronomapMbtiles
 *
 * Returns: the metadata's name, or the file name without its extension
 */
const char *
chronomap_mbtiles_get_name (ChronomapMbtiles *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_MBTILES (self), NULL);
  return self->name;
}

/**
 * chronomap_mbtiles_get_attribution:
 * @self: a #ChronomapMbtiles
 *
 * Returns: (nullable): the metadata's attribution (may hold HTML)
 */
const char *
chronomap_mbtiles_get_attribution (ChronomapMbtiles *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_MBTILES (self), NULL);
  return self->attribution;
}

/**
 * chronomap_mbtiles_get_format:
 * @self: a #ChronomapMbtiles
 *
 * Returns: "png", "jpg" or "webp"
 */
const char *
chronomap_mbtiles_get_format (ChronomapMbtiles *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_MBTILES (self), NULL);
  return self->format;
}

int
chronomap_mbtiles_get_min_zoom (ChronomapMbtiles *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_MBTILES (self), 0);
  return self->min_zoom;
}

int
chronomap_mbtiles_get_max_zoom (ChronomapMbtiles *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_MBTILES (self), 0);
  return self->max_zoom;
}

/**
 * chronomap_mbtiles_get_bounds:
 * @self: a #ChronomapMbtiles
 * @west: (out) (optional): western edge in degrees
 * @south: (out) (optional): southern edge
 * @east: (out) (optional): eastern edge
 * @north: (out) (optional): northern edge
 *
 * Returns: %TRUE if the metadata gives valid bounds
 */
gboolean
chronomap_mbtiles_get_bounds (ChronomapMbtiles *self,
                              double           *west,
                              double           *south,
                              double           *east,
                              double           *north)
{
  g_return_val_if_fail (CHRONOMAP_IS_MBTILES (self), FALSE);

  if (!self->has_bounds)
    return FALSE;
  if (west != NULL)
    *west = self->bounds[0];
  if (south != NULL)
    *south = self->bounds[1];
  if (east != NULL)
    *east = self->bounds[2];
  if (north != NULL)
    *north = self->bounds[3];
  return TRUE;
}

/**
 * chronomap_mbtiles_get_tile:
 * @self: a #ChronomapMbtiles
 * @zoom: zoom level
 * @x: column
 * @y: row counted from the north (XYZ, as the map widget counts them)
 * @error: return location for a #GError
 *
 * Reads one tile's image data.  Safe to call from any thread.
 *
 * Returns: (transfer full) (nullable): the encoded image, or %NULL with
 *   @error set to %CHRONOMAP_ERROR_NOT_FOUND when the file has no such tile
 */
GBytes *
chronomap_mbtiles_get_tile (ChronomapMbtiles  *self,
                            int                zoom,
                            int                x,
                            int                y,
                            GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  GBytes *bytes = NULL;
  int rc;

  g_return_val_if_fail (CHRONOMAP_IS_MBTILES (self), NULL);
  g_return_val_if_fail (zoom >= 0 && zoom < 31, NULL);

  g_mutex_lock (&self->lock);
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT tile_data FROM tiles "
                           "WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      /* MBTiles rows count from the south (TMS). */
      sqlite3_bind_int (stmt, 1, zoom);
      sqlite3_bind_int (stmt, 2, x);
      sqlite3_bind_int (stmt, 3, (1 << zoom) - 1 - y);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) > 0)
        bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
    }
  if (bytes == NULL)
    {
      if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_FOUND,
                     "%s has no tile %d/%d/%d", self->basename, zoom, x, y);
      else
        g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_A_DATABASE,
                     "%s: cannot read tile %d/%d/%d: %s", self->basename, zoom, x, y,
                     sqlite3_errmsg (self->db));
    }
  sqlite3_finalize (stmt);
  g_mutex_unlock (&self->lock);

  return bytes;
}
