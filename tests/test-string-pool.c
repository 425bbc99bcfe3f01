/* test-string-pool.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "chronomap-string-pool.h"

static void
test_intern (void)
{
  g_autoptr(ChronomapStringPool) pool = chronomap_string_pool_new ();
  guint32 a = chronomap_string_pool_intern (pool, "Islamic State", -1);
  guint32 b = chronomap_string_pool_intern (pool, "Syrian Democratic Forces", -1);
  char buf[] = "Islamic State and more";

  g_assert_cmpuint (a, !=, CHRONOMAP_STRING_NONE);
  g_assert_cmpuint (b, !=, CHRONOMAP_STRING_NONE);
  g_assert_cmpuint (a, !=, b);
  /* the same text, from another buffer and with an explicit length */
  g_assert_cmpuint (chronomap_string_pool_intern (pool, buf, 13), ==, a);
  g_assert_cmpstr (chronomap_string_pool_get (pool, a), ==, "Islamic State");
  g_assert_cmpuint (chronomap_string_pool_get_size (pool), ==, 3);
  /* case matters: these are the analyst's own spellings */
  g_assert_cmpuint (chronomap_string_pool_intern (pool, "islamic state", -1), !=, a);
}

static void
test_none (void)
{
  g_autoptr(ChronomapStringPool) pool = chronomap_string_pool_new ();

  g_assert_cmpuint (chronomap_string_pool_intern (pool, NULL, -1), ==, CHRONOMAP_STRING_NONE);
  g_assert_cmpuint (chronomap_string_pool_intern (pool, "", -1), ==, CHRONOMAP_STRING_NONE);
  g_assert_cmpuint (chronomap_string_pool_intern (pool, "abc", 0), ==, CHRONOMAP_STRING_NONE);
  g_assert_null (chronomap_string_pool_get (pool, CHRONOMAP_STRING_NONE));
  g_assert_null (chronomap_string_pool_get (pool, 999));
  g_assert_cmpuint (chronomap_string_pool_lookup (pool, "absent", -1), ==, CHRONOMAP_STRING_NONE);
}

/* Many strings: ids stay stable and pointers stay valid while the table and
 * the storage grow. */
static void
test_many (void)
{
  g_autoptr(ChronomapStringPool) pool = chronomap_string_pool_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  const guint n = 100000;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *s = g_strdup_printf ("place %u", i);
      guint32 id = chronomap_string_pool_intern (pool, s, -1);

      g_assert_cmpuint (id, ==, i + 1);
      g_ptr_array_add (seen, (gpointer) chronomap_string_pool_get (pool, id));
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *s = g_strdup_printf ("place %u", i);

      g_assert_cmpuint (chronomap_string_pool_lookup (pool, s, -1), ==, i + 1);
      g_assert_true (chronomap_string_pool_get (pool, i + 1) == g_ptr_array_index (seen, i));
      g_assert_cmpstr (g_ptr_array_index (seen, i), ==, s);
    }
  g_assert_cmpuint (chronomap_string_pool_get_size (pool), ==, n + 1);
}

static void
test_long_string (void)
{
  g_autoptr(ChronomapStringPool) pool = chronomap_string_pool_new ();
  g_autofree char *big = g_strnfill (1024 * 1024, 'x');
  guint32 id = chronomap_string_pool_intern (pool, big, -1);

  g_assert_cmpuint (strlen (chronomap_string_pool_get (pool, id)), ==, 1024 * 1024);
  g_assert_cmpuint (chronomap_string_pool_intern (pool, big, -1), ==, id);
}

/* The loader hashes a text and prefetches its slot before it interns it:
 * the same ids as interning at once.  Lengths tell texts apart that differ
 * after a NUL, as a BLOB read as text may. */
static void
test_hashed (void)
{
  g_autoptr(ChronomapStringPool) pool = chronomap_string_pool_new ();
  static const char with_nul[] = { 'a', '\0', 'b' };
  guint32 a = chronomap_string_pool_intern (pool, "a", -1);
  guint32 hash = chronomap_string_pool_hash (with_nul, sizeof with_nul);
  guint32 b;

  chronomap_string_pool_prefetch (pool, hash);
  b = chronomap_string_pool_intern_hashed (pool, with_nul, sizeof with_nul, hash);
  g_assert_cmpuint (b, !=, a);
  g_assert_cmpuint (chronomap_string_pool_get_length (pool, b), ==, 3);
  g_assert_cmpuint (chronomap_string_pool_intern (pool, with_nul, sizeof with_nul), ==, b);
  g_assert_cmpuint (chronomap_string_pool_intern_hashed (pool, "a", 1, chronomap_string_pool_hash ("a", 1)),
                    ==, a);
  g_assert_cmpuint (chronomap_string_pool_intern_hashed (pool, "", 0, chronomap_string_pool_hash ("", 0)),
                    ==, CHRONOMAP_STRING_NONE);
  g_assert_cmpuint (chronomap_string_pool_lookup (pool, with_nul, 1), ==, a);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/chronomap/string-pool/intern", test_intern);
  g_test_add_func ("/chronomap/string-pool/none", test_none);
  g_test_add_func ("/chronomap/string-pool/many", test_many);
  g_test_add_func ("/chronomap/string-pool/long-string", test_long_string);
  g_test_add_func ("/chronomap/string-pool/hashed", test_hashed);

  return g_test_run ();
}
