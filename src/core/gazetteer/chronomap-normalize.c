/* chronomap-normalize.c: matching keys for place names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three keys are made from a name, each coarser than the last:
 *
 * - the name key: lower case, no diacritics, no Arabic harakat, Arabic
 *   letter variants unified, punctuation turned into spaces, articles
 *   ("al-", "ash-", "ال"...) and, on request, qualifiers ("village",
 *   "near", "Syria's"...) removed.  "Ar-Raqqah" gives "raqqah".
 * - the fold: common transliteration differences erased (q/k, ou/u, ee/i,
 *   sh/ch, doubled letters, a final h...).  "raqqah" and "rakka" give "raka".
 * - the skeleton: the fold's consonants, with the words run together, to
 *   gather candidates whose vowels were heard differently ("kafarya",
 *   "kafraya" give "kfr").  Candidates are then ranked by edit distance.
 *
 * A fourth key bridges the scripts: the consonants, Latin or Arabic, as
 * one set of sound classes ("Al Kareem" and "الكريم" give "krm"), with
 * every vowel, ayn, hamza, waw and yeh left out, as Arabic spelling
 * leaves out most vowels and transliterations disagree on the rest.
 *
 * Matching is always of whole keys: a name never matches a part of a word.
 */
#define G_LOG_DOMAIN "chronomap-normalize"

#include "config.h"

#include "chronomap-normalize.h"

#include <string.h>

#define MAX_TOKENS 32

/* Arabic articles as transliterated; dropped when another word follows. */
static const char * const articles[] = {
  "al", "el", "ar", "as", "ad", "at", "ash", "az", "an", "ath", "adh", "ed",
  "ez", "es", "er", "et", "en", "esh", "ul", "ud", "us", "un", "aal",
  NULL
};

typedef struct
{
  const char *words[3];
  ChronomapNameFlags flags;
} Qualifier;

/* Words before a name that locate around it rather than name it. */
static const Qualifier leading_qualifiers[] = {
  { { "outskirts", "of" }, CHRONOMAP_NAME_NEAR },
  { { "outskirts" }, CHRONOMAP_NAME_NEAR },
  { { "vicinity", "of" }, CHRONOMAP_NAME_NEAR },
  { { "countryside", "of" }, CHRONOMAP_NAME_NEAR },
  { { "near" }, CHRONOMAP_NAME_NEAR },
  { { "nr" }, CHRONOMAP_NAME_NEAR },
  { { "around" }, CHRONOMAP_NAME_NEAR },
  { { "outside" }, CHRONOMAP_NAME_NEAR },
  { { "eastern" }, CHRONOMAP_NAME_NEAR },
  { { "western" }, CHRONOMAP_NAME_NEAR },
  { { "northern" }, CHRONOMAP_NAME_NEAR },
  { { "southern" }, CHRONOMAP_NAME_NEAR },
  { { "northeastern" }, CHRONOMAP_NAME_NEAR },
  { { "northwestern" }, CHRONOMAP_NAME_NEAR },
  { { "southeastern" }, CHRONOMAP_NAME_NEAR },
  { { "southwestern" }, CHRONOMAP_NAME_NEAR },
  { { "north" }, CHRONOMAP_NAME_NEAR },
  { { "south" }, CHRONOMAP_NAME_NEAR },
  { { "east" }, CHRONOMAP_NAME_NEAR },
  { { "west" }, CHRONOMAP_NAME_NEAR },
  { { "northeast" }, CHRONOMAP_NAME_NEAR },
  { { "northwest" }, CHRONOMAP_NAME_NEAR },
  { { "southeast" }, CHRONOMAP_NAME_NEAR },
  { { "southwest" }, CHRONOMAP_NAME_NEAR },
  { { "central" }, CHRONOMAP_NAME_NONE },
  { { "rural" }, CHRONOMAP_NAME_NEAR },
  { { "greater" }, CHRONOMAP_NAME_NONE },
  { { "downtown" }, CHRONOMAP_NAME_NONE },
  { { "city", "of" }, CHRONOMAP_NAME_PLACE },
  { { "town", "of" }, CHRONOMAP_NAME_PLACE },
  { { "village", "of" }, CHRONOMAP_NAME_PLACE },
  { { "province", "of" }, CHRONOMAP_NAME_ADMIN },
  { { "governorate", "of" }, CHRONOMAP_NAME_ADMIN },
  { { "district", "of" }, CHRONOMAP_NAME_ADMIN | CHRONOMAP_NAME_DISTRICT },
  { { "mintaqat" }, CHRONOMAP_NAME_ADMIN | CHRONOMAP_NAME_DISTRICT },
  { { "muhafazat" }, CHRONOMAP_NAME_ADMIN },
  { { "nahiyat" }, CHRONOMAP_NAME_ADMIN | CHRONOMAP_NAME_DISTRICT },
  { { "the" }, CHRONOMAP_NAME_NONE },
  { { "قرب" }, CHRONOMAP_NAME_NEAR },
  { { "ريف" }, CHRONOMAP_NAME_NEAR },
  { { "ضواحي" }, CHRONOMAP_NAME_NEAR },
  { { "محيط" }, CHRONOMAP_NAME_NEAR },
  { { "مدينه" }, CHRONOMAP_NAME_PLACE },
  { { "قريه" }, CHRONOMAP_NAME_PLACE },
  { { "بلده" }, CHRONOMAP_NAME_PLACE },
  { { "محافظه" }, CHRONOMAP_NAME_ADMIN },
  { { "منطقه" }, CHRONOMAP_NAME_ADMIN | CHRONOMAP_NAME_DISTRICT },
  { { "ناحيه" }, CHRONOMAP_NAME_ADMIN | CHRONOMAP_NAME_DISTRICT },
};

/* Words after a name that say what kind of place it is. */
static const Qualifier trailing_qualifiers[] = {
  { { "city" }, CHRONOMAP_NAME_PLACE },
  { { "town" }, CHRONOMAP_NAME_PLACE },
  { { "village" }, CHRONOMAP_NAME_PLACE },
  { { "villages" }, CHRONOMAP_NAME_PLACE },
  { { "hamlet" }, CHRONOMAP_NAME_PLACE },
  { { "suburb" }, CHRONOMAP_NAME_PLACE },
  { { "suburbs" }, CHRONOMAP_NAME_NEAR },
  { { "neighbourhood" }, CHRONOMAP_NAME_PLACE },
  { { "neighborhood" }, CHRONOMAP_NAME_PLACE },
  { { "quarter" }, CHRONOMAP_NAME_PLACE },
  { { "municipality" }, CHRONOMAP_NAME_PLACE },
  { { "camp" }, CHRONOMAP_NAME_PLACE },
  { { "farms" }, CHRONOMAP_NAME_NEAR },
  { { "outskirts" }, CHRONOMAP_NAME_NEAR },
  { { "countryside" }, CHRONOMAP_NAME_NEAR },
  { { "vicinity" }, CHRONOMAP_NAME_NEAR },
  { { "environs" }, CHRONOMAP_NAME_NEAR },
  { { "area" }, CHRONOMAP_NAME_NEAR },
  { { "governorate" }, CHRONOMAP_NAME_ADMIN },
  { { "governate" }, CHRONOMAP_NAME_ADMIN },
  { { "province" }, CHRONOMAP_NAME_ADMIN },
  { { "district" }, CHRONOMAP_NAME_ADMIN | CHRONOMAP_NAME_DISTRICT },
  { { "subdistrict" }, CHRONOMAP_NAME_ADMIN | CHRONOMAP_NAME_DISTRICT },
  { { "sub" }, CHRONOMAP_NAME_ADMIN | CHRONOMAP_NAME_DISTRICT },
  { { "region" }, CHRONOMAP_NAME_ADMIN },
  /* what other countries call their first-order areas, as UCDP and
   * ACLED write them ("Tigray state", "Stavropol krai", "Cauca
   * department") */
  { { "state" }, CHRONOMAP_NAME_ADMIN },
  { { "krai" }, CHRONOMAP_NAME_ADMIN },
  { { "kray" }, CHRONOMAP_NAME_ADMIN },
  { { "oblast" }, CHRONOMAP_NAME_ADMIN },
  { { "department" }, CHRONOMAP_NAME_ADMIN },
  { { "departement" }, CHRONOMAP_NAME_ADMIN },
  { { "county" }, CHRONOMAP_NAME_ADMIN },
  { { "prefecture" }, CHRONOMAP_NAME_ADMIN },
  { { "territory" }, CHRONOMAP_NAME_ADMIN },
  { { "wilaya" }, CHRONOMAP_NAME_ADMIN },
  { { "nahiya" }, CHRONOMAP_NAME_ADMIN | CHRONOMAP_NAME_DISTRICT },
  { { "river" }, CHRONOMAP_NAME_RIVER },
  /* Sites named after the town they are at or near: the town's point is
   * the best a gazetteer of places can give. */
  { { "checkpoint" }, CHRONOMAP_NAME_NEAR },
  { { "airbase" }, CHRONOMAP_NAME_NEAR },
  { { "airport" }, CHRONOMAP_NAME_NEAR },
  { { "airfield" }, CHRONOMAP_NAME_NEAR },
  { { "base" }, CHRONOMAP_NAME_NEAR },
  { { "military" }, CHRONOMAP_NAME_NEAR },
  { { "air" }, CHRONOMAP_NAME_NEAR },
  { { "field" }, CHRONOMAP_NAME_NEAR },
  { { "oil" }, CHRONOMAP_NAME_NEAR },
  { { "gas" }, CHRONOMAP_NAME_NEAR },
  { { "farm" }, CHRONOMAP_NAME_NEAR },
  { { "hill" }, CHRONOMAP_NAME_NEAR },
  { { "hills" }, CHRONOMAP_NAME_NEAR },
  { { "road" }, CHRONOMAP_NAME_NEAR },
  { { "highway" }, CHRONOMAP_NAME_NEAR },
  { { "bridge" }, CHRONOMAP_NAME_NEAR },
  { { "dam" }, CHRONOMAP_NAME_NEAR },
  { { "crossing" }, CHRONOMAP_NAME_NEAR },
  { { "border" }, CHRONOMAP_NAME_NEAR },
  { { "junction" }, CHRONOMAP_NAME_NEAR },
  { { "crossroad" }, CHRONOMAP_NAME_NEAR },
  { { "crossroads" }, CHRONOMAP_NAME_NEAR },
  { { "intersection" }, CHRONOMAP_NAME_NEAR },
  { { "roundabout" }, CHRONOMAP_NAME_NEAR },
  { { "ruin" }, CHRONOMAP_NAME_NEAR },
  { { "ruins" }, CHRONOMAP_NAME_NEAR },
  { { "station" }, CHRONOMAP_NAME_NEAR },
  { { "prison" }, CHRONOMAP_NAME_NEAR },
  { { "hospital" }, CHRONOMAP_NAME_NEAR },
  { { "school" }, CHRONOMAP_NAME_NEAR },
  { { "factory" }, CHRONOMAP_NAME_NEAR },
  { { "plant" }, CHRONOMAP_NAME_NEAR },
  { { "lake" }, CHRONOMAP_NAME_NEAR },
  { { "plain" }, CHRONOMAP_NAME_NEAR },
  { { "plains" }, CHRONOMAP_NAME_NEAR },
  { { "desert" }, CHRONOMAP_NAME_NEAR },
  { { "mountains" }, CHRONOMAP_NAME_NEAR },
  { { "mountain" }, CHRONOMAP_NAME_NEAR },
  { { "range" }, CHRONOMAP_NAME_NEAR },
  { { "reservoir" }, CHRONOMAP_NAME_NEAR },
  { { "power" }, CHRONOMAP_NAME_NEAR },
  { { "thermal" }, CHRONOMAP_NAME_NEAR },
  { { "refugee" }, CHRONOMAP_NAME_NEAR },
  { { "silos" }, CHRONOMAP_NAME_NEAR },
  { { "silo" }, CHRONOMAP_NAME_NEAR },
  { { "springs" }, CHRONOMAP_NAME_NEAR },
  { { "spring" }, CHRONOMAP_NAME_NEAR },
  { { "island" }, CHRONOMAP_NAME_NEAR },
  { { "sector" }, CHRONOMAP_NAME_NEAR },
  { { "pocket" }, CHRONOMAP_NAME_NEAR },
  { { "mills" }, CHRONOMAP_NAME_NEAR },
  { { "mill" }, CHRONOMAP_NAME_NEAR },
  { { "complex" }, CHRONOMAP_NAME_NEAR },
  { { "fields" }, CHRONOMAP_NAME_NEAR },
  { { "front" }, CHRONOMAP_NAME_NEAR },
  { { "frontline" }, CHRONOMAP_NAME_NEAR },
  { { "outpost" }, CHRONOMAP_NAME_NEAR },
  { { "barracks" }, CHRONOMAP_NAME_NEAR },
  { { "academy" }, CHRONOMAP_NAME_NEAR },
  { { "university" }, CHRONOMAP_NAME_NEAR },
  { { "market" }, CHRONOMAP_NAME_NEAR },
  { { "square" }, CHRONOMAP_NAME_NEAR },
  { { "mosque" }, CHRONOMAP_NAME_NEAR },
  { { "church" }, CHRONOMAP_NAME_NEAR },
  { { "eastern" }, CHRONOMAP_NAME_NEAR },
  { { "western" }, CHRONOMAP_NAME_NEAR },
  { { "northern" }, CHRONOMAP_NAME_NEAR },
  { { "southern" }, CHRONOMAP_NAME_NEAR },
  /* "US-backed", "Saudi-led", "Damascus-based": the place behind a
   * side, not a place of its own */
  { { "backed" }, CHRONOMAP_NAME_NONE },
  { { "led" }, CHRONOMAP_NAME_NONE },
  { { "based" }, CHRONOMAP_NAME_NONE },
  { { "controlled" }, CHRONOMAP_NAME_NONE },
  { { "allied" }, CHRONOMAP_NAME_NONE },
  { { "sponsored" }, CHRONOMAP_NAME_NONE },
  { { "supported" }, CHRONOMAP_NAME_NONE },
  { { "affiliated" }, CHRONOMAP_NAME_NONE },
  { { "aligned" }, CHRONOMAP_NAME_NONE },
  { { "مدينه" }, CHRONOMAP_NAME_PLACE },
  { { "قريه" }, CHRONOMAP_NAME_PLACE },
  { { "محافظه" }, CHRONOMAP_NAME_ADMIN },
};

/* The qualifiers by their first word, looked up once per token rather than
 * compared one by one. */
static GHashTable *
qualifier_index (const Qualifier *qualifiers,
                 guint            n)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    if (!g_hash_table_contains (index, qualifiers[i].words[0]))
      g_hash_table_insert (index, (gpointer) qualifiers[i].words[0], (gpointer) &qualifiers[i]);
  return index;
}

static GHashTable *
leading_index (void)
{
  static GHashTable *index = NULL;

  if (g_once_init_enter (&index))
    g_once_init_leave (&index, qualifier_index (leading_qualifiers,
                                                G_N_ELEMENTS (leading_qualifiers)));
  return index;
}

static GHashTable *
trailing_index (void)
{
  static GHashTable *index = NULL;

  if (g_once_init_enter (&index))
    g_once_init_leave (&index, qualifier_index (trailing_qualifiers,
                                                G_N_ELEMENTS (trailing_qualifiers)));
  return index;
}

static gboolean
is_apostrophe (gunichar c)
{
  switch (c)
    {
    case 0x0027: case 0x0060: case 0x00B4: case 0x2018: case 0x2019:
    case 0x02B9: case 0x02BB: case 0x02BC: case 0x02BE: case 0x02BF:
    case 0x02C8: case 0x2032:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Appends @c, lower-cased, with the letters NFKD leaves whole spelled the
 * way a transliteration would, and Arabic letter variants unified.  Returns
 * FALSE when @c is no letter or digit (a separator). */
static gboolean
append_letter (GString  *out,
               gunichar  c)
{
  switch (c)
    {
    /* alef wasla and alef variants NFKD keeps: plain alef */
    case 0x0671: case 0x0672: case 0x0673: case 0x0675:
      c = 0x0627; break;
    case 0x0629: case 0x06C0: case 0x06D5:   /* ta marbuta, heh variants */
      c = 0x0647; break;
    case 0x0649: case 0x06CC: case 0x06D2:   /* alef maksura, farsi yeh */
      c = 0x064A; break;
    case 0x06A9:                             /* keheh */
      c = 0x0643; break;
    case 0x00F8: case 0x00D8: c = 'o'; break;
    case 0x0142: case 0x0141: c = 'l'; break;
    case 0x0111: case 0x0110: case 0x00F0: case 0x00D0: c = 'd'; break;
    case 0x0131: c = 'i'; break;
    case 0x0127: case 0x0126: c = 'h'; break;
    case 0x0167: case 0x0166: c = 't'; break;
    case 0x00DF: g_string_append (out, "ss"); return TRUE;
    case 0x00E6: case 0x00C6: g_string_append (out, "ae"); return TRUE;
    case 0x0153: case 0x0152: g_string_append (out, "oe"); return TRUE;
    case 0x00FE: case 0x00DE: g_string_append (out, "th"); return TRUE;
    default:
      break;
    }

  if (!g_unichar_isalnum (c))
    return FALSE;

  g_string_append_unichar (out, g_unichar_tolower (c));
  return TRUE;
}

static gboolean
token_is (const char *token,
          const char *word)
{
  return strcmp (token, word) == 0;
}

static gboolean
is_article (const char *token)
{
  /* every article is two or three letters, starting with a, e or u */
  if ((token[0] != 'a' && token[0] != 'e' && token[0] != 'u') ||
      token[1] == '\0' || (token[2] != '\0' && token[3] != '\0'))
    return FALSE;
  for (guint i = 0; articles[i] != NULL; i++)
    if (token_is (token, articles[i]))
      return TRUE;
  return FALSE;
}

/* Does the phrase @words match the tokens from @start?  Returns its length. */
static guint
match_phrase (char        **tokens,
              guint         start,
              guint         n_tokens,
              const char   *const *words)
{
  guint n = 0;

  while (n < 3 && words[n] != NULL)
    {
      if (start + n >= n_tokens || !token_is (tokens[start + n], words[n]))
        return 0;
      n++;
    }
  return n;
}

/* The tokens from @first to @n joined by spaces, articles left out unless
 * they are all there is; %NULL when empty. */
static char *
join_tokens (char  **tokens,
             guint   first,
             guint   n)
{
  gsize lens[MAX_TOKENS];
  gsize size = 0;
  char *out, *p;

  /* measured first: one allocation, as every lookup makes two keys */
  for (guint i = first; i < n; i++)
    {
      lens[i] = (i + 1 < n && is_article (tokens[i])) ? 0 : strlen (tokens[i]);
      if (lens[i] > 0)
        size += lens[i] + 1;
    }
  if (size == 0)
    return NULL;

  p = out = g_malloc (size);
  for (guint i = first; i < n; i++)
    {
      if (lens[i] == 0)
        continue;
      if (p > out)
        *p++ = ' ';
      memcpy (p, tokens[i], lens[i]);
      p += lens[i];
    }
  *p = '\0';
  return out;
}

/**
 * chronomap_normalize_name_pair:
 * @name: a place name as written, any script, any encoding damage
 * @out_full: (out) (optional) (nullable): the name key with qualifiers kept
 * @out_stripped: (out) (optional) (nullable): the name key without qualifiers
 * @out_flags: (out) (optional): what the removed qualifiers said
 *
 * Both keys of chronomap_normalize_name() at the cost of one.
 */
void
chronomap_normalize_name_pair (const char          *name,
                               char               **out_full,
                               char               **out_stripped,
                               ChronomapNameFlags  *out_flags)
{
  ChronomapNameFlags flags = CHRONOMAP_NAME_NONE;
  g_autofree char *valid = NULL;
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) pre = NULL;
  g_autoptr(GString) word = NULL;
  char *tokens[MAX_TOKENS];
  gsize offsets[MAX_TOKENS];
  g_autoptr(GString) store = NULL;   /* the tokens, each ending in NUL */
  guint n_tokens = 0;
  guint first = 0;
  guint depth = 0;
  gboolean ascii = TRUE;
  gsize len;

  if (out_full != NULL)
    *out_full = NULL;
  if (out_stripped != NULL)
    *out_stripped = NULL;
  if (out_flags != NULL)
    *out_flags = CHRONOMAP_NAME_NONE;
  if (name == NULL)
    return;
  len = strlen (name);
  if (len == 0 || len > CHRONOMAP_NAME_MAX_BYTES)
    return;

  if (!g_utf8_validate_len (name, len, NULL))
    name = valid = g_utf8_make_valid (name, len);

  /* Apostrophes and ayn/hamza signs first, as NFKD would turn some of them
   * into a space; parenthesised text goes too. */
  pre = g_string_sized_new (len);
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);

      if (c == '(' || c == '[')
        depth++;
      else if ((c == ')' || c == ']') && depth > 0)
        depth--;
      else if (depth > 0)
        continue;
      else if (is_apostrophe (c))
        g_string_append_c (pre, '\'');
      else if (c < 0x80)
        {
          g_string_append_c (pre, (char) c);
        }
      else
        {
          ascii = FALSE;
          g_string_append_unichar (pre, c);
        }
    }

  /* ASCII is its own decomposition, and most names are ASCII. */
  if (!ascii)
    {
      decomposed = g_utf8_normalize (pre->str, pre->len, G_NORMALIZE_ALL);
      if (decomposed == NULL)
        return;
    }

  word = g_string_sized_new (32);
  store = g_string_sized_new (len + 8);
  for (const char *p = decomposed != NULL ? decomposed : pre->str; ; p = g_utf8_next_char (p))
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);
      GUnicodeType type;

      if (c != 0 && c < 0x80)
        {
          if (g_ascii_isalnum (c))
            {
              g_string_append_c (word, g_ascii_tolower (c));
              continue;
            }
          if (c == '\'')
            {
              g_string_append_c (word, '\'');
              continue;
            }
        }
      else if (c != 0)
        {
          type = g_unichar_type (c);
          if (type == G_UNICODE_NON_SPACING_MARK ||
              type == G_UNICODE_SPACING_MARK ||
              type == G_UNICODE_ENCLOSING_MARK ||
              c == 0x0640 /* tatweel */ ||
              c == 0x200C || c == 0x200D ||
              c == 0xFFFD /* a byte that was not UTF-8: most often a
                           * mis-decoded letter inside a word */)
            continue;
          if (c == '\'')
            {
              g_string_append_c (word, '\'');
              continue;
            }
          if (append_letter (word, c))
            continue;
        }

      /* end of a word */
      if (word->len > 0 && n_tokens < MAX_TOKENS)
        {
          offsets[n_tokens++] = store->len;
          g_string_append_len (store, word->str, word->len);
          g_string_append_c (store, '\0');
        }
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }

  /* the store is complete: its tokens stay where they are */
  for (guint i = 0; i < n_tokens; i++)
    tokens[i] = store->str + offsets[i];

  /* Possessives ("Syria's Raqqa") qualify what follows; then apostrophes
   * inside words go ("Ma'arrat" is "Maarrat"). */
  for (guint i = 0; i < n_tokens; i++)
    {
      char *t = tokens[i];
      gsize tl = strlen (t);
      char *w = t;

      if (i + 1 < n_tokens && tl > 2 && g_str_has_suffix (t, "'s"))
        {
          t[0] = '\0';
          continue;
        }
      for (char *r = t; *r != '\0'; r++)
        if (*r != '\'')
          *w++ = *r;
      *w = '\0';

      /* The Arabic article is written joined to its word. */
      if (g_str_has_prefix (t, "\xd8\xa7\xd9\x84") && g_utf8_strlen (t, -1) >= 4)
        memmove (t, t + 4, strlen (t + 4) + 1);
    }

  /* drop emptied tokens */
  {
    guint w = 0;

    for (guint i = 0; i < n_tokens; i++)
      {
        if (tokens[i][0] != '\0')
          tokens[w++] = tokens[i];
      }
    n_tokens = w;
  }

  if (out_full != NULL)
    *out_full = join_tokens (tokens, 0, n_tokens);

  if (out_stripped != NULL)
    {
      gboolean changed = TRUE;

      while (changed)
        {
          changed = FALSE;
          if (first < n_tokens && g_hash_table_contains (leading_index (), tokens[first]))
            {
              /* several phrases may start with the word: the longest first */
              for (guint q = 0; q < G_N_ELEMENTS (leading_qualifiers); q++)
                {
                  guint m = match_phrase (tokens, first, n_tokens, leading_qualifiers[q].words);

                  if (m > 0 && first + m < n_tokens)
                    {
                      flags |= leading_qualifiers[q].flags | CHRONOMAP_NAME_STRIPPED;
                      first += m;
                      changed = TRUE;
                      break;
                    }
                }
            }
          while (n_tokens > first + 1 && !changed)
            {
              const Qualifier *found = g_hash_table_lookup (trailing_index (),
                                                            tokens[n_tokens - 1]);

              if (found == NULL)
                break;
              flags |= found->flags | CHRONOMAP_NAME_STRIPPED;
              n_tokens--;
              changed = TRUE;
            }
        }
    }

  if (out_stripped != NULL)
    *out_stripped = join_tokens (tokens, first, n_tokens);


  if (out_flags != NULL)
    *out_flags = flags;
}

/**
 * chronomap_normalize_name:
 * @name: a place name as written, any script, any encoding damage
 * @strip_qualifiers: remove qualifiers ("village", "near"...)
 * @out_flags: (out) (optional): what the removed qualifiers said
 *
 * Makes the name key of @name (see the top of this file).  Invalid UTF-8 is
 * repaired first; text in parentheses is left out.
 *
 * Returns: (transfer full) (nullable): the key, or %NULL when nothing of a
 *   name is left (empty, only punctuation, longer than
 *   %CHRONOMAP_NAME_MAX_BYTES)
 */
char *
chronomap_normalize_name (const char         *name,
                          gboolean            strip_qualifiers,
                          ChronomapNameFlags *out_flags)
{
  char *key = NULL;

  if (strip_qualifiers)
    chronomap_normalize_name_pair (name, NULL, &key, out_flags);
  else
    {
      chronomap_normalize_name_pair (name, &key, NULL, NULL);
      if (out_flags != NULL)
        *out_flags = CHRONOMAP_NAME_NONE;
    }
  return key;
}

static gboolean
is_vowel (char c)
{
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'w';
}

/**
 * chronomap_normalize_fold:
 * @key: a name key from chronomap_normalize_name()
 *
 * Erases the common differences between transliterations of one name.
 *
 * Returns: (transfer full): the fold of @key
 */
char *
chronomap_normalize_fold (const char *key)
{
  GString *out;
  gsize len;

  g_return_val_if_fail (key != NULL, NULL);

  len = strlen (key);
  out = g_string_sized_new (len);

  for (gsize i = 0; i < len; )
    {
      const char *p = key + i;
      char c = p[0];
      char n = p[1];
      char r = 0;
      guint skip = 1;

      if (((guchar) c) >= 0x80)
        {
          /* Arabic and other scripts are matched as written. */
          g_string_append_c (out, c);
          i++;
          continue;
        }

      if (c == 's' && n == 'c' && p[2] == 'h')
        r = 's', skip = 3;
      else if (n == 'h' && (c == 'c' || c == 's'))
        r = 's', skip = 2;
      else if (c == 'k' && n == 'h')
        r = 'x', skip = 2;   /* kha is its own letter: Khasham is not Qasim */
      else if (n == 'h' && (c == 'g' || c == 't' || c == 'd'))
        r = c, skip = 2;
      else if (c == 'p' && n == 'h')
        r = 'f', skip = 2;
      else if ((c == 'd' || c == 'z') && (n == 'j' || n == 'h'))
        r = 'j', skip = 2;
      else if (c == 'c' && n == 'k')
        r = 'k', skip = 2;
      else if ((c == 'o' && (n == 'u' || n == 'o')) || (c == 'u' && n == 'e'))
        r = 'u', skip = 2;
      else if (c == 'e' && (n == 'e' || n == 'y'))
        r = (n == 'e') ? 'i' : 'a', skip = (n == 'e') ? 2 : 1;
      else
        {
          switch (c)
            {
            case 'q': case 'c': r = 'k'; break;
            case 'o': case 'w': r = 'u'; break;
            case 'e': r = 'a'; break;
            case 'y': r = 'i'; break;
            case 'v': r = 'f'; break;
            default: r = c; break;
            }
        }

      i += skip;

      /* doubled letters once */
      if (out->len > 0 && out->str[out->len - 1] == r && r != ' ')
        continue;
      g_string_append_c (out, r);
    }

  /* A final h after a vowel is not heard ("Raqqah"). */
  {
    gsize w = 0;

    for (gsize i = 0; i < out->len; i++)
      {
        char c = out->str[i];
        char next = (i + 1 < out->len) ? out->str[i + 1] : ' ';

        if (c == 'h' && next == ' ' && w > 1 &&
            (out->str[w - 1] == 'a' || out->str[w - 1] == 'i' || out->str[w - 1] == 'u'))
          continue;
        out->str[w++] = c;
      }
    g_string_truncate (out, w);
  }

  return g_string_free (out, FALSE);
}

/**
 * chronomap_normalize_skeleton:
 * @fold: a fold from chronomap_normalize_fold()
 *
 * The consonants of @fold with the words run together, each word's first
 * letter kept (a vowel as "a"); Arabic long vowels are dropped likewise.
 *
 * Returns: (transfer full): the skeleton
 */
char *
chronomap_normalize_skeleton (const char *fold)
{
  GString *out;
  gboolean word_start = TRUE;

  g_return_val_if_fail (fold != NULL, NULL);

  out = g_string_sized_new (strlen (fold));
  for (const char *p = fold; *p != '\0'; )
    {
      if (*p == ' ')
        {
          word_start = TRUE;
          p++;
          continue;
        }
      if (((guchar) *p) >= 0x80)
        {
          gunichar c = g_utf8_get_char_validated (p, -1);
          const char *next = g_utf8_next_char (p);

          /* alef, waw, yeh, hamza: vowels in Arabic spelling */
          if (!word_start && (c == 0x0627 || c == 0x0648 || c == 0x064A || c == 0x0621))
            {
              p = next;
              continue;
            }
          g_string_append_len (out, p, next - p);
          p = next;
          word_start = FALSE;
          continue;
        }

      if (is_vowel (*p))
        {
          if (word_start)
            g_string_append_c (out, 'a');
        }
      else if (out->len == 0 || out->str[out->len - 1] != *p)
        {
          g_string_append_c (out, *p);
        }
      word_start = FALSE;
      p++;
    }

  return g_string_free (out, FALSE);
}

/* An Arabic letter's sound class, as chronomap_normalize_consonants()
 * writes Latin ones: 0 for the letters that are vowels, ayn or hamza in
 * a transliteration, -1 for what is no Arabic letter. */
static int
arabic_consonant (gunichar c)
{
  switch (c)
    {
    case 0x0628: case 0x067E: return 'b';   /* beh, peh */
    case 0x062A: case 0x062B: case 0x0637: return 't';   /* teh, theh, tah */
    case 0x062C: return 'j';
    case 0x062D: case 0x0647: return 'h';   /* hah, heh */
    case 0x062E: return 'x';                /* khah */
    case 0x062F: case 0x0630: case 0x0636: return 'd';   /* dal, thal, dad */
    case 0x0631: return 'r';
    case 0x0632: case 0x0638: return 'z';   /* zain, zah */
    case 0x0633: case 0x0635: return 's';   /* seen, sad */
    case 0x0634: case 0x0686: return 'c';   /* sheen, tcheh */
    case 0x063A: case 0x06AF: return 'g';   /* ghain, gaf */
    case 0x0641: case 0x06A4: return 'f';   /* feh, veh */
    case 0x0642: case 0x0643: return 'k';   /* qaf, kaf */
    case 0x0644: return 'l';
    case 0x0645: return 'm';
    case 0x0646: return 'n';
    case 0x0621: case 0x0622: case 0x0623: case 0x0624: case 0x0625: case 0x0626:
    case 0x0627: case 0x0629: case 0x0639: case 0x0648: case 0x064A:
      return 0;   /* hamza and its seats, alef, ta marbuta, ayn, waw, yeh */
    default:
      return -1;
    }
}


/* Where a word's nisba ending ("-iyah", "-ieh", "-ia", "-ya"; in Arabic
 * script ية and يا, the key spelling ta marbuta as heh) starts, or @len
 * when it has none.  Its yeh is a consonant that every spelling writes. */
static gsize
nisba_start (const char *w,
             gsize       len,
             gboolean    final_h)
{
  gsize e = len;
  gsize vowels_end;

  if (len >= 4 && (guchar) w[0] >= 0x80)
    {
      /* yeh (d9 8a), then heh (d9 87) or alef (d8 a7) */
      if (g_str_has_prefix (w + len - 4, "\xd9\x8a\xd9\x87") ||
          g_str_has_prefix (w + len - 4, "\xd9\x8a\xd8\xa7"))
        return len - 4;
      return len;
    }

  if (e > 0 && w[e - 1] == 'h')
    {
      if (final_h)
        return len;
      e--;
    }
  vowels_end = e;
  while (e > 0 && (w[e - 1] == 'a' || w[e - 1] == 'e'))
    e--;
  if (e == vowels_end || e < 3 || (w[e - 1] != 'i' && w[e - 1] != 'y'))
    return len;
  return e - 1;
}

/* Appends the consonants of the word @w; FALSE when it has a letter of
 * neither script. */
static gboolean
append_word_consonants (GString    *out,
                        const char *w,
                        gsize       len,
                        gboolean    final_h)
{
  gsize nisba = nisba_start (w, len, final_h);
  const char *end = w + nisba;
  char last = 0;   /* the letter just before, when a consonant */

  for (const char *p = w; p < end; )
    {
      char c = *p;
      char n = p + 1 < end ? p[1] : '\0';
      guint skip = 1;

      if ((guchar) c >= 0x80)
        {
          gunichar u = g_utf8_get_char (p);
          int a = arabic_consonant (u);

          if (a < 0)
            return FALSE;
          p = g_utf8_next_char (p);
          /* a final heh is most often a ta marbuta, which the key
           * spells so, and which no transliteration agrees on */
          if (a != 0 && !(u == 0x0647 && p == w + len))
            g_string_append_c (out, (char) a);
          continue;
        }

      if (c == 's' && n == 'c' && p + 2 < end && p[2] == 'h')
        c = 'c', skip = 3;
      else if ((c == 's' || c == 'c') && n == 'h')
        c = 'c', skip = 2;
      else if (c == 'k' && n == 'h')
        c = 'x', skip = 2;
      else if ((c == 'g' || c == 't' || c == 'd') && n == 'h')
        skip = 2;
      else if (c == 'p' && n == 'h')
        c = 'f', skip = 2;
      else if (c == 'v')
        c = 'f';
      else if ((c == 'd' || c == 'z') && n == 'j')
        c = 'j', skip = 2;
      else if (c == 'c' && n == 'k')
        c = 'k', skip = 2;
      else if (c == 'q' || c == 'c')
        c = 'k';
      else if (c == 'p')
        c = 'b';
      else if (c == 'h' && !final_h && p + 1 == w + len && p > w && is_vowel (p[-1]) &&
               p[-1] != 'w' && p[-1] != 'y')
        c = 0;   /* "Raqqah": a final h after a vowel is not heard */
      p += skip;
      if (c == 0 || is_vowel (c) || !g_ascii_isalnum (c))
        {
          last = 0;
          continue;
        }
      /* a doubled letter is one consonant held longer, as Arabic
       * writes it once; two apart are two ("Tatiriyah", ططرية) */
      if (c != last)
        g_string_append_c (out, c);
      last = c;
    }

  if (nisba < len)
    g_string_append_c (out, 'y');
  return TRUE;
}

/**
 * chronomap_normalize_consonants:
 * @key: a name key from chronomap_normalize_name(), in Latin or Arabic
 *   script
 * @final_h: whether a Latin word's final "h" after a vowel is a consonant
 *
 * The consonants of @key as sound classes, the words run together and a
 * doubled Latin letter written once: a transliteration and the Arabic
 * spelling of one name give the same key ("Al Kareem", "الكريم": "krm").
 * Vowels, "w", "y", ayn and hamza are left out, as are Arabic alef, waw,
 * yeh and a word's final heh or ta marbuta; but the yeh of a nisba ending
 * is kept ("Salihiyah", "Salhieh", "الصالحية": "slhy"; "Hissan" is not
 * Husayniyah).  A Latin word's final "h" after a vowel is kept only with
 * @final_h: it writes a ta marbuta ("Raqqah") as often as a consonant
 * ("Al Sayeh", "السيحة"), so a transliteration is looked up both ways.
 *
 * Returns: (transfer full): the key, empty when @key has a letter of
 *   another script
 */
char *
chronomap_normalize_consonants (const char *key,
                                gboolean    final_h)
{
  GString *out;

  g_return_val_if_fail (key != NULL, NULL);

  out = g_string_sized_new (strlen (key) + 1);
  for (const char *w = key; *w != '\0'; )
    {
      const char *space = strchr (w, ' ');
      gsize len = space != NULL ? (gsize) (space - w) : strlen (w);

      if (!append_word_consonants (out, w, len, final_h))
        {
          g_string_truncate (out, 0);
          break;
        }
      w += len;
      while (*w == ' ')
        w++;
    }

  return g_string_free (out, FALSE);
}

/**
 * chronomap_normalize_distance:
 * @a: a string
 * @b: another
 * @max: the largest distance of interest
 *
 * The edit distance between @a and @b, byte by byte, counting a swap of
 * two neighbours as one edit ("Kafarya", "Kafraya"), or @max + 1 when it is
 * more than @max.
 *
 * Returns: the distance
 */
guint
chronomap_normalize_distance (const char *a,
                              const char *b,
                              guint       max)
{
  guint la = strlen (a);
  guint lb = strlen (b);
  guint rows[3][128];
  guint *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

  if (la > lb ? la - lb > max : lb - la > max)
    return max + 1;
  if (lb >= G_N_ELEMENTS (rows[0]) || la >= G_N_ELEMENTS (rows[0]))
    return strcmp (a, b) == 0 ? 0 : max + 1;

  for (guint j = 0; j <= lb; j++)
    prev[j] = j;

  for (guint i = 1; i <= la; i++)
    {
      guint best;
      guint *tmp;

      cur[0] = i;
      best = i;
      for (guint j = 1; j <= lb; j++)
        {
          guint v = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);

          if (prev[j] + 1 < v)
            v = prev[j] + 1;
          if (cur[j - 1] + 1 < v)
            v = cur[j - 1] + 1;
          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
              prev2[j - 2] + 1 < v)
            v = prev2[j - 2] + 1;
          cur[j] = v;
          if (v < best)
            best = v;
        }
      if (best > max)
        return max + 1;
      tmp = prev2;
      prev2 = prev;
      prev = cur;
      cur = tmp;
    }

  return MIN (prev[lb], max + 1);
}

/**
 * chronomap_normalize_similarity:
 * @a: a fold
 * @b: another fold
 *
 * Returns: 1 minus the edit distance over the longer length, in 0..1
 */
double
chronomap_normalize_similarity (const char *a,
                                const char *b)
{
  guint la = strlen (a);
  guint lb = strlen (b);
  guint longest = MAX (la, lb);
  guint d;

  if (longest == 0)
    return 1.0;
  /* no distance exceeds the longer length, but for folds too long to
   * measure the distance answers longest + 1: they are simply different */
  d = MIN (chronomap_normalize_distance (a, b, longest), longest);
  return 1.0 - (double) d / longest;
}
