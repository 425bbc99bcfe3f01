#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes tests/data/geocode-dev.tsv, the geocoder's development set.

  build-aux/gazetteer/make-dev-set.py data/gazetteer/cities500.tsv.gz > tests/data/geocode-dev.tsv

Rows: query, country hint (may be empty), expected latitude, longitude,
where the spelling comes from.  Two parts:

- hand-written rows: the seed articles' places as reports spell them,
  ambiguous names with and without hints, bad input (expected "-");
- spellings taken from GeoNames' alternate names of the Syrian and Iraqi
  towns of at least 5,000 people, some dressed as reports write them
  ("al-" added or dropped, "town", "near", "Syria's").  A spelling shared by
  two towns more than 10 km apart in the country is left out: no geocoder
  could tell them apart.
"""

import collections
import gzip
import random
import sys
import unicodedata

HAND = [
    # query, hint, lat, lon, source
    ("Raqqa", "", 35.95283, 39.00788, "seed article; GeoNames 172955"),
    ("Raqqah", "", 35.95283, 39.00788, "seed article"),
    ("Rakka", "", 35.95283, 39.00788, "seed article"),
    ("Ar-Raqqah", "", 35.95283, 39.00788, "seed article"),
    ("الرقة", "", 35.95283, 39.00788, "seed article"),
    ("Syria's Raqqa", "", 35.95283, 39.00788, "seed article"),
    ("Raqqa city", "", 35.95283, 39.00788, "seed article"),
    ("al-Raqqa", "SY", 35.95283, 39.00788, "report spelling"),
    ("al-Mayadin", "", 35.01982, 40.45154, "seed article; GeoNames 173480"),
    ("Mayadin", "", 35.01982, 40.45154, "seed article"),
    ("Al-Mayadeen", "", 35.01982, 40.45154, "seed article"),
    ("Al Mayadin town", "SY", 35.01982, 40.45154, "UCDP spelling"),
    ("Baghouz", "", 34.46095, 40.94904, "seed article; supplement"),
    ("Baghuz", "", 34.46095, 40.94904, "seed article"),
    ("al-Baghuz Fawqani", "", 34.46095, 40.94904, "seed article"),
    ("near Baghouz", "", 34.46095, 40.94904, "seed article"),
    ("Baghuz Fawqani village", "SY", 34.46095, 40.94904, "UCDP spelling"),
    ("الباغوز", "", 34.46095, 40.94904, "Arabic"),
    ("Ain Issa", "", 36.38550, 38.86228, "seed article; supplement"),
    ("Ayn Issa", "SY", 36.38550, 38.86228, "report spelling"),
    ("عين عيسى", "", 36.38550, 38.86228, "Arabic"),
    ("Deir ez-Zor", "", 35.33588, 40.14084, "seed article; GeoNames 170794"),
    ("Deir Ezzor", "SY", 35.33588, 40.14084, "report spelling"),
    ("Dayr az Zawr", "", 35.33588, 40.14084, "GeoNames spelling"),
    ("Deir al-Zour", "SY", 35.33588, 40.14084, "report spelling"),
    ("Mosul", "", 36.33500, 43.11889, "seed article; GeoNames 99072"),
    ("Mossoul", "", 36.33500, 43.11889, "French"),
    ("الموصل", "", 36.33500, 43.11889, "Arabic"),
    ("outskirts of Mosul", "IQ", 36.33500, 43.11889, "report spelling"),
    ("Paris", "", 48.85341, 2.34880, "capital over namesakes"),
    ("Paris", "FR", 48.85341, 2.34880, "hint"),
    ("Tripoli", "LB", 34.43352, 35.84415, "hint picks Lebanon"),
    ("Tripoli", "LY", 32.88743, 13.18733, "hint picks Libya"),
    ("Tripoli", "", 32.88743, 13.18733, "capital over namesakes"),
    ("Homs", "SY", 34.72682, 36.72339, "hint"),
    ("Aleppo", "", 36.20124, 37.16117, "GeoNames 170063"),
    ("Halab", "SY", 36.20124, 37.16117, "Arabic transliteration"),
    ("حلب", "", 36.20124, 37.16117, "Arabic"),
    ("Damascus", "", 33.51020, 36.29128, "GeoNames 170654"),
    ("Dimashq", "SY", 33.51020, 36.29128, "Arabic transliteration"),
    ("دمشق", "", 33.51020, 36.29128, "Arabic"),
    ("Baghdad", "", 33.34058, 44.40088, "GeoNames 98182"),
    ("Falluja", "IQ", 33.34913, 43.77713, "report spelling"),
    ("Fallujah", "", 33.34913, 43.77713, "report spelling"),
    ("Tikrit", "", 34.61581, 43.67861, "report spelling"),
    ("Kirkuk", "", 35.46806, 44.39222, "report spelling"),
    ("Ramadi", "IQ", 33.42056, 43.30778, "report spelling"),
    ("Abu Kamal", "SY", 34.45226, 40.91854, "report spelling"),
    ("Albu Kamal", "SY", 34.45226, 40.91854, "report spelling"),
    ("al-Bukamal", "SY", 34.45226, 40.91854, "report spelling"),
    ("Manbij", "", 36.52815, 37.95495, "report spelling"),
    ("Kobani", "SY", 36.89095, 38.35411, "report spelling"),
    ("Kobane", "SY", 36.89095, 38.35411, "report spelling"),
    ("Ayn al-Arab", "SY", 36.89095, 38.35411, "report spelling"),
    ("Idlib", "", 35.93063, 36.63393, "report spelling"),
    ("Idleb", "SY", 35.93063, 36.63393, "report spelling"),
    ("Palmyra", "SY", 34.56240, 38.28402, "report spelling"),
    ("Tadmur", "SY", 34.56240, 38.28402, "report spelling"),
    ("Qamishli", "SY", 37.05215, 41.23142, "report spelling"),
    ("Al-Qamishli", "SY", 37.05215, 41.23142, "report spelling"),
    ("Hasakah", "SY", 36.50237, 40.74772, "report spelling"),
    ("Al-Hasakah", "SY", 36.50237, 40.74772, "report spelling"),
    ("Euphrates", "", 35.33900, 40.15200, "supplement"),
    ("Euphrates river", "", 35.33900, 40.15200, "supplement"),
    ("Tigris", "", 36.34000, 43.14000, "supplement"),
    ("Raqqa Governorate", "", 36.01219, 38.99467, "supplement (WOF region)"),
    ("Deir ez-Zor Governorate", "", 35.14394, 40.31675, "supplement (WOF region)"),
    ("Nineveh Governorate", "", 36.02320, 42.48281, "supplement (WOF region)"),
    ("Anbar province", "", 32.97377, 41.61568, "supplement (WOF region)"),
    ("Syria", "", 35.01127, 37.05324, "country"),
    ("Iraq", "", 33.75403, 44.60518, "country"),
    ("Kafr Nabl", "SY", 35.61418, 36.56129, "report spelling"),
    ("Khan Sheikhoun", "SY", 35.44208, 36.64694, "report spelling"),
    ("Khan Shaykhun", "SY", 35.44208, 36.64694, "report spelling"),
    ("Saraqib", "SY", 35.86473, 36.80634, "report spelling"),
    ("Maarat al-Numan", "SY", 35.64370, 36.67060, "report spelling"),
    ("Ma'arrat an-Nu'man", "SY", 35.64370, 36.67060, "report spelling"),
    ("Jisr al-Shughur", "SY", 35.81245, 36.31740, "report spelling"),
    ("Daraa", "SY", 32.61889, 36.10213, "report spelling"),
    ("Deraa", "SY", 32.61889, 36.10213, "report spelling"),
    ("Douma", "SY", 33.57175, 36.40270, "report spelling"),
    ("Duma", "SY", 33.57175, 36.40270, "report spelling"),
    ("Tal Abyad", "SY", 36.69739, 38.95670, "report spelling"),
    ("Tell Abiad", "SY", 36.69739, 38.95670, "report spelling"),
    ("Afrin", "SY", 36.51194, 36.86954, "report spelling"),
    ("Azaz", "SY", 36.58662, 37.04628, "report spelling"),
    ("A'zaz", "SY", 36.58662, 37.04628, "report spelling"),
    ("Hajin", "SY", 34.69318, 40.83101, "report spelling"),
    ("Al-Bab", "SY", 36.37051, 37.51570, "report spelling"),
    ("Sinjar", "IQ", 36.32090, 41.87656, "report spelling"),
    ("Tal Afar", "IQ", 36.37414, 42.44903, "report spelling"),
    ("Erbil", "", 36.18333, 44.01193, "report spelling"),
    ("Irbil", "IQ", 36.18333, 44.01193, "report spelling"),
    ("Basra", "IQ", 30.50852, 47.78040, "report spelling"),
    ("Basrah", "IQ", 30.50852, 47.78040, "report spelling"),
    ("Samarra", "IQ", 34.19590, 43.88568, "report spelling"),
    ("U.S.", "", 38.97364, -92.74324, "country abbreviation"),
    ("US-backed", "", 38.97364, -92.74324, "report spelling: a side's backer"),
    ("U.K.", "", 52.57060, -1.41124, "country abbreviation"),
    ("UAE", "", 25.07725, 55.30927, "country abbreviation"),
    ("Saudi-led", "", 23.90650, 42.91724, "report spelling: a side's leader"),
    ("DRC", "", -4.33111, 20.58638, "country abbreviation"),
    ("Bosnia-Herzegovina", "", 44.20466, 17.85665, "UCDP country name"),
    ("Gaza", "", 31.50161, 34.46672, "the city, not Palestine's centre"),
]

BAD = ["", "!!!", "'; DROP TABLE events; --", "\"\"\"", "...", "---", "Frumosu Mosul Frumosu xyzzy qwrtp"]


def key(s):
    s = unicodedata.normalize('NFKD', s.lower())
    s = ''.join(c for c in s if not unicodedata.combining(c))
    s = ''.join(c if c.isalnum() else ' ' for c in s.replace("'", '').replace('‘', '').replace('’', ''))
    toks = [t for t in s.split() if t]
    toks = [t for i, t in enumerate(toks)
            if not (i + 1 < len(toks) and t in ('al', 'el', 'ar', 'as', 'ad', 'at', 'ash', 'az', 'an', 'ad'))]
    return ' '.join(toks)


def dist_km(a, b):
    import math
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371 * math.asin(min(1, math.sqrt(h)))


def main():
    rows = []
    with gzip.open(sys.argv[1], 'rt', encoding='utf-8') as f:
        for line in f:
            if line.startswith('#'):
                continue
            c = line.rstrip('\n').split('\t')
            rows.append(c)

    by_key = collections.defaultdict(list)
    for c in rows:
        if c[5] not in ('SY', 'IQ'):
            continue
        for n in [c[1]] + [a for a in c[8].split('|') if a]:
            by_key[(c[5], key(n))].append((float(c[2]), float(c[3]), c[0]))

    rnd = random.Random(3)
    out = []
    for c in rows:
        if c[5] not in ('SY', 'IQ') or int(c[7] or 0) < 5000:
            continue
        here = (float(c[2]), float(c[3]))
        # GeoNames' all-lower-case ASCII alternates ("alrqt") are machine
        # transliterations without vowels that no report writes.
        names = [a for a in c[8].split('|') if a and a != c[1] and len(a) > 3
                 and not (a.isascii() and a == a.lower())
                 # the governorate's name filed as a town's alternate name
                 and not any(w in a for w in ('محافظة', 'Governorate', 'Province', 'District'))]
        names = [a for a in names
                 if all(dist_km(here, p) <= 10 for p in by_key[(c[5], key(a))])]
        rnd.shuffle(names)
        for a in names[:2]:
            dressed = a
            r = rnd.random()
            if r < 0.15:
                dressed = a + ' town'
            elif r < 0.25:
                dressed = 'near ' + a
            elif r < 0.32:
                dressed = ('Syria' if c[5] == 'SY' else 'Iraq') + "'s " + a
            elif r < 0.45 and a.isascii() and not a.lower().startswith(('al', 'el', 'ar-', 'as-', 'ad-', 'at-', 'ash-', 'az-')):
                dressed = 'al-' + a
            out.append((dressed, c[5], here[0], here[1], 'GeoNames %s alternate name' % c[0]))

    print('# Geocoder development set: query, country hint, expected latitude, longitude, source.')
    print('# Expected "-" means the query must come back unresolved.  Made by')
    print('# build-aux/gazetteer/make-dev-set.py from GeoNames cities500 (CC BY 4.0) and by hand.')
    for q, h, la, lo, s in HAND:
        print('%s\t%s\t%.5f\t%.5f\t%s' % (q, h, la, lo, s))
    for q in BAD:
        print('%s\t\t-\t-\tbad input' % q)
    for q, h, la, lo, s in out:
        print('%s\t%s\t%.5f\t%.5f\t%s' % (q, h, la, lo, s))


if __name__ == '__main__':
    main()
