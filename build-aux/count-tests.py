#!/usr/bin/env python3
"""Counts test cases from meson's testlog.json and prints "N passed, N failed".

A TAP test program counts each of its "ok"/"not ok" lines (GLib prints one per
test path); a program that crashed after its last result line counts one more
failure; a program that printed no TAP (an exit-code test) counts as one case.
"""
import json
import re
import sys

OK = re.compile(r'^ok\b')
NOT_OK = re.compile(r'^not ok\b')
SKIP = re.compile(r'#\s*skip', re.IGNORECASE)
TODO = re.compile(r'#\s*todo', re.IGNORECASE)


def main(path):
    passed = failed = skipped = 0
    failures = []
    try:
        lines = open(path, encoding='utf-8', errors='replace').read().splitlines()
    except OSError as e:
        print(f'count-tests: {path}: {e}', file=sys.stderr)
        print('0 passed, 1 failed')
        return 1
    for line in lines:
        if not line.strip():
            continue
        t = json.loads(line)
        result = t.get('result', '')
        out = t.get('stdout') or ''
        p = f = s = 0
        for l in out.splitlines():
            if NOT_OK.match(l):
                if TODO.search(l):
                    continue
                f += 1
                failures.append(f"{t['name']}: {l}")
            elif OK.match(l):
                if SKIP.search(l):
                    s += 1
                else:
                    p += 1
        if p + f + s == 0:
            if result in ('OK', 'EXPECTEDFAIL'):
                p = 1
            elif result == 'SKIP':
                s = 1
            else:
                f = 1
                failures.append(f"{t['name']}: {result}")
        elif result not in ('OK', 'EXPECTEDFAIL', 'SKIP') and f == 0:
            # crashed or timed out after its last result line
            f += 1
            failures.append(f"{t['name']}: {result} after {p} passing cases")
        passed += p
        failed += f
        skipped += s
    for entry in failures:
        print(f'FAILED {entry}')
    summary = f'{passed} passed, {failed} failed'
    if skipped:
        summary += f', {skipped} skipped'
    print(summary)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
