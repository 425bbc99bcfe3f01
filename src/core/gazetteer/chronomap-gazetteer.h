/* chronomap-gazetteer.h: the places the geocoder knows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * ChronomapPrecision:
 * @CHRONOMAP_PRECISION_NONE: unresolved
 * @CHRONOMAP_PRECISION_PLACE: a populated place (city, town, village)
 * @CHRONOMAP_PRECISION_ADMIN: an administrative area (governorate, district)
 * @CHRONOMAP_PRECISION_COUNTRY: a whole country
 * @CHRONOMAP_PRECISION_RIVER: a river; the point is one on its course
 * @CHRONOMAP_PRECISION_OTHER: another feature (airport, mountain, camp...)
 *
 * What a gazetteer entry's point stands for.
 */
typedef enum
{
  CHRONOMAP_PRECISION_NONE,
  CHRONOMAP_PRECISION_PLACE,
  CHRONOMAP_PRECISION_ADMIN,
  CHRONOMAP_PRECISION_COUNTRY,
  CHRONOMAP_PRECISION_RIVER,
  CHRONOMAP_PRECISION_OTHER,
} ChronomapPrecision;

const char *chronomap_precision_to_string (ChronomapPrecision precision);

/**
 * ChronomapGazetteerEntry:
 * @id: the source's identifier ("geonames:172955", "wof:1259574811", "sup:tigris")
 * @name: the canonical name
 * @admin1: (nullable): the first-order administrative area's name
 * @country: ISO 3166-1 alpha-2 code, or "" when unknown
 * @country_name: (nullable): the country's English name
 * @latitude: WGS 84 degrees
 * @longitude: WGS 84 degrees
 * @precision: what the point stands for
 * @population: 0 when unknown
 * @source: the gazetteer it comes from ("bundled" or a user file's name)
 *
 * One place, copied out of a gazetteer.
 */
typedef struct
{
  char               *id;
  char               *name;
  char               *admin1;
  char                country[3];
  char               *country_name;
  double              latitude;
  double              longitude;
  ChronomapPrecision  precision;
  guint               population;
  char               *source;
  /*< private >*/
  gboolean            packed;   /* the strings share the entry's block */
} ChronomapGazetteerEntry;

ChronomapGazetteerEntry *chronomap_gazetteer_entry_copy  (const ChronomapGazetteerEntry *entry);
void                     chronomap_gazetteer_entry_free  (ChronomapGazetteerEntry       *entry);
char                    *chronomap_gazetteer_entry_label (const ChronomapGazetteerEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronomapGazetteerEntry, chronomap_gazetteer_entry_free)

#define CHRONOMAP_TYPE_GAZETTEER (chronomap_gazetteer_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapGazetteer, chronomap_gazetteer, CHRONOMAP, GAZETTEER, GObject)

ChronomapGazetteer *chronomap_gazetteer_new              (void);
ChronomapGazetteer *chronomap_gazetteer_new_default      (GError             **error);
gboolean            chronomap_gazetteer_add_file         (ChronomapGazetteer  *self,
                                                          const char          *path,
                                                          GError             **error);
guint               chronomap_gazetteer_get_n_files      (ChronomapGazetteer  *self);
guint               chronomap_gazetteer_get_n_entries    (ChronomapGazetteer  *self);
const char         *chronomap_gazetteer_get_country_name (ChronomapGazetteer  *self,
                                                          const char          *country);

char               *chronomap_gazetteer_bundled_path     (void);
char               *chronomap_gazetteer_user_dir         (void);
GPtrArray          *chronomap_gazetteer_list_user_files  (GError             **error);
char               *chronomap_gazetteer_dup_fingerprint  (void);

/**
 * ChronomapGazetteerBuilder:
 *
 * Collects places and writes them as a compiled gazetteer file: used at
 * build time for the bundled gazetteer and by `gazetteer add` for the
 * user's.
 */
typedef struct _ChronomapGazetteerBuilder ChronomapGazetteerBuilder;

ChronomapGazetteerBuilder *chronomap_gazetteer_builder_new    (const char *label);
void     chronomap_gazetteer_builder_free                     (ChronomapGazetteerBuilder *builder);
void     chronomap_gazetteer_builder_add                      (ChronomapGazetteerBuilder *builder,
                                                               const char                *id,
                                                               const char                *name,
                                                               double                     latitude,
                                                               double                     longitude,
                                                               const char                *country,
                                                               const char                *admin1,
                                                               const char                *feature,
                                                               guint                      population,
                                                               const char * const        *alt_names);
guint    chronomap_gazetteer_builder_get_n_entries            (ChronomapGazetteerBuilder *builder);
guint    chronomap_gazetteer_builder_get_n_skipped            (ChronomapGazetteerBuilder *builder);
GPtrArray *chronomap_gazetteer_builder_get_problems           (ChronomapGazetteerBuilder *builder);
gboolean chronomap_gazetteer_builder_load_admin1              (ChronomapGazetteerBuilder *builder,
                                                               const char                *path,
                                                               GError                   **error);
gboolean chronomap_gazetteer_builder_add_file                 (ChronomapGazetteerBuilder *builder,
                                                               const char                *path,
                                                               GError                   **error);
gboolean chronomap_gazetteer_builder_write                    (ChronomapGazetteerBuilder *builder,
                                                               const char                *path,
                                                               GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronomapGazetteerBuilder, chronomap_gazetteer_builder_free)

char    *chronomap_gazetteer_user_name_for                    (const char                 *source);
gboolean chronomap_gazetteer_add_user_file                    (const char                 *source,
                                                               const char                 *name,
                                                               ChronomapGazetteerBuilder **out_builder,
                                                               gboolean                   *out_replaced,
                                                               GError                    **error);

G_END_DECLS
