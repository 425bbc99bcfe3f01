#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that po/POTFILES.in lists every file with translatable strings.

Usage: check-potfiles.py SOURCE_ROOT

A file counts as having translatable strings when it is C with a gettext
marker (_("…"), N_("…"), C_(…), NC_(…), g_dngettext (…), ngettext (…)), a
GtkBuilder file with translatable="yes", a desktop entry or metainfo
template, or a GSettings schema.  Fails, naming each file, when such a file
is missing from po/POTFILES.in, or when POTFILES.in names a file that no
longer exists (xgettext would stop on it).
"""
import os
import re
import sys

SCANNED_DIRS = ('src', 'ui', 'data')

C_MARKER = re.compile(
    r'(?<![\w])(?:N_|C_|NC_|Q_|_)\s*\(\s*"'
    r'|(?<![\w])(?:g_dngettext|g_dpgettext2?|g_dcgettext|ngettext|dngettext)\s*\(')
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')


def needs_translation(path):
    name = os.path.basename(path)
    if name.endswith(('.desktop.in', '.metainfo.xml.in', '.gschema.xml')):
        return True
    if name.endswith(('.c', '.h')):
        marker = C_MARKER
    elif name.endswith('.ui'):
        marker = UI_MARKER
    else:
        return False
    with open(path, encoding='utf-8', errors='replace') as f:
        text = f.read()
    # Comments may quote markers ("wrap it in _()") without being strings.
    if marker is C_MARKER:
        text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
        text = re.sub(r'//[^\n]*', '', text)
    return marker.search(text) is not None


def main(top):
    potfiles = os.path.join(top, 'po', 'POTFILES.in')
    listed = []
    with open(potfiles, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                listed.append(line)

    wanted = []
    for d in SCANNED_DIRS:
        for root, dirs, files in os.walk(os.path.join(top, d)):
            dirs[:] = sorted(x for x in dirs if not x.startswith(('.', '_build')))
            for name in sorted(files):
                path = os.path.join(root, name)
                if needs_translation(path):
                    wanted.append(os.path.relpath(path, top))

    missing = [p for p in wanted if p not in listed]
    stale = [p for p in listed if not os.path.exists(os.path.join(top, p))]

    for p in missing:
        print(f'po/POTFILES.in: missing {p} (it has translatable strings)')
    for p in stale:
        print(f'po/POTFILES.in: lists {p}, which does not exist')
    if missing or stale:
        return 1
    print(f'po/POTFILES.in lists all {len(wanted)} files with translatable strings')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else '.'))
