/* chronomap-event-store.h: all events of a file, in memory, sorted by time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chronomap-database.h"
#include "chronomap-date.h"
#include "chronomap-string-pool.h"

G_BEGIN_DECLS

/**
 * ChronomapGeoPrecision:
 *
 * How precisely an event's coordinates place it; the values of the
 * `geo_precision` column (see data/schema.sql), from fine to coarse.
 */
typedef enum
{
  CHRONOMAP_GEO_PRECISION_UNKNOWN,
  CHRONOMAP_GEO_PRECISION_EXACT,
  CHRONOMAP_GEO_PRECISION_NEAR,
  CHRONOMAP_GEO_PRECISION_ADMIN2,
  CHRONOMAP_GEO_PRECISION_ADMIN1,
  CHRONOMAP_GEO_PRECISION_FEATURE,
  CHRONOMAP_GEO_PRECISION_COUNTRY,
} ChronomapGeoPrecision;

const char *chronomap_geo_precision_to_string   (ChronomapGeoPrecision  precision);
double      chronomap_geo_precision_radius_m    (ChronomapGeoPrecision  precision);
gboolean    chronomap_geo_precision_from_string (const char            *text,
                                                 ChronomapGeoPrecision *out_precision);

/**
 * ChronomapEvent:
 * @id: the row id in the file
 * @start: the first day the event covers (see chronomap-date.h)
 * @end: the last day it covers, inclusive; month and year precision widen
 *   @start and @end to the whole period
 * @event_type: string id (chronomap_event_store_get_string())
 * @latitude: NAN when the event has no position yet
 * @fatalities: -1 when unknown
 * @admin1: string id of the first-order administrative area, or 0
 * @admin2: string id of the second-order administrative area, or 0
 * @source_id: 0 when none
 * @country: ISO 3166-1 alpha-2 hint, or two NULs
 * @date_precision: a #ChronomapDatePrecision
 * @geo_precision: a #ChronomapGeoPrecision
 * @own_position: the coordinates come from the file, not the geocoder
 * @guessed: the geocoder placed the event but was not sure of the place
 *
 * One event, 64 bytes.  Notes, quote and the other long texts stay in the
 * file: chronomap_event_store_get_details() reads them on demand.
 */
typedef struct
{
  gint64  id;
  gint32  start;
  gint32  end;
  guint32 event_type;
  guint32 sub_event_type;
  guint32 actor1;
  guint32 actor2;
  guint32 location;
  guint32 admin1;
  guint32 admin2;
  float   latitude;
  float   longitude;
  gint32  fatalities;
  guint32 source_id;
  char    country[2];
  guint8  date_precision;
  guint8  geo_precision : 4;
  guint8  own_position : 1;
  guint8  guessed : 1;
} ChronomapEvent;

/**
 * ChronomapLocation:
 * @name: string id of the location text, as written in the source
 * @n_events: how many events name it
 * @country: the country hint most of those events give, or two NULs
 * @admin1: string id of the first-order area most of them give, or 0
 * @admin2: string id of the second-order area most of them give, or 0
 *
 * A distinct location: the geocoder works on these, not on every event.
 */
typedef struct
{
  guint32 name;
  guint32 n_events;
  guint32 admin1;
  guint32 admin2;
  char    country[2];
} ChronomapLocation;

/**
 * ChronomapSource:
 *
 * A row of the sources table (without its full text).
 */
typedef struct
{
  gint64  id;
  char   *title;
  char   *publisher;
  char   *url;
  char   *published;
} ChronomapSource;

/**
 * ChronomapEventDetails:
 *
 * The long texts of an event, read from the file on demand.
 */
typedef struct
{
  char   *notes;
  char   *quote;
  char   *external_id;
  char   *geo_source;
  gint64  fatalities_low;   /* -1: unknown */
  gint64  fatalities_high;  /* -1: unknown */
  char   *attributes;       /* the imported row's other columns, a JSON object */
} ChronomapEventDetails;

void chronomap_event_details_free (ChronomapEventDetails *details);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronomapEventDetails, chronomap_event_details_free)

/**
 * ChronomapLoadFlags:
 * @CHRONOMAP_LOAD_DEFAULT: a row that can't be read fails the load
 * @CHRONOMAP_LOAD_SKIP_BAD_ROWS: rows that can't be read are left out and
 *   described in chronomap_event_store_get_problems()
 */
typedef enum
{
  CHRONOMAP_LOAD_DEFAULT = 0,
  CHRONOMAP_LOAD_SKIP_BAD_ROWS = 1 << 0,
} ChronomapLoadFlags;

#define CHRONOMAP_TYPE_EVENT_STORE (chronomap_event_store_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapEventStore, chronomap_event_store, CHRONOMAP, EVENT_STORE, GObject)

ChronomapEventStore   *chronomap_event_store_load              (const char           *path,
                                                                ChronomapLoadFlags    flags,
                                                                GCancellable         *cancellable,
                                                                GError              **error);
ChronomapEventStore   *chronomap_event_store_load_database     (ChronomapDatabase    *database,
                                                                ChronomapLoadFlags    flags,
                                                                GCancellable         *cancellable,
                                                                GError              **error);
void                   chronomap_event_store_load_async        (const char           *path,
                                                                ChronomapLoadFlags    flags,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
ChronomapEventStore   *chronomap_event_store_load_finish       (GAsyncResult         *result,
                                                                GError              **error);

ChronomapDatabase     *chronomap_event_store_get_database      (ChronomapEventStore  *self);
guint                  chronomap_event_store_get_n_events      (ChronomapEventStore  *self);
const ChronomapEvent  *chronomap_event_store_get_events        (ChronomapEventStore  *self,
                                                                guint                *n_events);
const ChronomapEvent  *chronomap_event_store_get_event         (ChronomapEventStore  *self,
                                                                guint                 index);
int                    chronomap_event_store_find_id           (ChronomapEventStore  *self,
                                                                gint64                id);
gboolean               chronomap_event_store_get_range         (ChronomapEventStore  *self,
                                                                gint32               *first_day,
                                                                gint32               *last_day);
const char            *chronomap_event_store_get_string        (ChronomapEventStore  *self,
                                                                guint32               id);
ChronomapStringPool   *chronomap_event_store_get_strings       (ChronomapEventStore  *self);
const GPtrArray       *chronomap_event_store_get_problems      (ChronomapEventStore  *self);

GArray                *chronomap_event_store_query             (ChronomapEventStore  *self,
                                                                gint32                from,
                                                                gint32                to);
guint                  chronomap_event_store_first_from        (ChronomapEventStore  *self,
                                                                gint64                day);
guint                  chronomap_event_store_count             (ChronomapEventStore  *self,
                                                                gint32                from,
                                                                gint32                to);
void                   chronomap_event_store_count_per_day     (ChronomapEventStore  *self,
                                                                gint32                from,
                                                                gint32                to,
                                                                guint32              *counts);

guint32                chronomap_event_store_main_location     (ChronomapEventStore  *self,
                                                                const guint32        *events,
                                                                guint                 n_events,
                                                                guint32               prefer);

const ChronomapLocation *chronomap_event_store_get_locations   (ChronomapEventStore  *self,
                                                                guint                *n_locations);
guint                  chronomap_event_store_get_n_with_position (ChronomapEventStore *self);
gboolean               chronomap_event_store_location_needs_place (ChronomapEventStore *self,
                                                                   guint32              location);
guint                  chronomap_event_store_set_location_position (ChronomapEventStore *self,
                                                                    guint32              location,
                                                                    double               latitude,
                                                                    double               longitude,
                                                                    ChronomapGeoPrecision precision,
                                                                    gboolean             guessed);
void                   chronomap_event_store_positions_changed (ChronomapEventStore  *self);

guint                  chronomap_event_store_get_n_sources     (ChronomapEventStore  *self);
const ChronomapSource *chronomap_event_store_get_source        (ChronomapEventStore  *self,
                                                                gint64                id);
ChronomapEventDetails *chronomap_event_store_get_details       (ChronomapEventStore  *self,
                                                                guint                 index,
                                                                GError              **error);
gsize                  chronomap_event_store_get_event_memory  (ChronomapEventStore  *self);

G_END_DECLS
