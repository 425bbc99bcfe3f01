/* chronomap-cli-geocode.c: `chronomap-cli geocode` and `geocode-db`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <sqlite3.h>

#include "chronomap-cli-commands.h"
#include "chronomap-database.h"
#include "chronomap-geocoder.h"
#include "chronomap-json.h"
#include "chronomap-placement.h"

static ChronomapGeocoder *
open_geocoder (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronomapGazetteer) gazetteer = chronomap_gazetteer_new_default (&error);

  if (gazetteer == NULL)
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return NULL;
    }
  return chronomap_geocoder_new (gazetteer);
}

static void
append_entry_json (GString                       *out,
                   const ChronomapGazetteerEntry *entry)
{
  g_string_append (out, "{\"id\": ");
  chronomap_json_append_string (out, entry->id);
  g_string_append (out, ", \"name\": ");
  chronomap_json_append_string (out, entry->name);
  g_string_append (out, ", \"admin1\": ");
  chronomap_json_append_string (out, entry->admin1);
  g_string_append (out, ", \"country\": ");
  chronomap_json_append_string (out, entry->country[0] != '\0' ? entry->country : NULL);
  g_string_append (out, ", \"country_name\": ");
  chronomap_json_append_string (out, entry->country_name);
  g_string_append (out, ", \"latitude\": ");
  chronomap_json_append_double (out, entry->latitude);
  g_string_append (out, ", \"longitude\": ");
  chronomap_json_append_double (out, entry->longitude);
  g_string_append (out, ", \"precision\": ");
  chronomap_json_append_string (out, chronomap_precision_to_string (entry->precision));
  g_string_append_printf (out, ", \"population\": %u, \"source\": ", entry->population);
  chronomap_json_append_string (out, entry->source);
  g_string_append_c (out, '}');
}

static void
append_result_json (GString                      *out,
                    const ChronomapGeocodeResult *r)
{
  g_string_append (out, "{\"query\": ");
  chronomap_json_append_string (out, r->query);
  g_string_append_printf (out, ", \"resolved\": %s", r->resolved ? "true" : "false");
  g_string_append (out, ", \"latitude\": ");
  if (r->resolved)
    chronomap_json_append_double (out, r->latitude);
  else
    g_string_append (out, "null");
  g_string_append (out, ", \"longitude\": ");
  if (r->resolved)
    chronomap_json_append_double (out, r->longitude);
  else
    g_string_append (out, "null");
  g_string_append (out, ", \"precision\": ");
  chronomap_json_append_string (out, chronomap_precision_to_string (r->precision));
  g_string_append (out, ", \"confidence\": ");
  chronomap_json_append_double (out, round (r->confidence * 1000) / 1000);
  g_string_append_printf (out, ", \"near\": %s", r->near ? "true" : "false");
  g_string_append_printf (out, ", \"area_only\": %s", r->area_only ? "true" : "false");
  g_string_append (out, ", \"entry\": ");
  if (r->entry != NULL)
    append_entry_json (out, r->entry);
  else
    g_string_append (out, "null");
  g_string_append (out, ", \"alternatives\": [");
  for (guint i = 0; i < r->alternatives->len; i++)
    {
      const ChronomapGeocodeAlternative *alt = g_ptr_array_index (r->alternatives, i);

      if (i > 0)
        g_string_append (out, ", ");
      append_entry_json (out, alt->entry);
    }
  g_string_append (out, "]}");
}

/* Of the resolved, those placed in their area only, the name itself not
 * found there: counted apart, as the analyst has yet to find them. */
static void
print_area_only (guint n)
{
  if (n == 0)
    return;
  fprintf (stderr,
           g_dngettext (GETTEXT_PACKAGE,
                        "  of which %u only in the area given, its name not found there\n",
                        "  of which %u only in the areas given, their names not found there\n", n),
           n);
}

/* Tabs and newlines would break the line's columns. */
static void
put_field (const char *s)
{
  for (; s != NULL && *s != '\0'; s++)
    fputc ((*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s, stdout);
}

/* "\tlatitude\tlongitude\tname\tadmin1\tcountry\tconfidence\n", the
 * coordinates and names empty when unresolved */
static void
print_resolution_tsv (const ChronomapGeocodeResult *r)
{
  if (r->resolved)
    {
      char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

      printf ("\t%s\t%s\t", g_ascii_formatd (lat, sizeof lat, "%.6f", r->latitude),
              g_ascii_formatd (lon, sizeof lon, "%.6f", r->longitude));
      put_field (r->entry->name);
      fputc ('\t', stdout);
      put_field (r->entry->admin1);
      fputc ('\t', stdout);
      put_field (r->entry->country_name != NULL ? r->entry->country_name : r->entry->country);
      printf ("\t%.2f\n", r->confidence);
    }
  else
    {
      fputs ("\t\t\t\t\t\t0.00\n", stdout);
    }
}

static gboolean
valid_country (const char *cc)
{
  return cc == NULL || (strlen (cc) == 2 && g_ascii_isalpha (cc[0]) && g_ascii_isalpha (cc[1]));
}

/* A line's text for the geocoder: without its "\r\n" or "\n", and with a
 * NUL byte taken as the invalid character it is in a name (U+FFFD, as the
 * geocoder takes invalid UTF-8), so that it neither ends the line early
 * nor joins it to the next one. */
static char *
line_text (const GString *line)
{
  GString *text = g_string_sized_new (line->len);
  gsize len = line->len;

  if (len > 0 && line->str[len - 1] == '\r')
    len--;
  for (gsize i = 0; i < len; i++)
    {
      if (line->str[i] == '\0')
        g_string_append_unichar (text, 0xFFFD);
      else
        g_string_append_c (text, line->str[i]);
    }
  return g_string_free (text, FALSE);
}

/* Appends each line of @in to @lines, whatever bytes it holds: one query
 * per line in, so that the output has one line per line in. */
static gboolean
read_lines (FILE      *in,
            GPtrArray *lines)
{
  g_autoptr(GString) line = g_string_new (NULL);
  int c;

  while ((c = getc (in)) != EOF)
    {
      if (c != '\n')
        {
          g_string_append_c (line, c);
          continue;
        }
      g_ptr_array_add (lines, line_text (line));
      g_string_truncate (line, 0);
    }
  if (line->len > 0)
    g_ptr_array_add (lines, line_text (line));
  return !ferror (in);
}

int
chronomap_cli_geocode (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ChronomapGeocoder) geocoder = NULL;
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *country = NULL;
  g_autofree char *admin1 = NULL;
  gboolean json = FALSE;
  gboolean from_stdin = FALSE;
  g_autofree const char **hints = NULL;
  g_autofree const char **areas = NULL;
  guint n_resolved = 0;
  guint n_area_only = 0;
  const GOptionEntry entries[] = {
    { "country", 'c', 0, G_OPTION_ARG_STRING, &country,
      N_("The country the places are in (ISO 3166-1 alpha-2)"), N_("CC") },
    { "admin1", 'a', 0, G_OPTION_ARG_STRING, &admin1,
      N_("The province or governorate the places are in"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &names, NULL, NULL },
    { NULL }
  };

  context = g_option_context_new (_("NAME… — place names to coordinates (“-”: one a line on "
                                    "standard input)"));
  g_option_context_set_description (context,
    _("Prints one tab-separated line per name, in the order given: query,\n"
      "latitude, longitude, name, admin1, country, confidence (0 to 1).  The\n"
      "coordinates are empty when a name is not found; with --admin1, a name\n"
      "not found in that area is put there, as a guess (confidence 0.10 or\n"
      "0.20).  Names read from standard input are counted, found and not, on\n"
      "standard error.  --json prints each result in full, with the gazetteer\n"
      "entry and the alternatives."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return chronomap_cli_usage_error (context, error->message);
  if (names == NULL || names[0] == NULL)
    return chronomap_cli_usage_error (context, _("give at least one NAME, or “-”"));
  if (!valid_country (country))
    return chronomap_cli_usage_error (context, _("--country takes a two-letter code such as SY"));
  /* "sy" is SY */
  if (country != NULL)
    for (char *c = country; *c != '\0'; c++)
      *c = g_ascii_toupper (*c);

  from_stdin = strcmp (names[0], "-") == 0 && names[1] == NULL;
  if (from_stdin)
    {
      if (!read_lines (stdin, queries))
        {
          fprintf (stderr, "chronomap-cli: %s\n", _("cannot read standard input"));
          return CHRONOMAP_CLI_EXIT_FAILURE;
        }
    }
  else
    {
      for (guint i = 0; names[i] != NULL; i++)
        g_ptr_array_add (queries, g_strdup (names[i]));
    }

  geocoder = open_geocoder ();
  if (geocoder == NULL)
    return CHRONOMAP_CLI_EXIT_FAILURE;
  /* a code of no country would silently hint nothing */
  if (country != NULL &&
      chronomap_gazetteer_get_country_name (chronomap_geocoder_get_gazetteer (geocoder), country) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("--country %s: no country has that code (ISO 3166-1 "
                                                    "alpha-2, such as SY)"), country);

      return chronomap_cli_usage_error (context, message);
    }

  hints = g_new0 (const char *, MAX (queries->len, 1));
  areas = g_new0 (const char *, MAX (queries->len, 1));
  for (guint i = 0; i < queries->len; i++)
    {
      hints[i] = country;
      areas[i] = admin1;
    }

  /* The names given together are one data set: resolved together, each
   * helps place the ambiguous others. */
  results = chronomap_geocoder_geocode_all (geocoder, (const char * const *) queries->pdata,
                                            hints, areas, queries->len);

  if (json)
    out = g_string_new ("[");
  for (guint i = 0; i < results->len; i++)
    {
      const ChronomapGeocodeResult *r = g_ptr_array_index (results, i);

      n_resolved += r->resolved;
      n_area_only += r->area_only;
      if (json)
        {
          g_string_append (out, i > 0 ? ",\n " : "");
          append_result_json (out, r);
        }
      else
        {
          put_field (r->query);
          print_resolution_tsv (r);
        }
    }
  if (json)
    {
      g_string_append (out, "]\n");
      fputs (out->str, stdout);
    }

  if (from_stdin)
    {
      fprintf (stderr, _("geocode: %u resolved, %u unresolved\n"),
               n_resolved, results->len - n_resolved);
      print_area_only (n_area_only);
    }

  return CHRONOMAP_CLI_EXIT_OK;
}

static const char *
precision_column (const ChronomapGeocodeResult *r)
{
  switch (r->precision)
    {
    case CHRONOMAP_PRECISION_PLACE: return r->near ? "near" : "exact";
    case CHRONOMAP_PRECISION_ADMIN: return "admin1";
    case CHRONOMAP_PRECISION_COUNTRY: return "country";
    case CHRONOMAP_PRECISION_RIVER:
    case CHRONOMAP_PRECISION_OTHER: return "feature";
    case CHRONOMAP_PRECISION_NONE:
    default:
      return NULL;
    }
}

typedef struct
{
  char *location;
  char *country;
  char *area;      /* the geocoder's area hint, or NULL */
  guint n_events;
} Location;

static void
location_clear (gpointer data)
{
  Location *l = data;

  g_free (l->location);
  g_free (l->country);
  g_free (l->area);
}

static gboolean
read_locations (ChronomapDatabase  *db,
                GArray             *locations,
                guint              *n_without_location,
                GError            **error)
{
  sqlite3 *handle = chronomap_database_get_handle (db);
  sqlite3_stmt *stmt = NULL;
  gboolean has_country = chronomap_database_has_column (db, "events", "country");
  gboolean has_admin1 = chronomap_database_has_column (db, "events", "admin1");
  gboolean has_admin2 = chronomap_database_has_column (db, "events", "admin2");
  g_autofree char *sql = NULL;
  int rc;

  /* One row per location, country and areas, the most common areas of a
   * location first: a location takes the areas most of its events give,
   * as in the event store.  Events without a location are only counted,
   * so that the report accounts for every event of the file. */
  sql = g_strdup_printf ("SELECT location, %s, %s, %s, count(*) AS n FROM events "
                         "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, n DESC, 3, 4",
                         has_country ? "country" : "NULL",
                         has_admin1 ? "admin1" : "NULL",
                         has_admin2 ? "admin2" : "NULL");
  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      chronomap_database_set_error (db, error, "reading locations");
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *location = (const char *) sqlite3_column_text (stmt, 0);
      const char *country = (const char *) sqlite3_column_text (stmt, 1);
      Location *last = locations->len > 0 ?
                       &g_array_index (locations, Location, locations->len - 1) : NULL;
      Location l;

      if (location == NULL || location[0] == '\0')
        {
          *n_without_location += sqlite3_column_int (stmt, 4);
          continue;
        }
      if (last != NULL && g_strcmp0 (last->location, location) == 0 &&
          g_strcmp0 (last->country, country) == 0)
        {
          last->n_events += sqlite3_column_int (stmt, 4);
          continue;
        }
      l.location = g_strdup (location);
      l.country = g_strdup (country);
      l.area = chronomap_geocoder_area_hint ((const char *) sqlite3_column_text (stmt, 2),
                                             (const char *) sqlite3_column_text (stmt, 3));
      l.n_events = sqlite3_column_int (stmt, 4);
      g_array_append_val (locations, l);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      chronomap_database_set_error (db, error, "reading locations");
      return FALSE;
    }
  return TRUE;
}

/* Coordinates that geocoding wrote name the gazetteer entry in geo_source;
 * those the data set gave itself have 'source' there, or nothing. */
#define GEOCODED "(geo_source IS NOT NULL AND geo_source != 'source')"

/* An UPDATE of the position of the events at location ?5 with country hint
 * ?6 that match @condition: latitude ?1, longitude ?2, geo_precision ?3 and
 * geo_source ?4, of the columns the file has. */
static sqlite3_stmt *
prepare_position_update (ChronomapDatabase  *db,
                         const char         *condition,
                         GError            **error)
{
  g_autoptr(GString) sql = g_string_new ("UPDATE events SET latitude = ?1, longitude = ?2");
  sqlite3_stmt *stmt = NULL;

  if (chronomap_database_has_column (db, "events", "geo_precision"))
    g_string_append (sql, ", geo_precision = ?3");
  if (chronomap_database_has_column (db, "events", "geo_source"))
    g_string_append (sql, ", geo_source = ?4");
  g_string_append (sql, " WHERE location = ?5");
  if (chronomap_database_has_column (db, "events", "country"))
    g_string_append (sql, " AND country IS ?6");
  g_string_append_printf (sql, " AND %s", condition);

  if (sqlite3_prepare_v2 (chronomap_database_get_handle (db), sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      chronomap_database_set_error (db, error, "writing coordinates");
      return NULL;
    }
  return stmt;
}

/* Fills the coordinates of the events at each resolved location, and
 * clears those that geocoding wrote before at a location that no longer
 * resolves, so that no event keeps a place the gazetteer no longer gives;
 * all in one transaction.  Coordinates the data set itself gave are never
 * changed.  Without a geo_source column nothing tells the two apart, so
 * only missing coordinates are filled. */
static gboolean
write_positions (ChronomapDatabase  *db,
                 GArray             *locations,
                 GPtrArray          *results,
                 guint              *n_written,
                 guint              *n_cleared,
                 GError            **error)
{
  sqlite3 *handle = chronomap_database_get_handle (db);
  gboolean has_source = chronomap_database_has_column (db, "events", "geo_source");
  sqlite3_stmt *fill = NULL;
  sqlite3_stmt *clear = NULL;
  gboolean ok = FALSE;

  *n_written = 0;
  *n_cleared = 0;
  if (!chronomap_database_begin (db, error))
    return FALSE;

  fill = prepare_position_update (db, has_source ?
                                  "(latitude IS NULL OR longitude IS NULL OR " GEOCODED ")" :
                                  "(latitude IS NULL OR longitude IS NULL)", error);
  if (fill == NULL)
    goto out;
  if (has_source)
    {
      clear = prepare_position_update (db, "(latitude IS NOT NULL OR longitude IS NOT NULL) AND "
                                       GEOCODED, error);
      if (clear == NULL)
        goto out;
    }

  for (guint i = 0; i < locations->len; i++)
    {
      const Location *l = &g_array_index (locations, Location, i);
      const ChronomapGeocodeResult *r = g_ptr_array_index (results, i);
      sqlite3_stmt *stmt = r->resolved ? fill : clear;

      if (stmt == NULL)
        continue;
      /* Clearing leaves ?1 to ?4 unbound: NULL. */
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      if (r->resolved)
        {
          sqlite3_bind_double (stmt, 1, r->latitude);
          sqlite3_bind_double (stmt, 2, r->longitude);
          sqlite3_bind_text (stmt, 3, precision_column (r), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, r->entry->id, -1, SQLITE_TRANSIENT);
        }
      sqlite3_bind_text (stmt, 5, l->location, -1, SQLITE_TRANSIENT);
      if (l->country != NULL)
        sqlite3_bind_text (stmt, 6, l->country, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          chronomap_database_set_error (db, error, "writing coordinates");
          goto out;
        }
      if (r->resolved)
        *n_written += sqlite3_changes (handle);
      else
        *n_cleared += sqlite3_changes (handle);
    }

  ok = TRUE;

out:
  sqlite3_finalize (fill);
  sqlite3_finalize (clear);
  if (!ok)
    {
      chronomap_database_rollback (db);
      return FALSE;
    }
  return chronomap_database_commit (db, error);
}

int
chronomap_cli_geocode_db (int    argc,
                          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ChronomapGeocoder) geocoder = NULL;
  g_autoptr(ChronomapDatabase) db = NULL;
  g_autoptr(GArray) locations = g_array_new (FALSE, TRUE, sizeof (Location));
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree const char **queries = NULL;
  g_autofree const char **hints = NULL;
  g_autofree const char **areas = NULL;
  g_auto(GStrv) files = NULL;
  gboolean write = FALSE;
  gboolean json = FALSE;
  guint n_area_only = 0;
  guint n_resolved = 0, n_events_resolved = 0, n_events = 0, n_without_location = 0;
  guint n_written = 0, n_cleared = 0;
  const GOptionEntry entries[] = {
    { "write", 'w', 0, G_OPTION_ARG_NONE, &write,
      N_("Store the coordinates in the file (one transaction)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  g_array_set_clear_func (locations, location_clear);

  context = g_option_context_new (_("FILE — geocode the locations of an event database"));
  g_option_context_set_description (context,
    _("Prints each distinct location with its country hint, number of events and\n"
      "resolution: location, country, events, latitude, longitude, name, admin1,\n"
      "country name, confidence.  With --write, fills the coordinates of events\n"
      "that have none (or were geocoded before) and clears those geocoded before\n"
      "at a location that no longer resolves, never those the data set gave."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return chronomap_cli_usage_error (context, error->message);
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    return chronomap_cli_usage_error (context, _("give exactly one FILE"));

  db = chronomap_database_open (files[0],
                                write ? CHRONOMAP_DATABASE_READ_WRITE : CHRONOMAP_DATABASE_READ_ONLY,
                                &error);
  if (db == NULL || !read_locations (db, locations, &n_without_location, &error))
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }

  geocoder = open_geocoder ();
  if (geocoder == NULL)
    return CHRONOMAP_CLI_EXIT_FAILURE;

  queries = g_new0 (const char *, MAX (locations->len, 1));
  hints = g_new0 (const char *, MAX (locations->len, 1));
  areas = g_new0 (const char *, MAX (locations->len, 1));
  for (guint i = 0; i < locations->len; i++)
    {
      queries[i] = g_array_index (locations, Location, i).location;
      hints[i] = g_array_index (locations, Location, i).country;
      areas[i] = g_array_index (locations, Location, i).area;
    }
  results = chronomap_geocoder_geocode_all (geocoder, queries, hints, areas, locations->len);

  if (json)
    out = g_string_new ("[");
  for (guint i = 0; i < locations->len; i++)
    {
      const Location *l = &g_array_index (locations, Location, i);
      const ChronomapGeocodeResult *r = g_ptr_array_index (results, i);

      n_events += l->n_events;
      if (r->resolved)
        {
          n_resolved++;
          n_events_resolved += l->n_events;
        }
      n_area_only += r->area_only;
      if (json)
        {
          g_string_append (out, i > 0 ? ",\n " : "");
          g_string_append (out, "{\"country_hint\": ");
          chronomap_json_append_string (out, l->country);
          g_string_append_printf (out, ", \"events\": %u, \"result\": ", l->n_events);
          append_result_json (out, r);
          g_string_append_c (out, '}');
        }
      else
        {
          put_field (l->location);
          fputc ('\t', stdout);
          put_field (l->country);
          printf ("\t%u", l->n_events);
          print_resolution_tsv (r);
        }
    }
  if (json)
    {
      g_string_append (out, "]\n");
      fputs (out->str, stdout);
    }

  if (write && !write_positions (db, locations, results, &n_written, &n_cleared, &error))
    {
      fprintf (stderr, "chronomap-cli: %s\n", error->message);
      return CHRONOMAP_CLI_EXIT_FAILURE;
    }

  fprintf (stderr, _("geocode-db: %u of %u locations resolved\n"), n_resolved, locations->len);
  print_area_only (n_area_only);
  fprintf (stderr, _("geocode-db: %u events: %u resolved, %u unresolved, %u without a location\n"),
           n_events + n_without_location, n_events_resolved, n_events - n_events_resolved,
           n_without_location);
  if (write)
    {
      fprintf (stderr, _("geocode-db: coordinates written for %u events\n"), n_written);
      fprintf (stderr, _("geocode-db: coordinates cleared for %u events whose location "
                         "no longer resolves\n"), n_cleared);
    }

  return CHRONOMAP_CLI_EXIT_OK;
}

/* Places the events of @store (the file at @path) that the file does not,
 * as the app does: with the bundled and the user's gazetteers, the cache
 * and the analyst's picks, so that what the CLI renders and exports is
 * what the app shows.  When that cannot be done (no gazetteer installed)
 * it says so and leaves the file's own coordinates: the export or the
 * image is still made.  Returns the credit the user's gazetteers earn
 * (chronomap_placements_credit()), or NULL. */
char *
chronomap_cli_place_events (ChronomapEventStore *store,
                            const char          *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) placements = NULL;
  g_autoptr(GError) error = NULL;

  file = g_file_new_for_commandline_arg (path);
  placements = chronomap_placements_find (store, file, NULL, &error);
  if (placements == NULL)
    {
      fprintf (stderr, _("chronomap-cli: places not looked up (%s); only the file’s own coordinates "
                         "are used\n"), error->message);
      return NULL;
    }
  chronomap_placements_apply (store, placements);
  return chronomap_placements_credit (placements);
}
