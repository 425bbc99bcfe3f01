/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "chronomap-application.h"
#include "chronomap-paths.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(ChronomapApplication) app = NULL;

  bindtextdomain (GETTEXT_PACKAGE, chronomap_paths_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = chronomap_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
