/* chronomap-geojson-reader.c: importing GeoJSON Point features
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-importer"

#include "config.h"

#include "chronomap-interchange-private.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "chronomap-csv.h"
#include "chronomap-error.h"
#include "chronomap-json.h"

/* The parser streams the FeatureCollection: one feature at a time is held
 * as a tree, so memory is bounded by the largest feature, not the file. */

#define MAX_DEPTH 128

typedef enum
{
  JSON_NULL,
  JSON_BOOLEAN,
  JSON_NUMBER,
  JSON_STRING,
  JSON_ARRAY,
  JSON_OBJECT,
} JsonType;

typedef struct _JsonValue JsonValue;
struct _JsonValue
{
  JsonType   type;
  char      *text;      /* string, number as written, "true"/"false" */
  GPtrArray *children;  /* of JsonValue: array items or object values */
  GPtrArray *keys;      /* of char *: object member names */
};

typedef struct
{
  GInputStream *stream;
  const char   *display_name;
  guchar        buf[64 * 1024];
  gsize         len;
  gsize         pos;
  gboolean      eof;
  guint64       line;
  gsize         budget;   /* bytes the current feature may still take */
  gsize         max_feature;
  guint64       n_read;
  GError       *error;
} Lexer;

static void
json_value_free (JsonValue *value)
{
  if (value == NULL)
    return;
  g_free (value->text);
  g_clear_pointer (&value->children, g_ptr_array_unref);
  g_clear_pointer (&value->keys, g_ptr_array_unref);
  g_free (value);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JsonValue, json_value_free)

static JsonValue *
json_member (JsonValue  *object,
             const char *key)
{
  if (object == NULL || object->type != JSON_OBJECT)
    return NULL;
  for (guint i = 0; i < object->keys->len; i++)
    if (strcmp (object->keys->pdata[i], key) == 0)
      return object->children->pdata[i];
  return NULL;
}

static const char *
json_string (JsonValue *value)
{
  return value != NULL && value->type == JSON_STRING ? value->text : NULL;
}

static void
lex_error (Lexer      *lex,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static void
lex_error (Lexer      *lex,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (lex->error != NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (&lex->error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
               "%s:%" G_GUINT64_FORMAT ": %s", lex->display_name, lex->line, message);
}

/* A byte for a message: quoted when it is printable ASCII, else as its
 * code, since alone it may be part of a character and not UTF-8. */
static const char *
describe_byte (int  c,
               char buf[16])
{
  if (c > 0x20 && c < 0x7f)
    g_snprintf (buf, 16, "“%c”", c);
  else
    g_snprintf (buf, 16, "byte 0x%02X", (guint) c & 0xff);
  return buf;
}

/* The next byte without consuming it, or -1 at the end or on error. */
static int
peek (Lexer *lex)
{
  if (lex->error != NULL)
    return -1;
  if (lex->pos == lex->len)
    {
      g_autoptr(GError) local_error = NULL;
      gssize n;

      if (lex->eof)
        return -1;
      n = g_input_stream_read (lex->stream, lex->buf, sizeof lex->buf, NULL, &local_error);
      if (n < 0)
        {
          g_set_error (&lex->error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_FAILED,
                       "%s: cannot be read: %s", lex->display_name, local_error->message);
          return -1;
        }
      lex->pos = 0;
      lex->len = n;
      lex->n_read += n;
      if (n == 0)
        {
          lex->eof = TRUE;
          return -1;
        }
    }
  return lex->buf[lex->pos];
}

static int
next (Lexer *lex)
{
  int c = peek (lex);

  if (c < 0)
    return c;
  lex->pos++;
  if (c == '\n')
    lex->line++;
  if (lex->budget == 0)
    {
      g_autofree char *limit = g_format_size_full (lex->max_feature, G_FORMAT_SIZE_IEC_UNITS);

      lex_error (lex, "a feature is larger than %s; is the file cut off?", limit);
      return -1;
    }
  lex->budget--;
  return c;
}

static int
skip_space (Lexer *lex)
{
  int c;

  while ((c = peek (lex)) == ' ' || c == '\t' || c == '\n' || c == '\r')
    next (lex);
  return c;
}

static gboolean
expect (Lexer *lex,
        char   expected)
{
  int c = skip_space (lex);

  if (c != expected)
    {
      if (c < 0)
        lex_error (lex, "the file ends where “%c” was expected", expected);
      else
        {
          char found[16];

          lex_error (lex, "“%c” expected, found %s", expected, describe_byte (c, found));
        }
      return FALSE;
    }
  next (lex);
  return TRUE;
}

static int
hex4 (Lexer *lex)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int c = next (lex);

      if (!g_ascii_isxdigit (c))
        {
          lex_error (lex, "bad \\u escape in a string");
          return -1;
        }
      value = value * 16 + g_ascii_xdigit_value (c);
    }
  return value;
}

static char *
parse_string (Lexer *lex)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (!expect (lex, '"'))
    return NULL;
  for (;;)
    {
      int c = next (lex);

      if (c < 0)
        {
          lex_error (lex, "a string is not closed");
          return NULL;
        }
      if (c == '"')
        break;
      if (c < 0x20)
        {
          lex_error (lex, "a control character inside a string");
          return NULL;
        }
      if (c != '\\')
        {
          g_string_append_c (out, (char) c);
          continue;
        }
      c = next (lex);
      switch (c)
        {
        case '"': case '\\': case '/':
          g_string_append_c (out, (char) c);
          break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            int u = hex4 (lex);

            if (u < 0)
              return NULL;
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                int low;

                if (next (lex) != '\\' || next (lex) != 'u' || (low = hex4 (lex)) < 0xDC00 ||
                    low > 0xDFFF)
                  {
                    lex_error (lex, "a lone UTF-16 surrogate in a string");
                    return NULL;
                  }
                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              }
            else if (u >= 0xDC00 && u <= 0xDFFF)
              {
                lex_error (lex, "a lone UTF-16 surrogate in a string");
                return NULL;
              }
            g_string_append_unichar (out, (gunichar) u);
          }
          break;
        default:
          lex_error (lex, "bad escape in a string");
          return NULL;
        }
    }
  if (!g_utf8_validate (out->str, out->len, NULL))
    {
      lex_error (lex, "a string is not valid UTF-8");
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static JsonValue *parse_value (Lexer *lex, guint depth);

static JsonValue *
parse_container (Lexer    *lex,
                 JsonType  type,
                 guint     depth)
{
  g_autoptr(JsonValue) value = g_new0 (JsonValue, 1);
  char close = type == JSON_OBJECT ? '}' : ']';

  value->type = type;
  value->children = g_ptr_array_new_with_free_func ((GDestroyNotify) json_value_free);
  if (type == JSON_OBJECT)
    value->keys = g_ptr_array_new_with_free_func (g_free);

  next (lex);
  if (skip_space (lex) == close)
    {
      next (lex);
      return g_steal_pointer (&value);
    }
  for (;;)
    {
      JsonValue *child;
      int c;

      if (type == JSON_OBJECT)
        {
          char *key = parse_string (lex);

          if (key == NULL)
            return NULL;
          g_ptr_array_add (value->keys, key);
          if (!expect (lex, ':'))
            return NULL;
        }
      child = parse_value (lex, depth + 1);
      if (child == NULL)
        return NULL;
      g_ptr_array_add (value->children, child);
      c = skip_space (lex);
      next (lex);
      if (c == close)
        break;
      if (c != ',')
        {
          lex_error (lex, "“,” or “%c” expected", close);
          return NULL;
        }
    }
  return g_steal_pointer (&value);
}

static JsonValue *
parse_value (Lexer *lex,
             guint  depth)
{
  JsonValue *value;
  int c = skip_space (lex);

  if (depth > MAX_DEPTH)
    {
      lex_error (lex, "values nested too deeply");
      return NULL;
    }
  if (c == '{')
    return parse_container (lex, JSON_OBJECT, depth);
  if (c == '[')
    return parse_container (lex, JSON_ARRAY, depth);
  if (c == '"')
    {
      char *text = parse_string (lex);

      if (text == NULL)
        return NULL;
      value = g_new0 (JsonValue, 1);
      value->type = JSON_STRING;
      value->text = text;
      return value;
    }
  if (c == '-' || g_ascii_isdigit (c))
    {
      g_autoptr(GString) text = g_string_new (NULL);
      char *end = NULL;
      double number;

      while ((c = peek (lex)) == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' ||
             g_ascii_isdigit (c))
        g_string_append_c (text, (char) next (lex));
      errno = 0;
      number = g_ascii_strtod (text->str, &end);
      if (*end != '\0' || errno != 0 || !isfinite (number))
        {
          lex_error (lex, "“%s” is not a number", text->str);
          return NULL;
        }
      value = g_new0 (JsonValue, 1);
      value->type = JSON_NUMBER;
      value->text = g_string_free (g_steal_pointer (&text), FALSE);
      return value;
    }
  if (c == 't' || c == 'f' || c == 'n')
    {
      static const char * const words[] = { "true", "false", "null" };
      const char *word = c == 't' ? words[0] : c == 'f' ? words[1] : words[2];

      for (const char *p = word; *p != '\0'; p++)
        if (next (lex) != *p)
          {
            lex_error (lex, "unknown word; expected “%s”", word);
            return NULL;
          }
      value = g_new0 (JsonValue, 1);
      value->type = c == 'n' ? JSON_NULL : JSON_BOOLEAN;
      value->text = c == 'n' ? NULL : g_strdup (word);
      return value;
    }
  if (c < 0)
    lex_error (lex, "the file ends where a value was expected");
  else
    {
      char found[16];

      lex_error (lex, "unexpected %s", describe_byte (c, found));
    }
  return NULL;
}

/* A feature's text for one field: strings and numbers as written. */
static const char *
scalar_text (JsonValue *value)
{
  if (value == NULL)
    return NULL;
  switch (value->type)
    {
    case JSON_STRING:
      return value->text[0] != '\0' ? value->text : NULL;
    case JSON_NUMBER:
    case JSON_BOOLEAN:
      return value->text;
    case JSON_NULL:
    case JSON_ARRAY:
    case JSON_OBJECT:
    default:
      return NULL;
    }
}

/* A value as compact JSON text: how an array or object property is kept
 * in the attributes. */
static void
append_json (GString   *out,
             JsonValue *value)
{
  switch (value->type)
    {
    case JSON_STRING:
      chronomap_json_append_string (out, value->text);
      break;
    case JSON_NUMBER:
    case JSON_BOOLEAN:
      g_string_append (out, value->text);
      break;
    case JSON_ARRAY:
    case JSON_OBJECT:
      g_string_append_c (out, value->type == JSON_ARRAY ? '[' : '{');
      for (guint i = 0; i < value->children->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          if (value->type == JSON_OBJECT)
            {
              chronomap_json_append_string (out, value->keys->pdata[i]);
              g_string_append_c (out, ':');
            }
          append_json (out, value->children->pdata[i]);
        }
      g_string_append_c (out, value->type == JSON_ARRAY ? ']' : '}');
      break;
    case JSON_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/* A property no field takes, kept as it was written: a scalar as its
 * text, an array or object as JSON text. */
static void
keep_property (GString   *attributes,
               GString   *scratch,
               const char *key,
               JsonValue *value)
{
  if (value->type == JSON_ARRAY || value->type == JSON_OBJECT)
    {
      g_string_truncate (scratch, 0);
      append_json (scratch, value);
      chronomap_interchange_attribute_add (attributes, key, scratch->str);
    }
  else
    chronomap_interchange_attribute_add (attributes, key, scalar_text (value));
}

static gboolean
import_feature (ChronomapImporter  *self,
                JsonValue          *feature,
                const char         *display_name,
                guint64             line,
                const char         *time_property,
                GError            **error)
{
  ChronomapInterchangeRow row = { .importer = self, .display_name = display_name, .line = line };
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) attributes = g_string_new (NULL);
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(GError) row_error = NULL;
  JsonValue *properties = json_member (feature, "properties");
  JsonValue *geometry = json_member (feature, "geometry");
  JsonValue *time = json_member (feature, "time");
  JsonValue *id = json_member (feature, "id");

  if (feature->type != JSON_OBJECT || g_strcmp0 (json_string (json_member (feature, "type")),
                                                 "Feature") != 0)
    {
      g_set_error (&row_error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                   "%s:%" G_GUINT64_FORMAT ": features: an element that is not a Feature",
                   display_name, line);
      return chronomap_importer_skip_row (self, &row_error, error);
    }

  /* Properties first: Chronomap's own export writes date_start, date_end
   * and date_precision there, which say more than `time` can. */
  if (properties != NULL && properties->type == JSON_OBJECT)
    for (guint i = 0; i < properties->keys->len; i++)
      {
        const char *key = properties->keys->pdata[i];
        int field = chronomap_interchange_field_for_name (key);
        char *name;

        if (time_property != NULL && strcmp (key, time_property) == 0)
          field = F_DATE;
        /* What no field takes is kept as it was written. */
        if (field < 0 || row.values[field] != NULL ||
            !chronomap_interchange_field_is_kept (field))
          {
            keep_property (attributes, scratch, key, properties->children->pdata[i]);
            continue;
          }
        row.values[field] = scalar_text (properties->children->pdata[i]);
        name = g_strconcat ("properties.", key, NULL);
        g_ptr_array_add (names, name);
        row.names[field] = name;
      }

  if (id != NULL && scalar_text (id) != NULL)
    {
      row.values[F_ID] = scalar_text (id);
      row.names[F_ID] = "id";
    }

  /* JSON-FG: "time": {"date": …} | {"timestamp": …} | {"interval": [a, b]}
   * with ".." for an open end. */
  if (row.values[F_DATE_START] == NULL && time != NULL && time->type == JSON_OBJECT)
    {
      JsonValue *interval = json_member (time, "interval");
      const char *date = json_string (json_member (time, "date"));
      const char *timestamp = json_string (json_member (time, "timestamp"));

      if (date != NULL)
        {
          row.values[F_DATE_START] = date;
          row.names[F_DATE_START] = "time.date";
        }
      else if (timestamp != NULL)
        {
          row.values[F_DATE_START] = timestamp;
          row.names[F_DATE_START] = "time.timestamp";
        }
      else if (interval != NULL && interval->type == JSON_ARRAY && interval->children->len == 2)
        {
          const char *start = json_string (interval->children->pdata[0]);
          const char *end = json_string (interval->children->pdata[1]);

          if (g_strcmp0 (start, "..") == 0)
            start = NULL;
          if (g_strcmp0 (end, "..") == 0)
            end = NULL;
          row.values[F_DATE_START] = start != NULL ? start : end;
          row.names[F_DATE_START] = "time.interval";
          if (start != NULL)
            {
              row.values[F_DATE_END] = end;
              row.names[F_DATE_END] = "time.interval";
            }
        }
      /* The interval's dates are whole days, whatever the precision
       * property said of a stored "2019-04". */
    }
  if (row.values[F_DATE_START] != NULL && row.values[F_DATE] != NULL)
    row.values[F_DATE] = NULL;
  if (row.values[F_DATE_START] == NULL && row.values[F_DATE] == NULL)
    row.names[F_DATE] = "time";

  if (geometry != NULL && geometry->type == JSON_OBJECT)
    {
      const char *type = json_string (json_member (geometry, "type"));
      JsonValue *coordinates = json_member (geometry, "coordinates");

      if (g_strcmp0 (type, "Point") != 0)
        {
          g_set_error (&row_error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                       "%s:%" G_GUINT64_FORMAT ": geometry: a %s; only Point features can be "
                       "imported", display_name, line, type != NULL ? type : "geometry of no type");
          return chronomap_importer_skip_row (self, &row_error, error);
        }
      if (coordinates == NULL || coordinates->type != JSON_ARRAY || coordinates->children->len < 2 ||
          ((JsonValue *) coordinates->children->pdata[0])->type != JSON_NUMBER ||
          ((JsonValue *) coordinates->children->pdata[1])->type != JSON_NUMBER)
        {
          g_set_error (&row_error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                       "%s:%" G_GUINT64_FORMAT ": geometry.coordinates: expected [longitude, "
                       "latitude]", display_name, line);
          return chronomap_importer_skip_row (self, &row_error, error);
        }
      /* RFC 7946: longitude first. */
      row.values[F_LONGITUDE] = scalar_text (coordinates->children->pdata[0]);
      row.values[F_LATITUDE] = scalar_text (coordinates->children->pdata[1]);
      row.names[F_LONGITUDE] = "geometry.coordinates";
      row.names[F_LATITUDE] = "geometry.coordinates";
    }

  row.attributes = chronomap_interchange_attributes_end (attributes);
  return chronomap_importer_import_row (self, &row, error);
}

gboolean
chronomap_import_geojson_file (ChronomapImporter  *self,
                               const char         *path,
                               const char         *time_property,
                               GCancellable       *cancellable,
                               GError            **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = g_filename_display_name (path);
  g_autofree Lexer *lex = g_new0 (Lexer, 1);
  g_autoptr(JsonValue) rest = NULL;
  gboolean had_features = FALSE;
  const char *type;
  int c;

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, CHRONOMAP_ERROR,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ?
                   CHRONOMAP_ERROR_NOT_FOUND : CHRONOMAP_ERROR_FAILED,
                   "%s: cannot be read: %s", display_name, local_error->message);
      return FALSE;
    }
  lex->stream = G_INPUT_STREAM (stream);
  lex->display_name = display_name;
  lex->line = 1;
  lex->max_feature = CHRONOMAP_CSV_DEFAULT_MAX_RECORD;
  lex->budget = lex->max_feature;

  /* A byte order mark is not JSON, but editors write one. */
  if (peek (lex) == 0xEF)
    {
      next (lex);
      if (next (lex) != 0xBB || next (lex) != 0xBF)
        lex_error (lex, "not UTF-8 JSON");
    }

  c = skip_space (lex);
  if (c < 0 && lex->error == NULL)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                   "%s: the file is empty", display_name);
      return FALSE;
    }
  if (c != '{')
    lex_error (lex, "a GeoJSON file starts with “{”");

  /* The top level object's members other than "features" are kept (they
   * are small in a FeatureCollection, and are the feature itself in a
   * file that holds a single Feature). */
  rest = g_new0 (JsonValue, 1);
  rest->type = JSON_OBJECT;
  rest->children = g_ptr_array_new_with_free_func ((GDestroyNotify) json_value_free);
  rest->keys = g_ptr_array_new_with_free_func (g_free);

  if (lex->error == NULL)
    {
      next (lex);
      if (skip_space (lex) == '}')
        next (lex);
      else
        for (;;)
          {
            g_autofree char *key = parse_string (lex);

            if (key == NULL || !expect (lex, ':'))
              break;
            if (strcmp (key, "features") == 0)
              {
                had_features = TRUE;
                if (!expect (lex, '['))
                  break;
                if (skip_space (lex) == ']')
                  next (lex);
                else
                  for (guint64 count = 0;; count++)
                    {
                      g_autoptr(JsonValue) feature = NULL;
                      guint64 line;

                      if ((count & 1023) == 0 && g_cancellable_is_cancelled (cancellable))
                        {
                          g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_CANCELLED,
                                       "cancelled");
                          return FALSE;
                        }
                      skip_space (lex);
                      line = lex->line;
                      lex->budget = lex->max_feature;
                      feature = parse_value (lex, 1);
                      lex->budget = G_MAXSIZE;
                      if (feature == NULL)
                        break;
                      if (!import_feature (self, feature, display_name, line, time_property,
                                           error))
                        return FALSE;
                      if ((count & 1023) == 1023)
                        chronomap_importer_report_progress (self,
                                                            lex->n_read - (lex->len - lex->pos));
                      c = skip_space (lex);
                      next (lex);
                      if (c == ']')
                        break;
                      if (c != ',')
                        {
                          lex_error (lex, "“,” or “]” expected after a feature");
                          break;
                        }
                    }
              }
            else
              {
                JsonValue *member = parse_value (lex, 1);

                if (member == NULL)
                  break;
                g_ptr_array_add (rest->keys, g_steal_pointer (&key));
                g_ptr_array_add (rest->children, member);
              }
            if (lex->error != NULL)
              break;
            c = skip_space (lex);
            next (lex);
            if (c == '}')
              break;
            if (c != ',')
              {
                lex_error (lex, "“,” or “}” expected");
                break;
              }
          }
    }

  if (lex->error == NULL && skip_space (lex) >= 0)
    lex_error (lex, "text after the end of the GeoJSON object");
  if (lex->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&lex->error));
      return FALSE;
    }

  type = json_string (json_member (rest, "type"));
  if (g_strcmp0 (type, "Feature") == 0)
    return import_feature (self, rest, display_name, 1, time_property, error);
  if (g_strcmp0 (type, "FeatureCollection") != 0 || !had_features)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                   "%s: not a GeoJSON FeatureCollection or Feature", display_name);
      return FALSE;
    }
  return TRUE;
}
