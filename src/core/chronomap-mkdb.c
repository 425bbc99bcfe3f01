/* chronomap-mkdb.c: build an event database from SQL text (build tool)
 *
 * Used at build time to turn data/sample/sample.sql into sample.sqlite: the
 * schema comes from the core library itself, so the sample always has the
 * current format, and the result is loaded once with the strict loader so a
 * mistake in the sample fails the build rather than the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-mkdb"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <glib/gstdio.h>

#include "chronomap-database.h"
#include "chronomap-event-store.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;

  if (argc < 3)
    {
      fprintf (stderr, "usage: chronomap-mkdb OUT.sqlite FILE.sql…\n");
      return 2;
    }

  tmp = g_strconcat (argv[1], ".tmp", NULL);
  g_unlink (tmp);

  {
    g_autoptr(ChronomapDatabase) db = NULL;

    db = chronomap_database_open (tmp, CHRONOMAP_DATABASE_READ_WRITE | CHRONOMAP_DATABASE_CREATE,
                                  &error);
    if (db == NULL || !chronomap_database_begin (db, &error))
      goto fail;

    for (int i = 2; i < argc; i++)
      {
        g_autofree char *sql = NULL;

        if (!g_file_get_contents (argv[i], &sql, NULL, &error) ||
            !chronomap_database_exec (db, sql, &error))
          {
            g_prefix_error (&error, "%s: ", argv[i]);
            goto fail;
          }
      }
    if (!chronomap_database_commit (db, &error))
      goto fail;
  }

  {
    g_autoptr(ChronomapEventStore) store = NULL;

    store = chronomap_event_store_load (tmp, CHRONOMAP_LOAD_DEFAULT, NULL, &error);
    if (store == NULL)
      goto fail;
  }

  if (g_rename (tmp, argv[1]) != 0)
    {
      fprintf (stderr, "chronomap-mkdb: %s: %s\n", argv[1], g_strerror (errno));
      return 1;
    }
  return 0;

fail:
  fprintf (stderr, "chronomap-mkdb: %s\n", error->message);
  g_unlink (tmp);
  return 1;
}
