/* chronomap-lexicon.h: actors, event triggers and word lists as data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "chronomap-sentences.h"

G_BEGIN_DECLS

/**
 * ChronomapActorKind:
 * @CHRONOMAP_ACTOR_OTHER: anything else
 * @CHRONOMAP_ACTOR_STATE: a state's own forces: a "government regains
 *   territory" when they take a place
 * @CHRONOMAP_ACTOR_NON_STATE: rebels, militias, jihadist groups
 * @CHRONOMAP_ACTOR_EXTERNAL: a foreign state or coalition
 * @CHRONOMAP_ACTOR_CIVILIANS: civilians
 *
 * What kind of party an actor is.
 */
typedef enum
{
  CHRONOMAP_ACTOR_OTHER,
  CHRONOMAP_ACTOR_STATE,
  CHRONOMAP_ACTOR_NON_STATE,
  CHRONOMAP_ACTOR_EXTERNAL,
  CHRONOMAP_ACTOR_CIVILIANS,
} ChronomapActorKind;

typedef struct
{
  char               *name;
  ChronomapActorKind  kind;
} ChronomapActor;

/**
 * ChronomapTrigger:
 * @pattern: the pattern as written in triggers.tsv
 * @event_type: ACLED event type
 * @sub_event_type: ACLED sub-event type
 * @state_sub_event_type: (nullable): the sub-event type when the acting
 *   side is a state's forces
 * @weight: how surely the words mean the event, 0..1
 * @kills: whether the numbers of people it mentions are fatalities
 *
 * A phrase that signals an event.
 */
typedef struct
{
  char    *pattern;
  char    *event_type;
  char    *sub_event_type;
  char    *state_sub_event_type;
  double   weight;
  gboolean kills;
  /* private */
  char   **words;
  guint    n_literal;
  guint    specificity;
} ChronomapTrigger;

/**
 * ChronomapLexiconMatch:
 * @first: index of the first word matched
 * @last: index of the last word matched
 * @actor: (nullable): the actor, for an actor match
 * @trigger: (nullable): the trigger, for a trigger match
 *
 * Where an actor or a trigger occurs in a list of words.
 */
typedef struct
{
  guint                   first;
  guint                   last;
  const ChronomapActor   *actor;
  const ChronomapTrigger *trigger;
} ChronomapLexiconMatch;

#define CHRONOMAP_TYPE_LEXICON (chronomap_lexicon_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapLexicon, chronomap_lexicon, CHRONOMAP, LEXICON, GObject)

ChronomapLexicon *chronomap_lexicon_new_default      (GError           **error);
ChronomapLexicon *chronomap_lexicon_new_from_files   (const char        *actors_path,
                                                      const char        *triggers_path,
                                                      GError           **error);
GArray           *chronomap_lexicon_find_actors      (ChronomapLexicon  *self,
                                                      const char        *text,
                                                      GArray            *words);
GArray           *chronomap_lexicon_find_triggers    (ChronomapLexicon  *self,
                                                      GArray            *words);
void              chronomap_lexicon_add_actor_keys   (ChronomapLexicon  *self,
                                                      GHashTable        *set);
const ChronomapActor *chronomap_lexicon_lookup_actor (ChronomapLexicon  *self,
                                                      const char        *name);

GHashTable       *chronomap_lexicon_load_words       (const char        *relpath,
                                                      GError           **error);
gint64            chronomap_number_value             (const char        *word);

/* chronomap_number_value() for "dozens", "hundreds": a quantity, not a number */
#define CHRONOMAP_NUMBER_VAGUE (-1)
#define CHRONOMAP_NUMBER_NONE  (-2)

G_END_DECLS
