/* chronomap-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-json"

#include "config.h"

#include "chronomap-json.h"

#include <math.h>
#include <string.h>

/**
 * chronomap_json_append_string:
 * @str: (nullable): UTF-8 text; %NULL is written as `null`
 *
 * Appends @str as a JSON string.  Invalid UTF-8 is replaced by U+FFFD so
 * the output always parses.
 */
void
chronomap_json_append_string (GString    *out,
                              const char *str)
{
  const char *p;

  if (str == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  p = str;
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append (out, "\\ufffd");
          p++;
          continue;
        }
      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
      p = g_utf8_next_char (p);
    }
  g_string_append_c (out, '"');
}

/* JSON has no NaN: an unknown number is null. */
void
chronomap_json_append_double (GString *out,
                              double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    g_string_append (out, "null");
  else
    g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.6g", value));
}

/* Reading. */

static const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return p;
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (const char *p,
           gunichar   *out)
{
  gunichar value = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = hex_digit (p[i]);

      if (d < 0)
        return FALSE;
      value = value * 16 + (gunichar) d;
    }
  *out = value;
  return TRUE;
}

/* A JSON string at @p (its opening quote); returns the text after it, or
 * NULL when it isn't one. */
static const char *
read_string (const char  *p,
             char       **out)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (*p++ != '"')
    return NULL;
  while (*p != '"')
    {
      if (*p == '\0' || (guchar) *p < 0x20)
        return NULL;
      if (*p != '\\')
        {
          g_string_append_c (text, *p++);
          continue;
        }
      p++;
      switch (*p++)
        {
        case '"': g_string_append_c (text, '"'); break;
        case '\\': g_string_append_c (text, '\\'); break;
        case '/': g_string_append_c (text, '/'); break;
        case 'b': g_string_append_c (text, '\b'); break;
        case 'f': g_string_append_c (text, '\f'); break;
        case 'n': g_string_append_c (text, '\n'); break;
        case 'r': g_string_append_c (text, '\r'); break;
        case 't': g_string_append_c (text, '\t'); break;
        case 'u':
          {
            gunichar c, low;

            if (!read_hex4 (p, &c))
              return NULL;
            p += 4;
            /* A surrogate pair makes one character; a lone half, U+FFFD. */
            if (c >= 0xd800 && c <= 0xdbff && p[0] == '\\' && p[1] == 'u' &&
                read_hex4 (p + 2, &low) && low >= 0xdc00 && low <= 0xdfff)
              {
                c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
                p += 6;
              }
            else if (c >= 0xd800 && c <= 0xdfff)
              c = 0xfffd;
            if (c == 0)
              c = 0xfffd;
            g_string_append_unichar (text, c);
          }
          break;
        default:
          return NULL;
        }
    }
  if (!g_utf8_validate (text->str, text->len, NULL))
    return NULL;
  *out = g_string_free (g_steal_pointer (&text), FALSE);
  return p + 1;
}

/* A number, true, false or null, as written; NULL for null. */
static const char *
read_literal (const char  *p,
              char       **out)
{
  const char *start = p;

  if (strncmp (p, "null", 4) == 0)
    {
      *out = NULL;
      return p + 4;
    }
  if (strncmp (p, "true", 4) == 0 || strncmp (p, "false", 5) == 0)
    {
      gsize len = p[0] == 't' ? 4 : 5;

      *out = g_strndup (p, len);
      return p + len;
    }
  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return NULL;
  while (g_ascii_isdigit (*p) || *p == '.' || *p == 'e' || *p == 'E' || *p == '+' || *p == '-')
    p++;
  *out = g_strndup (start, p - start);
  return p;
}

/**
 * chronomap_json_parse_flat_object:
 * @text: JSON text
 * @out_pairs: (element-type utf8): where the members go, key then value
 *   (numbers and booleans as written); members whose value is null are
 *   left out.  Needs a free function of g_free.
 *
 * Reads an object whose members are strings, numbers, booleans or null,
 * as the events' attributes are.
 *
 * Returns: %FALSE when @text is anything else (then @out_pairs holds what
 *   was read before the problem)
 */
gboolean
chronomap_json_parse_flat_object (const char *text,
                                  GPtrArray  *out_pairs)
{
  const char *p;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_pairs != NULL, FALSE);

  p = skip_space (text);
  if (*p++ != '{')
    return FALSE;
  p = skip_space (p);
  if (*p == '}')
    return *skip_space (p + 1) == '\0';
  for (;;)
    {
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      p = read_string (skip_space (p), &key);
      if (p == NULL)
        return FALSE;
      p = skip_space (p);
      if (*p++ != ':')
        return FALSE;
      p = skip_space (p);
      p = *p == '"' ? read_string (p, &value) : read_literal (p, &value);
      if (p == NULL)
        return FALSE;
      if (value != NULL)
        {
          g_ptr_array_add (out_pairs, g_steal_pointer (&key));
          g_ptr_array_add (out_pairs, g_steal_pointer (&value));
        }
      p = skip_space (p);
      if (*p == '}')
        return *skip_space (p + 1) == '\0';
      if (*p++ != ',')
        return FALSE;
    }
}
