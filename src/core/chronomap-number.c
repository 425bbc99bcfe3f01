/* chronomap-number.c: numbers as data files write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "chronomap-number.h"

/**
 * chronomap_parse_decimal:
 * @s: text
 * @out: (out): the number
 *
 * A decimal number as data sets write coordinates ("36.38", "-0.5",
 * "1E-05"), with blanks around.  g_ascii_strtod() alone would also take
 * "0x10", "nan" and "inf": in a data file those are typos or
 * placeholders, not positions.
 *
 * Returns: whether all of @s is such a number
 */
gboolean
chronomap_parse_decimal (const char *s,
                         double     *out)
{
  const char *p = s;
  const char *start;
  const char *number_end;
  gboolean digits = FALSE;
  char *end = NULL;

  while (g_ascii_isspace (*p))
    p++;
  start = p;
  if (*p == '+' || *p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;
  if (!digits)
    return FALSE;
  if (*p == 'e' || *p == 'E')
    {
      p++;
      if (*p == '+' || *p == '-')
        p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  number_end = p;
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    return FALSE;

  /* an exponent too large gives ±inf, which the range check then refuses */
  *out = g_ascii_strtod (start, &end);
  return end == number_end;
}

/**
 * chronomap_is_all_digits:
 * @s: (nullable): text
 *
 * Returns: whether @s is one or more ASCII digits and nothing else, as an
 *   id or a count in a data row is, and a header's name is not
 */
gboolean
chronomap_is_all_digits (const char *s)
{
  if (s == NULL || *s == '\0')
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}
