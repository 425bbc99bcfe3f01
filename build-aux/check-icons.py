#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the app icons: well-formed SVG on the GNOME icon grids.

Usage: check-icons.py ICONS_DIR APP_ID

The full-colour icon is drawn on the 128 px grid, the symbolic one on the
16 px grid in a single colour, which GTK recolours to match the theme.
"""
import re
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'


def check(path, size, symbolic):
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        return [f'{path}: {e}']
    problems = []
    if root.tag != SVG + 'svg':
        problems.append(f'{path}: not an SVG document')
    if root.get('viewBox') != f'0 0 {size} {size}':
        problems.append(f'{path}: viewBox is not "0 0 {size} {size}"')
    if symbolic:
        colours = set()
        for el in root.iter():
            for attr in ('fill', 'stroke'):
                value = el.get(attr)
                if value and value != 'none':
                    colours.add(value.lower())
            for m in re.finditer(r'(?:fill|stroke)\s*:\s*(#[0-9a-fA-F]+)', el.get('style', '')):
                colours.add(m.group(1).lower())
        if len(colours) > 1:
            problems.append(f'{path}: a symbolic icon has one colour, not {sorted(colours)}')
    return problems


def main(icons, app_id):
    problems = check(f'{icons}/hicolor/scalable/apps/{app_id}.svg', 128, False)
    problems += check(f'{icons}/hicolor/symbolic/apps/{app_id}-symbolic.svg', 16, True)
    for p in problems:
        print(f'FAIL: {p}')
    if not problems:
        print('the app icon and its symbolic variant are well-formed')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2]))
