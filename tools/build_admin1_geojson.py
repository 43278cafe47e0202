#!/usr/bin/env python3
"""build_admin1_geojson.py [SHARED] - Syria's 14 governorates as GeoJSON
polygons for the dashboard's map: reads the OCHA COD-AB admin1 shapes
(../shared/data/syria-ocha/admin1.geojson), keeps the Arabic and English
names and the P-code, simplifies each ring (Douglas-Peucker, 0.002 degrees,
about 200 m) and rounds to 4 decimals, and writes data/syria-admin1.geojson.
Deterministic: the same input gives the same bytes. Standard library only."""
import json
import os
import sys

TOLERANCE = 0.002


def perpendicular(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def simplify(points):
    """Douglas-Peucker with an explicit stack (no recursion on input depth)."""
    if len(points) < 5:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        lo, hi = stack.pop()
        best, index = 0.0, None
        for i in range(lo + 1, hi):
            d = perpendicular(points[i], points[lo], points[hi])
            if d > best:
                best, index = d, i
        if index is not None and best > TOLERANCE:
            keep[index] = True
            stack.append((lo, index))
            stack.append((index, hi))
    out = [p for p, k in zip(points, keep) if k]
    return out if len(out) >= 4 else points


def ring(r):
    pts = [(round(x, 4), round(y, 4)) for x, y, *_ in r]
    dedup = [pts[0]] + [p for i, p in enumerate(pts[1:], 1) if p != pts[i - 1]]
    return [list(p) for p in simplify(dedup)]


def geometry(g):
    if g["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r) for r in g["coordinates"]]}
    if g["type"] == "MultiPolygon":
        return {"type": "MultiPolygon",
                "coordinates": [[ring(r) for r in poly] for poly in g["coordinates"]]}
    raise SystemExit("unexpected geometry " + g["type"])


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared")
    src = os.path.join(shared, "data", "syria-ocha", "admin1.geojson")
    out = os.path.join(os.path.dirname(__file__), "..", "data", "syria-admin1.geojson")
    data = json.load(open(src, encoding="utf-8"))
    features = []
    for f in sorted(data["features"], key=lambda f: f["properties"]["PCODE"]):
        p = f["properties"]
        features.append({"type": "Feature",
                         "properties": {"pcode": p["PCODE"], "name_ar": p["NAME_AR"], "name_en": p["NAME_EN"]},
                         "geometry": geometry(f["geometry"])})
    doc = {"type": "FeatureCollection",
           "source": "UN OCHA COD-AB Syria admin1 (2016-09-05), CC BY-IGO 3.0; simplified by tools/build_admin1_geojson.py",
           "features": features}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print("wrote", os.path.normpath(out), len(features), "governorates")


main()
