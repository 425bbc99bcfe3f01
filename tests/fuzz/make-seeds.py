#!/usr/bin/env python3
# Seed corpora for the libFuzzer harnesses, made from tests/data and the
# files of a build tree: make-seeds.py SOURCE_ROOT BUILD_DIR OUT_DIR.
# Writes OUT_DIR/<harness>/ with a few small files each.  SQLite seeds use
# 512-byte pages so that each is a few kilobytes: the fuzzer mutates every
# byte of a seed, and small files keep it fast.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import gzip
import os
import shutil
import sqlite3
import subprocess
import sys

src, build, out = sys.argv[1], sys.argv[2], sys.argv[3]
data = os.path.join(src, 'tests', 'data')
schema = open(os.path.join(src, 'data', 'schema.sql'), encoding='utf-8').read()


def folder(name):
    path = os.path.join(out, name)
    os.makedirs(path, exist_ok=True)
    return path


def write(harness, name, content):
    mode = 'wb' if isinstance(content, bytes) else 'w'
    with open(os.path.join(folder(harness), name), mode) as f:
        f.write(content)


def make_db(harness, name, *statements, wal=False):
    path = os.path.join(folder(harness), name)
    if os.path.exists(path):
        os.unlink(path)
    db = sqlite3.connect(path)
    db.execute('PRAGMA page_size = 512')
    if wal:
        db.execute('PRAGMA journal_mode = WAL')
    for sql in statements:
        db.executescript(sql)
    db.commit()
    if wal:
        db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    db.close()
    for side in ('-wal', '-shm'):
        if os.path.exists(path + side):
            os.unlink(path + side)


# Event databases: the current format with every kind of value the loader
# reads, an older file it migrates, and the odd shapes other tools write.
rows = """
INSERT INTO dataset VALUES ('title', 'seed');
INSERT INTO sources (id, title, url, published) VALUES (1, 'a', 'http://x', '2019-03-20');
INSERT INTO events (id, date_start, date_end, date_precision, event_type, sub_event_type,
  actor1, actor2, location, country, latitude, longitude, geo_precision, fatalities,
  fatalities_low, fatalities_high, notes, source_id, quote, external_id) VALUES
  (1, '2019-03-19', NULL, 'day', 'Battles', 'Armed clash', 'A', 'B', 'Baghouz', 'SY',
   34.45, 40.93, 'exact', 3, 1, 5, 'n', 1, 'q', 'x1'),
  (2, '2017-10', '2017-11', 'month', 'Battles', NULL, 'A', NULL, 'Raqqa', 'sy',
   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'x2'),
  (3, '2014', NULL, 'year', 'Protests', NULL, NULL, NULL, 'near Aleppo', NULL,
   NULL, NULL, 'near', 0, NULL, NULL, NULL, 1, NULL, 'x3'),
  (7, '2016-02-29T10:00', '2016-03-01', 'day', 'Riots', NULL, NULL, NULL, 'Raqqa', 'SY',
   -1.5, 179.5, 'admin1', 12, NULL, NULL, 'نص', NULL, NULL, 'x4');
"""
make_db('event-db', 'current.sqlite', schema, rows)
make_db('event-db', 'wal.sqlite', schema, rows, wal=True)
make_db('event-db', 'v0-minimal.sqlite',
        """CREATE TABLE events (id INTEGER PRIMARY KEY, date_start, event_type, location);
           INSERT INTO events VALUES (1, '2020-01-02', 'Battles', 'Idlib');
           INSERT INTO events VALUES (2, 20200103, x'00ff', NULL);""")
make_db('event-db', 'typed-oddly.sqlite',
        """CREATE TABLE events (id, date_start, date_end, date_precision, event_type, location,
                                latitude, longitude, fatalities, country, source_id);
           INSERT INTO events VALUES ('7', ' 2001-01-01 ', '2000', 'YEAR', 1.5, x'41',
                                      '12.5', ' -3 ', '4.0', 'de', 'x');
           INSERT INTO events VALUES (NULL, '1999-12', NULL, NULL, NULL, NULL, NULL, NULL,
                                      -1, NULL, 9);
           CREATE TABLE sources (id TEXT, title BLOB);
           INSERT INTO sources VALUES ('a', x'ff');""")
make_db('event-db', 'without-rowid.sqlite',
        """CREATE TABLE events (id INTEGER PRIMARY KEY, date_start TEXT, event_type TEXT,
                                location TEXT) WITHOUT ROWID;
           INSERT INTO events VALUES (5, '2010-05-05', 'Battles', 'Homs');""")
make_db('event-db', 'too-new.sqlite', 'PRAGMA user_version = 99;' + schema.replace(
    'PRAGMA user_version = 1;', ''))
make_db('event-db', 'other-tables.sqlite', 'CREATE TABLE t (a); INSERT INTO t VALUES (1);')
sample = os.path.join(build, 'data', 'sample', 'sample.sqlite')
if os.path.exists(sample):
    shutil.copy(sample, os.path.join(folder('event-db'), 'sample.sqlite'))
# The exporter reads the same files; text that needs escaping in each
# output format goes in too.
make_db('export', 'escapes.sqlite', schema, rows,
        """INSERT INTO events (id, date_start, event_type, location, notes, actor1, latitude,
                                 longitude) VALUES
             (9, '2019-05-05', 'A "quoted", type', '<b>&amp;</b>', 'line
break, tab	 \\ backslash ]]> ""', ' é', 10.5, 20.25);""")
for name in os.listdir(folder('event-db')):
    shutil.copy(os.path.join(folder('event-db'), name), os.path.join(folder('export'), name))

# MBTiles: raster tiles of each format, and a vector file it refuses.
png = bytes.fromhex('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489'
                    '0000000d4944415478da63f8ffff3f0005fe02fea7d6a4f70000000049454e44ae426082')
for name, fmt, tile in (('png.mbtiles', 'png', png),
                        ('jpg.mbtiles', None, b'\xff\xd8\xff\xe0' + b'\0' * 16),
                        ('webp.mbtiles', 'webp', b'RIFF\0\0\0\0WEBPVP8 '),
                        ('vector.mbtiles', 'pbf', b'\x1f\x8b\x08\0' + b'\0' * 8)):
    meta = [('name', 'seed'), ('bounds', '-180,-85,180,85'), ('minzoom', '0'),
            ('maxzoom', '2'), ('attribution', '© seed')]
    if fmt is not None:
        meta.append(('format', fmt))
    statements = ['CREATE TABLE metadata (name TEXT, value TEXT);',
                  'CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, '
                  'tile_row INTEGER, tile_data BLOB);',
                  'CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);']
    path = os.path.join(folder('mbtiles'), name)
    make_db('mbtiles', name, *statements)
    db = sqlite3.connect(path)
    db.executemany('INSERT INTO metadata VALUES (?, ?)', meta)
    for z, x, y in ((0, 0, 0), (1, 0, 0), (1, 1, 1), (2, 3, 0)):
        db.execute('INSERT INTO tiles VALUES (?, ?, ?, ?)', (z, x, y, tile))
    db.commit()
    db.close()

# Dates as files write them.
for i, text in enumerate(['2019-03-19', '2017-10', '2014', ' 2016-02-29T10:00:00Z ',
                          '2019-02-30', '0001-01-01', '9999-12-31', '2020-01-01 12:00',
                          '1970-01-01', '2000-13-01']):
    write('date', 'date-%02d' % i, text)

# Attributes as the importers write them, and what a foreign file may hold.
for i, text in enumerate(['{"inter1": "State forces", "admin3": "Ariha", "tags": ""}',
                          '{}', ' { "n" : 12.5e-3 , "ok": true, "none": null } ',
                          '{"note": "\\u00e9t\\u00e9 \\ud83d\\ude00 \\"q\\" \\\\ \\/"}',
                          '{"a": [1, 2]}', '{"a": "b",}', '[1]']):
    write('json-object', 'attributes-%02d' % i, text)

# Names and hints from the geocoder's development set.
queries = []
with open(os.path.join(data, 'geocode-dev.tsv'), encoding='utf-8') as f:
    for line in f:
        if line.startswith('#') or not line.strip():
            continue
        fields = line.rstrip('\n').split('\t')
        queries.append((fields[0], fields[1] if len(fields) > 1 else ''))
for i, (query, country) in enumerate(queries[::8]):
    write('geocoder', 'query-%03d' % i, '%s\n%s\n' % (query, country))
# and the forms that measure from a place, which the set has none of
for i, query in enumerate(['10 km north of Raqqa', 'Silos east of Palmyra/Tadmur',
                           'Ain Issa, 50 km north of Raqqa', '(3 miles south-west of Mosul)',
                           '5km from Baghouz', 'Tall Tawil (Tall Tamr area) village']):
    write('geocoder', 'offset-%d' % i, '%s\nSY\n' % query)
for i in range(0, min(len(queries) - 1, 400), 10):
    write('normalize', 'pair-%03d' % i, '%s\n%s' % (queries[i][0], queries[i + 1][0]))

# Gazetteer sources as `gazetteer add` takes them, plain and gzip.
for name in ('gazetteer-geonames-excerpt.txt', 'gazetteer-wof-excerpt.csv'):
    content = open(os.path.join(data, name), 'rb').read()
    write('gazetteer-source', name, content)
    write('gazetteer-source', name + '.gz', gzip.compress(content, mtime=0))
tsv_rows = open(os.path.join(src, 'data', 'gazetteer', 'supplement.tsv'), 'rb').read()
write('gazetteer-source', 'supplement.tsv', b'\n'.join(tsv_rows.split(b'\n')[:12]) + b'\n')

# Event data sets for each importer, from the interchange test files; the
# CSV reader gets each behind a mode byte (delimiter, quoting: fuzz-csv.c).
interchange = os.path.join(data, 'interchange')
importer_seeds = {
    'import-acled': ['acled-new.csv', 'acled-old.csv', 'acled-update.csv'],
    'import-ucdp': ['ucdp-ged-19.1-syria-excerpt.csv', 'ucdp-ged-23.1-excerpt.csv',
                    'ucdp-ged-23.1-noheader.csv'],
    'import-gdelt': ['gdelt-events.tsv'],
    'import-geojson': ['events.geojson'],
    'import-csv': ['acled-new.csv', 'ucdp-ged-23.1-excerpt.csv'],
}
for harness, names in importer_seeds.items():
    for name in names:
        path = os.path.join(interchange, name)
        if os.path.exists(path):
            content = open(path, 'rb').read()
            # Small seeds mutate faster: a header and a few rows.
            lines = content.split(b'\n')
            write(harness, name, b'\n'.join(lines[:8]) + b'\n')
            if harness != 'import-geojson':
                write('csv', name, (b'\x11' if name.endswith('.tsv') else b'\x10') +
                      b'\n'.join(lines[:8]) + b'\n')
if os.path.exists(os.path.join(interchange, 'events.geojson')):
    write('import-geojson', 'events-full.geojson',
          open(os.path.join(interchange, 'events.geojson'), 'rb').read())
write('csv', 'quoted', b'\x10a,"b ""c"" d",e\n"multi\nline",2,\n')

# Articles for the geoparser and the extractor (4 bytes of publication
# day first: fuzz-extractor.c).
seeds_dir = os.path.join(data, 'seeds')
if os.path.isdir(seeds_dir):
    for name in sorted(os.listdir(seeds_dir)):
        if not name.endswith('.txt'):
            continue
        text = open(os.path.join(seeds_dir, name), 'rb').read()
        for i, start in enumerate(range(0, min(len(text), 6000), 1500)):
            part = text[start:start + 1500]
            write('geoparser', '%s-%d' % (name, i), part)
            write('extractor', '%s-%d' % (name, i), b'\x10\x84\x00\x00' + part)

# Compiled gazetteers, made by the build's own compiler from the sources above.
compiler = os.path.join(build, 'data', 'gazetteer', 'chronomap-gazetteer-compile')
if os.path.exists(compiler):
    env = dict(os.environ, ASAN_OPTIONS='detect_leaks=0')
    for name in ('gazetteer-geonames-excerpt.txt', 'gazetteer-wof-excerpt.csv'):
        subprocess.run([compiler, '--output',
                        os.path.join(folder('gazetteer-file'), name + '.cgaz'),
                        '--label', 'seed', os.path.join(data, name)],
                       check=True, env=env)
