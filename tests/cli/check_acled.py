#!/usr/bin/env python3
"""Check an ACLED CSV export of rasd against ACLED's published column list
and value rules; with --geojson FILE also check that the GeoJSON carries
exactly the CSV's fields with the same values.

    python3 tests/cli/check_acled.py events.csv [--geojson events.geojson]

Prints one line per problem and exits 1 when there is any.
"""
import csv
import json
import re
import sys

ACLED = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
         "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
         "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
         "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
         "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
SUB_TYPES = {
    "Battles": {"Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack",
                                   "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}
REGIONS = {"Middle East", "Northern Africa", "Eastern Africa", "Western Africa", "Middle Africa",
           "Southern Africa", "Europe", "North America", "South America", "Central America",
           "Caribbean", "Caucasus and Central Asia", "South Asia", "Southeast Asia", "East Asia",
           "Oceania", "Antarctica"}
SCALES = {"International", "Regional", "National", "Subnational", "Local partner", "New media",
          "Other"}
# ISO 3166 numeric -> alpha-3: Debian's iso-codes when installed, else the
# countries rasd's examples and dev sets are about
ISO3 = {760: "SYR", 368: "IRQ", 887: "YEM", 682: "SAU", 422: "LBN", 400: "JOR", 376: "ISR",
        275: "PSE", 792: "TUR", 364: "IRN", 818: "EGY", 434: "LBY", 788: "TUN", 12: "DZA",
        504: "MAR", 729: "SDN", 706: "SOM"}
try:
    with open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8") as _f:
        ISO3 = {int(c["numeric"]): c["alpha_3"] for c in json.load(_f)["3166-1"]}
except OSError:
    pass
ARABIC = re.compile("[\u0600-\u06ff]")
problems = []


def bad(row, col, msg):
    problems.append("row %s (%s): %s: %s" % (row.get("_n"), row.get("event_id_cnty"), col, msg))


def is_int(s, lo=None, hi=None):
    if not re.fullmatch(r"-?\d+", s or ""):
        return False
    v = int(s)
    return (lo is None or v >= lo) and (hi is None or v <= hi)


def check_row(r):
    t = r["event_type"]
    if t not in SUB_TYPES:
        bad(r, "event_type", "not an ACLED event type: %r" % t)
    elif r["sub_event_type"] not in SUB_TYPES[t]:
        bad(r, "sub_event_type", "%r is not a sub-event type of %s" % (r["sub_event_type"], t))
    if DISORDER.get(t) != r["disorder_type"]:
        bad(r, "disorder_type", "%r for %s" % (r["disorder_type"], t))
    if r["event_date"]:
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", r["event_date"]):
            bad(r, "event_date", "not YYYY-MM-DD: %r" % r["event_date"])
        if r["year"] != r["event_date"][:4]:
            bad(r, "year", "%r does not match the date" % r["year"])
        if r["time_precision"] not in ("1", "2", "3"):
            bad(r, "time_precision", "%r" % r["time_precision"])
    m = re.fullmatch(r"([A-Z]{3})(\d+)", r["event_id_cnty"])
    if not m:
        bad(r, "event_id_cnty", "not ISO3 + number: %r" % r["event_id_cnty"])
    if r["iso"]:
        if not is_int(r["iso"], 1, 999):
            bad(r, "iso", "not a numeric ISO 3166 code: %r" % r["iso"])
        elif m and ISO3.get(int(r["iso"])) != m.group(1):
            bad(r, "event_id_cnty", "prefix %s does not match iso %s" % (m.group(1), r["iso"]))
        if r["region"] not in REGIONS:
            bad(r, "region", "%r" % r["region"])
        if not r["country"] or ARABIC.search(r["country"]):
            bad(r, "country", "%r" % r["country"])
    for col in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "admin1", "admin2",
                "admin3", "location", "source", "country", "region"):
        if ARABIC.search(r[col]):
            bad(r, col, "Arabic in an English column: %r" % r[col])
    for col in ("admin1_ar", "admin2_ar", "admin3_ar", "location_ar"):
        if r.get(col) and not ARABIC.search(r[col]):
            bad(r, col, "no Arabic: %r" % r[col])
    # the gazetteer names every division of the Middle East and North Africa
    # in English; abroad some only in Arabic
    if r["admin1_ar"] and not r["admin1"] and r["region"] in ("Middle East", "Northern Africa"):
        bad(r, "admin1", "empty although admin1_ar is %r" % r["admin1_ar"])
    if r["admin2_ar"] and not r["admin2"]:
        bad(r, "admin2", "empty although admin2_ar is %r" % r["admin2_ar"])
    if r["admin3"] and not r["admin2"]:
        bad(r, "admin3", "a sub-district without a district")
    # actors and interaction codes
    if t != "Strategic developments" and not r["actor1"]:
        bad(r, "actor1", "empty (ACLED always names actor1)")
    for a, i in (("actor1", "inter1"), ("actor2", "inter2")):
        if bool(r[a]) != bool(r[i]):
            bad(r, i, "%r for %s %r" % (r[i], a, r[a]))
        if r[i] and not is_int(r[i], 1, 8):
            bad(r, i, "not an ACLED code 1-8: %r" % r[i])
    if r["inter1"] and is_int(r["inter1"]):
        i1 = int(r["inter1"])
        i2 = int(r["inter2"]) if is_int(r["inter2"]) else 0
        want = str(min(i1, i2) * 10 + max(i1, i2)) if i2 else str(i1 * 10)
        if r["interaction"] != want:
            bad(r, "interaction", "%r, ACLED's rule gives %s" % (r["interaction"], want))
        if t == "Protests" and i1 != 6:
            bad(r, "inter1", "protesters are 6, not %d" % i1)
        if t == "Violence against civilians" and i2 != 7:
            bad(r, "inter2", "the victims of violence against civilians are 7, not %d" % i2)
    if r["civilian_targeting"] not in ("", "Civilian targeting"):
        bad(r, "civilian_targeting", "%r" % r["civilian_targeting"])
    if (r["civilian_targeting"] == "Civilian targeting") != (r["inter2"] == "7"):
        bad(r, "civilian_targeting", "%r with inter2 %r" % (r["civilian_targeting"], r["inter2"]))
    # place
    if r["latitude"] or r["longitude"]:
        try:
            la, lo = float(r["latitude"]), float(r["longitude"])
            if not (-90 <= la <= 90 and -180 <= lo <= 180):
                bad(r, "latitude", "out of range")
        except ValueError:
            bad(r, "latitude", "not numbers: %r %r" % (r["latitude"], r["longitude"]))
        if r["geo_precision"] not in ("1", "2", "3"):
            bad(r, "geo_precision", "%r" % r["geo_precision"])
        if not r["location"]:
            bad(r, "location", "empty although the event has coordinates")
    if not r["source"]:
        bad(r, "source", "empty")
    for part in filter(None, r["source_scale"].split("-")):
        if part not in SCALES:
            bad(r, "source_scale", "%r is not an ACLED scale" % part)
    if "\n" in r["notes"] or "\r" in r["notes"]:
        bad(r, "notes", "more than one line")
    if not r["notes"]:
        bad(r, "notes", "empty")
    if not is_int(r["fatalities"], 0):
        bad(r, "fatalities", "%r" % r["fatalities"])
    if not is_int(r["timestamp"], 946684800):
        bad(r, "timestamp", "not a Unix time: %r" % r["timestamp"])
    if not re.fullmatch(r"rasd-[0-9a-f]{16}", r.get("event_id", "")):
        bad(r, "event_id", "not rasd's hash: %r" % r.get("event_id"))


def main():
    args = sys.argv[1:]
    gj = None
    if "--geojson" in args:
        k = args.index("--geojson")
        gj = args[k + 1]
        del args[k:k + 2]
    with open(args[0], newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        rows = list(reader)
    if header[:31] != ACLED:
        problems.append("header: ACLED's columns differ: %s" % [
            (i, a, b) for i, (a, b) in enumerate(zip(header, ACLED)) if a != b][:3])
    if len(set(header)) != len(header):
        problems.append("header: a column appears twice")
    ids, cnty, seen = set(), set(), set()
    for n, r in enumerate(rows, 2):
        r["_n"] = n
        if None in r or any(v is None for v in r.values()):
            problems.append("row %d: %d fields, header has %d" % (n, len(r) - 1, len(header)))
            continue
        check_row(r)
        if r["event_id_cnty"] in cnty:
            bad(r, "event_id_cnty", "not unique")
        cnty.add(r["event_id_cnty"])
        if r["event_id"] in ids:
            bad(r, "event_id", "not unique")
        ids.add(r["event_id"])
        key = tuple(v for k, v in r.items() if k not in ("_n", "event_id_cnty"))
        if key in seen:
            bad(r, "-", "a duplicate event")
        seen.add(key)
    if gj:
        with open(gj, encoding="utf-8") as f:
            doc = json.load(f)
        by_id = {r["event_id_cnty"]: r for r in rows}
        with_coords = [r for r in rows if r["latitude"]]
        if doc.get("type") != "FeatureCollection":
            problems.append("geojson: not a FeatureCollection")
        feats = doc.get("features", [])
        if len(feats) != len(with_coords):
            problems.append("geojson: %d features for %d located CSV rows"
                            % (len(feats), len(with_coords)))
        for ft in feats:
            p = ft["properties"]
            if list(p.keys()) != header:
                problems.append("geojson: properties differ from the CSV's columns: %s"
                                % sorted(set(p) ^ set(header)))
                break
            r = by_id.get(p["event_id_cnty"])
            if not r:
                problems.append("geojson: %s is not in the CSV" % p["event_id_cnty"])
                continue
            for k, v in p.items():
                s = "" if v is None else ("true" if v is True else "false" if v is False
                                          else str(v))
                if isinstance(v, float) and r[k]:
                    same = abs(float(r[k]) - v) < 1e-9
                else:
                    same = s == r[k]
                if not same:
                    problems.append("geojson: %s: %s is %r, the CSV has %r"
                                    % (p["event_id_cnty"], k, v, r[k]))
            lon, lat = ft["geometry"]["coordinates"]
            if abs(lat - float(r["latitude"])) > 1e-4 or abs(lon - float(r["longitude"])) > 1e-4:
                problems.append("geojson: %s: geometry differs from latitude/longitude"
                                % p["event_id_cnty"])
    for p in problems[:40]:
        print(p)
    if len(problems) > 40:
        print("... %d problems in all" % len(problems))
    print("%s: %d rows, %d problems" % (args[0], len(rows), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
