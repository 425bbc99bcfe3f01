/* chronomap-placement.h: geocoding a file's places when it is opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chronomap-event-store.h"
#include "chronomap-geocoder.h"

G_BEGIN_DECLS

typedef struct
{
  char                  *label;
  double                 latitude;
  double                 longitude;
  ChronomapGeoPrecision  precision;
  char                  *source;   /* the gazetteer: "bundled" or a user file's name */
} ChronomapPlaceCandidate;

/**
 * ChronomapPlacement:
 * @name: the location as the file writes it
 * @n_events: how many events name it
 * @resolved: whether it was placed; unresolved names are never drawn
 * @label: what it was matched to, "Al Mayādīn, Deir ez-Zor, Syria"
 * @confidence: 0..1
 * @candidates: (element-type ChronomapPlaceCandidate): the other places
 *   the geocoder considered, best first
 * @chosen: the analyst picked the place, or chose to leave it off the map
 * @source: (nullable): the gazetteer the place comes from ("bundled" or a
 *   user gazetteer's name), %NULL when not placed
 * @area_only: the name was not found (or only far from the area the
 *   file gives it): it is placed in that area, @label, as a guess
 *
 * How one distinct location of a file was placed.
 */
typedef struct
{
  char                  *name;
  guint                  n_events;
  gboolean               resolved;
  double                 latitude;
  double                 longitude;
  ChronomapGeoPrecision  precision;
  double                 confidence;
  char                  *label;
  GPtrArray             *candidates;
  gboolean               chosen;
  char                  *source;
  gboolean               area_only;
} ChronomapPlacement;

void        chronomap_placement_free         (ChronomapPlacement   *placement);
ChronomapPlacement *
            chronomap_placement_copy         (const ChronomapPlacement *placement);
gboolean    chronomap_placement_is_guess     (const ChronomapPlacement *placement);
gboolean    chronomap_placement_is_unresolved (const ChronomapPlacement *placement);

void        chronomap_placements_find_async  (ChronomapEventStore  *store,
                                              GFile                *file,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray  *chronomap_placements_find        (ChronomapEventStore  *store,
                                              GFile                *file,
                                              GCancellable         *cancellable,
                                              GError              **error);
GPtrArray  *chronomap_placements_find_finish (GAsyncResult         *result,
                                              GError              **error);
guint       chronomap_placements_apply       (ChronomapEventStore  *store,
                                              GPtrArray            *placements);
char       *chronomap_placements_credit      (GPtrArray            *placements);
gboolean    chronomap_placements_choose      (GPtrArray            *placements,
                                              const char           *name,
                                              guint                 candidate,
                                              GFile                *file,
                                              GError              **error);

gboolean    chronomap_placements_place       (GPtrArray                     *placements,
                                              const char                    *name,
                                              const ChronomapPlaceCandidate *place,
                                              GFile                         *file,
                                              GError                       **error);

ChronomapPlaceCandidate *
            chronomap_place_candidate_copy   (const ChronomapPlaceCandidate *candidate);
gboolean    chronomap_placements_restore     (GPtrArray                *placements,
                                              const ChronomapPlacement *saved,
                                              GFile                    *file,
                                              GError                  **error);

void        chronomap_place_candidate_free   (ChronomapPlaceCandidate *candidate);
GPtrArray  *chronomap_places_search          (ChronomapGeocoder    *geocoder,
                                              const char           *text,
                                              const char           *country,
                                              guint                 max_results);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronomapPlacement, chronomap_placement_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronomapPlaceCandidate, chronomap_place_candidate_free)

G_END_DECLS
