/* chronomap-sentences.h: sentences, clauses and words of a text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ChronomapSentence:
 * @start: byte offset of its first character in the text
 * @end: byte offset after its last character
 * @paragraph: which paragraph (line block) it is in, from 0
 *
 * One sentence, with surrounding white space left out.
 */
typedef struct
{
  gsize start;
  gsize end;
  guint paragraph;
} ChronomapSentence;

/**
 * ChronomapWord:
 * @start: byte offset in the text the words were split from
 * @end: byte offset after the word
 * @lower: the word in lower case
 * @upper: whether it starts with a capital letter
 * @clause: which clause of its sentence it is in, from 0
 * @subordinate: whether that clause begins "after", "before" or
 *   "until", so that a date in it is another time than the sentence's
 *
 * One word.
 */
typedef struct
{
  gsize     start;
  gsize     end;
  char     *lower;
  gboolean  upper;
  guint     clause;
  gboolean  subordinate;
} ChronomapWord;

GArray *chronomap_split_sentences (const char *text,
                                   gsize       length);
GArray *chronomap_split_words     (const char *text,
                                   gsize       start,
                                   gsize       end);
gboolean chronomap_dateline_rest  (const char  *place_end,
                                   const char  *end,
                                   const char **out_between,
                                   gsize       *out_between_length);

G_END_DECLS
