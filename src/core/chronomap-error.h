/* chronomap-error.h: the application's error domain
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CHRONOMAP_ERROR (chronomap_error_quark ())

/**
 * ChronomapError:
 * @CHRONOMAP_ERROR_FAILED: anything else
 * @CHRONOMAP_ERROR_NOT_FOUND: a file or entry does not exist
 * @CHRONOMAP_ERROR_NOT_A_DATABASE: the file is not an SQLite database, or is corrupt
 * @CHRONOMAP_ERROR_MISSING_TABLE: a required table is missing
 * @CHRONOMAP_ERROR_MISSING_COLUMN: a required column is missing
 * @CHRONOMAP_ERROR_TOO_NEW: the file was written by a newer version of the format
 * @CHRONOMAP_ERROR_INVALID_VALUE: a value (a date, a number) does not parse
 * @CHRONOMAP_ERROR_INVALID_INPUT: malformed input file (CSV, JSON, ...)
 * @CHRONOMAP_ERROR_READ_ONLY: a write was asked of a file that cannot be written
 * @CHRONOMAP_ERROR_UNSUPPORTED: a valid file of a kind that is not supported
 * @CHRONOMAP_ERROR_CANCELLED: the operation was cancelled
 *
 * Error codes in the %CHRONOMAP_ERROR domain. Messages always name the file and,
 * where there is one, the table, column, row or line at fault.
 */
typedef enum
{
  CHRONOMAP_ERROR_FAILED,
  CHRONOMAP_ERROR_NOT_FOUND,
  CHRONOMAP_ERROR_NOT_A_DATABASE,
  CHRONOMAP_ERROR_MISSING_TABLE,
  CHRONOMAP_ERROR_MISSING_COLUMN,
  CHRONOMAP_ERROR_TOO_NEW,
  CHRONOMAP_ERROR_INVALID_VALUE,
  CHRONOMAP_ERROR_INVALID_INPUT,
  CHRONOMAP_ERROR_READ_ONLY,
  CHRONOMAP_ERROR_UNSUPPORTED,
  CHRONOMAP_ERROR_CANCELLED,
} ChronomapError;

GQuark chronomap_error_quark (void);

G_END_DECLS
