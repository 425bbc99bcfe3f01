/* chronomap-geoparser.h: place mentions in running text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "gazetteer/chronomap-gazetteer.h"

G_BEGIN_DECLS

/**
 * ChronomapPlaceMention:
 * @start: offset of the first character, in Unicode characters from the
 *   start of the text
 * @end: offset after the last character (exclusive)
 * @byte_start: the same in bytes
 * @byte_end: the same in bytes
 * @text: the mention as written
 * @entry: the gazetteer entry it resolves to
 * @score: how sure the geoparser is that this is a place, 0..1
 * @dateline: whether it opens a report as its dateline ("BEIRUT
 *   (Reuters) -"): where the reporter was, not where things happened
 *
 * One place name found in a text.
 */
typedef struct
{
  glong                    start;
  glong                    end;
  gsize                    byte_start;
  gsize                    byte_end;
  char                    *text;
  ChronomapGazetteerEntry *entry;
  double                   score;
  gboolean                 dateline;
} ChronomapPlaceMention;

void chronomap_place_mention_free (ChronomapPlaceMention *mention);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronomapPlaceMention, chronomap_place_mention_free)

#define CHRONOMAP_TYPE_GEOPARSER (chronomap_geoparser_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapGeoparser, chronomap_geoparser, CHRONOMAP, GEOPARSER, GObject)

ChronomapGeoparser *chronomap_geoparser_new       (ChronomapGazetteer  *gazetteer,
                                                   GError             **error);
GPtrArray          *chronomap_geoparser_parse     (ChronomapGeoparser  *self,
                                                   const char          *text,
                                                   gssize               length);
GPtrArray          *chronomap_geoparser_lookup    (ChronomapGeoparser  *self,
                                                   const char          *name);

G_END_DECLS
