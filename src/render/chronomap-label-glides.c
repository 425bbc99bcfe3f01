/* chronomap-label-glides.c: towns' names gliding out of marks and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * chronomap_basemap_labels_clear_marks() puts a town's name beside the
 * mark that covers its dot.  As the time window moves, an event lands on
 * a town and leaves it again; frame after frame, the name would jump out
 * and back.  The glides remember where each name in view was and move it
 * to its new place over a short time, easing out, drawn as its name
 * alone on the way; its dot stays in place, drawn apart, while the name
 * comes back to it, and stays hidden under the mark that a name leaves.  The map uses them with
 * its frame clock, and videos with their pictures' times.
 */
#define G_LOG_DOMAIN "chronomap-label-glides"

#include "config.h"

#include "chronomap-label-glides.h"

#include <math.h>

/* A name on its way, as offsets from its dot: the same at any pan of
 * the view, not across zoom levels. */
typedef struct
{
  double from_x;
  double from_y;
  double to_x;
  double to_y;
  gint64 start;    /* µs */
  guint  serial;   /* the last picture the name was in */
} Glide;

struct _ChronomapLabelGlides
{
  GHashTable *glides;     /* label id -> Glide */
  double      zoom;       /* the zoom level the ids belong to */
  gint64      duration;   /* µs; 0: names jump */
  guint       serial;
  gboolean    gliding;    /* in the last picture drawn */
};

/**
 * chronomap_label_glides_new:
 * @milliseconds: how long a name takes to reach its new place; 0 to put
 *   it there at once
 *
 * Returns: (transfer full): glides for the pictures of one view
 */
ChronomapLabelGlides *
chronomap_label_glides_new (guint milliseconds)
{
  ChronomapLabelGlides *self = g_new0 (ChronomapLabelGlides, 1);

  self->glides = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->zoom = NAN;
  self->duration = (gint64) milliseconds * 1000;
  return self;
}

void
chronomap_label_glides_free (ChronomapLabelGlides *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->glides);
  g_free (self);
}

void
chronomap_label_glides_set_duration (ChronomapLabelGlides *self,
                                     guint                 milliseconds)
{
  g_return_if_fail (self != NULL);

  self->duration = (gint64) milliseconds * 1000;
}

/**
 * chronomap_label_glides_forget:
 *
 * Forgets every name: the next picture puts each in its place at once,
 * as after a view without names (another map under the events).
 */
void
chronomap_label_glides_forget (ChronomapLabelGlides *self)
{
  g_return_if_fail (self != NULL);

  g_hash_table_remove_all (self->glides);
  self->gliding = FALSE;
}

static gboolean
forget_glide (gpointer key,
              gpointer value,
              gpointer user_data)
{
  return ((Glide *) value)->serial != GPOINTER_TO_UINT (user_data);
}

/**
 * chronomap_label_glides_apply:
 * @labels: (element-type ChronomapBasemapLabel): the labels of a picture
 *   at @zoom, placed by chronomap_basemap_labels_clear_marks()
 * @zoom: the zoom level the labels were placed for
 * @now: the picture's time, in µs
 * @drawing: %TRUE for a picture being drawn, %FALSE to only read
 *
 * Puts each town's name of @labels where its glide is at @now: a name
 * whose place changed since the last picture starts from where it was (a
 * glide turned back stays smooth) and is drawn as its name alone until
 * it arrives, its dot apart (lone_dot) if no mark covers it now.  A name new to the view, or at another zoom level, is put
 * in its place at once, as is every name when the glides last no time.
 * Only a picture being drawn starts glides and forgets the names it
 * lacks.
 *
 * Returns: whether a name is still on its way, so that another picture
 *   is needed
 */
gboolean
chronomap_label_glides_apply (ChronomapLabelGlides *self,
                              GArray               *labels,
                              double                zoom,
                              gint64                now,
                              gboolean              drawing)
{
  gboolean gliding = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (labels != NULL, FALSE);

  if (drawing && (zoom != self->zoom || self->duration <= 0))
    {
      /* another zoom level places the names anew: no glide across it */
      chronomap_label_glides_forget (self);
      self->zoom = zoom;
    }
  if (self->duration <= 0)
    return FALSE;
  if (drawing)
    self->serial++;

  for (guint i = 0; i < labels->len; i++)
    {
      ChronomapBasemapLabel *label = &g_array_index (labels, ChronomapBasemapLabel, i);
      double to_x = label->name_x - label->dot_x, to_y = label->name_y - label->dot_y;
      gboolean dot_free = !label->moved || label->lone_dot;
      Glide *glide;
      double t, ease;

      if (!label->town)
        continue;
      glide = g_hash_table_lookup (self->glides, GUINT_TO_POINTER (label->id));
      if (glide == NULL)
        {
          if (drawing)
            {
              glide = g_new (Glide, 1);
              *glide = (Glide) { to_x, to_y, to_x, to_y, now - self->duration, self->serial };
              g_hash_table_insert (self->glides, GUINT_TO_POINTER (label->id), glide);
            }
          continue;
        }
      if (drawing)
        glide->serial = self->serial;
      t = (double) (now - glide->start) / self->duration;
      ease = 1.0 - pow (1.0 - CLAMP (t, 0.0, 1.0), 3);
      if (fabs (to_x - glide->to_x) > 0.5 || fabs (to_y - glide->to_y) > 0.5)
        {
          if (!drawing)
            continue;
          glide->from_x += (glide->to_x - glide->from_x) * ease;
          glide->from_y += (glide->to_y - glide->from_y) * ease;
          glide->to_x = to_x;
          glide->to_y = to_y;
          glide->start = now;
          t = ease = 0.0;
        }
      if (t >= 1.0 || (glide->from_x == glide->to_x && glide->from_y == glide->to_y))
        {
          /* arrived: a later, longer glide time must not send it back */
          if (drawing)
            {
              glide->from_x = glide->to_x;
              glide->from_y = glide->to_y;
            }
          continue;
        }
      label->name_x = label->x = label->dot_x + glide->from_x + (glide->to_x - glide->from_x) * ease;
      label->name_y = label->y = label->dot_y + glide->from_y + (glide->to_y - glide->from_y) * ease;
      label->width = label->name_width;
      label->height = label->name_height;
      label->moved = TRUE;
      label->lone_dot = dot_free;
      gliding = TRUE;
    }
  if (drawing)
    {
      g_hash_table_foreach_remove (self->glides, forget_glide, GUINT_TO_POINTER (self->serial));
      self->gliding = gliding;
    }
  return gliding;
}

/**
 * chronomap_label_glides_is_gliding:
 *
 * Returns: whether a name was on its way in the last picture drawn, so
 *   that the next one differs even if nothing else does
 */
gboolean
chronomap_label_glides_is_gliding (ChronomapLabelGlides *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->gliding;
}
