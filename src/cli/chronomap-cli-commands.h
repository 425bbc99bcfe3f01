/* chronomap-cli-commands.h: the commands of chronomap-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "chronomap-event-store.h"

G_BEGIN_DECLS

/* Exit statuses shared by every command. */
#define CHRONOMAP_CLI_EXIT_OK       0
#define CHRONOMAP_CLI_EXIT_FAILURE  1  /* a file can't be read, written or understood */
#define CHRONOMAP_CLI_EXIT_USAGE    2  /* bad command line */

/* Each command gets argv with argv[0] = "chronomap-cli COMMAND".  It names
 * its arguments once, in g_option_context_new()'s parameter string; its
 * G_OPTION_REMAINING entry has no arg_description, as GLib would print that
 * in the usage line too, before the parameter string. */
typedef int (*ChronomapCliCommand) (int argc, char **argv);

int  chronomap_cli_info          (int argc, char **argv);
int  chronomap_cli_extract       (int argc, char **argv);
int  chronomap_cli_geoparse      (int argc, char **argv);
int  chronomap_cli_geocode       (int argc, char **argv);
int  chronomap_cli_geocode_db    (int argc, char **argv);
int  chronomap_cli_gazetteer     (int argc, char **argv);
int  chronomap_cli_import        (int argc, char **argv);
int  chronomap_cli_export        (int argc, char **argv);
int  chronomap_cli_render        (int argc, char **argv);

int  chronomap_cli_usage_error   (GOptionContext *context,
                                  const char     *message);
gboolean chronomap_cli_file_readable (const char *path);
int  chronomap_cli_parse_window  (GOptionContext *context,
                                  const char     *from_text,
                                  const char     *to_text,
                                  gint32         *from,
                                  gint32         *to);

char    *chronomap_cli_place_events (ChronomapEventStore *store,
                                    const char          *path);

G_END_DECLS
