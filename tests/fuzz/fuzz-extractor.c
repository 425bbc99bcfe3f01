/* fuzz-extractor.c: events extracted from an article's text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first four bytes are the publication day the extractor resolves
 * relative dates against ("on Tuesday", "last month"); the rest is the
 * article, checked first as `chronomap-cli extract` checks it.
 */
#include "config.h"

#include <string.h>

#include "chronomap-extractor.h"
#include "chronomap-fuzz.h"

static ChronomapExtractor *extractor;

void
chronomap_fuzz_setup (void)
{
  g_autoptr(GError) error = NULL;

  extractor = chronomap_extractor_new_default (&error);
  if (extractor == NULL)
    g_error ("fuzz-extractor needs the bundled gazetteer and lexicons: %s", error->message);
}

static void
check_span (const ChronomapTextSpan *span,
            gsize                    length)
{
  if (span->start < 0)
    return;
  g_assert_cmpint (span->start, <=, span->end);
  g_assert_cmpint (span->end, <=, (gssize) length);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;
  gsize length;
  guint32 raw = 0;
  gint32 published;

  if (size < 4)
    return 0;
  memcpy (&raw, data, 4);
  /* A day between 1900 and 2100, where the lexicon's dates live. */
  published = chronomap_date_from_ymd (1900, 1, 1) + (gint32) (raw % (200 * 366));
  text = (const char *) data + 4;
  length = size - 4;

  if (!chronomap_extractor_check_text (text, length, &error))
    {
      g_assert_nonnull (error);
      return 0;
    }

  events = chronomap_extractor_extract (extractor, text, length, published);
  g_assert_nonnull (events);
  for (guint i = 0; i < events->len; i++)
    {
      const ChronomapExtractedEvent *e = g_ptr_array_index (events, i);

      /* The CLI writes these to an event database: what it writes must
       * read back. */
      g_assert_cmpint (e->date_start, !=, CHRONOMAP_DAY_INVALID);
      g_assert_cmpint (e->date_start, <=, e->date_end);
      g_assert_true (e->confidence >= 0 && e->confidence <= 1);
      if (e->location != NULL)
        g_assert_true (g_utf8_validate (e->location, -1, NULL));
      if (e->quote != NULL)
        g_assert_true (g_utf8_validate (e->quote, -1, NULL));
      check_span (&e->sentence, length);
      check_span (&e->place_span, length);
      check_span (&e->date_span, length);
      check_span (&e->trigger_span, length);
      check_span (&e->actor1_span, length);
      check_span (&e->actor2_span, length);
    }

  return 0;
}
