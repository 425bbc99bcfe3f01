/* chronomap-gazetteer.c: the places the geocoder knows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chronomap-gazetteer"

#include "config.h"

#include "chronomap-gazetteer.h"

#include <errno.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "chronomap-error.h"
#include "chronomap-gazetteer-private.h"
#include "chronomap-paths.h"

#define BUNDLED_NAME "gazetteer/chronomap-gazetteer.cgaz"
#define USER_SUFFIX ".cgaz"

/**
 * ChronomapGazetteer:
 *
 * The bundled gazetteer and the user's, opened in place (memory-mapped):
 * opening costs a header check, whatever the size.
 */
struct _ChronomapGazetteer
{
  GObject     parent_instance;

  GPtrArray  *files;          /* GazFile */
  GHashTable *country_names;  /* "SY" -> "Syria" */
};

G_DEFINE_FINAL_TYPE (ChronomapGazetteer, chronomap_gazetteer, G_TYPE_OBJECT)

static gboolean
section_ok (const GazFile *file,
            guint64        off,
            guint64        count,
            guint64        size)
{
  return off <= file->size && count <= G_MAXUINT32 &&
         count * size <= file->size - off;
}

static gboolean
is_pow2 (guint32 n)
{
  return n != 0 && (n & (n - 1)) == 0;
}

void
gaz_file_free (GazFile *file)
{
  if (file == NULL)
    return;
  g_clear_pointer (&file->map, g_mapped_file_unref);
  g_free (file->path);
  g_free (file->label);
  g_free (file);
}

GazFile *
gaz_file_open (const char  *path,
               GError     **error)
{
  g_autoptr(GazFile) file = g_new0 (GazFile, 1);
  g_autofree char *basename = g_path_get_basename (path);
  const GazHeader *h;

  file->path = g_strdup (path);
  file->map = g_mapped_file_new (path, FALSE, error);
  if (file->map == NULL)
    return NULL;

  file->base = g_mapped_file_get_contents (file->map);
  file->size = g_mapped_file_get_length (file->map);
  if (file->size < sizeof (GazHeader) || memcmp (file->base, GAZ_MAGIC, 8) != 0)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_UNSUPPORTED,
                   "%s: not a compiled Chronomap gazetteer", basename);
      return NULL;
    }

  h = file->header = (const GazHeader *) file->base;
  if (h->version > GAZ_VERSION)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_TOO_NEW,
                   "%s: gazetteer format %u is newer than this Chronomap's (%u)",
                   basename, h->version, GAZ_VERSION);
      return NULL;
    }
  if (h->version < GAZ_VERSION)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_UNSUPPORTED,
                   "%s: gazetteer format %u is too old; add the source file again",
                   basename, h->version);
      return NULL;
    }

  if (!section_ok (file, h->off_entries, h->n_entries, sizeof (GazEntry)) ||
      h->n_countries > h->n_entries ||
      !section_ok (file, h->off_norm_keys, (guint64) h->n_norm_keys + 1, sizeof (GazKey)) ||
      !section_ok (file, h->off_norm_postings, h->n_norm_postings, sizeof (guint32)) ||
      !section_ok (file, h->off_norm_hash, h->norm_hash_size, sizeof (guint32)) ||
      !section_ok (file, h->off_fold_keys, (guint64) h->n_fold_keys + 1, sizeof (GazKey)) ||
      !section_ok (file, h->off_fold_postings, h->n_fold_postings, sizeof (guint32)) ||
      !section_ok (file, h->off_fold_hash, h->fold_hash_size, sizeof (guint32)) ||
      !section_ok (file, h->off_skel_keys, (guint64) h->n_skel_keys + 1, sizeof (GazKey)) ||
      !section_ok (file, h->off_skel_postings, h->n_skel_postings, sizeof (guint32)) ||
      !section_ok (file, h->off_skel_hash, h->skel_hash_size, sizeof (guint32)) ||
      !section_ok (file, h->off_strings, h->strings_size, 1) ||
      h->strings_size == 0 || !is_pow2 (h->norm_hash_size) || !is_pow2 (h->skel_hash_size) ||
      !is_pow2 (h->fold_hash_size) || h->off_fold_keys % 4 != 0 || h->off_fold_hash % 4 != 0 ||
      h->off_fold_postings % 4 != 0 ||
      h->off_entries % 4 != 0 || h->off_norm_keys % 4 != 0 || h->off_norm_hash % 4 != 0 ||
      h->off_skel_keys % 4 != 0 || h->off_skel_hash % 4 != 0 ||
      h->off_norm_postings % 4 != 0 || h->off_skel_postings % 4 != 0)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                   "%s: gazetteer file is truncated or corrupt", basename);
      return NULL;
    }

  file->entries = (const GazEntry *) (file->base + h->off_entries);
  file->norm_keys = (const GazKey *) (file->base + h->off_norm_keys);
  file->norm_postings = (const guint32 *) (file->base + h->off_norm_postings);
  file->norm_hash = (const guint32 *) (file->base + h->off_norm_hash);
  file->fold_keys = (const GazKey *) (file->base + h->off_fold_keys);
  file->fold_postings = (const guint32 *) (file->base + h->off_fold_postings);
  file->fold_hash = (const guint32 *) (file->base + h->off_fold_hash);
  file->skel_keys = (const GazKey *) (file->base + h->off_skel_keys);
  file->skel_postings = (const guint32 *) (file->base + h->off_skel_postings);
  file->skel_hash = (const guint32 *) (file->base + h->off_skel_hash);
  file->strings = file->base + h->off_strings;

  /* the optional bitmap between the skeleton hash and the strings */
  if (h->features & GAZ_FEATURE_FOLD_ALONE)
    {
      guint64 off = h->off_skel_hash + (guint64) h->skel_hash_size * sizeof (guint32);

      off = (off + 7) & ~(guint64) 7;
      if (off > h->off_strings || ((guint64) h->n_norm_keys + 7) / 8 > h->off_strings - off)
        {
          g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                       "%s: gazetteer file is corrupt", basename);
          return NULL;
        }
      file->fold_alone = (const guint8 *) file->base + off;
    }

  /* The posting ranges must lie inside their arrays; the sentinels say so. */
  if (file->strings[h->strings_size - 1] != '\0' ||
      file->norm_keys[h->n_norm_keys].post_start != h->n_norm_postings ||
      file->fold_keys[h->n_fold_keys].post_start != h->n_fold_postings ||
      file->skel_keys[h->n_skel_keys].post_start != h->n_skel_postings)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_INVALID_INPUT,
                   "%s: gazetteer file is corrupt", basename);
      return NULL;
    }

  file->label = g_strdup (gaz_string (file, h->label_off));
  if (file->label[0] == '\0')
    {
      g_free (file->label);
      file->label = g_strdup (basename);
    }

  return g_steal_pointer (&file);
}

static gint32
lookup (const char    *key,
        const GazKey  *keys,
        guint32        n_keys,
        const guint32 *table,
        guint32        size,
        const GazFile *file)
{
  guint32 mask = size - 1;
  guint32 h = gaz_hash (key) & mask;

  for (guint32 probes = 0; probes < size; probes++)
    {
      guint32 slot = table[h];

      if (slot == 0)
        return -1;
      if (slot - 1 < n_keys && strcmp (gaz_string (file, keys[slot - 1].str_off), key) == 0)
        return slot - 1;
      h = (h + 1) & mask;
    }
  return -1;
}

gint32
gaz_file_lookup_norm (const GazFile *file,
                      const char    *key)
{
  return lookup (key, file->norm_keys, file->header->n_norm_keys,
                 file->norm_hash, file->header->norm_hash_size, file);
}

gint32
gaz_file_lookup_fold (const GazFile *file,
                      const char    *fold)
{
  return lookup (fold, file->fold_keys, file->header->n_fold_keys,
                 file->fold_hash, file->header->fold_hash_size, file);
}

gint32
gaz_file_lookup_skel (const GazFile *file,
                      const char    *skel)
{
  return lookup (skel, file->skel_keys, file->header->n_skel_keys,
                 file->skel_hash, file->header->skel_hash_size, file);
}

/* A copy of @fields whose strings lie in the same block as the entry:
 * one allocation instead of six, as the geocoder makes an entry for each
 * result and each alternative it considered. */
ChronomapGazetteerEntry *
gaz_entry_pack (const ChronomapGazetteerEntry *fields)
{
  const char *strings[] = { fields->id, fields->name, fields->admin1, fields->country_name,
                            fields->source };
  gsize lens[G_N_ELEMENTS (strings)];
  gsize size = sizeof (ChronomapGazetteerEntry);
  ChronomapGazetteerEntry *entry;
  char **slots[G_N_ELEMENTS (strings)];
  char *p;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      lens[i] = strings[i] != NULL ? strlen (strings[i]) + 1 : 0;
      size += lens[i];
    }

  entry = g_malloc (size);
  *entry = *fields;
  entry->packed = TRUE;
  slots[0] = &entry->id;
  slots[1] = &entry->name;
  slots[2] = &entry->admin1;
  slots[3] = &entry->country_name;
  slots[4] = &entry->source;
  p = (char *) (entry + 1);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      if (strings[i] == NULL)
        {
          *slots[i] = NULL;
          continue;
        }
      memcpy (p, strings[i], lens[i]);
      *slots[i] = p;
      p += lens[i];
    }
  return entry;
}

/**
 * chronomap_gazetteer_entry_copy:
 * @entry: an entry
 *
 * Returns: (transfer full): a deep copy of @entry
 */
ChronomapGazetteerEntry *
chronomap_gazetteer_entry_copy (const ChronomapGazetteerEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return gaz_entry_pack (entry);
}

/* Whether @name is @admin1 or begins with it as a word: "Raqqa
 * Governorate" of Raqqa. */
static gboolean
names_area (const char *name,
            const char *admin1)
{
  gsize len = strlen (admin1);

  return strncmp (name, admin1, len) == 0 && (name[len] == '\0' || name[len] == ' ');
}

/**
 * chronomap_gazetteer_entry_label:
 * @entry: an entry
 *
 * How the app names a place of the gazetteers, in the event's details
 * as in the searches: its name, its first-order area and its country,
 * each once ("Al Mayadin, Deir ez-Zor, Syria").
 *
 * Returns: (transfer full): the label
 */
char *
chronomap_gazetteer_entry_label (const ChronomapGazetteerEntry *entry)
{
  GString *label;

  g_return_val_if_fail (entry != NULL, NULL);

  label = g_string_new (entry->name);
  /* not twice: "Deir ez-Zor Governorate, Syria", not "…, Deir ez-Zor, Syria" */
  if (entry->admin1 != NULL && *entry->admin1 != '\0' && !names_area (entry->name, entry->admin1))
    g_string_append_printf (label, ", %s", entry->admin1);
  if (entry->country_name != NULL && *entry->country_name != '\0' &&
      g_strcmp0 (entry->country_name, entry->name) != 0)
    g_string_append_printf (label, ", %s", entry->country_name);
  else if (entry->country[0] != '\0' && g_strcmp0 (entry->country, entry->name) != 0)
    g_string_append_printf (label, ", %s", entry->country);
  return g_string_free (label, FALSE);
}

/**
 * chronomap_gazetteer_entry_free:
 * @entry: (transfer full) (nullable): an entry
 */
void
chronomap_gazetteer_entry_free (ChronomapGazetteerEntry *entry)
{
  if (entry == NULL)
    return;
  if (!entry->packed)
    {
      g_free (entry->id);
      g_free (entry->name);
      g_free (entry->admin1);
      g_free (entry->country_name);
      g_free (entry->source);
    }
  g_free (entry);
}

static void
chronomap_gazetteer_finalize (GObject *object)
{
  ChronomapGazetteer *self = (ChronomapGazetteer *) object;

  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->country_names, g_hash_table_unref);

  G_OBJECT_CLASS (chronomap_gazetteer_parent_class)->finalize (object);
}

static void
chronomap_gazetteer_class_init (ChronomapGazetteerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronomap_gazetteer_finalize;
}

static void
chronomap_gazetteer_init (ChronomapGazetteer *self)
{
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) gaz_file_free);
  self->country_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * chronomap_gazetteer_new:
 *
 * Returns: (transfer full): a gazetteer with no file; see
 *   chronomap_gazetteer_add_file()
 */
ChronomapGazetteer *
chronomap_gazetteer_new (void)
{
  return g_object_new (CHRONOMAP_TYPE_GAZETTEER, NULL);
}

/**
 * chronomap_gazetteer_add_file:
 * @self: a gazetteer
 * @path: a compiled gazetteer file
 * @error: return location for a #GError
 *
 * Opens @path and consults it from now on.
 *
 * Returns: %TRUE on success
 */
gboolean
chronomap_gazetteer_add_file (ChronomapGazetteer  *self,
                              const char          *path,
                              GError             **error)
{
  GazFile *file;

  g_return_val_if_fail (CHRONOMAP_IS_GAZETTEER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = gaz_file_open (path, error);
  if (file == NULL)
    return FALSE;

  for (guint32 i = 0; i < file->header->n_countries; i++)
    {
      const GazEntry *e = &file->entries[i];
      char cc[3] = { e->country[0], e->country[1], '\0' };

      if (cc[0] != '\0' && !g_hash_table_contains (self->country_names, cc))
        g_hash_table_insert (self->country_names, g_strdup (cc),
                             (gpointer) gaz_string (file, e->name_off));
    }

  g_ptr_array_add (self->files, file);
  return TRUE;
}

/**
 * chronomap_gazetteer_bundled_path:
 *
 * Returns: (transfer full) (nullable): the compiled bundled gazetteer, or
 *   %NULL when it is not installed (nor built)
 */
char *
chronomap_gazetteer_bundled_path (void)
{
  return chronomap_paths_find_data (BUNDLED_NAME);
}

/**
 * chronomap_gazetteer_user_dir:
 *
 * Returns: (transfer full): where `gazetteer add` keeps the user's
 *   gazetteers: `$XDG_DATA_HOME/chronomap/gazetteer`
 */
char *
chronomap_gazetteer_user_dir (void)
{
  g_autofree char *base = chronomap_paths_user_data_dir ();

  return g_build_filename (base, "gazetteer", NULL);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * chronomap_gazetteer_list_user_files:
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type utf8): the paths of the
 *   user's compiled gazetteers, sorted; empty when there is none
 */
GPtrArray *
chronomap_gazetteer_list_user_files (GError **error)
{
  g_autofree char *dir_path = chronomap_gazetteer_user_dir ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  GError *local_error = NULL;
  const char *name;

  dir = g_dir_open (dir_path, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_clear_error (&local_error);
          return g_steal_pointer (&paths);
        }
      g_propagate_error (error, local_error);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, USER_SUFFIX))
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));

  g_ptr_array_sort (paths, compare_paths);
  return g_steal_pointer (&paths);
}

/**
 * chronomap_gazetteer_new_default:
 * @error: return location for a #GError
 *
 * Opens the bundled gazetteer and every gazetteer the user added.  A user
 * file that cannot be opened is skipped with a warning, so that one bad
 * file does not stop geocoding.
 *
 * Returns: (transfer full) (nullable): the gazetteer, or %NULL when the
 *   bundled gazetteer is missing or unreadable
 */
ChronomapGazetteer *
chronomap_gazetteer_new_default (GError **error)
{
  g_autoptr(ChronomapGazetteer) self = chronomap_gazetteer_new ();
  g_autofree char *bundled = chronomap_gazetteer_bundled_path ();
  g_autoptr(GPtrArray) user = NULL;

  if (bundled == NULL)
    {
      g_set_error (error, CHRONOMAP_ERROR, CHRONOMAP_ERROR_NOT_FOUND,
                   "%s: the bundled gazetteer is not installed", BUNDLED_NAME);
      return NULL;
    }
  if (!chronomap_gazetteer_add_file (self, bundled, error))
    return NULL;

  user = chronomap_gazetteer_list_user_files (NULL);
  for (guint i = 0; user != NULL && i < user->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (!chronomap_gazetteer_add_file (self, g_ptr_array_index (user, i), &local_error))
        g_warning ("Skipping user gazetteer: %s", local_error->message);
    }

  return g_steal_pointer (&self);
}

/**
 * chronomap_gazetteer_get_n_files:
 * @self: a gazetteer
 *
 * Returns: how many compiled files are consulted
 */
guint
chronomap_gazetteer_get_n_files (ChronomapGazetteer *self)
{
  g_return_val_if_fail (CHRONOMAP_IS_GAZETTEER (self), 0);
  return self->files->len;
}

/**
 * chronomap_gazetteer_get_n_entries:
 * @self: a gazetteer
 *
 * Returns: the number of places over all files
 */
guint
chronomap_gazetteer_get_n_entries (ChronomapGazetteer *self)
{
  guint n = 0;

  g_return_val_if_fail (CHRONOMAP_IS_GAZETTEER (self), 0);

  for (guint i = 0; i < self->files->len; i++)
    n += ((GazFile *) g_ptr_array_index (self->files, i))->header->n_entries;
  return n;
}

/**
 * chronomap_gazetteer_get_country_name:
 * @self: a gazetteer
 * @country: an ISO 3166-1 alpha-2 code
 *
 * Returns: (nullable): the country's English name
 */
const char *
chronomap_gazetteer_get_country_name (ChronomapGazetteer *self,
                                      const char         *country)
{
  g_return_val_if_fail (CHRONOMAP_IS_GAZETTEER (self), NULL);

  if (country == NULL)
    return NULL;
  return g_hash_table_lookup (self->country_names, country);
}

GPtrArray *
chronomap_gazetteer_get_files (ChronomapGazetteer *self)
{
  return self->files;
}

/**
 * chronomap_gazetteer_dup_fingerprint:
 *
 * What chronomap_gazetteer_new_default() would open, as text that changes
 * when any of it does: each file's path, size and time of change.  A
 * cache of geocoding results keyed on it is dropped when the analyst adds,
 * replaces or removes a gazetteer.
 *
 * Returns: (transfer full): the fingerprint
 */
char *
chronomap_gazetteer_dup_fingerprint (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) paths = chronomap_gazetteer_list_user_files (NULL);
  g_autofree char *bundled = chronomap_gazetteer_bundled_path ();

  if (paths == NULL)
    paths = g_ptr_array_new_with_free_func (g_free);
  if (bundled != NULL)
    g_ptr_array_insert (paths, 0, g_steal_pointer (&bundled));
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      GStatBuf st;

      if (g_stat (path, &st) == 0)
        g_string_append_printf (text, "%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT ";", path,
                                (gint64) st.st_size, (gint64) st.st_mtime);
      else
        g_string_append_printf (text, "%s;", path);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * chronomap_gazetteer_add_user_file:
 * @source: a GeoNames dump or a gazetteer CSV/TSV (plain or gzip)
 * @name: the gazetteer's name (see chronomap_gazetteer_user_name_for())
 * @out_builder: (out) (optional) (transfer full): the builder that read
 *   @source, for its counts and the rows it skipped
 * @out_replaced: (out) (optional): a gazetteer of that name was replaced
 * @error: return location for a #GError
 *
 * Compiles @source into the user's gazetteer directory, where
 * chronomap_gazetteer_new_default() finds it: what `chronomap-cli
 * gazetteer add` and the app's Places to Check do.
 *
 * Returns: %TRUE on success
 */
gboolean
chronomap_gazetteer_add_user_file (const char                 *source,
                                   const char                 *name,
                                   ChronomapGazetteerBuilder **out_builder,
                                   gboolean                   *out_replaced,
                                   GError                    **error)
{
  g_autoptr(ChronomapGazetteerBuilder) builder = NULL;
  g_autofree char *dir = chronomap_gazetteer_user_dir ();
  g_autofree char *admin1 = chronomap_paths_find_data ("gazetteer/admin1.tsv");
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) admin1_error = NULL;
  gboolean replaced;

  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  builder = chronomap_gazetteer_builder_new (name);
  /* GeoNames dumps give admin1 as a code; the bundled table names it. */
  if (admin1 != NULL && !chronomap_gazetteer_builder_load_admin1 (builder, admin1, &admin1_error))
    g_warning ("%s", admin1_error->message);
  if (!chronomap_gazetteer_builder_add_file (builder, source, error))
    goto out;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", dir,
                   g_strerror (saved));
      goto out;
    }
  file_name = g_strconcat (name, ".cgaz", NULL);
  path = g_build_filename (dir, file_name, NULL);
  replaced = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!chronomap_gazetteer_builder_write (builder, path, error))
    goto out;
  if (out_replaced != NULL)
    *out_replaced = replaced;
  if (out_builder != NULL)
    *out_builder = g_steal_pointer (&builder);
  return TRUE;

out:
  if (out_builder != NULL)
    *out_builder = g_steal_pointer (&builder);
  return FALSE;
}
