#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build into a staging directory (DESTDIR) and uses the
# installed programs and data there, as a packager would.
#
# Usage: test-install.sh BUILD_ROOT PREFIX BINDIR DATADIR
#
# An installed program looks for its data in PKGDATADIR, which is compiled
# in as PREFIX/DATADIR/chronomap; under DESTDIR that tree lives elsewhere.
# So the test checks both halves separately: that the installed binary
# has exactly PREFIX/DATADIR/chronomap compiled in (what it would use once
# really installed), and that the staged tree at DESTDIR/that path holds
# everything it needs, by pointing CHRONOMAP_DATA_DIR there.  A separate
# build configured with --prefix=TMP would test the same at the cost of a
# second full build (gazetteer included) on every test run.
set -euo pipefail

build=$1
prefix=$2
bindir=$3
datadir=$4

stage=$(mktemp -d "${TMPDIR:-/tmp}/chronomap-install.XXXXXX")
trap 'rm -rf "$stage"' EXIT

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

meson install -C "$build" --no-rebuild --quiet --destdir "$stage" >"$stage.log" 2>&1 ||
  { cat "$stage.log" >&2; rm -f "$stage.log"; fail "meson install failed"; }
rm -f "$stage.log"

root="$stage$prefix"
pkgdatadir="$prefix/$datadir/chronomap"
staged_pkgdatadir="$stage$pkgdatadir"
cli="$root/$bindir/chronomap-cli"
app_id=io.github.chronomap.Chronomap

for f in \
  "$bindir/chronomap-cli" \
  "$datadir/chronomap/sample/sample.sqlite" \
  "$datadir/chronomap/gazetteer/chronomap-gazetteer.cgaz" \
  "$datadir/chronomap/schema.sql" \
  "$datadir/applications/$app_id.desktop" \
  "$datadir/metainfo/$app_id.metainfo.xml" \
  "$datadir/glib-2.0/schemas/$app_id.gschema.xml" \
  "$datadir/dbus-1/services/$app_id.service" \
  "$datadir/icons/hicolor/scalable/apps/$app_id.svg" \
  "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
do
  [ -e "$root/$f" ] || fail "not installed: $prefix/$f"
  echo "checked: installed $prefix/$f"
done

# The app itself only when it was built (-Dapp=false builds the CLI alone).
if [ -e "$build/src/chronomap" ]; then
  [ -x "$root/$bindir/chronomap" ] || fail "not installed: $prefix/$bindir/chronomap"
  echo "checked: installed $prefix/$bindir/chronomap"
fi

grep -qF "$pkgdatadir" "$cli" ||
  fail "$cli does not have $pkgdatadir compiled in"
echo "checked: chronomap-cli looks for its data in $pkgdatadir"

# The installed binary must not reach back into the build tree.
if readelf -d "$cli" 2>/dev/null | grep -E 'R(UN)?PATH' | grep -qF "$build"; then
  fail "$cli keeps an RPATH into the build tree"
fi

export CHRONOMAP_DATA_DIR="$staged_pkgdatadir"
cd "$stage"

out=$("$cli" info "$staged_pkgdatadir/sample/sample.sqlite") ||
  fail "chronomap-cli info on the installed sample failed"
echo "$out" | sed 's/^/# /'
echo "$out" | grep -q '[1-9]' || fail "chronomap-cli info printed no event count"
echo "checked: installed chronomap-cli info reads the installed sample"

if "$cli" --help | grep -qE '^\s+geocode\s'; then
  # Raqqa, Syria: 35.95 N, 39.01 E (GeoNames 163915).
  out=$("$cli" geocode --country SY Raqqa) ||
    fail "chronomap-cli geocode with the installed gazetteer failed"
  echo "$out" | sed 's/^/# /'
  echo "$out" | grep -q '35\.9' || fail "chronomap-cli geocode did not place Raqqa at 35.9x N"
  echo "checked: installed chronomap-cli geocode finds Raqqa in the installed gazetteer"
  # The river's course is read from the installed rivers.tsv: near
  # Kobane, the Euphrates passes Jarabulus (36.82 N), not Deir ez-Zor.
  out=$("$cli" geocode --country SY "Euphrates river near Kobane" 2>&1) ||
    fail "chronomap-cli geocode of a river failed"
  echo "$out" | sed 's/^/# /'
  echo "$out" | grep -q '	36\.8' || fail "the installed geocoder did not put the river on its course"
  echo "checked: installed chronomap-cli geocode reads the rivers' courses"
else
  echo "skipped: chronomap-cli has no geocode command"
fi

# The importers read the installed country tables: an ACLED row names its
# country, a GDELT row gives a FIPS code (IZ is Iraq, ISO IQ).
printf 'event_id_cnty,event_date,event_type,country,location\nT1,2019-03-19,Battles,Syria,Baghouz\n' \
  > "$stage/acled.csv"
"$cli" import --format acled "$stage/acled.csv" --db "$stage/countries.sqlite" \
  2>"$stage/import.err" >/dev/null || { cat "$stage/import.err" >&2; fail "installed import failed"; }
if grep -qE 'not (found|installed)|WARNING' "$stage/import.err"; then
  cat "$stage/import.err" >&2
  fail "the installed importer misses its data"
fi
"$cli" export --format csv "$stage/countries.sqlite" "$stage/countries.csv" >/dev/null ||
  fail "installed export failed"
grep -q ',SY,' "$stage/countries.csv" || fail "an imported Syria got no country code SY"
echo "checked: the installed importer maps country names to ISO codes"
