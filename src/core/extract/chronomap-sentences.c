/* chronomap-sentences.c: sentences, clauses and words of a text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sentences end at ".", "!" or "?" followed by white space and a capital,
 * a digit or a quotation mark, unless the word before the dot is a known
 * abbreviation or a single capital ("U.S.", "Mr.", "Jan.").  A line break
 * always ends a sentence: news text puts headlines, captions and datelines
 * on lines of their own without a full stop.
 */
#define G_LOG_DOMAIN "chronomap-sentences"

#include "config.h"

#include "chronomap-sentences.h"

#include <string.h>

static const char * const abbreviations[] = {
  "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "maj", "gov", "sen",
  "rep", "rev", "prof", "jr", "sr", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct",
  "nov", "dec", "no", "vs", "etc", "inc", "corp", "co", "ltd", "mt", "ft", "u", "s", NULL
};

static void
words_clear (gpointer data)
{
  ChronomapWord *word = data;

  g_free (word->lower);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x2018;
}

/**
 * chronomap_split_words:
 * @text: UTF-8 text
 * @start: byte offset to start at
 * @end: byte offset to stop at
 *
 * Splits a stretch of @text into words.  Hyphens and punctuation separate
 * words; an apostrophe between letters does not, except a possessive
 * "'s", which is dropped.  Clause numbers advance at commas, semicolons,
 * dashes, brackets and at the conjunctions that start a clause.
 *
 * Returns: (transfer full) (element-type ChronomapWord): the words
 */
GArray *
chronomap_split_words (const char *text,
                       gsize       start,
                       gsize       end)
{
  static const char * const subordinators[] = { "after", "before", "until", NULL };
  static const char * const clause_words[] = { "after", "before", "since", "until", "when",
                                               "while", "but", "whereas", "although", NULL };
  GArray *words = g_array_new (FALSE, TRUE, sizeof (ChronomapWord));
  const char *p = text + start;
  const char *stop = text + end;
  guint clause = 0;
  gboolean subordinate = FALSE;

  g_array_set_clear_func (words, words_clear);

  while (p < stop)
    {
      gunichar c = g_utf8_get_char (p);

      if (is_word_char (c))
        {
          ChronomapWord w = { 0 };
          GString *lower = g_string_new (NULL);
          const char *q = p;

          w.start = p - text;
          w.upper = g_unichar_isupper (c) || g_unichar_istitle (c);
          while (q < stop)
            {
              gunichar d = g_utf8_get_char (q);
              const char *next = g_utf8_next_char (q);

              if (is_word_char (d))
                {
                  g_string_append_unichar (lower, g_unichar_tolower (d));
                  q = next;
                }
              else if (d == ',' && lower->len > 0 && g_ascii_isdigit (lower->str[lower->len - 1]) &&
                       next + 3 <= stop && g_ascii_isdigit (next[0]) && g_ascii_isdigit (next[1]) &&
                       g_ascii_isdigit (next[2]) && (next + 3 == stop || !g_ascii_isdigit (next[3])))
                q = next;   /* "60,000" */
              else if (is_apostrophe (d) && next < stop && is_word_char (g_utf8_get_char (next)))
                {
                  const char *after = g_utf8_next_char (next);

                  if (g_utf8_get_char (next) == 's' &&
                      (after >= stop || !is_word_char (g_utf8_get_char (after))))
                    {
                      w.end = q - text;
                      q = after;
                      goto done;
                    }
                  q = next;
                }
              else
                break;
            }
          w.end = q - text;
done:
          w.lower = g_string_free (lower, FALSE);
          if (g_strv_contains (clause_words, w.lower) && words->len > 0)
            {
              clause++;
              subordinate = g_strv_contains (subordinators, w.lower);
            }
          w.clause = clause;
          w.subordinate = subordinate;
          g_array_append_val (words, w);
          p = q;
          continue;
        }

      if (c == ',' || c == ';' || c == '(' || c == ')' || c == 0x2014 || c == 0x2013 || c == ':')
        {
          clause++;
          subordinate = FALSE;
        }
      p = g_utf8_next_char (p);
    }

  return words;
}

/* The text need not end in NUL: never compare past @stop. */
static gboolean
has_prefix (const char *p,
            const char *stop,
            const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (stop - p) >= n && memcmp (p, prefix, n) == 0;
}

static gboolean
ends_sentence (const char *text,
               const char *dot,
               const char *stop)
{
  const char *w = dot;
  const char *q = dot + 1;
  g_autofree char *word = NULL;
  gunichar c;

  /* closing quotes and brackets belong to the sentence */
  while (q < stop && (*q == '"' || *q == '\'' || *q == ')' ||
                      has_prefix (q, stop, "\xe2\x80\x9d") || has_prefix (q, stop, "\xe2\x80\x99")))
    q = g_utf8_next_char (q);
  if (q >= stop)
    return TRUE;
  if (!g_unichar_isspace (g_utf8_get_char (q)))
    return FALSE;
  while (q < stop && g_unichar_isspace (g_utf8_get_char (q)))
    q = g_utf8_next_char (q);
  if (q >= stop)
    return TRUE;
  c = g_utf8_get_char (q);
  if (!(g_unichar_isupper (c) || g_unichar_isdigit (c) || c == '"' || c == 0x201C || c == 0x2018 ||
        c == '\''))
    return FALSE;

  if (*dot != '.')
    return TRUE;
  while (w > text && g_unichar_isalpha (g_utf8_get_char (g_utf8_prev_char (w))))
    w = g_utf8_prev_char (w);
  if (w == dot)
    return TRUE;
  word = g_utf8_strdown (w, dot - w);
  /* "U.S. forces": a capital after an initial is likely still the same
   * sentence, but a sentence may end in "U.S." too; prefer to split only
   * when the next word is not a name's continuation */
  return !g_strv_contains (abbreviations, word);
}

/* Adds the sentence from @begin to @end, trailing white space left out. */
static void
add_sentence (GArray     *sentences,
              const char *text,
              const char *begin,
              const char *end,
              guint       paragraph)
{
  ChronomapSentence s;

  while (end > begin && g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);
  s.start = begin - text;
  s.end = end - text;
  s.paragraph = paragraph;
  if (s.end > s.start)
    g_array_append_val (sentences, s);
}

/**
 * chronomap_split_sentences:
 * @text: UTF-8 text
 * @length: its length in bytes
 *
 * Returns: (transfer full) (element-type ChronomapSentence): the sentences
 *   of @text, in order
 */
GArray *
chronomap_split_sentences (const char *text,
                           gsize       length)
{
  GArray *sentences = g_array_new (FALSE, FALSE, sizeof (ChronomapSentence));
  const char *stop = text + length;
  const char *p = text;
  const char *begin = NULL;
  guint paragraph = 0;
  gboolean blank_since = FALSE;

  while (p < stop)
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (begin == NULL)
        {
          if (c == '\n')
            blank_since = TRUE;
          if (!g_unichar_isspace (c))
            {
              if (blank_since && sentences->len > 0)
                paragraph++;
              blank_since = FALSE;
              begin = p;
            }
          p = next;
          continue;
        }

      if (c == '\n' || ((c == '.' || c == '!' || c == '?') && ends_sentence (text, p, stop)))
        {
          const char *e = c == '\n' ? p : next;

          /* closing quotes after the full stop */
          while (c != '\n' && e < stop && (*e == '"' || *e == ')' || has_prefix (e, stop, "\xe2\x80\x9d")))
            e = g_utf8_next_char (e);
          add_sentence (sentences, text, begin, e, paragraph);
          begin = NULL;
          if (c == '\n')
            blank_since = TRUE;
          p = c == '\n' ? next : e;
          continue;
        }
      p = next;
    }

  if (begin != NULL)
    add_sentence (sentences, text, begin, stop, paragraph);

  return sentences;
}

/**
 * chronomap_dateline_rest:
 * @place_end: where a report's first name in capitals ends
 * @end: the end of the text
 * @out_between: (out) (optional): the area or date after the name's
 *   comma ("Kan.", "March 24, 2019"), empty when there is none
 * @out_between_length: (out) (optional): its length in bytes
 *
 * Whether what follows a name in capitals makes it a dateline, as in
 * "SALINA, Kan. (AP) --" or "BEIRUT, March 24, 2019 (Reuters) –": after
 * an optional comma and an area or date, an optional agency in brackets
 * and a hyphen, an en or an em dash.
 *
 * Returns: whether it does
 */
gboolean
chronomap_dateline_rest (const char  *place_end,
                         const char  *end,
                         const char **out_between,
                         gsize       *out_between_length)
{
  const char *p = place_end, *between = place_end, *between_end = place_end;
  const char *stop;

  if (p < end && *p == ',')
    {
      /* the area, the date or both: letters, digits, dots, commas and
       * spaces */
      stop = MIN (end, p + 40);
      for (between = ++p; p < stop && (g_ascii_isalnum (*p) || *p == '.' || *p == ',' || *p == ' '); p++)
        ;
      between_end = p;
    }
  while (p < end && *p == ' ')
    p++;
  if (p < end && *p == '(')
    {
      /* the agency */
      stop = MIN (end, p + 16);
      while (p < stop && *p != ')')
        p++;
      if (p >= stop)
        return FALSE;
      for (p++; p < end && *p == ' '; p++)
        ;
    }
  /* a hyphen, an em or an en dash (the text need not end in a NUL) */
  if (!(p < end && (*p == '-' || (end - p >= 3 && (memcmp (p, "\u2014", 3) == 0 ||
                                                   memcmp (p, "\u2013", 3) == 0)))))
    return FALSE;
  if (out_between != NULL)
    *out_between = between;
  if (out_between_length != NULL)
    *out_between_length = between_end - between;
  return TRUE;
}
