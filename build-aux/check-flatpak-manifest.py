#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest as far as it can be without a Flatpak runtime.

Usage: check-flatpak-manifest.py MANIFEST SOURCE_ROOT MESON

flatpak-builder needs the GNOME runtime, which cannot be fetched here, so
this checks what can be: the JSON parses; the keys flatpak-builder needs are
there; the runtime is a stable GNOME one; the permissions are exactly the
ones the README explains; every archive is pinned by sha256 and every git
source by commit; the app is built with meson from this tree; each -D
option passed to the app exists in meson_options.txt with a valid value;
and `meson setup` with exactly those options succeeds.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

# The permissions the README ("Packaging") explains, and no others: files
# come in through the file chooser portal, so no filesystem access.
EXPECTED_FINISH_ARGS = {
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
    '--share=ipc',
    '--share=network',
}

errors = []


def error(msg):
    errors.append(msg)
    print(f'FAIL: {msg}')


def meson_options(path):
    """Returns {name: (type, [choices])} from a meson_options.txt."""
    text = open(path, encoding='utf-8').read()
    options = {}
    for m in re.finditer(r"option\s*\(\s*'([^']+)'\s*,(.*?)\)\s*(?=option\s*\(|\Z)", text, re.S):
        name, rest = m.group(1), m.group(2)
        t = re.search(r"type\s*:\s*'([^']+)'", rest)
        choices = re.search(r"choices\s*:\s*\[([^\]]*)\]", rest)
        options[name] = (t.group(1) if t else 'string',
                         re.findall(r"'([^']*)'", choices.group(1)) if choices else [])
    return options


def valid_value(kind, choices, value):
    if kind == 'boolean':
        return value in ('true', 'false')
    if kind == 'feature':
        return value in ('enabled', 'disabled', 'auto')
    if kind == 'combo':
        return value in choices
    if kind == 'integer':
        return re.fullmatch(r'-?\d+', value) is not None
    return True


def check_source(module, source):
    kind = source.get('type')
    where = f"module {module.get('name')}: {kind} source"
    if kind == 'archive' or kind == 'file':
        if not source.get('url', '').startswith('https://'):
            error(f'{where} has no https url')
        if not re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', '')):
            error(f'{where} is not pinned by a sha256')
    elif kind == 'git':
        if not re.fullmatch(r'[0-9a-f]{40}', source.get('commit', '')):
            error(f'{where} is not pinned by a commit')
    elif kind != 'dir':
        error(f'{where}: unexpected source type')


def main(manifest_path, top, meson):
    try:
        manifest = json.load(open(manifest_path, encoding='utf-8'))
    except (OSError, ValueError) as e:
        error(f'{manifest_path}: {e}')
        return 1
    print(f'{manifest_path}: parses')

    root_meson = open(os.path.join(top, 'meson.build'), encoding='utf-8').read()
    app_id = re.search(r"app_id\s*=\s*'([^']+)'", root_meson).group(1)

    for key in ('runtime', 'runtime-version', 'sdk', 'command', 'finish-args', 'modules'):
        if key not in manifest:
            error(f'missing key "{key}"')
    if manifest.get('id', manifest.get('app-id')) != app_id:
        error(f'"id" is not {app_id}')
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        error('runtime and sdk must be org.gnome.Platform and org.gnome.Sdk')
    if not re.fullmatch(r'\d+', str(manifest.get('runtime-version', ''))):
        error('runtime-version must be a stable GNOME release such as "49", not a branch')

    desktop = open(os.path.join(top, 'data', app_id + '.desktop.in'), encoding='utf-8').read()
    exec_line = re.search(r'^Exec=(\S+)', desktop, re.M)
    if exec_line is None or exec_line.group(1) != manifest.get('command'):
        error('"command" is not the program the desktop entry runs')

    finish_args = set(manifest.get('finish-args', []))
    for arg in sorted(finish_args - EXPECTED_FINISH_ARGS):
        error(f'finish-args: {arg} is not a permission the README explains')
    for arg in sorted(EXPECTED_FINISH_ARGS - finish_args):
        error(f'finish-args: {arg} is missing')

    modules = manifest.get('modules', [])
    for module in modules:
        if not isinstance(module, dict):
            error('modules: every module must be inline, not a file name')
            continue
        for key in ('name', 'buildsystem', 'sources'):
            if key not in module:
                error(f"module {module.get('name')}: missing key \"{key}\"")
        for source in module.get('sources', []):
            check_source(module, source)

    if not modules or not isinstance(modules[-1], dict):
        return 1
    app = modules[-1]
    if app.get('buildsystem') != 'meson':
        error('the app module must be built with meson')
    dirs = [s for s in app.get('sources', []) if s.get('type') == 'dir']
    manifest_dir = os.path.dirname(os.path.abspath(manifest_path))
    if not dirs or os.path.realpath(os.path.join(manifest_dir, dirs[0].get('path', ''))) != \
            os.path.realpath(top):
        error('the app module must be built from this source tree (a "dir" source)')

    options = meson_options(os.path.join(top, 'meson_options.txt'))
    opts = app.get('config-opts', [])
    n_errors = len(errors)
    for opt in opts:
        m = re.fullmatch(r'-D([\w-]+)=(.*)', opt)
        if m is None:
            error(f'config-opts: {opt} is not a -Dname=value option')
            continue
        name, value = m.groups()
        if name not in options:
            error(f'config-opts: {opt}: meson_options.txt has no option "{name}"')
        elif not valid_value(*options[name], value):
            error(f'config-opts: {opt}: not a valid {options[name][0]} value')
    if len(errors) == n_errors:
        print(f"app module options {opts} exist in meson_options.txt")

    with tempfile.TemporaryDirectory(prefix='chronomap-flatpak-setup.') as tmp:
        build = os.path.join(tmp, 'build')
        cmd = [meson, 'setup', build, top] + opts
        result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                universal_newlines=True)
        if result.returncode != 0:
            print(result.stdout[-4000:])
            error(f"`meson setup` with {' '.join(opts)} failed")
        else:
            print(f"`meson setup` with {' '.join(opts)} succeeds")

    return 1 if errors else 0


if __name__ == '__main__':
    if len(sys.argv) != 4:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:]))
