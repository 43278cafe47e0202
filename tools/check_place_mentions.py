#!/usr/bin/env python3
"""Check tests/data/place_mentions.tsv against data/places.tsv.

    python3 tools/check_place_mentions.py [MENTIONS_TSV] [PLACES_TSV]

For every row:
  * the mention is a substring of the context;
  * the mention contains the location, or one of its variants in
    data/places.tsv, once clitics are allowed for (للحسكة = ل + الحسكة);
  * kind_of_case "unknown-village": the admin1 is an admin1 of that country
    in data/places.tsv and the village itself is NOT in the gazetteer for
    that country;
  * any other case: the location, or a row having it as a variant, exists
    in data/places.tsv with exactly that admin1 and country (country-level
    mentions have an empty admin1 and match the country row).
Prints one line per failure and a closing "N passed, N failed" line; exits 1
on any failure.  Standard library only.
"""

import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def norm(s):
    s = re.sub("[\u064B-\u065F\u0670\u0640#]", "", s)
    s = re.sub("[أإآ]", "ا", s)
    return s.replace("ة", "ه").replace("ى", "ي")


def read_places(path):
    by_name = {}
    admin1s = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            c = line.rstrip("\n").split("\t")
            if len(c) != 12:
                sys.exit("%s: row with %d columns: %s" % (path, len(c), c[0]))
            rid, name, variants, _, kind, cc, a1 = c[:7]
            names = [name] + [v for v in variants.split("|") if v]
            row = (rid, name, names, kind, cc, a1)
            for n in names:
                by_name.setdefault(n, []).append(row)
            if kind == "admin1":
                admin1s.setdefault(cc, set()).add(name)
    return by_name, admin1s


def mention_has(mention, names):
    m = norm(mention)
    # ل + ال is written لل: للحسكة
    m2 = re.sub(r"(^|\s)(و|ف)?لل", r"\1\2ال", m)
    for n in names:
        k = norm(n)
        if k in m or k in m2:
            return True
    return False


def main():
    mentions = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        REPO, "tests", "data", "place_mentions.tsv")
    places = sys.argv[2] if len(sys.argv) > 2 else os.path.join(REPO, "data", "places.tsv")
    by_name, admin1s = read_places(places)
    passed = failed = 0
    header = None
    with open(mentions, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            c = line.rstrip("\n").split("\t")
            if header is None:
                header = c
                if c != ["context", "mention", "location", "admin1", "country", "kind_of_case"]:
                    sys.exit("%s:%d: unexpected header %r" % (mentions, lineno, c))
                continue
            if len(c) != 6:
                print("FAIL %d: %d columns" % (lineno, len(c)))
                failed += 1
                continue
            context, mention, location, a1, cc, case = c
            errs = []
            if mention not in context:
                errs.append("mention not in context")
            rows = by_name.get(location, [])
            if case == "unknown-village":
                if a1 not in admin1s.get(cc, set()):
                    errs.append("admin1 %s is not an admin1 of %s" % (a1, cc))
                if any(r[4] == cc for r in rows):
                    errs.append("'unknown' village is in places.tsv: %s"
                                % ", ".join(r[0] for r in rows if r[4] == cc))
                if not mention_has(mention, [location]):
                    errs.append("mention does not contain the location")
            else:
                hits = [r for r in rows if r[4] == cc and r[5] == a1
                        and (a1 or r[3] == "country")]
                if not hits:
                    errs.append("no row named %s with admin1=%r country=%s (candidates: %s)"
                                % (location, a1, cc,
                                   ", ".join("%s/%s/%s" % (r[0], r[4], r[5]) for r in rows) or "none"))
                else:
                    names = set()
                    for r in hits:
                        names.update(r[2])
                    if not mention_has(mention, names | {location}):
                        errs.append("mention contains neither the location nor a variant")
            if errs:
                failed += 1
                print("FAIL %d: %s | %s: %s" % (lineno, mention, location, "; ".join(errs)))
            else:
                passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
