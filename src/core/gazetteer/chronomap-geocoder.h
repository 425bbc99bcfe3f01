/* chronomap-geocoder.h: place names to coordinates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chronomap-gazetteer.h"

G_BEGIN_DECLS

/**
 * ChronomapGeocodeAlternative:
 * @entry: a place that was considered
 * @score: its score; the chosen place scored highest
 *
 * A candidate the geocoder considered and did not choose.
 */
typedef struct
{
  ChronomapGazetteerEntry *entry;
  double                   score;
} ChronomapGeocodeAlternative;

/**
 * ChronomapGeocodeResult:
 * @query: the name as given
 * @resolved: whether a place was found; when %FALSE the coordinates are NAN
 * @latitude: WGS 84 degrees, or NAN
 * @longitude: WGS 84 degrees, or NAN
 * @precision: what the point stands for; %CHRONOMAP_PRECISION_NONE when unresolved
 * @confidence: 0 (a guess) to 1 (certain); 0 when unresolved
 * @near: the name said the place is near, around or part of the entry
 *   ("near Baghouz", "outskirts of Mosul", "X checkpoint")
 * @area_only: the name was found nowhere, or only far outside the area
 *   the data set put the event in: the point is that area's, a guess
 * @entry: (nullable): the gazetteer entry chosen
 * @alternatives: (element-type ChronomapGeocodeAlternative): the other
 *   places considered, best first; empty, never %NULL
 *
 * The answer for one name.
 */
typedef struct
{
  char                    *query;
  gboolean                 resolved;
  double                   latitude;
  double                   longitude;
  ChronomapPrecision       precision;
  double                   confidence;
  gboolean                 near;
  gboolean                 area_only;
  ChronomapGazetteerEntry *entry;
  GPtrArray               *alternatives;
} ChronomapGeocodeResult;

void chronomap_geocode_result_free (ChronomapGeocodeResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronomapGeocodeResult, chronomap_geocode_result_free)

#define CHRONOMAP_TYPE_GEOCODER (chronomap_geocoder_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapGeocoder, chronomap_geocoder, CHRONOMAP, GEOCODER, GObject)

ChronomapGeocoder       *chronomap_geocoder_new           (ChronomapGazetteer  *gazetteer);
ChronomapGazetteer      *chronomap_geocoder_get_gazetteer (ChronomapGeocoder   *self);
void                     chronomap_geocoder_add_context   (ChronomapGeocoder   *self,
                                                           double               latitude,
                                                           double               longitude);
void                     chronomap_geocoder_clear_context (ChronomapGeocoder   *self);
ChronomapGeocodeResult  *chronomap_geocoder_geocode       (ChronomapGeocoder   *self,
                                                           const char          *query,
                                                           const char          *country_hint);
ChronomapGeocodeResult  *chronomap_geocoder_geocode_in    (ChronomapGeocoder   *self,
                                                           const char          *query,
                                                           const char          *country_hint,
                                                           const char          *admin1_hint);
GPtrArray               *chronomap_geocoder_geocode_all   (ChronomapGeocoder   *self,
                                                           const char * const  *queries,
                                                           const char * const  *country_hints,
                                                           const char * const  *admin1_hints,
                                                           guint                n_queries);
ChronomapGazetteerEntry *chronomap_geocoder_nearest_place (ChronomapGeocoder   *self,
                                                           double               latitude,
                                                           double               longitude,
                                                           double               max_km,
                                                           double              *out_km);
GPtrArray               *chronomap_geocoder_complete      (ChronomapGeocoder   *self,
                                                           const char          *text,
                                                           const char          *country,
                                                           guint                max_results);
char                    *chronomap_geocoder_area_hint     (const char          *admin1,
                                                           const char          *admin2);

double                   chronomap_geo_distance_km        (double               lat1,
                                                           double               lon1,
                                                           double               lat2,
                                                           double               lon2);

G_END_DECLS
