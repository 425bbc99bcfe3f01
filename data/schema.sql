-- Chronomap event database, format version 1.
--
-- An event database is an ordinary SQLite file.  Chronomap reads the tables
-- below and ignores any other table or column, so files made by other tools
-- may carry more.  PRAGMA user_version holds the format version; a file with
-- user_version 0 is read as version 1 if its tables have what is required.
--
-- Required to open a file: table `events` with the columns id, date_start,
-- event_type and location.  Every other column and table is optional when
-- reading (missing means unknown) and is added by the migration when the
-- user asks Chronomap to write to the file.
--
-- Dates are ISO 8601 text: 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'.  The text
-- implies a precision (day, month, year); date_precision may make it coarser,
-- never finer.  An event covers the whole period from the start of
-- date_start's period to the end of date_end's (or, without date_end, to the
-- end of date_start's own period): "2014-01" with precision month covers
-- 2014-01-01 to 2014-01-31 and so overlaps a time window containing
-- 2014-01-15.  A window [from, to] shows an event when the event's first day
-- <= to and its last day >= from.

PRAGMA user_version = 1;

-- Key/value metadata about the data set: title, description, licence,
-- created_by, ...  Unknown keys are kept.
CREATE TABLE IF NOT EXISTS dataset (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT
);

-- The documents events are taken from.
CREATE TABLE IF NOT EXISTS sources (
  id         INTEGER PRIMARY KEY,
  title      TEXT,
  publisher  TEXT,
  url        TEXT,
  published  TEXT,            -- ISO 8601 date of publication
  full_text  TEXT             -- optional: the article itself
);

CREATE TABLE IF NOT EXISTS events (
  id              INTEGER PRIMARY KEY,
  -- the key of the event in the data set it was imported from
  -- (ACLED event_id_cnty, UCDP id, GDELT GlobalEventID); a re-import of the
  -- same data updates rather than duplicates
  external_id     TEXT,
  date_start      TEXT NOT NULL,
  date_end        TEXT,                                  -- NULL: same as date_start
  date_precision  TEXT NOT NULL DEFAULT 'day'
                  CHECK (date_precision IN ('day', 'month', 'year')),
  -- ACLED's taxonomy: 'Battles' / 'Armed clash',
  -- 'Explosions/Remote violence' / 'Air/drone strike',
  -- 'Strategic developments' / 'Agreement', ...
  event_type      TEXT NOT NULL,
  sub_event_type  TEXT,
  actor1          TEXT,
  actor2          TEXT,
  location        TEXT,                                  -- as written in the source
  country         TEXT,                                  -- ISO 3166-1 alpha-2 hint
  -- the first- and second-order administrative areas the data set names
  -- (ACLED admin1/admin2, UCDP adm_1/adm_2): hints for the geocoder
  admin1          TEXT,
  admin2          TEXT,
  latitude        REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
  longitude       REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
  -- how precisely latitude/longitude place the event:
  --   'exact'   the place itself (a town, a village)
  --   'near'    near the place, or part of it
  --   'admin2'  a district;  'admin1' a province or governorate
  --   'feature' a linear or natural feature (a river, a front line)
  --   'country' only the country is known
  geo_precision   TEXT CHECK (geo_precision IS NULL OR geo_precision IN
                    ('exact', 'near', 'admin2', 'admin1', 'feature', 'country')),
  -- where the coordinates came from: 'source' (the data set), or the
  -- gazetteer entry that geocoded the location ('geonames:170794', ...)
  geo_source      TEXT,
  fatalities      INTEGER CHECK (fatalities IS NULL OR fatalities >= 0),  -- NULL: unknown
  fatalities_low  INTEGER,                               -- UCDP's low and high estimates
  fatalities_high INTEGER,
  notes           TEXT,
  source_id       INTEGER REFERENCES sources (id),
  quote           TEXT,                                  -- the words that support the event
  -- what the imported row said that no column above holds, so that nothing
  -- is lost: a JSON object of the row's column names and their text, such
  -- as ACLED's {"assoc_actor_1": "...", "inter1": "...", "admin3": "...",
  -- "tags": "..."} or UCDP's {"where_prec": "1", "dyad_name": "..."}; empty
  -- values are left out, and NULL means there was nothing more.  Exports
  -- write these back out as columns, properties or ExtendedData.
  attributes      TEXT
);

CREATE UNIQUE INDEX IF NOT EXISTS events_external_id ON events (external_id);
CREATE INDEX IF NOT EXISTS events_date_start ON events (date_start);
CREATE INDEX IF NOT EXISTS events_location ON events (location);
