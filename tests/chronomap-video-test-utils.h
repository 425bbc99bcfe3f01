/* chronomap-video-test-utils.h: a video Chronomap wrote, decoded again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

GPtrArray *chronomap_video_test_decode       (const char *path,
                                              int         width,
                                              int         height);
gboolean   chronomap_video_test_part_written (const char *dir,
                                              const char *name);

G_END_DECLS
