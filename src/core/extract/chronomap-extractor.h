/* chronomap-extractor.h: events from news articles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chronomap-date.h"
#include "chronomap-geoparser.h"
#include "chronomap-lexicon.h"

G_BEGIN_DECLS

/* Articles longer than this are refused: a news article is a few tens of
 * kilobytes, and a file this large is a data dump or a mistake. */
#define CHRONOMAP_EXTRACT_MAX_BYTES (2 * 1024 * 1024)

/**
 * ChronomapTextSpan:
 * @start: byte offset in the article, or -1 when absent
 * @end: byte offset after it
 *
 * Where a part of an event is written, for highlighting.
 */
typedef struct
{
  gssize start;
  gssize end;
} ChronomapTextSpan;

/**
 * ChronomapExtractedEvent:
 * @date_start: first day
 * @date_end: last day
 * @precision: what the text supports
 * @location: (nullable): the place as written
 * @place: (nullable): the gazetteer entry of the place
 * @event_type: ACLED event type
 * @sub_event_type: ACLED sub-event type
 * @actor1: (nullable): the acting side
 * @actor2: (nullable): the other side
 * @fatalities: the number killed, or -1 when not stated
 * @confidence: 0..1
 * @quote: the sentence that supports the event, exactly as written
 * @sentence: where the sentence is in the article
 * @place_span: where the place is named (-1 when it was inferred from the
 *   rest of the article)
 * @date_span: where the date is written (-1 when it was inferred)
 * @trigger_span: the words that signal the event
 * @actor1_span: where actor1 is named
 * @actor2_span: where actor2 is named
 * @date_assumed: neither the sentence nor its paragraph gives a date: the
 *   publication day stands in, for the analyst to check
 *
 * One event proposed for review.
 */
typedef struct
{
  gint32                   date_start;
  gint32                   date_end;
  ChronomapDatePrecision   precision;
  char                    *location;
  ChronomapGazetteerEntry *place;
  char                    *event_type;
  char                    *sub_event_type;
  char                    *actor1;
  char                    *actor2;
  gint64                   fatalities;
  double                   confidence;
  char                    *quote;
  ChronomapTextSpan        sentence;
  ChronomapTextSpan        place_span;
  ChronomapTextSpan        date_span;
  ChronomapTextSpan        trigger_span;
  ChronomapTextSpan        actor1_span;
  ChronomapTextSpan        actor2_span;
  gboolean                 date_assumed;
} ChronomapExtractedEvent;

void chronomap_extracted_event_free (ChronomapExtractedEvent *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronomapExtractedEvent, chronomap_extracted_event_free)

#define CHRONOMAP_TYPE_EXTRACTOR (chronomap_extractor_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapExtractor, chronomap_extractor, CHRONOMAP, EXTRACTOR, GObject)

ChronomapExtractor *chronomap_extractor_new          (ChronomapGeoparser  *geoparser,
                                                      ChronomapLexicon    *lexicon);
ChronomapExtractor *chronomap_extractor_new_default  (GError             **error);
gboolean            chronomap_extractor_check_text   (const char          *data,
                                                      gsize                length,
                                                      GError             **error);
GPtrArray          *chronomap_extractor_extract      (ChronomapExtractor  *self,
                                                      const char          *text,
                                                      gsize                length,
                                                      gint32               published);

G_END_DECLS
