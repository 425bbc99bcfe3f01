/* chronomap-geoparser.c: place mentions in running text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recognition: runs of capitalised words (with the connectors place names
 * use: "al-", "of", "de"...) are looked up in the gazetteer by their name
 * key, longest run first.  A run that is a name is then weighed: how
 * important the best place of that name is, whether a locative preposition
 * comes before it ("in", "near", "the city of"), whether it is followed by
 * ", <a larger place>", against cues that it names a person or an
 * organisation (a title before it, "said" after it, another capitalised
 * word before it that is no place, the same word written in lower case
 * elsewhere in the text).  The decision for a word is shared by the whole
 * text: "Mr Bali" makes every "Bali" a person.
 *
 * States written short ("Tex.", "N.J.", lexicon/states.tsv) and US
 * counties ("Walker County", "Jackson and Barrow counties",
 * lexicon/us-counties.tsv) are recognised by their form.
 *
 * Resolution: among the places of that name (including first-order
 * administrative areas, which the gazetteer lists only as the admin1 of
 * its places, and the counties), the one with the best prior (feature
 * rank, population, a lower one for a place that has the name only as
 * an alternate), moved by the text's context: the countries and areas
 * its unambiguous places are in, nearness to them, other names with a
 * place nearby, an explicit "Name, Area", and cues that a name is a
 * town's (a dateline, "a Lebanon woman").  What the text says of a name
 * at one mention holds at all its mentions.
 */
#define G_LOG_DOMAIN "chronomap-geoparser"

#include "config.h"

#include "chronomap-geoparser.h"

#include <math.h>
#include <string.h>

#include "chronomap-error.h"
#include "gazetteer/chronomap-gazetteer-private.h"
#include "gazetteer/chronomap-geocoder.h"
#include "chronomap-lexicon.h"
#include "gazetteer/chronomap-normalize.h"
#include "chronomap-paths.h"
#include "chronomap-sentences.h"

/* The longest run of words tried as one name: "Dayr az Zawr Governorate"
 * is five; longer runs are organisations. */
#define MAX_NAME_TOKENS 6

/* Mentions scoring below this are not reported. */
#define ACCEPT_SCORE 0.5

/* How much less likely a place is meant by one of its alternate names
 * when another place has that name as its own. */
#define ALIAS_PENALTY 1.2
/* ...unless that other place is this much less likely: about 30 times
 * smaller. */
#define ALIAS_REACH 1.5

/* How much a first-order area of a country the text names elsewhere is
 * lifted: enough to pass a country of the same name (8.5 against 5.8). */
#define AREA_OF_TEXT_COUNTRY 2.5

/* Places within this distance of the text's other places are "nearby". */
#define CONTEXT_KM 400.0

typedef struct _Admin1Area
{
  char    *name;
  char     country[3];
  double   latitude;
  double   longitude;
  guint64  population; /* for a county: its number of ZIP codes */
  gboolean region;     /* a continent or area from regions.tsv */
  const struct _Admin1Area *parent;  /* a county's state; NULL for a first-order area */
} Admin1Area;

typedef struct
{
  double latitude;
  double longitude;
} Point;

struct _ChronomapGeoparser
{
  GObject             parent_instance;

  ChronomapGazetteer *gazetteer;
  ChronomapGeocoder  *geocoder;
  GHashTable         *admin1;        /* name key -> GPtrArray of Admin1Area (unowned) */
  GPtrArray          *admin1_areas;  /* owns Admin1Area */
  GHashTable         *stopwords;     /* lower-case words never a place alone */
  GHashTable         *titles;        /* lower-case words before a person's name */
  GHashTable         *given_names;   /* lower-case given names */
  GHashTable         *not_places;    /* name keys of organisations, actors... */
  GHashTable         *country_points; /* ISO code -> Point */
  GHashTable         *abbreviations; /* "W.Va." -> Abbreviation */
};

typedef struct
{
  const Admin1Area *area;
  gboolean          guarded;   /* a word too: only after "Town, " or "D-" */
} Abbreviation;

G_DEFINE_FINAL_TYPE (ChronomapGeoparser, chronomap_geoparser, G_TYPE_OBJECT)

enum
{
  TOK_UPPER      = 1 << 0,   /* starts with an upper-case letter */
  TOK_ALLCAPS    = 1 << 1,   /* every letter upper case, two or more */
  TOK_SENT_START = 1 << 2,   /* first word of a sentence or line */
  TOK_DOTTED     = 1 << 3,   /* "U.S." */
  TOK_HYPHEN     = 1 << 4,   /* joined to the next word by a hyphen */
  TOK_POSSESSIVE = 1 << 5,   /* followed by 's */
  TOK_DIGIT      = 1 << 6,
};

typedef struct
{
  gsize  bstart;
  gsize  bend;
  glong  cstart;
  glong  cend;
  guint  flags;
  char  *lower;   /* lower-case text, dots removed */
} Token;

typedef struct
{
  const GazFile *file;    /* NULL for an admin1 area */
  guint32        index;
  const Admin1Area *area;
  gboolean       canonical;
  gboolean       demoted;    /* the name is only an alternate one */
  double         prior;
  double         coherence;  /* other names of the text with a place nearby */
  double         score;
} Place;

typedef struct
{
  guint    first;        /* token indices, inclusive */
  guint    last;
  char    *key;
  GArray  *places;       /* Place */
  double   score;        /* recognition */
  int      best;         /* index into places */
  gboolean rejected;
  gboolean fixed;        /* recognised by its form: the score stands */
  gboolean dateline;     /* "ATLANTA --" */
  guint    trail;        /* bytes (ASCII) after the last token that belong to it: "Tex." */
  ChronomapGazetteerEntry *fuzzy;  /* found by the geocoder's spelling variants */
} Span;

void
chronomap_place_mention_free (ChronomapPlaceMention *mention)
{
  if (mention == NULL)
    return;
  g_free (mention->text);
  g_clear_pointer (&mention->entry, chronomap_gazetteer_entry_free);
  g_free (mention);
}

static void
admin1_area_free (gpointer data)
{
  Admin1Area *area = data;

  g_free (area->name);
  g_free (area);
}

static void
span_clear (gpointer data)
{
  Span *span = data;

  g_free (span->key);
  g_clear_pointer (&span->places, g_array_unref);
  g_clear_pointer (&span->fuzzy, chronomap_gazetteer_entry_free);
}

/* Admin areas get a point: the middle of the box around their places,
 * which is closer to an area's own centre than the population centre of
 * its places (Texas: 31.2,-100.0 against GeoNames' 31.3,-99.3). */
typedef struct
{
  Admin1Area area;
  GArray    *lats;
  GArray    *lons;
} AreaBox;

static void
area_box_free (gpointer data)
{
  AreaBox *box = data;

  g_free (box->area.name);
  g_array_unref (box->lats);
  g_array_unref (box->lons);
  g_free (box);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The middle of the range from the 2nd to the 98th percentile: a few
 * places filed under the wrong area, or islands far out, do not move it. */
static double
trimmed_middle (GArray *values)
{
  guint n = values->len;
  guint lo, hi;

  g_array_sort (values, compare_doubles);
  lo = n / 50;
  hi = n - 1 - n / 50;
  return (g_array_index (values, double, lo) + g_array_index (values, double, hi)) / 2;
}

static void add_area_name (ChronomapGeoparser *self,
                           const char         *name,
                           Admin1Area         *area);

static void
index_admin1 (ChronomapGeoparser *self)
{
  GPtrArray *files = chronomap_gazetteer_get_files (self->gazetteer);
  g_autoptr(GHashTable) boxes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, area_box_free);
  GHashTableIter iter;
  gpointer value;

  for (guint f = 0; f < files->len; f++)
    {
      const GazFile *file = g_ptr_array_index (files, f);

      for (guint32 i = 0; i < file->header->n_entries; i++)
        {
          const GazEntry *e = &file->entries[i];
          const char *admin1 = gaz_string (file, e->admin1_off);
          char k[256];
          AreaBox *box;
          double lat = e->lat_e6 / 1e6, lon = e->lon_e6 / 1e6;

          if (admin1[0] == '\0' || e->precision != CHRONOMAP_PRECISION_PLACE)
            continue;
          /* a key on the stack: this runs for every place of the gazetteer */
          g_snprintf (k, sizeof k, "%c%c\t%s", e->country[0], e->country[1], admin1);
          box = g_hash_table_lookup (boxes, k);
          if (box == NULL)
            {
              box = g_new0 (AreaBox, 1);
              box->area.name = g_strdup (admin1);
              box->area.country[0] = e->country[0];
              box->area.country[1] = e->country[1];
              box->lats = g_array_new (FALSE, FALSE, sizeof (double));
              box->lons = g_array_new (FALSE, FALSE, sizeof (double));
              g_hash_table_insert (boxes, g_strdup (k), box);
            }
          g_array_append_val (box->lats, lat);
          g_array_append_val (box->lons, lon);
          box->area.population += e->population;
        }
    }

  g_hash_table_iter_init (&iter, boxes);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      AreaBox *box = value;
      Admin1Area *area = g_new0 (Admin1Area, 1);
      *area = box->area;
      box->area.name = NULL;
      area->latitude = trimmed_middle (box->lats);
      area->longitude = trimmed_middle (box->lons);
      g_ptr_array_add (self->admin1_areas, area);

      add_area_name (self, area->name, area);
    }
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x02BF || c == 0x02BE;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Splits @text into words, each with its byte and character offsets. */
static GArray *
tokenize (const char *text,
          gsize       length)
{
  GArray *tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  const char *p = text;
  const char *end = text + length;
  glong cpos = 0;
  gboolean sentence_start = TRUE;

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);

      if (is_word_char (c))
        {
          Token t = { 0 };
          GString *lower = g_string_new (NULL);
          gboolean all_upper = TRUE;
          guint n_letters = 0;
          const char *q = p;

          t.bstart = p - text;
          t.cstart = cpos;
          if (g_unichar_isupper (c) || g_unichar_istitle (c))
            t.flags |= TOK_UPPER;
          if (g_unichar_isdigit (c))
            t.flags |= TOK_DIGIT;

          while (q < end)
            {
              gunichar d = g_utf8_get_char (q);
              const char *next = g_utf8_next_char (q);

              if (is_word_char (d))
                {
                  if (g_unichar_isalpha (d))
                    {
                      n_letters++;
                      if (!g_unichar_isupper (d))
                        all_upper = FALSE;
                    }
                  g_string_append_unichar (lower, g_unichar_tolower (d));
                  q = next;
                  cpos++;
                  continue;
                }
              /* "Ma'arrat" is one word; "Syria's" is "Syria" and a
               * possessive. */
              if (is_apostrophe (d) && next < end && is_word_char (g_utf8_get_char (next)))
                {
                  const char *after = g_utf8_next_char (next);
                  gunichar s = g_utf8_get_char (next);

                  if ((s == 's' || s == 'S') &&
                      (after >= end || !is_word_char (g_utf8_get_char (after))))
                    {
                      t.flags |= TOK_POSSESSIVE;
                      break;
                    }
                  q = next;
                  cpos++;
                  continue;
                }
              /* "U.S.", "U.K.": single letters with dots */
              if (d == '.' && n_letters == 1 && lower->len <= 4 && next < end &&
                  g_unichar_isupper (g_utf8_get_char (next)) &&
                  (g_utf8_next_char (next) >= end || g_utf8_get_char (g_utf8_next_char (next)) == '.'))
                {
                  t.flags |= TOK_DOTTED;
                  q = next;
                  cpos++;
                  n_letters = 0;
                  continue;
                }
              break;
            }
          if ((t.flags & TOK_DOTTED) && q < end && *q == '.')
            {
              q++;
              cpos++;
            }
          if (all_upper && g_utf8_strlen (lower->str, -1) >= 2 && !(t.flags & TOK_DIGIT))
            t.flags |= TOK_ALLCAPS;
          if (sentence_start)
            t.flags |= TOK_SENT_START;
          sentence_start = FALSE;
          t.bend = q - text;
          t.cend = cpos;
          t.lower = g_string_free (lower, FALSE);
          if (q < end && *q == '-')
            t.flags |= TOK_HYPHEN;
          g_array_append_val (tokens, t);
          p = q;
          continue;
        }

      if (c == '\n' || c == '!' || c == '?' || c == ':' || c == '"' || c == 0x201C)
        sentence_start = TRUE;
      else if (c == '.')
        {
          /* an abbreviation's dot ("Mr.", "St.") does not end a sentence */
          if (tokens->len == 0)
            sentence_start = TRUE;
          else
            {
              Token *prev = &g_array_index (tokens, Token, tokens->len - 1);

              if (prev->bend != (gsize) (p - text) || g_utf8_strlen (prev->lower, -1) > 3 ||
                  !(prev->flags & TOK_UPPER))
                sentence_start = TRUE;
            }
        }
      p = g_utf8_next_char (p);
      cpos++;
    }

  return tokens;
}

static void
tokens_free (GArray *tokens)
{
  for (guint i = 0; i < tokens->len; i++)
    g_free (g_array_index (tokens, Token, i).lower);
  g_array_unref (tokens);
}

/* Lower-case words that join the capitalised words of one name. */
static gboolean
is_connector (const Token *t,
              gboolean     article_only)
{
  static const char * const articles[] = {
    "al", "el", "ar", "as", "ad", "at", "ash", "az", "an", "ad", "ath", "ed", "ez", "es",
    "er", "et", "en", NULL
  };
  static const char * const words[] = {
    "of", "de", "del", "della", "la", "le", "du", "des", "upon", "on", "sur", "am", "im",
    "bin", "ibn", "abu", "um", "umm", "bani", "beni", NULL
  };

  if (t->flags & TOK_UPPER)
    return FALSE;
  if (g_strv_contains (articles, t->lower))
    return (t->flags & TOK_HYPHEN) != 0 || !article_only;
  return !article_only && g_strv_contains (words, t->lower);
}

static void
gather_places (ChronomapGeoparser *self,
               const char         *key,
               GArray             *places)
{
  GPtrArray *files = chronomap_gazetteer_get_files (self->gazetteer);
  GPtrArray *areas;

  for (guint f = 0; f < files->len; f++)
    {
      const GazFile *file = g_ptr_array_index (files, f);
      gint32 k = gaz_file_lookup_norm (file, key);
      guint32 pend;

      if (k < 0)
        continue;
      pend = file->norm_keys[k + 1].post_start;
      if (pend > file->header->n_norm_postings)
        continue;
      for (guint32 p = file->norm_keys[k].post_start; p < pend && places->len < 256; p++)
        {
          guint32 posting = file->norm_postings[p];
          Place place = { 0 };

          /* names reached only by dropping qualifiers ("South Africa" as
           * "Africa") are the geocoder's business, not a text's */
          if ((posting >> 2) >= file->header->n_entries || (posting & GAZ_POSTING_STRIPPED))
            continue;
          place.file = file;
          place.index = posting >> 2;
          place.canonical = (posting & GAZ_POSTING_CANONICAL) != 0;
          g_array_append_val (places, place);
        }
    }

  areas = g_hash_table_lookup (self->admin1, key);
  for (guint i = 0; areas != NULL && i < areas->len; i++)
    {
      Place place = { 0 };

      place.area = g_ptr_array_index (areas, i);
      place.canonical = TRUE;
      g_array_append_val (places, place);
    }
}

static void
place_position (const Place *place,
                double      *lat,
                double      *lon)
{
  if (place->area != NULL)
    {
      *lat = place->area->latitude;
      *lon = place->area->longitude;
    }
  else
    {
      const GazEntry *e = &place->file->entries[place->index];

      *lat = e->lat_e6 / 1e6;
      *lon = e->lon_e6 / 1e6;
    }
}

static void
place_country (const Place *place,
               char         out[3])
{
  const char *c = place->area != NULL ? place->area->country :
                  place->file->entries[place->index].country;

  out[0] = c[0];
  out[1] = c[1];
  out[2] = '\0';
}

/* How likely a place of this kind and size is meant, before context:
 * roughly log10 of its population, countries and first-order areas above
 * all but the largest cities. */
static double
place_prior (const Place *place)
{
  double prior;

  if (place->area != NULL && place->area->region)
    return 7.0;
  /* "Walker County" is a county; which one, the text decides: a town of
   * 10,000 to 100,000 by the number of its ZIP codes (1 to 100) */
  if (place->area != NULL && place->area->parent != NULL)
    return 4.0 + 0.5 * log10 ((double) place->area->population + 1);
  if (place->area != NULL)
    return 5.5 + 0.3 * log10 ((double) place->area->population + 1) / 7.0;

  {
    const GazEntry *e = &place->file->entries[place->index];

    switch ((ChronomapPrecision) e->precision)
      {
      case CHRONOMAP_PRECISION_COUNTRY:
        /* above any city of the same name ("Mexico") */
        prior = 8.5;
        break;
      case CHRONOMAP_PRECISION_ADMIN:
        prior = e->rank >= 3 ? 5.6 : 4.0;
        break;
      case CHRONOMAP_PRECISION_RIVER:
        prior = 4.5;
        break;
      default:
        /* GeoNames gives many villages no population: count them as
         * small places rather than as nothing */
        prior = log10 ((double) e->population + 2000) + 0.15 * e->rank;
        break;
      }
  }
  if (!place->canonical)
    prior -= 0.4;
  return prior;
}

/* Each place's prior.  A place that has the name only among its
 * alternate names ("Maryville" for Beeville, "Washington" for Port
 * Washington) is a weaker reading when a place of about its size bears
 * the name as its own; not when that place is much smaller: the name
 * news uses for a city is often an alternate one ("Raqqa" for Ar
 * Raqqah) that villages have as their own. */
static void
set_priors (GArray *places)
{
  double best_canonical = -G_MAXDOUBLE;

  for (guint k = 0; k < places->len; k++)
    {
      Place *place = &g_array_index (places, Place, k);

      place->prior = place_prior (place);
      if (place->canonical && place->area == NULL &&
          place->file->entries[place->index].precision == CHRONOMAP_PRECISION_PLACE)
        best_canonical = MAX (best_canonical, place->prior);
    }
  for (guint k = 0; k < places->len; k++)
    {
      Place *place = &g_array_index (places, Place, k);

      if (!place->canonical && place->area == NULL &&
          place->file->entries[place->index].precision == CHRONOMAP_PRECISION_PLACE &&
          best_canonical >= place->prior - ALIAS_REACH)
        {
          place->prior -= ALIAS_PENALTY;
          place->demoted = TRUE;
        }
    }
}

static ChronomapGazetteerEntry *
place_to_entry (ChronomapGeoparser *self,
                const Place        *place)
{
  ChronomapGazetteerEntry *entry = g_new0 (ChronomapGazetteerEntry, 1);
  const char *country_name;

  place_country (place, entry->country);
  place_position (place, &entry->latitude, &entry->longitude);
  if (place->area != NULL)
    {
      g_autofree char *key = chronomap_normalize_name (place->area->name, FALSE, NULL);

      if (place->area->region)
        entry->id = g_strdup_printf ("region:%s", key != NULL ? key : "");
      else if (place->area->parent != NULL)
        {
          g_autofree char *parent = chronomap_normalize_name (place->area->parent->name, FALSE, NULL);

          entry->id = g_strdup_printf ("admin2:%s:%s:%s", entry->country, parent != NULL ? parent : "",
                                       key != NULL ? key : "");
          entry->admin1 = g_strdup (place->area->parent->name);
        }
      else
        entry->id = g_strdup_printf ("admin1:%s:%s", entry->country, key != NULL ? key : "");
      entry->name = g_strdup (place->area->name);
      entry->precision = place->area->region ? CHRONOMAP_PRECISION_OTHER : CHRONOMAP_PRECISION_ADMIN;
      entry->population = (guint) MIN (place->area->population, G_MAXUINT);
      entry->source = g_strdup ("bundled");
    }
  else
    {
      const GazFile *file = place->file;
      const GazEntry *e = &file->entries[place->index];
      const char *admin1 = gaz_string (file, e->admin1_off);

      entry->id = g_strdup (gaz_string (file, e->id_off));
      entry->name = g_strdup (gaz_string (file, e->name_off));
      entry->admin1 = admin1[0] != '\0' ? g_strdup (admin1) : NULL;
      entry->precision = e->precision;
      entry->population = e->population;
      entry->source = g_strdup (gaz_string (file, file->header->label_off));
      if (entry->precision == CHRONOMAP_PRECISION_COUNTRY)
        {
          const Point *point = g_hash_table_lookup (self->country_points, entry->country);

          if (point != NULL)
            {
              entry->latitude = point->latitude;
              entry->longitude = point->longitude;
            }
        }
    }
  country_name = chronomap_gazetteer_get_country_name (self->gazetteer, entry->country);
  entry->country_name = g_strdup (country_name);
  return entry;
}

static char *
span_key (GArray *tokens,
          guint   first,
          guint   last)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = first; i <= last; i++)
    {
      const char *word = g_array_index (tokens, Token, i).lower;

      if (s->len > 0)
        g_string_append_c (s, ' ');
      /* "Ft. Worth", "Mt. Vernon": the gazetteer writes them out */
      if (i < last && strcmp (word, "ft") == 0)
        word = "fort";
      else if (i < last && strcmp (word, "mt") == 0)
        word = "mount";
      g_string_append (s, word);
    }
  if (s->len > CHRONOMAP_NAME_MAX_BYTES)
    return NULL;
  return chronomap_normalize_name (s->str, FALSE, NULL);
}

static gboolean
key_is_name (ChronomapGeoparser *self,
             const char         *key)
{
  GPtrArray *files = chronomap_gazetteer_get_files (self->gazetteer);

  if (g_hash_table_contains (self->admin1, key))
    return TRUE;
  for (guint f = 0; f < files->len; f++)
    if (gaz_file_lookup_norm (g_ptr_array_index (files, f), key) >= 0)
      return TRUE;
  return FALSE;
}

static const char * const locatives[] = {
  "in", "at", "near", "from", "to", "into", "across", "outside", "throughout", "toward",
  "towards", "via", "around", "between", "within", "inside", "nearby", "of", "through",
  "and", "across", "outskirts", "north", "south", "east", "west", "northern", "southern",
  "eastern", "western", "central", "entered", "reach", "reached", "visited", "visit",
  "town", "city", "village", "province", "region",
  /* what is taken, held or struck in a war is a place: "captured Baghouz" */
  "captured", "recaptured", "seized", "retook", "stormed", "shelled", "bombed", "besieged",
  "liberated", "overran", "encircled", "capture", "recapture", "seize", "retake", NULL
};

static const char * const person_cues_after[] = {
  "said", "says", "told", "added", "stated", "explained", "noted", "wrote", "asked",
  "argued", "claimed", "who", "whose", "himself", "herself", NULL
};

/* Capitalised words before a name that describe the place rather than
 * name something else. */
static const char * const place_adjectives[] = {
  "north", "south", "east", "west", "northern", "southern", "eastern", "western",
  "central", "greater", "upper", "lower", "northeast", "northwest", "southeast",
  "southwest", "northeastern", "northwestern", "southeastern", "southwestern", "downtown",
  "rural", "metro", "metropolitan", "suburban", "the", "in", "at", "from", "to", "near", "of", NULL
};

static gboolean
lower_elsewhere (GHashTable *lower_words,
                 const char *word)
{
  return g_hash_table_contains (lower_words, word);
}

static void
score_span (ChronomapGeoparser *self,
            GArray             *tokens,
            GHashTable         *lower_words,
            GHashTable         *persons,
            Span               *span)
{
  const Token *first = &g_array_index (tokens, Token, span->first);
  const Token *last = &g_array_index (tokens, Token, span->last);
  const Token *prev = span->first > 0 ? &g_array_index (tokens, Token, span->first - 1) : NULL;
  const Token *next = span->last + 1 < tokens->len ? &g_array_index (tokens, Token, span->last + 1) : NULL;
  guint n = span->last - span->first + 1;
  double best_prior = -1;
  double score = 0.5;
  gboolean locative = FALSE;

  /* how well known a place of this name is, by whatever name */
  for (guint i = 0; i < span->places->len; i++)
    {
      const Place *place = &g_array_index (span->places, Place, i);

      best_prior = MAX (best_prior, place->prior + (place->demoted ? ALIAS_PENALTY : 0));
    }

  /* importance of the best place of this name */
  if (best_prior >= 7)
    score += 0.4;
  else if (best_prior >= 5.5)
    score += 0.25;
  else if (best_prior >= 5)
    score += 0.15;
  else if (best_prior >= 4)
    score += 0.05;
  else
    score -= 0.1;

  if (n >= 2)
    score += 0.15;

  if (prev != NULL && !(prev->flags & TOK_UPPER) && g_strv_contains (locatives, prev->lower))
    {
      score += 0.2;
      locative = TRUE;
    }
  if (next != NULL && last->bend < next->bstart && !(last->flags & TOK_POSSESSIVE))
    {
      /* "Alexandria, Louisiana" */
      if ((next->flags & TOK_UPPER) && next->bstart - last->bend <= 2)
        score += 0.05;
    }
  if (last->flags & TOK_POSSESSIVE)
    score += 0.05;

  /* cues that it names something else */
  if (n == 1 && !(first->flags & (TOK_DOTTED | TOK_ALLCAPS)) &&
      g_hash_table_contains (self->stopwords, first->lower))
    score -= 1.0;
  if (n == 1 && lower_elsewhere (lower_words, first->lower))
    score -= 0.6;
  if (g_hash_table_contains (self->not_places, span->key))
    score -= 1.0;
  if (n == 1 && g_hash_table_contains (self->titles, first->lower))
    score -= 1.0;
  /* "and James Tauber": a given name before a surname is a person's,
   * whatever comes before it */
  if (n == 1 && g_hash_table_contains (self->given_names, first->lower) &&
      (!locative || (next != NULL && (next->flags & TOK_UPPER) && next->bstart == last->bend + 1)))
    score -= 0.6;
  if (prev != NULL && (prev->flags & TOK_UPPER) && g_hash_table_contains (self->titles, prev->lower))
    score -= 1.0;
  if (prev != NULL && (prev->flags & TOK_UPPER) && !(prev->flags & TOK_SENT_START) &&
      !g_strv_contains (place_adjectives, prev->lower) && prev->bend + 1 >= first->bstart &&
      !(prev->flags & TOK_POSSESSIVE))
    score -= 0.45;
  if (next != NULL && !(next->flags & TOK_UPPER) && g_strv_contains (person_cues_after, next->lower) &&
      best_prior < 7 && !locative && next->bstart == last->bend + 1)
    score -= 0.5;
  if (next != NULL && (next->flags & TOK_UPPER) && next->bstart == last->bend + 1 &&
      !(last->flags & TOK_POSSESSIVE))
    score -= 0.15;
  if ((first->flags & TOK_SENT_START) && n == 1)
    score -= 0.1;
  /* short capitals are acronyms ("MAC", "SDF"); of the countries' codes
   * only "USA" and "UAE" are written as names */
  if (n == 1 && (first->flags & TOK_ALLCAPS) && g_utf8_strlen (first->lower, -1) <= 4 &&
      (best_prior < 7 ||
       (strlen (first->lower) == 3 && strcmp (first->lower, "usa") != 0 && strcmp (first->lower, "uae") != 0)))
    score -= 0.5;
  if (n == 1 && g_hash_table_contains (persons, first->lower))
    score -= 0.8;
  if (n == 1 && g_utf8_strlen (first->lower, -1) <= 2 && !(first->flags & TOK_DOTTED) &&
      !(first->flags & TOK_ALLCAPS))
    score -= 0.5;

  span->score = CLAMP (score, 0.0, 1.0);
}

/* "SY\tRaqqa": the first-order area a place is in, or is */
static char *
place_area_key (const Place *place)
{
  char cc[3];

  if (place->area != NULL && place->area->region)
    return NULL;
  place_country (place, cc);
  if (place->area != NULL && place->area->parent != NULL)
    return g_strdup_printf ("%s\t%s", cc, place->area->parent->name);
  if (place->area != NULL)
    return g_strdup_printf ("%s\t%s", cc, place->area->name);
  {
    const char *admin1 = gaz_string (place->file, place->file->entries[place->index].admin1_off);

    if (admin1[0] == '\0')
      return NULL;
    return g_strdup_printf ("%s\t%s", cc, admin1);
  }
}

/* What a confidently resolved name tells about the others. */
typedef struct
{
  const char *key;
  char        country[3];
  char       *area;       /* place_area_key(), or NULL */
  gboolean    has_point;
  double      latitude;
  double      longitude;
} Evidence;

static void
evidence_clear (gpointer data)
{
  g_free (((Evidence *) data)->area);
}

/* At most this many pieces of evidence are weighed: enough for any
 * article, and a bound on the work for a long text. */
#define MAX_EVIDENCE 200

static gboolean
place_is_country (const Place *place)
{
  return place->area == NULL &&
         place->file->entries[place->index].precision == CHRONOMAP_PRECISION_COUNTRY;
}

static void
drop_populated_places (GArray *places)
{
  for (guint k = places->len; k-- > 0; )
    {
      const Place *place = &g_array_index (places, Place, k);

      if (place->area == NULL &&
          place->file->entries[place->index].precision == CHRONOMAP_PRECISION_PLACE)
        g_array_remove_index (places, k);
    }
}

/* Whether @place lies in the first-order area @area. */
static gboolean
place_in_area (const Place      *place,
               const Admin1Area *area)
{
  const GazEntry *e;

  if (place->area != NULL)
    return place->area->parent == area;
  if (area->region)
    return FALSE;
  e = &place->file->entries[place->index];
  return strncmp (e->country, area->country, 2) == 0 &&
         strcmp (gaz_string (place->file, e->admin1_off), area->name) == 0;
}

/* Whether @place is a seat's own point under another gazetteer's name for
 * it: a user gazetteer (Who's On First) holds Raqqa as a plain locality
 * beside cities500's seat, and that copy is no town "of its own". */
#define SAME_SEAT_KM 15.0

static gboolean
near_a_seat (GArray      *places,
             const Place *place)
{
  double lat, lon;

  place_position (place, &lat, &lon);
  for (guint i = 0; i < places->len; i++)
    {
      const Place *seat = &g_array_index (places, Place, i);
      double slat, slon;

      if (seat == place || seat->file == NULL || seat->area != NULL ||
          seat->file->entries[seat->index].precision != CHRONOMAP_PRECISION_PLACE ||
          seat->file->entries[seat->index].rank < 5)
        continue;
      place_position (seat, &slat, &slon);
      if (chronomap_geo_distance_km (lat, lon, slat, slon) < SAME_SEAT_KM)
        return TRUE;
    }
  return FALSE;
}

/* Whether @place is a first-order area among @places, or lies in one. */
static gboolean
area_in_text_country (GArray      *places,
                      const Place *place)
{
  if (place->area != NULL)
    return !place->area->region;
  for (guint k = 0; k < places->len; k++)
    {
      const Place *other = &g_array_index (places, Place, k);

      if (other->area != NULL && place_in_area (place, other->area))
        return TRUE;
    }
  return FALSE;
}

static double
choose_place (GArray      *places,
              GArray      *evidence,
              const char  *own_key)
{
  g_autoptr(GHashTable) countries = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) areas = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) area_countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) town_countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  double best = -G_MAXDOUBLE;
  int best_i = -1;

  /* a name is no evidence for itself: "Paris" said three times does not
   * make France the text's country */
  for (guint e = 0; evidence != NULL && e < evidence->len; e++)
    {
      Evidence *ev = &g_array_index (evidence, Evidence, e);

      if (strcmp (ev->key, own_key) == 0)
        continue;
      g_hash_table_insert (countries, ev->country,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (countries, ev->country)) + 1));
      if (ev->area != NULL)
        g_hash_table_add (areas, ev->area);
    }

  for (guint i = 0; i < places->len; i++)
    {
      Place *place = &g_array_index (places, Place, i);

      if (place->area != NULL ||
          place->file->entries[place->index].precision == CHRONOMAP_PRECISION_ADMIN)
        {
          char *acc = g_new0 (char, 3);

          place_country (place, acc);
          g_hash_table_replace (area_countries, acc, acc);
        }
      else if (place->file->entries[place->index].precision == CHRONOMAP_PRECISION_PLACE &&
               place->file->entries[place->index].rank < 5 &&
               !near_a_seat (places, place))
        {
          char *pcc = g_new0 (char, 3);

          place_country (place, pcc);
          g_hash_table_replace (town_countries, pcc, pcc);
        }
    }

  for (guint i = 0; i < places->len; i++)
    {
      Place *place = &g_array_index (places, Place, i);
      char cc[3];
      double lat, lon;
      double s = place->prior + place->coherence;
      guint count;

      place_country (place, cc);
      count = GPOINTER_TO_UINT (g_hash_table_lookup (countries, cc));
      if (count > 0 && cc[0] != '\0')
        s += 1.5 + 0.25 * MIN (count, 6);
      /* "Georgia" in a text about the United States is the state: a
       * first-order area of a country the text names elsewhere wins
       * over a country of its name; and so does a place of the name in
       * that area, its seat ("Raqqa") */
      if (count > 0 && area_in_text_country (places, place))
        s += AREA_OF_TEXT_COUNTRY;
      if (g_hash_table_size (areas) > 0)
        {
          g_autofree char *akey = place_area_key (place);

          if (akey != NULL && g_hash_table_contains (areas, akey))
            s += 2.0;
        }
      if (evidence != NULL && evidence->len > 0)
        {
          double nearest = G_MAXDOUBLE;

          place_position (place, &lat, &lon);
          for (guint e = 0; e < evidence->len; e++)
            {
              Evidence *ev = &g_array_index (evidence, Evidence, e);

              if (!ev->has_point || strcmp (ev->key, own_key) == 0)
                continue;
              nearest = MIN (nearest, chronomap_geo_distance_km (lat, lon, ev->latitude, ev->longitude));
            }
          if (nearest < CONTEXT_KM)
            s += 1.5 * (1.0 - nearest / CONTEXT_KM);
        }
      /* "Raqqa", "Aleppo": a first-order area named after its seat is
       * meant as the seat, the place events happen at */
      if (place->area == NULL && place->file->entries[place->index].precision == CHRONOMAP_PRECISION_PLACE &&
          place->file->entries[place->index].rank >= 5 && g_hash_table_contains (area_countries, cc))
        s += 0.8;
      /* "New York": a first-order area and a town of its own that is not
       * the area's seat; news means the area */
      if (place->area != NULL && !place->area->region && g_hash_table_contains (town_countries, cc))
        s += 1.5;
      place->score = s;
    }

  /* A country holds its towns and areas: what the text says for any of
   * them (nearness, other names near it, its area) says as much for the
   * country, so that "Mexico" in a text about Mexico stays the country
   * rather than Mexico City, which bears the name as an alternate. */
  for (guint i = 0; i < places->len; i++)
    {
      Place *country = &g_array_index (places, Place, i);
      char cc[3];

      if (!place_is_country (country))
        continue;
      place_country (country, cc);
      for (guint k = 0; k < places->len; k++)
        {
          Place *inner = &g_array_index (places, Place, k);
          char icc[3];

          place_country (inner, icc);
          if (k != i && !place_is_country (inner) && strcmp (icc, cc) == 0)
            country->score = MAX (country->score, country->prior + inner->score - inner->prior);
        }
    }

  for (guint i = 0; i < places->len; i++)
    if (g_array_index (places, Place, i).score > best)
      {
        best = g_array_index (places, Place, i).score;
        best_i = i;
      }
  return best_i;
}

static void
chronomap_geoparser_finalize (GObject *object)
{
  ChronomapGeoparser *self = CHRONOMAP_GEOPARSER (object);

  g_clear_object (&self->gazetteer);
  g_clear_object (&self->geocoder);
  g_clear_pointer (&self->admin1, g_hash_table_unref);
  g_clear_pointer (&self->admin1_areas, g_ptr_array_unref);
  g_clear_pointer (&self->stopwords, g_hash_table_unref);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_clear_pointer (&self->given_names, g_hash_table_unref);
  g_clear_pointer (&self->not_places, g_hash_table_unref);
  g_clear_pointer (&self->country_points, g_hash_table_unref);
  g_clear_pointer (&self->abbreviations, g_hash_table_unref);

  G_OBJECT_CLASS (chronomap_geoparser_parent_class)->finalize (object);
}

static void
chronomap_geoparser_class_init (ChronomapGeoparserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronomap_geoparser_finalize;
}

static void
chronomap_geoparser_init (ChronomapGeoparser *self)
{
  self->admin1 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  self->admin1_areas = g_ptr_array_new_with_free_func (admin1_area_free);
  self->country_points = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->abbreviations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
add_area_name (ChronomapGeoparser *self,
               const char         *name,
               Admin1Area         *area)
{
  g_autofree char *key = chronomap_normalize_name (name, FALSE, NULL);
  GPtrArray *list;

  if (key == NULL || key[0] == '\0')
    return;
  list = g_hash_table_lookup (self->admin1, key);
  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (self->admin1, g_steal_pointer (&key), list);
    }
  g_ptr_array_add (list, area);
}

static gboolean
load_regions (ChronomapGeoparser  *self,
              GError             **error)
{
  g_autoptr(GPtrArray) rows = chronomap_paths_read_table ("lexicon/regions.tsv", 4,
                                          "name, code, latitude and longitude", error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      char **fields = g_ptr_array_index (rows, i);
      double lat = g_ascii_strtod (fields[2], NULL);
      double lon = g_ascii_strtod (fields[3], NULL);

      if (strcmp (fields[1], "-") != 0 && strlen (fields[1]) == 2)
        {
          Point *point = g_new (Point, 1);

          point->latitude = lat;
          point->longitude = lon;
          g_hash_table_insert (self->country_points, g_strdup (fields[1]), point);
        }
      else
        {
          Admin1Area *area = g_new0 (Admin1Area, 1);

          area->name = g_strdup (fields[0]);
          area->latitude = lat;
          area->longitude = lon;
          area->region = TRUE;
          g_ptr_array_add (self->admin1_areas, area);
          add_area_name (self, fields[0], area);
          if (fields[4] != NULL)
            {
              g_auto(GStrv) aliases = g_strsplit (g_strstrip (fields[4]), "|", -1);

              for (guint j = 0; aliases[j] != NULL; j++)
                add_area_name (self, aliases[j], area);
            }
        }
    }
  return TRUE;
}

/* The first-order area of @country called @name, or NULL. */
static Admin1Area *
find_admin1 (ChronomapGeoparser *self,
             const char         *country,
             const char         *name)
{
  g_autofree char *key = chronomap_normalize_name (name, FALSE, NULL);
  GPtrArray *areas = key != NULL ? g_hash_table_lookup (self->admin1, key) : NULL;

  for (guint i = 0; areas != NULL && i < areas->len; i++)
    {
      Admin1Area *area = g_ptr_array_index (areas, i);

      if (!area->region && area->parent == NULL && strncmp (area->country, country, 2) == 0)
        return area;
    }
  return NULL;
}

/* Written forms are compared without their spaces: "W. Va." is "W.Va.". */
static char *
abbreviation_key (const char *written,
                  gsize       length)
{
  GString *key = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    if (written[i] != ' ')
      g_string_append_c (key, written[i]);
  return g_string_free (key, FALSE);
}

static void
add_abbreviations (ChronomapGeoparser *self,
                   const char         *list,
                   const Admin1Area   *area,
                   gboolean            guarded)
{
  g_auto(GStrv) forms = g_strsplit (list, "|", -1);

  for (guint i = 0; forms[i] != NULL; i++)
    {
      Abbreviation *abbreviation;
      char *form = g_strstrip (forms[i]);

      if (form[0] == '\0')
        continue;
      abbreviation = g_new (Abbreviation, 1);
      abbreviation->area = area;
      abbreviation->guarded = guarded;
      g_hash_table_replace (self->abbreviations, abbreviation_key (form, strlen (form)), abbreviation);
    }
}

static gboolean
load_states (ChronomapGeoparser  *self,
             GError             **error)
{
  g_autoptr(GPtrArray) rows = chronomap_paths_read_table ("lexicon/states.tsv", 4,
                                          "country, name, latitude and longitude", error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      char **fields = g_ptr_array_index (rows, i);
      /* an area the gazetteer does not have is no error: a user's
       * gazetteer may lack a country */
      Admin1Area *area = find_admin1 (self, fields[0], fields[1]);

      if (area == NULL)
        continue;
      area->latitude = g_ascii_strtod (fields[2], NULL);
      area->longitude = g_ascii_strtod (fields[3], NULL);
      if (fields[4] != NULL)
        add_abbreviations (self, fields[4], area, FALSE);
      if (fields[4] != NULL && fields[5] != NULL)
        add_abbreviations (self, fields[5], area, TRUE);
    }
  return TRUE;
}

/* "De Kalb", "La Porte": a French or Dutch article and one word. */
static gboolean
joins_article (const char *name)
{
  static const char * const articles[] = { "De ", "Du ", "La ", "Le ", "Van ", NULL };

  for (guint i = 0; articles[i] != NULL; i++)
    if (g_str_has_prefix (name, articles[i]))
      return strchr (name + strlen (articles[i]), ' ') == NULL;
  return FALSE;
}

/* The US counties: each an area under its state, named "Walker
 * County" ("Rapides Parish" in Louisiana, "Juneau Borough" in Alaska). */
static gboolean
load_counties (ChronomapGeoparser  *self,
               GError             **error)
{
  g_autoptr(GPtrArray) rows = chronomap_paths_read_table ("lexicon/us-counties.tsv", 5,
                                          "state, county, latitude, longitude and ZIP codes", error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      char **fields = g_ptr_array_index (rows, i);
      Admin1Area *state = find_admin1 (self, "US", fields[0]);
      Admin1Area *county;
      const char *kind;

      /* independent cities ("Carson City") are places of the gazetteer */
      if (state == NULL || g_str_has_suffix (fields[1], " City"))
        continue;
      if (strcmp (fields[0], "Louisiana") == 0)
        kind = "Parish";
      else if (strcmp (fields[0], "Alaska") == 0)
        kind = "Borough";
      else
        kind = "County";
      county = g_new0 (Admin1Area, 1);
      county->name = g_strdup_printf ("%s %s", fields[1], kind);
      memcpy (county->country, "US", 3);
      county->latitude = g_ascii_strtod (fields[2], NULL);
      county->longitude = g_ascii_strtod (fields[3], NULL);
      county->population = g_ascii_strtoull (fields[4], NULL, 10);
      county->parent = state;
      g_ptr_array_add (self->admin1_areas, county);
      add_area_name (self, county->name, county);
      /* the list writes "De Kalb", "La Porte"; the counties themselves
       * and news "DeKalb", "LaPorte" */
      if (joins_article (fields[1]))
        {
          g_autofree char *joined = g_strdup (county->name);
          char *space = strchr (joined, ' ');

          memmove (space, space + 1, strlen (space));
          add_area_name (self, joined, county);
        }
    }
  return TRUE;
}

/**
 * chronomap_geoparser_new:
 * @gazetteer: the places to recognise
 * @error: return location for a #GError
 *
 * Makes a geoparser over @gazetteer, with the word lists of
 * `lexicon/` (stopwords.txt, titles.txt, not-places.txt, regions.tsv,
 * states.tsv, us-counties.tsv).
 *
 * Returns: (transfer full) (nullable): a geoparser, or %NULL when a word
 *   list cannot be read
 */
ChronomapGeoparser *
chronomap_geoparser_new (ChronomapGazetteer  *gazetteer,
                         GError             **error)
{
  g_autoptr(ChronomapGeoparser) self = NULL;
  g_autoptr(GHashTable) not_places = NULL;
  g_autoptr(ChronomapLexicon) lexicon = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (CHRONOMAP_IS_GAZETTEER (gazetteer), NULL);

  self = g_object_new (CHRONOMAP_TYPE_GEOPARSER, NULL);
  self->gazetteer = g_object_ref (gazetteer);
  self->geocoder = chronomap_geocoder_new (gazetteer);

  self->stopwords = chronomap_lexicon_load_words ("lexicon/stopwords.txt", error);
  if (self->stopwords == NULL)
    return NULL;
  self->titles = chronomap_lexicon_load_words ("lexicon/titles.txt", error);
  if (self->titles == NULL)
    return NULL;
  self->given_names = chronomap_lexicon_load_words ("lexicon/given-names.txt", error);
  if (self->given_names == NULL)
    return NULL;
  not_places = chronomap_lexicon_load_words ("lexicon/not-places.txt", error);
  if (not_places == NULL)
    return NULL;

  /* Names of actors ("Islamic State", "Hezbollah") are not places either. */
  lexicon = chronomap_lexicon_new_default (error);
  if (lexicon == NULL)
    return NULL;
  chronomap_lexicon_add_actor_keys (lexicon, not_places);

  self->not_places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, not_places);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      char *k = chronomap_normalize_name (key, FALSE, NULL);

      if (k != NULL)
        g_hash_table_add (self->not_places, k);
    }

  index_admin1 (self);
  if (!load_regions (self, error) || !load_states (self, error) || !load_counties (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Adds what each confidently resolved name of @spans tells to @out,
 * resolving with @in as context. */
static void
gather_evidence (GArray *spans,
                 GArray *in,
                 GArray *out)
{
  for (guint s = 0; s < spans->len && out->len < MAX_EVIDENCE; s++)
    {
      Span *span = &g_array_index (spans, Span, s);
      Evidence ev = { span->key, "", NULL, FALSE, 0, 0 };
      Place *best;
      double second = -G_MAXDOUBLE;

      if (span->rejected)
        continue;
      if (span->fuzzy != NULL)
        {
          /* a place the text announced ("the village of ...") */
          memcpy (ev.country, span->fuzzy->country, 3);
          ev.latitude = span->fuzzy->latitude;
          ev.longitude = span->fuzzy->longitude;
          ev.has_point = span->fuzzy->precision == CHRONOMAP_PRECISION_PLACE;
          g_array_append_val (out, ev);
          continue;
        }
      span->best = choose_place (span->places, in, span->key);
      if (span->best < 0)
        continue;
      best = &g_array_index (span->places, Place, span->best);
      for (guint k = 0; k < span->places->len; k++)
        if ((int) k != span->best)
          second = MAX (second, g_array_index (span->places, Place, k).score);
      if (best->score - second <= 1.0)
        continue;
      place_country (best, ev.country);
      /* an area named in the text, or the area of a large place */
      if (best->area != NULL || best->prior >= 5.0)
        ev.area = place_area_key (best);
      /* a county is small enough to stand for a point */
      if ((best->area != NULL && best->area->parent != NULL) ||
          (best->area == NULL && best->file->entries[best->index].precision == CHRONOMAP_PRECISION_PLACE))
        {
          place_position (best, &ev.latitude, &ev.longitude);
          ev.has_point = TRUE;
        }
      g_array_append_val (out, ev);
    }
}

/* How many names to compare with each name, and how many places of each
 * name: bounds the work on long texts. */
#define COHERENCE_WINDOW 8
#define COHERENCE_PLACES 30
#define COHERENCE_KM 160.0

/* Whether @place is small enough for its point to say what is near: a
 * town, a county, a state; not a country or a region. */
static gboolean
place_is_local (const Place *place)
{
  if (place->area != NULL)
    return !place->area->region;
  return !place_is_country (place);
}

static int
compare_prior_desc (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  GArray *places = user_data;
  double pa = g_array_index (places, Place, *(const guint *) a).prior;
  double pb = g_array_index (places, Place, *(const guint *) b).prior;

  return (pa < pb) - (pa > pb);
}

/* Local news names small places: "Paris" next to "Lamar County" and
 * "Reno" is the Texan one.  A place of a name scores for each other name
 * of the text (nearby in the text) that has a place of its own close to
 * it, the usual "spatial minimality" of geoparsers. */
static void
add_coherence (GArray *spans)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();          /* first Span of each key */
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) tops = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint s = 0; s < spans->len; s++)
    {
      Span *span = &g_array_index (spans, Span, s);

      if (span->rejected || g_hash_table_contains (seen, span->key))
        continue;
      g_hash_table_add (seen, span->key);
      g_ptr_array_add (keys, span);
    }

  /* each name's most likely places */
  for (guint k = 0; k < keys->len; k++)
    {
      Span *span = g_ptr_array_index (keys, k);
      GArray *top = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint i = 0; i < span->places->len; i++)
        g_array_append_val (top, i);
      g_array_sort_with_data (top, compare_prior_desc, span->places);
      if (top->len > COHERENCE_PLACES)
        g_array_set_size (top, COHERENCE_PLACES);
      g_ptr_array_add (tops, top);
    }

  for (guint k = 0; k < keys->len; k++)
    {
      Span *span = g_ptr_array_index (keys, k);
      GArray *top = g_ptr_array_index (tops, k);
      guint lo = k > COHERENCE_WINDOW ? k - COHERENCE_WINDOW : 0;
      guint hi = MIN (keys->len, k + COHERENCE_WINDOW + 1);

      if (span->places->len < 2)
        continue;
      for (guint t = 0; t < top->len; t++)
        {
          Place *place = &g_array_index (span->places, Place, g_array_index (top, guint, t));
          double lat, lon;
          guint count = 0;

          place_position (place, &lat, &lon);
          for (guint o = lo; o < hi; o++)
            {
              Span *other = g_ptr_array_index (keys, o);
              GArray *otop = g_ptr_array_index (tops, o);

              if (o == k)
                continue;
              for (guint u = 0; u < otop->len; u++)
                {
                  Place *op = &g_array_index (other->places, Place, g_array_index (otop, guint, u));
                  double olat, olon;

                  /* the point of a country says nothing of what is near
                   * it */
                  if (!place_is_local (op))
                    continue;
                  place_position (op, &olat, &olon);
                  if (fabs (olat - lat) < 3 &&
                      chronomap_geo_distance_km (lat, lon, olat, olon) < COHERENCE_KM)
                    {
                      count++;
                      break;
                    }
                }
            }
          place->coherence = 0.7 * MIN (count, 4);
        }
    }

  /* the other mentions of a name share its first one's places */
  {
    g_autoptr(GHashTable) firsts = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint k = 0; k < keys->len; k++)
      {
        Span *first = g_ptr_array_index (keys, k);

        g_hash_table_insert (firsts, first->key, first);
      }
    for (guint s = 0; s < spans->len; s++)
      {
        Span *span = &g_array_index (spans, Span, s);
        Span *first = g_hash_table_lookup (firsts, span->key);

        if (span->rejected || first == NULL || first == span ||
            first->places->len != span->places->len)
          continue;
        for (guint i = 0; i < span->places->len; i++)
          g_array_index (span->places, Place, i).coherence =
            g_array_index (first->places, Place, i).coherence;
      }
  }
}

/* What the text says of a name at one mention holds at every mention:
 * a report writes "Athens, Tenn." once, then "Athens"; "Georgia
 * residents", then "the Georgia Public Service Commission".  @adjust
 * maps a name key to a change of prior for each of its places; the
 * strongest cue of each sign is kept. */
static void
adjust_place (GHashTable *adjust,
              const Span *span,
              guint       k,
              double      delta)
{
  GArray *changes = g_hash_table_lookup (adjust, span->key);
  double *change;

  if (changes == NULL)
    {
      changes = g_array_new (FALSE, TRUE, sizeof (double));
      g_array_set_size (changes, span->places->len);
      g_hash_table_insert (adjust, span->key, changes);
    }
  if (k >= changes->len)
    return;
  change = &g_array_index (changes, double, k);
  *change = delta > 0 ? MAX (*change, delta) : MIN (*change, delta);
}

static void
apply_adjustments (GArray     *spans,
                   GHashTable *adjust)
{
  for (guint s = 0; s < spans->len; s++)
    {
      Span *span = &g_array_index (spans, Span, s);
      GArray *changes = g_hash_table_lookup (adjust, span->key);

      /* every mention of a key has the same places, in the same order */
      if (changes == NULL || span->rejected || changes->len != span->places->len)
        continue;
      for (guint k = 0; k < span->places->len; k++)
        g_array_index (span->places, Place, k).prior += g_array_index (changes, double, k);
    }
}

/* Whether one of the places of @span is a country or a first-order area. */
static gboolean
names_area (const Span *span)
{
  for (guint k = 0; k < span->places->len; k++)
    {
      const Place *place = &g_array_index (span->places, Place, k);

      if ((place->area != NULL && !place->area->region && place->area->parent == NULL) ||
          place_is_country (place))
        return TRUE;
    }
  return FALSE;
}

/* How much a qualifier after the comma moves the places of a name:
 * "Paris, Tex." all but settles it, "Paris, France" nearly. */
#define QUALIFIER_AREA 5.0
#define QUALIFIER_COUNTRY 3.0

/* How much a cue that a name is a town's ("a Lebanon woman") moves its
 * readings as a country or an area below those of a village. */
#define TOWN_CUE 6.0

/* A name in a list of counties is surely one. */
#define LISTED_COUNTY_SCORE 0.85

/* A dateline is a place, however common its word. */
#define DATELINE_SCORE 0.9

/* "Alexandria, Louisiana", "Athens, Tenn.", "Paris, France": the area or
 * country after the comma picks the places of the name before it that
 * lie in it, and is itself read as the area or country that holds one of
 * them. */
static void
apply_qualifiers (GArray     *spans,
                  GArray     *tokens,
                  const char *text,
                  GHashTable *adjust)
{
  for (guint s = 0; s + 1 < spans->len; s++)
    {
      Span *span = &g_array_index (spans, Span, s);
      Span *qualifier = &g_array_index (spans, Span, s + 1);
      const Token *l = &g_array_index (tokens, Token, span->last);
      const Token *f = &g_array_index (tokens, Token, qualifier->first);

      if (span->rejected || qualifier->rejected || span->fuzzy != NULL || qualifier->fuzzy != NULL ||
          qualifier->first != span->last + 1 || f->bstart - l->bend != 2 || text[l->bend] != ',')
        continue;
      /* "China, Japan", "Texas, Oklahoma": a list of countries or areas,
       * unless the second is an area written short ("Washington, D.C.") */
      if (!qualifier->fixed && names_area (span))
        continue;
      for (guint q = 0; q < qualifier->places->len; q++)
        {
          Place *outer = &g_array_index (qualifier->places, Place, q);
          char occ[3];
          gboolean holds = FALSE;

          if (outer->area == NULL && !place_is_country (outer))
            continue;
          if (outer->area != NULL && outer->area->region)
            continue;
          place_country (outer, occ);
          for (guint k = 0; k < span->places->len; k++)
            {
              Place *place = &g_array_index (span->places, Place, k);
              char pcc[3];

              place_country (place, pcc);
              if (outer->area != NULL && place_in_area (place, outer->area))
                adjust_place (adjust, span, k, QUALIFIER_AREA);
              else if (outer->area == NULL && strcmp (pcc, occ) == 0 && !place_is_country (place))
                adjust_place (adjust, span, k, QUALIFIER_COUNTRY);
              else
                continue;
              holds = TRUE;
            }
          if (!holds)
            continue;
          /* the area, and the places of the qualifier's name in it ("New
           * York" the city as well as the state) */
          adjust_place (adjust, qualifier, q, QUALIFIER_COUNTRY);
          for (guint r = 0; r < qualifier->places->len && outer->area != NULL; r++)
            if (place_in_area (&g_array_index (qualifier->places, Place, r), outer->area))
              adjust_place (adjust, qualifier, r, QUALIFIER_COUNTRY);
        }
    }
}

/* "MANSFIELD — The council...", "SALINA, Kan. (AP) --", "BEIRUT, March
 * 24, 2019 (Reuters) –": a report's dateline, a name in capitals opening
 * a sentence and followed, after an optional area or date and agency, by
 * a dash. */
static gboolean
is_dateline (const char *text,
             gsize       length,
             GArray     *tokens,
             const Span *span)
{
  if (!(g_array_index (tokens, Token, span->first).flags & TOK_SENT_START))
    return FALSE;
  for (guint i = span->first; i <= span->last; i++)
    if (!(g_array_index (tokens, Token, i).flags & TOK_ALLCAPS))
      return FALSE;
  return chronomap_dateline_rest (text + g_array_index (tokens, Token, span->last).bend + span->trail,
                                  text + length, NULL, NULL);
}

/* Nouns a town's name is put before, as in "a Lebanon woman" or "Jordan
 * residents"; a country's would be its adjective ("a Lebanese woman"). */
static const char * const townsfolk[] = {
  "man", "woman", "men", "women", "boy", "girl", "teen", "teenager", "resident", "residents",
  "native", "couple", "family", "mayor", "police", "council", "school", "schools", "motorist",
  "motorcyclist", "driver", "firefighters", "township", NULL
};

/* Words of a street address: "400 S. Locust St., Lebanon" is a town. */
static const char * const street_words[] = {
  "st", "street", "ave", "avenue", "rd", "road", "dr", "drive", "ln", "lane", "blvd",
  "boulevard", "hwy", "highway", "pike", "ct", "court", "pl", "parkway", "pkwy", NULL
};

/* What the words around a name say of its places, beyond the name: a
 * dateline names a town, not a country or area, and so does a name used
 * as townsfolk's ("Jordan residents") or closing a street address, not a
 * country. */
static void
apply_local_cues (GArray     *spans,
                  GArray     *tokens,
                  const char *text,
                  GHashTable *adjust)
{
  for (guint s = 0; s < spans->len; s++)
    {
      Span *span = &g_array_index (spans, Span, s);
      const Token *next = span->last + 1 < tokens->len ?
                          &g_array_index (tokens, Token, span->last + 1) : NULL;
      const Token *prev = span->first > 0 ? &g_array_index (tokens, Token, span->first - 1) : NULL;
      gboolean dateline, town;

      if (span->rejected || span->fuzzy != NULL || span->fixed)
        continue;
      dateline = span->dateline;
      /* states are written so too ("an Arizona woman"): only countries */
      town = (next != NULL && !(next->flags & TOK_UPPER) && g_strv_contains (townsfolk, next->lower) &&
              next->bstart == g_array_index (tokens, Token, span->last).bend + 1) ||
             (prev != NULL && g_strv_contains (street_words, prev->lower) && (prev->flags & TOK_UPPER) &&
              (text[prev->bend] == ',' || (text[prev->bend] == '.' && text[prev->bend + 1] == ',')));
      if (!dateline && !town)
        continue;
      for (guint k = 0; k < span->places->len; k++)
        {
          Place *place = &g_array_index (span->places, Place, k);

          if (place_is_country (place) || (dateline && place->area != NULL))
            adjust_place (adjust, span, k, -TOWN_CUE);
        }
    }
}

/* A name of a list of counties: tokens @first to @last name "@first
 * County". */
typedef struct
{
  guint first;
  guint last;
  char *key;     /* "walker county" */
} ListedCounty;

static void
listed_county_clear (gpointer data)
{
  g_free (((ListedCounty *) data)->key);
}

/* "Jackson and Barrow counties", "Cooke, Grayson and Love counties": each
 * name of a list of two or more before the plural is a county (a parish
 * in "... parishes").  The
 * names are walked back from the plural over ",", "and" and "or"; a name
 * of several words is the longest end of it that is a county. */
static GArray *
find_listed_counties (ChronomapGeoparser *self,
                      const char         *text,
                      GArray             *tokens)
{
  GArray *found = g_array_new (FALSE, TRUE, sizeof (ListedCounty));

  g_array_set_clear_func (found, listed_county_clear);
  for (guint k = 1; k < tokens->len; k++)
    {
      const Token *plural = &g_array_index (tokens, Token, k);
      const char *suffix;
      guint j = k;
      guint n_before = found->len;

      if (strcmp (plural->lower, "counties") == 0)
        suffix = "county";
      else if (strcmp (plural->lower, "parishes") == 0)
        suffix = "parish";
      else
        continue;

      while (j > 0)
        {
          guint last = j - 1, first = last;
          const Token *t = &g_array_index (tokens, Token, last);
          gboolean named = FALSE;

          if (!(t->flags & TOK_UPPER))
            break;
          /* the capitalised run that ends here, at most three words */
          while (first > 0 && last - first < 2 &&
                 (g_array_index (tokens, Token, first - 1).flags & TOK_UPPER) &&
                 g_array_index (tokens, Token, first - 1).bend + 1 == g_array_index (tokens, Token, first).bstart &&
                 text[g_array_index (tokens, Token, first - 1).bend] == ' ')
            first--;
          for (guint f = first; f <= last && !named; f++)
            {
              g_autofree char *name = span_key (tokens, f, last);
              g_autofree char *full = name != NULL ? g_strconcat (name, " ", suffix, NULL) : NULL;
              g_autofree char *key = full != NULL ? chronomap_normalize_name (full, FALSE, NULL) : NULL;

              if (key != NULL && g_hash_table_contains (self->admin1, key))
                {
                  ListedCounty listed = { f, last, g_steal_pointer (&key) };

                  g_array_append_val (found, listed);
                  named = TRUE;
                  first = f;
                }
            }
          if (!named || first == 0)
            break;
          /* before it: ",", "and", "or" (", and" is the same: the word
           * before "and" is read next whatever follows it) */
          j = first;
          {
            const Token *before = &g_array_index (tokens, Token, j - 1);

            if (strcmp (before->lower, "and") == 0 || strcmp (before->lower, "or") == 0)
              j--;
            else if (text[before->bend] != ',')
              break;
          }
        }
      /* "the middle of Indiana counties": one name is the state's */
      if (found->len == n_before + 1)
        g_array_set_size (found, n_before);
    }
  return found;
}

/* Words of place names written short, with a dot: "St. Louis". */
static const char * const name_abbreviations[] = { "st", "ste", "ft", "mt", "pt", NULL };

/* Words that, before "of", announce a place: "the village of Kafr Nabl". */
static const char * const place_nouns[] = {
  "town", "village", "city", "district", "province", "governorate", "suburb", "area",
  "outskirts", "countryside", "region", "hamlet", "neighbourhood", "neighborhood", NULL
};

/* Names the gazetteer does not know as written but that the text says
 * are places ("the village of Kafarya", "near Abu al-Duhur"): the
 * geocoder's spelling variants ("Kafraya", "Abu ad Duhur") are trusted
 * there and only there. */
static ChronomapGazetteerEntry *
fuzzy_place (ChronomapGeoparser *self,
             const char         *text,
             GArray             *tokens,
             guint               first,
             guint               maxlast,
             guint              *out_last)
{
  static const char * const near_words[] = { "near", "outside", "around", "toward", "towards", NULL };
  const Token *t = &g_array_index (tokens, Token, first);
  const Token *p1 = first >= 1 ? &g_array_index (tokens, Token, first - 1) : NULL;
  const Token *p2 = first >= 2 ? &g_array_index (tokens, Token, first - 2) : NULL;
  g_autoptr(ChronomapGeocodeResult) result = NULL;
  g_autofree char *query = NULL;
  guint last;
  gboolean cue;

  /* Arabic place names open with words that mean a place ("Kafr",
   * "Tal", "Deir", "Ain"...): after "in", "at", "from" such a run of two
   * words or more is a place too */
  static const char * const place_prefixes[] = {
    "kafr", "kfar", "tal", "tall", "tell", "deir", "dayr", "ain", "ayn", "jabal", "jebel", "khan",
    "ras", "bir", "beit", "bayt", "wadi", "qasr", "maarat", "marat", "jisr", "hamam", "hammam",
    "qalaat", "qalat", "souq", "suq", "bab", "tel", "umm", "um", NULL
  };
  static const char * const in_words[] = { "in", "at", "from", "into", "to", NULL };

  cue = (p1 != NULL && !(p1->flags & TOK_UPPER) && g_strv_contains (near_words, p1->lower)) ||
        (p1 != NULL && p2 != NULL && strcmp (p1->lower, "of") == 0 &&
         g_strv_contains (place_nouns, p2->lower)) ||
        (p1 != NULL && !(p1->flags & TOK_UPPER) && g_strv_contains (in_words, p1->lower) &&
         maxlast > first && g_strv_contains (place_prefixes, t->lower));
  if (!cue || g_hash_table_contains (self->stopwords, t->lower) ||
      g_hash_table_contains (self->given_names, t->lower) ||
      g_hash_table_contains (self->titles, t->lower))
    return NULL;

  /* the longest run ending on a capitalised word that the geocoder
   * knows: "Tal Tamr on Monday" is "Tal Tamr" */
  for (last = maxlast + 1; last-- > first; )
    {
      g_autofree char *key = NULL;

      if (!(g_array_index (tokens, Token, last).flags & TOK_UPPER))
        continue;
      g_clear_pointer (&query, g_free);
      g_clear_pointer (&result, chronomap_geocode_result_free);
      query = g_strndup (text + t->bstart, g_array_index (tokens, Token, last).bend - t->bstart);
      key = chronomap_normalize_name (query, FALSE, NULL);
      if (key == NULL || g_hash_table_contains (self->not_places, key) || strlen (key) < 4)
        continue;
      result = chronomap_geocoder_geocode (self->geocoder, query, NULL);
      if (result->resolved && result->entry != NULL && result->confidence >= 0.5 &&
          (result->precision == CHRONOMAP_PRECISION_PLACE || result->precision == CHRONOMAP_PRECISION_ADMIN))
        {
          *out_last = last;
          return chronomap_gazetteer_entry_copy (result->entry);
        }
    }
  return NULL;
}

/* "Paris, Tex.", "D-N.J.", "CHARLESTON, W.Va. --": the area whose
 * abbreviation is written from token @i on, or NULL; @out_last is its
 * last token. */
static const Admin1Area *
match_abbreviation (ChronomapGeoparser *self,
                    const char         *text,
                    gsize               length,
                    GArray             *tokens,
                    guint               i,
                    guint              *out_last)
{
  const Token *t = &g_array_index (tokens, Token, i);
  const Token *prev = i > 0 ? &g_array_index (tokens, Token, i - 1) : NULL;

  for (guint j = i; j < tokens->len && j < i + 3; j++)
    {
      const Token *u = &g_array_index (tokens, Token, j);
      gsize end = u->bend;
      g_autofree char *key = NULL;
      const Abbreviation *abbreviation;

      /* only dots and spaces between the letters: "W. Va." */
      if (j > i)
        for (gsize b = g_array_index (tokens, Token, j - 1).bend; b < u->bstart; b++)
          if (text[b] != '.' && text[b] != ' ')
            return NULL;
      if (text[end - 1] != '.')
        {
          if (end >= length || text[end] != '.')
            continue;
          end++;
        }
      key = abbreviation_key (text + t->bstart, end - t->bstart);
      abbreviation = g_hash_table_lookup (self->abbreviations, key);
      if (abbreviation == NULL)
        continue;
      if (abbreviation->guarded)
        {
          gboolean after_town, after_party;

          after_town = prev != NULL && (prev->flags & TOK_UPPER) && t->bstart == prev->bend + 2 &&
                       text[prev->bend] == ',' && text[prev->bend + 1] == ' ';
          after_party = prev != NULL && t->bstart == prev->bend + 1 && text[prev->bend] == '-' &&
                        (strcmp (prev->lower, "d") == 0 || strcmp (prev->lower, "r") == 0 ||
                         strcmp (prev->lower, "i") == 0);
          if (!after_town && !after_party)
            return NULL;
        }
      *out_last = j;
      return abbreviation->area;
    }
  return NULL;
}

/* With G_MESSAGES_DEBUG: the place chosen for a name and the runner-up,
 * with their scores. */
static void
log_choice (ChronomapGeoparser *self,
            Span               *span)
{
  g_autoptr(GString) line = NULL;
  int second = -1;

  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    return;
  for (guint i = 0; i < span->places->len; i++)
    if ((int) i != span->best &&
        (second < 0 || g_array_index (span->places, Place, i).score >
                       g_array_index (span->places, Place, second).score))
      second = i;
  line = g_string_new (NULL);
  for (int k = 0; k < 2; k++)
    {
      int index = k == 0 ? span->best : second;
      const Place *place;
      g_autoptr(ChronomapGazetteerEntry) entry = NULL;

      if (index < 0)
        break;
      place = &g_array_index (span->places, Place, index);
      entry = place_to_entry (self, place);
      g_string_append_printf (line, " | %s (%s, %s) %.2f: prior %.2f, coherence %.2f",
                              entry->name, entry->admin1 != NULL ? entry->admin1 : "-",
                              entry->country, place->score, place->prior, place->coherence);
    }
  g_debug ("“%s”:%s", span->key, line->str);
}

static int
compare_mentions (gconstpointer a,
                  gconstpointer b)
{
  const ChronomapPlaceMention *ma = *(ChronomapPlaceMention * const *) a;
  const ChronomapPlaceMention *mb = *(ChronomapPlaceMention * const *) b;

  return (ma->start > mb->start) - (ma->start < mb->start);
}

/**
 * chronomap_geoparser_parse:
 * @self: a geoparser
 * @text: UTF-8 text (a byte that is not valid UTF-8, or NUL, is read as "?")
 * @length: its length in bytes, or -1 if NUL-terminated
 *
 * Finds the place names in @text and resolves each to a gazetteer entry.
 *
 * Returns: (transfer full) (element-type ChronomapPlaceMention): the
 *   mentions in text order
 */
GPtrArray *
chronomap_geoparser_parse (ChronomapGeoparser *self,
                           const char         *text,
                           gssize              length)
{
  g_autoptr(GPtrArray) mentions = g_ptr_array_new_with_free_func ((GDestroyNotify) chronomap_place_mention_free);
  g_autoptr(GArray) spans = g_array_new (FALSE, TRUE, sizeof (Span));
  g_autoptr(GHashTable) lower_words = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) persons = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) word_votes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GArray) evidence = g_array_new (FALSE, TRUE, sizeof (Evidence));
  g_autoptr(GHashTable) adjust = NULL;
  g_autoptr(GArray) listed = NULL;
  g_autofree char *valid = NULL;
  GArray *tokens;
  gsize len;

  g_return_val_if_fail (CHRONOMAP_IS_GEOPARSER (self), NULL);
  g_return_val_if_fail (text != NULL || length == 0, NULL);

  len = length < 0 ? strlen (text) : (gsize) length;
  if (!g_utf8_validate (text, len, NULL))
    {
      /* Each invalid byte (and NUL) becomes "?": one byte for one, so
       * that offsets still point into the caller's text. */
      gsize i = 0;

      valid = g_malloc (len + 1);
      memcpy (valid, text, len);
      valid[len] = '\0';
      while (i < len)
        {
          const char *bad;

          if (g_utf8_validate (valid + i, len - i, &bad))
            break;
          i = bad - valid;
          valid[i++] = '?';
        }
      text = valid;
    }

  g_array_set_clear_func (spans, span_clear);
  g_array_set_clear_func (evidence, evidence_clear);
  tokens = tokenize (text, len);

  /* words written in lower case somewhere: common words, not names */
  for (guint i = 0; i < tokens->len; i++)
    {
      Token *t = &g_array_index (tokens, Token, i);

      if (!(t->flags & (TOK_UPPER | TOK_DIGIT)))
        g_hash_table_add (lower_words, t->lower);
    }

  /* names after a title, or as the second word of a capitalised pair
   * that is no place ("Mustafa Bali"), are people's */
  for (guint i = 0; i + 1 < tokens->len; i++)
    {
      Token *t = &g_array_index (tokens, Token, i);
      Token *u = &g_array_index (tokens, Token, i + 1);

      /* "Michael Jones": a given name, then the surname */
      if ((t->flags & TOK_UPPER) && (u->flags & TOK_UPPER) && !(t->flags & TOK_POSSESSIVE) &&
          u->bstart == t->bend + 1 && g_hash_table_contains (self->given_names, t->lower))
        g_hash_table_add (persons, u->lower);

      if ((t->flags & TOK_UPPER) && (u->flags & TOK_UPPER) && g_hash_table_contains (self->titles, t->lower) &&
          !(t->flags & TOK_POSSESSIVE))
        {
          guint j = i + 1;

          /* "President Barack Obama": the last capitalised word */
          while (j + 1 < tokens->len && (g_array_index (tokens, Token, j + 1).flags & TOK_UPPER) &&
                 g_array_index (tokens, Token, j + 1).bstart == g_array_index (tokens, Token, j).bend + 1)
            j++;
          g_hash_table_add (persons, g_array_index (tokens, Token, j).lower);
        }
    }

  listed = find_listed_counties (self, text, tokens);

  /* recognition: longest name first, left to right */
  for (guint i = 0; i < tokens->len; )
    {
      Token *t = &g_array_index (tokens, Token, i);
      gboolean found = FALSE;
      guint maxlast, alast;
      guint t_index = i;

      if (!(t->flags & TOK_UPPER) && !is_connector (t, TRUE))
        {
          i++;
          continue;
        }

      /* "Jackson and Barrow counties" */
      for (guint c = 0; c < listed->len; c++)
        {
          ListedCounty *county = &g_array_index (listed, ListedCounty, c);
          Span span = { 0 };

          if (county->first != i)
            continue;
          span.first = i;
          span.last = county->last;
          span.key = g_strdup (county->key);
          span.places = g_array_new (FALSE, TRUE, sizeof (Place));
          gather_places (self, span.key, span.places);
          set_priors (span.places);
          span.best = -1;
          span.score = LISTED_COUNTY_SCORE;
          span.fixed = TRUE;
          g_array_append_val (spans, span);
          i = county->last + 1;
          break;
        }
      if (i != t_index)
        continue;

      /* "Tex.", "N.J.": an area written short */
      if (t->flags & TOK_UPPER)
        {
          const Admin1Area *area = match_abbreviation (self, text, len, tokens, i, &alast);

          if (area != NULL)
            {
              const Token *l = &g_array_index (tokens, Token, alast);
              Span span = { 0 };
              Place place = { 0 };

              span.first = i;
              span.last = alast;
              if (text[l->bend - 1] != '.')
                span.trail = 1;
              span.key = abbreviation_key (text + t->bstart, l->bend + span.trail - t->bstart);
              span.places = g_array_new (FALSE, TRUE, sizeof (Place));
              place.area = area;
              place.canonical = TRUE;
              place.prior = place_prior (&place);
              g_array_append_val (span.places, place);
              span.best = -1;
              span.score = 0.9;
              span.fixed = TRUE;
              g_array_append_val (spans, span);
              i = alast + 1;
              continue;
            }
        }

      /* the run of words that could be one name */
      maxlast = i;
      for (guint j = i + 1; j < tokens->len && j < i + MAX_NAME_TOKENS; j++)
        {
          Token *prevt = &g_array_index (tokens, Token, j - 1);
          Token *u = &g_array_index (tokens, Token, j);
          const char *gap = text + prevt->bend;
          gboolean ok_gap = TRUE;

          /* "St. Louis", "Ft. Worth", "Mt. Vernon" */
          if (g_strv_contains (name_abbreviations, prevt->lower) && (prevt->flags & TOK_UPPER) &&
              u->bstart == prevt->bend + 2 && gap[0] == '.' && gap[1] == ' ')
            {
              if (!(u->flags & TOK_UPPER))
                break;
              maxlast = j;
              continue;
            }
          for (const char *g = gap; g < text + u->bstart; g++)
            if (*g != ' ' && *g != '-')
              ok_gap = FALSE;
          if (!ok_gap || (prevt->flags & TOK_POSSESSIVE) || u->bstart - prevt->bend > 1)
            break;
          if (!(u->flags & TOK_UPPER) && !is_connector (u, FALSE))
            break;
          /* "D-N.J.": a party's letter, then the state */
          if ((u->flags & TOK_UPPER) && match_abbreviation (self, text, len, tokens, j, &alast) != NULL)
            break;
          maxlast = j;
        }

      /* "near Abu Dhuhur": a name of several words the gazetteer has in
       * another spelling, rather than "Abu" alone */
      if (maxlast > i && (t->flags & TOK_UPPER))
        {
          g_autofree char *full = span_key (tokens, i, maxlast);

          if (full != NULL && !key_is_name (self, full))
            {
              Span span = { 0 };

              span.fuzzy = fuzzy_place (self, text, tokens, i, maxlast, &span.last);
              if (span.fuzzy != NULL && span.last > i)
                {
                  span.first = i;
                  span.key = chronomap_normalize_name (span.fuzzy->name, FALSE, NULL);
                  if (span.key == NULL)
                    span.key = g_strdup (span.fuzzy->id);
                  span.places = g_array_new (FALSE, TRUE, sizeof (Place));
                  span.best = -1;
                  span.score = 0.65;
                  g_array_append_val (spans, span);
                  i = span.last + 1;
                  continue;
                }
              g_clear_pointer (&span.fuzzy, chronomap_gazetteer_entry_free);
            }
        }

      for (guint last = maxlast + 1; last-- > i; )
        {
          Token *l = &g_array_index (tokens, Token, last);
          g_autofree char *key = NULL;

          if (!(l->flags & TOK_UPPER))
            continue;
          key = span_key (tokens, i, last);
          if (key == NULL || key[0] == '\0' || !key_is_name (self, key))
            continue;
          /* the name key drops a country's letters before a name ("U.S.
           * Sens." is "sens") and the Arabic articles ("An Alexandria
           * man" is "alexandria"): then they are no part of the name */
          if (last > i && (t->flags & (TOK_DOTTED | TOK_ALLCAPS | TOK_SENT_START)))
            {
              g_autofree char *rest = span_key (tokens, i + 1, last);

              if (g_strcmp0 (rest, key) == 0)
                continue;
            }

          {
            Span span = { 0 };

            span.first = i;
            span.last = last;
            span.key = g_steal_pointer (&key);
            span.places = g_array_new (FALSE, TRUE, sizeof (Place));
            span.best = -1;
            gather_places (self, span.key, span.places);
            /* "U.S.", "U.K.": letters with dots abbreviate a country or
             * an area, never a village ("Us", near Paris, in a text
             * that names Paris) */
            if (last == i && (t->flags & TOK_DOTTED))
              drop_populated_places (span.places);
            set_priors (span.places);
            /* a name reached only by dropping qualifiers is none here:
             * try the shorter runs */
            if (span.places->len == 0)
              {
                span_clear (&span);
                continue;
              }
            g_array_append_val (spans, span);
            found = TRUE;
          }
          i = last + 1;
          break;
        }

      if (!found && (t->flags & TOK_UPPER))
        {
          Span span = { 0 };

          span.fuzzy = fuzzy_place (self, text, tokens, i, maxlast, &span.last);
          if (span.fuzzy != NULL)
            {
              span.first = i;
              span.key = chronomap_normalize_name (span.fuzzy->name, FALSE, NULL);
              if (span.key == NULL)
                span.key = g_strdup (span.fuzzy->id);
              span.places = g_array_new (FALSE, TRUE, sizeof (Place));
              span.best = -1;
              span.score = 0.65;
              g_array_append_val (spans, span);
              i = span.last + 1;
              continue;
            }
        }

      if (!found)
        {
          /* The run is no name as a whole; the first word alone is a
           * person's given name when the next word is a place ("Mustafa
           * Bali"), so note the next word as a person's. */
          if (maxlast > i && (t->flags & TOK_UPPER) && !g_strv_contains (place_adjectives, t->lower) &&
              !g_hash_table_contains (self->stopwords, t->lower) && !(t->flags & TOK_ALLCAPS) &&
              !(t->flags & TOK_SENT_START) && !(t->flags & TOK_POSSESSIVE))
            {
              g_autofree char *first_key = span_key (tokens, i, i);

              if (first_key != NULL && !key_is_name (self, first_key))
                {
                  Token *u = &g_array_index (tokens, Token, i + 1);

                  if ((u->flags & TOK_UPPER) && maxlast == i + 1 &&
                      u->bstart == t->bend + 1)
                    g_hash_table_add (persons, u->lower);
                }
            }
          i++;
        }
    }

  for (guint s = 0; s < spans->len; s++)
    {
      Span *span = &g_array_index (spans, Span, s);

      if (span->fuzzy != NULL || span->fixed)
        continue;
      score_span (self, tokens, lower_words, persons, span);
      /* a dateline is a place, however common its word */
      span->dateline = is_dateline (text, len, tokens, span);
      if (span->dateline)
        span->score = MAX (span->score, DATELINE_SCORE);
    }

  /* One sense per text: a word that is surely a place in one spot is a
   * place everywhere; a word that is surely not, nowhere. */
  for (guint s = 0; s < spans->len; s++)
    {
      Span *span = &g_array_index (spans, Span, s);
      double *vote = g_hash_table_lookup (word_votes, span->key);

      if (vote == NULL)
        {
          vote = g_new (double, 2);
          vote[0] = span->score;
          vote[1] = span->score;
          g_hash_table_insert (word_votes, g_strdup (span->key), vote);
        }
      vote[0] = MIN (vote[0], span->score);
      vote[1] = MAX (vote[1], span->score);
    }
  for (guint s = 0; s < spans->len; s++)
    {
      Span *span = &g_array_index (spans, Span, s);
      double *vote = g_hash_table_lookup (word_votes, span->key);

      /* a strong penalty (a stopword, a title, a person) is not
       * overruled */
      if (vote[1] >= 0.6 && span->score >= 0.2)
        span->score = MAX (span->score, ACCEPT_SCORE);
      span->rejected = span->score < ACCEPT_SCORE;
      g_debug ("“%s”: recognition score %.2f%s", span->key, span->score,
               span->rejected ? ", rejected" : "");
    }

  adjust = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  apply_local_cues (spans, tokens, text, adjust);
  apply_qualifiers (spans, tokens, text, adjust);
  apply_adjustments (spans, adjust);
  add_coherence (spans);

  /* "Clarke County", "Caddo Parish": local news from the United States,
   * where counties are named so; one piece of evidence for the country */
  for (guint i = 1; i < tokens->len; i++)
    {
      const Token *t = &g_array_index (tokens, Token, i);
      const Token *prevt = &g_array_index (tokens, Token, i - 1);

      if ((t->flags & TOK_UPPER) && (prevt->flags & TOK_UPPER) && !(prevt->flags & TOK_POSSESSIVE) &&
          (strcmp (t->lower, "county") == 0 || strcmp (t->lower, "parish") == 0))
        {
          Evidence ev = { "", "US", NULL, FALSE, 0, 0 };

          g_array_append_val (evidence, ev);
          break;
        }
    }

  /* Resolution twice: first each name alone, to learn the text's
   * countries, areas and unambiguous places, then with those as context.
   * (A middle round with the first round's context settled no more
   * names on GeoVirus and LGL.) */
  gather_evidence (spans, NULL, evidence);

  for (guint s = 0; s < spans->len; s++)
    {
      Span *span = &g_array_index (spans, Span, s);
      const Token *first, *last;
      ChronomapPlaceMention *mention;

      if (span->rejected)
        continue;

      /* "Deir ez-Zor province": the area, not its seat */
      if (span->last + 1 < tokens->len)
        {
          static const char * const area_words[] = {
            "province", "governorate", "region", "state", "county", "district", "prefecture",
            "oblast", "department", NULL
          };
          const Token *after = &g_array_index (tokens, Token, span->last + 1);

          if (g_strv_contains (area_words, after->lower))
            for (guint k = 0; k < span->places->len; k++)
              {
                Place *place = &g_array_index (span->places, Place, k);

                if (place->area != NULL ||
                    place->file->entries[place->index].precision == CHRONOMAP_PRECISION_ADMIN)
                  place->prior += 3.0;
              }
        }

      if (span->fuzzy == NULL)
        {
          span->best = choose_place (span->places, evidence, span->key);
          if (span->best < 0)
            continue;
          log_choice (self, span);
        }

      first = &g_array_index (tokens, Token, span->first);
      last = &g_array_index (tokens, Token, span->last);
      mention = g_new0 (ChronomapPlaceMention, 1);
      mention->start = first->cstart;
      mention->end = last->cend + span->trail;
      mention->byte_start = first->bstart;
      mention->byte_end = last->bend + span->trail;
      mention->text = g_strndup (text + first->bstart, mention->byte_end - first->bstart);
      mention->entry = span->fuzzy != NULL ? chronomap_gazetteer_entry_copy (span->fuzzy) :
                       place_to_entry (self, &g_array_index (span->places, Place, span->best));
      mention->score = span->score;
      mention->dateline = span->dateline;
      g_ptr_array_add (mentions, mention);
    }

  tokens_free (tokens);
  g_ptr_array_sort (mentions, compare_mentions);
  return g_steal_pointer (&mentions);
}

/**
 * chronomap_geoparser_lookup:
 * @self: a geoparser
 * @name: a place name as written
 *
 * Lists every place the geoparser would weigh for @name in a text,
 * first-order areas included, in no particular order: what a reader of
 * its choices (a benchmark, a test) compares them with.
 *
 * Returns: (transfer full) (element-type ChronomapGazetteerEntry): the
 *   candidates, empty when @name is no place name
 */
GPtrArray *
chronomap_geoparser_lookup (ChronomapGeoparser *self,
                            const char         *name)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GArray) places = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (CHRONOMAP_IS_GEOPARSER (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) chronomap_gazetteer_entry_free);
  key = chronomap_normalize_name (name, FALSE, NULL);
  if (key == NULL || key[0] == '\0')
    return g_steal_pointer (&entries);
  places = g_array_new (FALSE, TRUE, sizeof (Place));
  gather_places (self, key, places);
  for (guint i = 0; i < places->len; i++)
    g_ptr_array_add (entries, place_to_entry (self, &g_array_index (places, Place, i)));
  return g_steal_pointer (&entries);
}
