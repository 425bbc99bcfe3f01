/* chronomap-event-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-event-store"

#include "config.h"

#include "chronomap-event-store.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>
#endif

#include "chronomap-error.h"
#include "chronomap-string-pool-private.h"

/* Window queries.  Events are sorted by their first day.  An event overlaps
 * [from, to] when start <= to and end >= from; with start sorted, the first
 * condition is a binary search, but the second is not, because a long event
 * that started early may still overlap.  So the events are split into
 * classes by their length (one day, up to a month, up to a year, longer),
 * each a list of indices in time order that knows its longest event: within
 * a class only events starting no earlier than from - longest can overlap,
 * which bounds the scan to that margin.  Day events, the common case, need no
 * scan at all to be counted. */
enum { SPAN_DAY, SPAN_MONTH, SPAN_YEAR, SPAN_LONGER, N_SPAN_CLASSES };

typedef struct
{
  GArray *indices;   /* guint32, ascending */
  gint32  max_span;  /* end - start of the longest member */
} SpanClass;

struct _ChronomapEventStore
{
  GObject              parent_instance;

  ChronomapDatabase   *database;
  ChronomapStringPool *strings;
  GArray              *events;        /* ChronomapEvent, sorted by start */
  SpanClass            spans[N_SPAN_CLASSES];
  gint32               first_day;
  gint32               last_day;

  GArray              *locations;     /* ChronomapLocation */
  guint32             *location_of;   /* string id -> index in locations + 1, 0: none */
  guint                n_location_ids;
  guint32             *loc_offsets;   /* CSR: events of each location */
  guint32             *loc_events;

  GArray              *id_order;      /* guint32 indices sorted by id, built on demand */
  GArray              *sources;       /* ChronomapSource, sorted by id */
  GPtrArray           *problems;
  char                *details_sql;
};

G_DEFINE_FINAL_TYPE (ChronomapEventStore, chronomap_event_store, G_TYPE_OBJECT)

enum {
  POSITIONS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The columns the store keeps, in the order of the SELECT. */
enum {
  COL_ID, COL_DATE_START, COL_DATE_END, COL_DATE_PRECISION, COL_EVENT_TYPE,
  COL_SUB_EVENT_TYPE, COL_ACTOR1, COL_ACTOR2, COL_LOCATION, COL_COUNTRY,
  COL_LATITUDE, COL_LONGITUDE, COL_GEO_PRECISION, COL_FATALITIES, COL_SOURCE_ID,
  COL_ADMIN1, COL_ADMIN2,
  N_COLUMNS
};

static const char * const column_names[N_COLUMNS] = {
  "id", "date_start", "date_end", "date_precision", "event_type",
  "sub_event_type", "actor1", "actor2", "location", "country",
  "latitude", "longitude", "geo_precision", "fatalities", "source_id",
  "admin1", "admin2",
};

/* The columns interned in the string pool. */
static const int text_columns[] = {
  COL_EVENT_TYPE, COL_SUB_EVENT_TYPE, COL_ACTOR1, COL_ACTOR2, COL_LOCATION, COL_ADMIN1, COL_ADMIN2,
};

static const char * const geo_precision_names[] = {
  NULL, "exact", "near", "admin2", "admin1", "feature", "country",
};

const char *
chronomap_geo_precision_to_string (ChronomapGeoPrecision precision)
{
  if (precision <= CHRONOMAP_GEO_PRECISION_UNKNOWN || precision > CHRONOMAP_GEO_PRECISION_COUNTRY)
    return NULL;
  return geo_precision_names[precision];
}

/**
 * chronomap_geo_precision_radius_m:
 * @precision: a #ChronomapGeoPrecision
 *
 * Returns: how far, in metres, a place of @precision may lie from its
 *   point: the area a map draws around a coarse location; 0 for a point
 *   (exact, near, unknown)
 */
double
chronomap_geo_precision_radius_m (ChronomapGeoPrecision precision)
{
  switch (precision)
    {
    case CHRONOMAP_GEO_PRECISION_ADMIN2:
      return 25000.0;
    case CHRONOMAP_GEO_PRECISION_ADMIN1:
    case CHRONOMAP_GEO_PRECISION_FEATURE:
      return 70000.0;
    case CHRONOMAP_GEO_PRECISION_COUNTRY:
      return 250000.0;
    case CHRONOMAP_GEO_PRECISION_UNKNOWN:
    case CHRONOMAP_GEO_PRECISION_EXACT:
    case CHRONOMAP_GEO_PRECISION_NEAR:
    default:
      return 0.0;
    }
}

gboolean
chronomap_geo_precision_from_string (const char            *text,
                                     ChronomapGeoPrecision *out_precision)
{
  if (text == NULL)
    return FALSE;
  /* The loader asks for every event: the names as written first. */
  for (guint i = 1; i < G_N_ELEMENTS (geo_precision_names); i++)
    if (strcmp (text, geo_precision_names[i]) == 0)
      {
        if (out_precision != NULL)
          *out_precision = i;
        return TRUE;
      }
  for (guint i = 1; i < G_N_ELEMENTS (geo_precision_names); i++)
    if (g_ascii_strcasecmp (text, geo_precision_names[i]) == 0)
      {
        if (out_precision != NULL)
          *out_precision = i;
        return TRUE;
      }
  return FALSE;
}

void
chronomap_event_details_free (ChronomapEventDetails *details)
{
  if (details == NULL)
    return;
  g_free (details->notes);
  g_free (details->quote);
  g_free (details->external_id);
  g_free (details->geo_source);
  g_free (details->attributes);
  g_free (details);
}

static void
source_clear (gpointer data)
{
  ChronomapSource *source = data;

  g_free (source->title);
  g_free (source->publisher);
  g_free (source->url);
  g_free (source->published);
}

/* Loading ---------------------------------------------------------------- */

/* Loading is dominated by per-row work (dates, interning) on top of SQLite's
 * own stepping, so on a machine with more than one core the rows are split
 * by rowid into two shares read at once, each on its own read-only
 * connection.  Small files, and tables without a rowid, are read in one. */
#define PARALLEL_MIN_ROWS 200000

/* Most text columns hold few distinct values (event types, actors, areas),
 * so each has a small table of its own from the text to its id, which
 * spares the pool's large table and its cache misses.  A column of many
 * values (locations) turns its table off once it holds STRING_CACHE_MAX
 * of them, and then asks the pool. */
#define STRING_CACHE_SIZE 512   /* slots, a power of two */
#define STRING_CACHE_MAX 256    /* values: at most half the slots are used */

typedef struct
{
  const char *str;    /* the pool's copy; NULL: an empty slot */
  guint32     len;
  guint32     hash;
  guint32     id;
} CachedString;

typedef struct
{
  CachedString *entries;   /* STRING_CACHE_SIZE of them, from the first use */
  guint         n_entries;
  gboolean      off;
  /* With the table off, the row's text as prefetch_column() found it. */
  gboolean      pending;
  const char   *pending_text;
  int           pending_len;
  guint32       pending_hash;
} StringCache;

typedef struct
{
  ChronomapStringPool *strings;
  GPtrArray           *problems;
  ChronomapLoadFlags   flags;
  const char          *file;
  gint64               row_id;
  StringCache          string_cache[N_COLUMNS];
  /* one-entry caches: consecutive rows very often repeat a date */
  char                 last_date[N_COLUMNS][16];
  int                  last_date_len[N_COLUMNS];
  gint32               last_date_day[N_COLUMNS];
  ChronomapDatePrecision last_date_precision[N_COLUMNS];
} Loader;

static gboolean G_GNUC_PRINTF (4, 5)
bad_row (Loader      *loader,
         GError     **error,
         int          code,
         const char  *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (loader->flags & CHRONOMAP_LOAD_SKIP_BAD_ROWS)
    {
      /* Keep the report readable for a file where every row is bad. */
      if (loader->problems->len < 1000)
        g_ptr_array_add (loader->problems,
                         g_strdup_printf ("%s: event %" G_GINT64_FORMAT ": %s",
                                          loader->file, loader->row_id, what));
      return TRUE;
    }

  g_set_error (error, CHRONOMAP_ERROR, code, "%s: event %" G_GINT64_FORMAT ": %s",
               loader->file, loader->row_id, what);
  return FALSE;
}

/* A column of many values misses the CPU caches in the pool's large
 * table: hash its text and ask for the table's slot at the start of the
 * row, so that it arrives while the rest of the row is read. */
static inline void
prefetch_column (Loader        *loader,
                 sqlite3_value *value,
                 int            col)
{
  StringCache *cache = &loader->string_cache[col];

  if (!cache->off)
    return;

  cache->pending = TRUE;
  cache->pending_text = (const char *) sqlite3_value_text (value);
  cache->pending_len = sqlite3_value_bytes (value);
  if (cache->pending_text == NULL || cache->pending_len == 0)
    return;
  cache->pending_hash = chronomap_string_pool_hash (cache->pending_text, cache->pending_len);
  chronomap_string_pool_prefetch (loader->strings, cache->pending_hash);
}

static guint32
intern_cached (Loader      *loader,
               StringCache *cache,
               const char  *text,
               int          len,
               guint32      hash)
{
  CachedString *slot;
  guint32 id;
  guint i;

  if (cache->entries == NULL)
    cache->entries = g_new0 (CachedString, STRING_CACHE_SIZE);

  for (i = hash & (STRING_CACHE_SIZE - 1);
       cache->entries[i].str != NULL;
       i = (i + 1) & (STRING_CACHE_SIZE - 1))
    {
      slot = &cache->entries[i];
      /* lengths, not NULs: the text may hold NULs */
      if (slot->hash == hash && slot->len == (guint32) len && chronomap_string_pool_same_bytes (slot->str, text, len))
        return slot->id;
    }

  id = chronomap_string_pool_intern_hashed (loader->strings, text, len, hash);
  if (cache->n_entries == STRING_CACHE_MAX)
    {
      cache->off = TRUE;
      g_clear_pointer (&cache->entries, g_free);
      return id;
    }
  slot = &cache->entries[i];
  slot->str = chronomap_string_pool_get (loader->strings, id);
  slot->len = len;
  slot->hash = hash;
  slot->id = id;
  cache->n_entries++;
  return id;
}

static inline guint32
intern_column (Loader        *loader,
               sqlite3_value *value,
               int            col)
{
  StringCache *cache = &loader->string_cache[col];
  const char *text;
  int len;
  guint32 hash;

  if (cache->pending)
    {
      cache->pending = FALSE;
      if (cache->pending_text == NULL || cache->pending_len == 0)
        return CHRONOMAP_STRING_NONE;
      return chronomap_string_pool_intern_hashed (loader->strings, cache->pending_text,
                                                  cache->pending_len, cache->pending_hash);
    }

  text = (const char *) sqlite3_value_text (value);
  len = sqlite3_value_bytes (value);
  if (text == NULL || len == 0)
    return CHRONOMAP_STRING_NONE;

  hash = chronomap_string_pool_hash (text, len);
  if (cache->off)
    return chronomap_string_pool_intern_hashed (loader->strings, text, len, hash);
  return intern_cached (loader, cache, text, len, hash);
}

/* Returns FALSE (with *ok set as bad_row() decided) when the value is bad,
 * TRUE with *out_day = CHRONOMAP_DAY_INVALID when it is absent. */
static gboolean
date_column (Loader                  *loader,
             sqlite3_value           *value,
             int                      col,
             gint32                  *out_day,
             ChronomapDatePrecision  *out_precision)
{
  const char *text;
  int len;

  /* No sqlite3_value_type() on this hot path: NULL reads as a NULL
   * pointer, and a BLOB's bytes never parse as a date. */
  *out_day = CHRONOMAP_DAY_INVALID;
  text = (const char *) sqlite3_value_text (value);
  if (text == NULL)
    return TRUE;
  len = sqlite3_value_bytes (value);
  if (len == 0)
    return TRUE;

  if (len == loader->last_date_len[col] && memcmp (text, loader->last_date[col], len) == 0)
    {
      *out_day = loader->last_date_day[col];
      *out_precision = loader->last_date_precision[col];
      return TRUE;
    }

  if (!chronomap_date_parse (text, len, out_day, out_precision))
    return FALSE;

  if (len < (int) sizeof loader->last_date[col])
    {
      memcpy (loader->last_date[col], text, len);
      loader->last_date_len[col] = len;
      loader->last_date_day[col] = *out_day;
      loader->last_date_precision[col] = *out_precision;
    }
  return TRUE;
}

static gboolean
number_column (sqlite3_value *value,
               double        *out)
{
  const char *text;
  char *end = NULL;

  switch (sqlite3_value_type (value))
    {
    case SQLITE_NULL:
      *out = NAN;
      return TRUE;
    case SQLITE_INTEGER:
    case SQLITE_FLOAT:
      *out = sqlite3_value_double (value);
      return TRUE;
    case SQLITE_TEXT:
      text = (const char *) sqlite3_value_text (value);
      while (g_ascii_isspace (*text))
        text++;
      if (*text == '\0')
        {
          *out = NAN;
          return TRUE;
        }
      *out = g_ascii_strtod (text, &end);
      while (end != NULL && g_ascii_isspace (*end))
        end++;
      return end != NULL && *end == '\0' && isfinite (*out);
    default:
      return FALSE;
    }
}

/* Room for the 40 characters of a value quoted in a message: up to four
 * bytes each in UTF-8, and the NUL. */
#define MESSAGE_VALUE_SIZE (40 * 4 + 1)

static const char *
column_text_for_message (sqlite3_stmt *stmt,
                         int           col,
                         char          buf[MESSAGE_VALUE_SIZE])
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);
  int len = sqlite3_column_bytes (stmt, col);

  if (text == NULL)
    return "";
  /* A BLOB read as text: NULs inside, or bytes that are not UTF-8. */
  if (memchr (text, '\0', len) != NULL || !g_utf8_validate (text, len, NULL))
    return "(binary data)";
  g_utf8_strncpy (buf, text, 40);
  return buf;
}

/* The common spellings first, exactly; anything else the careful way. */
static inline gboolean
precision_from_text (const char             *text,
                     ChronomapDatePrecision *out)
{
  if (text[0] == 'd' && text[1] == 'a' && text[2] == 'y' && text[3] == '\0')
    {
      *out = CHRONOMAP_DATE_PRECISION_DAY;
      return TRUE;
    }
  return chronomap_date_precision_from_string (text, out);
}

/* Reads one row into @event.  Returns FALSE on a hard error; sets *keep to
 * FALSE when the row is skipped. */

/* A date column that does not parse: why, when the form is right but
 * the day is not ("2023-02-30"). */
static gboolean
bad_date (Loader     *loader,
          GError    **error,
          const char *column,
          const char *text)
{
  g_autofree char *why = chronomap_date_explain_invalid (text);

  if (why != NULL)
    return bad_row (loader, error, CHRONOMAP_ERROR_INVALID_VALUE, "%s “%s” is not a date: %s",
                    column, text, why);
  return bad_row (loader, error, CHRONOMAP_ERROR_INVALID_VALUE,
                  "%s “%s” is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)", column, text);
}

static gboolean
read_row (Loader          *loader,
          sqlite3_stmt    *stmt,
          ChronomapEvent  *event,
          gboolean        *keep,
          GError         **error)
{
  ChronomapDatePrecision start_precision = CHRONOMAP_DATE_PRECISION_DAY;
  ChronomapDatePrecision end_precision = CHRONOMAP_DATE_PRECISION_DAY;
  ChronomapDatePrecision precision;
  gint32 start, end;
  double lat, lon;
  char buf[MESSAGE_VALUE_SIZE];
  sqlite3_value *v[N_COLUMNS];

  /* One call into the statement a column, as for a bare scan, and the
   * values read from there.  The values are unprotected: fine, as the
   * connection is only ever used by this thread while it loads. */
  for (int c = 0; c < N_COLUMNS; c++)
    v[c] = sqlite3_column_value (stmt, c);

  *keep = FALSE;
  event->id = loader->row_id = sqlite3_value_int64 (v[COL_ID]);

  for (guint i = 0; i < G_N_ELEMENTS (text_columns); i++)
    prefetch_column (loader, v[text_columns[i]], text_columns[i]);

  if (!date_column (loader, v[COL_DATE_START], COL_DATE_START, &start, &start_precision))
    return bad_date (loader, error, "date_start", column_text_for_message (stmt, COL_DATE_START, buf));
  if (start == CHRONOMAP_DAY_INVALID)
    return bad_row (loader, error, CHRONOMAP_ERROR_INVALID_VALUE, "date_start is empty");
  if (!date_column (loader, v[COL_DATE_END], COL_DATE_END, &end, &end_precision))
    return bad_date (loader, error, "date_end", column_text_for_message (stmt, COL_DATE_END, buf));

  precision = start_precision;
  {
    const char *text = (const char *) sqlite3_value_text (v[COL_DATE_PRECISION]);

    if (text != NULL)
      {
        ChronomapDatePrecision declared;

        if (!precision_from_text (text, &declared))
        return bad_row (loader, error, CHRONOMAP_ERROR_INVALID_VALUE,
                        "date_precision “%s” is not one of day, month, year",
                        column_text_for_message (stmt, COL_DATE_PRECISION, buf));
        /* The column may make a date coarser than its text, never finer. */
        precision = MAX (precision, declared);
      }
  }

  event->date_precision = precision;
  event->start = chronomap_date_period_start (start, precision);
  if (end == CHRONOMAP_DAY_INVALID)
    event->end = chronomap_date_period_end (start, precision);
  else
    event->end = chronomap_date_period_end (end, MAX (precision, end_precision));
  if (event->end < event->start)
    return bad_row (loader, error, CHRONOMAP_ERROR_INVALID_VALUE,
                    "date_end “%s” is before date_start",
                    column_text_for_message (stmt, COL_DATE_END, buf));

  event->event_type = intern_column (loader, v[COL_EVENT_TYPE], COL_EVENT_TYPE);
  event->sub_event_type = intern_column (loader, v[COL_SUB_EVENT_TYPE], COL_SUB_EVENT_TYPE);
  event->actor1 = intern_column (loader, v[COL_ACTOR1], COL_ACTOR1);
  event->actor2 = intern_column (loader, v[COL_ACTOR2], COL_ACTOR2);
  event->location = intern_column (loader, v[COL_LOCATION], COL_LOCATION);
  event->admin1 = intern_column (loader, v[COL_ADMIN1], COL_ADMIN1);
  event->admin2 = intern_column (loader, v[COL_ADMIN2], COL_ADMIN2);

  event->country[0] = event->country[1] = '\0';
  if (sqlite3_value_bytes (v[COL_COUNTRY]) == 2)
    {
      const char *cc = (const char *) sqlite3_value_text (v[COL_COUNTRY]);

      if (g_ascii_isalpha (cc[0]) && g_ascii_isalpha (cc[1]))
        {
          event->country[0] = g_ascii_toupper (cc[0]);
          event->country[1] = g_ascii_toupper (cc[1]);
        }
    }

  if (!number_column (v[COL_LATITUDE], &lat))
    return bad_row (loader, error, CHRONOMAP_ERROR_INVALID_VALUE,
                    "latitude “%s” is not a number",
                    column_text_for_message (stmt, COL_LATITUDE, buf));
  if (!number_column (v[COL_LONGITUDE], &lon))
    return bad_row (loader, error, CHRONOMAP_ERROR_INVALID_VALUE,
                    "longitude “%s” is not a number",
                    column_text_for_message (stmt, COL_LONGITUDE, buf));
  if (isnan (lat) != isnan (lon))
    return bad_row (loader, error, CHRONOMAP_ERROR_INVALID_VALUE,
                    "has a %s but no %s", isnan (lat) ? "longitude" : "latitude",
                    isnan (lat) ? "latitude" : "longitude");
  if (!isnan (lat) && (lat < -90 || lat > 90))
    return bad_row (loader, error, CHRONOMAP_ERROR_INVALID_VALUE,
                    "latitude %g is outside -90…90", lat);
  if (!isnan (lon) && (lon < -180 || lon > 180))
    return bad_row (loader, error, CHRONOMAP_ERROR_INVALID_VALUE,
                    "longitude %g is outside -180…180", lon);
  event->latitude = (float) lat;
  event->longitude = (float) lon;
  event->own_position = !isnan (lat);

  event->geo_precision = CHRONOMAP_GEO_PRECISION_UNKNOWN;
  {
    const char *text = (const char *) sqlite3_value_text (v[COL_GEO_PRECISION]);
    ChronomapGeoPrecision gp;

    /* An unknown word here costs nothing but the precision; keep the row. */
    if (text != NULL && chronomap_geo_precision_from_string (text, &gp))
      event->geo_precision = gp;
  }

  switch (sqlite3_value_type (v[COL_FATALITIES]))
    {
    case SQLITE_NULL:
      event->fatalities = -1;
      break;
    case SQLITE_INTEGER:
      {
        gint64 n = sqlite3_value_int64 (v[COL_FATALITIES]);

        if (n < 0 || n > G_MAXINT32)
          return bad_row (loader, error, CHRONOMAP_ERROR_INVALID_VALUE,
                          "fatalities %" G_GINT64_FORMAT " is not a count", n);
        event->fatalities = (gint32) n;
      }
      break;
    default:
      {
        double n;

        if (!number_column (v[COL_FATALITIES], &n) ||
            (!isnan (n) && (n < 0 || n > G_MAXINT32 || n != floor (n))))
          return bad_row (loader, error, CHRONOMAP_ERROR_INVALID_VALUE,
                          "fatalities “%s” is not a count",
                          column_text_for_message (stmt, COL_FATALITIES, buf));
        event->fatalities = isnan (n) ? -1 : (gint32) n;
      }
      break;
    }

  event->source_id = sqlite3_value_type (v[COL_SOURCE_ID]) == SQLITE_INTEGER ?
                     (guint32) CLAMP (sqlite3_value_int64 (v[COL_SOURCE_ID]), 0, G_MAXUINT32) : 0;

  *keep = TRUE;
  return TRUE;
}

/* Runs @func_a on @data_a on this thread and, if @func_b is not %NULL,
 * @func_b on @data_b on a thread of its own, at the same time. */
static void
run_at_once (GThreadFunc func_a,
             gpointer    data_a,
             GThreadFunc func_b,
             gpointer    data_b)
{
  GThread *thread = NULL;

  if (func_b != NULL)
    thread = g_thread_new ("chronomap-load", func_b, data_b);
  func_a (data_a);
  if (thread != NULL)
    g_thread_join (thread);
}

static gpointer
build_span_classes (gpointer data)
{
  ChronomapEventStore *self = data;
  const ChronomapEvent *events = (const ChronomapEvent *) self->events->data;
  guint n = self->events->len;
  g_autofree guint8 *class_of = g_new (guint8, MAX (n, 1));
  guint32 *indices[N_SPAN_CLASSES];
  guint counts[N_SPAN_CLASSES] = { 0, };

  self->first_day = n > 0 ? events[0].start : 0;
  self->last_day = n > 0 ? events[0].end : 0;
  for (guint c = 0; c < N_SPAN_CLASSES; c++)
    self->spans[c].max_span = 0;

  /* Classify in one pass over the events and fill from the classes, so
   * the large array is read once and each index array allocated once. */
  for (guint i = 0; i < n; i++)
    {
      gint32 span = events[i].end - events[i].start;
      guint c = span == 0 ? SPAN_DAY : span <= 31 ? SPAN_MONTH : span <= 366 ? SPAN_YEAR : SPAN_LONGER;

      class_of[i] = c;
      counts[c]++;
      self->spans[c].max_span = MAX (self->spans[c].max_span, span);
      self->last_day = MAX (self->last_day, events[i].end);
    }

  for (guint c = 0; c < N_SPAN_CLASSES; c++)
    {
      self->spans[c].indices = g_array_sized_new (FALSE, FALSE, sizeof (guint32), counts[c]);
      g_array_set_size (self->spans[c].indices, counts[c]);
      indices[c] = (guint32 *) self->spans[c].indices->data;
      counts[c] = 0;
    }
  for (guint i = 0; i < n; i++)
    indices[class_of[i]][counts[class_of[i]]++] = i;

  return NULL;
}

/* The hints of one location: the running Boyer-Moore majority vote (one
 * pass, no table per location) of its events' country and areas, so that
 * the hints are the ones most of its events give. */
typedef struct
{
  guint32 country;        /* the two letters, packed; 0: none */
  guint32 country_votes;
  guint32 admin1;
  guint32 admin1_votes;
  guint32 admin2;
  guint32 admin2_votes;
} LocationTally;

static inline void
vote (guint32 *candidate,
      guint32 *votes,
      guint32  value)
{
  if (value == 0)
    return;
  if (*votes == 0)
    {
      *candidate = value;
      *votes = 1;
    }
  else if (*candidate == value)
    (*votes)++;
  else
    (*votes)--;
}

/* Distinct locations, and for each the events that name it.  The sort
 * counted the events of each location (loc_offsets) when it ran; if it
 * did not, they are counted here. */
static gpointer
build_locations (gpointer data)
{
  ChronomapEventStore *self = data;
  const ChronomapEvent *events = (const ChronomapEvent *) self->events->data;
  guint n = self->events->len;
  guint n_ids = chronomap_string_pool_get_size (self->strings);
  g_autofree LocationTally *tally = g_new0 (LocationTally, n_ids);
  g_autofree guint32 *next = NULL;

  if (self->loc_offsets == NULL)
    {
      self->loc_offsets = g_new0 (guint32, n_ids + 1);
      for (guint i = 0; i < n; i++)
        self->loc_offsets[events[i].location + 1]++;
      for (guint32 id = 0; id < n_ids; id++)
        self->loc_offsets[id + 1] += self->loc_offsets[id];
    }

  /* In time order, so each location lists and tallies its events in time
   * order. */
  self->loc_events = g_new (guint32, MAX (n, 1));
  next = g_memdup2 (self->loc_offsets, sizeof (guint32) * n_ids);
  for (guint i = 0; i < n; i++)
    {
      const ChronomapEvent *e = &events[i];
      LocationTally *t = &tally[e->location];
      guint32 country = (guchar) e->country[0] | (guint32) (guchar) e->country[1] << 8;

      self->loc_events[next[e->location]++] = i;
      /* a country is two letters or two NULs */
      vote (&t->country, &t->country_votes, e->country[0] == '\0' ? 0 : country);
      vote (&t->admin1, &t->admin1_votes, e->admin1);
      vote (&t->admin2, &t->admin2_votes, e->admin2);
    }

  self->n_location_ids = n_ids;
  self->location_of = g_new0 (guint32, n_ids);
  self->locations = g_array_new (FALSE, TRUE, sizeof (ChronomapLocation));
  for (guint32 id = 1; id < n_ids; id++)
    {
      const LocationTally *t = &tally[id];
      guint32 n_events = self->loc_offsets[id + 1] - self->loc_offsets[id];

      if (n_events > 0)
        {
          ChronomapLocation loc = {
            id, n_events, t->admin1, t->admin2,
            { (char) (t->country & 0xff), (char) (t->country >> 8) }
          };

          g_array_append_val (self->locations, loc);
          self->location_of[id] = self->locations->len;
        }
    }

  return NULL;
}

/* The span classes and the locations, each from one read of the events;
 * a large store builds them at once. */
static void
build_indices (ChronomapEventStore *self)
{
  gboolean large = self->events->len >= PARALLEL_MIN_ROWS && g_get_num_processors () > 1;

  if (large)
    run_at_once (build_locations, self, build_span_classes, self);
  else
    {
      build_span_classes (self);
      build_locations (self);
    }
}

static int
compare_source_id (gconstpointer a,
                   gconstpointer b)
{
  gint64 x = ((const ChronomapSource *) a)->id, y = ((const ChronomapSource *) b)->id;

  return x < y ? -1 : x > y;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static gboolean
load_sources (ChronomapEventStore  *self,
              GError              **error)
{
  static const char * const cols[] = { "id", "title", "publisher", "url", "published" };
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  sqlite3 *db = chronomap_database_get_handle (self->database);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!chronomap_database_has_table (self->database, "sources") ||
      !chronomap_database_has_column (self->database, "sources", "id"))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (cols); i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      if (chronomap_database_has_column (self->database, "sources", cols[i]))
        g_string_append_printf (sql, "\"%s\"", cols[i]);
      else
        g_string_append (sql, "NULL");
    }
  g_string_append (sql, " FROM sources");

  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    {
      chronomap_database_set_error (self->database, error, "table sources");
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ChronomapSource source;

      source.id = sqlite3_column_int64 (stmt, 0);
      source.title = dup_column (stmt, 1);
      source.publisher = dup_column (stmt, 2);
      source.url = dup_column (stmt, 3);
      source.published = dup_column (stmt, 4);
      g_array_append_val (self->sources, source);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      chronomap_database_set_error (self->database, error, "table sources");
      return FALSE;
    }
  g_array_sort (self->sources, compare_source_id);
  return TRUE;
}

/* A million events take 64 MB.  In 2 MB pages, filling them takes 32 page
 * faults rather than 16,000, and the scattered writes of the sort miss the
 * TLB far less.  Only advice, for the whole 2 MB pages inside the block,
 * which the kernel may ignore (or not know: MADV_HUGEPAGE is Linux's). */
static void
advise_huge_pages (gpointer data,
                   gsize    size)
{
#ifdef MADV_HUGEPAGE
  const guintptr huge = 2 * 1024 * 1024;
  guintptr start = ((guintptr) data + huge - 1) & ~(huge - 1);
  guintptr end = ((guintptr) data + size) & ~(huge - 1);

  if (end > start)
    madvise ((gpointer) start, end - start, MADV_HUGEPAGE);
#endif
}

/* One share of the rows, read on its own connection with its own string
 * pool so that shares can be read in parallel. */
typedef struct
{
  sqlite3             *db;
  const char          *sql;
  gint64               lo;
  gint64               hi;
  GCancellable        *cancellable;
  Loader               loader;
  GArray              *events;
  GError              *error;

  /* Sorting: each share counts its events per start day, the counts of
   * all shares give every share the slots of its events in the store, and
   * each share then moves its own events there. */
  gint32               min_day;     /* of the starts; only with events */
  gint32               max_day;
  gboolean             sorted;      /* starts already ascend in file order */
  guint32             *cursors;     /* per day from min_day: count, then next slot */
  const guint32       *string_map;  /* share's string id -> store's, or NULL */
  ChronomapEvent      *out;         /* the store's events */
  guint32             *location_counts;  /* events of each store string id */
} Share;

static void
share_clear (Share *share)
{
  g_clear_pointer (&share->loader.strings, chronomap_string_pool_free);
  g_clear_pointer (&share->loader.problems, g_ptr_array_unref);
  for (guint c = 0; c < N_COLUMNS; c++)
    g_clear_pointer (&share->loader.string_cache[c].entries, g_free);
  g_clear_pointer (&share->events, g_array_unref);
  g_clear_pointer (&share->cursors, g_free);
  g_clear_pointer (&share->location_counts, g_free);
  g_clear_error (&share->error);
}

static void
run_shares (GThreadFunc  func,
            Share       *shares,
            guint        n_shares)
{
  g_assert (n_shares == 1 || n_shares == 2);

  run_at_once (func, &shares[0], n_shares == 2 ? func : NULL, &shares[1]);
}

/* Counts the share's events per start day, in the worker that read them,
 * once read_share() has found the first and last day. */
static void
count_days (Share *share)
{
  const ChronomapEvent *events = (const ChronomapEvent *) share->events->data;
  guint n = share->events->len;

  if (n == 0)
    return;

  /* Dates lie within years 1 to 9999, so this is at most 3.7 million days. */
  share->cursors = g_new0 (guint32, (gsize) share->max_day - share->min_day + 1);
  for (guint i = 0; i < n; i++)
    share->cursors[events[i].start - share->min_day]++;
}

/* Turns the day counts of all shares into the first slot of each day's
 * events in the store.  A stable sort of the rows in file order: on each
 * day the first share's events come before the second's. */
static void
place_shares (Share *shares,
              guint  n_shares)
{
  gint32 min_day = G_MAXINT32, max_day = G_MININT32;
  guint32 next = 0;

  for (guint k = 0; k < n_shares; k++)
    if (shares[k].events->len > 0)
      {
        min_day = MIN (min_day, shares[k].min_day);
        max_day = MAX (max_day, shares[k].max_day);
      }

  for (gint64 day = min_day; day <= max_day; day++)
    for (guint k = 0; k < n_shares; k++)
      if (shares[k].events->len > 0 && day >= shares[k].min_day && day <= shares[k].max_day)
        {
          guint32 *cursor = &shares[k].cursors[day - shares[k].min_day];
          guint32 count = *cursor;

          *cursor = next;
          next += count;
        }
}

/* Moves the share's events to their slots in the store, in a worker,
 * with their string ids made the store's, and counts the events of each
 * location on the way. */
static gpointer
scatter_share (gpointer data)
{
  Share *share = data;
  const ChronomapEvent *events = (const ChronomapEvent *) share->events->data;
  const guint32 *map = share->string_map;
  guint n = share->events->len;

  for (guint i = 0; i < n; i++)
    {
      ChronomapEvent e = events[i];

      if (map != NULL)
        {
          e.event_type = map[e.event_type];
          e.sub_event_type = map[e.sub_event_type];
          e.actor1 = map[e.actor1];
          e.actor2 = map[e.actor2];
          e.location = map[e.location];
          e.admin1 = map[e.admin1];
          e.admin2 = map[e.admin2];
        }
      share->location_counts[e.location]++;
      share->out[share->cursors[e.start - share->min_day]++] = e;
    }
  return NULL;
}

static gpointer
read_share (gpointer data)
{
  Share *share = data;
  sqlite3_stmt *stmt = NULL;
  guint n_rows = 0;
  int rc;

  if (sqlite3_prepare_v2 (share->db, share->sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (&share->error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_FAILED, "%s: table events: %s",
                   share->loader.file, sqlite3_errmsg (share->db));
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, share->lo);
  sqlite3_bind_int64 (stmt, 2, share->hi);

  share->min_day = G_MAXINT32;
  share->max_day = G_MININT32;
  share->sorted = TRUE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ChronomapEvent event = { 0 };
      gboolean keep;

      if (!read_row (&share->loader, stmt, &event, &keep, &share->error))
        break;
      if (keep)
        {
          /* sorted: no event starts before one read earlier */
          if (event.start < share->max_day)
            share->sorted = FALSE;
          share->min_day = MIN (share->min_day, event.start);
          share->max_day = MAX (share->max_day, event.start);
          g_array_append_val (share->events, event);
        }

      if ((++n_rows & 0xffff) == 0 &&
          g_cancellable_set_error_if_cancelled (share->cancellable, &share->error))
        break;
    }
  sqlite3_finalize (stmt);

  if (share->error == NULL && rc != SQLITE_DONE)
    {
      int code = sqlite3_errcode (share->db);

      g_set_error (&share->error, CHRONOMAP_ERROR,
                   code == SQLITE_CORRUPT || code == SQLITE_NOTADB ?
                   CHRONOMAP_ERROR_NOT_A_DATABASE : CHRONOMAP_ERROR_FAILED,
                   code == SQLITE_CORRUPT || code == SQLITE_NOTADB ?
                   "%s: the database is damaged (%s)" : "%s: reading table events: %s",
                   share->loader.file, sqlite3_errmsg (share->db));
    }
  if (share->error == NULL)
    count_days (share);
  return NULL;
}


static gboolean
load_events (ChronomapEventStore  *self,
             ChronomapLoadFlags    flags,
             GCancellable         *cancellable,
             GError              **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  sqlite3 *db = chronomap_database_get_handle (self->database);
  sqlite3 *second_db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 min_rowid = 0, max_rowid = -1;
  gboolean has_rowid = FALSE;
  gint64 max_rows_hint = G_MAXINT64;
  Share shares[2];
  guint n_shares = 1;
  g_autofree guint32 *map = NULL;
  gsize total;

  memset (shares, 0, sizeof shares);

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      if (i == COL_ID || chronomap_database_has_column (self->database, "events", column_names[i]))
        g_string_append_printf (sql, "\"%s\"", column_names[i]);
      else
        g_string_append (sql, "NULL");
    }
  g_string_append (sql, " FROM events");

  if (sqlite3_prepare_v2 (db, "SELECT (SELECT min(rowid) FROM events), (SELECT max(rowid) FROM events)",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      min_rowid = sqlite3_column_int64 (stmt, 0);
      max_rowid = sqlite3_column_int64 (stmt, 1);
      has_rowid = TRUE;
    }
  sqlite3_finalize (stmt);

  /* An upper bound on the rows the file can hold, from its size: even an
   * event with nothing but a date takes more than 16 bytes on disk. */
  if (sqlite3_prepare_v2 (db, "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    max_rows_hint = MAX (sqlite3_column_int64 (stmt, 0) / 16, 1);
  sqlite3_finalize (stmt);

  if (has_rowid)
    g_string_append (sql, " WHERE rowid BETWEEN ?1 AND ?2");
  else
    {
      /* A WITHOUT ROWID table: one share, no range. */
      min_rowid = G_MININT64;
      max_rowid = G_MAXINT64;
    }

  if (has_rowid && max_rowid >= min_rowid && (guint64) max_rowid - (guint64) min_rowid >= PARALLEL_MIN_ROWS && g_get_num_processors () > 1 &&
      sqlite3_open_v2 (chronomap_database_get_path (self->database), &second_db,
                       SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
    {
      sqlite3_busy_timeout (second_db, 2000);
      n_shares = 2;
    }
  else
    g_clear_pointer (&second_db, sqlite3_close);

  for (guint k = 0; k < n_shares; k++)
    {
      Share *share = &shares[k];
      /* only computed for two shares, which needs a real rowid range */
      gint64 span = n_shares == 2 ? max_rowid - min_rowid : 0;

      share->db = k == 0 ? db : second_db;
      share->sql = sql->str;
      share->lo = n_shares == 1 ? min_rowid : min_rowid + (k == 0 ? 0 : span / 2 + 1);
      share->hi = n_shares == 1 ? max_rowid : (k == 0 ? min_rowid + span / 2 : max_rowid);
      share->cancellable = cancellable;
      share->loader.flags = flags;
      share->loader.file = chronomap_database_get_display_name (self->database);
      share->loader.strings = chronomap_string_pool_new ();
      share->loader.problems = g_ptr_array_new_with_free_func (g_free);
      share->events = g_array_new (FALSE, FALSE, sizeof (ChronomapEvent));
      /* Reserve room for the share's rows: growing a large array by
       * doubling copies it several times over.  Row ids may be sparse (two
       * rows numbered 1 and 60,000,000), so never reserve more than the
       * file could hold: a row takes a few bytes at the very least. */
      if (has_rowid)
        {
          gint64 rows = MIN (share->hi - share->lo + 1, max_rows_hint / n_shares + 1);

          if (rows > 0 && rows < 64 * 1024 * 1024)
            {
              g_array_set_size (g_array_set_size (share->events, rows), 0);
              advise_huge_pages (share->events->data, rows * sizeof (ChronomapEvent));
            }
        }
    }

  run_shares (read_share, shares, n_shares);
  g_clear_pointer (&second_db, sqlite3_close);

  /* The first share's error comes first in the file. */
  for (guint k = 0; k < n_shares; k++)
    if (shares[k].error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&shares[k].error));
        for (guint j = 0; j < n_shares; j++)
          share_clear (&shares[j]);
        return FALSE;
      }

  total = 0;
  for (guint k = 0; k < n_shares; k++)
    total += shares[k].events->len;
  if (total > G_MAXINT32)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_FAILED,
                   "%s: too many events", chronomap_database_get_display_name (self->database));
      for (guint k = 0; k < n_shares; k++)
        share_clear (&shares[k]);
      return FALSE;
    }

  /* Merge: the first share's pool becomes the store's and the second
   * share's string ids are mapped into it, so strings keep the ids they
   * would have had in one share. */
  chronomap_string_pool_free (self->strings);
  self->strings = g_steal_pointer (&shares[0].loader.strings);
  g_ptr_array_extend_and_steal (self->problems, g_steal_pointer (&shares[0].loader.problems));
  if (n_shares == 2)
    {
      ChronomapStringPool *pool = shares[1].loader.strings;
      guint n_ids = chronomap_string_pool_get_size (pool);

      map = g_new0 (guint32, n_ids);
      for (guint32 id = 1; id < n_ids; id++)
        map[id] = chronomap_string_pool_intern (self->strings, chronomap_string_pool_get (pool, id),
                                                chronomap_string_pool_get_length (pool, id));
      shares[1].string_map = map;

      for (guint i = 0; i < shares[1].loader.problems->len && self->problems->len < 1000; i++)
        g_ptr_array_add (self->problems, g_strdup (g_ptr_array_index (shares[1].loader.problems, i)));
    }

  g_array_unref (self->events);
  if (n_shares == 1 && shares[0].sorted)
    self->events = g_steal_pointer (&shares[0].events);
  else
    {
      guint n_ids = chronomap_string_pool_get_size (self->strings);

      /* Each share sorts its own events straight into the store, at once. */
      place_shares (shares, n_shares);
      self->events = g_array_sized_new (FALSE, FALSE, sizeof (ChronomapEvent), total);
      advise_huge_pages (self->events->data, total * sizeof (ChronomapEvent));
      g_array_set_size (self->events, total);
      for (guint k = 0; k < n_shares; k++)
        {
          shares[k].out = (ChronomapEvent *) self->events->data;
          shares[k].location_counts = g_new0 (guint32, n_ids);
        }
      run_shares (scatter_share, shares, n_shares);

      self->loc_offsets = g_new (guint32, n_ids + 1);
      self->loc_offsets[0] = 0;
      for (guint32 id = 0; id < n_ids; id++)
        {
          self->loc_offsets[id + 1] = self->loc_offsets[id] + shares[0].location_counts[id];
          if (n_shares == 2)
            self->loc_offsets[id + 1] += shares[1].location_counts[id];
        }
    }
  for (guint k = 0; k < n_shares; k++)
    share_clear (&shares[k]);

  build_indices (self);

  /* Prepare the on-demand query of long texts for the columns this file has. */
  {
    static const char * const detail_cols[] = {
      "notes", "quote", "external_id", "geo_source", "fatalities_low", "fatalities_high",
      "attributes"
    };
    g_autoptr(GString) dsql = g_string_new ("SELECT ");

    for (guint i = 0; i < G_N_ELEMENTS (detail_cols); i++)
      {
        if (i > 0)
          g_string_append (dsql, ", ");
        if (chronomap_database_has_column (self->database, "events", detail_cols[i]))
          g_string_append_printf (dsql, "\"%s\"", detail_cols[i]);
        else
          g_string_append (dsql, "NULL");
      }
    g_string_append (dsql, " FROM events WHERE id = ?");
    self->details_sql = g_string_free (g_steal_pointer (&dsql), FALSE);
  }

  return TRUE;
}

/**
 * chronomap_event_store_load_database:
 * @database: an open event database
 * @flags: what to do with rows that can't be read
 *
 * Loads every event of @database.  The store keeps @database for
 * chronomap_event_store_get_details().
 *
 * Returns: (transfer full) (nullable): the store, or %NULL on error
 */
ChronomapEventStore *
chronomap_event_store_load_database (ChronomapDatabase   *database,
                                     ChronomapLoadFlags   flags,
                                     GCancellable        *cancellable,
                                     GError             **error)
{
  g_autoptr(ChronomapEventStore) self = NULL;

  g_return_val_if_fail (CHRONOMAP_IS_DATABASE (database), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CHRONOMAP_TYPE_EVENT_STORE, NULL);
  self->database = g_object_ref (database);

  if (!load_events (self, flags, cancellable, error) ||
      !load_sources (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * chronomap_event_store_load:
 * @path: an event database file, opened read-only
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 *   to a message naming the file and the reason
 */
ChronomapEventStore *
chronomap_event_store_load (const char          *path,
                            ChronomapLoadFlags   flags,
                            GCancellable        *cancellable,
                            GError             **error)
{
  g_autoptr(ChronomapDatabase) database = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  database = chronomap_database_open (path, CHRONOMAP_DATABASE_READ_ONLY, error);
  if (database == NULL)
    return NULL;
  return chronomap_event_store_load_database (database, flags, cancellable, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  ChronomapLoadFlags flags = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "flags"));
  GError *error = NULL;
  ChronomapEventStore *store;

  store = chronomap_event_store_load (path, flags, cancellable, &error);
  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/**
 * chronomap_event_store_load_async:
 *
 * Loads @path in a worker thread.
 */
void
chronomap_event_store_load_async (const char          *path,
                                  ChronomapLoadFlags   flags,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronomap_event_store_load_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (task), "flags", GUINT_TO_POINTER (flags));
  g_task_run_in_thread (task, load_thread);
}

/**
 * chronomap_event_store_load_finish:
 *
 * Returns: (transfer full) (nullable): the store
 */
ChronomapEventStore *
chronomap_event_store_load_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Queries ---------------------------------------------------------------- */

/* First position in @indices whose event starts on or after @day. */
static guint
lower_bound (const ChronomapEvent *events,
             const guint32        *indices,
             guint                 n,
             gint64               day)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (events[indices[mid]].start < day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * chronomap_event_store_first_from:
 * @day: a day
 *
 * Finds where the events beginning on @day or later begin, in time
 * order.
 *
 * Returns: the index of the first event beginning on or after @day, or
 *   the number of events when none does
 */
guint
chronomap_event_store_first_from (ChronomapEventStore *self,
                                  gint64               day)
{
  const ChronomapEvent *events;
  guint lo = 0, hi;

  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), 0);

  events = (const ChronomapEvent *) self->events->data;
  hi = self->events->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (events[mid].start < day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * chronomap_event_store_query:
 * @from: the first day of the window
 * @to: the last day of the window, inclusive
 *
 * Finds the events overlapping [@from, @to]: those whose first day is on or
 * before @to and whose last day is on or after @from.  An event dated
 * "2014-01" (month precision) covers 2014-01-01 to 2014-01-31.
 *
 * Returns: (transfer full) (element-type guint32): the indices of the
 *   events, in time order
 */
GArray *
chronomap_event_store_query (ChronomapEventStore *self,
                             gint32               from,
                             gint32               to)
{
  const ChronomapEvent *events;
  GArray *parts[N_SPAN_CLASSES];
  guint pos[N_SPAN_CLASSES] = { 0, };
  GArray *result;
  guint total = 0;

  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), NULL);

  if (to < from)
    return g_array_new (FALSE, FALSE, sizeof (guint32));

  events = (const ChronomapEvent *) self->events->data;

  for (guint c = 0; c < N_SPAN_CLASSES; c++)
    {
      const SpanClass *span = &self->spans[c];
      const guint32 *idx = (const guint32 *) span->indices->data;
      guint n = span->indices->len;
      guint i = lower_bound (events, idx, n, (gint64) from - span->max_span);

      parts[c] = g_array_new (FALSE, FALSE, sizeof (guint32));
      for (; i < n && events[idx[i]].start <= to; i++)
        if (events[idx[i]].end >= from)
          g_array_append_val (parts[c], idx[i]);
      total += parts[c]->len;
    }

  /* Merge the classes back into time order (their indices are positions in
   * the time-sorted array, so ascending index is time order). */
  result = g_array_sized_new (FALSE, FALSE, sizeof (guint32), total);
  for (guint k = 0; k < total; k++)
    {
      guint best = N_SPAN_CLASSES;
      guint32 best_idx = G_MAXUINT32;

      for (guint c = 0; c < N_SPAN_CLASSES; c++)
        if (pos[c] < parts[c]->len && g_array_index (parts[c], guint32, pos[c]) < best_idx)
          {
            best = c;
            best_idx = g_array_index (parts[c], guint32, pos[c]);
          }
      g_array_append_val (result, best_idx);
      pos[best]++;
    }

  for (guint c = 0; c < N_SPAN_CLASSES; c++)
    g_array_unref (parts[c]);

  return result;
}

/**
 * chronomap_event_store_count:
 *
 * Returns: the number of events overlapping [@from, @to] (see
 *   chronomap_event_store_query())
 */
guint
chronomap_event_store_count (ChronomapEventStore *self,
                             gint32               from,
                             gint32               to)
{
  const ChronomapEvent *events;
  guint count = 0;

  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), 0);

  if (to < from)
    return 0;

  events = (const ChronomapEvent *) self->events->data;
  for (guint c = 0; c < N_SPAN_CLASSES; c++)
    {
      const SpanClass *span = &self->spans[c];
      const guint32 *idx = (const guint32 *) span->indices->data;
      guint n = span->indices->len;

      if (c == SPAN_DAY)
        {
          /* One-day events overlap exactly when they start in the window. */
          count += lower_bound (events, idx, n, (gint64) to + 1) - lower_bound (events, idx, n, from);
          continue;
        }

      for (guint i = lower_bound (events, idx, n, (gint64) from - span->max_span);
           i < n && events[idx[i]].start <= to; i++)
        if (events[idx[i]].end >= from)
          count++;
    }

  return count;
}

/**
 * chronomap_event_store_count_per_day:
 * @counts: (array): room for @to - @from + 1 counts
 *
 * Counts the events that start on each day of [@from, @to], for histograms.
 * An event of month or year precision counts on the first day of its period.
 */
void
chronomap_event_store_count_per_day (ChronomapEventStore *self,
                                     gint32               from,
                                     gint32               to,
                                     guint32             *counts)
{
  const ChronomapEvent *events;
  guint n, i;

  g_return_if_fail (CHRONOMAP_IS_EVENT_STORE (self));
  g_return_if_fail (counts != NULL);

  if (to < from)
    return;

  memset (counts, 0, sizeof (guint32) * ((gsize) to - from + 1));
  events = (const ChronomapEvent *) self->events->data;
  n = self->events->len;
  for (i = chronomap_event_store_first_from (self, from); i < n && events[i].start <= to; i++)
    counts[events[i].start - from]++;
}

/* Accessors -------------------------------------------------------------- */

/**
 * chronomap_event_store_get_database:
 *
 * Returns: (transfer none): the database the events were read from
 */
ChronomapDatabase *
chronomap_event_store_get_database (ChronomapEventStore *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), NULL);
  return self->database;
}

guint
chronomap_event_store_get_n_events (ChronomapEventStore *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), 0);
  return self->events->len;
}

/**
 * chronomap_event_store_get_events:
 * @n_events: (out) (optional): the number of events
 *
 * Returns: (transfer none) (array length=n_events): all events in time order
 */
const ChronomapEvent *
chronomap_event_store_get_events (ChronomapEventStore *self,
                                  guint               *n_events)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), NULL);

  if (n_events != NULL)
    *n_events = self->events->len;
  return (const ChronomapEvent *) self->events->data;
}

/**
 * chronomap_event_store_get_event:
 * @index: an index in time order, less than the number of events
 *
 * Returns: (transfer none): the event
 */
const ChronomapEvent *
chronomap_event_store_get_event (ChronomapEventStore *self,
                                 guint                index)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), NULL);
  g_return_val_if_fail (index < self->events->len, NULL);

  return &g_array_index (self->events, ChronomapEvent, index);
}

static int
compare_by_id (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const ChronomapEvent *events = user_data;
  gint64 x = events[*(const guint32 *) a].id, y = events[*(const guint32 *) b].id;

  return x < y ? -1 : x > y;
}

/**
 * chronomap_event_store_find_id:
 * @id: a row id of the events table
 *
 * Returns: the index of the event with that id, or -1
 */
int
chronomap_event_store_find_id (ChronomapEventStore *self,
                               gint64               id)
{
  const ChronomapEvent *events;
  const guint32 *order;
  guint lo = 0, hi;

  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), -1);

  events = (const ChronomapEvent *) self->events->data;
  if (self->id_order == NULL)
    {
      self->id_order = g_array_sized_new (FALSE, FALSE, sizeof (guint32), self->events->len);
      for (guint32 i = 0; i < self->events->len; i++)
        g_array_append_val (self->id_order, i);
      g_array_sort_with_data (self->id_order, compare_by_id, (gpointer) events);
    }

  order = (const guint32 *) self->id_order->data;
  hi = self->id_order->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (events[order[mid]].id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < self->id_order->len && events[order[lo]].id == id)
    return (int) order[lo];
  return -1;
}

/**
 * chronomap_event_store_get_range:
 * @first_day: (out) (optional): the first day any event covers
 * @last_day: (out) (optional): the last day any event covers
 *
 * Returns: %FALSE if there are no events
 */
gboolean
chronomap_event_store_get_range (ChronomapEventStore *self,
                                 gint32              *first_day,
                                 gint32              *last_day)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), FALSE);

  if (self->events->len == 0)
    return FALSE;
  if (first_day != NULL)
    *first_day = self->first_day;
  if (last_day != NULL)
    *last_day = self->last_day;
  return TRUE;
}

/**
 * chronomap_event_store_get_string:
 * @id: a string id from a #ChronomapEvent or #ChronomapLocation
 *
 * Returns: (transfer none) (nullable): the string, or %NULL for none
 */
const char *
chronomap_event_store_get_string (ChronomapEventStore *self,
                                  guint32              id)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), NULL);
  return chronomap_string_pool_get (self->strings, id);
}

/**
 * chronomap_event_store_main_location:
 * @events: (array length=n_events): indexes of events, a map cluster's
 * @prefer: an event whose place wins a tie (the newest)
 *
 * The place most of @events happened at, as a string id: what a cluster
 * of them is named after ("2467 events around Aleppo town", not after
 * the village of its newest event).  Of places as often named, @prefer's
 * when it is one of them, else the first.
 *
 * Returns: the string id of the place, 0 with no event
 */
guint32
chronomap_event_store_main_location (ChronomapEventStore *self,
                                     const guint32       *events,
                                     guint                n_events,
                                     guint32              prefer)
{
  g_autoptr(GHashTable) counts = NULL;
  guint32 main = 0, preferred;
  guint best = 0;

  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), 0);
  g_return_val_if_fail (events != NULL || n_events == 0, 0);

  if (n_events == 0)
    return 0;
  preferred = prefer < self->events->len ? g_array_index (self->events, ChronomapEvent, prefer).location : 0;
  counts = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < n_events; i++)
    {
      guint32 location;
      guint n;

      g_return_val_if_fail (events[i] < self->events->len, 0);
      location = g_array_index (self->events, ChronomapEvent, events[i]).location;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (location))) + 1;
      g_hash_table_insert (counts, GUINT_TO_POINTER (location), GUINT_TO_POINTER (n));
      if (n > best)
        {
          best = n;
          main = location;
        }
    }
  /* as often as the first place to reach the top count */
  if (main != preferred &&
      GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (preferred))) == best)
    main = preferred;
  return main;
}

/**
 * chronomap_event_store_get_strings:
 *
 * Returns: (transfer none): the pool of the store's strings
 */
ChronomapStringPool *
chronomap_event_store_get_strings (ChronomapEventStore *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), NULL);
  return self->strings;
}

/**
 * chronomap_event_store_get_problems:
 *
 * Returns: (transfer none) (element-type utf8): descriptions of the rows left
 *   out by %CHRONOMAP_LOAD_SKIP_BAD_ROWS (at most 1000)
 */
const GPtrArray *
chronomap_event_store_get_problems (ChronomapEventStore *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), NULL);
  return self->problems;
}

/**
 * chronomap_event_store_get_locations:
 * @n_locations: (out) (optional): how many
 *
 * Returns: (transfer none) (array length=n_locations): the distinct locations
 */
const ChronomapLocation *
chronomap_event_store_get_locations (ChronomapEventStore *self,
                                     guint               *n_locations)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), NULL);

  if (n_locations != NULL)
    *n_locations = self->locations->len;
  return (const ChronomapLocation *) self->locations->data;
}

/**
 * chronomap_event_store_location_needs_place:
 * @location: the string id of a location
 *
 * Whether any event naming @location lacks coordinates of its own in the
 * file: only then does the geocoder's answer for it matter.
 */
gboolean
chronomap_event_store_location_needs_place (ChronomapEventStore *self,
                                            guint32              location)
{
  const ChronomapEvent *events;

  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), FALSE);

  if (location == 0 || location >= self->n_location_ids)
    return FALSE;
  events = (const ChronomapEvent *) self->events->data;
  for (guint32 k = self->loc_offsets[location]; k < self->loc_offsets[location + 1]; k++)
    if (!events[self->loc_events[k]].own_position)
      return TRUE;
  return FALSE;
}

guint
chronomap_event_store_get_n_with_position (ChronomapEventStore *self)
{
  const ChronomapEvent *events;
  guint n = 0;

  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), 0);

  events = (const ChronomapEvent *) self->events->data;
  for (guint i = 0; i < self->events->len; i++)
    if (!isnan (events[i].latitude))
      n++;
  return n;
}

/**
 * chronomap_event_store_set_location_position:
 * @location: the string id of a location
 * @latitude: NAN to clear the geocoded position
 * @guessed: the geocoder was not sure of the place (see #ChronomapEvent)
 *
 * Places every event that names @location and has no coordinates of its own
 * in the file.  Call chronomap_event_store_positions_changed() after a batch.
 *
 * Returns: the number of events placed
 */
guint
chronomap_event_store_set_location_position (ChronomapEventStore   *self,
                                             guint32                location,
                                             double                 latitude,
                                             double                 longitude,
                                             ChronomapGeoPrecision  precision,
                                             gboolean               guessed)
{
  ChronomapEvent *events;
  guint n = 0;

  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), 0);

  if (location == 0 || location >= self->n_location_ids)
    return 0;

  events = (ChronomapEvent *) self->events->data;
  for (guint32 k = self->loc_offsets[location]; k < self->loc_offsets[location + 1]; k++)
    {
      ChronomapEvent *e = &events[self->loc_events[k]];

      if (e->own_position)
        continue;
      e->latitude = (float) latitude;
      e->longitude = (float) longitude;
      e->geo_precision = isnan (latitude) ? CHRONOMAP_GEO_PRECISION_UNKNOWN : precision;
      e->guessed = !isnan (latitude) && guessed;
      n++;
    }
  return n;
}

/**
 * chronomap_event_store_positions_changed:
 *
 * Emits #ChronomapEventStore::positions-changed.
 */
void
chronomap_event_store_positions_changed (ChronomapEventStore *self)
{
  g_return_if_fail (CHRONOMAP_IS_EVENT_STORE (self));
  g_signal_emit (self, signals[POSITIONS_CHANGED], 0);
}

guint
chronomap_event_store_get_n_sources (ChronomapEventStore *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), 0);
  return self->sources->len;
}

/**
 * chronomap_event_store_get_source:
 *
 * Returns: (transfer none) (nullable): the source with @id, or %NULL
 */
const ChronomapSource *
chronomap_event_store_get_source (ChronomapEventStore *self,
                                  gint64               id)
{
  ChronomapSource key = { .id = id };

  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), NULL);

  if (self->sources->len == 0)
    return NULL;
  return bsearch (&key, self->sources->data, self->sources->len,
                  sizeof (ChronomapSource), compare_source_id);
}

/**
 * chronomap_event_store_get_details:
 *
 * Reads the long texts of the event at @index from the file.
 *
 * Returns: (transfer full) (nullable): the details, or %NULL on error
 */
ChronomapEventDetails *
chronomap_event_store_get_details (ChronomapEventStore  *self,
                                   guint                 index,
                                   GError              **error)
{
  g_autoptr(ChronomapEventDetails) details = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), NULL);
  g_return_val_if_fail (index < self->events->len, NULL);

  db = chronomap_database_get_handle (self->database);
  if (sqlite3_prepare_v2 (db, self->details_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      chronomap_database_set_error (self->database, error, "table events");
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, g_array_index (self->events, ChronomapEvent, index).id);

  details = g_new0 (ChronomapEventDetails, 1);
  details->fatalities_low = details->fatalities_high = -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      details->notes = dup_column (stmt, 0);
      details->quote = dup_column (stmt, 1);
      details->external_id = dup_column (stmt, 2);
      details->geo_source = dup_column (stmt, 3);
      if (sqlite3_column_type (stmt, 4) == SQLITE_INTEGER)
        details->fatalities_low = sqlite3_column_int64 (stmt, 4);
      if (sqlite3_column_type (stmt, 5) == SQLITE_INTEGER)
        details->fatalities_high = sqlite3_column_int64 (stmt, 5);
      details->attributes = dup_column (stmt, 6);
    }
  else if (rc != SQLITE_DONE)
    {
      chronomap_database_set_error (self->database, error, "table events");
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_finalize (stmt);
  return g_steal_pointer (&details);
}

/**
 * chronomap_event_store_get_event_memory:
 *
 * Returns: the bytes the store holds for its events and their indices, not
 *   counting the shared strings
 */
gsize
chronomap_event_store_get_event_memory (ChronomapEventStore *self)
{
  gsize bytes;

  g_return_val_if_fail (CHRONOMAP_IS_EVENT_STORE (self), 0);

  bytes = (gsize) self->events->len * sizeof (ChronomapEvent);
  for (guint c = 0; c < N_SPAN_CLASSES; c++)
    bytes += (gsize) self->spans[c].indices->len * sizeof (guint32);
  bytes += (gsize) self->events->len * sizeof (guint32);  /* loc_events */
  return bytes;
}

/* GObject ---------------------------------------------------------------- */

static void
chronomap_event_store_finalize (GObject *object)
{
  ChronomapEventStore *self = (ChronomapEventStore *) object;

  g_clear_object (&self->database);
  g_clear_pointer (&self->strings, chronomap_string_pool_free);
  g_clear_pointer (&self->events, g_array_unref);
  for (guint c = 0; c < N_SPAN_CLASSES; c++)
    g_clear_pointer (&self->spans[c].indices, g_array_unref);
  g_clear_pointer (&self->locations, g_array_unref);
  g_clear_pointer (&self->location_of, g_free);
  g_clear_pointer (&self->loc_offsets, g_free);
  g_clear_pointer (&self->loc_events, g_free);
  g_clear_pointer (&self->id_order, g_array_unref);
  g_clear_pointer (&self->sources, g_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->details_sql, g_free);

  G_OBJECT_CLASS (chronomap_event_store_parent_class)->finalize (object);
}

static void
chronomap_event_store_class_init (ChronomapEventStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronomap_event_store_finalize;

  /**
   * ChronomapEventStore::positions-changed:
   *
   * Emitted after a batch of geocoded positions was applied.
   */
  signals[POSITIONS_CHANGED] =
    g_signal_new ("positions-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
chronomap_event_store_init (ChronomapEventStore *self)
{
  self->strings = chronomap_string_pool_new ();
  self->events = g_array_new (FALSE, FALSE, sizeof (ChronomapEvent));
  self->sources = g_array_new (FALSE, FALSE, sizeof (ChronomapSource));
  g_array_set_clear_func (self->sources, source_clear);
  self->problems = g_ptr_array_new_with_free_func (g_free);
}
