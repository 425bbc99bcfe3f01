/* chronomap-geocoder.c: place names to coordinates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A name is looked up by its name key (exact, cheap); only when that finds
 * nothing suitable, by its skeleton, then by skeletons one edit away, each
 * candidate kept only when its fold is close to the query's (edit distance
 * with transpositions).  Candidates are then ranked by how well they
 * matched, the country hint, the event's area (an admin1 or district hint,
 * or a locator: "X (Y)", "X near Y"), nearness to places already resolved
 * in the same data set (the context), feature rank and population, in
 * that order of weight.
 *
 * An area is searched as a UCDP coder would: when no candidate lies in
 * it as written, spellings further apart are looked for there, and places
 * whose name is a part of the name or has it as a part ("Jabal Tiyas",
 * "Al Taybah" for At Tayyibah al Gharbiyah), and places whose name in
 * Arabic script has the consonants of the transliteration ("Al Boleel",
 * أبو الليل); when every candidate lies far outside it, the area's own
 * point is the answer.  A road between places ("Road between A and B",
 * "A - B road") is placed at their middle, a border ("Syria-Iraq border",
 * "the Turkish border" of an event in Syria) where the towns of its sides
 * come closest, a part of an area ("Northern Aleppo Governorate") at the
 * middle of that half of the area's places.  Words that name no place
 * ("Unknown location", "N/A") stay unresolved; given the event's country,
 * a place abroad is at best a guess.
 */
#define G_LOG_DOMAIN "chronomap-geocoder"

#include "config.h"

#include "chronomap-geocoder.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chronomap-gazetteer-private.h"
#include "chronomap-normalize.h"
#include "chronomap-rivers.h"

#define MAX_CANDIDATES 64
/* Entries of two gazetteers this close are one place listed twice, which
 * counts for it when nothing else tells namesakes apart. */
#define LISTED_TWICE_KM 2.0
#define LISTED_TWICE_BONUS 0.05
#define MAX_ALTERNATIVES 5
#define MAX_SKELETON_KEYS 4000

/* The least match quality of a name found as written (an alternate name,
 * qualifiers removed); spellings folded alike score below it. */
#define EXACT_QUALITY 0.84

/* A match of the name as written, but for case, marks and articles. */
#define AS_WRITTEN_QUALITY 0.95

/* Below this fold similarity a skeleton candidate is a different name. */
#define MIN_SIMILARITY 0.7

/* Two candidates closer than this are one place (for instance the same
 * village in the bundled gazetteer and in a user's), not an ambiguity. */
#define SAME_PLACE_KM 15.0

/* The geocode_all() second pass re-resolves results below this
 * confidence with the confident ones as context. */
#define CONFIDENT 0.8

/* How sure a result is that is only the event's area: the name found
 * far outside it, or nowhere. */
#define AREA_INSTEAD_CONFIDENCE 0.2
#define AREA_ONLY_CONFIDENCE 0.1

/**
 * ChronomapGeocoder:
 *
 * Resolves place names against a #ChronomapGazetteer.  It keeps a context
 * (points of the data set being geocoded) and a cache of area hints, so
 * one geocoder serves one thread at a time; the gazetteer itself may be
 * shared by geocoders in several threads.
 */
struct _ChronomapGeocoder
{
  GObject             parent_instance;

  ChronomapGazetteer *gazetteer;
  GArray             *context;   /* double pairs: latitude, longitude */
  GHashTable         *density;   /* grid cell -> context points in it */
  guint               density_len;   /* context->len the grid was made from */
  GHashTable         *areas;     /* admin1 hint -> Area, NAN when unknown */
  GArray             *area_context;   /* (nullable): points of the data set in
                                       * the area of the name being resolved */
  GPtrArray          *local;     /* LocalIndex, one per gazetteer file */
  GPtrArray          *initials;  /* Initials, one per gazetteer file */
  GHashTable         *country_points;   /* "SY" -> GArray of the bundled
                                         * gazetteer's places there */
  GHashTable         *admin1_extents;   /* "SY" -> GHashTable of its first-order
                                         * areas: admin1 key -> Extent */
  gboolean            admin1_extents_made;
  GHashTable         *admin1_stripped;  /* each admin1 name's key, qualifiers
                                         * removed (a set) */
  GHashTable         *admin1_renamed;   /* "SY" and the key of a name an area
                                         * had -> its Extent */
  GHashTable         *admin1_anywhere;  /* admin1 key -> the Extent of that name
                                         * with the most places, in any country */
  GHashTable         *admin1_keys;      /* an admin1 as a gazetteer spells it
                                         * -> its key, "" for none */
};

G_DEFINE_FINAL_TYPE (ChronomapGeocoder, chronomap_geocoder, G_TYPE_OBJECT)

static void initials_free (gpointer data);

typedef struct
{
  const GazFile *file;
  guint32        entry;
  double         q;       /* match quality, 0..1 */
  double         score;
} Candidate;

/* An event's area (an admin1 hint) as a point: its place, how far it
 * reaches from it, and the gazetteer entry it came from. */
typedef struct
{
  double                   lat;
  double                   lon;
  double                   reach;
  ChronomapGazetteerEntry *entry;
  double                   seat_lat;   /* the town the area is named after, or NAN */
  double                   seat_lon;
  char                     cc[3];        /* the country it is in, or "" */
  char                    *admin1_key;   /* (nullable): its first-order area, as
                                          * the gazetteer names one in @cc */
  gboolean                 district;     /* a part of that area, not all of it */
  double                   admin1_lat;   /* a district's first-order area: */
  double                   admin1_lon;   /* where its places are, and how far */
  double                   admin1_reach; /* they reach */
  double                   capital_lat;  /* that area's capital, or NAN */
  double                   capital_lon;
  char                    *district_name;   /* (nullable): a district as the
                                             * hint names it ("Albu Kamal
                                             * district") */
} Area;

/* Where the bundled gazetteer's places of one first-order area lie: their
 * middle, and how far from it nearly all of them are. */
typedef struct
{
  double lat;
  double lon;
  double reach;
  guint  n;        /* places */
  char  *name;     /* as the gazetteer spells it */
  char  *key;      /* admin1_key() of the name */
  char   cc[3];    /* its country */
  guint  namesakes;   /* areas of the name in other countries */
  double capital_lat;   /* its capital (its largest seat of the highest
                         * rank, a PPLA or PPLC, failing those a PPLA2),
                         * or NAN */
  double capital_lon;
} Extent;

static void
extent_free (gpointer data)
{
  Extent *x = data;

  g_free (x->name);
  g_free (x->key);
  g_free (x);
}

typedef struct
{
  Candidate          c[MAX_CANDIDATES];
  guint              n;
  ChronomapNameFlags flags;
  const Area        *within;   /* (nullable): only places in this area join */
  gboolean           named;    /* a spelling looked up named a place at all */
} CandidateSet;

/* How far @lat, @lon lies from the area: from its point or from its seat,
 * whichever is nearer (a desert district's point is far from the villages
 * along its river, its seat is among them). */
static double
area_km (const Area *area,
         double      lat,
         double      lon)
{
  double d = chronomap_geo_distance_km (lat, lon, area->lat, area->lon);

  if (!isnan (area->seat_lat))
    d = MIN (d, chronomap_geo_distance_km (lat, lon, area->seat_lat, area->seat_lon));
  return d;
}

static void
area_free (gpointer data)
{
  Area *area = data;

  chronomap_gazetteer_entry_free (area->entry);
  g_free (area->admin1_key);
  g_free (area->district_name);
  g_free (area);
}

static void
candidate_add (CandidateSet  *set,
               const GazFile *file,
               guint32        entry,
               double         q)
{
  guint worst = 0;

  if (entry >= file->header->n_entries)
    return;
  /* searched for in an area: the places elsewhere would crowd it out,
   * and a country is in no area ("Al Sharia village" in Hama is not
   * Syria, whose point happens to lie there) */
  if (set->within != NULL &&
      (file->entries[entry].precision == CHRONOMAP_PRECISION_COUNTRY ||
       area_km (set->within, file->entries[entry].lat_e6 / 1e6,
                file->entries[entry].lon_e6 / 1e6) > set->within->reach))
    return;

  for (guint i = 0; i < set->n; i++)
    {
      if (set->c[i].file == file && set->c[i].entry == entry)
        {
          set->c[i].q = MAX (set->c[i].q, q);
          return;
        }
      if (set->c[i].q < set->c[worst].q)
        worst = i;
    }

  if (set->n < MAX_CANDIDATES)
    {
      set->c[set->n++] = (Candidate) { file, entry, q, 0 };
      return;
    }
  if (set->c[worst].q < q)
    set->c[worst] = (Candidate) { file, entry, q, 0 };
}

static void
add_postings (CandidateSet  *set,
              const GazFile *file,
              gint32         key,
              double         q)
{
  const GazKey *k = &file->norm_keys[key];
  guint32 end = file->norm_keys[key + 1].post_start;

  if (k->post_start > end || end > file->header->n_norm_postings)
    return;

  for (guint32 p = k->post_start; p < end; p++)
    {
      guint32 posting = file->norm_postings[p];
      double pq = q;

      if (!(posting & GAZ_POSTING_CANONICAL))
        pq *= 0.92;
      if (posting & GAZ_POSTING_STRIPPED)
        pq *= 0.92;
      candidate_add (set, file, posting >> 2, pq);
    }
}

/* The places named @key, in the user's own gazetteers only with @own_only;
 * @found (nullable) gets the name key found in each file, or -1. */
static guint
gather_exact_in (ChronomapGeocoder *self,
                 const char        *key,
                 double             q,
                 gboolean           own_only,
                 CandidateSet      *set,
                 gint32            *found)
{
  GPtrArray *files = chronomap_gazetteer_get_files (self->gazetteer);
  guint before = set->n;

  for (guint i = 0; i < files->len; i++)
    {
      const GazFile *file = g_ptr_array_index (files, i);
      gint32 k = -1;

      if (!own_only || g_strcmp0 (file->label, "bundled") != 0)
        k = gaz_file_lookup_norm (file, key);
      if (k >= 0)
        add_postings (set, file, k, q);
      if (found != NULL)
        found[i] = k;
    }
  return set->n - before;
}

static guint
gather_exact (ChronomapGeocoder *self,
              const char        *key,
              double             q,
              CandidateSet      *set)
{
  return gather_exact_in (self, key, q, FALSE, set, NULL);
}

static void
add_fold_postings (CandidateSet  *set,
                   const GazFile *file,
                   guint32        fold_key,
                   double         q)
{
  guint32 start = file->fold_keys[fold_key].post_start;
  guint32 end = file->fold_keys[fold_key + 1].post_start;

  if (start > end || end > file->header->n_fold_postings)
    return;
  for (guint32 p = start; p < end; p++)
    if (file->fold_postings[p] < file->header->n_norm_keys)
      add_postings (set, file, file->fold_postings[p], q);
}

static void
gather_skeleton (const GazFile *file,
                 const char    *skel,
                 const char    *fold,
                 double         q,
                 double         min_sim,
                 CandidateSet  *set)
{
  gint32 s = gaz_file_lookup_skel (file, skel);
  gsize fold_len = strlen (fold);
  guint32 start, end;

  if (s < 0)
    return;
  start = file->skel_keys[s].post_start;
  end = file->skel_keys[s + 1].post_start;
  if (start > end || end > file->header->n_skel_postings)
    return;
  end = MIN (end, start + MAX_SKELETON_KEYS);

  for (guint32 p = start; p < end; p++)
    {
      guint32 key = file->skel_postings[p];
      const char *key_fold;
      gsize key_len;
      double sim;

      if (key >= file->header->n_fold_keys)
        continue;
      key_fold = gaz_string (file, file->fold_keys[key].str_off);

      /* cheap bound first: the length difference alone is edits enough */
      key_len = strlen (key_fold);
      if ((double) (key_len > fold_len ? key_len - fold_len : fold_len - key_len) >
          (1.0 - min_sim) * MAX (key_len, fold_len))
        continue;

      sim = chronomap_normalize_similarity (fold, key_fold);
      if (sim >= min_sim)
        add_fold_postings (set, file, key, q * (0.55 + 0.35 * sim));
    }
}

/* the same name but for the usual transliteration differences */
static guint
gather_fold_key (ChronomapGeocoder *self,
                 const char        *fold,
                 double             q,
                 CandidateSet      *set)
{
  GPtrArray *files = chronomap_gazetteer_get_files (self->gazetteer);
  guint before = set->n;

  for (guint i = 0; i < files->len; i++)
    {
      const GazFile *file = g_ptr_array_index (files, i);
      gint32 f = gaz_file_lookup_fold (file, fold);

      if (f >= 0)
        add_fold_postings (set, file, f, q * 0.9);
    }
  return set->n - before;
}

/* The same, for a name @key whose exact matches are known: in each file
 * where its name key (@exact) names all its fold does, there is nothing
 * to add, and most names are spelled one way only. */
static void
gather_fold_of_exact (ChronomapGeocoder *self,
                      const char        *key,
                      const gint32      *exact,
                      double             q,
                      CandidateSet      *set)
{
  GPtrArray *files = chronomap_gazetteer_get_files (self->gazetteer);
  g_autofree char *fold = NULL;

  for (guint i = 0; i < files->len; i++)
    {
      const GazFile *file = g_ptr_array_index (files, i);
      gint32 f;

      if (gaz_file_fold_alone (file, exact[i]))
        continue;
      if (fold == NULL)
        fold = chronomap_normalize_fold (key);
      f = gaz_file_lookup_fold (file, fold);
      if (f >= 0)
        add_fold_postings (set, file, f, q * 0.9);
    }
}

/* Consonants that transliterations of one Arabic letter, or of letters
 * told apart only by their dots, write differently: kh for k or h
 * (خ ك ح), gh for g or kh (غ خ), q for k or g (ق), j for g, h or kh
 * (ج ح خ). */
static gboolean
confusable (char a,
            char b)
{
  static const char * const groups[] = { "kqgx", "hxj", "jg" };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (strchr (groups[i], a) != NULL && strchr (groups[i], b) != NULL)
      return TRUE;
  return FALSE;
}

/* Consonants a skeleton is made of, for the one-edit neighbours. */
static const char skeleton_letters[] = "abdfghjklmnprstxz";

/* Spellings of @fold whose consonants are the same or one apart, down to
 * a fold similarity of @min_sim; with @all, the one-edit neighbours even
 * when the skeleton itself found some. */
static guint
gather_spellings (ChronomapGeocoder *self,
                  const char        *fold,
                  double             q,
                  double             min_sim,
                  gboolean           all,
                  CandidateSet      *set)
{
  GPtrArray *files = chronomap_gazetteer_get_files (self->gazetteer);
  g_autofree char *skel = chronomap_normalize_skeleton (fold);
  guint before = set->n;
  gsize len = strlen (skel);
  gboolean ascii = TRUE;
  gboolean short_skel;

  if (len == 0)
    return 0;

  for (guint i = 0; i < files->len; i++)
    gather_skeleton (g_ptr_array_index (files, i), skel, fold, q, min_sim, set);
  if (set->n > before && !all)
    return set->n - before;

  for (gsize i = 0; i < len; i++)
    if ((guchar) skel[i] >= 0x80)
      ascii = FALSE;

  /* One consonant more, less or other: "Albu Kamal" for "Abu Kamal".
   * Short skeletons have too many neighbours to mean anything, unless
   * only the places of an area are looked at ("Khirijah", Kirijah). */
  if (len < (set->within != NULL ? 3 : 4) || !ascii || len > 40)
    return 0;
  short_skel = len < 4;

  {
    char variant[64];

    for (gsize pos = 0; pos <= len; pos++)
      {
        /* three consonants: only one heard otherwise ("Khirijah", Kirijah) */
        if (short_skel)
          {
            for (const char *l = skeleton_letters; pos < len && *l != '\0'; l++)
              if (skel[pos] != *l && confusable (skel[pos], *l))
                {
                  memcpy (variant, skel, len + 1);
                  variant[pos] = *l;
                  for (guint i = 0; i < files->len; i++)
                    gather_skeleton (g_ptr_array_index (files, i), variant, fold, q * 0.95,
                                     min_sim, set);
                }
            continue;
          }
        /* deletion */
        if (pos < len)
          {
            memcpy (variant, skel, pos);
            memcpy (variant + pos, skel + pos + 1, len - pos);
            for (guint i = 0; i < files->len; i++)
              gather_skeleton (g_ptr_array_index (files, i), variant, fold, q * 0.95,
                               min_sim, set);
          }
        for (const char *l = skeleton_letters; *l != '\0'; l++)
          {
            /* insertion */
            memcpy (variant, skel, pos);
            variant[pos] = *l;
            memcpy (variant + pos + 1, skel + pos, len - pos + 1);
            for (guint i = 0; i < files->len; i++)
              gather_skeleton (g_ptr_array_index (files, i), variant, fold, q * 0.95,
                               min_sim, set);
            /* substitution */
            if (pos < len && skel[pos] != *l)
              {
                memcpy (variant, skel, len + 1);
                variant[pos] = *l;
                for (guint i = 0; i < files->len; i++)
                  gather_skeleton (g_ptr_array_index (files, i), variant, fold, q * 0.95,
                                   min_sim, set);
              }
          }
        /* two consonants heard the other way round: "Hafsajra", Hafsarjah */
        if (pos + 1 < len && skel[pos] != skel[pos + 1])
          {
            memcpy (variant, skel, len + 1);
            variant[pos] = skel[pos + 1];
            variant[pos + 1] = skel[pos];
            for (guint i = 0; i < files->len; i++)
              gather_skeleton (g_ptr_array_index (files, i), variant, fold, q * 0.95,
                               min_sim, set);
          }
      }
  }

  return set->n - before;
}

static guint
gather_fuzzy (ChronomapGeocoder *self,
              const char        *key,
              double             q,
              CandidateSet      *set,
              char             **out_fold)
{
  g_autofree char *fold = chronomap_normalize_fold (key);
  guint before = set->n;

  if (out_fold != NULL)
    *out_fold = g_strdup (fold);
  if (fold[0] == '\0')
    return 0;
  if (gather_fold_key (self, fold, q, set) > 0)
    return set->n - before;
  return gather_spellings (self, fold, q, MIN_SIMILARITY, FALSE, set);
}

static gboolean
has_country (const CandidateSet *set,
             guint               from,
             const char         *country)
{
  for (guint i = from; i < set->n; i++)
    {
      const GazEntry *e = &set->c[i].file->entries[set->c[i].entry];

      if (e->country[0] == country[0] && e->country[1] == country[1])
        return TRUE;
    }
  return FALSE;
}

/* Did the lookups since @before find anything in the hinted country? */
static gboolean
found_in (const CandidateSet *set,
          guint               before,
          const char         *hint)
{
  return hint != NULL ? has_country (set, before, hint) : set->n > before;
}

/* Words Arabic place names are built from: alone, they name nothing in
 * particular.  Name keys, so without articles. */
static gboolean
is_generic (const char *key)
{
  static const char * const words[] = {
    "abu", "ain", "ayn", "bab", "bayt", "beit", "bir", "birkat", "burj", "dayr", "deir",
    "hawsh", "jabal", "jebel", "jisr", "kafr", "khan", "khirbat", "khirbet", "maarat",
    "mazraat", "qasr", "qaryat", "ras", "sahl", "shaykh", "sheikh", "tal", "tall", "tell",
    "umm", "wadi", "jubb", "ard", "hay", "harat", "new", "old", "upper", "lower", "great",
    "little", "saint", "san", "santa", "fort", "port", "mount", "lake", "camp",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (key, words[i]) == 0)
      return TRUE;
  return FALSE;
}

/* "Western Ghariyah" is Ghariyah al Gharbiyah, "Upper Baghuz" Baghuz
 * Fawqani: Arabic puts the word after the name, where English puts it
 * before.  Looks the name up with each Arabic word in its place. */
static guint
gather_qualified (ChronomapGeocoder *self,
                  const char        *full,
                  const char        *stripped,
                  double             q,
                  CandidateSet      *set)
{
  static const struct { const char *english; const char *arabic[4]; } words[] = {
    { "western", { "gharbiyah", "gharbi", NULL } },
    { "west", { "gharbiyah", "gharbi", NULL } },
    { "eastern", { "sharqiyah", "sharqi", NULL } },
    { "east", { "sharqiyah", "sharqi", NULL } },
    { "northern", { "shamaliyah", "shamali", NULL } },
    { "north", { "shamaliyah", "shamali", NULL } },
    { "southern", { "janubiyah", "janubi", "qibliyah", "qibli" } },
    { "south", { "janubiyah", "janubi", "qibliyah", "qibli" } },
    { "upper", { "fawqani", "fawqa", "foqani", NULL } },
    { "lower", { "tahtani", "tahta", NULL } },
    { "great", { "kabir", "kabirah", "kabira", NULL } },
    { "big", { "kabir", "kabirah", "kabira", NULL } },
    { "little", { "saghir", "saghirah", "saghira", NULL } },
    { "small", { "saghir", "saghirah", "saghira", NULL } },
  };
  const char *space = strchr (full, ' ');
  gsize len = space != NULL ? (gsize) (space - full) : 0;
  guint n = 0;

  if (len == 0 || strncmp (full + len + 1, stripped, strlen (stripped)) != 0)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      if (strlen (words[i].english) != len || strncmp (full, words[i].english, len) != 0)
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (words[i].arabic) && words[i].arabic[j] != NULL; j++)
        {
          g_autofree char *key = g_strconcat (stripped, " ", words[i].arabic[j], NULL);

          n += gather_exact (self, key, q, set);
        }
      break;
    }
  return n;
}

static int
compare_word (const void *a,
              const void *b)
{
  return strcmp (a, *(const char * const *) b);
}

/* Words that name no place when they are all a name holds: what a
 * data set writes for a place it does not know ("Unknown location",
 * "N/A"), words of a sentence ("the", "and", "yesterday"), actors
 * ("army") and a qualifier or article left alone ("near", "outskirts
 * of", "al-").  Some are places somewhere (Of, Ål, Niger by its code
 * NER), never the ones meant. */
static gboolean
is_not_place_word (const char *word)
{
  /* sorted, for bsearch (): every lookup asks */
  static const char * const words[] = {
    "a", "al", "an", "and", "area", "areas", "army", "around", "at", "between", "border",
    "by", "central", "city", "civilians", "countryside", "countrywide", "district", "east",
    "eastern", "el", "elsewhere", "fighters", "for", "forces", "from", "government",
    "governorate", "in", "inside", "into", "location", "locations", "many", "militants",
    "military", "multiple", "n", "na", "nationwide", "near", "nil", "none", "north",
    "northern", "null", "of", "on", "online", "or", "other", "others", "outside",
    "outskirts", "place", "places", "police", "province", "rebels", "regime", "region",
    "several", "soldiers", "somewhere", "south", "southern", "tbd", "the", "to", "today",
    "tomorrow", "tonight", "town", "troops", "undefined", "undisclosed", "unknown",
    "unspecified", "various", "vicinity", "village", "west", "western", "with", "worldwide",
    "yesterday",
  };

  return bsearch (word, words, G_N_ELEMENTS (words), sizeof words[0], compare_word) != NULL;
}

/* Months and weekdays: a place only where a gazetteer has them as written
 * (March, Cambridgeshire), never a spelling like them ("April" is no
 * Aprilia, "Sunday" no Sendai). */
static gboolean
is_calendar_word (const char *key)
{
  /* sorted, for bsearch () */
  static const char * const words[] = {
    "april", "august", "december", "february", "friday", "january", "july", "june", "march",
    "may", "monday", "november", "october", "saturday", "september", "sunday", "thursday",
    "tuesday", "wednesday",
  };

  return bsearch (key, words, G_N_ELEMENTS (words), sizeof words[0], compare_word) != NULL;
}

/* Whether the words of a stripped key are all such words, or end in one
 * that makes them an actor ("Syrian army", "Turkish forces"). */
static gboolean
names_no_place (const char *key)
{
  /* with their lengths: every lookup asks */
#define ACTOR(word) { word, sizeof word - 1 }
  static const struct { const char *word; gsize len; } actors[] = {
    ACTOR (" army"), ACTOR (" forces"), ACTOR (" troops"), ACTOR (" rebels"),
    ACTOR (" militants"), ACTOR (" fighters"), ACTOR (" soldiers"), ACTOR (" regime"),
    ACTOR (" government"), ACTOR (" militia"), ACTOR (" militias"),
  };
#undef ACTOR
  gsize key_len = strlen (key);
  const char *p = key;

  for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
    if (key_len > actors[i].len &&
        memcmp (key + key_len - actors[i].len, actors[i].word, actors[i].len) == 0)
      return TRUE;

  while (*p != '\0')
    {
      gsize len = strcspn (p, " ");
      char word[16];

      if (len >= sizeof word)
        return FALSE;
      memcpy (word, p, len);
      word[len] = '\0';
      if (len > 0 && !is_not_place_word (word))
        return FALSE;
      p += len + strspn (p + len, " ");
    }
  return TRUE;
}

/* A name's key, qualifiers removed, and its fold: made once, asked twice. */
typedef struct
{
  char *stripped;
  char *fold;
} NameKeys;

static void
name_keys_clear (NameKeys *keys)
{
  g_clear_pointer (&keys->stripped, g_free);
  g_clear_pointer (&keys->fold, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NameKeys, name_keys_clear)

/* Looks one spelling up, exact then fuzzy; returns how many candidates it
 * added.  @keys (optional) gets the spelling's key, qualifiers removed,
 * and its fold when the fuzzy look-up made one. */
static guint
gather_name (ChronomapGeocoder *self,
             const char        *text,
             double             q,
             const char        *hint,
             CandidateSet      *set,
             NameKeys          *keys)
{
  ChronomapNameFlags flags = CHRONOMAP_NAME_NONE;
  GPtrArray *files = chronomap_gazetteer_get_files (self->gazetteer);
  g_autofree char *full = NULL;
  g_autofree char *stripped = NULL;
  gint32 *exact = g_newa (gint32, MAX (files->len, 1));   /* @stripped's name keys */
  guint before = set->n;
  const char *key;

  chronomap_normalize_name_pair (text, &full, &stripped, &flags);
  if (stripped == NULL)
    return 0;
  if (keys != NULL)
    keys->stripped = g_strdup (stripped);
  /* words that name no place, unless a gazetteer of the user's own has
   * them as written ("Police Station", "North Governorate") */
  if (names_no_place (stripped))
    return full != NULL ? gather_exact_in (self, full, q, TRUE, set, NULL) : 0;
  set->flags |= flags;
  set->named = TRUE;

  if (full != NULL)
    gather_exact_in (self, full, q, FALSE, set, exact);
  /* a place that answers the whole name beats one that answers a part:
   * "North Shields" is not South Shields, nor "North Bay" any bay; the
   * part is looked up only when it is one (most names are whole) */
  if (full == NULL)
    gather_exact_in (self, stripped, q * 0.97, FALSE, set, exact);
  else if (strcmp (stripped, full) != 0)
    {
      gboolean whole = set->n > before;

      if (gather_qualified (self, full, stripped, q, set) > 0 || whole)
        gather_exact_in (self, stripped, q * 0.85, FALSE, set, exact);
      else
        gather_exact_in (self, stripped, q * 0.97, FALSE, set, exact);
    }

  key = stripped;
  if (is_calendar_word (key))
    return set->n - before;

  /* Spellings that differ only as transliterations do ("Al Bahsa", "Al
   * Bahsah") are the same name: weighed with the exact ones, so that the
   * country, the area and the context choose among all of them. */
  if (set->n > before)
    {
      /* well below the exact matches: only the area or the context should
       * prefer them, or \"Raqqa\" would look as ambiguous as Recea */
      gather_fold_of_exact (self, key, exact, q * 0.8, set);
      if (hint == NULL || has_country (set, before, hint))
        return set->n - before;
    }

  gather_fuzzy (self, key, q, set, keys != NULL ? &keys->fold : NULL);

  /* "Alraqqa": an article written joined to the name; what lies abroad
   * goes later (prune_abroad), so it counts as nothing found */
  if (!found_in (set, before, hint) &&
      (g_str_has_prefix (key, "al") || g_str_has_prefix (key, "el")) &&
      strlen (key) >= 6 && key[2] != ' ')
    {
      gather_exact (self, key + 2, q * 0.9, set);
      if (!found_in (set, before, hint))
        gather_fuzzy (self, key + 2, q * 0.9, set, NULL);
    }

  /* a name with a word too many at either end ("Qalamoun mountain range"),
   * as long as what is left is a name and not a word that names are made
   * of ("Jabal Shashabo" is no "Al Jabal") */
  if (!found_in (set, before, hint) && strchr (key, ' ') != NULL)
    {
      const char *first_space = strchr (key, ' ');
      const char *last_space = strrchr (key, ' ');
      g_autofree char *head = g_strndup (key, last_space - key);
      const char *tail = first_space + 1;

      if (strlen (head) >= 4 && !is_generic (head))
        gather_exact (self, head, q * 0.8, set);
      if (strlen (tail) >= 4 && !is_generic (tail))
        gather_exact (self, tail, q * 0.75, set);
    }

  return set->n - before;
}

/**
 * chronomap_geo_distance_km:
 * @lat1: degrees
 * @lon1: degrees
 * @lat2: degrees
 * @lon2: degrees
 *
 * Returns: the great-circle distance in kilometres
 */
double
chronomap_geo_distance_km (double lat1,
                           double lon1,
                           double lat2,
                           double lon2)
{
  const double r = 6371.0088;
  double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * r * asin (MIN (1.0, sqrt (a)));
}

static double
entry_lat (const GazEntry *e)
{
  return e->lat_e6 / 1e6;
}

static double
entry_lon (const GazEntry *e)
{
  return e->lon_e6 / 1e6;
}

/* Context points are counted on a grid of cells a tenth of a degree
 * (about 11 km) wide. */
#define DENSITY_CELL 10.0

static gpointer
density_cell (double lat,
              double lon,
              int    dlat,
              int    dlon)
{
  gint32 y = (gint32) floor (lat * DENSITY_CELL) + dlat;
  gint32 x = (gint32) floor (lon * DENSITY_CELL) + dlon;

  return GUINT_TO_POINTER (((guint32) (y & 0xffff) << 16) | (guint32) (x & 0xffff));
}

/* How many places of the data set lie within about 15 km of @e. */
static guint
context_density (ChronomapGeocoder *self,
                 const GazEntry    *e)
{
  guint n = 0;

  if (self->density_len != self->context->len)
    {
      g_hash_table_remove_all (self->density);
      for (guint i = 0; i + 1 < self->context->len; i += 2)
        {
          gpointer cell = density_cell (g_array_index (self->context, double, i),
                                        g_array_index (self->context, double, i + 1), 0, 0);

          g_hash_table_insert (self->density, cell,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->density,
                                                                                        cell)) + 1));
        }
      self->density_len = self->context->len;
    }

  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      n += GPOINTER_TO_UINT (g_hash_table_lookup (self->density,
                                                  density_cell (entry_lat (e), entry_lon (e),
                                                                dy, dx)));
  return n;
}

static double
context_term (ChronomapGeocoder *self,
              const GazEntry    *e,
              gboolean           no_density)
{
  double best = G_MAXDOUBLE;
  guint density;

  if (self->context->len == 0)
    return 0;

  /* Where a data set has many places, the ambiguous ones are more likely
   * to be too (a village of a common name near the front line rather than
   * its namesake in a quiet province): a saturating bonus, left out
   * (@no_density) for names with an area, which says more, and for
   * candidates spelled worse than the best. */
  density = context_density (self, e);
  if (density > 0)
    return 0.3 + (no_density ? 0 : MIN (0.4, 0.1 * log2 (density)));

  for (guint i = 0; i + 1 < self->context->len; i += 2)
    {
      double d = chronomap_geo_distance_km (entry_lat (e), entry_lon (e),
                                            g_array_index (self->context, double, i),
                                            g_array_index (self->context, double, i + 1));
      best = MIN (best, d);
    }

  /* Places in one report lie near each other. */
  if (best < 25)
    return 0.3;
  if (best < 100)
    return 0.22;
  if (best < 300)
    return 0.12;
  if (best < 1000)
    return 0;
  return -0.1;
}

static double
kind_term (ChronomapNameFlags flags,
           const GazEntry    *e)
{
  ChronomapPrecision precision = e->precision;

  if (flags & CHRONOMAP_NAME_RIVER)
    return precision == CHRONOMAP_PRECISION_RIVER ? 0.3 : -0.05;
  /* "Afrin district" is the district (rank 2), "Idlib Governorate" the
   * governorate (rank 3): districts are often named after their seat and
   * their governorate, and their points lie tens of kilometres apart. */
  if (flags & CHRONOMAP_NAME_ADMIN)
    {
      gboolean district = (flags & CHRONOMAP_NAME_DISTRICT) != 0;

      if (precision != CHRONOMAP_PRECISION_ADMIN)
        return -0.05;
      if (e->rank >= 3)
        return district ? 0 : 0.3;
      return district ? 0.45 : 0.15;
    }
  if (flags & CHRONOMAP_NAME_PLACE)
    return precision == CHRONOMAP_PRECISION_PLACE ? 0.05 :
           precision == CHRONOMAP_PRECISION_ADMIN ? -0.15 : -0.1;
  /* A bare name is more often the town than the province named after it,
   * and a country's name is the country ("Iraq", not Arak in Iran that
   * GeoNames also calls so). */
  if (precision == CHRONOMAP_PRECISION_COUNTRY)
    return 0.15;
  return precision == CHRONOMAP_PRECISION_ADMIN ? -0.06 : 0;
}

/* A country hint as the geocoder takes it: two letters, upper-cased into
 * @buffer, or %NULL for anything else. */
static const char *
country_code (const char *hint,
              char        buffer[3])
{
  if (hint == NULL || strlen (hint) != 2)
    return NULL;
  buffer[0] = g_ascii_toupper (hint[0]);
  buffer[1] = g_ascii_toupper (hint[1]);
  buffer[2] = '\0';
  return buffer;
}

/* A compass word that begins a name ("Northern Aleppo Governorate"):
 * the parts of the area it points to, north +1, south -1, east +1, west
 * -1 (the middle, 0, for "central"), and the name after it.  FALSE when
 * the name begins otherwise. */
static gboolean
compass_of (const char  *query,
            int         *out_north,
            int         *out_east,
            const char **out_rest)
{
  static const struct { const char *word; int north, east; } words[] = {
    { "northeastern", 1, 1 }, { "northwestern", 1, -1 },
    { "southeastern", -1, 1 }, { "southwestern", -1, -1 },
    { "northeast", 1, 1 }, { "northwest", 1, -1 },
    { "southeast", -1, 1 }, { "southwest", -1, -1 },
    { "northern", 1, 0 }, { "southern", -1, 0 },
    { "eastern", 0, 1 }, { "western", 0, -1 },
    { "north", 1, 0 }, { "south", -1, 0 }, { "east", 0, 1 }, { "west", 0, -1 },
    { "central", 0, 0 },
    /* as French, Spanish and Portuguese names of provinces say it: UCDP
     * files the DR Congo's events in "Nord Kivu" and "Sud Kivu" */
    { "nord", 1, 0 }, { "sud", -1, 0 }, { "est", 0, 1 }, { "ouest", 0, -1 },
    { "centre", 0, 0 }, { "norte", 1, 0 }, { "sur", -1, 0 }, { "este", 0, 1 },
    { "oeste", 0, -1 }, { "centro", 0, 0 }, { "nordeste", 1, 1 }, { "noroeste", 1, -1 },
    { "sudeste", -1, 1 }, { "sureste", -1, 1 }, { "sudoeste", -1, -1 }, { "suroeste", -1, -1 },
  };
  gsize len;

  /* most names begin with no compass word's letter: said at once */
  switch (g_ascii_tolower (query[0]))
    {
    case 'n': case 's': case 'e': case 'w': case 'c': case 'o':
      break;
    default:
      return FALSE;
    }
  len = strcspn (query, " -");
  if (len < 3 || len > 12)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (words[i].word[0] == g_ascii_tolower (query[0]) && strlen (words[i].word) == len &&
        g_ascii_strncasecmp (query, words[i].word, len) == 0)
      {
        *out_north = words[i].north;
        *out_east = words[i].east;
        *out_rest = query + len + strspn (query + len, " -");
        return **out_rest != '\0';
      }
  return FALSE;
}

/* The key of a name, qualifiers removed; %NULL when none is left. */
static char *
plain_admin1_key (const char *name)
{
  g_autofree char *key = chronomap_normalize_name (name, TRUE, NULL);

  return key != NULL ? chronomap_normalize_fold (key) : NULL;
}

/* A governorate's name as two gazetteers may both spell it: "Hamah
 * Governorate", "Hama" and "Ḩamāh" alike.  A compass word stays, as one
 * word for each direction: Sudan's "Northern Darfur" and "North Darfur
 * state" are one state, and not "Eastern Darfur".  And in @out_whole
 * (optional) the key of the area of which the compass word names a part
 * ("Northern Idlib": Idlib), or %NULL; "Ouest department" has no
 * compass word, but a name.  @fold, when not %NULL, is @name's plain
 * key (the fold of its key, qualifiers removed), made already. */
static char *
admin1_keys (const char  *name,
             const char  *fold,
             char       **out_whole)
{
  static const char * const directions[3][3] = {
    { "southwest", "south", "southeast" },
    { "west", "central", "east" },
    { "northwest", "north", "northeast" },
  };
  g_autofree char *rest_key = NULL;
  char *key = fold != NULL ? g_strdup (fold) : plain_admin1_key (name);
  char *compass_key;
  const char *rest;
  gsize key_len, rest_len;
  int north, east;

  if (out_whole != NULL)
    *out_whole = NULL;
  if (key == NULL || !compass_of (name, &north, &east, &rest) ||
      (rest_key = plain_admin1_key (rest)) == NULL)
    return key;
  /* what follows the word is the name, not a qualifier alone */
  key_len = strlen (key);
  rest_len = strlen (rest_key);
  if (rest_len > key_len || strcmp (key + key_len - rest_len, rest_key) != 0 ||
      (rest_len < key_len && key[key_len - rest_len - 1] != ' '))
    return key;
  g_free (key);
  compass_key = g_strconcat (directions[north + 1][east + 1], " ", rest_key, NULL);
  if (out_whole != NULL)
    *out_whole = g_steal_pointer (&rest_key);
  return compass_key;
}

static char *
admin1_key (const char *name)
{
  return admin1_keys (name, NULL, NULL);
}

/* @e's first-order area as a key, made once per spelling; %NULL when its
 * gazetteer does not say. */
static const char *
entry_admin1_key (ChronomapGeocoder *self,
                  const GazFile     *file,
                  const GazEntry    *e)
{
  const char *admin1 = gaz_string (file, e->admin1_off);
  const char *key;

  if (admin1[0] == '\0')
    return NULL;
  key = g_hash_table_lookup (self->admin1_keys, admin1);
  if (key == NULL)
    {
      char *made = admin1_key (admin1);

      key = made != NULL ? made : g_strdup ("");
      g_hash_table_insert (self->admin1_keys, g_strdup (admin1), (gpointer) key);
    }
  return key[0] != '\0' ? key : NULL;
}

/* Whether @e lies, as its own gazetteer says, in the first-order area the
 * data set puts the event in (1), in another of the same country (-1), or
 * nobody says (0).  Names, not distances: a province such as Balochistan
 * or Stavropol Krai reaches hundreds of kilometres from any point of it. */
static int
admin1_relation (ChronomapGeocoder *self,
                 const GazFile     *file,
                 const GazEntry    *e,
                 const Area        *area)
{
  const char *key;

  if (area == NULL || area->admin1_key == NULL ||
      e->country[0] != area->cc[0] || e->country[1] != area->cc[1])
    return 0;
  key = entry_admin1_key (self, file, e);
  if (key == NULL)
    return 0;
  return strcmp (key, area->admin1_key) == 0 ? 1 : -1;
}

/* How far @e lies from the area, as far as it matters: the area's reach
 * at most, so never outside it, when its gazetteer puts it in the
 * province the data set names, or in a district's province and not beyond
 * the province's own reach (UCDP puts Dalbandin in Nushki district, 170
 * km off, but in Balochistan all the same); at least the area's reach
 * when filed in another province. */
static double
area_km_by_name (ChronomapGeocoder *self,
                 const GazFile     *file,
                 const GazEntry    *e,
                 const Area        *area)
{
  double d = area_km (area, entry_lat (e), entry_lon (e));
  int relation = admin1_relation (self, file, e, area);

  if (relation > 0 &&
      (!area->district ||
       chronomap_geo_distance_km (entry_lat (e), entry_lon (e), area->admin1_lat,
                                  area->admin1_lon) <= area->admin1_reach))
    return MIN (d, area->reach);
  if (relation < 0)
    return MAX (d, area->reach);
  return d;
}

/* The event's area, when a data set gives it, as a point: candidates in
 * the area are near it.  By distance, and by name where the gazetteer
 * says which first-order area a place is in (user gazetteers rarely do). */
static double
area_term (ChronomapGeocoder *self,
           const GazFile     *file,
           const GazEntry    *e,
           const Area        *area)
{
  double d;

  if (area == NULL || isnan (area->lat))
    return 0;
  d = area_km_by_name (self, file, e, area);

  /* Graded, so that of two villages of one name the one nearer the
   * area's point wins; an area's point is rough, hence the slow decay.
   * Beyond twice the area's reach (area->reach) a place is outside it. */
  return 0.4 * exp (-d / 50.0) - (d > 2 * area->reach ? 0.25 : 0);
}

/* How many of the nearest points of the same area a candidate is
 * measured against: one could be a namesake chosen wrongly. */
#define AREA_CONTEXT_NEAREST 3

/* Places the data set puts in the same area (a district with its
 * governorate) as the name: they outline the area far better than its
 * one point does, so that of two villages of one name in a district the
 * one among its other places wins. */
static double
area_context_term (const GArray   *points,
                   const GazEntry *e)
{
  double nearest[AREA_CONTEXT_NEAREST];
  guint n = 0;
  double sum = 0;

  if (points == NULL || points->len < 2 * 2)
    return 0;

  for (guint i = 0; i + 1 < points->len; i += 2)
    {
      double d = chronomap_geo_distance_km (entry_lat (e), entry_lon (e),
                                            g_array_index (points, double, i),
                                            g_array_index (points, double, i + 1));
      guint j;

      if (n < AREA_CONTEXT_NEAREST)
        n++;
      else if (d >= nearest[n - 1])
        continue;
      for (j = n - 1; j > 0 && nearest[j - 1] > d; j--)
        nearest[j] = nearest[j - 1];
      nearest[j] = d;
    }

  for (guint i = 0; i < n; i++)
    sum += nearest[i];
  return 0.4 * exp (-(sum / n) / 20.0);
}

/* Countries that were part of another within the years event data sets
 * cover, which UCDP and others still file under it: its events in Bosnia
 * under "Serbia (Yugoslavia)", in Ukraine under "Russia (Soviet Union)",
 * in South Sudan under Sudan before 2011, in Gaza under Israel.  Each
 * string: the country, then the countries once in it. */
static const char * const former_parts[] = {
  "RSBAHRSIMKMEXK",
  "RUUABYMDGEAMAZKZUZTMKGTJEELVLT",
  "SDSS",
  "ETER",
  "IDTL",
  "ILPS",
  "MAEH",
};

/* The countries once part of @cc's, as a string of codes ("" for none). */
static const char *
former_parts_of (const char *cc)
{
  for (guint i = 0; i < G_N_ELEMENTS (former_parts); i++)
    if (former_parts[i][0] == cc[0] && former_parts[i][1] == cc[1])
      return former_parts[i] + 2;
  return "";
}

/* Was @country (a code) part of @cc's? */
static gboolean
was_part_of (const char *country,
             const char *cc)
{
  if (country[0] == '\0')
    return FALSE;
  for (const char *f = former_parts_of (cc); *f != '\0'; f += 2)
    if (f[0] == country[0] && f[1] == country[1])
      return TRUE;
  return FALSE;
}

/* Was @e's country part of @cc's?  A place there is likelier than one
 * abroad, less likely than one in @cc. */
static gboolean
in_former_parts (const GazEntry *e,
                 const char     *cc)
{
  char country[3] = { e->country[0], e->country[1], '\0' };

  return was_part_of (country, cc);
}

static gboolean in_country (ChronomapGeocoder *self,
                            const GazEntry    *e,
                            const char        *cc);

/* Is @e in the country of the first-order area the event is said to be in
 * (one that was part of the hinted country: "Gaza Strip" under Israel)? */
static gboolean
in_area_country (const GazEntry *e,
                 const Area     *area)
{
  return area != NULL && area->admin1_key != NULL &&
         e->country[0] == area->cc[0] && e->country[1] == area->cc[1];
}

static void
score_candidates (ChronomapGeocoder *self,
                  CandidateSet      *set,
                  const char        *hint,
                  const Area        *area)
{
  double best_q = 0;

  for (guint i = 0; i < set->n; i++)
    best_q = MAX (best_q, set->c[i].q);

  for (guint i = 0; i < set->n; i++)
    {
      Candidate *c = &set->c[i];
      const GazEntry *e = &c->file->entries[c->entry];
      double s = c->q;

      /* a country that was part of the hinted one counts for less than the
       * country itself, unless the event's area lies in it: the Gaza Strip
       * named, its towns are as much in place as Israel's */
      if (hint != NULL)
        s += in_country (self, e, hint) ? 0.4 :
             in_former_parts (e, hint) ? (in_area_country (e, area) ? 0.4 : 0.2) : -0.4;
      /* the data set's density only chooses among the best matches of the
       * name: it must not make a worse spelling win */
      s += context_term (self, e,
                         (area != NULL && !isnan (area->lat)) || c->q < best_q - 0.02);
      s += area_term (self, c->file, e, area);
      s += area_context_term (self->area_context, e);
      s += kind_term (set->flags, e);
      s += 0.25 * MIN (e->rank, 7) / 7.0;
      s += 0.15 * MIN (1.0, log10 (1.0 + e->population) / 7.0);
      c->score = s;
    }

  /* A place two gazetteers list under the name (the bundled one and an
   * analyst's file) is better attested than one only a single file has:
   * "Abu al-Duhur" is the town both list, not a hamlet of the name that
   * only the regional file knows.  Only without an area to search in,
   * which says more; and with one gazetteer, nothing is listed twice. */
  if (area != NULL || chronomap_gazetteer_get_files (self->gazetteer)->len < 2)
    return;
  for (guint i = 0; i < set->n; i++)
    for (guint j = 0; j < set->n; j++)
      {
        const GazEntry *a, *b;

        if (set->c[i].file == set->c[j].file)
          continue;
        a = &set->c[i].file->entries[set->c[i].entry];
        b = &set->c[j].file->entries[set->c[j].entry];
        if (a->precision == b->precision &&
            chronomap_geo_distance_km (entry_lat (a), entry_lon (a), entry_lat (b),
                                       entry_lon (b)) < LISTED_TWICE_KM)
          {
            set->c[i].score += LISTED_TWICE_BONUS;
            break;
          }
      }
}

/* Puts the @i-th candidate first, the others in their order after it. */
static void
candidate_to_front (CandidateSet *set,
                    guint         i)
{
  Candidate chosen = set->c[i];

  memmove (&set->c[1], &set->c[0], i * sizeof (Candidate));
  set->c[0] = chosen;
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->score != cb->score)
    return ca->score < cb->score ? 1 : -1;
  if (ca->entry != cb->entry)
    return ca->entry < cb->entry ? -1 : 1;
  return 0;
}

static ChronomapGazetteerEntry *
entry_from (ChronomapGeocoder *self,
            const Candidate   *c)
{
  const GazEntry *e = &c->file->entries[c->entry];
  const char *admin1 = gaz_string (c->file, e->admin1_off);
  ChronomapGazetteerEntry fields = {
    .id = (char *) gaz_string (c->file, e->id_off),
    .name = (char *) gaz_string (c->file, e->name_off),
    .admin1 = admin1[0] != '\0' ? (char *) admin1 : NULL,
    .country = { e->country[0], e->country[1], '\0' },
    .latitude = entry_lat (e),
    .longitude = entry_lon (e),
    .precision = e->precision,
    .population = e->population,
    .source = c->file->label,
  };

  fields.country_name = (char *) chronomap_gazetteer_get_country_name (self->gazetteer,
                                                                       fields.country);
  return gaz_entry_pack (&fields);
}

static void
alternative_free (gpointer data)
{
  ChronomapGeocodeAlternative *alt = data;

  chronomap_gazetteer_entry_free (alt->entry);
  g_free (alt);
}

/**
 * chronomap_geocode_result_free:
 * @result: (transfer full) (nullable): a result
 */
void
chronomap_geocode_result_free (ChronomapGeocodeResult *result)
{
  if (result == NULL)
    return;
  g_free (result->query);
  chronomap_gazetteer_entry_free (result->entry);
  g_ptr_array_unref (result->alternatives);
  g_free (result);
}

static ChronomapGeocodeResult *
result_new (const char *query)
{
  ChronomapGeocodeResult *result = g_new0 (ChronomapGeocodeResult, 1);

  /* The query is echoed into JSON and TSV: it must be valid UTF-8 */
  result->query = query != NULL ? g_utf8_make_valid (query, -1) : g_strdup ("");
  result->latitude = NAN;
  result->longitude = NAN;
  result->precision = CHRONOMAP_PRECISION_NONE;
  result->alternatives = g_ptr_array_new_with_free_func (alternative_free);
  return result;
}

/* Splits a query into the spellings to try: "A (B)" gives A then B,
 * "A/B" gives both, "A in B" and "A near B" give A then, as a fallback,
 * B; "A, B" gives A, then B. */
static void
query_variants (const char *query,
                GPtrArray  *primary,
                GPtrArray  *fallback)
{
  g_autofree char *text = g_strdup (query);
  char *open, *close, *comma, *sep;
  static const char * const separators[] = { " in ", " near ", " outside ", " between ", NULL };

  open = strchr (text, '(');
  close = open != NULL ? strchr (open, ')') : NULL;
  if (open != NULL && close != NULL && close > open + 1)
    g_ptr_array_add (fallback, g_strndup (open + 1, close - open - 1));

  comma = strchr (text, ',');
  if (comma != NULL && comma != text)
    {
      g_ptr_array_add (fallback, g_strdup (comma + 1));
      *comma = '\0';
    }

  for (guint i = 0; separators[i] != NULL; i++)
    {
      sep = strstr (text, separators[i]);
      if (sep != NULL && sep != text)
        {
          g_ptr_array_add (fallback, g_strdup (sep + strlen (separators[i])));
          *sep = '\0';
        }
    }

  if (strchr (text, '/') != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (text, "/", 4);

      for (guint i = 0; parts[i] != NULL; i++)
        if (parts[i][0] != '\0')
          g_ptr_array_add (primary, g_strdup (parts[i]));
    }
  else
    g_ptr_array_add (primary, g_steal_pointer (&text));

}

/* The bundled gazetteer's places in @cc, in its area @admin1 when that
 * is not %NULL, as latitude, longitude pairs. */
static GArray *
places_in (ChronomapGeocoder *self,
           const char        *cc,
           const char        *admin1)
{
  GPtrArray *files = chronomap_gazetteer_get_files (self->gazetteer);
  GArray *points = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < files->len; i++)
    {
      const GazFile *file = g_ptr_array_index (files, i);

      if (g_strcmp0 (file->label, "bundled") != 0)
        continue;
      for (guint32 j = 0; j < file->header->n_entries; j++)
        {
          const GazEntry *e = &file->entries[j];
          double ll[2];

          if (e->precision != CHRONOMAP_PRECISION_PLACE || e->country[0] != cc[0] ||
              e->country[1] != cc[1])
            continue;
          if (admin1 != NULL && g_strcmp0 (gaz_string (file, e->admin1_off), admin1) != 0)
            continue;
          ll[0] = entry_lat (e);
          ll[1] = entry_lon (e);
          g_array_append_vals (points, ll, 2);
        }
    }
  return points;
}

/* The places of country @cc, kept for the next time. */
static const GArray *
country_points (ChronomapGeocoder *self,
                const char        *cc)
{
  char key[3] = { cc[0], cc[1], '\0' };
  GArray *points = g_hash_table_lookup (self->country_points, key);

  if (points == NULL)
    {
      points = places_in (self, key, NULL);
      g_hash_table_insert (self->country_points, g_strdup (key), points);
    }
  return points;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* First-order areas renamed, or merged whole into another, within the
 * years event data sets cover, by the names data sets of the time still
 * use (UCDP's "Orissa state", "Natal province", "Federally Administered
 * Tribal Areas") and the names GeoNames gives them now.  An area split
 * among several (Transvaal, Kenya's provinces, Nepal's zones) is not
 * here: no one area stands for it. */
static const struct
{
  char        cc[3];
  const char *former;
  const char *current;
} admin1_renames[] = {
  { "CD", "Kongo Central", "Bas-Congo" },
  { "CD", "Kasai-Oriental", "East Kasai" },
  { "IN", "Orissa", "Odisha" },
  { "IN", "Pondicherry", "Puducherry" },
  { "IN", "Uttaranchal", "Uttarakhand" },
  { "ID", "Irian Jaya", "Papua" },
  { "MM", "Arakan", "Rakhine" },
  { "MM", "Irrawaddy", "Ayeyarwady" },
  { "MM", "Karen", "Kayin State" },
  { "MM", "Karenni", "Kayah State" },
  { "MM", "Magwe", "Magway" },
  { "MM", "Pegu", "Bago Region" },
  { "MM", "Rangoon", "Yangon" },
  { "MM", "Tenasserim", "Tanintharyi Region" },
  { "NP", "Bagmati", "Bagmati Province" },
  { "NP", "Dhawalagiri", "Gandaki Pradesh" },
  { "NP", "Gandaki", "Gandaki Pradesh" },
  { "NP", "Karnali", "Karnali Pradesh" },
  { "NP", "Kosi", "Koshi" },
  { "NP", "Mahakali", "Sudurpashchim Pradesh" },
  { "NP", "Mechi", "Koshi" },
  { "NP", "Rapti", "Lumbini Province" },
  { "NP", "Seti", "Sudurpashchim Pradesh" },
  { "PK", "Azad Jammu & Kashmir", "Azad Kashmir" },
  { "PK", "Federally Administered Tribal Areas", "Khyber Pakhtunkhwa" },
  { "PK", "FATA", "Khyber Pakhtunkhwa" },
  { "PK", "North-West Frontier", "Khyber Pakhtunkhwa" },
  { "PK", "NWFP", "Khyber Pakhtunkhwa" },
  { "PK", "Northern Areas", "Gilgit-Baltistan" },
  { "RW", "Butare", "Southern Province" },
  { "RW", "Byumba", "Northern Province" },
  { "RW", "Cyangugu", "Western Province" },
  { "RW", "Gikongoro", "Southern Province" },
  { "RW", "Gisenyi", "Western Province" },
  { "RW", "Gitarama", "Southern Province" },
  { "RW", "Kibungo", "Eastern Province" },
  { "RW", "Kibuye", "Western Province" },
  { "RW", "Kigali-Ville", "Kigali" },
  { "RW", "Ruhengeri", "Northern Province" },
  { "RW", "Umutara", "Eastern Province" },
  { "TJ", "Leninabad", "Sughd" },
  { "TJ", "Leninobod", "Sughd" },
  { "UA", "Chernigov", "Chernihiv Oblast" },
  { "UA", "Khmelnitsky", "Khmelnytskyi" },
  { "UA", "Kiev", "Kyiv Oblast" },
  { "UA", "Lvov", "Lviv" },
  { "UA", "Nikolaev", "Mykolaiv" },
  { "UA", "Rovno", "Rivne Oblast" },
  { "UA", "Vinnitsa", "Vinnytsia" },
  { "UA", "Zaporozhye", "Zaporizhzhia" },
  { "UA", "Zhitomir", "Zhytomyr Oblast" },
  { "ZA", "Eastern Transvaal", "Mpumalanga" },
  { "ZA", "Natal", "KwaZulu-Natal" },
  { "ZA", "Northern Transvaal", "Limpopo" },
  { "ZA", "Orange Free State", "Free State" },
  { "ZA", "Pretoria-Witwatersrand-Vereeniging", "Gauteng" },
};

/* The share of an area's places within its reach: the rest are its
 * outliers, or places the gazetteer misfiled. */
#define EXTENT_SHARE 0.9

/* The least rank of a first-order area's capital: a PPLA, or where the
 * gazetteer has none, the largest PPLA2 (Rif Dimashq, seated in Damascus,
 * a governorate of its own: Duma). */
#define CAPITAL_RANK 4

/* Outlines every country's first-order areas from the bundled gazetteer's
 * places, in one pass: self->admin1_extents, "SY" -> admin1 key -> Extent. */
static void
admin1_extents_make (ChronomapGeocoder *self)
{
  g_autoptr(GHashTable) points = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* the country's code and the area's key -> its capital: rank and
   * population, latitude, longitude */
  g_autoptr(GHashTable) capitals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GPtrArray *files = chronomap_gazetteer_get_files (self->gazetteer);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < files->len; i++)
    {
      const GazFile *file = g_ptr_array_index (files, i);
      /* by the admin1 string's offset and the country first, as the
       * file's strings are each stored once: hashing names 200,000 times
       * took a third of a second */
      g_autoptr(GHashTable) groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                            (GDestroyNotify) g_array_unref);
      g_autoptr(GHashTable) group_capitals = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                                    g_free, g_free);
      GHashTableIter groups_iter;
      gpointer group_key, group;

      if (g_strcmp0 (file->label, "bundled") != 0)
        continue;
      for (guint32 j = 0; j < file->header->n_entries; j++)
        {
          const GazEntry *e = &file->entries[j];
          gint64 k;
          GArray *ll;
          double p[3];

          if (e->precision != CHRONOMAP_PRECISION_PLACE || e->country[0] == '\0' ||
              e->admin1_off == 0)
            continue;
          k = (gint64) e->admin1_off << 16 | (guint8) e->country[0] << 8 | (guint8) e->country[1];
          ll = g_hash_table_lookup (groups, &k);
          if (ll == NULL)
            {
              ll = g_array_new (FALSE, FALSE, sizeof (double));
              g_hash_table_insert (groups, g_memdup2 (&k, sizeof k), ll);
              /* the first of the group says which entry names the area */
              p[0] = j;
              g_array_append_vals (ll, p, 1);
            }
          p[0] = entry_lat (e);
          p[1] = entry_lon (e);
          g_array_append_vals (ll, p, 2);
          if (e->rank >= CAPITAL_RANK)
            {
              double *c = g_hash_table_lookup (group_capitals, &k);
              double weight = e->rank * 1e10 + e->population;

              if (c == NULL)
                {
                  c = g_new (double, 3);
                  c[0] = -1;
                  g_hash_table_insert (group_capitals, g_memdup2 (&k, sizeof k), c);
                }
              if (weight > c[0])
                {
                  c[0] = weight;
                  c[1] = p[0];
                  c[2] = p[1];
                }
            }
        }

      g_hash_table_iter_init (&groups_iter, groups);
      while (g_hash_table_iter_next (&groups_iter, &group_key, &group))
        {
          GArray *from = group;
          const GazEntry *e = &file->entries[(guint32) g_array_index (from, double, 0)];
          const char *admin1 = entry_admin1_key (self, file, e);
          char *both;
          GArray *ll;

          if (admin1 == NULL)
            continue;
          /* the country's code, then the area's key */
          both = g_strdup_printf ("%c%c%s", e->country[0], e->country[1], admin1);
          ll = g_hash_table_lookup (points, both);
          if (ll == NULL)
            {
              ll = g_array_new (FALSE, FALSE, sizeof (double));
              g_hash_table_insert (names, g_strdup (both), g_strdup (gaz_string (file, e->admin1_off)));
              g_hash_table_insert (points, g_strdup (both), ll);
            }
          {
            double *c = g_hash_table_lookup (group_capitals, group_key);
            double *best = g_hash_table_lookup (capitals, both);

            if (c != NULL && best == NULL)
              g_hash_table_insert (capitals, g_strdup (both), g_memdup2 (c, 3 * sizeof (double)));
            else if (c != NULL && c[0] > best[0])
              memcpy (best, c, 3 * sizeof (double));
          }
          g_free (both);
          g_array_append_vals (ll, &g_array_index (from, double, 1), from->len - 1);
        }
    }

  g_hash_table_iter_init (&iter, points);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *both = key;
      char cc[3] = { both[0], both[1], '\0' };
      GArray *ll = value;
      guint n = ll->len / 2;
      g_autoptr(GArray) d = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
      double south = 90, north = -90, west = 180, east = -180;
      gboolean wraps;
      Extent *x = g_new0 (Extent, 1);
      GHashTable *extents = g_hash_table_lookup (self->admin1_extents, cc);

      if (extents == NULL)
        {
          /* keyed by each Extent's own key */
          extents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, extent_free);
          g_hash_table_insert (self->admin1_extents, g_strdup (cc), extents);
        }
      for (guint i = 0; i < n; i++)
        {
          west = MIN (west, g_array_index (ll, double, 2 * i + 1));
          east = MAX (east, g_array_index (ll, double, 2 * i + 1));
        }
      /* an area across the antimeridian (Chukotka) is measured east of it */
      wraps = east - west > 180;
      west = 360;
      east = -360;
      for (guint i = 0; i < n; i++)
        {
          double plat = g_array_index (ll, double, 2 * i);
          double plon = g_array_index (ll, double, 2 * i + 1);

          if (wraps && plon < 0)
            plon += 360;
          south = MIN (south, plat);
          north = MAX (north, plat);
          west = MIN (west, plon);
          east = MAX (east, plon);
        }
      /* The middle of the box its places fill: the area's middle as a map
       * draws it, where UCDP puts an event it knows only the province of
       * (and the province's own entry in other gazetteers is), rather than
       * the mean of its places, drawn to where most people live: a
       * desert's edge, a coast.  On UCDP's worldwide sample, events placed
       * in a first-order area land within 10 km of its point 38 % of the
       * time against 26 %. */
      x->lat = (south + north) / 2;
      x->lon = (west + east) / 2 > 180 ? (west + east) / 2 - 360 : (west + east) / 2;
      x->n = n;
      x->name = g_strdup (g_hash_table_lookup (names, both));
      x->cc[0] = cc[0];
      x->cc[1] = cc[1];
      for (guint i = 0; i < n; i++)
        {
          double km = chronomap_geo_distance_km (x->lat, x->lon, g_array_index (ll, double, 2 * i),
                                                 g_array_index (ll, double, 2 * i + 1));

          g_array_append_val (d, km);
        }
      g_array_sort (d, compare_double);
      x->reach = g_array_index (d, double, MIN (n - 1, (guint) (n * EXTENT_SHARE)));
      x->key = g_strdup (both + 2);
      {
        const double *c = g_hash_table_lookup (capitals, both);

        x->capital_lat = c != NULL ? c[1] : NAN;
        x->capital_lon = c != NULL ? c[2] : NAN;
      }
      g_hash_table_insert (extents, x->key, x);
    }

  /* every name by its key alone, qualifiers removed: a quick no for the
   * bare names that are none of them */
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      char *stripped = chronomap_normalize_name (value, TRUE, NULL);

      if (stripped != NULL)
        g_hash_table_add (self->admin1_stripped, stripped);
    }

  /* and by the names they had (the key of each, owned by self->admin1_renamed) */
  for (guint i = 0; i < G_N_ELEMENTS (admin1_renames); i++)
    {
      const char *cc = admin1_renames[i].cc;
      GHashTable *extents = g_hash_table_lookup (self->admin1_extents, cc);
      g_autofree char *former = admin1_key (admin1_renames[i].former);
      g_autofree char *current = admin1_key (admin1_renames[i].current);
      Extent *x;

      if (extents == NULL || former == NULL || current == NULL ||
          (x = g_hash_table_lookup (extents, current)) == NULL ||
          g_hash_table_contains (extents, former))
        continue;
      g_hash_table_insert (self->admin1_renamed, g_strconcat (cc, former, NULL), x);
      g_hash_table_add (self->admin1_stripped,
                        chronomap_normalize_name (admin1_renames[i].former, TRUE, NULL));
    }

  /* and by name alone, for a name given without a country: the area with
   * the most places, knowing how many others share its name */
  g_hash_table_iter_init (&iter, self->admin1_extents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GHashTableIter areas;
      gpointer area_key, area;

      g_hash_table_iter_init (&areas, value);
      while (g_hash_table_iter_next (&areas, &area_key, &area))
        {
          Extent *x = area;
          Extent *best = g_hash_table_lookup (self->admin1_anywhere, area_key);

          if (best == NULL)
            g_hash_table_insert (self->admin1_anywhere, area_key, x);
          else if (x->n > best->n)
            {
              x->namesakes = best->namesakes + 1;
              g_hash_table_insert (self->admin1_anywhere, area_key, x);
            }
          else
            best->namesakes++;
        }
    }
  g_hash_table_iter_init (&iter, self->admin1_renamed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (self->admin1_anywhere, (const char *) key + 2))
      g_hash_table_insert (self->admin1_anywhere, (char *) key + 2, value);
  self->admin1_extents_made = TRUE;
}

/* The first-order area of country @cc that @key names, or %NULL. */
static const Extent *
admin1_extent (ChronomapGeocoder *self,
               const char        *cc,
               const char        *key)
{
  char code[3] = { cc[0], cc[1], '\0' };
  g_autofree char *renamed = NULL;
  GHashTable *extents;
  const Extent *x;

  if (!self->admin1_extents_made)
    admin1_extents_make (self);
  extents = g_hash_table_lookup (self->admin1_extents, code);
  if (extents == NULL)
    return NULL;
  if ((x = g_hash_table_lookup (extents, key)) != NULL)
    return x;
  /* by a name it had */
  renamed = g_strconcat (code, key, NULL);
  return g_hash_table_lookup (self->admin1_renamed, renamed);
}

/* A place too big to be taken for a village of the same name. */
static gboolean
is_city (const GazEntry *e)
{
  return e->precision == CHRONOMAP_PRECISION_PLACE && (e->rank >= 5 || e->population >= 100000);
}

/* Within this many kilometres of a place of the country the data set
 * gives, a town across the border (Akçakale for an event in Syria) is
 * still a fair answer. */
#define BORDER_TOWN_KM 40.0

/* An analyst's place of no country is taken to be in the country the
 * data set gives within this many kilometres of one of its places: its
 * deserts have few. */
#define NO_COUNTRY_KM 150.0

static gboolean
within_km_of_country (ChronomapGeocoder *self,
                      const GazEntry    *e,
                      const char        *cc,
                      double             km)
{
  const GArray *points = country_points (self, cc);
  double lat = entry_lat (e), lon = entry_lon (e);
  double k = cos (lat * G_PI / 180);
  double limit = km / 111.0;

  /* squared degrees, east-west shrunk: a large country has thousands of
   * places, and within this distance the flat measure is close enough */
  for (guint i = 0; i + 1 < points->len; i += 2)
    {
      double dlat = g_array_index (points, double, i) - lat;
      double dlon = (g_array_index (points, double, i + 1) - lon) * k;

      if (dlat * dlat + dlon * dlon < limit * limit)
        return TRUE;
    }
  return FALSE;
}

static gboolean
near_country (ChronomapGeocoder *self,
              const GazEntry    *e,
              const char        *cc)
{
  return within_km_of_country (self, e, cc, BORDER_TOWN_KM);
}

/* Whether @e is in the country @cc: as its gazetteer says, or, for a
 * place of an analyst's file that names no country (only `name`,
 * `latitude` and `longitude` are required), by where it lies. */
static gboolean
in_country (ChronomapGeocoder *self,
            const GazEntry    *e,
            const char        *cc)
{
  if (e->country[0] == '\0')
    return within_km_of_country (self, e, cc, NO_COUNTRY_KM);
  return e->country[0] == cc[0] && e->country[1] == cc[1];
}

/* A near spelling in another country than the event's is a coincidence
 * ("Mabruka" is not Maybrook, New York): only exact names may cross the
 * border the hint draws, and only some of them. */
static void
prune_abroad (ChronomapGeocoder *self,
              CandidateSet      *set,
              const char        *hint)
{
  guint w = 0;

  if (hint == NULL)
    return;
  for (guint i = 0; i < set->n; i++)
    {
      const GazEntry *e = &set->c[i].file->entries[set->c[i].entry];

      /* abroad, only a name spelled as written, and then a city, an area
       * or a town by the border: "Paris" in a Syrian data set may be
       * Paris, Akçakale the town across from Tall Abyad, but a village
       * named Hanna is not the one in Alberta.  By the border, the name
       * as another transliteration spells it too: UCDP files the Gaza
       * Strip's events under Israel, and writes "Khan Younis" for Khān
       * Yūnis. */
      if (in_country (self, e, hint) ||
          (set->c[i].q >= EXACT_QUALITY && in_former_parts (e, hint)) ||
          (set->c[i].q > 0.9 && (is_city (e) || e->precision != CHRONOMAP_PRECISION_PLACE)) ||
          (set->c[i].q >= EXACT_QUALITY && near_country (self, e, hint)))
        set->c[w++] = set->c[i];
    }
  set->n = w;
}

/* Below this fold similarity even a place in the event's area is a
 * different name. */
#define WIDE_SIMILARITY 0.6

static void
gather_wide (ChronomapGeocoder *self,
             const char        *text,
             double             q,
             CandidateSet      *set)
{
  g_autofree char *stripped = NULL;
  g_autofree char *fold = NULL;

  chronomap_normalize_name_pair (text, NULL, &stripped, NULL);
  if (stripped == NULL)
    return;
  fold = chronomap_normalize_fold (stripped);
  gather_spellings (self, fold, q, WIDE_SIMILARITY, TRUE, set);
}

/* How far @c lies from the area (area_km_by_name()). */
static double
area_distance (ChronomapGeocoder *self,
               const Candidate   *c,
               const Area        *area)
{
  return area_km_by_name (self, c->file, &c->file->entries[c->entry], area);
}

/* Is @c no place of @area: well beyond the reach within which nine in
 * ten of its places lie, or spelled otherwise than the name and filed by
 * its gazetteer in another province? */
static gboolean
not_of_area (ChronomapGeocoder *self,
             const Candidate   *c,
             const Area        *area)
{
  return area_distance (self, c, area) > 1.5 * area->reach ||
         (c->q < EXACT_QUALITY && admin1_relation (self, c->file, &c->file->entries[c->entry], area) < 0);
}

/* Is @c's place in another first-order area than @area, a place of its
 * country (a governorate, or a district as its seat stands for it:
 * UCDP's "Muhradah district, Hamah Governorate")?  Unknown when either
 * does not say. */
static gboolean
other_admin1 (const Candidate                *c,
              const ChronomapGazetteerEntry  *area)
{
  const GazEntry *e = &c->file->entries[c->entry];
  const char *admin1 = gaz_string (c->file, e->admin1_off);
  g_autofree char *key = NULL;
  g_autofree char *area_key = NULL;

  if (area->admin1 == NULL || area->admin1[0] == '\0' || admin1[0] == '\0' ||
      e->country[0] != area->country[0] || e->country[1] != area->country[1] ||
      g_strcmp0 (admin1, area->admin1) == 0)
    return FALSE;
  /* the analyst's gazetteer may spell it otherwise than the bundled one */
  key = admin1_key (admin1);
  area_key = admin1_key (area->admin1);
  return key != NULL && area_key != NULL && g_strcmp0 (key, area_key) != 0;
}

static gboolean
outside_area (ChronomapGeocoder *self,
              const Candidate   *c,
              const Area        *area)
{
  return area_distance (self, c, area) > area->reach;
}

/* Drops the candidates from @from on that lie outside the area. */
static void
keep_in_area (ChronomapGeocoder *self,
              CandidateSet      *set,
              guint              from,
              const Area        *area)
{
  guint w = from;

  for (guint i = from; i < set->n; i++)
    if (!outside_area (self, &set->c[i], area))
      set->c[w++] = set->c[i];
  set->n = w;
}


/* Cells of a quarter of a degree (about 25 km) for the search of an
 * area: a district's reach is a few cells across. */
#define LOCAL_CELLS_PER_DEGREE 4

/* The words of a name compared one by one, at most. */
#define LOCAL_MAX_WORDS 12

/* Where the places of one gazetteer file lie and which names each has,
 * made the first time an area is searched for the words of a name: the
 * file itself is indexed by whole names only. */
typedef struct
{
  const GazFile *file;
  gint32        *cells;          /* ascending, one per entry */
  guint32       *cell_entries;   /* the entry in each cell */
  guint32       *key_start;      /* per entry + 1: where its keys start in keys */
  guint32       *keys;           /* norm key indexes */
  guint32       *fold_of;        /* norm key index -> fold key index */
  guint32       *consonants_of;  /* (nullable): norm key index -> offset + 1
                                  * of its consonants in consonants, 0 when
                                  * not yet made */
  GString       *consonants;
} LocalIndex;

static void
local_index_free (gpointer data)
{
  LocalIndex *index = data;

  g_free (index->cells);
  g_free (index->cell_entries);
  g_free (index->key_start);
  g_free (index->keys);
  g_free (index->fold_of);
  g_free (index->consonants_of);
  if (index->consonants != NULL)
    g_string_free (index->consonants, TRUE);
  g_free (index);
}

static gint32
local_cell (double lat,
            double lon)
{
  gint32 y = (gint32) floor (CLAMP (lat, -90.0, 90.0) * LOCAL_CELLS_PER_DEGREE) + 512;
  gint32 x = (gint32) floor (CLAMP (lon, -180.0, 180.0) * LOCAL_CELLS_PER_DEGREE) + 1024;

  return (y << 11) | x;
}

static int
compare_guint64 (gconstpointer a,
                 gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* The postings of a name key, none when the file says otherwise. */
static void
norm_key_postings (const GazFile *file,
                   guint32        key,
                   guint32       *out_start,
                   guint32       *out_end)
{
  *out_start = file->norm_keys[key].post_start;
  *out_end = file->norm_keys[key + 1].post_start;
  if (*out_start > *out_end || *out_end > file->header->n_norm_postings)
    *out_end = *out_start;
}

static LocalIndex *
local_index_new (const GazFile *file)
{
  LocalIndex *index = g_new0 (LocalIndex, 1);
  const GazHeader *h = file->header;
  g_autofree guint64 *order = g_new (guint64, MAX (h->n_entries, 1));
  g_autofree guint32 *fill = NULL;

  index->file = file;

  for (guint32 i = 0; i < h->n_entries; i++)
    {
      const GazEntry *e = &file->entries[i];

      order[i] = ((guint64) (guint32) local_cell (e->lat_e6 / 1e6, e->lon_e6 / 1e6) << 32) | i;
    }
  qsort (order, h->n_entries, sizeof (guint64), compare_guint64);
  index->cells = g_new (gint32, MAX (h->n_entries, 1));
  index->cell_entries = g_new (guint32, MAX (h->n_entries, 1));
  for (guint32 i = 0; i < h->n_entries; i++)
    {
      index->cells[i] = (gint32) (order[i] >> 32);
      index->cell_entries[i] = (guint32) order[i];
    }

  /* each entry's name keys, by turning the postings round */
  index->key_start = g_new0 (guint32, h->n_entries + 1);
  for (guint32 k = 0; k < h->n_norm_keys; k++)
    {
      guint32 start, end;

      norm_key_postings (file, k, &start, &end);
      for (guint32 p = start; p < end; p++)
        if ((file->norm_postings[p] >> 2) < h->n_entries)
          index->key_start[(file->norm_postings[p] >> 2) + 1]++;
    }
  for (guint32 i = 0; i < h->n_entries; i++)
    index->key_start[i + 1] += index->key_start[i];
  index->keys = g_new (guint32, MAX (index->key_start[h->n_entries], 1));
  fill = g_memdup2 (index->key_start, sizeof (guint32) * h->n_entries);
  for (guint32 k = 0; k < h->n_norm_keys; k++)
    {
      guint32 start, end;

      norm_key_postings (file, k, &start, &end);
      for (guint32 p = start; p < end; p++)
        {
          guint32 e = file->norm_postings[p] >> 2;

          if (e < h->n_entries)
            index->keys[fill[e]++] = k;
        }
    }

  index->fold_of = g_new (guint32, MAX (h->n_norm_keys, 1));
  memset (index->fold_of, 0xff, sizeof (guint32) * h->n_norm_keys);
  for (guint32 f = 0; f < h->n_fold_keys; f++)
    {
      guint32 start = file->fold_keys[f].post_start;
      guint32 end = file->fold_keys[f + 1].post_start;

      if (start > end || end > h->n_fold_postings)
        continue;
      for (guint32 p = start; p < end; p++)
        if (file->fold_postings[p] < h->n_norm_keys)
          index->fold_of[file->fold_postings[p]] = f;
    }

  return index;
}

static LocalIndex *
local_index (ChronomapGeocoder *self,
             const GazFile     *file)
{
  LocalIndex *index;

  for (guint i = 0; i < self->local->len; i++)
    {
      index = g_ptr_array_index (self->local, i);
      if (index->file == file)
        return index;
    }
  index = local_index_new (file);
  g_ptr_array_add (self->local, index);
  return index;
}

/* The consonants of a name key in Arabic script (see
 * chronomap_normalize_consonants()), made the first time they are asked
 * for; "" for a key in Latin script, which the folds compare better. */
static const char *
local_consonants (LocalIndex *index,
                  guint32     key)
{
  const GazFile *file = index->file;
  const char *name;

  if (index->consonants_of == NULL)
    {
      index->consonants_of = g_new0 (guint32, MAX (file->header->n_norm_keys, 1));
      index->consonants = g_string_new_len ("", 1);   /* offset 0: none */
    }
  if (index->consonants_of[key] == 0)
    {
      name = gaz_string (file, file->norm_keys[key].str_off);
      if ((guchar) name[0] < 0x80)
        index->consonants_of[key] = 1;
      else
        {
          g_autofree char *consonants = chronomap_normalize_consonants (name, FALSE);

          index->consonants_of[key] = index->consonants->len + 1;
          g_string_append_len (index->consonants, consonants, strlen (consonants) + 1);
        }
    }
  return index->consonants->str + index->consonants_of[key] - 1;
}

/* The folds of @words, as a set. */
static GHashTable *
fold_set_new (const char * const *words,
              gsize               n)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (gsize i = 0; i < n; i++)
    g_hash_table_add (set, chronomap_normalize_fold (words[i]));
  return set;
}

/* Words that Arabic place names are made of, as folds: a run of them
 * alone names nothing in particular. */
static gboolean
is_generic_fold (const char *word)
{
  static GHashTable *folds = NULL;

  if (g_once_init_enter (&folds))
    {
      static const char * const words[] = {
        "abu", "ain", "ayn", "bab", "bayt", "beit", "bir", "birkat", "burj", "dayr", "deir",
        "hawsh", "jabal", "jebel", "jisr", "kafr", "khan", "khirbat", "khirbet", "khirba",
        "maarat", "mazraat", "mazraa", "qasr", "qaryat", "ras", "sahl", "shaykh", "sheikh",
        "tal", "tall", "tell", "umm", "wadi", "jubb", "ard", "hay", "harat", "hawijat",
        "hawija", "tulul", "rasm", "nahr", "ayn", "kabir", "kabirah", "saghir", "saghirah",
        "gharbi", "gharbiyah", "sharqi", "sharqiyah", "shamali", "shamaliyah", "janubi",
        "janubiyah", "qibli", "qibliyah", "fawqani", "tahtani", "jadid", "jadidah", "qadim",
      };

      g_once_init_leave (&folds, fold_set_new (words, G_N_ELEMENTS (words)));
    }
  return g_hash_table_contains (folds, word);
}

typedef struct
{
  char  *words[LOCAL_MAX_WORDS];
  guint  n;
  guint  letters;    /* in all the words */
  guint  own;        /* letters in words no other name is made of */
} Words;

static void
words_split (Words      *w,
             const char *fold,
             char       *buffer,
             gsize       size)
{
  char *p;

  w->n = 0;
  w->letters = 0;
  w->own = 0;
  g_strlcpy (buffer, fold, size);
  for (p = buffer; *p != '\0' && w->n < LOCAL_MAX_WORDS; )
    {
      char *end = strchr (p, ' ');
      gsize len;

      if (end != NULL)
        *end = '\0';
      len = strlen (p);
      if (len > 0)
        {
          w->words[w->n++] = p;
          w->letters += len;
          if (!is_generic_fold (p))
            w->own += len;
        }
      if (end == NULL)
        break;
      p = end + 1;
    }
}

static gboolean
is_fold_vowel (char c)
{
  return c == 'a' || c == 'i' || c == 'u';
}

/* Two words of a fold are one when they are, or when a vowel or two of
 * theirs differ ("Zafr", Zifr) and they begin alike: a consonant is never
 * another, or "Zafr" would be Kafr, nor one more, or Kafarya Kafr.  A
 * word names are made of is never a name's own word spelled otherwise:
 * "Qabrah" is not the "Kabirah" (the big one) of Hijrarah Kabirah. */
static gboolean
word_equal (const char *a,
            const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  const char *x = a, *y = b;

  if (strcmp (a, b) == 0)
    return TRUE;
  if (a[0] != b[0] || la < 4 || lb < 4 ||
      is_generic_fold (a) != is_generic_fold (b) ||
      chronomap_normalize_distance (a, b, MIN (la, lb) >= 7 ? 2 : 1) > (MIN (la, lb) >= 7 ? 2 : 1))
    return FALSE;
  for (;;)
    {
      while (*x != '\0' && is_fold_vowel (*x))
        x++;
      while (*y != '\0' && is_fold_vowel (*y))
        y++;
      if (*x != *y)
        return FALSE;
      if (*x == '\0')
        return TRUE;
      x++;
      y++;
    }
}

/* Do the words of @part stand, in order and next to each other, among
 * those of @whole, after nothing but the words names are made of or short
 * ones?  "Tiyas" is in Jabal Tiyas, "Lajah" in Sur al Laja and Baghuz in
 * Baghuz Fawqani, but "Sharia" is not in "Latakija shaary", where a name
 * comes first and a word of another language after it. */
static gboolean
words_within (const Words *part,
              const Words *whole)
{
  if (part->n == 0 || part->n >= whole->n)
    return FALSE;
  for (guint s = 0; s + part->n <= whole->n; s++)
    {
      guint i;

      if (s > 0 && !is_generic_fold (whole->words[s - 1]) && strlen (whole->words[s - 1]) > 3)
        break;
      for (i = 0; i < part->n; i++)
        if (!word_equal (part->words[i], whole->words[s + i]))
          break;
      if (i == part->n)
        return TRUE;
    }
  return FALSE;
}

/* Words that tell apart villages of one name, as folds: the upper and the
 * lower, the western and the eastern, the big and the small one. */
static gboolean
is_sibling_fold (const char *word)
{
  static GHashTable *folds = NULL;

  if (g_once_init_enter (&folds))
    {
      static const char * const words[] = {
        "kabir", "kabirah", "kubra", "saghir", "saghirah", "sughra", "gharbi", "gharbiyah",
        "sharqi", "sharqiyah", "shamali", "shamaliyah", "janubi", "janubiyah", "qibli",
        "qibliyah", "fawqani", "fawqa", "tahtani", "tahta", "wastani", "wusta", "ulya",
        "sufla", "jadid", "jadidah", "qadim", "qadimah",
      };

      g_once_init_leave (&folds, fold_set_new (words, G_N_ELEMENTS (words)));
    }
  return g_hash_table_contains (folds, word);
}

/* @w without the words that end it and tell it from its siblings
 * ("Tall al Ward" of Tall al Ward ash Gharbi); FALSE when it has none,
 * or nothing else. */
static gboolean
words_base (const Words *w,
            Words       *out)
{
  *out = *w;
  while (out->n > 1 && is_sibling_fold (out->words[out->n - 1]))
    out->n--;
  if (out->n == w->n)
    return FALSE;
  out->letters = 0;
  out->own = 0;
  for (guint i = 0; i < out->n; i++)
    {
      gsize len = strlen (out->words[i]);

      out->letters += len;
      if (!is_generic_fold (out->words[i]))
        out->own += len;
    }
  return TRUE;
}

/* How well a village of the pair of the name matches ("Tall al Ward
 * Sharqi" for Tall al Ward ash Gharbi): a guess a few kilometres off,
 * about as good as a part of the name.  Less for a village of which the
 * name's first words are the first ("Tukhar Taymu" for Tukhar Saghir). */
#define SIBLING_QUALITY 0.55

/* Letters a part of a name must have of its own ("Tiyas" of Jabal Tiyas):
 * shorter words are found in too many names. */
#define LOCAL_MIN_OWN 4

/* Consonants a transliteration must have to be compared with names in
 * Arabic script: fewer are shared by too many names in an area. */
#define LOCAL_MIN_CONSONANTS 3

/* How well a name in Arabic script with the consonants of the name
 * matches: below a spelling that differs in a letter or two. */
#define LOCAL_CONSONANTS_QUALITY 0.7

/* The places within the area whose name is a part of @key's ("Jabal
 * Tiyas" for Tiyas, "Marj al-Sultan Military Heliport" for Marj Sultan)
 * or has it as a part ("Al Taybah" for At Tayyibah al Gharbiyah, "Haymar"
 * for Haymar Kabir): UCDP's coders name a village by the part they heard,
 * and add what they saw there.  Failing those, the other village of a pair
 * ("Tall al Ward Sharqi" for Tall al Ward ash Gharbi), which the
 * gazetteers often have alone.  And those whose name in Arabic script has
 * the consonants of @key, when it is a transliteration: the gazetteer's
 * own transliterations may be too far from the coder's for the folds to
 * meet ("Al Boleel" for Abu al Layl, أبو الليل). */
static void
gather_local (ChronomapGeocoder *self,
              const char        *key_text,
              const Area        *area,
              const char        *hint,
              double             q,
              CandidateSet      *set)
{
  GPtrArray *files = chronomap_gazetteer_get_files (self->gazetteer);
  g_autofree char *fold = chronomap_normalize_fold (key_text);
  g_autofree char *consonants = NULL;
  g_autofree char *consonants_h = NULL;
  char query_buffer[CHRONOMAP_NAME_MAX_BYTES + 1];
  char key_buffer[CHRONOMAP_NAME_MAX_BYTES + 1];
  Words query, key, query_base, key_base;
  gboolean has_base;
  double centres[2][2] = { { area->lat, area->lon }, { area->seat_lat, area->seat_lon } };

  words_split (&query, fold, query_buffer, sizeof query_buffer);
  if (query.n == 0)
    return;
  has_base = words_base (&query, &query_base);

  if ((guchar) key_text[0] < 0x80)
    {
      consonants = chronomap_normalize_consonants (key_text, FALSE);
      consonants_h = chronomap_normalize_consonants (key_text, TRUE);
      if (strlen (consonants) < LOCAL_MIN_CONSONANTS)
        g_clear_pointer (&consonants, g_free);
      if (strlen (consonants_h) < LOCAL_MIN_CONSONANTS ||
          g_strcmp0 (consonants, consonants_h) == 0)
        g_clear_pointer (&consonants_h, g_free);
    }

  for (guint f = 0; f < files->len; f++)
    {
      const GazFile *file = g_ptr_array_index (files, f);
      LocalIndex *index = local_index (self, file);
      guint32 n_entries = file->header->n_entries;

      for (guint c = 0; c < G_N_ELEMENTS (centres); c++)
        {
          double lat = centres[c][0], lon = centres[c][1];
          double dlat, dlon;
          gint32 y0, y1, x0, x1;

          if (isnan (lat))
            continue;
          dlat = area->reach / 111.0;
          dlon = area->reach / (111.0 * MAX (0.1, cos (lat * G_PI / 180)));
          y0 = local_cell (lat - dlat, lon) >> 11;
          y1 = local_cell (lat + dlat, lon) >> 11;
          x0 = local_cell (lat, lon - dlon) & 0x7ff;
          x1 = local_cell (lat, lon + dlon) & 0x7ff;

          for (gint32 y = y0; y <= y1; y++)
            {
              gint32 first = (y << 11) | x0, last = (y << 11) | x1;
              guint32 lo = 0, hi = n_entries;

              while (lo < hi)
                {
                  guint32 mid = lo + (hi - lo) / 2;

                  if (index->cells[mid] < first)
                    lo = mid + 1;
                  else
                    hi = mid;
                }

              for (guint32 i = lo; i < n_entries && index->cells[i] <= last; i++)
                {
                  guint32 entry = index->cell_entries[i];
                  const GazEntry *e = &file->entries[entry];
                  double best = 0;

                  /* (a place of no country is in the area's) */
                  if (hint != NULL && e->country[0] != '\0' &&
                      (e->country[0] != hint[0] || e->country[1] != hint[1]))
                    continue;
                  if (area_km (area, entry_lat (e), entry_lon (e)) > area->reach)
                    continue;

                  for (guint32 k = index->key_start[entry]; k < index->key_start[entry + 1]; k++)
                    {
                      guint32 fk = index->fold_of[index->keys[k]];
                      const Words *part, *whole;

                      if (consonants != NULL || consonants_h != NULL)
                        {
                          const char *theirs = local_consonants (index, index->keys[k]);

                          if (theirs[0] != '\0' &&
                              (g_strcmp0 (theirs, consonants) == 0 ||
                               g_strcmp0 (theirs, consonants_h) == 0))
                            best = MAX (best, LOCAL_CONSONANTS_QUALITY);
                        }
                      if (fk >= file->header->n_fold_keys)
                        continue;
                      words_split (&key, gaz_string (file, file->fold_keys[fk].str_off),
                                   key_buffer, sizeof key_buffer);
                      part = query.n < key.n ? &query : &key;
                      whole = query.n < key.n ? &key : &query;
                      if (part->own >= LOCAL_MIN_OWN && words_within (part, whole))
                        best = MAX (best, 0.5 + 0.3 * part->letters / MAX (whole->letters, 1));
                      else if (has_base && query_base.own >= LOCAL_MIN_OWN)
                        {
                          gboolean sibling = words_base (&key, &key_base);
                          guint w;

                          /* "Tall al Ward Sharqi" for Tall al Ward ash Gharbi, or
                           * "Tukhar Taymu" for Tukhar Saghir */
                          if (sibling ? key_base.n != query_base.n : key.n <= query_base.n)
                            continue;
                          for (w = 0; w < query_base.n; w++)
                            if (sibling ? !word_equal (query_base.words[w], key_base.words[w]) :
                                strcmp (query_base.words[w], key.words[w]) != 0)
                              break;
                          if (w == query_base.n)
                            best = MAX (best, sibling ? SIBLING_QUALITY : SIBLING_QUALITY - 0.05);
                        }
                    }
                  if (best > 0)
                    candidate_add (set, file, entry, q * best);
                }
            }
        }
    }
}

/* How well a place in the event's area must match the name to be taken
 * over the area's own point when the best scored place lies far outside
 * it: a part of its name, at least (gather_local). */
#define IN_AREA_MIN_QUALITY 0.5

static ChronomapGeocodeResult *geocode (ChronomapGeocoder *self,
                                         const char        *query,
                                         const char        *hint,
                                         const char        *admin1);
static ChronomapGeocodeResult *geocode_part (ChronomapGeocoder *self,
                                              const char        *query,
                                              const char        *hint,
                                              const char        *admin1);

/* @name as an area first: "Nineveh" is the Iraqi governorate, not a
 * town of the name in Ohio, even with no country to say so; "Aleppo" in
 * "Aleppo-Turkey border" the governorate, not the city.  The place of
 * the name when no area has it. */
static ChronomapGeocodeResult *
geocode_as_area (ChronomapGeocoder *self,
                 const char        *name,
                 const char        *hint)
{
  g_autofree char *province = g_strconcat (name, " province", NULL);
  ChronomapGeocodeResult *r = geocode (self, province, hint, NULL);

  if (r->resolved && r->precision == CHRONOMAP_PRECISION_ADMIN && r->confidence >= 0.5)
    return r;
  chronomap_geocode_result_free (r);
  return geocode (self, name, hint, NULL);
}

/* A first-order area that no gazetteer lists but its places outline, as
 * an entry. */
static ChronomapGazetteerEntry *
extent_entry (ChronomapGeocoder *self,
              const char        *cc,
              const Extent      *extent)
{
  ChronomapGazetteerEntry e = { 0 };
  g_autofree char *id = g_strdup_printf ("admin1:%c%c:%s", cc[0], cc[1], extent->name);

  e.id = id;
  e.name = extent->name;
  e.admin1 = extent->name;
  e.country[0] = cc[0];
  e.country[1] = cc[1];
  e.country_name = (char *) chronomap_gazetteer_get_country_name (self->gazetteer, e.country);
  e.latitude = extent->lat;
  e.longitude = extent->lon;
  e.precision = CHRONOMAP_PRECISION_ADMIN;
  e.source = (char *) "bundled";
  return chronomap_gazetteer_entry_copy (&e);
}

/* How like a first-order area's name one spelled otherwise must be. */
#define ADMIN1_MIN_SIMILARITY 0.8

/* The first-order area of country @hint named @name: by its key, in the
 * country or in one that was part of it ("Gaza Strip" in an event filed
 * under Israel); and when none has the key, the area of which a compass
 * word names a part ("Northern Idlib"), or with @spelled_otherwise, one
 * of a name a letter or so apart.  With no @hint, the area of the name
 * with the most places in any country.  Sets @out_cc and @out_key. */
static const Extent *
find_admin1 (ChronomapGeocoder  *self,
             const char         *hint,
             const char         *name,
             const char         *fold,
             gboolean            spelled_otherwise,
             char                out_cc[3],
             char              **out_key)
{
  g_autofree char *whole = NULL;
  g_autofree char *key = admin1_keys (name, fold, &whole);

  if (key == NULL)
    return NULL;
  for (guint i = 0; i < 2; i++)
    {
      char **k = i == 0 ? &key : &whole;
      const char *cc = hint;
      const Extent *extent;

      if (*k == NULL)
        continue;
      if (hint == NULL)
        {
          if (!self->admin1_extents_made)
            admin1_extents_make (self);
          extent = g_hash_table_lookup (self->admin1_anywhere, *k);
          cc = extent != NULL ? extent->cc : NULL;
        }
      else
        {
          extent = admin1_extent (self, cc, *k);
          for (const char *f = former_parts_of (hint); extent == NULL && *f != '\0'; f += 2)
            extent = admin1_extent (self, cc = f, *k);
        }
      if (extent != NULL)
        {
          out_cc[0] = cc[0];
          out_cc[1] = cc[1];
          out_cc[2] = '\0';
          /* the key its places give it, whatever name it was found by */
          *out_key = g_strdup (extent->key);
          return extent;
        }
    }

  /* spelled otherwise than the gazetteer spells it: UCDP's "Hilmand",
   * "Hirat" and "Paktya" are GeoNames' Helmand, Herat and Paktia.  One
   * letter or so apart, and no other area of the country as near. */
  if (spelled_otherwise && hint != NULL && whole == NULL)
    {
      GHashTable *extents = g_hash_table_lookup (self->admin1_extents, (char[3]) { hint[0], hint[1], '\0' });
      GHashTableIter iter;
      gpointer their_key, value;
      const Extent *best = NULL;
      double best_sim = 0, second_sim = 0;

      if (extents == NULL)
        return NULL;
      g_hash_table_iter_init (&iter, extents);
      while (g_hash_table_iter_next (&iter, &their_key, &value))
        {
          double sim = chronomap_normalize_similarity (key, their_key);

          if (sim > best_sim)
            {
              second_sim = best_sim;
              best_sim = sim;
              best = value;
            }
          else
            second_sim = MAX (second_sim, sim);
        }
      if (best != NULL && best_sim >= ADMIN1_MIN_SIMILARITY && best_sim - second_sim >= 0.1)
        {
          out_cc[0] = hint[0];
          out_cc[1] = hint[1];
          out_cc[2] = '\0';
          *out_key = g_strdup (best->key);
          return best;
        }
    }
  return NULL;
}

/* Is @c a town that a first-order area of its name outweighs: no city
 * (is_city(): a seat of a province or a country, or 100,000 people)?
 * "Raqqa" is the city, but "England" is not the town of 2,800 in
 * Arkansas, nor "Wales" a village of Yorkshire. */
static gboolean
is_small_place (const Candidate *c)
{
  const GazEntry *e = &c->file->entries[c->entry];

  return e->precision == CHRONOMAP_PRECISION_PLACE && !is_city (e);
}

static gboolean is_name_of (ChronomapGeocoder             *self,
                            const char                    *name,
                            const ChronomapGazetteerEntry *entry);

/* Is @query a first-order area's whole name, as written but for its
 * case, accents and a word such as "province" ("England", "North
 * Carolina"), rather than one that a qualifier dropped leaves ("North
 * Bay" is no Hawke's Bay)? */
static gboolean
names_admin1_whole (ChronomapGeocoder *self,
                    const char        *query)
{
  g_autofree char *key = NULL;

  if (!self->admin1_extents_made)
    admin1_extents_make (self);
  key = admin1_key (query);
  return key != NULL && g_hash_table_contains (self->admin1_anywhere, key);
}

/* Does @query name a first-order area by its whole name, compass word and
 * all ("North Carolina", "Western Cape", "Northern Ireland"), which @c was
 * found for without the word (Carolina in Puerto Rico, Cape Town,
 * Ireland)? */
static gboolean
names_compass_admin1 (ChronomapGeocoder *self,
                      const char        *query,
                      const Candidate   *c)
{
  g_autoptr(ChronomapGazetteerEntry) entry = NULL;
  const char *rest;
  int north, east;

  if (!compass_of (query, &north, &east, &rest) || !names_admin1_whole (self, query))
    return FALSE;
  entry = entry_from (self, c);
  return !is_name_of (self, query, entry);
}

/* Does the first-order area @query names outweigh @c, the best place
 * found for it: a small town, or one found without the compass word the
 * area's name has? */
static gboolean
outweighed_by_area (ChronomapGeocoder *self,
                    const char        *query,
                    const Candidate   *c)
{
  return (is_small_place (c) && names_admin1_whole (self, query)) ||
         names_compass_admin1 (self, query, c);
}

/* Could @keys (a query's, from gather_name()) be a first-order area's
 * bare name?  By its key, or its fold when the look-up made one
 * ("Kabardino-Balkaria": Kabardino-Balkariya), at the cost of a hash
 * look-up: most names looked up are none. */
static gboolean
may_name_admin1 (ChronomapGeocoder *self,
                 const char        *query,
                 const NameKeys    *keys)
{
  const char *rest;
  int north, east;

  if (keys->stripped == NULL)
    return TRUE;
  if (!self->admin1_extents_made)
    admin1_extents_make (self);
  if (g_hash_table_contains (self->admin1_stripped, keys->stripped) ||
      (keys->fold != NULL && g_hash_table_contains (self->admin1_anywhere, keys->fold)))
    return TRUE;
  /* a compass word another language's ("Sud Kivu": South Kivu) */
  if (compass_of (query, &north, &east, &rest))
    {
      g_autofree char *rest_key = chronomap_normalize_name (rest, TRUE, NULL);

      return rest_key != NULL && g_hash_table_contains (self->admin1_stripped, rest_key);
    }
  return FALSE;
}

/* "Koulikoro region", "Tigray state", "Ituri province": a first-order area
 * that the gazetteers list no entry of, by the name its places give it
 * (find_admin1()).  With no country, less sure when another country has
 * one of the name too ("Punjab").  @keys: what gather_name() made of
 * @query, if anything; the fold is made here when it made none. */
static ChronomapGeocodeResult *
geocode_admin1 (ChronomapGeocoder *self,
                const char        *query,
                NameKeys          *keys,
                const char        *hint,
                gboolean           spelled_otherwise)
{
  g_autofree char *key = NULL;
  const Extent *best;
  char best_cc[3];
  ChronomapGeocodeResult *result;

  if (keys->fold == NULL && keys->stripped != NULL)
    keys->fold = chronomap_normalize_fold (keys->stripped);
  best = find_admin1 (self, hint, query, keys->fold, spelled_otherwise, best_cc, &key);
  if (best == NULL)
    return NULL;

  result = result_new (query);
  result->resolved = TRUE;
  result->entry = extent_entry (self, best_cc, best);
  result->latitude = best->lat;
  result->longitude = best->lon;
  result->precision = CHRONOMAP_PRECISION_ADMIN;
  result->confidence = hint == NULL && best->namesakes > 0 ? 0.5 : 0.85;
  return result;
}

/* Whether @name (a governorate, a province, a krai) is a first-order area
 * of country @hint as the bundled gazetteer names its places': when it
 * is, candidates can be told in or out of it by name.  And when its name
 * found only a town (@only_town: "Stavropol krai" is not the city of
 * Stavropol, "Banteay Meanchey province" not the town of Banteay Meas in
 * another), the area's point and reach are those of its places. */
static void
area_by_name (ChronomapGeocoder *self,
              Area              *area,
              const char        *name,
              const char        *hint,
              gboolean           district,
              gboolean           only_town)
{
  g_autofree char *key = NULL;
  const Extent *extent;
  char cc[3];

  if (hint == NULL)
    return;
  while (*name == ' ')
    name++;
  extent = find_admin1 (self, hint, name, NULL, TRUE, cc, &key);
  if (extent == NULL)
    return;

  area->cc[0] = cc[0];
  area->cc[1] = cc[1];
  area->admin1_key = g_steal_pointer (&key);
  area->district = district;
  area->admin1_lat = extent->lat;
  area->admin1_lon = extent->lon;
  area->admin1_reach = extent->reach;
  area->capital_lat = extent->capital_lat;
  area->capital_lon = extent->capital_lon;
  if (only_town)
    {
      chronomap_gazetteer_entry_free (area->entry);
      area->entry = extent_entry (self, cc, extent);
      area->lat = extent->lat;
      area->lon = extent->lon;
      area->reach = MAX (extent->reach, 60);
      area->seat_lat = NAN;
      area->seat_lon = NAN;
    }
}

static const Area *
area_point (ChronomapGeocoder *self,
            const char        *admin1,
            const char        *hint)
{
  Area *point;
  g_autofree char *key = NULL;
  g_autofree char *district_name = NULL;

  if (admin1 == NULL || admin1[0] == '\0')
    return NULL;

  key = g_strconcat (hint != NULL ? hint : "", ":", admin1, NULL);
  point = g_hash_table_lookup (self->areas, key);
  if (point == NULL)
    {
      g_autoptr(ChronomapGeocodeResult) r = NULL;
      const char *comma = strchr (admin1, ',');
      gboolean district = FALSE;
      gboolean central = FALSE;

      /* "Duma district, Rif Dimashq Governorate": the district is looked
       * for within the governorate (there is another Duma in the desert). */
      if (comma != NULL && comma[1] != '\0')
        {
          g_autofree char *inner = g_strndup (admin1, comma - admin1);

          r = geocode (self, inner, hint, comma + 1);
          /* not the governorate itself, for want of the district */
          if (!r->resolved || r->area_only)
            g_clear_pointer (&r, chronomap_geocode_result_free);
          district = r != NULL;
          if (district)
            district_name = g_strdup (inner);
        }
      if (r == NULL)
        r = geocode_as_area (self, admin1, hint);

      /* an area is in the event's country: Ethiopia's Somali region is
       * not Somalia, which its name also calls up */
      if (r->resolved && hint != NULL && r->entry != NULL &&
          (r->entry->country[0] != hint[0] || r->entry->country[1] != hint[1]) &&
          !was_part_of (r->entry->country, hint))
        {
          g_clear_pointer (&r, chronomap_geocode_result_free);
          r = result_new (admin1);
        }

      point = g_new0 (Area, 1);
      point->lat = r->resolved ? r->latitude : NAN;
      point->lon = r->resolved ? r->longitude : NAN;
      point->capital_lat = NAN;
      point->capital_lon = NAN;
      point->district_name = g_steal_pointer (&district_name);
      /* how far the area reaches from its point: a governorate's or a
       * country's point stands for more land than a district town's */
      point->reach = (r->precision == CHRONOMAP_PRECISION_ADMIN ||
                      r->precision == CHRONOMAP_PRECISION_COUNTRY) && !district ? 150 : 60;
      point->seat_lat = NAN;
      point->seat_lon = NAN;
      /* the seat is the town of the district's name in its governorate,
       * which the district's own candidates need not include */
      if (district && r->precision == CHRONOMAP_PRECISION_ADMIN)
        {
          g_autofree char *inner = g_strndup (admin1, comma - admin1);
          g_autofree char *name = chronomap_normalize_name (inner, TRUE, NULL);
          const char *seat_name = name != NULL ? name : inner;
          g_autofree char *town = NULL;
          g_autoptr(ChronomapGeocodeResult) seat = NULL;

          /* "Markaz Homs district": the central district, seated in Homs */
          if (g_str_has_prefix (seat_name, "markaz "))
            {
              seat_name += strlen ("markaz ");
              central = TRUE;
            }
          town = g_strconcat (seat_name, " town", NULL);
          seat = geocode (self, town, hint, comma + 1);

          /* looked for in the governorate, so never far: a district of
           * desert reaches further from its point than its reach says */
          if (seat->resolved && !seat->area_only && seat->precision == CHRONOMAP_PRECISION_PLACE &&
              !seat->near)
            {
              point->seat_lat = seat->latitude;
              point->seat_lon = seat->longitude;
            }
        }
      point->entry = g_steal_pointer (&r->entry);
      area_by_name (self, point, comma != NULL && comma[1] != '\0' ? comma + 1 : admin1, hint,
                    district,
                    !district && r->precision != CHRONOMAP_PRECISION_ADMIN &&
                    r->precision != CHRONOMAP_PRECISION_COUNTRY);
      /* a central district whose town is not spelled as it is ("Markaz
       * Rif Dimashq", around Damascus) is seated at its province's capital */
      if (central && isnan (point->seat_lat) && !isnan (point->capital_lat))
        {
          point->seat_lat = point->capital_lat;
          point->seat_lon = point->capital_lon;
        }
      g_hash_table_insert (self->areas, g_steal_pointer (&key), point);
    }
  return point;
}

/* Words that make a name the stretch between the places it names. */
static gboolean
is_route_word (const char *word)
{
  static const char * const words[] = { "road", "highway", "motorway", "axis", "route", NULL };

  for (guint i = 0; words[i] != NULL; i++)
    if (g_ascii_strcasecmp (word, words[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Splits @text at each of @seps, trimmed; FALSE when a part is empty. */
static gboolean
split_ends (const char         *text,
            const char * const *seps,
            GPtrArray          *ends)
{
  g_autofree char *copy = g_strdup (text);
  char *p = copy;

  for (;;)
    {
      char *cut = NULL;
      gsize cut_len = 0;

      for (guint i = 0; seps[i] != NULL; i++)
        {
          char *at = strstr (p, seps[i]);

          if (at != NULL && (cut == NULL || at < cut))
            {
              cut = at;
              cut_len = strlen (seps[i]);
            }
        }
      if (cut != NULL)
        *cut = '\0';
      g_strstrip (p);
      if (p[0] == '\0')
        return FALSE;
      g_ptr_array_add (ends, g_strdup (p));
      if (cut == NULL)
        return TRUE;
      p = cut + cut_len;
    }
}

/* Splits @text at its dashes, and with @slash its slashes ("Aleppo -
 * Damascus", "Syria/Turkey"; a slash in a road's name gives two names of
 * one place, "Aleppo/Halab road"), or else at its hyphens ("Aleppo-Damascus") when every part
 * ends in a word longer than an article: a hyphen inside a name ("Deir
 * ez-Zor", "Al-Bab") splits nothing.  FALSE when a part is empty. */
static gboolean
split_dashed (const char *text,
              gboolean    slash,
              GPtrArray  *parts)
{
  static const char * const dash_seps[] = { " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ",
                                            "\xe2\x80\x93", "\xe2\x80\x94", NULL };
  static const char * const slash_seps[] = { "/", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ",
                                             "\xe2\x80\x93", "\xe2\x80\x94", NULL };
  static const char * const hyphen_seps[] = { "-", NULL };

  if (!split_ends (text, slash ? slash_seps : dash_seps, parts))
    return FALSE;
  if (parts->len != 1)
    return TRUE;

  g_ptr_array_set_size (parts, 0);
  if (!split_ends (text, hyphen_seps, parts))
    return FALSE;
  for (guint i = 0; i < parts->len; i++)
    {
      const char *part = g_ptr_array_index (parts, i);
      const char *word = strrchr (part, ' ');

      if (strlen (word != NULL ? word + 1 : part) < 4)
        return FALSE;
    }
  return TRUE;
}

/* "Road between Al Bab and Azaz", "Khanasir – Ithriya road",
 * "Latakia-Hama-Idlib axis": the places a road or a front line runs
 * between, or %NULL when the name is no such stretch. */
static GPtrArray *
route_ends (const char *query)
{
  static const char * const and_seps[] = { " and ", ", ", NULL };
  g_autoptr(GPtrArray) ends = NULL;
  g_autofree char *low = NULL;
  g_autofree char *text = NULL;
  char *between, *in, *last_space;
  const char *tail = strrchr (query, ' ');
  gboolean maybe = tail != NULL && is_route_word (tail + 1);

  /* most names are no route: tell them apart before copying anything */
  for (const char *p = query; !maybe && *p != '\0'; p++)
    maybe = (p == query || p[-1] == ' ') && g_ascii_strncasecmp (p, "between ", 8) == 0;
  if (!maybe)
    return NULL;

  ends = g_ptr_array_new_with_free_func (g_free);
  low = g_ascii_strdown (query, -1);
  text = g_strdup (query);

  /* "... in Homs Governorate" says where the road is, not where it goes */
  in = strstr (low, " in ");
  if (in != NULL)
    {
      text[in - low] = '\0';
      *in = '\0';
    }

  between = strstr (low, "between ");
  if (between != NULL && (between == low || between[-1] == ' '))
    {
      if (!split_ends (text + (between - low) + strlen ("between "), and_seps, ends))
        return NULL;
    }
  else
    {
      g_strchomp (text);
      last_space = strrchr (text, ' ');
      if (last_space == NULL || !is_route_word (last_space + 1))
        return NULL;
      *last_space = '\0';
      /* "Aleppo-Damascus highway", not "Deir ez-Zor road" */
      if (!split_dashed (text, FALSE, ends))
        return NULL;
    }

  if (ends->len < 2 || ends->len > 4)
    return NULL;
  return g_steal_pointer (&ends);
}

/* A point between places (a road's ends, a border's sides), named by
 * @main's entry, with the others as the alternatives: approximate. */
static ChronomapGeocodeResult *
between_result (const char             *query,
                double                  lat,
                double                  lon,
                double                  confidence,
                ChronomapGeocodeResult *main,
                GPtrArray              *results)
{
  ChronomapGeocodeResult *result = result_new (query);

  result->resolved = TRUE;
  result->latitude = lat;
  result->longitude = lon;
  result->precision = CHRONOMAP_PRECISION_OTHER;
  result->confidence = CLAMP (confidence, 0.01, 1.0);
  result->near = TRUE;
  result->entry = g_steal_pointer (&main->entry);
  for (guint i = 0; i < results->len; i++)
    {
      ChronomapGeocodeResult *r = g_ptr_array_index (results, i);
      ChronomapGeocodeAlternative *alt;

      if (r->entry == NULL)
        continue;
      alt = g_new0 (ChronomapGeocodeAlternative, 1);
      alt->entry = g_steal_pointer (&r->entry);
      alt->score = r->confidence;
      g_ptr_array_add (result->alternatives, alt);
    }
  return result;
}

/* How far from a place "north of" it puts an event when the text gives no
 * distance: its outskirts, a village or two away. */
#define OFFSET_DEFAULT_KM 10.0

/* Farthest a distance from a place may be to be taken as said: beyond it,
 * the number is more likely a unit's or a road's than a distance ("Route
 * 600 km north of"), and the place measured from no help. */
#define OFFSET_MAX_KM 500.0

/* Compass words a text measures by, and their bearings in degrees
 * clockwise from north; each bearing's first word is the one compass_of()
 * reads. */
static const struct { const char *word; double bearing; } measure_directions[] = {
  { "north", 0 }, { "northeast", 45 }, { "north-east", 45 }, { "east", 90 },
  { "southeast", 135 }, { "south-east", 135 }, { "south", 180 }, { "southwest", 225 },
  { "south-west", 225 }, { "west", 270 }, { "northwest", 315 }, { "north-west", 315 },
};

/* The bearing of a compass word; NAN for another word.  @len: the word's
 * length. */
static double
direction_bearing (const char *word,
                   gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (measure_directions); i++)
    if (len == strlen (measure_directions[i].word) && strncmp (word, measure_directions[i].word, len) == 0)
      return measure_directions[i].bearing;
  return NAN;
}

/* The compass word of a bearing, one of the eight. */
static const char *
direction_word (double bearing)
{
  for (guint i = 0; i < G_N_ELEMENTS (measure_directions); i++)
    if (measure_directions[i].bearing == bearing)
      return measure_directions[i].word;
  return measure_directions[0].word;
}

/* Words that hedge a measure and are no part of the name before it:
 * "Silos just east of Palmyra", "a village some 10 km from Raqqa". */
static gboolean
is_hedge_word (const char *word,
               gsize       len)
{
  static const char * const words[] = { "just", "about", "some", "approximately", "around",
                                        "roughly", "nearly", "almost", "located", "situated" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (len == strlen (words[i]) && g_ascii_strncasecmp (word, words[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* "10 km north of Raqqa", "Silos east of Palmyra", "Ain Issa, 50 km north
 * of Raqqa", "5 miles from Mosul", "500 m south west of the bridge": the
 * place the text measures from, in @out_from; the measure as written ("10
 * km north of"), in @out_measure; how far, in kilometres
 * (OFFSET_DEFAULT_KM when not said, and then @out_said FALSE); the bearing
 * in degrees clockwise from north, or NAN for "from"; and the name written
 * before, if any ("Ain Issa"), in @out_named.  FALSE when @query says none
 * of this. */
static gboolean
offset_of (const char  *query,
           char       **out_named,
           char       **out_measure,
           char       **out_from,
           double      *out_km,
           gboolean    *out_said,
           double      *out_bearing)
{
  static const struct { const char *unit; double km; } units[] = {
    { "km", 1 }, { "kms", 1 }, { "kilometres", 1 }, { "kilometers", 1 }, { "kilometre", 1 },
    { "kilometer", 1 }, { "mi", 1.609344 }, { "miles", 1.609344 }, { "mile", 1.609344 },
    { "m", 0.001 }, { "metres", 0.001 }, { "meters", 0.001 },
  };
  g_autofree char *lower = NULL;
  const char *of = NULL, *word = NULL, *p = NULL;
  double bearing = NAN, km = NAN;
  gsize start;

  /* said at once of most names: no " of " nor " from " */
  if (strstr (query, " of ") == NULL && strstr (query, " from ") == NULL &&
      strstr (query, " Of ") == NULL && strstr (query, " From ") == NULL &&
      strstr (query, " OF ") == NULL && strstr (query, " FROM ") == NULL)
    return FALSE;
  lower = g_ascii_strdown (query, -1);

  /* the first " of " after a compass word: "Village of Zor, 10 km north of
   * Raqqa" */
  for (const char *at = strstr (lower, " of "); at != NULL; at = strstr (at + 1, " of "))
    {
      const char *w;

      for (w = at; w > lower && w[-1] != ' ' && w[-1] != '('; w--)
        ;
      bearing = direction_bearing (w, at - w);
      if (isnan (bearing))
        continue;
      of = at;
      word = w;
      p = of + strlen (" of ");
      /* "south west of": the two words as one */
      if ((bearing == 90 || bearing == 270) && word - lower >= 6)
        {
          const char *w2;

          for (w2 = word - 1; w2 > lower && w2[-1] != ' ' && w2[-1] != '('; w2--)
            ;
          if (w2 < word - 1)
            {
              double first = direction_bearing (w2, word - 1 - w2);

              if (first == 0 || first == 180)
                {
                  bearing = first == 0 ? (bearing == 90 ? 45 : 315) : (bearing == 90 ? 135 : 225);
                  word = w2;
                }
            }
        }
      /* "to the north of" */
      if (word - lower >= 7 && strncmp (word - 7, "to the ", 7) == 0)
        word -= 7;
      break;
    }
  if (of == NULL)
    {
      of = strstr (lower, " from ");
      if (of == NULL)
        return FALSE;
      word = of + 1;
      p = of + strlen (" from ");
    }

  /* and a distance before it: "10 km", "10km", "5 miles", "500 m" */
  start = word - lower;
  {
    const char *end = word;
    const char *unit_end, *num;
    double factor = 0;

    while (end > lower && end[-1] == ' ')
      end--;
    for (unit_end = end; end > lower && g_ascii_isalpha (end[-1]); end--)
      ;
    for (guint i = 0; i < G_N_ELEMENTS (units); i++)
      if ((gsize) (unit_end - end) == strlen (units[i].unit) &&
          strncmp (end, units[i].unit, unit_end - end) == 0)
        factor = units[i].km;
    if (factor > 0)
      {
        while (end > lower && (end[-1] == ' ' || end[-1] == '-'))
          end--;
        for (num = end; num > lower && (g_ascii_isdigit (num[-1]) || num[-1] == '.'); num--)
          ;
        if (num < end && g_ascii_isdigit (num[0]))
          {
            km = g_ascii_strtod (num, NULL) * factor;
            start = num - lower;
          }
      }
  }
  /* "from" alone says nothing of how far: "fighters from Raqqa" */
  if (isnan (bearing) && isnan (km))
    return FALSE;
  if (!isnan (km) && (km <= 0 || km > OFFSET_MAX_KM))
    return FALSE;

  *out_from = g_strstrip (g_strdup (query + (p - lower)));
  /* "(10 km north of Raqqa)" */
  if (**out_from != '\0' && (*out_from)[strlen (*out_from) - 1] == ')')
    (*out_from)[strlen (*out_from) - 1] = '\0';
  g_strstrip (*out_from);
  *out_measure = g_strstrip (g_strndup (query + start, (p - lower) - start));
  *out_named = g_strndup (query, start);
  for (;;)
    {
      gsize len;
      char *last;

      g_strchomp (*out_named);
      len = strlen (*out_named);
      if (len > 0 && strchr (",(-:", (*out_named)[len - 1]) != NULL)
        {
          (*out_named)[len - 1] = '\0';
          continue;
        }
      /* "Silos just east of" */
      last = strrchr (*out_named, ' ');
      last = last != NULL ? last + 1 : *out_named;
      if (*last != '\0' && is_hedge_word (last, strlen (last)))
        {
          *last = '\0';
          continue;
        }
      break;
    }
  g_strstrip (*out_named);
  *out_said = !isnan (km);
  *out_km = isnan (km) ? OFFSET_DEFAULT_KM : km;
  *out_bearing = bearing;
  if (**out_from == '\0')
    {
      g_clear_pointer (out_from, g_free);
      g_clear_pointer (out_named, g_free);
      g_clear_pointer (out_measure, g_free);
      return FALSE;
    }
  return TRUE;
}

/* The initial bearing from one point to another, in degrees clockwise from
 * north, near enough for the few tens of kilometres a text measures. */
static double
bearing_to (double lat1,
            double lon1,
            double lat2,
            double lon2)
{
  double dx = (lon2 - lon1) * cos ((lat1 + lat2) / 2 * G_PI / 180);
  double b = atan2 (dx, lat2 - lat1) * 180 / G_PI;

  return b < 0 ? b + 360 : b;
}

/* How far a named place may lie from where the text measures it to be
 * and still be the place meant: "Ain Issa, north of Raqqa" is Ain Issa,
 * 50 km off, and "Deir ez-Zor, east of Raqqa" (130 km, south-east) is
 * still Deir ez-Zor; but the 10 km said of "Tall Tawil, 10 km east of
 * Tall Tamr" rule out a Tall Tawil 60 km off. */
static gboolean
where_measured (const ChronomapGeocodeResult *place,
                const ChronomapGeocodeResult *from,
                double                        km,
                gboolean                      said,
                double                        bearing)
{
  double d = chronomap_geo_distance_km (from->latitude, from->longitude, place->latitude,
                                        place->longitude);

  if (said ? fabs (d - km) > MAX (10.0, km / 2) : d > 150.0)
    return FALSE;
  if (!isnan (bearing) && d > 2.0)
    {
      double off = fabs (remainder (bearing_to (from->latitude, from->longitude, place->latitude,
                                                place->longitude) - bearing, 360.0));

      return off <= 67.5;
    }
  return TRUE;
}

/* A place said to lie a distance and direction from another: the point
 * so far from the other that way, or the place named with them when the
 * gazetteers have it about there ("Ain Issa, 50 km north of Raqqa").  Only
 * from a place: "South of France" and "5 miles from the Turkish border"
 * are parts of an area or a border, which their own rules place. */
static ChronomapGeocodeResult *
geocode_offset (ChronomapGeocoder *self,
                const char        *query,
                const char        *hint,
                const char        *admin1)
{
  g_autofree char *named = NULL;
  g_autofree char *measure = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *label = NULL;
  g_autoptr(ChronomapGeocodeResult) from = NULL;
  ChronomapGazetteerEntry fields;
  ChronomapGeocodeResult *result;
  double km, bearing, lat, lon;
  gboolean said;

  if (!offset_of (query, &named, &measure, &from_text, &km, &said, &bearing))
    return NULL;
  from = geocode (self, from_text, hint, admin1);
  if (!from->resolved || from->area_only || from->entry == NULL)
    return NULL;
  /* "South of France", "north of Aleppo Governorate": that part of the
   * area, as "Southern France" is */
  if ((from->precision == CHRONOMAP_PRECISION_COUNTRY || from->precision == CHRONOMAP_PRECISION_ADMIN) &&
      !said && !isnan (bearing) && named[0] == '\0')
    {
      g_autofree char *part = g_strconcat (direction_word (bearing), " ", from_text, NULL);

      result = geocode_part (self, part, hint, admin1);
      g_free (result->query);
      result->query = g_utf8_make_valid (query, -1);
      return result;
    }
  /* nor from a border ("5 miles from the Turkish border") or a road */
  if (from->precision != CHRONOMAP_PRECISION_PLACE)
    return NULL;

  if (named[0] != '\0')
    {
      ChronomapGeocodeResult *place = geocode (self, named, hint, admin1);

      if (place->resolved && !place->area_only &&
          (place->precision == CHRONOMAP_PRECISION_PLACE || place->precision == CHRONOMAP_PRECISION_OTHER) &&
          where_measured (place, from, km, said, bearing))
        {
          g_free (place->query);
          place->query = g_utf8_make_valid (query, -1);
          return place;
        }
      chronomap_geocode_result_free (place);
    }

  lat = from->latitude;
  lon = from->longitude;
  if (!isnan (bearing))
    {
      lat += km * cos (bearing * G_PI / 180) / 111.32;
      lon += km * sin (bearing * G_PI / 180) / (111.32 * MAX (0.05, cos (from->latitude * G_PI / 180)));
    }

  result = result_new (query);
  result->resolved = TRUE;
  result->latitude = lat;
  result->longitude = lon;
  /* "near" a town, as the event's placement says of a place */
  result->precision = from->precision;
  /* as sure of the place as of the one it is measured from, less so when
   * the text does not say how far */
  result->confidence = from->confidence * (said ? 0.9 : 0.8);
  result->near = TRUE;
  /* named as the text measures it, and where it says, so that the map's
   * label and the entry's point are the point's: "10 km north of Ar
   * Raqqah"; its id and its areas are the town's */
  fields = *from->entry;
  label = g_strconcat (measure, " ", from->entry->name, NULL);
  fields.name = label;
  fields.latitude = lat;
  fields.longitude = lon;
  result->entry = gaz_entry_pack (&fields);
  g_ptr_array_extend_and_steal (result->alternatives, g_steal_pointer (&from->alternatives));
  from->alternatives = g_ptr_array_new ();
  return result;
}

/* Farthest two ends of a road may lie apart and still be one stretch a
 * report would place at its middle. */
#define ROUTE_MAX_KM 500.0

/* Resolves each end of a route; the result is their middle, or %NULL when
 * one end is not a place. */
static ChronomapGeocodeResult *
geocode_route (ChronomapGeocoder *self,
               const char        *query,
               GPtrArray         *ends,
               const char        *hint,
               const char        *admin1)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) chronomap_geocode_result_free);
  ChronomapGeocodeResult *nearest = NULL;
  double lat = 0, lon = 0, confidence = 1.0, nearest_km = G_MAXDOUBLE;

  for (guint i = 0; i < ends->len; i++)
    {
      /* the ends of a road are towns, not the governorates named alike */
      g_autofree char *town = g_strconcat (g_ptr_array_index (ends, i), " town", NULL);
      ChronomapGeocodeResult *r = geocode (self, town, hint, admin1);

      g_ptr_array_add (results, r);
      /* an end not found is no end, though its area were a town */
      if (!r->resolved || r->area_only || r->precision == CHRONOMAP_PRECISION_COUNTRY ||
          r->precision == CHRONOMAP_PRECISION_ADMIN || r->precision == CHRONOMAP_PRECISION_RIVER)
        return NULL;
      for (guint j = 0; j < i; j++)
        {
          ChronomapGeocodeResult *o = g_ptr_array_index (results, j);

          if (chronomap_geo_distance_km (r->latitude, r->longitude,
                                         o->latitude, o->longitude) > ROUTE_MAX_KM)
            return NULL;
        }
      lat += r->latitude / ends->len;
      lon += r->longitude / ends->len;
      confidence = MIN (confidence, r->confidence);
    }

  for (guint i = 0; i < results->len; i++)
    {
      ChronomapGeocodeResult *r = g_ptr_array_index (results, i);
      double d = chronomap_geo_distance_km (r->latitude, r->longitude, lat, lon);

      if (d < nearest_km)
        {
          nearest_km = d;
          nearest = r;
        }
    }

  return between_result (query, lat, lon, 0.8 * confidence, nearest, results);
}

/* "Syria-Iraq border", "Syria/Turkey border", "border between Syria and
 * Turkey": the sides of a border, each a country or an area; NULL when
 * the name says no border. */
static GPtrArray *
border_sides (const char  *query,
              char       **out_rest)
{
  static const char * const and_seps[] = { " and ", "/", NULL };
  g_autoptr(GPtrArray) sides = NULL;
  g_autofree char *before = NULL;
  const char *word = NULL;
  const char *after;

  /* most names are no border: tell them apart before copying anything */
  for (const char *p = query; *p != '\0'; p++)
    if ((p == query || p[-1] == ' ') &&
        (g_ascii_strncasecmp (p, "border", 6) == 0 || g_ascii_strncasecmp (p, "frontier", 8) == 0))
      {
        word = p;
        break;
      }
  if (word == NULL)
    return NULL;

  sides = g_ptr_array_new_with_free_func (g_free);
  before = g_strndup (query, word - query);
  g_strstrip (before);
  after = word + strcspn (word, " ");
  after += strspn (after, " ");

  if (before[0] == '\0' || g_ascii_strcasecmp (before, "the") == 0)
    {
      /* "border between Syria and Turkey", "the border of A and B" */
      for (guint i = 0; i < 3; i++)
        {
          static const char * const lead[] = { "between ", "of ", "with " };

          if (g_ascii_strncasecmp (after, lead[i], strlen (lead[i])) == 0)
            after += strlen (lead[i]);
        }
      if (!split_ends (after, and_seps, sides))
        return NULL;
    }
  else
    {
      /* "Syria-Iraq border", "Syria/Turkey border", not "Deir ez-Zor border" */
      if (!split_dashed (before, TRUE, sides))
        return NULL;
      /* "Syria/Turkey border Idlib Governorate": where along it */
      if (*after != '\0' && out_rest != NULL)
        *out_rest = g_strdup (after);
    }

  /* one side ("the Turkish border") is a border of the event's country */
  if (sides->len > 3)
    return NULL;
  return g_steal_pointer (&sides);
}

/* The places of a border's side @r: a country's, or an area's. */
static GArray *
places_of (ChronomapGeocoder            *self,
           const ChronomapGeocodeResult *r)
{
  const char *cc = r->entry->country;

  if (cc == NULL || strlen (cc) != 2)
    return g_array_new (FALSE, FALSE, sizeof (double));
  if (r->precision == CHRONOMAP_PRECISION_ADMIN)
    return places_in (self, cc, r->entry->admin1);
  return g_array_ref ((GArray *) country_points (self, cc));
}

/* A border's side, a country or an area: "Aleppo" is the governorate,
 * "Syria" the country; NULL when it is a town. */
static ChronomapGeocodeResult *
border_side (ChronomapGeocoder *self,
             const char        *name)
{
  ChronomapGeocodeResult *r = geocode_as_area (self, name, NULL);

  if (!r->resolved || r->confidence < 0.5 ||
      (r->precision != CHRONOMAP_PRECISION_COUNTRY && r->precision != CHRONOMAP_PRECISION_ADMIN))
    g_clear_pointer (&r, chronomap_geocode_result_free);
  return r;
}

/* Of @points, those within @area's reach, when there are any. */
static GArray *
points_in_area (GArray     *points,
                const Area *area)
{
  GArray *in;

  if (area == NULL || isnan (area->lat))
    return points;
  in = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i + 1 < points->len; i += 2)
    if (area_km (area, g_array_index (points, double, i),
                 g_array_index (points, double, i + 1)) <= area->reach)
      g_array_append_vals (in, &g_array_index (points, double, i), 2);
  if (in->len == 0)
    {
      g_array_unref (in);
      return points;
    }
  g_array_unref (points);
  return in;
}

/* Pairs of places compared at most, for a border between two large
 * countries: beyond it every so many places of the larger side. */
#define BORDER_MAX_PAIRS 2000000

/* A border is placed where the places of its two sides come closest, at
 * the middle of those two: on the border, if not at the point a coder
 * would choose along it; within @area_text ("Idlib Governorate") when
 * the data set or the name says where.  NULL when a side is a town, as
 * in "Tell Abyad border crossing", which is the town's. */
static ChronomapGeocodeResult *
geocode_border (ChronomapGeocoder *self,
                const char        *query,
                GPtrArray         *sides,
                const char        *hint,
                const char        *area_text)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) chronomap_geocode_result_free);
  g_autoptr(GPtrArray) points = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  const Area *area = area_text != NULL && area_text[0] != '\0' ? area_point (self, area_text, hint) : NULL;
  double best = G_MAXDOUBLE, lat = NAN, lon = NAN, confidence = 1.0;

  /* "the Turkish border" of an event in Syria: Syria's with Türkiye */
  if (sides->len == 1 && hint != NULL)
    {
      const char *country = chronomap_gazetteer_get_country_name (self->gazetteer, hint);

      if (country == NULL)
        return NULL;
      g_ptr_array_add (sides, g_strdup (country));
    }

  for (guint i = 0; i < sides->len; i++)
    {
      ChronomapGeocodeResult *r = border_side (self, g_ptr_array_index (sides, i));

      if (r == NULL)
        return NULL;
      g_ptr_array_add (results, r);
      /* "the Syrian border" in Syria says no more than Syria, nor does
       * "the Deir ez-Zor border": a country borders other countries */
      for (guint j = 0; j < i; j++)
        {
          ChronomapGeocodeResult *o = g_ptr_array_index (results, j);

          if (g_strcmp0 (o->entry->country, r->entry->country) == 0 &&
              (o->precision == CHRONOMAP_PRECISION_COUNTRY ||
               r->precision == CHRONOMAP_PRECISION_COUNTRY || g_strcmp0 (o->entry->id, r->entry->id) == 0))
            return NULL;
        }
      g_ptr_array_add (points, points_in_area (places_of (self, r), area));
      confidence = MIN (confidence, r->confidence);
    }

  /* one country and none to pair it with: somewhere along its borders */
  if (sides->len == 1)
    {
      ChronomapGeocodeResult *side = g_ptr_array_index (results, 0);

      if (side->precision != CHRONOMAP_PRECISION_COUNTRY)
        return NULL;

      lat = side->latitude;
      lon = side->longitude;
      confidence = MIN (confidence, 0.4);
    }

  for (guint a = 0; a < points->len; a++)
    for (guint b = a + 1; b < points->len; b++)
      {
        GArray *pa = g_ptr_array_index (points, a);
        GArray *pb = g_ptr_array_index (points, b);
        guint64 pairs = (guint64) (pa->len / 2) * (pb->len / 2);
        guint step = pairs > BORDER_MAX_PAIRS ? (guint) (pairs / BORDER_MAX_PAIRS) + 1 : 1;

        for (guint i = 0; i + 1 < pa->len; i += 2 * (pa->len >= pb->len ? step : 1))
          {
            double alat = g_array_index (pa, double, i);
            double alon = g_array_index (pa, double, i + 1);
            double k = cos (alat * G_PI / 180);

            for (guint j = 0; j + 1 < pb->len; j += 2 * (pa->len >= pb->len ? 1 : step))
              {
                double blat = g_array_index (pb, double, j);
                double blon = g_array_index (pb, double, j + 1);
                /* squared degrees, east-west shrunk: enough to compare */
                double d = (alat - blat) * (alat - blat) +
                           (alon - blon) * (alon - blon) * k * k;

                if (d < best && !(alat == blat && alon == blon))
                  {
                    best = d;
                    lat = (alat + blat) / 2;
                    lon = (alon + blon) / 2;
                  }
              }
          }
      }
  if (isnan (lat))
    return NULL;

  return between_result (query, lat, lon, 0.6 * confidence, g_ptr_array_index (results, 0), results);
}

/* How far from a river the place or area it is named with may lie for
 * the river to be put there: a governorate's point can lie well off the
 * river that crosses it. */
#define RIVER_REACH_KM 60.0

static double
river_reach (const Area *area)
{
  return MAX (RIVER_REACH_KM, 2 * area->reach);
}

/* How far @c, a river with a course, passes from @area's point, and the
 * point of its course nearest it; NAN for a place or a river without
 * one. */
static double
river_km (const Candidate *c,
          const Area      *area,
          double          *out_lat,
          double          *out_lon)
{
  const GazEntry *e = &c->file->entries[c->entry];
  ChronomapRivers *rivers;
  double lat, lon, km;

  if (e->precision != CHRONOMAP_PRECISION_RIVER || area == NULL || isnan (area->lat) ||
      (rivers = chronomap_rivers_get_default ()) == NULL ||
      !chronomap_rivers_nearest (rivers, gaz_string (c->file, e->id_off), area->lat, area->lon,
                                 &lat, &lon, &km))
    return NAN;
  if (out_lat != NULL)
    *out_lat = lat;
  if (out_lon != NULL)
    *out_lon = lon;
  return km;
}

/* Is @best, the best-scored place of the name, so far outside @area, the
 * event's, that the name is some other village's and the area is all that is
 * known?  A river is as far as its course passes.  One found as written is kept
 * when only its locator ("(Hayyan)") disagrees, and when it is a city of the
 * event's country ("Aleppo" said to be in Nineveh is still Aleppo: the area is
 * the mistake, not an unknown village of the name), but for a district and its
 * province that agree ("Al Hamah suburb" in Qudsaya district of Rif Dimashq is
 * no part of Hama, 180 km off).  A city abroad is not: "Arak gas field" in Homs
 * is not by Arak in Iran.  Nor is a name spelled otherwise that its gazetteer
 * files in another province, however near: "Matta" in Khyber Pakhtunkhwa is
 * not Mitha Tiwana in Punjab. */
static gboolean
area_instead (ChronomapGeocoder *self,
              const Candidate   *best,
              const Area        *area,
              gboolean           is_locator,
              const char        *hint)
{
  const GazEntry *e = &best->file->entries[best->entry];
  double km = river_km (best, area, NULL, NULL);

  /* a river runs through the area, wherever its one point is */
  if (!isnan (km))
    return km > river_reach (area);
  if (!not_of_area (self, best, area) || (is_locator && best->q >= 0.9))
    return FALSE;
  /* a city of the event's country, but not across a district's province */
  return !(best->q >= EXACT_QUALITY && is_city (e) &&
           (hint == NULL || in_country (self, e, hint)) &&
           !(area->district && admin1_relation (self, best->file, e, area) < 0));
}

/* A river named among a data set's places, with no place or area of its
 * own, is put on its course where it passes nearest one of them; it stays
 * at its one point when it has no course or passes none of them near. */
static void
put_on_river_by_context (ChronomapGeocoder      *self,
                         ChronomapGeocodeResult *result)
{
  ChronomapRivers *rivers;
  double best_km = G_MAXDOUBLE, best_lat = NAN, best_lon = NAN;

  if (result->precision != CHRONOMAP_PRECISION_RIVER || result->entry == NULL ||
      self->context->len == 0 || (rivers = chronomap_rivers_get_default ()) == NULL)
    return;

  for (guint i = 0; i + 1 < self->context->len; i += 2)
    {
      double lat, lon, km;

      if (chronomap_rivers_nearest (rivers, result->entry->id,
                                    g_array_index (self->context, double, i),
                                    g_array_index (self->context, double, i + 1),
                                    &lat, &lon, &km) && km < best_km)
        {
          best_km = km;
          best_lat = lat;
          best_lon = lon;
        }
    }
  if (best_km > RIVER_REACH_KM)
    return;
  result->latitude = best_lat;
  result->longitude = best_lon;
}

/* Whether a town other than @best, more than SAME_PLACE_KM away and in
 * the @hint country if there is one, matches the name as well and has at
 * least a third of @best's population. */
static gboolean
namesake_as_likely (ChronomapGeocoder  *self,
                    const CandidateSet *set,
                    const Candidate    *best,
                    const char         *hint)
{
  const GazEntry *b = &best->file->entries[best->entry];

  if (b->precision != CHRONOMAP_PRECISION_PLACE)
    return FALSE;
  for (guint i = 0; i < set->n; i++)
    {
      const Candidate *c = &set->c[i];
      const GazEntry *e = &c->file->entries[c->entry];

      /* the cheap tests first: this runs for most lookups */
      if (c == best || c->q + 0.01 < best->q || e->precision != b->precision ||
          (guint64) e->population * 3 < b->population)
        continue;
      if ((hint == NULL || in_country (self, e, hint)) &&
          chronomap_geo_distance_km (entry_lat (b), entry_lon (b), entry_lat (e), entry_lon (e)) > SAME_PLACE_KM)
        return TRUE;
    }
  return FALSE;
}

/* Does @query say in so many words that its place lies by the one its
 * locator @locator_text names: "Tall Tawil (Tall Tamr area)", "X near
 * Y"?  A bare "(Y)" may name the field or district X is in, and a
 * compass word ("in north Kashmir") says less. */
static gboolean
says_by (const char *query,
         const char *locator_text)
{
  g_autofree char *lower = g_ascii_strdown (locator_text, -1);
  g_autofree char *query_lower = g_ascii_strdown (query, -1);

  g_strchomp (lower);
  return g_str_has_suffix (lower, " area") || g_str_has_suffix (lower, " areas") ||
         strstr (query_lower, " near ") != NULL;
}

/* A locator this populous says "(Aleppo area)" of its countryside,
 * which reaches this far. */
#define CITY_AREA_POPULATION 100000
#define CITY_AREA_REACH 75.0

/* Is @c, found for a name its locator says lies by it, a namesake beyond
 * the locator's reach, that the locator is a better guess than?  Not a
 * town of some size or a district's seat of the country, which the name
 * means whatever the locator: "Kobani near Tal Abyad" is Kobani. */
static gboolean
namesake_beyond (ChronomapGeocoder *self,
                 const Candidate   *c,
                 const Area        *locator,
                 const char        *hint)
{
  const GazEntry *e = &c->file->entries[c->entry];

  return outside_area (self, c, locator) &&
         !(c->q >= EXACT_QUALITY && (is_city (e) || e->rank >= 4 || e->population >= 20000) &&
           (hint == NULL || in_country (self, e, hint)));
}

/* How far from a place named as a locator ("X near Y", "X (Y)") X may be:
 * UCDP's "near" is within 25 km. */
#define LOCATOR_REACH 30.0

static ChronomapGeocodeResult *
geocode (ChronomapGeocoder *self,
         const char        *query,
         const char        *hint,
         const char        *admin1)
{
  ChronomapGeocodeResult *result = result_new (query);
  g_autoptr(GPtrArray) primary = NULL;
  g_autoptr(GPtrArray) fallback = NULL;
  g_auto(NameKeys) query_keys = { NULL, NULL };   /* @query's, when looked up whole */
  CandidateSet set_storage;
  CandidateSet *set = &set_storage;
  const Area *area;
  Area locator = { NAN, NAN, 0, NULL, NAN, NAN, "", NULL, FALSE, NAN, NAN, 0, NAN, NAN, NULL };
  g_autoptr(ChronomapGazetteerEntry) locator_entry = NULL;
  gboolean locator_is_area = FALSE;
  const Candidate *best;
  double river, river_lat = NAN, river_lon = NAN;
  double second = -G_MAXDOUBLE;
  double margin;
  double confidence;
  char hint_cc[3] = { 0 };

  if (query == NULL || query[0] == '\0' || strlen (query) > CHRONOMAP_NAME_MAX_BYTES)
    return result;

  hint = country_code (hint, hint_cc);

  /* "10 km north of Raqqa": so far from Raqqa, that way */
  {
    ChronomapGeocodeResult *offset = geocode_offset (self, query, hint, admin1);

    if (offset != NULL)
      {
        chronomap_geocode_result_free (result);
        return offset;
      }
  }

  /* a road between two places is at neither: UCDP puts it in the middle */
  {
    g_autoptr(GPtrArray) ends = route_ends (query);

    if (ends != NULL)
      {
        ChronomapGeocodeResult *route = geocode_route (self, query, ends, hint, admin1);

        if (route != NULL)
          {
            chronomap_geocode_result_free (result);
            return route;
          }
      }
  }

  /* a border is between its sides, at neither */
  {
    g_autofree char *rest = NULL;
    g_autoptr(GPtrArray) sides = border_sides (query, &rest);

    if (sides != NULL)
      {
        ChronomapGeocodeResult *border = geocode_border (self, query, sides, hint,
                                                         admin1 != NULL && admin1[0] != '\0' ?
                                                         admin1 : rest);

        if (border != NULL)
          {
            chronomap_geocode_result_free (result);
            return border;
          }
      }
  }


  /* on the stack and not cleared: only the first n are ever read */
  set->n = 0;
  set->flags = CHRONOMAP_NAME_NONE;
  set->within = NULL;
  set->named = FALSE;
  primary = g_ptr_array_new_with_free_func (g_free);
  fallback = g_ptr_array_new_with_free_func (g_free);
  query_variants (query, primary, fallback);

  for (guint i = 0; i < primary->len; i++)
    gather_name (self, g_ptr_array_index (primary, i), 1.0, hint, set,
                 i == 0 && strcmp (g_ptr_array_index (primary, 0), query) == 0 ? &query_keys : NULL);
  prune_abroad (self, set, hint);
  if (set->n == 0)
    for (guint i = 0; i < fallback->len; i++)
      gather_name (self, g_ptr_array_index (fallback, i), 0.7, hint, set, NULL);
  prune_abroad (self, set, hint);

  area = area_point (self, admin1, hint);

  /* "Taybah farms (Mayadin)", "Abu Naytal (Farraj) village", "X near Y":
   * the other name says where to look, more closely than a district
   * does when it is a place, and when it is itself sure ("(Hayyan)" is
   * one of several). */
  if (fallback->len > 0 && primary->len > 0)
    {
      g_autoptr(ChronomapGeocodeResult) r = geocode (self, g_ptr_array_index (fallback, 0),
                                                      hint, admin1);

      if (r->resolved && r->confidence >= CONFIDENT &&
          (r->precision == CHRONOMAP_PRECISION_PLACE || r->precision == CHRONOMAP_PRECISION_OTHER ||
           (r->precision == CHRONOMAP_PRECISION_ADMIN && (area == NULL || isnan (area->lat)))))
        {
          locator.lat = r->latitude;
          locator.lon = r->longitude;
          locator.reach = r->precision == CHRONOMAP_PRECISION_ADMIN ? 150 : LOCATOR_REACH;
          locator_entry = g_steal_pointer (&r->entry);
          locator.entry = locator_entry;
          area = &locator;
          /* "X (Y area)", "X near Y" say that X lies by Y: a place of
           * X's name beyond the locator's reach is a namesake, however
           * well spelled, and Y the better guess.  A bare "(Y)" may name
           * the field or district X is in, and says less. */
          locator_is_area = says_by (query, g_ptr_array_index (fallback, 0));
          /* "(Aleppo area)" is the city's countryside, not its streets */
          if (locator_is_area && locator.reach == LOCATOR_REACH &&
              locator_entry->population >= CITY_AREA_POPULATION)
            locator.reach = CITY_AREA_REACH;
        }
    }

  if (set->n > 0)
    {
      score_candidates (self, set, hint, area);
      qsort (set->c, set->n, sizeof (Candidate), compare_candidates);
    }

  /* named as a province, a state, a region, of which the gazetteers have
   * a town at best: the area its places outline */
  if ((set->flags & CHRONOMAP_NAME_ADMIN) && !(set->flags & CHRONOMAP_NAME_DISTRICT) &&
      (set->n == 0 || set->c[0].q < EXACT_QUALITY ||
       (set->c[0].file->entries[set->c[0].entry].precision != CHRONOMAP_PRECISION_ADMIN &&
        set->c[0].file->entries[set->c[0].entry].precision != CHRONOMAP_PRECISION_COUNTRY)))
    {
      ChronomapGeocodeResult *admin = geocode_admin1 (self, query, &query_keys, hint, TRUE);

      if (admin != NULL)
        {
          chronomap_geocode_result_free (result);
          return admin;
        }
    }
  /* And named bare, when no place of the area's country is spelled so:
   * "Tigray" and "Kachin" are those states, not El Tigre in Venezuela
   * or Caşin in Romania; but "Raqqa" is still the city. */
  else if (!(set->flags & (CHRONOMAP_NAME_PLACE | CHRONOMAP_NAME_ADMIN | CHRONOMAP_NAME_RIVER)) &&
           may_name_admin1 (self, query, &query_keys) &&
           (set->n == 0 || set->c[0].q < AS_WRITTEN_QUALITY || outweighed_by_area (self, query, &set->c[0])))
    {
      ChronomapGeocodeResult *admin = geocode_admin1 (self, query, &query_keys, hint, FALSE);

      if (admin != NULL &&
          (set->n == 0 || set->c[0].q < EXACT_QUALITY || outweighed_by_area (self, query, &set->c[0]) ||
           memcmp (set->c[0].file->entries[set->c[0].entry].country, admin->entry->country, 2) != 0))
        {
          guint listed;

          /* the gazetteer's own entry of the area, when it has one */
          for (listed = 0; listed < set->n; listed++)
            {
              const GazEntry *e = &set->c[listed].file->entries[set->c[listed].entry];

              if (e->precision == CHRONOMAP_PRECISION_ADMIN && set->c[listed].q >= EXACT_QUALITY &&
                  memcmp (e->country, admin->entry->country, 2) == 0)
                break;
            }
          if (listed == set->n)
            {
              chronomap_geocode_result_free (result);
              return admin;
            }
          /* first, and as sure as that entry would be of the name alone */
          set->c[listed].score = set->c[0].score + 0.25;
          candidate_to_front (set, listed);
        }
      g_clear_pointer (&admin, chronomap_geocode_result_free);
    }

  /* The name not as written in the event's area: a UCDP coder would
   * look there for a village spelled further apart ("Kafarya" for
   * Kafraya, "Hakoura" for Hakura) before taking a namesake across the
   * country, or one spelled alike nearby (Kafriyah). */
  if (area != NULL && !isnan (area->lat) &&
      (set->n == 0 || outside_area (self, &set->c[0], area) || set->c[0].q < EXACT_QUALITY))
    {
      CandidateSet wide;

      /* apart, so that only those in the area join the others */
      wide.n = 0;
      wide.flags = CHRONOMAP_NAME_NONE;
      wide.within = area;
      wide.named = FALSE;
      for (guint i = 0; i < primary->len; i++)
        gather_wide (self, g_ptr_array_index (primary, i), 0.95, &wide);
      keep_in_area (self, &wide, 0, area);
      prune_abroad (self, &wide, hint);
      /* and places there named by a part of the name, or by more */
      for (guint i = 0; i < primary->len; i++)
        {
          g_autofree char *stripped = NULL;

          chronomap_normalize_name_pair (g_ptr_array_index (primary, i), NULL, &stripped, NULL);
          if (stripped == NULL)
            continue;
          gather_local (self, stripped, area, hint, 0.95, &wide);
        }
      if (wide.n > 0)
        {
          for (guint i = 0; i < wide.n; i++)
            candidate_add (set, wide.c[i].file, wide.c[i].entry, wide.c[i].q);
          score_candidates (self, set, hint, area);
          qsort (set->c, set->n, sizeof (Candidate), compare_candidates);
        }
    }

  /* The best scored far outside the area, but a place in it named in
   * part as the event's is: that one ("Shire town" in Tigray is Shire
   * Inda Silase there, not Sire in Oromia). */
  if (set->n > 0 && area != NULL && !isnan (area->lat) && area->entry != NULL &&
      area_distance (self, &set->c[0], area) > 2 * area->reach)
    for (guint i = 1; i < set->n; i++)
      if (set->c[i].q >= IN_AREA_MIN_QUALITY && area_distance (self, &set->c[i], area) <= area->reach)
        {
          candidate_to_front (set, i);
          break;
        }

  /* Every place of the name lies far outside the area the data set puts the
   * event in (area_instead()), or the name is found nowhere: the area is all
   * that is known, as UCDP codes an event it can place only in a district
   * ("Tanak oil field", Al Mayadin district).  The event goes there as a guess,
   * less sure when the name is found nowhere, so that it is on the map in its
   * district and among the places to check, rather than off the map: to a
   * district's seat, or a province's capital, where its people and its events
   * are, rather than the middle of its land (Tadmur district's lies deep in
   * the desert).  With no area, a name found nowhere stays unresolved, and so
   * does one that names no place ("Unknown", "the army"), area or not. */
  if (area != NULL && !isnan (area->lat) && area->entry != NULL &&
      (set->n == 0 ? set->named :
       locator_is_area && area == &locator && isnan (river_km (&set->c[0], area, NULL, NULL)) ?
       namesake_beyond (self, &set->c[0], area, hint) :
       area_instead (self, &set->c[0], area, area == &locator, hint)))
    {
      result->resolved = TRUE;
      /* a district that only its seat stands for, named as the data set
       * names it: "Albu Kamal district", not the town */
      if (area->district_name != NULL && area->entry->precision == CHRONOMAP_PRECISION_PLACE)
        {
          ChronomapGazetteerEntry fields = *area->entry;

          fields.name = area->district_name;
          fields.precision = CHRONOMAP_PRECISION_ADMIN;
          result->entry = gaz_entry_pack (&fields);
        }
      else
        result->entry = chronomap_gazetteer_entry_copy (area->entry);
      result->latitude = area->lat;
      result->longitude = area->lon;
      if (!isnan (area->seat_lat))
        {
          result->latitude = area->seat_lat;
          result->longitude = area->seat_lon;
        }
      else if (!area->district && area != &locator && !isnan (area->capital_lat) &&
               area->entry->precision == CHRONOMAP_PRECISION_ADMIN)
        {
          result->latitude = area->capital_lat;
          result->longitude = area->capital_lon;
        }
      /* an area, though its point were its seat's */
      result->precision = area == &locator ? area->entry->precision : CHRONOMAP_PRECISION_ADMIN;
      result->confidence = set->n > 0 ? AREA_INSTEAD_CONFIDENCE : AREA_ONLY_CONFIDENCE;
      result->near = TRUE;
      result->area_only = TRUE;
      for (guint i = 0; i < set->n && result->alternatives->len < MAX_ALTERNATIVES; i++)
        {
          ChronomapGeocodeAlternative *alt = g_new0 (ChronomapGeocodeAlternative, 1);

          alt->entry = entry_from (self, &set->c[i]);
          alt->score = set->c[i].score;
          g_ptr_array_add (result->alternatives, alt);
        }
      return result;
    }

  if (set->n == 0)
    return result;
  best = &set->c[0];

  for (guint i = 1; i < set->n; i++)
    {
      const GazEntry *a = &best->file->entries[best->entry];
      const GazEntry *b = &set->c[i].file->entries[set->c[i].entry];

      if (chronomap_geo_distance_km (entry_lat (a), entry_lon (a),
                                     entry_lat (b), entry_lon (b)) > SAME_PLACE_KM)
        {
          second = set->c[i].score;
          break;
        }
    }

  /* Sure when the match was good and no other place came close. */
  margin = second > -G_MAXDOUBLE ? best->score - second : 1.0;
  confidence = best->q * (0.55 + 0.45 * CLAMP (margin / 0.25, 0.0, 1.0));
  if (set->flags & CHRONOMAP_NAME_NEAR)
    confidence *= 0.9;
  if (hint != NULL)
    {
      const GazEntry *e = &best->file->entries[best->entry];

      /* outside the country the data set gives: always a guess to check */
      if (!in_country (self, e, hint))
        confidence *= 0.45;
    }
  /* nothing to choose by but rank or a little population: another town
   * as well named, about as big and far away ("Springfield", or two
   * villages of one name in the hinted country).  The analyst has to
   * check. */
  if (confidence > 0.45 && (area == NULL || isnan (area->lat)) && namesake_as_likely (self, set, best, hint))
    confidence = MIN (confidence, 0.45);
  /* a spelling only like the name's, with nothing to say where to look:
   * a guess among the world's places of such names */
  if (best->q < EXACT_QUALITY && hint == NULL && (area == NULL || isnan (area->lat)) &&
      self->context->len == 0)
    confidence *= 0.7;
  /* a spelling only like the name's, of a place the gazetteer puts in
   * another governorate than the event's: a namesake next door ("Al
   * Lataminah" in Hama is not At Tamani'ah in Idlib), to be checked */
  if (best->q < EXACT_QUALITY && area != NULL && area != &locator && area->entry != NULL &&
      other_admin1 (best, area->entry))
    confidence = MIN (confidence, 0.45);
  /* A river named with a place or an area ("Euphrates river near
   * Kobane", with Ar Raqqah Governorate) is put on its course where it
   * passes nearest them, when it passes near; NAN for a place. */
  river = river_km (best, area, &river_lat, &river_lon);
  if (!isnan (river) && river > river_reach (area))
    river = NAN;
  /* kept though the event's area says otherwise (a locator, "Euphrates
   * river near Kobane", only says where along it), and not crossed by it */
  if (area != NULL && area != &locator && !isnan (area->lat) && isnan (river) &&
      area_distance (self, best, area) > 2 * area->reach)
    confidence *= 0.6;

  result->resolved = TRUE;
  result->entry = entry_from (self, best);
  result->latitude = result->entry->latitude;
  result->longitude = result->entry->longitude;
  result->precision = result->entry->precision;
  result->confidence = CLAMP (confidence, 0.01, 1.0);
  result->near = (set->flags & CHRONOMAP_NAME_NEAR) != 0;
  if (!isnan (river))
    {
      result->latitude = river_lat;
      result->longitude = river_lon;
    }
  else if (area == NULL || isnan (area->lat))
    put_on_river_by_context (self, result);

  for (guint i = 1; i < set->n && result->alternatives->len < MAX_ALTERNATIVES; i++)
    {
      ChronomapGeocodeAlternative *alt = g_new0 (ChronomapGeocodeAlternative, 1);

      alt->entry = entry_from (self, &set->c[i]);
      alt->score = set->c[i].score;
      g_ptr_array_add (result->alternatives, alt);
    }

  return result;
}

/* The fold of a name's key, qualifiers removed; %NULL when none is left. */
static char *
fold_of_name (const char *name)
{
  g_autofree char *key = chronomap_normalize_name (name, TRUE, NULL);

  return key != NULL ? chronomap_normalize_fold (key) : NULL;
}

/* Is @name, compass word and all, one of @entry's names ("West Bank" of
 * Palestine, "North Korea")? */
static gboolean
is_name_of (ChronomapGeocoder             *self,
            const char                    *name,
            const ChronomapGazetteerEntry *entry)
{
  GPtrArray *files = chronomap_gazetteer_get_files (self->gazetteer);
  g_autofree char *key = chronomap_normalize_name (name, FALSE, NULL);

  if (key == NULL)
    return FALSE;
  for (guint f = 0; f < files->len; f++)
    {
      const GazFile *file = g_ptr_array_index (files, f);
      gint32 k;
      guint32 start, end;

      if (g_strcmp0 (file->label, entry->source) != 0 || (k = gaz_file_lookup_norm (file, key)) < 0)
        continue;
      norm_key_postings (file, (guint32) k, &start, &end);
      for (guint32 p = start; p < end; p++)
        {
          guint32 i = file->norm_postings[p] >> 2;

          if (i < file->header->n_entries &&
              g_strcmp0 (gaz_string (file, file->entries[i].id_off), entry->id) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* Fewest places an area must have for its parts to be told apart. */
#define COMPASS_MIN_PLACES 3

/* "Northern Aleppo Governorate", "Northwestern Syria": the part of the
 * area the compass word points to, as the middle of that half of the
 * area's own places (a governorate's, from the gazetteer's first-order
 * areas; a country's, all of them), rather than the area's point.  Only
 * when the word is no part of the area's name, and the name without it
 * is the same area: "North Korea" is not the north of Korea. */
static void
move_to_part (ChronomapGeocoder      *self,
              ChronomapGeocodeResult *result,
              const char             *hint,
              const char             *admin1)
{
  GPtrArray *files = chronomap_gazetteer_get_files (self->gazetteer);
  g_autofree char *query_fold = NULL;
  g_autofree char *entry_fold = NULL;
  gboolean country = result->precision == CHRONOMAP_PRECISION_COUNTRY;
  double sum_lat = 0, sum_lon = 0;
  double min_lat = G_MAXDOUBLE, max_lat = -G_MAXDOUBLE;
  double min_lon = G_MAXDOUBLE, max_lon = -G_MAXDOUBLE;
  double lat, lon;
  guint n = 0;
  int north, east;
  const char *rest;

  if (!result->resolved || result->area_only || result->entry == NULL ||
      result->entry->country[0] == '\0' ||
      (!country && result->precision != CHRONOMAP_PRECISION_ADMIN) ||
      !compass_of (result->query, &north, &east, &rest) ||
      is_name_of (self, result->query, result->entry))
    return;

  {
    g_autoptr(ChronomapGeocodeResult) whole = geocode (self, rest, hint, admin1);

    /* (the same area, though two gazetteers have it: Who's On First's
     * ids are the bundled supplement's) */
    if (!whole->resolved || whole->entry == NULL ||
        g_strcmp0 (whole->entry->id, result->entry->id) != 0 ||
        g_strcmp0 (whole->entry->country, result->entry->country) != 0)
      return;
  }

  query_fold = fold_of_name (result->query);
  entry_fold = fold_of_name (result->entry->name);

  for (guint f = 0; f < files->len; f++)
    {
      const GazFile *file = g_ptr_array_index (files, f);
      g_autoptr(GHashTable) inside = g_hash_table_new (NULL, NULL);   /* admin1 offset -> 1 in, 2 out */

      for (guint32 i = 0; i < file->header->n_entries; i++)
        {
          const GazEntry *e = &file->entries[i];
          double elat, elon;

          if (e->precision != CHRONOMAP_PRECISION_PLACE ||
              e->country[0] != result->entry->country[0] ||
              e->country[1] != result->entry->country[1])
            continue;
          if (!country)
            {
              gpointer key = GUINT_TO_POINTER (e->admin1_off + 1);
              guint in = GPOINTER_TO_UINT (g_hash_table_lookup (inside, key));

              if (in == 0)
                {
                  const char *area = gaz_string (file, e->admin1_off);
                  g_autofree char *fold = area[0] != '\0' ? fold_of_name (area) : NULL;

                  in = fold != NULL && (g_strcmp0 (fold, query_fold) == 0 ||
                                        g_strcmp0 (fold, entry_fold) == 0) ? 1 : 2;
                  g_hash_table_insert (inside, key, GUINT_TO_POINTER (in));
                }
              if (in != 1)
                continue;
            }
          elat = entry_lat (e);
          elon = entry_lon (e);
          sum_lat += elat;
          sum_lon += elon;
          min_lat = MIN (min_lat, elat);
          max_lat = MAX (max_lat, elat);
          min_lon = MIN (min_lon, elon);
          max_lon = MAX (max_lon, elon);
          n++;
        }
    }
  if (n < COMPASS_MIN_PLACES)
    return;

  /* the middle of the half: halfway from the middle to the edge */
  lat = sum_lat / n;
  lon = sum_lon / n;
  lat += north > 0 ? (max_lat - lat) / 2 : north < 0 ? (min_lat - lat) / 2 : 0;
  lon += east > 0 ? (max_lon - lon) / 2 : east < 0 ? (min_lon - lon) / 2 : 0;

  result->latitude = lat;
  result->longitude = lon;
  result->near = TRUE;
}

/* geocode(), and a compass word's part of an area. */
static ChronomapGeocodeResult *
geocode_part (ChronomapGeocoder *self,
              const char        *query,
              const char        *hint,
              const char        *admin1)
{
  ChronomapGeocodeResult *result = geocode (self, query, hint, admin1);

  move_to_part (self, result, hint, admin1);
  return result;
}

static void
chronomap_geocoder_finalize (GObject *object)
{
  ChronomapGeocoder *self = (ChronomapGeocoder *) object;

  g_clear_object (&self->gazetteer);
  g_clear_pointer (&self->context, g_array_unref);
  g_clear_pointer (&self->density, g_hash_table_unref);
  g_clear_pointer (&self->areas, g_hash_table_unref);
  g_clear_pointer (&self->local, g_ptr_array_unref);
  g_clear_pointer (&self->initials, g_ptr_array_unref);
  g_clear_pointer (&self->country_points, g_hash_table_unref);
  g_clear_pointer (&self->admin1_anywhere, g_hash_table_unref);
  g_clear_pointer (&self->admin1_renamed, g_hash_table_unref);
  g_clear_pointer (&self->admin1_stripped, g_hash_table_unref);
  g_clear_pointer (&self->admin1_extents, g_hash_table_unref);
  g_clear_pointer (&self->admin1_keys, g_hash_table_unref);

  G_OBJECT_CLASS (chronomap_geocoder_parent_class)->finalize (object);
}

static void
chronomap_geocoder_class_init (ChronomapGeocoderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronomap_geocoder_finalize;
}

static void
chronomap_geocoder_init (ChronomapGeocoder *self)
{
  self->context = g_array_new (FALSE, FALSE, sizeof (double));
  self->density = g_hash_table_new (NULL, NULL);
  self->areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, area_free);
  self->local = g_ptr_array_new_with_free_func (local_index_free);
  self->initials = g_ptr_array_new_with_free_func (initials_free);
  self->country_points = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_array_unref);
  self->admin1_extents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_hash_table_unref);
  self->admin1_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* keys and values are admin1_extents' */
  self->admin1_anywhere = g_hash_table_new (g_str_hash, g_str_equal);
  self->admin1_renamed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->admin1_stripped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * chronomap_geocoder_new:
 * @gazetteer: the gazetteer to search
 *
 * Returns: (transfer full): a geocoder with an empty context
 */
ChronomapGeocoder *
chronomap_geocoder_new (ChronomapGazetteer *gazetteer)
{
  ChronomapGeocoder *self;

  g_return_val_if_fail (CHRONOMAP_IS_GAZETTEER (gazetteer), NULL);

  self = g_object_new (CHRONOMAP_TYPE_GEOCODER, NULL);
  self->gazetteer = g_object_ref (gazetteer);
  return self;
}

/**
 * chronomap_geocoder_get_gazetteer:
 * @self: a geocoder
 *
 * Returns: (transfer none): its gazetteer
 */
ChronomapGazetteer *
chronomap_geocoder_get_gazetteer (ChronomapGeocoder *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_GEOCODER (self), NULL);
  return self->gazetteer;
}

/**
 * chronomap_geocoder_add_context:
 * @self: a geocoder
 * @latitude: degrees
 * @longitude: degrees
 *
 * Adds a place known to belong to the data set being geocoded: candidates
 * near the context are preferred.
 */
void
chronomap_geocoder_add_context (ChronomapGeocoder *self,
                                double             latitude,
                                double             longitude)
{
  g_return_if_fail (CHRONOMAP_IS_GEOCODER (self));

  if (!isfinite (latitude) || !isfinite (longitude))
    return;
  g_array_append_val (self->context, latitude);
  g_array_append_val (self->context, longitude);
}

/**
 * chronomap_geocoder_clear_context:
 * @self: a geocoder
 */
void
chronomap_geocoder_clear_context (ChronomapGeocoder *self)
{
  g_return_if_fail (CHRONOMAP_IS_GEOCODER (self));
  g_array_set_size (self->context, 0);
}

/**
 * chronomap_geocoder_geocode:
 * @self: a geocoder
 * @query: a place name as written; any text is accepted
 * @country_hint: (nullable): ISO 3166-1 alpha-2 code of the country it is in
 *
 * Resolves one name.  Safe to call from one thread at a time per geocoder.
 *
 * Returns: (transfer full): the result, resolved or not, never %NULL
 */
ChronomapGeocodeResult *
chronomap_geocoder_geocode (ChronomapGeocoder *self,
                            const char        *query,
                            const char        *country_hint)
{
  g_return_val_if_fail (CHRONOMAP_IS_GEOCODER (self), NULL);

  return geocode_part (self, query, country_hint, NULL);
}

/**
 * chronomap_geocoder_geocode_in:
 * @self: a geocoder
 * @query: a place name as written; any text is accepted
 * @country_hint: (nullable): ISO 3166-1 alpha-2 code of the country it is in
 * @admin1_hint: (nullable): the first-order area it is in, as a data set
 *   names it ("Aleppo Governorate"), or a district within one
 *   ("Jabal Saman district, Aleppo Governorate"; see
 *   chronomap_geocoder_area_hint())
 *
 * Like chronomap_geocoder_geocode(), preferring places in @admin1_hint.
 *
 * Returns: (transfer full): the result, resolved or not, never %NULL
 */
ChronomapGeocodeResult *
chronomap_geocoder_geocode_in (ChronomapGeocoder *self,
                               const char        *query,
                               const char        *country_hint,
                               const char        *admin1_hint)
{
  g_return_val_if_fail (CHRONOMAP_IS_GEOCODER (self), NULL);

  return geocode_part (self, query, country_hint, admin1_hint);
}

/**
 * chronomap_geocoder_nearest_place:
 * @self: a geocoder
 * @latitude: a point's latitude
 * @longitude: a point's longitude
 * @max_km: how far to look
 * @out_km: (out) (optional): how far the place is from the point
 *
 * The populated place of the gazetteers nearest a point, to say where
 * coordinates typed or read off another map are ("2 km from Al-Baghuz
 * Fawqani, Deir ez-Zor, Syria"), so that a latitude and a longitude
 * swapped show at once.  Of two places equally near, the larger.
 *
 * Returns: (transfer full) (nullable): the place, or %NULL when none is
 *   within @max_km
 */
ChronomapGazetteerEntry *
chronomap_geocoder_nearest_place (ChronomapGeocoder *self,
                                  double             latitude,
                                  double             longitude,
                                  double             max_km,
                                  double            *out_km)
{
  GPtrArray *files;
  Candidate best = { NULL, 0, 0, 0 };
  double best_km = G_MAXDOUBLE;
  /* a cheap box first: a degree of latitude is 111 km, of longitude less */
  double dlat = max_km / 111.0 + 1e-6;
  double dlon = dlat / MAX (cos (latitude * G_PI / 180), 0.01);

  g_return_val_if_fail (CHRONOMAP_IS_GEOCODER (self), NULL);

  if (!isfinite (latitude) || !isfinite (longitude) || !(max_km > 0))
    return NULL;
  files = chronomap_gazetteer_get_files (self->gazetteer);
  for (guint f = 0; f < files->len; f++)
    {
      const GazFile *file = g_ptr_array_index (files, f);

      for (guint32 i = 0; i < file->header->n_entries; i++)
        {
          const GazEntry *e = &file->entries[i];
          double d;

          if (e->precision != CHRONOMAP_PRECISION_PLACE ||
              fabs (entry_lat (e) - latitude) > dlat ||
              fabs (remainder (entry_lon (e) - longitude, 360.0)) > dlon)
            continue;
          d = chronomap_geo_distance_km (latitude, longitude, entry_lat (e), entry_lon (e));
          if (d > max_km)
            continue;
          /* within a hundred metres, the larger place names the spot */
          if (best.file == NULL || d < best_km - 0.1 ||
              (d < best_km + 0.1 && e->population > best.file->entries[best.entry].population))
            {
              best = (Candidate) { file, i, 0, 0 };
              best_km = d;
            }
        }
    }
  if (best.file == NULL)
    return NULL;
  if (out_km != NULL)
    *out_km = best_km;
  return entry_from (self, &best);
}

/* A gazetteer file's folded names by their first byte, for completion:
 * what begins so is looked for among a twentieth of them. */
typedef struct
{
  const GazFile *file;
  guint32        start[257];   /* byte -> where its keys start in keys */
  guint32       *keys;         /* fold key indexes */
} Initials;

static void
initials_free (gpointer data)
{
  Initials *initials = data;

  g_free (initials->keys);
  g_free (initials);
}

static const Initials *
initials_of (ChronomapGeocoder *self,
             const GazFile     *file)
{
  Initials *initials;
  guint32 n = file->header->n_fold_keys;
  guint32 fill[256];

  for (guint i = 0; i < self->initials->len; i++)
    {
      initials = g_ptr_array_index (self->initials, i);
      if (initials->file == file)
        return initials;
    }

  initials = g_new0 (Initials, 1);
  initials->file = file;
  initials->keys = g_new (guint32, MAX (n, 1));
  for (guint32 k = 0; k < n; k++)
    initials->start[(guchar) gaz_string (file, file->fold_keys[k].str_off)[0] + 1]++;
  for (guint b = 1; b <= 256; b++)
    initials->start[b] += initials->start[b - 1];
  memcpy (fill, initials->start, sizeof fill);
  for (guint32 k = 0; k < n; k++)
    initials->keys[fill[(guchar) gaz_string (file, file->fold_keys[k].str_off)[0]]++] = k;
  g_ptr_array_add (self->initials, initials);
  return initials;
}

/* How a completion ranks: the hinted country's places first, then those
 * whose own name begins so, then the larger and more important. */
static double
completion_score (const GazEntry *e,
                  gboolean        in_country,
                  gboolean        own_name)
{
  return (in_country ? 10 : 0) + (own_name ? 3 : 0) +
         MIN (e->rank, 7) / 7.0 + log10 (1.0 + e->population) / 7.0;
}

/**
 * chronomap_geocoder_complete:
 * @self: a geocoder
 * @text: the beginning of a place's name, as typed ("Bagh")
 * @country: (nullable): ISO 3166-1 alpha-2 code of the country whose
 *   places come first
 * @max_results: the most places to give
 *
 * The places one of whose names begins as @text does, spelled any way
 * the geocoder takes as the same ("Raqq" finds Ar Raqqah by its name
 * "Raqqa"): for a search field, as the analyst types.  The hinted
 * country's places first, then by rank and population.  Nothing for text
 * of fewer than 3 letters, which begins too many names to mean anything.
 *
 * Returns: (transfer full) (element-type ChronomapGazetteerEntry): the places
 */
GPtrArray *
chronomap_geocoder_complete (ChronomapGeocoder *self,
                             const char        *text,
                             const char        *country,
                             guint              max_results)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) chronomap_gazetteer_entry_free);
  g_autofree char *key = NULL;
  g_autofree char *fold = NULL;
  g_autofree Candidate *best = NULL;
  GPtrArray *files;
  gsize fold_len;
  guint n = 0;
  char cc[3] = { 0 };

  g_return_val_if_fail (CHRONOMAP_IS_GEOCODER (self), found);

  /* a country as geocode() takes it */
  country = country_code (country, cc);

  if (text == NULL || max_results == 0 ||
      (key = chronomap_normalize_name (text, FALSE, NULL)) == NULL ||
      g_utf8_strlen (key, -1) < 3)
    return found;
  fold = chronomap_normalize_fold (key);
  fold_len = strlen (fold);
  best = g_new0 (Candidate, max_results);

  files = chronomap_gazetteer_get_files (self->gazetteer);
  for (guint f = 0; f < files->len; f++)
    {
      const GazFile *file = g_ptr_array_index (files, f);
      const Initials *initials = initials_of (self, file);
      guchar first = (guchar) fold[0];

      for (guint32 j = initials->start[first]; j < initials->start[first + 1]; j++)
        {
          guint32 k = initials->keys[j];
          const char *key_fold = gaz_string (file, file->fold_keys[k].str_off);
          guint32 start = file->fold_keys[k].post_start, end = file->fold_keys[k + 1].post_start;

          if (strncmp (key_fold, fold, fold_len) != 0 || start > end ||
              end > file->header->n_fold_postings)
            continue;
          for (guint32 p = start; p < end; p++)
            {
              guint32 norm = file->fold_postings[p];
              guint32 a, b;

              if (norm >= file->header->n_norm_keys)
                continue;
              a = file->norm_keys[norm].post_start;
              b = file->norm_keys[norm + 1].post_start;
              for (guint32 q = a; q < b && b <= file->header->n_norm_postings; q++)
                {
                  guint32 entry = file->norm_postings[q] >> 2;
                  gboolean own_name = (file->norm_postings[q] & GAZ_POSTING_CANONICAL) != 0;
                  gboolean in_country;
                  const GazEntry *e;
                  double score;
                  guint at;
                  gboolean seen = FALSE;

                  if (entry >= file->header->n_entries)
                    continue;
                  e = &file->entries[entry];
                  in_country = country != NULL && e->country[0] == country[0] &&
                               e->country[1] == country[1];
                  /* abroad, by its own name only: one of a city's hundred
                   * other names beginning so ("Bagota") is not what was
                   * meant */
                  if (country != NULL && !in_country && !own_name)
                    continue;
                  score = completion_score (e, in_country, own_name);
                  for (guint i = 0; i < n && !seen; i++)
                    seen = best[i].file == file && best[i].entry == entry;
                  if (seen || (n == max_results && score <= best[n - 1].score))
                    continue;
                  /* kept best first, the worst falling off the end */
                  at = MIN (n, max_results - 1);
                  while (at > 0 && best[at - 1].score < score)
                    {
                      best[at] = best[at - 1];
                      at--;
                    }
                  best[at] = (Candidate) { file, entry, 1.0, score };
                  n = MIN (n + 1, max_results);
                }
            }
        }
    }

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (found, entry_from (self, &best[i]));
  return found;
}

/**
 * chronomap_geocoder_area_hint:
 * @admin1: (nullable): the first-order area a data set gives (ACLED's
 *   admin1, UCDP's adm_1)
 * @admin2: (nullable): the second-order area (admin2, adm_2)
 *
 * The area hint for chronomap_geocoder_geocode_in() from a data set's two
 * areas: the district within its governorate ("Ariha district, Idlib
 * Governorate"), looked for within the governorate so that a district
 * named like a town elsewhere is not taken for it; else whichever is
 * given.  The district is worth passing: of UCDP's Syrian place strings
 * (bench-geocode-ucdp, with wof-sy) 0.635 land within 10 km with the
 * country alone, 0.717 with the governorate, 0.767 with both.
 *
 * Returns: (transfer full) (nullable): the hint, or %NULL when neither is given
 */
char *
chronomap_geocoder_area_hint (const char *admin1,
                              const char *admin2)
{
  gboolean has1 = admin1 != NULL && admin1[0] != '\0';
  gboolean has2 = admin2 != NULL && admin2[0] != '\0';

  if (has1 && has2)
    return g_strconcat (admin2, ", ", admin1, NULL);
  if (has1)
    return g_strdup (admin1);
  if (has2)
    return g_strdup (admin2);
  return NULL;
}

/**
 * chronomap_geocoder_geocode_all:
 * @self: a geocoder
 * @queries: (array length=n_queries): the names of one data set
 * @country_hints: (nullable) (array length=n_queries): a country hint per
 *   name, or %NULL; an element may be %NULL
 * @admin1_hints: (nullable) (array length=n_queries): a first-order area
 *   per name, or %NULL; an element may be %NULL
 * @n_queries: the number of names
 *
 * Resolves the names of one data set together: those resolved with
 * confidence become the context for the others, so that an ambiguous name
 * goes to the candidate near the rest, and near the rest of its own area
 * when @admin1_hints gives one.  The context given before is kept
 * and restored.
 *
 * Returns: (transfer full) (element-type ChronomapGeocodeResult): one
 *   result per query, in order
 */
GPtrArray *
chronomap_geocoder_geocode_all (ChronomapGeocoder  *self,
                                const char * const *queries,
                                const char * const *country_hints,
                                const char * const *admin1_hints,
                                guint               n_queries)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GHashTable) area_points = NULL;
  guint saved;
  guint n_confident = 0;

  g_return_val_if_fail (CHRONOMAP_IS_GEOCODER (self), NULL);
  g_return_val_if_fail (queries != NULL || n_queries == 0, NULL);

  results = g_ptr_array_new_full (n_queries, (GDestroyNotify) chronomap_geocode_result_free);
  for (guint i = 0; i < n_queries; i++)
    g_ptr_array_add (results, geocode_part (self, queries[i],
                                            country_hints != NULL ? country_hints[i] : NULL,
                                            admin1_hints != NULL ? admin1_hints[i] : NULL));

  saved = self->context->len;
  area_points = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < n_queries; i++)
    {
      ChronomapGeocodeResult *r = g_ptr_array_index (results, i);
      const char *area = admin1_hints != NULL ? admin1_hints[i] : NULL;

      /* a river's one point is no place of the data set */
      if (r->resolved && r->confidence >= CONFIDENT &&
          r->precision != CHRONOMAP_PRECISION_COUNTRY && r->precision != CHRONOMAP_PRECISION_RIVER)
        {
          chronomap_geocoder_add_context (self, r->latitude, r->longitude);
          n_confident++;
          if (area != NULL && area[0] != '\0' && r->precision != CHRONOMAP_PRECISION_ADMIN)
            {
              GArray *points = g_hash_table_lookup (area_points, area);

              if (points == NULL)
                {
                  points = g_array_new (FALSE, FALSE, sizeof (double));
                  g_hash_table_insert (area_points, (gpointer) area, points);
                }
              g_array_append_val (points, r->latitude);
              g_array_append_val (points, r->longitude);
            }
        }
    }

  if (n_confident > 0)
    for (guint i = 0; i < n_queries; i++)
      {
        ChronomapGeocodeResult *r = g_ptr_array_index (results, i);

        /* the unsure again, and the rivers, to be put on their courses
         * by the rest; not a name found nowhere, which stays in its area */
        if (r->resolved && (r->confidence < CONFIDENT || r->precision == CHRONOMAP_PRECISION_RIVER) &&
            !(r->area_only && r->alternatives->len == 0))
          {
            if (admin1_hints != NULL && admin1_hints[i] != NULL)
              self->area_context = g_hash_table_lookup (area_points, admin1_hints[i]);
            g_ptr_array_index (results, i) =
              geocode_part (self, queries[i], country_hints != NULL ? country_hints[i] : NULL,
                            admin1_hints != NULL ? admin1_hints[i] : NULL);
            self->area_context = NULL;
            chronomap_geocode_result_free (r);
          }
      }

  g_array_set_size (self->context, saved);
  return g_steal_pointer (&results);
}
