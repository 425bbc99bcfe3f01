#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Extracts the strings of po/POTFILES.in and checks each translation.

Usage: check-translations.py SOURCE_ROOT

Runs xgettext with the keywords of meson's 'glib' preset (what
`meson compile chronomap-pot` runs), so a file it cannot parse fails here,
then merges every language of po/LINGUAS with the fresh template and checks
it with `msgfmt --check`.  Strings not yet translated are reported, not
failed: other work adds strings between translation passes.
"""
import os
import subprocess
import sys
import tempfile

XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments', '--package-name=chronomap',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]


def run(cmd, **kwargs):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kwargs)


def main(top):
    po = os.path.join(top, 'po')
    failed = False
    with tempfile.TemporaryDirectory(prefix='chronomap-po.') as tmp:
        pot = os.path.join(tmp, 'chronomap.pot')
        r = run(['xgettext', '--directory', top, '--files-from', os.path.join(po, 'POTFILES.in'),
                 '--output', pot] + XGETTEXT_ARGS)
        if r.returncode != 0:
            print(r.stdout)
            print('FAIL: xgettext could not extract the strings of po/POTFILES.in')
            return 1
        print('xgettext extracts the strings of po/POTFILES.in')

        with open(os.path.join(po, 'LINGUAS'), encoding='utf-8') as f:
            langs = [w for line in f if not line.startswith('#') for w in line.split()]
        for lang in langs:
            src = os.path.join(po, lang + '.po')
            if not os.path.exists(src):
                print(f'FAIL: po/LINGUAS names {lang}, but there is no po/{lang}.po')
                failed = True
                continue
            merged = os.path.join(tmp, lang + '.po')
            r = run(['msgmerge', '--quiet', '--no-fuzzy-matching', '--output-file', merged, src, pot])
            if r.returncode != 0:
                print(r.stdout)
                print(f'FAIL: po/{lang}.po does not merge with the template')
                failed = True
                continue
            r = run(['msgfmt', '--check', '--statistics', '--output-file', os.devnull, merged])
            print(f'po/{lang}.po: {r.stdout.strip()}')
            if r.returncode != 0:
                print(f'FAIL: po/{lang}.po does not compile')
                failed = True
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
