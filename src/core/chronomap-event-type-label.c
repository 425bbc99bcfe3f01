/* chronomap-event-type-label.c: ACLED's event types in the reader's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files keep ACLED's English names, the analysts' common language; the
 * viewer shows them translated where a translation exists, and any other
 * type as the file writes it.
 */
#include "config.h"

#include "chronomap-event-type-label.h"

#include <string.h>

#include <glib/gi18n.h>

/* ACLED's codebook: the six event types and their sub-event types, and
 * the type Chronomap gives rows whose file has none. */
static const char * const known[] = {
  N_("Battles"),
  N_("Explosions/Remote violence"),
  N_("Violence against civilians"),
  N_("Protests"),
  N_("Riots"),
  N_("Strategic developments"),
  N_("Armed clash"),
  N_("Government regains territory"),
  N_("Non-state actor overtakes territory"),
  N_("Chemical weapon"),
  N_("Air/drone strike"),
  N_("Suicide bomb"),
  N_("Shelling/artillery/missile attack"),
  N_("Remote explosive/landmine/IED"),
  N_("Grenade"),
  N_("Sexual violence"),
  N_("Attack"),
  N_("Abduction/forced disappearance"),
  N_("Peaceful protest"),
  N_("Protest with intervention"),
  N_("Excessive force against protesters"),
  N_("Violent demonstration"),
  N_("Mob violence"),
  N_("Agreement"),
  N_("Arrests"),
  N_("Change to group/activity"),
  N_("Disrupted weapons use"),
  N_("Headquarters or base established"),
  N_("Looting/property destruction"),
  N_("Non-violent transfer of territory"),
  N_("Other"),
  N_("Unspecified"),
};

/**
 * chronomap_event_type_label:
 * @name: (nullable): an event or sub-event type as a file writes it
 *
 * Returns: (nullable): @name translated when it is one of ACLED's, else
 *   @name itself
 */
const char *
chronomap_event_type_label (const char *name)
{
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (strcmp (known[i], name) == 0)
      return _(known[i]);
  return name;
}
