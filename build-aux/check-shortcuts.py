#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that ui/gtk/help-overlay.ui lists every keyboard shortcut.

Usage: check-shortcuts.py SOURCE_ROOT

Collects the shortcuts the code sets up:
  gtk_application_set_accels_for_action (app, "app.quit", { "<Control>q", … })
  gtk_widget_class_add_binding_action (klass, GDK_KEY_Left, GDK_SHIFT_MASK, …)
  gtk_widget_class_add_binding[_signal] (klass, GDK_KEY_…, mods, …)
and fails, naming each, when the shortcuts window shows neither the action
(action-name, whose keys GTK looks up itself) nor the keys (accelerator).
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

MODS = {
    'GDK_SHIFT_MASK': 'shift', 'GDK_CONTROL_MASK': 'control', 'GDK_ALT_MASK': 'alt',
    'GDK_SUPER_MASK': 'super', 'GDK_META_MASK': 'meta', 'GDK_HYPER_MASK': 'hyper',
}
ACCEL_ALIASES = {'primary': 'control', 'ctrl': 'control', 'control': 'control',
                 'shift': 'shift', 'alt': 'alt', 'super': 'super', 'meta': 'meta',
                 'hyper': 'hyper'}

APP_ACCELS = re.compile(
    r'gtk_application_set_accels_for_action\s*\([^,]+,\s*"([^"]+)"\s*,([^;]*)\)\s*;', re.S)
BINDING = re.compile(
    r'gtk_widget_class_add_binding(?:_action|_signal)?\s*\(\s*[^,]+,\s*GDK_KEY_(\w+)\s*,\s*([^,]+),'
    r'\s*"([^"]*)"', re.S)


def normalise(accel):
    """'<Primary><Shift>Left' -> (frozenset({'control', 'shift'}), 'left')"""
    mods = frozenset(ACCEL_ALIASES.get(m.lower(), m.lower()) for m in re.findall(r'<(\w+)>', accel))
    key = re.sub(r'<\w+>', '', accel).strip().lower()
    return mods, key


def main(top):
    overlay = os.path.join(top, 'ui', 'gtk', 'help-overlay.ui')
    shown_actions = set()
    shown_accels = set()
    for el in ET.parse(overlay).getroot().iter('object'):
        if el.get('class') != 'GtkShortcutsShortcut':
            continue
        for prop in el.findall('property'):
            if prop.get('name') == 'action-name':
                shown_actions.add(prop.text.strip())
            elif prop.get('name') == 'accelerator':
                shown_accels.update(normalise(a) for a in prop.text.split())

    sources = []
    for root, dirs, files in os.walk(os.path.join(top, 'src')):
        dirs.sort()
        for name in sorted(files):
            if name.endswith('.c'):
                path = os.path.join(root, name)
                sources.append((os.path.relpath(path, top),
                                open(path, encoding='utf-8', errors='replace').read()))

    # A window binding that repeats an app-level accel for a shown action
    # is shown by that action's entry.
    app_accels = {}
    for rel, text in sources:
        for m in APP_ACCELS.finditer(text):
            app_accels.setdefault(m.group(1), set()).update(
                normalise(a) for a in re.findall(r'"([^"]+)"', m.group(2)))

    missing = []
    n = 0
    for rel, text in sources:
        for m in APP_ACCELS.finditer(text):
            n += 1
            action = m.group(1)
            accels = re.findall(r'"([^"]+)"', m.group(2))
            if action in shown_actions or any(normalise(a) in shown_accels for a in accels):
                continue
            missing.append(f'{rel}: {action} ({", ".join(accels)})')
        for m in BINDING.finditer(text):
            n += 1
            key = m.group(1)
            mods = frozenset(MODS[x.strip()] for x in m.group(2).split('|')
                             if x.strip() in MODS)
            action = m.group(3)
            if (mods, key.lower()) in shown_accels:
                continue
            if action in shown_actions and (mods, key.lower()) in app_accels.get(action, ()):
                continue
            label = ''.join(f'<{x.capitalize()}>' for x in sorted(mods)) + key
            missing.append(f'{rel}: {label}')

    for m in missing:
        print(f'ui/gtk/help-overlay.ui: missing the shortcut {m}')
    if missing:
        return 1
    print(f'ui/gtk/help-overlay.ui lists all {n} shortcuts')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
