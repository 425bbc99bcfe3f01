/* chronomap-database.h: an event database file (format v1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The format version this build reads and writes (PRAGMA user_version). */
#define CHRONOMAP_DATABASE_VERSION 1

/**
 * ChronomapDatabaseFlags:
 * @CHRONOMAP_DATABASE_READ_ONLY: open for reading only; the file is never changed
 * @CHRONOMAP_DATABASE_READ_WRITE: open for writing; the schema is migrated to
 *   the current version (in one transaction) if it is older.  A file that is
 *   not an event database, an empty one too, is refused.
 * @CHRONOMAP_DATABASE_CREATE: with READ_WRITE, create the file with the
 *   current schema if it does not exist or is empty
 */
typedef enum
{
  CHRONOMAP_DATABASE_READ_ONLY = 0,
  CHRONOMAP_DATABASE_READ_WRITE = 1 << 0,
  CHRONOMAP_DATABASE_CREATE = 1 << 1,
} ChronomapDatabaseFlags;

#define CHRONOMAP_TYPE_DATABASE (chronomap_database_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapDatabase, chronomap_database, CHRONOMAP, DATABASE, GObject)

ChronomapDatabase *chronomap_database_open            (const char             *path,
                                                       ChronomapDatabaseFlags  flags,
                                                       GError                **error);
const char        *chronomap_database_get_path        (ChronomapDatabase      *self);
const char        *chronomap_database_get_display_name (ChronomapDatabase     *self);
sqlite3           *chronomap_database_get_handle      (ChronomapDatabase      *self);
gboolean           chronomap_database_is_writable     (ChronomapDatabase      *self);
int                chronomap_database_get_version     (ChronomapDatabase      *self);
gboolean           chronomap_database_has_table       (ChronomapDatabase      *self,
                                                       const char             *table);
gboolean           chronomap_database_has_column      (ChronomapDatabase      *self,
                                                       const char             *table,
                                                       const char             *column);
char              *chronomap_database_get_metadata    (ChronomapDatabase      *self,
                                                       const char             *key);
gboolean           chronomap_database_set_metadata    (ChronomapDatabase      *self,
                                                       const char             *key,
                                                       const char             *value,
                                                       GError                **error);
gboolean           chronomap_database_exec            (ChronomapDatabase      *self,
                                                       const char             *sql,
                                                       GError                **error);
gboolean           chronomap_database_begin           (ChronomapDatabase      *self,
                                                       GError                **error);
gboolean           chronomap_database_commit          (ChronomapDatabase      *self,
                                                       GError                **error);
void               chronomap_database_rollback        (ChronomapDatabase      *self);
void               chronomap_database_set_error       (ChronomapDatabase      *self,
                                                       GError                **error,
                                                       const char             *what);
const char        *chronomap_database_get_schema_sql  (void);

G_END_DECLS
