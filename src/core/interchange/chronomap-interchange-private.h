/* chronomap-interchange-private.h: shared by the importers and exporters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chronomap-database.h"
#include "chronomap-date.h"
#include "chronomap-importer.h"

G_BEGIN_DECLS

/* The event type of rows whose file has no type column. */
#define CHRONOMAP_IMPORT_UNKNOWN_TYPE "Unspecified"

/* One event on its way into the database.  The strings are borrowed from
 * the reader and must stay valid until chronomap_event_writer_write()
 * returns; %NULL means unknown. */
typedef struct
{
  const char             *external_id;
  char                    date_start[16];
  char                    date_end[16];       /* "" when the same as date_start */
  ChronomapDatePrecision  precision;
  const char             *event_type;
  const char             *sub_event_type;
  const char             *actor1;
  const char             *actor2;
  const char             *location;
  const char             *country;
  const char             *admin1;             /* the data set's first-order area */
  const char             *admin2;             /* and second-order area */
  gboolean                has_position;
  double                  latitude;
  double                  longitude;
  const char             *geo_precision;
  const char             *geo_source;
  gint64                  fatalities;         /* -1 when unknown */
  gint64                  fatalities_low;
  gint64                  fatalities_high;
  const char             *notes;
  const char             *quote;
  const char             *source_title;
  const char             *source_publisher;
  const char             *source_url;
  const char             *source_published;
  const char             *source_text;
  const char             *attributes;         /* a JSON object, or NULL */
} ChronomapInterchangeEvent;

/* What a column of an input file can mean. */
typedef enum
{
  F_ID,
  F_DATE,
  F_DATE_START,
  F_DATE_END,
  F_DATE_PRECISION,
  F_TIME_PRECISION,
  F_EVENT_TYPE,
  F_SUB_EVENT_TYPE,
  F_ACTOR1,
  F_ACTOR2,
  F_INTER1,
  F_INTER2,
  F_LOCATION,
  F_COUNTRY,
  F_COUNTRY_CODE,
  F_ISO3,
  F_ADMIN1,
  F_ADMIN2,
  F_LATITUDE,
  F_LONGITUDE,
  F_GEO_PRECISION,
  F_GEO_SOURCE,
  F_FATALITIES,
  F_FATALITIES_LOW,
  F_FATALITIES_HIGH,
  F_NOTES,
  F_QUOTE,
  F_SOURCE,
  F_SOURCE_TITLE,
  F_SOURCE_URL,
  F_SOURCE_PUBLISHED,
  F_SOURCE_TEXT,
  F_UCDP_TYPE,
  F_UCDP_DATE_PREC,
  F_UCDP_WHERE_PREC,
  F_UCDP_CONFLICT,
  F_UCDP_DYAD,
  F_UCDP_WHERE_DESCRIPTION,
  F_GDELT_EVENT_CODE,
  F_GDELT_ROOT_CODE,
  F_GDELT_GOLDSTEIN,
  F_GDELT_ARTICLES,
  F_GDELT_GEO_TYPE,
  F_YEAR,             /* the date's year, which the date already says */
  F_GDELT_COUNTRY,    /* ActionGeo_CountryCode: FIPS 10-4 */
  F_LOCATION_PRECISION,   /* Chronomap's CSV: the precision as a word, which
                           * ACLED's 1-3 geo_precision cannot all say */
  N_FIELDS
} Field;

/* One input row on its way to an event: the text of each field (NULL when
 * empty or absent) and, for messages, the column or member it came from. */
typedef struct
{
  ChronomapImporter *importer;
  const char        *values[N_FIELDS];
  const char        *names[N_FIELDS];
  const char        *display_name;
  guint64            line;
  /* what the row holds beyond the fields: a JSON object, or NULL */
  const char        *attributes;
} ChronomapInterchangeRow;

gboolean              chronomap_importer_import_row        (ChronomapImporter          *self,
                                                            ChronomapInterchangeRow    *row,
                                                            GError                    **error);

typedef struct _ChronomapEventWriter ChronomapEventWriter;

#define CHRONOMAP_INTERCHANGE_HASH_H1 G_GUINT64_CONSTANT (0xcbf29ce484222325)
#define CHRONOMAP_INTERCHANGE_HASH_H2 G_GUINT64_CONSTANT (0x84222325cbf29ce4)

void                  chronomap_interchange_hash_field     (guint64                    *h1,
                                                            guint64                    *h2,
                                                            const char                 *text);

ChronomapEventWriter *chronomap_event_writer_new           (ChronomapDatabase          *db,
                                                            GError                    **error);
void                  chronomap_event_writer_free          (ChronomapEventWriter       *writer);
gboolean              chronomap_event_writer_write         (ChronomapEventWriter       *writer,
                                                            const ChronomapInterchangeEvent *event,
                                                            GError                    **error);
gint64                chronomap_event_writer_count         (ChronomapEventWriter       *writer);
guint64               chronomap_event_writer_get_n_written (ChronomapEventWriter       *writer);

/* Importer internals shared with the GeoJSON reader. */
gboolean              chronomap_importer_skip_row          (ChronomapImporter          *self,
                                                            GError                    **row_error,
                                                            GError                    **error);
void                  chronomap_importer_report_progress   (ChronomapImporter          *self,
                                                            guint64                     offset_in_file);
gboolean              chronomap_import_geojson_file        (ChronomapImporter          *self,
                                                            const char                 *path,
                                                            const char                 *time_property,
                                                            GCancellable               *cancellable,
                                                            GError                    **error);

void                  chronomap_interchange_bind_text      (sqlite3_stmt               *stmt,
                                                            int                         index,
                                                            const char                 *text);
int                   chronomap_interchange_field_for_name (const char                 *name);
gboolean              chronomap_interchange_field_is_kept  (int                         field);
void                  chronomap_interchange_attribute_add  (GString                    *json,
                                                            const char                 *key,
                                                            const char                 *value);
const char           *chronomap_interchange_attributes_end (GString                    *json);
const char           *chronomap_interchange_country_code   (const char                 *name);
const char           *chronomap_interchange_country_name   (const char                 *code);
const char           *chronomap_interchange_country_from_fips (const char              *fips);

G_END_DECLS
