/* chronomap-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "chronomap-error.h"

G_DEFINE_QUARK (chronomap-error-quark, chronomap_error)
