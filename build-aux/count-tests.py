#!/usr/bin/env python3
"""Counts test cases from meson testlog JSON files; prints "N passed, N failed".

A TAP test program counts each of its "ok"/"not ok" lines (GLib prints one per
test path); a program that crashed after its last result line counts one more
failure; a program that printed no TAP (an exit-code test) counts as one case.
Given several logs (the same suite run in different builds), each test case
is counted once, and fails if it failed in any of them.
"""
import json
import re
import sys

RESULT = re.compile(r'^(not ok|ok)\b\s*(\d+)?\s*-?\s*(.*)$')
SKIP = re.compile(r'#\s*skip', re.IGNORECASE)
TODO = re.compile(r'#\s*todo', re.IGNORECASE)


def cases_of(test):
    """Yields (case name, 'pass'|'fail'|'skip', detail) for one test program."""
    result = test.get('result', '')
    name = test.get('name', '?')
    found = 0
    failed = 0
    for line in (test.get('stdout') or '').splitlines():
        m = RESULT.match(line)
        if not m:
            continue
        verdict, number, desc = m.groups()
        desc = desc.split('#')[0].strip() or number or str(found)
        found += 1
        if verdict == 'not ok' and not TODO.search(line):
            failed += 1
            yield f'{name} {desc}', 'fail', line
        elif SKIP.search(line):
            yield f'{name} {desc}', 'skip', line
        else:
            yield f'{name} {desc}', 'pass', line
    if found == 0:
        if result in ('OK', 'EXPECTEDFAIL'):
            yield name, 'pass', result
        elif result == 'SKIP':
            yield name, 'skip', result
        else:
            yield name, 'fail', result
    elif result not in ('OK', 'EXPECTEDFAIL', 'SKIP') and failed == 0:
        yield f'{name} (exit)', 'fail', f'{result} after its last result line'


def main(paths):
    verdicts = {}
    details = {}
    for path in paths:
        try:
            lines = open(path, encoding='utf-8', errors='replace').read().splitlines()
        except OSError as e:
            # no log: that run selected no test (its exit status tells
            # build-aux/test whether meson itself failed)
            print(f'count-tests: {path}: {e}', file=sys.stderr)
            continue
        if path.endswith('.tap'):
            # a plain TAP file (build-aux/fuzz's), one program named by the file
            name = path.rsplit('/', 1)[-1][:-4]
            tests = [{'name': name, 'stdout': '\n'.join(lines),
                      'result': 'OK' if lines else 'ERROR'}]
        else:
            tests = [json.loads(line) for line in lines if line.strip()]
        for test in tests:
            for case, verdict, detail in cases_of(test):
                old = verdicts.get(case)
                if old == 'fail':
                    continue
                if verdict == 'fail' or old is None or (old == 'skip' and verdict == 'pass'):
                    verdicts[case] = verdict
                    if verdict == 'fail':
                        details[case] = f'{path}: {detail}'
    passed = sum(1 for v in verdicts.values() if v == 'pass')
    failed = sum(1 for v in verdicts.values() if v == 'fail')
    skipped = sum(1 for v in verdicts.values() if v == 'skip')
    for case, detail in sorted(details.items()):
        print(f'FAILED {case}: {detail}')
    summary = f'{passed} passed, {failed} failed'
    if skipped:
        summary += f', {skipped} skipped'
    print(summary)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
