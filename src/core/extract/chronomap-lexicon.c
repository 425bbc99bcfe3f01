/* chronomap-lexicon.c: actors, event triggers and word lists as data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files live in data/lexicon/ and are meant to be extended by users;
 * the formats are described in their own header comments.  Matching is
 * on whole words, case-insensitive except for aliases written in capitals
 * only ("IS" is the group, "is" a verb).
 */
#define G_LOG_DOMAIN "chronomap-lexicon"

#include "config.h"

#include "chronomap-lexicon.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "chronomap-error.h"
#include "chronomap-paths.h"

/* The most words a "..." in a trigger pattern stands for. */
#define MAX_GAP 4

typedef struct
{
  char                 **words;
  guint                  n_words;
  gboolean               case_sensitive;
  char                  *text;
  const ChronomapActor  *actor;
} Alias;

struct _ChronomapLexicon
{
  GObject     parent_instance;

  GPtrArray  *actors;      /* ChronomapActor */
  GPtrArray  *aliases;     /* Alias */
  GHashTable *by_first;    /* first word -> GPtrArray of Alias (unowned) */
  GPtrArray  *triggers;    /* ChronomapTrigger */
};

G_DEFINE_FINAL_TYPE (ChronomapLexicon, chronomap_lexicon, G_TYPE_OBJECT)

static void
actor_free (gpointer data)
{
  ChronomapActor *actor = data;

  g_free (actor->name);
  g_free (actor);
}

static void
alias_free (gpointer data)
{
  Alias *alias = data;

  g_strfreev (alias->words);
  g_free (alias->text);
  g_free (alias);
}

static void
trigger_free (gpointer data)
{
  ChronomapTrigger *trigger = data;

  g_free (trigger->pattern);
  g_free (trigger->event_type);
  g_free (trigger->sub_event_type);
  g_free (trigger->state_sub_event_type);
  g_strfreev (trigger->words);
  g_free (trigger);
}

static char **
phrase_words (const char *phrase)
{
  g_autoptr(GArray) words = NULL;
  GPtrArray *out = g_ptr_array_new ();

  words = chronomap_split_words (phrase, 0, strlen (phrase));
  for (guint i = 0; i < words->len; i++)
    g_ptr_array_add (out, g_strdup (g_array_index (words, ChronomapWord, i).lower));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static gboolean
is_acronym (const char *text)
{
  guint upper = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        return FALSE;
      if (g_unichar_isupper (c))
        upper++;
    }
  return upper >= 2;
}

static gboolean
read_lines (const char  *path,
            char      ***out_lines,
            GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  if (!g_utf8_validate (contents, length, NULL))
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                   "%s: not UTF-8 text", path);
      return FALSE;
    }
  *out_lines = g_strsplit (contents, "\n", -1);
  return TRUE;
}

typedef struct
{
  guint   line;
  char  **fields;
} Record;

static void
record_free (gpointer data)
{
  Record *record = data;

  g_strfreev (record->fields);
  g_free (record);
}

/* The tab-separated lines of a lexicon file, comments and blank lines
 * left out; each must have @min_fields fields, which @what names. */
static GPtrArray *
read_records (const char  *path,
              guint        min_fields,
              const char  *what,
              GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (record_free);
  g_auto(GStrv) lines = NULL;

  if (!read_lines (path, &lines, error))
    return NULL;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      Record *record;

      g_strchomp (lines[i]);
      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      record = g_new0 (Record, 1);
      record->line = i + 1;
      record->fields = g_strsplit (lines[i], "\t", -1);
      g_ptr_array_add (records, record);
      if (g_strv_length (record->fields) < min_fields || record->fields[0][0] == '\0')
        {
          g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                       "%s:%u: expected %s separated by tabs", path, i + 1, what);
          return NULL;
        }
    }
  return g_steal_pointer (&records);
}

static ChronomapActorKind
kind_from_string (const char *text)
{
  if (g_strcmp0 (text, "state") == 0)
    return CHRONOMAP_ACTOR_STATE;
  if (g_strcmp0 (text, "non-state") == 0)
    return CHRONOMAP_ACTOR_NON_STATE;
  if (g_strcmp0 (text, "external") == 0)
    return CHRONOMAP_ACTOR_EXTERNAL;
  if (g_strcmp0 (text, "civilians") == 0)
    return CHRONOMAP_ACTOR_CIVILIANS;
  return CHRONOMAP_ACTOR_OTHER;
}

static void
add_alias (ChronomapLexicon     *self,
           const char           *text,
           const ChronomapActor *actor)
{
  Alias *alias;
  GPtrArray *list;
  char **words = phrase_words (text);

  if (words[0] == NULL)
    {
      g_strfreev (words);
      return;
    }
  alias = g_new0 (Alias, 1);
  alias->words = words;
  alias->n_words = g_strv_length (words);
  alias->case_sensitive = is_acronym (text);
  alias->text = g_strdup (text);
  alias->actor = actor;
  g_ptr_array_add (self->aliases, alias);

  list = g_hash_table_lookup (self->by_first, words[0]);
  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (self->by_first, g_strdup (words[0]), list);
    }
  g_ptr_array_add (list, alias);
}

static gboolean
load_actors (ChronomapLexicon  *self,
             const char        *path,
             GError           **error)
{
  g_autoptr(GPtrArray) records = read_records (path, 2, "name, kind and aliases", error);

  if (records == NULL)
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      char **fields = ((Record *) g_ptr_array_index (records, i))->fields;
      g_auto(GStrv) aliases = NULL;
      ChronomapActor *actor;

      actor = g_new0 (ChronomapActor, 1);
      actor->name = g_strdup (fields[0]);
      actor->kind = kind_from_string (fields[1]);
      g_ptr_array_add (self->actors, actor);
      add_alias (self, actor->name, actor);
      if (fields[2] != NULL)
        {
          aliases = g_strsplit (fields[2], "|", -1);
          for (guint j = 0; aliases[j] != NULL; j++)
            if (aliases[j][0] != '\0')
              add_alias (self, aliases[j], actor);
        }
    }
  return TRUE;
}

static gboolean
load_triggers (ChronomapLexicon  *self,
               const char        *path,
               GError           **error)
{
  g_autoptr(GPtrArray) records =
    read_records (path, 5, "pattern, event_type, sub_event_type, state_sub_event_type and weight", error);

  if (records == NULL)
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      Record *record = g_ptr_array_index (records, i);
      char **fields = record->fields;
      ChronomapTrigger *trigger;
      char *endp = NULL;

      trigger = g_new0 (ChronomapTrigger, 1);
      trigger->pattern = g_strdup (fields[0]);
      trigger->event_type = g_strdup (fields[1]);
      trigger->sub_event_type = g_strdup (fields[2]);
      trigger->state_sub_event_type = fields[3][0] != '\0' && strcmp (fields[3], "-") != 0 ?
                                      g_strdup (fields[3]) : NULL;
      trigger->weight = g_ascii_strtod (fields[4], &endp);
      trigger->kills = fields[5] != NULL && strcmp (g_strstrip (fields[5]), "kills") == 0;
      trigger->words = g_strsplit_set (g_strstrip (fields[0]), " ", -1);
      for (guint j = 0; trigger->words[j] != NULL; j++)
        {
          if (strcmp (trigger->words[j], "#") == 0)
            trigger->specificity += 1;
          else if (strcmp (trigger->words[j], "...") != 0)
            {
              trigger->n_literal++;
              trigger->specificity += 2;
            }
        }
      g_ptr_array_add (self->triggers, trigger);
      if (endp == fields[4] || trigger->weight <= 0 || trigger->weight > 1 || trigger->n_literal == 0)
        {
          g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                       "%s:%u: the weight must be a number in (0, 1] and the pattern "
                       "must have a word", path, record->line);
          return FALSE;
        }
    }
  return TRUE;
}

static void
chronomap_lexicon_finalize (GObject *object)
{
  ChronomapLexicon *self = CHRONOMAP_LEXICON (object);

  g_clear_pointer (&self->by_first, g_hash_table_unref);
  g_clear_pointer (&self->aliases, g_ptr_array_unref);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->triggers, g_ptr_array_unref);

  G_OBJECT_CLASS (chronomap_lexicon_parent_class)->finalize (object);
}

static void
chronomap_lexicon_class_init (ChronomapLexiconClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chronomap_lexicon_finalize;
}

static void
chronomap_lexicon_init (ChronomapLexicon *self)
{
  self->actors = g_ptr_array_new_with_free_func (actor_free);
  self->aliases = g_ptr_array_new_with_free_func (alias_free);
  self->by_first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  self->triggers = g_ptr_array_new_with_free_func (trigger_free);
}

/**
 * chronomap_lexicon_new_from_files:
 * @actors_path: an actors.tsv file
 * @triggers_path: a triggers.tsv file
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the lexicon, or %NULL on error
 */
ChronomapLexicon *
chronomap_lexicon_new_from_files (const char  *actors_path,
                                  const char  *triggers_path,
                                  GError     **error)
{
  g_autoptr(ChronomapLexicon) self = g_object_new (CHRONOMAP_TYPE_LEXICON, NULL);

  g_return_val_if_fail (actors_path != NULL, NULL);
  g_return_val_if_fail (triggers_path != NULL, NULL);

  if (!load_actors (self, actors_path, error) || !load_triggers (self, triggers_path, error))
    return NULL;
  return g_steal_pointer (&self);
}

static char *
find_or_fail (const char  *relpath,
              GError     **error)
{
  char *path = chronomap_paths_find_data (relpath);

  if (path == NULL)
    g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_FOUND,
                 "%s: not installed (looked in the data directory)", relpath);
  return path;
}

/**
 * chronomap_lexicon_new_default:
 * @error: return location for a #GError
 *
 * Loads lexicon/actors.tsv and lexicon/triggers.tsv from the data
 * directory, then the user's own additions in the same format from
 * `$XDG_DATA_HOME/chronomap/lexicon/`, when present.
 *
 * Returns: (transfer full) (nullable): the lexicon, or %NULL on error
 */
ChronomapLexicon *
chronomap_lexicon_new_default (GError **error)
{
  g_autofree char *actors = find_or_fail ("lexicon/actors.tsv", error);
  g_autofree char *triggers = NULL;
  g_autofree char *user_dir = NULL;
  g_autofree char *user_actors = NULL;
  g_autofree char *user_triggers = NULL;
  g_autoptr(ChronomapLexicon) self = NULL;

  if (actors == NULL)
    return NULL;
  triggers = find_or_fail ("lexicon/triggers.tsv", error);
  if (triggers == NULL)
    return NULL;
  self = chronomap_lexicon_new_from_files (actors, triggers, error);
  if (self == NULL)
    return NULL;

  /* an analyst's own actors and phrases, kept apart from the installed
   * files so that an update does not overwrite them */
  user_dir = chronomap_paths_user_data_dir ();
  user_actors = g_build_filename (user_dir, "lexicon", "actors.tsv", NULL);
  user_triggers = g_build_filename (user_dir, "lexicon", "triggers.tsv", NULL);
  if (g_file_test (user_actors, G_FILE_TEST_EXISTS) && !load_actors (self, user_actors, error))
    return NULL;
  if (g_file_test (user_triggers, G_FILE_TEST_EXISTS) && !load_triggers (self, user_triggers, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * chronomap_lexicon_load_words:
 * @relpath: a word list in the data directory, one word or phrase a line,
 *   "#" starting a comment
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the set of lines, in lower case
 */
GHashTable *
chronomap_lexicon_load_words (const char  *relpath,
                              GError     **error)
{
  g_autofree char *path = find_or_fail (relpath, error);
  g_auto(GStrv) lines = NULL;
  GHashTable *set;

  if (path == NULL || !read_lines (path, &lines, error))
    return NULL;

  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (line[0] == '\0' || line[0] == '#')
        continue;
      g_hash_table_add (set, g_utf8_strdown (line, -1));
    }
  return set;
}

/**
 * chronomap_lexicon_add_actor_keys:
 * @self: a lexicon
 * @set: a set of strings
 *
 * Adds every actor name and alias, in lower case, to @set.
 */
void
chronomap_lexicon_add_actor_keys (ChronomapLexicon *self,
                                  GHashTable       *set)
{
  g_return_if_fail (CHRONOMAP_IS_LEXICON (self));

  for (guint i = 0; i < self->aliases->len; i++)
    {
      Alias *alias = g_ptr_array_index (self->aliases, i);

      /* a country's name is an actor too ("France launched air strikes")
       * but stays a place: only names of two words and more, and
       * acronyms, are kept out of the geoparser's way */
      if (alias->n_words >= 2 || alias->case_sensitive)
        g_hash_table_add (set, g_utf8_strdown (alias->text, -1));
    }
}

/**
 * chronomap_lexicon_lookup_actor:
 * @self: a lexicon
 * @name: an actor's canonical name
 *
 * Returns: (nullable) (transfer none): the actor
 */
const ChronomapActor *
chronomap_lexicon_lookup_actor (ChronomapLexicon *self,
                                const char       *name)
{
  g_return_val_if_fail (CHRONOMAP_IS_LEXICON (self), NULL);

  for (guint i = 0; i < self->actors->len; i++)
    {
      ChronomapActor *actor = g_ptr_array_index (self->actors, i);

      if (g_strcmp0 (actor->name, name) == 0)
        return actor;
    }
  return NULL;
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const ChronomapLexiconMatch *ma = a;
  const ChronomapLexiconMatch *mb = b;

  return (ma->first > mb->first) - (ma->first < mb->first);
}

/**
 * chronomap_lexicon_find_actors:
 * @self: a lexicon
 * @text: the text @words were split from
 * @words: (element-type ChronomapWord): words
 *
 * Returns: (transfer full) (element-type ChronomapLexiconMatch): the
 *   actors named, longest alias first at each word, in text order
 */
GArray *
chronomap_lexicon_find_actors (ChronomapLexicon *self,
                               const char       *text,
                               GArray           *words)
{
  GArray *matches = g_array_new (FALSE, TRUE, sizeof (ChronomapLexiconMatch));

  g_return_val_if_fail (CHRONOMAP_IS_LEXICON (self), matches);

  for (guint i = 0; i < words->len; )
    {
      const ChronomapWord *w = &g_array_index (words, ChronomapWord, i);
      GPtrArray *list = g_hash_table_lookup (self->by_first, w->lower);
      const Alias *best = NULL;

      for (guint a = 0; list != NULL && a < list->len; a++)
        {
          const Alias *alias = g_ptr_array_index (list, a);
          gboolean ok = i + alias->n_words <= words->len;

          for (guint k = 0; ok && k < alias->n_words; k++)
            {
              const ChronomapWord *v = &g_array_index (words, ChronomapWord, i + k);

              ok = strcmp (v->lower, alias->words[k]) == 0;
            }
          if (ok && alias->case_sensitive)
            ok = strncmp (text + w->start, alias->text, strlen (alias->text)) == 0;
          if (ok && (best == NULL || alias->n_words > best->n_words))
            best = alias;
        }

      if (best != NULL)
        {
          ChronomapLexiconMatch m = { i, i + best->n_words - 1, best->actor, NULL };

          g_array_append_val (matches, m);
          i += best->n_words;
        }
      else
        i++;
    }
  return matches;
}

static gboolean
word_matches (const char *pattern,
              const char *word)
{
  gsize n = strlen (pattern);

  if (n > 1 && pattern[n - 1] == '*')
    return strncmp (pattern, word, n - 1) == 0;
  return strcmp (pattern, word) == 0;
}

/* The index after the last word matched, or -1. */
static int
match_at (char  **pattern,
          GArray *words,
          guint   wi)
{
  if (pattern[0] == NULL)
    return wi;
  if (strcmp (pattern[0], "...") == 0)
    {
      for (guint gap = 0; gap <= MAX_GAP && wi + gap <= words->len; gap++)
        {
          int end = match_at (pattern + 1, words, wi + gap);

          if (end >= 0)
            return end;
        }
      return -1;
    }
  if (wi >= words->len)
    return -1;
  if (strcmp (pattern[0], "#") == 0)
    {
      if (chronomap_number_value (g_array_index (words, ChronomapWord, wi).lower) == CHRONOMAP_NUMBER_NONE)
        return -1;
      return match_at (pattern + 1, words, wi + 1);
    }
  if (!word_matches (pattern[0], g_array_index (words, ChronomapWord, wi).lower))
    return -1;
  return match_at (pattern + 1, words, wi + 1);
}

/**
 * chronomap_lexicon_find_triggers:
 * @self: a lexicon
 * @words: (element-type ChronomapWord): words
 *
 * Finds the trigger phrases; where two overlap, the one with more literal
 * words wins ("killed ... captured" over "captured").
 *
 * Returns: (transfer full) (element-type ChronomapLexiconMatch): the
 *   matches in text order
 */
GArray *
chronomap_lexicon_find_triggers (ChronomapLexicon *self,
                                 GArray           *words)
{
  g_autoptr(GArray) all = g_array_new (FALSE, TRUE, sizeof (ChronomapLexiconMatch));
  GArray *matches = g_array_new (FALSE, TRUE, sizeof (ChronomapLexiconMatch));
  g_autofree gboolean *taken = NULL;

  g_return_val_if_fail (CHRONOMAP_IS_LEXICON (self), matches);

  for (guint i = 0; i < words->len; i++)
    for (guint t = 0; t < self->triggers->len; t++)
      {
        ChronomapTrigger *trigger = g_ptr_array_index (self->triggers, t);
        int end = match_at (trigger->words, words, i);

        if (end > (int) i)
          {
            ChronomapLexiconMatch m = { i, end - 1, NULL, trigger };

            g_array_append_val (all, m);
          }
      }

  /* greedy: most specific pattern (literal words count twice, numbers
   * once), then shortest span */
  taken = g_new0 (gboolean, words->len + 1);
  while (TRUE)
    {
      int best = -1;

      for (guint m = 0; m < all->len; m++)
        {
          ChronomapLexiconMatch *cand = &g_array_index (all, ChronomapLexiconMatch, m);
          gboolean free_span = TRUE;

          if (cand->trigger == NULL)
            continue;
          for (guint k = cand->first; k <= cand->last; k++)
            free_span = free_span && !taken[k];
          if (!free_span)
            continue;
          if (best < 0)
            best = m;
          else
            {
              ChronomapLexiconMatch *b = &g_array_index (all, ChronomapLexiconMatch, best);

              if (cand->trigger->specificity > b->trigger->specificity ||
                  (cand->trigger->specificity == b->trigger->specificity &&
                   cand->last - cand->first < b->last - b->first))
                best = m;
            }
        }
      if (best < 0)
        break;
      {
        ChronomapLexiconMatch *b = &g_array_index (all, ChronomapLexiconMatch, best);

        for (guint k = b->first; k <= b->last; k++)
          taken[k] = TRUE;
        g_array_append_val (matches, *b);
        b->trigger = NULL;
      }
    }

  g_array_sort (matches, compare_matches);
  return matches;
}

/**
 * chronomap_number_value:
 * @word: a word in lower case
 *
 * Returns: the number @word writes ("41", "three", "60000"),
 *   %CHRONOMAP_NUMBER_VAGUE for "dozens", "hundreds", or
 *   %CHRONOMAP_NUMBER_NONE
 */
gint64
chronomap_number_value (const char *word)
{
  static const char * const small[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", NULL
  };
  static const char * const tens[] = {
    "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", NULL
  };
  static const char * const vague[] = {
    "dozens", "dozen", "scores", "hundreds", "thousands", "several", "many", "tens",
    "numerous", NULL
  };
  gint64 value = 0;
  gboolean digits = word[0] != '\0';

  for (const char *p = word; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (value > G_MAXINT32)
            return CHRONOMAP_NUMBER_VAGUE;
          value = value * 10 + (*p - '0');
        }
      else if (*p != ',')
        digits = FALSE;
    }
  if (digits)
    return value;

  for (guint i = 0; small[i] != NULL; i++)
    if (strcmp (word, small[i]) == 0)
      return i;
  for (guint i = 0; tens[i] != NULL; i++)
    if (strcmp (word, tens[i]) == 0)
      return 30 + 10 * i;
  if (g_strv_contains (vague, word))
    return CHRONOMAP_NUMBER_VAGUE;
  return CHRONOMAP_NUMBER_NONE;
}
