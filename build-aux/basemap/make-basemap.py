#!/usr/bin/python3
# make-basemap.py: convert public map data into data/basemap/basemap.bin
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run when the basemap data is refreshed, never at build time:
#
#   npm install world-atlas@2.0.2        (Natural Earth, public domain)
#   apt-get install gmt-gshhg-low python3-netcdf4   (GSHHG lakes, WDB II rivers; LGPL)
#   build-aux/basemap/make-basemap.py node_modules/world-atlas \
#       /usr/share/gmt-gshhg data/basemap/basemap.bin
#
# File layout (little-endian), read by src/render/chronomap-basemap-data.c:
#
#   "CHRBMAP1"  magic
#   u32         number of layers
#   per layer:  4-byte tag, u32 kind (1 polygon, 2 line), u32 lod,
#               u32 number of features, u32 payload size, payload
#   payload:    per feature: varint class, varint number of parts; per part:
#               varint number of points, then zigzag varint deltas of
#               (longitude, latitude) in 1e-5 degrees, the first point
#               relative to the previous part's last point (0,0 at the start
#               of each layer).
#
# Level of detail: lod 0 = Natural Earth 1:110m (zooms 0-2), 1 = 1:50m (3-5),
# 2 = 1:10m simplified (6 and more).  Layers: LAND (polygons), BRDR (land
# borders), RIVR (rivers, class = WDB II level), LAKE (polygons).

import json
import os
import struct
import sys

import netCDF4

Q = 100000  # 1e-5 degree units


def varint(n, out):
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return


def zigzag(n):
    return (n << 1) if n >= 0 else ((-n << 1) - 1)


def decode_arcs(topo):
    sx, sy = topo['transform']['scale']
    tx, ty = topo['transform']['translate']
    arcs = []
    for arc in topo['arcs']:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def arc_points(arcs, i):
    return arcs[i] if i >= 0 else arcs[~i][::-1]


def ring_points(arcs, ring):
    pts = []
    for i in ring:
        p = arc_points(arcs, i)
        pts.extend(p if not pts else p[1:])
    return pts


def polygons_of(geom):
    if geom['type'] == 'Polygon':
        return [geom['arcs']]
    if geom['type'] == 'MultiPolygon':
        return geom['arcs']
    return []


def perp_dist2(p, a, b):
    ax, ay = a
    bx, by = b
    px, py = p
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return (px - ax) ** 2 + (py - ay) ** 2
    t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)
    t = max(0.0, min(1.0, t))
    return (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2


def simplify(pts, tol):
    """Douglas-Peucker, iterative; keeps both ends."""
    if tol <= 0 or len(pts) < 3:
        return pts
    tol2 = tol * tol
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = -1.0, -1
        for k in range(i + 1, j):
            d = perp_dist2(pts[k], pts[i], pts[j])
            if d > best:
                best, idx = d, k
        if idx >= 0 and best > tol2:
            keep[idx] = True
            stack.append((i, idx))
            stack.append((idx, j))
    return [p for p, k in zip(pts, keep) if k]


class Layer:
    def __init__(self, tag, kind, lod):
        self.tag, self.kind, self.lod = tag, kind, lod
        self.features = []  # (class, [parts])

    def encode(self):
        out = bytearray()
        px = py = 0
        n = 0
        for cls, parts in self.features:
            parts = [p for p in parts if len(p) >= 2]
            if not parts:
                continue
            n += 1
            varint(cls, out)
            varint(len(parts), out)
            for part in parts:
                q = []
                for x, y in part:
                    qp = (int(round(x * Q)), int(round(y * Q)))
                    if not q or q[-1] != qp:
                        q.append(qp)
                varint(len(q), out)
                for x, y in q:
                    varint(zigzag(x - px), out)
                    varint(zigzag(y - py), out)
                    px, py = x, y
        head = tag_bytes(self.tag) + struct.pack('<IIII', self.kind, self.lod, n, len(out))
        return head + bytes(out)


def tag_bytes(tag):
    b = tag.encode('ascii')
    assert len(b) == 4
    return b


def unwrap_ring(ring):
    """Natural Earth's rings that cross the antimeridian (Chukotka) jump from
    +180 to -180 in one edge, which would draw a band around the world.
    Unwrap them so they run past 180 and add a copy shifted by a whole turn;
    the renderer clips both to the world.  Edges along the poles' cut-off
    (Antarctica) are left alone."""
    out = [ring[0]]
    off = 0.0
    jumped = False
    for x, y in ring[1:]:
        px, py = out[-1]
        x2 = x + off
        if abs(x2 - px) > 180 and abs(y) < 85 and abs(py) < 85:
            off += 360 if x2 < px else -360
            x2 = x + off
            jumped = True
        out.append((x2, y))
    if not jumped:
        return [ring]
    rings = [out]
    if max(p[0] for p in out) > 180:
        rings.append([(x - 360, y) for x, y in out])
    if min(p[0] for p in out) < -180:
        rings.append([(x + 360, y) for x, y in out])
    return rings


def split_line(pts):
    """Cuts a line where it jumps across the antimeridian."""
    parts = [[pts[0]]]
    for p in pts[1:]:
        if abs(p[0] - parts[-1][-1][0]) > 180:
            parts.append([])
        parts[-1].append(p)
    return [p for p in parts if len(p) >= 2]


def land_layer(topo, lod, tol):
    arcs = decode_arcs(topo)
    arcs = [simplify(a, tol) for a in arcs]
    layer = Layer('LAND', 1, lod)
    for geom in topo['objects']['land']['geometries']:
        for poly in polygons_of(geom):
            rings = []
            for r in poly:
                pts = ring_points(arcs, r)
                if len(pts) >= 4:
                    rings.extend(unwrap_ring(pts))
            layer.features.append((0, rings))
    return layer


def border_layer(topo, lod, tol):
    """Arcs shared by two different countries: the land borders."""
    arcs = decode_arcs(topo)
    arcs = [simplify(a, tol) for a in arcs]
    owners = {}
    for gi, geom in enumerate(topo['objects']['countries']['geometries']):
        for poly in polygons_of(geom):
            for ring in poly:
                for i in ring:
                    owners.setdefault(i if i >= 0 else ~i, set()).add(gi)
    layer = Layer('BRDR', 2, lod)
    for ai in sorted(owners):
        if len(owners[ai]) >= 2:
            layer.features.append((0, split_line(arcs[ai])))
    return layer


def river_layer(path, lod, max_level, tol):
    nc = netCDF4.Dataset(path)
    nc.set_auto_mask(False)
    bin_min = int(nc['Bin_size_in_minutes'][0])
    nx = int(nc['N_bins_in_360_longitude_range'][0])
    first_seg = nc['Id_of_first_segment_in_a_bin'][:]
    nseg = nc['N_segments_in_a_bin'][:]
    npts = nc['N_points_for_a_segment'][:]
    level = nc['Hierarchial_level_of_a_segment'][:]
    first_pt = nc['Id_of_first_point_in_a_segment'][:]
    rlon = nc['Relative_longitude_from_SW_corner_of_bin'][:].astype('int64') & 0xFFFF
    rlat = nc['Relative_latitude_from_SW_corner_of_bin'][:].astype('int64') & 0xFFFF
    size = bin_min / 60.0
    layer = Layer('RIVR', 2, lod)
    for b in range(len(first_seg)):
        lon0 = (b % nx) * size
        lat0 = 90.0 - (b // nx + 1) * size
        for s in range(first_seg[b], first_seg[b] + nseg[b]):
            lv = int(level[s])
            if lv < 1 or lv > max_level:
                continue
            p0 = first_pt[s]
            pts = []
            for k in range(p0, p0 + npts[s]):
                lon = lon0 + rlon[k] / 65535.0 * size
                lat = lat0 + rlat[k] / 65535.0 * size
                if lon > 180.0:
                    lon -= 360.0
                pts.append((lon, lat))
            layer.features.append((lv, [simplify(pts, tol)]))
    return layer


def lake_layer(path, lod, min_area, tol):
    """GSHHG's lakes (level 2 polygons, river-lakes among them), rebuilt from
    the pieces the binned file cuts at every bin edge: a piece ends exactly
    where the next one starts, so chaining them by end points gives the ring
    back.  Lakes smaller than min_area km² are left out."""
    nc = netCDF4.Dataset(path)
    nc.set_auto_mask(False)
    bin_min = int(nc['Bin_size_in_minutes'][0])
    nx = int(nc['N_bins_in_360_longitude_range'][0])
    first_seg = nc['Id_of_first_segment_in_a_bin'][:]
    nseg = nc['N_segments_in_a_bin'][:]
    info = nc['Embedded_npts_levels_exit_entry_for_a_segment'][:]
    first_pt = nc['Id_of_first_point_in_a_segment'][:]
    gid = nc['Id_of_GSHHS_ID'][:]
    area = nc['The_km_squared_area_of_polygons'][:]
    rlon = nc['Relative_longitude_from_SW_corner_of_bin'][:].astype('int64') & 0xFFFF
    rlat = nc['Relative_latitude_from_SW_corner_of_bin'][:].astype('int64') & 0xFFFF
    size = bin_min / 60.0
    pieces = {}
    for b in range(len(first_seg)):
        lon0 = (b % nx) * size
        lat0 = 90.0 - (b // nx + 1) * size
        for s in range(first_seg[b], first_seg[b] + nseg[b]):
            v = int(info[s])
            n, level = v >> 9, (v >> 6) & 7
            g = int(gid[s])
            if level != 2 or abs(area[g]) < min_area:
                continue
            pts = []
            for k in range(first_pt[s], first_pt[s] + n):
                lon = lon0 + rlon[k] / 65535.0 * size
                if lon > 180.0:
                    lon -= 360.0
                pts.append((lon, lat0 + rlat[k] / 65535.0 * size))
            pieces.setdefault(g, []).append(pts)

    def key(p):
        return (round(p[0], 5), round(p[1], 5))

    layer = Layer('LAKE', 1, lod)
    for g in sorted(pieces):
        ss = pieces[g]
        starts = {}
        for i, piece in enumerate(ss):
            starts.setdefault(key(piece[0]), []).append(i)
        used = [False] * len(ss)
        rings = []
        for i in range(len(ss)):
            if used[i]:
                continue
            used[i] = True
            ring = list(ss[i])
            while key(ring[-1]) != key(ring[0]) or len(ring) < 3:
                nxt = [j for j in starts.get(key(ring[-1]), []) if not used[j]]
                if not nxt:
                    break
                used[nxt[0]] = True
                ring.extend(ss[nxt[0]][1:])
            if key(ring[-1]) == key(ring[0]) and len(ring) >= 4:
                rings.append(simplify(ring, tol))
        if rings:
            layer.features.append((0, rings))
    return layer


def main():
    atlas, gshhg, out_path = sys.argv[1:4]
    load = lambda name: json.load(open(os.path.join(atlas, name)))
    layers = []
    for lod, res, tol in ((0, '110m', 0.0), (1, '50m', 0.0), (2, '10m', 0.004)):
        land = load('land-%s.json' % res)
        countries = load('countries-%s.json' % res)
        layers.append(land_layer(land, lod, tol))
        layers.append(border_layer(countries, lod, tol))
    # WDB II levels: 1 double-lined rivers, 2 permanent major rivers,
    # 3 additional major rivers, 4 additional rivers.
    # No rivers at zooms 0-2: a world map with rivers is only noise.
    layers.append(river_layer(os.path.join(gshhg, 'binned_river_l.nc'), 1, 2, 0.02))
    layers.append(river_layer(os.path.join(gshhg, 'binned_river_i.nc'), 2, 3, 0.003))
    # GSHHG levels: 2 = lake.  Sizes keep each level of detail's lakes to
    # those a few pixels across at its zooms.
    layers.append(lake_layer(os.path.join(gshhg, 'binned_GSHHS_c.nc'), 0, 3000, 0.0))
    layers.append(lake_layer(os.path.join(gshhg, 'binned_GSHHS_l.nc'), 1, 150, 0.0))
    layers.append(lake_layer(os.path.join(gshhg, 'binned_GSHHS_i.nc'), 2, 15, 0.003))
    blob = bytearray(b'CHRBMAP1')
    blob += struct.pack('<I', len(layers))
    for layer in layers:
        enc = layer.encode()
        print('%s lod %d: %d features, %d bytes' % (layer.tag, layer.lod, len(layer.features), len(enc)),
              file=sys.stderr)
        blob += enc
    with open(out_path, 'wb') as f:
        f.write(blob)


if __name__ == '__main__':
    main()
