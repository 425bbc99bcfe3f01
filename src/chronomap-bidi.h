/* chronomap-bidi.h: names laid out in their own direction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @text between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: laid
 * out in its own direction whatever surrounds it, so that a Latin name in
 * an Arabic sentence (and the reverse) keeps its words in order. */
static inline char *
chronomap_bidi_isolate (const char *text)
{
  return g_strdup_printf ("\u2068%s\u2069", text != NULL ? text : "");
}

G_END_DECLS
