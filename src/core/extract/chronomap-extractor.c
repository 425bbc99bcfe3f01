/* chronomap-extractor.c: events from news articles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sentence by sentence: a trigger phrase from triggers.tsv makes an event
 * of its type; the place is the place mention nearest to the trigger in
 * its clause, else in its sentence, else the article's main place (the
 * one it names most); the date is the date expression of the trigger's
 * clause, else of the sentence's main clauses (a date in an "after ..."
 * clause is another event's), else the date last named in the paragraph,
 * else the publication date, unless the article has gone back to its
 * history or the clause sums up a period; the actors are the nearest
 * named before and after the trigger, else the article's main actor.  Statements about the
 * future or conditions ("will", "would", "expect") are no events, nor
 * are words of violence said of floods, of a lull or of an accident.  Each
 * inference that was needed lowers the event's confidence.
 */
#define G_LOG_DOMAIN "chronomap-extractor"

#include "config.h"

#include "chronomap-extractor.h"

#include <string.h>

#include "chronomap-date-expr.h"
#include "chronomap-error.h"
#include "chronomap-sentences.h"

/* Events below this confidence are not proposed at all. */
#define MIN_CONFIDENCE 0.3

struct _ChronomapExtractor
{
  GObject             parent_instance;

  ChronomapGeoparser *geoparser;
  ChronomapLexicon   *lexicon;
};

G_DEFINE_FINAL_TYPE (ChronomapExtractor, chronomap_extractor, G_TYPE_OBJECT)

/* Words that make a clause a statement about what may happen. */
static const char * const irrealis[] = {
  "will", "would", "could", "might", "should", "expect", "expects", "expected", "hope", "hoped",
  "hopes", "plan", "plans", "planned", "planning", "threatened", "threatens", "vowed", "if",
  "unless", "not", "never", "cannot", "aims", "aim", "seeks", "prepare", "preparing", "imminent",
  "ready", "intend", "intends", "calls", "calling", "urged", NULL
};

/* Nouns for people whose number is a count of the dead. */
static const char * const people_nouns[] = {
  "militants", "fighters", "soldiers", "civilians", "people", "members", "troops", "policemen",
  "police", "children", "women", "men", "combatants", "jihadists", "insurgents", "rebels",
  "persons", "officers", "workers", "residents", "villagers", "guards", "gunmen", "attackers",
  "others", "militiamen", "hostages", "prisoners", "pilgrims", "worshippers", "students",
  "protesters", "demonstrators", NULL
};

static const char * const determiners[] = {
  "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "several", "some", NULL
};

/* Words that refer back to the place an article is about. */
static const char * const place_anaphora[] = {
  "city", "town", "village", "camp", "enclave", "there", "area", "settlement", "pocket",
  "stronghold", NULL
};

void
chronomap_extracted_event_free (ChronomapExtractedEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->location);
  g_clear_pointer (&event->place, chronomap_gazetteer_entry_free);
  g_free (event->event_type);
  g_free (event->sub_event_type);
  g_free (event->actor1);
  g_free (event->actor2);
  g_free (event->quote);
  g_free (event);
}

static void
chronomap_extractor_finalize (GObject *object)
{
  ChronomapExtractor *self = CHRONOMAP_EXTRACTOR (object);

  g_clear_object (&self->geoparser);
  g_clear_object (&self->lexicon);

  G_OBJECT_CLASS (chronomap_extractor_parent_class)->finalize (object);
}

static void
chronomap_extractor_class_init (ChronomapExtractorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chronomap_extractor_finalize;
}

static void
chronomap_extractor_init (ChronomapExtractor *self)
{
}

/**
 * chronomap_extractor_new:
 * @geoparser: finds the places
 * @lexicon: the actors and triggers
 *
 * Returns: (transfer full): an extractor
 */
ChronomapExtractor *
chronomap_extractor_new (ChronomapGeoparser *geoparser,
                         ChronomapLexicon   *lexicon)
{
  ChronomapExtractor *self;

  g_return_val_if_fail (CHRONOMAP_IS_GEOPARSER (geoparser), NULL);
  g_return_val_if_fail (CHRONOMAP_IS_LEXICON (lexicon), NULL);

  self = g_object_new (CHRONOMAP_TYPE_EXTRACTOR, NULL);
  self->geoparser = g_object_ref (geoparser);
  self->lexicon = g_object_ref (lexicon);
  return self;
}

/**
 * chronomap_extractor_new_default:
 * @error: return location for a #GError
 *
 * An extractor with the bundled and user gazetteers and the installed
 * lexicon.
 *
 * Returns: (transfer full) (nullable): an extractor, or %NULL on error
 */
ChronomapExtractor *
chronomap_extractor_new_default (GError **error)
{
  g_autoptr(ChronomapGazetteer) gazetteer = chronomap_gazetteer_new_default (error);
  g_autoptr(ChronomapGeoparser) geoparser = NULL;
  g_autoptr(ChronomapLexicon) lexicon = NULL;

  if (gazetteer == NULL)
    return NULL;
  geoparser = chronomap_geoparser_new (gazetteer, error);
  if (geoparser == NULL)
    return NULL;
  lexicon = chronomap_lexicon_new_default (error);
  if (lexicon == NULL)
    return NULL;
  return chronomap_extractor_new (geoparser, lexicon);
}

/**
 * chronomap_extractor_check_text:
 * @data: a file's contents
 * @length: its length in bytes
 * @error: return location for a #GError
 *
 * Checks that @data is an article's text: not empty, not binary, valid
 * UTF-8, not larger than %CHRONOMAP_EXTRACT_MAX_BYTES.
 *
 * Returns: %TRUE if it is
 */
gboolean
chronomap_extractor_check_text (const char  *data,
                                gsize        length,
                                GError     **error)
{
  gboolean blank = TRUE;

  if (length > CHRONOMAP_EXTRACT_MAX_BYTES)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                   "the file is too large for a news article (%.1f MB; the limit is %d MB)",
                   length / (1024.0 * 1024.0), CHRONOMAP_EXTRACT_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                   "the file is not UTF-8 text (binary data or another encoding)");
      return FALSE;
    }
  for (gsize i = 0; i < length && blank; i++)
    if (!g_ascii_isspace (data[i]))
      blank = FALSE;
  if (blank)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                   "the file is empty");
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const ChronomapPlaceMention *mention;
  guint                        count;
} PlaceCount;

/* "BAGHDAD (Reuters) -": where the reporter was, not what the report is
 * about; a name in capitals is taken for one, as the dateline of a
 * headline-less report may be set apart otherwise */
static gboolean
is_dateline (const ChronomapPlaceMention *m)
{
  if (m->dateline)
    return TRUE;
  for (const char *p = m->text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_islower (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* The place the article is about: the populated place it names most,
 * the first named on a tie. */
static const ChronomapPlaceMention *
find_focus (GPtrArray *mentions)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const ChronomapPlaceMention *best = NULL;
  guint best_count = 0;

  for (guint i = 0; i < mentions->len; i++)
    {
      const ChronomapPlaceMention *m = g_ptr_array_index (mentions, i);
      PlaceCount *pc;

      if (m->entry->precision != CHRONOMAP_PRECISION_PLACE || is_dateline (m))
        continue;
      pc = g_hash_table_lookup (counts, m->entry->id);
      if (pc == NULL)
        {
          pc = g_new0 (PlaceCount, 1);
          pc->mention = m;
          g_hash_table_insert (counts, m->entry->id, pc);
        }
      pc->count++;
    }

  /* the most named; on a tie the first named, as a report's lede names
   * its subject first */
  for (guint i = 0; i < mentions->len; i++)
    {
      const ChronomapPlaceMention *m = g_ptr_array_index (mentions, i);
      PlaceCount *pc = g_hash_table_lookup (counts, m->entry->id);

      if (pc != NULL && pc->count > best_count)
        {
          best_count = pc->count;
          best = pc->mention;
        }
    }
  return best;
}

/* The article's protagonists: the two sides it names most, each at least
 * three times (a side named once or twice is no protagonist); and the
 * state or foreign force it names most, however often, which flies the
 * air strikes it reports without saying whose they are ("the planes
 * struck" in a story of the SDF against IS, beside "the U.S.-led
 * coalition"). */
static void
find_main_actors (ChronomapExtractor    *self,
                  const char            *text,
                  GArray                *sentences,
                  const ChronomapActor **out,
                  const ChronomapActor **out_air)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GPtrArray) named = g_ptr_array_new ();   /* each mention, in order */
  guint best_count[2] = { 2, 2 };
  guint best_air = 0;

  out[0] = out[1] = NULL;
  *out_air = NULL;
  for (guint s = 0; s < sentences->len; s++)
    {
      const ChronomapSentence *sentence = &g_array_index (sentences, ChronomapSentence, s);
      g_autoptr(GArray) words = chronomap_split_words (text, sentence->start, sentence->end);
      g_autoptr(GArray) actors = chronomap_lexicon_find_actors (self->lexicon, text, words);

      for (guint a = 0; a < actors->len; a++)
        {
          const ChronomapActor *actor = g_array_index (actors, ChronomapLexiconMatch, a).actor;

          if (actor->kind == CHRONOMAP_ACTOR_CIVILIANS)
            continue;
          g_ptr_array_add (named, (gpointer) actor);
          g_hash_table_insert (counts, (gpointer) actor,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, actor)) + 1));
        }
    }

  /* in order of first mention, so that ties go to the first named */
  for (guint i = 0; i < named->len; i++)
    {
      const ChronomapActor *actor = g_ptr_array_index (named, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, actor));

      if ((actor->kind == CHRONOMAP_ACTOR_STATE || actor->kind == CHRONOMAP_ACTOR_EXTERNAL) &&
          n > best_air)
        {
          *out_air = actor;
          best_air = n;
        }
      if (actor == out[0] || actor == out[1] || n == 0)
        continue;
      if (n > best_count[0])
        {
          out[1] = out[0];
          best_count[1] = best_count[0];
          out[0] = actor;
          best_count[0] = n;
        }
      else if (n > best_count[1])
        {
          out[1] = actor;
          best_count[1] = n;
        }
    }
}

static gboolean
clause_is_irrealis (GArray *words,
                    guint   clause,
                    guint   trigger_first)
{
  for (guint i = 0; i < words->len; i++)
    {
      const ChronomapWord *w = &g_array_index (words, ChronomapWord, i);

      if (w->clause != clause)
        continue;
      /* a condition or a future after the trigger is another clause's
       * matter only when it is far from it */
      if (i > trigger_first + 6)
        continue;
      if (g_strv_contains (irrealis, w->lower))
        return TRUE;
    }
  return FALSE;
}

/* How long before the publication the last date an article named must end
 * for the sentences after it to be history rather than news. */
#define BACKGROUND_DAYS 30

/* "the months of street-to-street fighting have pulverized much of the
 * city", "years of war have emptied it": a clause that sums up a period
 * (a span "of" something, and a perfect tense), not an event of a day.
 * A span in an "after ..." clause is another matter: "after weeks of
 * fighting, the army has retaken the town" is today's news. */
static gboolean
sums_up_period (GArray *words,
                guint   clause)
{
  static const char * const spans[] = { "days", "weeks", "months", "years", "decades", NULL };
  gboolean span = FALSE, perfect = FALSE;

  for (guint i = 0; i < words->len; i++)
    {
      const ChronomapWord *w = &g_array_index (words, ChronomapWord, i);

      if (w->clause != clause || w->subordinate)
        continue;
      if (g_strv_contains (spans, w->lower) && i + 1 < words->len &&
          strcmp (g_array_index (words, ChronomapWord, i + 1).lower, "of") == 0)
        span = TRUE;
      if (strcmp (w->lower, "have") == 0 || strcmp (w->lower, "has") == 0)
        perfect = TRUE;
    }
  return span && perfect;
}

/* "to accelerate the fall of", "a campaign to capture": a purpose, not
 * something that happened */
static gboolean
is_infinitive (GArray *words,
               guint   trigger_first)
{
  /* "to" then a verb; "leading up to its capture of" is a noun phrase */
  for (guint i = trigger_first >= 3 ? trigger_first - 3 : 0; i < trigger_first; i++)
    if (strcmp (g_array_index (words, ChronomapWord, i).lower, "to") == 0 &&
        !g_strv_contains (determiners, g_array_index (words, ChronomapWord, i + 1).lower))
      return TRUE;
  return FALSE;
}

/* "Yazidi women captured in Iraq", "captured 157 fighters": people were
 * taken, not a place */
static gboolean
takes_people (GArray                 *words,
              const ChronomapTrigger *trigger,
              guint                   first,
              guint                   last)
{
  if (strstr (trigger->sub_event_type, "territory") == NULL)
    return FALSE;
  /* a passive participle: "women captured in Iraq"; an active verb has
   * its object next: "fighters overran the town" */
  if (first > 0 && g_strv_contains (people_nouns, g_array_index (words, ChronomapWord, first - 1).lower) &&
      (last + 1 >= words->len ||
       !g_strv_contains (determiners, g_array_index (words, ChronomapWord, last + 1).lower)))
    return TRUE;
  for (guint i = last + 1; i < words->len && i <= last + 3; i++)
    {
      const char *w = g_array_index (words, ChronomapWord, i).lower;

      if (g_strv_contains (people_nouns, w))
        return TRUE;
      if (chronomap_number_value (w) == CHRONOMAP_NUMBER_NONE && strcmp (w, "of") != 0 &&
          strcmp (w, "wounded") != 0 && strcmp (w, "foreign") != 0 && strcmp (w, "mostly") != 0)
        break;
    }
  return FALSE;
}

/* "the coalition has said", "SDF spokesman Talal Selo told Reuters" */
static gboolean
is_reporting (GArray *words,
              guint   actor_last)
{
  static const char * const reporting[] = {
    "said", "says", "say", "told", "reported", "announced", "stated", "claimed", "added",
    "estimated", "denied", "spokesman", "spokeswoman", "spokesperson", "official", "source",
    "statement", NULL
  };

  guint clause = g_array_index (words, ChronomapWord, actor_last).clause;

  /* "the coalition has said", not "killed 7 civilians, the monitor said" */
  for (guint i = actor_last + 1; i < words->len && i <= actor_last + 4; i++)
    if (g_array_index (words, ChronomapWord, i).clause == clause &&
        g_strv_contains (reporting, g_array_index (words, ChronomapWord, i).lower))
      return TRUE;
  return FALSE;
}

/* Words that mostly add detail to an event told by stronger words in the
 * same sentence: a count of the dead, "fighting". */
static gboolean
is_secondary (const ChronomapTrigger *trigger)
{
  return trigger->kills || trigger->weight < 0.65;
}

/* Whether a word from @from up to (not including) @to is one of @list. */
static gboolean
any_word_of (GArray             *words,
             guint               from,
             guint               to,
             const char * const *list)
{
  for (guint i = from; i < to && i < words->len; i++)
    if (g_strv_contains (list, g_array_index (words, ChronomapWord, i).lower))
      return TRUE;
  return FALSE;
}

/* "flood fighting", "a lull in the fighting", "killed when a neighbour
 * accidentally hit her": the words of violence, used of something else
 * or of its absence. */
static gboolean
not_violence (GArray                 *words,
              const ChronomapTrigger *trigger,
              guint                   first,
              guint                   last)
{
  /* what is fought that is no enemy */
  static const char * const fought[] = {
    "flood", "floods", "fire", "fires", "wildfire", "wildfires", "bushfire", "crime", "cancer",
    "disease", "poverty", "corruption", "drug", "drugs", "flames", "tears", "illness", NULL
  };
  /* a pause in it, or its end */
  static const char * const pauses[] = {
    "lull", "lulls", "halt", "pause", "end", "stop", "truce", "ceasefire", "cessation", NULL
  };
  static const char * const accidents[] = {
    "accident", "accidents", "accidental", "accidentally", "crash", "crashed", "collision",
    "drowned", "drowning", NULL
  };

  /* a death in an accident is no attack; a bombing that caused a crash
   * still is one */
  return any_word_of (words, first >= 1 ? first - 1 : 0, first, fought) ||
         any_word_of (words, last + 1, last + 3, fought) ||
         any_word_of (words, first >= 4 ? first - 4 : 0, first, pauses) ||
         (is_secondary (trigger) && any_word_of (words, 0, words->len, accidents));
}

/* "the coalition backing the SDF with air strikes": what a side does for
 * another, told to say who it is, not an event */
static gboolean
describes_role (GArray *words,
                guint   first)
{
  static const char * const helping[] = {
    "backing", "backs", "backed", "supporting", "supports", "supported", "helping", "helps",
    "assisting", "assists", "aiding", "aids", NULL
  };

  if (first == 0 || strcmp (g_array_index (words, ChronomapWord, first - 1).lower, "with") != 0)
    return FALSE;
  return any_word_of (words, first >= 12 ? first - 12 : 0, first - 1, helping);
}

/* Whether the people counted just before a killing in its clause are
 * civilians ("26 civilians have been killed"). */
static gboolean
civilians_killed (GArray *words,
                  guint   first)
{
  static const char * const civilian_nouns[] = {
    "civilians", "people", "children", "women", "residents", "villagers", "worshippers",
    "protesters", "demonstrators", "students", "pilgrims", "persons", NULL
  };
  guint clause = g_array_index (words, ChronomapWord, first).clause;

  for (guint i = first >= 6 ? first - 6 : 0; i < first; i++)
    {
      const ChronomapWord *w = &g_array_index (words, ChronomapWord, i);

      if (w->clause == clause && g_strv_contains (civilian_nouns, w->lower))
        return TRUE;
    }
  return FALSE;
}

/* Whether @word, after a number, says what it counts are people or
 * the dead ("12 fighters", "left 12 dead"). */
static gboolean
counts_dead (const char *word)
{
  return g_strv_contains (people_nouns, word) || strcmp (word, "dead") == 0;
}

static gint64
count_fatalities (GArray *words,
                  guint   first,
                  guint   last)
{
  gint64 total = 0;
  gboolean any = FALSE;
  guint clause = g_array_index (words, ChronomapWord, first).clause;

  /* "killed more than 130 people": after the trigger's first word */
  for (guint i = first + 1; i < words->len && i <= last + 6; i++)
    {
      gint64 n = chronomap_number_value (g_array_index (words, ChronomapWord, i).lower);

      /* a number of the next clause counts another event's dead */
      if (i > last && g_array_index (words, ChronomapWord, i).clause != clause)
        break;
      if (n == CHRONOMAP_NUMBER_NONE)
        continue;
      for (guint k = i + 1; k < words->len && k <= i + 3; k++)
        if (counts_dead (g_array_index (words, ChronomapWord, k).lower))
          {
            if (n < 0)
              return -1;
            return n;
          }
    }

  /* "38 militants and three SDF fighters have been killed": before it */
  for (guint i = 0; i < first; i++)
    {
      const ChronomapWord *w = &g_array_index (words, ChronomapWord, i);
      gint64 n;

      if (w->clause != clause)
        continue;
      n = chronomap_number_value (w->lower);
      if (n == CHRONOMAP_NUMBER_NONE)
        continue;
      for (guint k = i + 1; k < first && k <= i + 3; k++)
        if (g_strv_contains (people_nouns, g_array_index (words, ChronomapWord, k).lower))
          {
            if (n < 0)
              return -1;
            total += n;
            any = TRUE;
            break;
          }
    }
  return any ? total : -1;
}

static guint
word_distance (guint a_first,
               guint a_last,
               guint b_first,
               guint b_last)
{
  if (b_first > a_last)
    return b_first - a_last;
  if (a_first > b_last)
    return a_first - b_last;
  return 0;
}

/* The triggers of a sentence, each with its home: the clause whose
 * event it belongs to. */
typedef struct
{
  GArray *words;
  GArray *triggers;
  guint  *home;
} SentenceTriggers;

static guint
word_clause (GArray *words,
             guint   word)
{
  return g_array_index (words, ChronomapWord, word).clause;
}

/* A main trigger's home is its clause.  So is that of a trigger that
 * only adds detail ("killing 25") when its clause has a main trigger or
 * starts a new statement ("…, and an air strike killed 7", "while
 * fighting left 12 dead"); otherwise it is the clause of the nearest
 * main trigger ("Clashes erupted in Hajin, a town on the Euphrates,
 * killing 25 fighters"). */
static void
find_homes (SentenceTriggers *st)
{
  static const char * const new_statement[] = {
    "and", "while", "whereas", "but", "although", "meanwhile", "elsewhere", NULL
  };
  GArray *words = st->words;
  GArray *triggers = st->triggers;

  for (guint t = 0; t < triggers->len; t++)
    {
      const ChronomapLexiconMatch *own = &g_array_index (triggers, ChronomapLexiconMatch, t);
      guint clause = word_clause (words, own->first);
      guint start = own->first;
      guint best = G_MAXUINT;

      st->home[t] = clause;
      if (!is_secondary (own->trigger))
        continue;
      while (start > 0 && word_clause (words, start - 1) == clause)
        start--;
      if (g_strv_contains (new_statement, g_array_index (words, ChronomapWord, start).lower))
        continue;
      for (guint o = 0; o < triggers->len; o++)
        {
          const ChronomapLexiconMatch *tm = &g_array_index (triggers, ChronomapLexiconMatch, o);
          guint d;

          if (is_secondary (tm->trigger))
            continue;
          if (word_clause (words, tm->first) == clause)
            {
              st->home[t] = clause;
              break;
            }
          d = word_distance (own->first, own->last, tm->first, tm->last);
          if (d < best)
            {
              best = d;
              st->home[t] = word_clause (words, tm->first);
            }
        }
    }
}

/* Whether @word, outside trigger @self's clause and home, belongs to
 * another event: a trigger with another home starts in its clause.  Its
 * places and actors are that event's: "25 militants were killed in
 * clashes near al-Shafah, and an air strike on Susah killed 7 civilians"
 * has no clash at Susah. */
static gboolean
other_event (const SentenceTriggers *st,
             guint                   self,
             guint                   word)
{
  const ChronomapLexiconMatch *own = &g_array_index (st->triggers, ChronomapLexiconMatch, self);
  guint clause = word_clause (st->words, word);

  if (clause == word_clause (st->words, own->first) || clause == st->home[self])
    return FALSE;
  for (guint t = 0; t < st->triggers->len; t++)
    {
      const ChronomapLexiconMatch *tm = &g_array_index (st->triggers, ChronomapLexiconMatch, t);

      if (t != self && word_clause (st->words, tm->first) == clause && st->home[t] != st->home[self])
        return TRUE;
    }
  return FALSE;
}

typedef struct
{
  const ChronomapPlaceMention *mention;
  guint                        first;
  guint                        last;
} SentenceMention;

/* Whether the sentence names @focus, the article's place, only as the
 * place of another event than trigger @self's. */
static gboolean
names_other_event_place (const SentenceTriggers      *st,
                         guint                        self,
                         GArray                      *places,
                         const ChronomapPlaceMention *focus)
{
  gboolean other = FALSE;

  for (guint p = 0; p < places->len; p++)
    {
      const SentenceMention *sm = &g_array_index (places, SentenceMention, p);

      if (strcmp (sm->mention->entry->id, focus->entry->id) != 0)
        continue;
      if (!other_event (st, self, sm->first))
        return FALSE;
      other = TRUE;
    }
  return other;
}

static gboolean
same_event (const ChronomapExtractedEvent *a,
            const ChronomapExtractedEvent *b)
{
  return a->place != NULL && b->place != NULL && strcmp (a->place->id, b->place->id) == 0 &&
         strcmp (a->sub_event_type, b->sub_event_type) == 0 &&
         a->date_start <= b->date_end && b->date_start <= a->date_end &&
         a->precision == b->precision;
}

/* @coarse says again, less precisely, what @fine says: "seized Raqqa in
 * 2014" beside "captured the city in January 2014". */
static gboolean
restates (const ChronomapExtractedEvent *coarse,
          const ChronomapExtractedEvent *fine)
{
  return coarse->place != NULL && fine->place != NULL &&
         strcmp (coarse->place->id, fine->place->id) == 0 &&
         strcmp (coarse->sub_event_type, fine->sub_event_type) == 0 &&
         coarse->precision > fine->precision &&
         coarse->date_start <= fine->date_start && fine->date_end <= coarse->date_end;
}

/* Keeps @fine, with what @coarse adds: its support and the other side
 * when @fine's sentence names none. */
static void
merge_restated (ChronomapExtractedEvent       *fine,
                const ChronomapExtractedEvent *coarse)
{
  fine->confidence = MAX (fine->confidence, coarse->confidence);
  fine->fatalities = MAX (fine->fatalities, coarse->fatalities);
  if (fine->actor2 == NULL && coarse->actor2 != NULL &&
      g_strcmp0 (coarse->actor2, fine->actor1) != 0)
    {
      fine->actor2 = g_strdup (coarse->actor2);
      /* named in another sentence: nothing to highlight in this one */
      fine->actor2_span.start = fine->actor2_span.end = -1;
    }
}

static void
add_event (GPtrArray               *events,
           ChronomapExtractedEvent *event)
{
  for (guint i = 0; i < events->len; i++)
    {
      ChronomapExtractedEvent *other = g_ptr_array_index (events, i);

      if (restates (event, other))
        {
          merge_restated (other, event);
          chronomap_extracted_event_free (event);
          return;
        }
      if (restates (other, event))
        {
          merge_restated (event, other);
          g_ptr_array_index (events, i) = event;
          chronomap_extracted_event_free (other);
          return;
        }
      if (!same_event (other, event))
        continue;
      /* one event reported twice: keep the better supported report */
      if (event->fatalities > other->fatalities)
        other->fatalities = event->fatalities;
      if (event->confidence > other->confidence)
        {
          event->fatalities = MAX (event->fatalities, other->fatalities);
          g_ptr_array_index (events, i) = event;
          chronomap_extracted_event_free (other);
        }
      else
        chronomap_extracted_event_free (event);
      return;
    }
  g_ptr_array_add (events, event);
}

/**
 * chronomap_extractor_extract:
 * @self: an extractor
 * @text: the article, UTF-8 (see chronomap_extractor_check_text())
 * @length: its length in bytes
 * @published: the publication date
 *
 * Returns: (transfer full) (element-type ChronomapExtractedEvent): the
 *   events found, in the order of their sentences; possibly empty
 */
GPtrArray *
chronomap_extractor_extract (ChronomapExtractor *self,
                             const char         *text,
                             gsize               length,
                             gint32              published)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) chronomap_extracted_event_free);
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GArray) sentences = NULL;
  const ChronomapPlaceMention *focus;
  const ChronomapActor *main_actors[2];
  const ChronomapActor *air_actor;
  ChronomapDateContext context = { published, 0, CHRONOMAP_DAY_INVALID };
  ChronomapDateExpr carry = { 0 };
  gboolean have_carry = FALSE;
  /* the end of the last date the article named, in whatever sentence */
  gint32 last_named = CHRONOMAP_DAY_INVALID;
  guint paragraph = G_MAXUINT;
  guint next_mention = 0;

  g_return_val_if_fail (CHRONOMAP_IS_EXTRACTOR (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  /* what chronomap_extractor_check_text() refuses has no events */
  if (memchr (text, '\0', length) != NULL || !g_utf8_validate (text, length, NULL))
    return g_steal_pointer (&events);

  mentions = chronomap_geoparser_parse (self->geoparser, text, length);
  sentences = chronomap_split_sentences (text, length);
  focus = find_focus (mentions);
  find_main_actors (self, text, sentences, main_actors, &air_actor);

  for (guint s = 0; s < sentences->len; s++)
    {
      const ChronomapSentence *sentence = &g_array_index (sentences, ChronomapSentence, s);
      g_autoptr(GArray) words = chronomap_split_words (text, sentence->start, sentence->end);
      g_autoptr(GArray) dates = NULL;
      g_autoptr(GArray) actors = NULL;
      g_autoptr(GArray) triggers = NULL;
      g_autoptr(GArray) places = g_array_new (FALSE, TRUE, sizeof (SentenceMention));
      g_autoptr(GPtrArray) sentence_events = g_ptr_array_new ();
      g_autoptr(GPtrArray) sentence_triggers = g_ptr_array_new ();
      g_autoptr(GArray) sentence_words = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autofree guint *homes = NULL;
      SentenceTriggers st;
      gboolean anaphor = FALSE;

      if (sentence->paragraph != paragraph)
        {
          paragraph = sentence->paragraph;
          have_carry = FALSE;
        }
      if (words->len == 0)
        continue;

      dates = chronomap_find_dates (words, &context);
      actors = chronomap_lexicon_find_actors (self->lexicon, text, words);
      triggers = chronomap_lexicon_find_triggers (self->lexicon, words);
      homes = g_new0 (guint, triggers->len + 1);
      st = (SentenceTriggers) { words, triggers, homes };
      find_homes (&st);

      /* the place mentions of this sentence, as word indices, leaving
       * out those inside an actor's name */
      while (next_mention < mentions->len &&
             ((ChronomapPlaceMention *) g_ptr_array_index (mentions, next_mention))->byte_start < sentence->start)
        next_mention++;
      for (guint m = next_mention; m < mentions->len; m++)
        {
          const ChronomapPlaceMention *mention = g_ptr_array_index (mentions, m);
          SentenceMention sm = { mention, G_MAXUINT, 0 };
          gboolean in_actor = FALSE;

          if (mention->byte_start >= sentence->end)
            break;
          for (guint w = 0; w < words->len; w++)
            {
              const ChronomapWord *word = &g_array_index (words, ChronomapWord, w);

              if (word->start >= mention->byte_start && word->end <= mention->byte_end)
                {
                  sm.first = MIN (sm.first, w);
                  sm.last = MAX (sm.last, w);
                }
            }
          if (sm.first == G_MAXUINT)
            continue;
          for (guint a = 0; a < actors->len; a++)
            {
              const ChronomapLexiconMatch *am = &g_array_index (actors, ChronomapLexiconMatch, a);

              if (am->first <= sm.last && sm.first <= am->last)
                in_actor = TRUE;
            }
          /* the reporter's place is not the event's */
          if (!in_actor && !mention->dateline)
            g_array_append_val (places, sm);
        }
      for (guint w = 0; w < words->len; w++)
        if (g_strv_contains (place_anaphora, g_array_index (words, ChronomapWord, w).lower))
          anaphor = TRUE;

      for (guint t = 0; t < triggers->len; t++)
        {
          const ChronomapLexiconMatch *tm = &g_array_index (triggers, ChronomapLexiconMatch, t);
          const ChronomapTrigger *trigger = tm->trigger;
          guint clause = g_array_index (words, ChronomapWord, tm->first).clause;
          ChronomapExtractedEvent *event;
          const SentenceMention *place = NULL;
          const ChronomapPlaceMention *place_mention = NULL;
          const ChronomapDateExpr *date = NULL;
          const ChronomapLexiconMatch *a1 = NULL, *a2 = NULL;
          double confidence = trigger->weight;
          guint best_d = G_MAXUINT;

          if (clause_is_irrealis (words, clause, tm->first) || is_infinitive (words, tm->first) ||
              takes_people (words, trigger, tm->first, tm->last) ||
              not_violence (words, trigger, tm->first, tm->last) ||
              describes_role (words, tm->first))
            continue;

          /* place: nearest populated place in the clause, then in the
           * clause of the event the trigger adds to, then the sentence
           * outside other events' clauses; countries and regions only
           * when nothing finer */
          for (int pass = 0; pass < 3 && place == NULL; pass++)
            for (guint p = 0; p < places->len; p++)
              {
                const SentenceMention *sm = &g_array_index (places, SentenceMention, p);
                guint d = word_distance (tm->first, tm->last, sm->first, sm->last);

                if (sm->mention->entry->precision == CHRONOMAP_PRECISION_COUNTRY ||
                    g_str_has_prefix (sm->mention->entry->id, "region:"))
                  continue;
                /* "in Deir ez-Zor province": an area when no town is named */
                if (sm->mention->entry->precision == CHRONOMAP_PRECISION_ADMIN)
                  d += 4;
                if (pass == 0 && word_clause (words, sm->first) != clause)
                  continue;
                if (pass == 1 && word_clause (words, sm->first) != homes[t])
                  continue;
                if (other_event (&st, t, sm->first))
                  continue;
                /* a place after the trigger is its object or its setting:
                 * prefer it to one before at the same distance */
                if (sm->first < tm->first)
                  d += 2;
                if (d < best_d)
                  {
                    best_d = d;
                    place = sm;
                  }
              }
          if (place != NULL)
            place_mention = place->mention;
          else if (focus != NULL && !names_other_event_place (&st, t, places, focus))
            {
              gboolean coarse_elsewhere = FALSE;
              guint anaphor_d = G_MAXUINT;

              for (guint w = 0; w < words->len; w++)
                if (g_strv_contains (place_anaphora, g_array_index (words, ChronomapWord, w).lower))
                  anaphor_d = MIN (anaphor_d, word_distance (tm->first, tm->last, w, w));

              /* a country or region named nearer than any "there" or "the
               * city", and the article's place not in it: the event is
               * there, not at the article's place */
              for (guint p = 0; p < places->len; p++)
                {
                  const SentenceMention *sm = &g_array_index (places, SentenceMention, p);

                  if (strcmp (sm->mention->entry->country, focus->entry->country) != 0 &&
                      !other_event (&st, t, sm->first) &&
                      word_distance (tm->first, tm->last, sm->first, sm->last) < anaphor_d)
                    {
                      coarse_elsewhere = TRUE;
                      place = sm;
                    }
                }
              if (coarse_elsewhere)
                {
                  place_mention = place->mention;
                  confidence *= 0.7;
                }
              else
                {
                  place_mention = focus;
                  confidence *= anaphor ? 0.85 : 0.75;
                }
            }
          else
            {
              /* a country or region, when nothing finer: not one of
               * another event's clauses */
              for (guint p = 0; p < places->len && place == NULL; p++)
                {
                  const SentenceMention *sm = &g_array_index (places, SentenceMention, p);

                  if (!other_event (&st, t, sm->first))
                    place = sm;
                }
              if (place == NULL)
                continue;   /* no place of its own: not an event on a map */
              place_mention = place->mention;
              confidence *= 0.7;
            }

          /* date: the trigger's clause, the sentence's main clauses, the
           * paragraph's last date, the publication date */
          best_d = G_MAXUINT;
          for (int pass = 0; pass < 2 && date == NULL; pass++)
            for (guint d = 0; d < dates->len; d++)
              {
                const ChronomapDateExpr *e = &g_array_index (dates, ChronomapDateExpr, d);
                const ChronomapWord *ew = &g_array_index (words, ChronomapWord, e->first);
                guint dist = word_distance (tm->first, tm->last, e->first, e->last);

                if (pass == 0 && ew->clause != clause)
                  continue;
                if (pass == 1 && ew->subordinate)
                  continue;
                if (dist < best_d)
                  {
                    best_d = dist;
                    date = e;
                  }
              }
          if (date == NULL && have_carry)
            {
              date = &carry;
              confidence *= 0.85;
            }
          /* No date, and none to assume: the article has gone back to
           * its history (the last date it named is well before the
           * publication: "Many of its leaders were at times based
           * there" after "in June 2014"), or the clause sums up a period.
           * The publication day would be wrong, and a timeline has no
           * place for an event of no date. */
          if (date == NULL &&
              ((last_named != CHRONOMAP_DAY_INVALID && last_named < published - BACKGROUND_DAYS) ||
               sums_up_period (words, clause)))
            continue;

          /* actors: the nearest named before the trigger in its clause
           * acts, else one before it in the sentence that is not only
           * reporting ("the coalition has said"); the nearest after is
           * acted upon */
          for (int pass = 0; pass < 2 && a1 == NULL; pass++)
            for (guint a = 0; a < actors->len; a++)
              {
                const ChronomapLexiconMatch *am = &g_array_index (actors, ChronomapLexiconMatch, a);

                /* "Coalition warplanes struck": the actor may share a word
                 * with the trigger */
                if (am->first >= tm->first)
                  continue;
                if (pass == 0 && g_array_index (words, ChronomapWord, am->first).clause != clause)
                  continue;
                if (pass == 1 && (is_reporting (words, am->last) || other_event (&st, t, am->first)))
                  continue;
                a1 = am;
              }
          for (guint a = 0; a < actors->len; a++)
            {
              const ChronomapLexiconMatch *am = &g_array_index (actors, ChronomapLexiconMatch, a);

              /* "killed ... people": the victims may be inside the phrase */
              if (am->first > tm->first && a2 == NULL && !is_reporting (words, am->last) &&
                  !other_event (&st, t, am->first))
                a2 = am;
            }
          if (a2 != NULL && a1 != NULL && a2->actor == a1->actor)
            a2 = NULL;
          /* "20 people were killed in an air raid": civilians named before
           * the trigger are its victims, not its authors */
          if (a1 != NULL && a1->actor->kind == CHRONOMAP_ACTOR_CIVILIANS)
            {
              if (a2 == NULL)
                a2 = a1;
              a1 = NULL;
            }
          /* air strikes are flown by states and their coalitions: a
           * group named before "air strikes" is their target ("the
           * coalition backing the SDF against Islamic State with air
           * strikes") */
          if (a1 != NULL && strcmp (trigger->sub_event_type, "Air/drone strike") == 0 &&
              a1->actor->kind != CHRONOMAP_ACTOR_STATE && a1->actor->kind != CHRONOMAP_ACTOR_EXTERNAL)
            {
              if (a2 == NULL)
                a2 = a1;
              a1 = NULL;
            }
          /* protesters are the side that acts in a protest */
          if ((strcmp (trigger->event_type, "Protests") == 0 || strcmp (trigger->event_type, "Riots") == 0) &&
              a1 == NULL && a2 != NULL && a2->actor->kind == CHRONOMAP_ACTOR_CIVILIANS)
            {
              a1 = a2;
              a2 = NULL;
            }
          /* "clashes between rebels and government forces" */
          if (a1 == NULL && a2 != NULL && strcmp (trigger->sub_event_type, "Armed clash") == 0 &&
              a2->actor->kind != CHRONOMAP_ACTOR_CIVILIANS)
            {
              for (guint a = 0; a < actors->len; a++)
                {
                  const ChronomapLexiconMatch *am = &g_array_index (actors, ChronomapLexiconMatch, a);

                  if (am->first > a2->last && am->actor != a2->actor && !is_reporting (words, am->last) &&
                      am->actor->kind != CHRONOMAP_ACTOR_CIVILIANS && !other_event (&st, t, am->first))
                    {
                      a1 = a2;
                      a2 = am;
                      break;
                    }
                }
              /* "fighting between the SDF and tribal militias": the side
               * named first is a party, not a target, even when the
               * other is not one the lexicon knows */
              if (a1 == NULL && tm->last + 1 < words->len &&
                  strcmp (g_array_index (words, ChronomapWord, tm->last + 1).lower, "between") == 0)
                {
                  a1 = a2;
                  a2 = NULL;
                }
            }

          event = g_new0 (ChronomapExtractedEvent, 1);
          event->event_type = g_strdup (trigger->event_type);
          event->sub_event_type = g_strdup (trigger->sub_event_type);
          if (a1 != NULL)
            event->actor1 = g_strdup (a1->actor->name);
          else if (main_actors[0] != NULL || air_actor != NULL)
            {
              const ChronomapActor *main_actor = main_actors[0];

              /* the other protagonist, when the first is acted upon */
              if (a2 != NULL && a2->actor == main_actor)
                main_actor = main_actors[1];
              /* air strikes are flown by states and their coalitions */
              if (strcmp (trigger->sub_event_type, "Air/drone strike") == 0 &&
                  (main_actor == NULL ||
                   (main_actor->kind != CHRONOMAP_ACTOR_STATE &&
                    main_actor->kind != CHRONOMAP_ACTOR_EXTERNAL)))
                main_actor = a2 == NULL || a2->actor != air_actor ? air_actor : NULL;
              if (main_actor != NULL)
                {
                  event->actor1 = g_strdup (main_actor->name);
                  confidence *= 0.95;
                }
            }
          if (a2 != NULL)
            event->actor2 = g_strdup (a2->actor->name);
          if (trigger->state_sub_event_type != NULL && a1 != NULL &&
              a1->actor->kind == CHRONOMAP_ACTOR_STATE)
            {
              g_free (event->sub_event_type);
              event->sub_event_type = g_strdup (trigger->state_sub_event_type);
            }

          if (date != NULL)
            {
              event->date_start = date->start;
              event->date_end = date->end;
              event->precision = date->precision;
              if (date != &carry)
                {
                  event->date_span.start = g_array_index (words, ChronomapWord, date->first).start;
                  event->date_span.end = g_array_index (words, ChronomapWord, date->last).end;
                }
              else
                event->date_span.start = event->date_span.end = -1;
            }
          else
            {
              event->date_start = event->date_end = published;
              event->precision = CHRONOMAP_DATE_PRECISION_DAY;
              event->date_span.start = event->date_span.end = -1;
              event->date_assumed = TRUE;
              confidence *= 0.75;
            }

          event->location = g_strdup (place_mention->text);
          event->place = chronomap_gazetteer_entry_copy (place_mention->entry);
          if (place != NULL)
            {
              event->place_span.start = place_mention->byte_start;
              event->place_span.end = place_mention->byte_end;
            }
          else
            event->place_span.start = event->place_span.end = -1;
          event->fatalities = trigger->kills ? count_fatalities (words, tm->first, tm->last) : -1;
          /* "26 civilians have been killed": civilians dead, whoever the
           * sentence leaves unnamed killed them */
          if (trigger->kills && strcmp (event->event_type, "Battles") == 0 &&
              civilians_killed (words, tm->first))
            {
              g_free (event->event_type);
              g_free (event->sub_event_type);
              event->event_type = g_strdup ("Violence against civilians");
              event->sub_event_type = g_strdup ("Attack");
              if (event->actor2 == NULL)
                event->actor2 = g_strdup ("Civilians");
            }
          event->confidence = CLAMP (confidence * (0.6 + 0.4 * place_mention->score), 0.0, 1.0);
          event->quote = g_strndup (text + sentence->start, sentence->end - sentence->start);
          event->sentence.start = sentence->start;
          event->sentence.end = sentence->end;
          event->trigger_span.start = g_array_index (words, ChronomapWord, tm->first).start;
          event->trigger_span.end = g_array_index (words, ChronomapWord, tm->last).end;
          event->actor1_span.start = a1 != NULL ? (gssize) g_array_index (words, ChronomapWord, a1->first).start : -1;
          event->actor1_span.end = a1 != NULL ? (gssize) g_array_index (words, ChronomapWord, a1->last).end : -1;
          event->actor2_span.start = a2 != NULL ? (gssize) g_array_index (words, ChronomapWord, a2->first).start : -1;
          event->actor2_span.end = a2 != NULL ? (gssize) g_array_index (words, ChronomapWord, a2->last).end : -1;

          if (event->confidence < MIN_CONFIDENCE)
            chronomap_extracted_event_free (event);
          else
            {
              g_ptr_array_add (sentence_events, event);
              g_ptr_array_add (sentence_triggers, (gpointer) trigger);
              g_array_append_val (sentence_words, t);
            }
        }

      /* "A suicide bomber killed 15 people", "retook the village after
       * heavy fighting": one event, with the details of the weaker
       * trigger folded in; into a main trigger of its home clause
       * first, else the nearest */
      for (guint k = 0; k < sentence_events->len; k++)
        {
          ChronomapExtractedEvent *event = g_ptr_array_index (sentence_events, k);
          const ChronomapTrigger *trigger = g_ptr_array_index (sentence_triggers, k);
          guint t = g_array_index (sentence_words, guint, k);
          const ChronomapLexiconMatch *tm = &g_array_index (triggers, ChronomapLexiconMatch, t);
          ChronomapExtractedEvent *into = NULL;
          guint best = G_MAXUINT;

          if (event == NULL || !is_secondary (trigger))
            continue;
          for (guint o = 0; o < sentence_events->len; o++)
            {
              ChronomapExtractedEvent *other = g_ptr_array_index (sentence_events, o);
              const ChronomapTrigger *other_trigger = g_ptr_array_index (sentence_triggers, o);
              guint ot = g_array_index (sentence_words, guint, o);
              const ChronomapLexiconMatch *om = &g_array_index (triggers, ChronomapLexiconMatch, ot);
              guint d;

              if (other == NULL || is_secondary (other_trigger) ||
                  strcmp (other->place->id, event->place->id) != 0 ||
                  other->date_start > event->date_end || event->date_start > other->date_end)
                continue;
              d = word_distance (tm->first, tm->last, om->first, om->last);
              if (homes[ot] != homes[t])
                d += words->len;
              if (d < best)
                {
                  best = d;
                  into = other;
                }
            }
          if (into == NULL)
            continue;
          if (into->fatalities < 0)
            into->fatalities = event->fatalities;
          if (into->actor2 == NULL && event->actor2 != NULL)
            into->actor2 = g_strdup (event->actor2);
          chronomap_extracted_event_free (event);
          g_ptr_array_index (sentence_events, k) = NULL;
        }
      for (guint k = 0; k < sentence_events->len; k++)
        if (g_ptr_array_index (sentence_events, k) != NULL)
          add_event (events, g_ptr_array_index (sentence_events, k));

      /* what later sentences refer back to */
      for (guint d = 0; d < dates->len; d++)
        {
          const ChronomapDateExpr *e = &g_array_index (dates, ChronomapDateExpr, d);

          last_named = e->end;
          if (e->year > 0)
            context.year = e->year;
          else
            {
              int y, m, dd;

              chronomap_date_to_ymd (e->start, &y, &m, &dd);
              context.year = y;
            }
          if (!e->range)
            {
              context.previous = e->start;
              carry = *e;
              have_carry = TRUE;
            }
          else
            /* "last week" after "in 1972": the older date no longer
             * holds for the sentences that follow */
            have_carry = FALSE;
        }
    }

  return g_steal_pointer (&events);
}
