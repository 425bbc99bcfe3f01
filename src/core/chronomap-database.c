/* chronomap-database.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-database"

#include "config.h"

#include "chronomap-database.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "chronomap-core-resources.h"
#include "chronomap-error.h"

struct _ChronomapDatabase
{
  GObject   parent_instance;

  char     *path;
  char     *display_name;
  sqlite3  *db;
  gboolean  writable;
  int       version;
};

G_DEFINE_FINAL_TYPE (ChronomapDatabase, chronomap_database, G_TYPE_OBJECT)

/* The columns without which an events table cannot be shown at all.  Every
 * other column of the format is optional when reading. */
static const char * const required_event_columns[] = {
  "id", "date_start", "event_type", "location", NULL
};

static GBytes *
schema_bytes (void)
{
  static gsize once = 0;
  static GBytes *bytes = NULL;

  if (g_once_init_enter (&once))
    {
      /* Looked up in the core's own resource: a static library's resource
       * constructor is not linked in unless something refers to it. */
      bytes = g_resource_lookup_data (chronomap_core_get_resource (),
                                      "/io/github/chronomap/Chronomap/core/schema.sql",
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_assert (bytes != NULL);
      g_once_init_leave (&once, 1);
    }

  return bytes;
}

/**
 * chronomap_database_get_schema_sql:
 *
 * Returns: (transfer none): the text of data/schema.sql, the current format
 */
const char *
chronomap_database_get_schema_sql (void)
{
  return g_bytes_get_data (schema_bytes (), NULL);
}

static int
sqlite_code_to_error (int code)
{
  switch (code & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return CHRONOMAP_ERROR_NOT_A_DATABASE;
    case SQLITE_CANTOPEN:
      return CHRONOMAP_ERROR_NOT_FOUND;
    case SQLITE_READONLY:
      return CHRONOMAP_ERROR_READ_ONLY;
    case SQLITE_INTERRUPT:
      return CHRONOMAP_ERROR_CANCELLED;
    default:
      return CHRONOMAP_ERROR_FAILED;
    }
}

/**
 * chronomap_database_set_error:
 * @what: (nullable): what was being done, for the message
 *
 * Sets @error from the connection's last SQLite error, naming the file.
 */
void
chronomap_database_set_error (ChronomapDatabase  *self,
                              GError            **error,
                              const char         *what)
{
  int code = sqlite3_extended_errcode (self->db);
  const char *msg = sqlite3_errmsg (self->db);

  if ((code & 0xff) == SQLITE_NOTADB)
    g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_A_DATABASE,
                 "%s: not an SQLite database", self->display_name);
  else if ((code & 0xff) == SQLITE_CORRUPT)
    g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_A_DATABASE,
                 "%s: the database is damaged (%s)", self->display_name, msg);
  else if (what != NULL)
    g_set_error (error, CHRONOMAP_ERROR, sqlite_code_to_error (code),
                 "%s: %s: %s", self->display_name, what, msg);
  else
    g_set_error (error, CHRONOMAP_ERROR, sqlite_code_to_error (code),
                 "%s: %s", self->display_name, msg);
}

gboolean
chronomap_database_exec (ChronomapDatabase  *self,
                         const char         *sql,
                         GError            **error)
{
  g_return_val_if_fail (CHRONOMAP_IS_DATABASE (self), FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      chronomap_database_set_error (self, error, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
chronomap_database_begin (ChronomapDatabase  *self,
                          GError            **error)
{
  return chronomap_database_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
chronomap_database_commit (ChronomapDatabase  *self,
                           GError            **error)
{
  return chronomap_database_exec (self, "COMMIT", error);
}

void
chronomap_database_rollback (ChronomapDatabase *self)
{
  g_return_if_fail (CHRONOMAP_IS_DATABASE (self));

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
table_exists (sqlite3    *db,
              const char *table)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db,
                          "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

/* Column names of @table, in order; NULL if the table can't be read. */
static GPtrArray *
table_columns (sqlite3    *db,
               const char *table)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info(?)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return g_steal_pointer (&columns);
}

gboolean
chronomap_database_has_table (ChronomapDatabase *self,
                              const char        *table)
{
  g_return_val_if_fail (CHRONOMAP_IS_DATABASE (self), FALSE);
  return table_exists (self->db, table);
}

gboolean
chronomap_database_has_column (ChronomapDatabase *self,
                               const char        *table,
                               const char        *column)
{
  g_autoptr(GPtrArray) columns = NULL;

  g_return_val_if_fail (CHRONOMAP_IS_DATABASE (self), FALSE);

  columns = table_columns (self->db, table);
  if (columns == NULL)
    return FALSE;
  for (guint i = 0; i < columns->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (columns, i), column) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_geopackage (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  /* 'GPKG', and 'GP10' / 'GP11' of GeoPackage 1.0 and 1.1 */
  return id == 0x47504B47 || id == 0x47503130 || id == 0x47503131;
}

static gboolean
read_version (ChronomapDatabase  *self,
              GError            **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* The first statement is where SQLite finds out whether the file is a
   * database at all. */
  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    {
      chronomap_database_set_error (self, error, NULL);
      return FALSE;
    }
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_finalize (stmt);
      chronomap_database_set_error (self, error, NULL);
      return FALSE;
    }
  self->version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
check_required (ChronomapDatabase  *self,
                GError            **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  guint n_missing = 0;

  if (!table_exists (self->db, "events"))
    {
      /* Distinguish a damaged file from a database of something else. */
      if (sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK)
        {
          chronomap_database_set_error (self, error, NULL);
          return FALSE;
        }
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_MISSING_TABLE,
                   "%s: not a Chronomap event database: there is no table “events” "
                   "(it needs the columns id, date_start, event_type, location)",
                   self->display_name);
      return FALSE;
    }

  columns = table_columns (self->db, "events");
  for (guint i = 0; required_event_columns[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; columns != NULL && j < columns->len && !found; j++)
        found = g_ascii_strcasecmp (g_ptr_array_index (columns, j), required_event_columns[i]) == 0;
      if (!found)
        {
          g_string_append_printf (missing, "%s%s", n_missing > 0 ? ", " : "",
                                  required_event_columns[i]);
          n_missing++;
        }
    }

  if (n_missing > 0)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_MISSING_COLUMN,
                   "%s: table events has no column%s %s",
                   self->display_name, n_missing > 1 ? "s" : "", missing->str);
      return FALSE;
    }

  return TRUE;
}

/* Brings an older or foreign file up to the current format: creates the
 * tables it lacks and adds the optional columns its tables lack, taking the
 * column definitions from data/schema.sql itself (applied to a scratch
 * in-memory database) so that the schema has one source of truth. */
static gboolean
migrate_to_v1 (ChronomapDatabase  *self,
               GError            **error)
{
  static const char * const tables[] = { "dataset", "sources", "events", NULL };
  sqlite3 *scratch = NULL;
  gboolean ok = FALSE;

  if (sqlite3_open_v2 (":memory:", &scratch, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_exec (scratch, chronomap_database_get_schema_sql (), NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_FAILED,
                   "internal error: the bundled schema does not apply: %s",
                   scratch ? sqlite3_errmsg (scratch) : "out of memory");
      goto out;
    }

  for (guint t = 0; tables[t] != NULL; t++)
    {
      sqlite3_stmt *stmt = NULL;

      if (!table_exists (self->db, tables[t]))
        continue;  /* created by the schema below */

      sqlite3_prepare_v2 (scratch,
                          "SELECT name, type, dflt_value, \"notnull\" FROM pragma_table_info(?)",
                          -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, tables[t], -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 0);
          const char *type = (const char *) sqlite3_column_text (stmt, 1);
          const char *dflt = (const char *) sqlite3_column_text (stmt, 2);
          g_autofree char *sql = NULL;

          if (chronomap_database_has_column (self, tables[t], name))
            continue;

          sql = g_strdup_printf ("ALTER TABLE \"%s\" ADD COLUMN \"%s\" %s%s%s",
                                 tables[t], name, type,
                                 dflt != NULL ? " DEFAULT " : "", dflt != NULL ? dflt : "");
          if (!chronomap_database_exec (self, sql, error))
            {
              sqlite3_finalize (stmt);
              goto out;
            }
        }
      sqlite3_finalize (stmt);
    }

  if (!chronomap_database_exec (self, chronomap_database_get_schema_sql (), error))
    goto out;

  ok = TRUE;

out:
  sqlite3_close (scratch);
  return ok;
}

typedef gboolean (*MigrationFunc) (ChronomapDatabase *self, GError **error);

/* migrations[v] brings a file from version v to v + 1. */
static const MigrationFunc migrations[CHRONOMAP_DATABASE_VERSION] = {
  migrate_to_v1,
};

/* Whether a table or column of the current schema is missing, as in a file
 * stamped with the current version by a build whose schema had fewer
 * optional columns. */
static gboolean
lacks_schema_columns (ChronomapDatabase *self)
{
  static const char * const tables[] = { "dataset", "sources", "events", NULL };
  sqlite3 *scratch = NULL;
  gboolean lacks = FALSE;

  if (sqlite3_open_v2 (":memory:", &scratch, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_exec (scratch, chronomap_database_get_schema_sql (), NULL, NULL, NULL) != SQLITE_OK)
    {
      sqlite3_close (scratch);
      return TRUE;  /* let the migration report the problem */
    }

  for (guint t = 0; tables[t] != NULL && !lacks; t++)
    {
      g_autoptr(GPtrArray) columns = table_columns (scratch, tables[t]);

      if (!table_exists (self->db, tables[t]))
        lacks = TRUE;
      for (guint i = 0; columns != NULL && i < columns->len && !lacks; i++)
        if (!chronomap_database_has_column (self, tables[t], g_ptr_array_index (columns, i)))
          lacks = TRUE;
    }

  sqlite3_close (scratch);
  return lacks;
}

static gboolean
migrate (ChronomapDatabase  *self,
         GError            **error)
{
  g_autofree char *set_version = NULL;

  /* A current file is left as it is unless it lacks an optional column the
   * schema has; then the last migration (which only adds what is missing)
   * is applied again. */
  if (self->version == CHRONOMAP_DATABASE_VERSION)
    {
      if (!lacks_schema_columns (self))
        return TRUE;
      if (!chronomap_database_begin (self, error))
        return FALSE;
      if (!migrations[CHRONOMAP_DATABASE_VERSION - 1] (self, error) ||
          !chronomap_database_commit (self, error))
        {
          chronomap_database_rollback (self);
          return FALSE;
        }
      return TRUE;
    }

  if (!chronomap_database_begin (self, error))
    return FALSE;

  for (int v = self->version; v < CHRONOMAP_DATABASE_VERSION; v++)
    if (!migrations[v] (self, error))
      {
        chronomap_database_rollback (self);
        return FALSE;
      }

  set_version = g_strdup_printf ("PRAGMA user_version = %d", CHRONOMAP_DATABASE_VERSION);
  if (!chronomap_database_exec (self, set_version, error) ||
      !chronomap_database_commit (self, error))
    {
      chronomap_database_rollback (self);
      return FALSE;
    }

  self->version = CHRONOMAP_DATABASE_VERSION;
  return TRUE;
}

/* A file to be written must be whole: SQLite reads past damage it does
 * not reach, and an import or a geocode-db --write would add to a file
 * whose events are partly lost, and change it.  quick_check reads every
 * page once (a second or so for a million events) and stops at the first
 * fault. */
static gboolean
check_intact (ChronomapDatabase  *self,
              GError            **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *result = NULL;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA quick_check(1)", -1, &stmt, NULL) != SQLITE_OK)
    {
      chronomap_database_set_error (self, error, NULL);
      return FALSE;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    {
      chronomap_database_set_error (self, error, NULL);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  if (g_strcmp0 (result, "ok") == 0)
    return TRUE;
  g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_A_DATABASE,
               "%s: the database is damaged (%s); nothing was written to it. Work on a copy: "
               "sqlite3's .recover command saves what can be read",
               self->display_name, result != NULL ? result : "no answer");
  return FALSE;
}

/**
 * chronomap_database_open:
 * @path: the file
 * @flags: how to open it
 * @error: return location for an error naming the file and the reason
 *
 * Opens an event database and checks that it holds what Chronomap requires
 * (see data/schema.sql).  Read-only unless %CHRONOMAP_DATABASE_READ_WRITE is
 * given: then the file is migrated to the current format if it is older.
 *
 * Returns: (transfer full) (nullable): the database, or %NULL on error
 */
ChronomapDatabase *
chronomap_database_open (const char              *path,
                         ChronomapDatabaseFlags   flags,
                         GError                 **error)
{
  g_autoptr(ChronomapDatabase) self = NULL;
  gboolean writable = (flags & CHRONOMAP_DATABASE_READ_WRITE) != 0;
  gboolean create = writable && (flags & CHRONOMAP_DATABASE_CREATE) != 0;
  gboolean exists;
  int sqlite_flags;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CHRONOMAP_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->display_name = g_filename_display_name (path);
  self->writable = writable;

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!exists && !create)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_FOUND,
                   "%s: no such file", self->display_name);
      return NULL;
    }
  if (exists && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_A_DATABASE,
                   "%s: is a folder, not a database", self->display_name);
      return NULL;
    }
  if (exists && g_access (path, R_OK) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_FAILED,
                   "%s: cannot be read: %s", self->display_name, g_strerror (saved_errno));
      return NULL;
    }

  sqlite_flags = writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
  if (create)
    sqlite_flags |= SQLITE_OPEN_CREATE;

  if (sqlite3_open_v2 (path, &self->db, sqlite_flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      if (self->db != NULL)
        chronomap_database_set_error (self, error, "cannot be opened");
      else
        g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_FAILED,
                     "%s: cannot be opened: out of memory", self->display_name);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  /* A file another process is writing may be locked for a moment. */
  sqlite3_busy_timeout (self->db, 2000);

  if (!read_version (self, error))
    return NULL;

  if (self->version < 0)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_A_DATABASE,
                   "%s: the file claims event database format %d, which does not exist",
                   self->display_name, self->version);
      return NULL;
    }

  /* A GeoPackage (Chronomap's own export, say) is an SQLite file with a
   * version of its own (10300 for 1.3): it is no event database of a
   * newer Chronomap, and must not be called one. */
  if (self->version > CHRONOMAP_DATABASE_VERSION && is_geopackage (self->db))
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_A_DATABASE,
                   "%s: is a GeoPackage, not a Chronomap event database; QGIS opens it, and "
                   "Chronomap imports its events from a GeoJSON or CSV file", self->display_name);
      return NULL;
    }

  if (self->version > CHRONOMAP_DATABASE_VERSION)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_TOO_NEW,
                   "%s: the file uses event database format %d; this version of Chronomap "
                   "reads formats up to %d", self->display_name, self->version,
                   CHRONOMAP_DATABASE_VERSION);
      return NULL;
    }

  if (writable)
    {
      /* Asked to create, a new or empty file gets the whole schema; any
       * other file is checked first so that something else (an empty file
       * given by mistake, a database of something else) is refused rather
       * than changed. */
      if (create && !table_exists (self->db, "events") && self->version == 0)
        {
          gboolean empty = TRUE;
          sqlite3_stmt *stmt = NULL;

          if (sqlite3_prepare_v2 (self->db, "SELECT 1 FROM sqlite_master LIMIT 1", -1, &stmt, NULL) != SQLITE_OK)
            {
              chronomap_database_set_error (self, error, NULL);
              return NULL;
            }
          empty = sqlite3_step (stmt) != SQLITE_ROW;
          sqlite3_finalize (stmt);
          if (!empty)
            {
              g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_MISSING_TABLE,
                           "%s: holds other tables but no table “events”; refusing to change it",
                           self->display_name);
              return NULL;
            }
        }
      else if (!check_required (self, error) || !check_intact (self, error))
        return NULL;

      if (!migrate (self, error))
        return NULL;
    }
  else if (!check_required (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
chronomap_database_get_path (ChronomapDatabase *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_DATABASE (self), NULL);
  return self->path;
}

const char *
chronomap_database_get_display_name (ChronomapDatabase *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_DATABASE (self), NULL);
  return self->display_name;
}

/**
 * chronomap_database_get_handle:
 *
 * Returns: (transfer none): the SQLite connection, owned by @self
 */
sqlite3 *
chronomap_database_get_handle (ChronomapDatabase *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_DATABASE (self), NULL);
  return self->db;
}

gboolean
chronomap_database_is_writable (ChronomapDatabase *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_DATABASE (self), FALSE);
  return self->writable;
}

int
chronomap_database_get_version (ChronomapDatabase *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_DATABASE (self), 0);
  return self->version;
}

/**
 * chronomap_database_get_metadata:
 * @key: a key of the dataset table: "title", "description", "licence", ...
 *
 * Returns: (transfer full) (nullable): the value, or %NULL if unset
 */
char *
chronomap_database_get_metadata (ChronomapDatabase *self,
                                 const char        *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_return_val_if_fail (CHRONOMAP_IS_DATABASE (self), NULL);

  if (!table_exists (self->db, "dataset"))
    return NULL;
  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM dataset WHERE key = ?", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

gboolean
chronomap_database_set_metadata (ChronomapDatabase  *self,
                                 const char         *key,
                                 const char         *value,
                                 GError            **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CHRONOMAP_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!self->writable)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_READ_ONLY,
                   "%s: opened read-only", self->display_name);
      return FALSE;
    }
  if (sqlite3_prepare_v2 (self->db, "INSERT OR REPLACE INTO dataset (key, value) VALUES (?, ?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      chronomap_database_set_error (self, error, "dataset");
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      chronomap_database_set_error (self, error, "dataset");
      return FALSE;
    }
  return TRUE;
}

static void
chronomap_database_finalize (GObject *object)
{
  ChronomapDatabase *self = (ChronomapDatabase *) object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->display_name, g_free);

  G_OBJECT_CLASS (chronomap_database_parent_class)->finalize (object);
}

static void
chronomap_database_class_init (ChronomapDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronomap_database_finalize;
}

static void
chronomap_database_init (ChronomapDatabase *self)
{
}
