/* chronomap-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CHRONOMAP_TYPE_APPLICATION (chronomap_application_get_type ())
G_DECLARE_FINAL_TYPE (ChronomapApplication, chronomap_application, CHRONOMAP, APPLICATION, AdwApplication)

ChronomapApplication *chronomap_application_new (void);

G_END_DECLS
