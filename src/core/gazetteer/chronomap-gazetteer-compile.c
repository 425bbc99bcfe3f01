/* chronomap-gazetteer-compile.c: builds the bundled gazetteer at build time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * chronomap-gazetteer-compile --output FILE [--label L] [--admin1 TSV] SOURCE...
 */
#define G_LOG_DOMAIN "chronomap-gazetteer-compile"

#include "config.h"

#include <stdlib.h>

#include "chronomap-gazetteer.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(ChronomapGazetteerBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *label = NULL;
  g_autofree char *admin1 = NULL;
  g_auto(GStrv) sources = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Compiled gazetteer to write", "FILE" },
    { "label", 'l', 0, G_OPTION_ARG_STRING, &label, "Name shown for it", "LABEL" },
    { "admin1", 'a', 0, G_OPTION_ARG_FILENAME, &admin1, "GeoNames admin1 names", "TSV" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &sources, NULL, "SOURCE..." },
    { NULL }
  };

  context = g_option_context_new ("- compile gazetteer sources");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (output == NULL || sources == NULL)
    {
      g_printerr ("usage: chronomap-gazetteer-compile --output FILE SOURCE...\n");
      return 2;
    }

  builder = chronomap_gazetteer_builder_new (label != NULL ? label : "bundled");
  if (admin1 != NULL && !chronomap_gazetteer_builder_load_admin1 (builder, admin1, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (guint i = 0; sources[i] != NULL; i++)
    if (!chronomap_gazetteer_builder_add_file (builder, sources[i], &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
  if (!chronomap_gazetteer_builder_write (builder, output, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  return EXIT_SUCCESS;
}
