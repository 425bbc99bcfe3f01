/* chronomap-label-glides.h: towns' names gliding out of marks and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chronomap-basemap.h"

G_BEGIN_DECLS

/* How long a name takes to move, on the map and in videos. */
#define CHRONOMAP_LABEL_GLIDE_MS 250

typedef struct _ChronomapLabelGlides ChronomapLabelGlides;

ChronomapLabelGlides *chronomap_label_glides_new          (guint                 milliseconds);
void                  chronomap_label_glides_free         (ChronomapLabelGlides *self);
void                  chronomap_label_glides_set_duration (ChronomapLabelGlides *self,
                                                           guint                 milliseconds);
gboolean              chronomap_label_glides_apply        (ChronomapLabelGlides *self,
                                                           GArray               *labels,
                                                           double                zoom,
                                                           gint64                now,
                                                           gboolean              drawing);
gboolean              chronomap_label_glides_is_gliding   (ChronomapLabelGlides *self);
void                  chronomap_label_glides_forget       (ChronomapLabelGlides *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronomapLabelGlides, chronomap_label_glides_free)

G_END_DECLS
