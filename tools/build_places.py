#!/usr/bin/env python3
"""Build rasd's gazetteer, data/places.tsv, from the raw sources.

    python3 tools/build_places.py [SHARED_DATA_DIR] [--out data/places.tsv]

SHARED_DATA_DIR defaults to ../shared/data relative to the repository root.
Standard library only.  The output is deterministic: the same inputs give a
byte-identical file (rows sorted, no timestamps).

Inputs
  SHARED_DATA_DIR/syria-ocha/admin{1,2,3}.csv, admin3.geojson,
      neighbourhoods.csv                 OCHA COD-AB (CC BY-IGO 3.0)
  SHARED_DATA_DIR/opensyria/{governorates,districts,subdistricts}.json
                                         Open-Syria data-geography (CC BY 4.0)
  SHARED_DATA_DIR/geonames/cities500-mena.tsv   GeoNames (CC BY 4.0)
  tools/admin1_overrides.tsv    Arabic admin1 names for non-Syrian countries
  tools/place_variants.tsv      hand fixes: primary names, extra/dropped variants
  data/places-curated.tsv       hand-curated places (camps, bases, regions ...)
  tools/world_places.tsv        countries, capitals and much-reported places
                                outside the Middle East and North Africa
  /usr/share/iso-codes/json/iso_3166-1.json and the Arabic catalogue
  /usr/share/locale/ar/LC_MESSAGES/iso_3166-1.mo (Debian iso-codes, LGPL-2.1+):
                                Arabic country names, added as variants

Output columns (tab-separated, UTF-8, '#' lines are comments, no header row):
  id name variants name_en kind country admin1 admin2 pcode lat lon population
See data/SOURCES.md (section "Gazetteer") for the rules.
"""

import argparse
import csv
import json
import math
import os
import re
import sys
from collections import Counter, defaultdict

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

COLUMNS = ["id", "name", "variants", "name_en", "kind", "country", "admin1",
           "admin2", "pcode", "lat", "lon", "population"]
KINDS = ["country", "admin1", "admin2", "admin3", "city", "town", "village",
         "neighbourhood", "camp", "airport", "base", "prison", "port",
         "crossing", "region", "water"]
KIND_RANK = {k: i for i, k in enumerate(KINDS)}

# --------------------------------------------------------------------------
# Arabic text helpers
# --------------------------------------------------------------------------

_DIACRITICS = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# Plain Arabic letters only: no Persian/Urdu/Kurdish letters (ی ک گ پ چ ژ ہ ە ۆ ێ ...),
# no digits, no punctuation, no Latin.
_AR_ONLY = re.compile("^[\u0621-\u063A\u0641-\u064A ]+$")

# Words that introduce an administrative unit or settlement rather than being
# part of the name (dropped from GeoNames alternate names / OpenSyria aliases).
ADMIN_CUES = {"محافظة", "محافظه", "ولاية", "ولايه", "شعبية", "إمارة", "امارة",
              "ناحية", "ناحيه", "قضاء", "منطقة", "لواء", "استان", "شهرستان",
              "بلدية", "والاية", "مديرية", "مركز"}
SETTLEMENT_CUES = {"مدينة", "قرية", "بلدة"}

# Strings that are never accepted as names or variants: common words that
# GeoNames/OpenSyria attach to some place ("the prison", "the market" ...).
BLOCKED = {"السجن", "السوق", "المدينة", "معبر", "الحول", "ثورة", "الحصان",
           "الجزيره"}


def clean(s):
    """Strip invisible marks, diacritics and tatweel; normalise spaces."""
    s = _INVISIBLE.sub("", s.replace("\u00a0", " "))
    s = _DIACRITICS.sub("", s)
    s = s.replace("_", " ")
    s = re.sub(r"\s+", " ", s)
    return s.strip(" -/")


def is_arabic_name(s):
    return bool(_AR_ONLY.match(s)) and len(s.replace(" ", "")) >= 2


def norm(s):
    """Spelling-insensitive form: hamza seats, ta marbuta, alef maqsura."""
    s = re.sub("[أإآٱ]", "ا", clean(s))
    return (s.replace("ة", "ه").replace("ى", "ي")
             .replace("ؤ", "و").replace("ئ", "ي"))


def key(s):
    """Matching key: norm() without spaces (تل كلخ == تلكلخ)."""
    return norm(s).replace(" ", "")


def key_noart(s):
    """key() that also ignores articles (الشدادة == شدادة,
    رسم الحرمل الإمام == رسم حرمل الامام)."""
    return "".join(w[2:] if w.startswith("ال") and len(w) > 3 else w
                   for w in norm(s).split(" "))


def strip_markaz(s):
    s = clean(s)
    if s.startswith("مركز "):
        return s[5:].strip()
    if s.startswith("مركز") and len(s) > 6 and s[4:6] == "ال":   # مركزالحفة
        return s[4:]
    return s


JOIN_PREFIX_ALL = {"أبو", "ابو"}
JOIN_PREFIX_SY = {"دير", "كفر", "تل", "البو", "أبو", "ابو"}


def spelling_variants(name, syria=False, settlement=True):
    """Common written variants of a name: bare alef for hamza seats, final ه
    for ة (and back), final ي for ى, joined prefixes (ديرالزور), بير for بئر,
    and for Syrian one-word nisba names the form with the article."""
    out = {name}

    def dehamza(s):
        return re.sub("[أإآ]", "ا", s)

    def ta_to_ha(s):
        return re.sub("ة(?= |$)", "ه", s)

    def ha_to_ta(s):
        return " ".join(w[:-1] + "ة" if (len(w) >= 3 and w.endswith("ه")
                                          and not w.endswith("لله")) else w
                        for w in s.split(" "))

    def maqsura(s):
        return re.sub("ى(?= |$)", "ي", s)

    def bir(s):
        return re.sub("(^| )بئر(?= )", r"\1بير", s)

    prefixes = JOIN_PREFIX_SY if syria else JOIN_PREFIX_ALL

    def join(s):
        w = s.split(" ")
        if len(w) >= 2 and w[0] in prefixes:
            return w[0] + w[1] + ("" if len(w) == 2 else " " + " ".join(w[2:]))
        return s

    for f in (dehamza, ta_to_ha, ha_to_ta, maqsura, bir, join):
        out |= {f(x) for x in out}
    if (syria and settlement and " " not in name and name.endswith("ية")
            and not name.startswith("ال")):
        out.add("ال" + name)
        out.add("ال" + dehamza(name))
    return out


_AR2LAT = {"ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d",
           "ذ": "d", "ر": "r", "ز": "z", "س": "s", "ش": "s", "ص": "s", "ض": "d",
           "ط": "t", "ظ": "z", "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l",
           "م": "m", "ن": "n", "ه": "h"}


def consonants_ar(s):
    """Rough Latin consonant skeleton of an Arabic name (articles dropped)."""
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in norm(s).split(" ")]
    return "".join(_AR2LAT.get(ch, "") for ch in "".join(words))


def consonants_lat(s):
    """Rough consonant skeleton of a romanised name (articles dropped)."""
    import unicodedata
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\b(al|el|ad|an|ar|as|at|az|ash|adh|ath|aş)[ -]", " ", s)
    for a, b in (("sh", "s"), ("ch", "s"), ("kh", "k"), ("gh", "g"), ("th", "t"),
                 ("dh", "d"), ("dj", "j"), ("q", "k"), ("c", "k"), ("x", "k"),
                 ("v", "f"), ("p", "b"), ("g", "j")):
        s = s.replace(a, b)
    return re.sub("[^bdfhjklmnrstz]", "", s)


def similarity(ar, lat):
    from difflib import SequenceMatcher
    a = consonants_ar(ar).replace("g", "j")
    b = consonants_lat(lat)
    return SequenceMatcher(None, a, b).ratio() if a and b else 0.0


def choose_primary(weighted, name_en=""):
    """Pick the primary name among weighted candidates [(name, weight)].

    Candidates are grouped by key_noart(); the group with the largest total
    weight wins (a group whose key is contained in other candidates gets a
    small bonus: طرابلس over ترابلس because of طرابلس الشام); ties go to the
    group that sounds most like the romanised name (Tissemsilt: تيسمسيلت, not
    the colonial فيالار), then to the shorter key.  Inside the group the most
    frequent exact spelling wins, then: hamza written, an article present,
    final ة over ه, final ي over ى, fewer spaces."""
    groups = defaultdict(Counter)
    for n, w in weighted:
        groups[key_noart(n)][n] += w
    keys = list(groups)

    def gscore(k):
        bonus = sum(0.5 for o in keys if o != k and k in o)
        sim = max(similarity(n, name_en) for n in groups[k]) if name_en else 0
        return (sum(groups[k].values()) + bonus, round(sim, 3), -len(k), k)

    best = max(keys, key=gscore)

    def cscore(n):
        return (groups[best][n],
                bool(re.search("[أإآئؤء]", n)),
                any(w.startswith("ال") for w in n.split(" ")),
                not re.search("ه(?= |$)", n),
                not re.search("ى(?= |$)", n),
                -n.count(" "),
                n)
    return max(groups[best], key=cscore)


# --------------------------------------------------------------------------
# geometry
# --------------------------------------------------------------------------

def haversine_km(lat1, lon1, lat2, lon2):
    p = math.radians
    a = (math.sin(p(lat2 - lat1) / 2) ** 2 + math.cos(p(lat1)) * math.cos(p(lat2))
         * math.sin(p(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def point_in_ring(lon, lat, ring):
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat):
            x = (xj - xi) * (lat - yi) / (yj - yi) + xi
            if lon < x:
                inside = not inside
        j = i
    return inside


class Polygons:
    """Admin3 polygons of Syria for point-in-polygon lookup (ray casting)."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            gj = json.load(f)
        self.items = []
        for feat in gj["features"]:
            geom = feat["geometry"]
            polys = ([geom["coordinates"]] if geom["type"] == "Polygon"
                     else geom["coordinates"])
            for poly in polys:
                outer = poly[0]
                xs = [c[0] for c in outer]
                ys = [c[1] for c in outer]
                self.items.append((feat["properties"]["PCODE"],
                                   (min(xs), min(ys), max(xs), max(ys)), poly))

    def find(self, lat, lon):
        for pcode, (x0, y0, x1, y1), poly in self.items:
            if x0 <= lon <= x1 and y0 <= lat <= y1:
                if point_in_ring(lon, lat, poly[0]) and not any(
                        point_in_ring(lon, lat, hole) for hole in poly[1:]):
                    return pcode
        return None


# --------------------------------------------------------------------------
# small table readers
# --------------------------------------------------------------------------

def read_tsv(path, ncols_min):
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < ncols_min:
                sys.exit("%s:%d: expected at least %d columns, got %d"
                         % (path, lineno, ncols_min, len(cols)))
            rows.append((lineno, cols))
    return rows


def split_variants(s):
    return [clean(v) for v in s.split("|") if clean(v)]


# --------------------------------------------------------------------------
# the build
# --------------------------------------------------------------------------

COUNTRIES = {
    # cc: (primary, variants, english)
    "AE": ("الإمارات", ["الإمارات العربية المتحدة", "دولة الإمارات"], "United Arab Emirates"),
    "BH": ("البحرين", ["مملكة البحرين"], "Bahrain"),
    "DJ": ("جيبوتي", [], "Djibouti"),
    "DZ": ("الجزائر", ["الجمهورية الجزائرية"], "Algeria"),
    "EG": ("مصر", ["جمهورية مصر العربية"], "Egypt"),
    "IL": ("إسرائيل", [], "Israel"),
    "IQ": ("العراق", ["جمهورية العراق"], "Iraq"),
    "IR": ("إيران", ["الجمهورية الإسلامية الإيرانية"], "Iran"),
    "JO": ("الأردن", ["المملكة الأردنية الهاشمية"], "Jordan"),
    "KM": ("جزر القمر", [], "Comoros"),
    "KW": ("الكويت", ["دولة الكويت"], "Kuwait"),
    "LB": ("لبنان", ["الجمهورية اللبنانية"], "Lebanon"),
    "LY": ("ليبيا", [], "Libya"),
    "MA": ("المغرب", ["المملكة المغربية"], "Morocco"),
    "MR": ("موريتانيا", [], "Mauritania"),
    "OM": ("سلطنة عمان", ["عمان", "عُمان"], "Oman"),
    "PS": ("فلسطين", ["الأراضي الفلسطينية", "دولة فلسطين"], "Palestine"),
    "QA": ("قطر", ["دولة قطر"], "Qatar"),
    "SA": ("السعودية", ["المملكة العربية السعودية", "المملكة السعودية"], "Saudi Arabia"),
    "SD": ("السودان", [], "Sudan"),
    "SO": ("الصومال", [], "Somalia"),
    "SS": ("جنوب السودان", [], "South Sudan"),
    "SY": ("سوريا", ["سورية", "الجمهورية العربية السورية"], "Syria"),
    "TN": ("تونس", ["الجمهورية التونسية"], "Tunisia"),
    "TR": ("تركيا", ["تركية", "الجمهورية التركية"], "Turkey"),
    "YE": ("اليمن", ["الجمهورية اليمنية"], "Yemen"),
}

ISO_CODES = "/usr/share/iso-codes"
ISO_LOCALE = "/usr/share/locale"

# ACLED regions of the countries above
MENA_REGIONS = {
    "AE": "Middle East", "BH": "Middle East", "DJ": "Eastern Africa", "DZ": "Northern Africa",
    "EG": "Northern Africa", "IL": "Middle East", "IQ": "Middle East", "IR": "Middle East",
    "JO": "Middle East", "KM": "Eastern Africa", "KW": "Middle East", "LB": "Middle East",
    "LY": "Northern Africa", "MA": "Northern Africa", "MR": "Western Africa",
    "OM": "Middle East", "PS": "Middle East", "QA": "Middle East", "SA": "Middle East",
    "SD": "Northern Africa", "SO": "Eastern Africa", "SS": "Eastern Africa",
    "SY": "Middle East", "TN": "Northern Africa", "TR": "Middle East", "YE": "Middle East",
}

# OCHA names that keep their "مركز" prefix as primary: the bare name is not a
# settlement but the district (جبل سمعان) or the governorate (ريف دمشق).
KEEP_MARKAZ = {"جبل سمعان", "ريف دمشق"}

# OCHA admin3 units merged by hand with a GeoNames place that the name rule
# cannot find (the central sub-district of Jebel Saman is Aleppo city).
MANUAL_MERGES = {"SY020000": "170063"}

GN_SEAT = ("PPLC", "PPLA")
GN_SKIP = ("PPLH", "PPLQ", "PPLW")   # historical, abandoned, destroyed places
GN_ADMIN_SEAT = ("PPLA2", "PPLA3", "PPLA4")
MERGE_KM = 10.0          # OCHA admin3 <-> GeoNames town of the same name
MERGE_ADM2_KM = 25.0     # ... or this far when the town lies in the same district
GN_DUP_KM = 5.0          # two GeoNames rows of the same name in one country


def gn_kind(fcode, pop):
    if fcode in GN_SEAT or pop >= 100000:
        return "city"
    if fcode == "PPLX":
        return "neighbourhood"
    if fcode in GN_ADMIN_SEAT or pop >= 5000:
        return "town"
    return "village"


class Build:
    def __init__(self, shared):
        self.shared = shared
        self.warnings = []
        self.rows = {}          # id -> dict
        self.notes = Counter()

    def warn(self, msg):
        self.warnings.append(msg)

    # ---------------------------------------------------------------- hand tables
    def load_hand_tables(self):
        self.adm1_over = {}
        for lineno, c in read_tsv(os.path.join(REPO, "tools", "admin1_overrides.tsv"), 4):
            cc, code, ar, en = c[0].strip(), c[1].strip(), clean(c[2]), c[3].strip()
            if not is_arabic_name(ar):
                sys.exit("admin1_overrides.tsv:%d: not an Arabic name: %r" % (lineno, ar))
            self.adm1_over[(cc, code)] = (ar, en, lineno)
        self.fixes = {}
        for lineno, c in read_tsv(os.path.join(REPO, "tools", "place_variants.tsv"), 2):
            c = c + [""] * (6 - len(c))
            pid = c[0].strip()
            primary = clean(c[1])
            if primary and not is_arabic_name(primary):
                sys.exit("place_variants.tsv:%d: bad primary %r" % (lineno, primary))
            add = split_variants(c[2])
            drop = split_variants(c[3])
            for v in add:
                if not is_arabic_name(v):
                    sys.exit("place_variants.tsv:%d: bad variant %r" % (lineno, v))
            self.fixes[pid] = {"primary": primary, "add": add, "drop": set(drop),
                               "name_en": c[4].strip(), "used": False, "line": lineno}

    def apply_fix(self, pid, primary, variants, name_en=None):
        """Apply tools/place_variants.tsv to a row's names."""
        fx = self.fixes.get(pid)
        if not fx:
            return primary, variants, name_en
        fx["used"] = True
        if fx["primary"]:
            if primary:
                variants = list(variants) + [primary]
            primary = fx["primary"]
        variants = list(variants) + fx["add"]
        variants = [v for v in variants if v not in fx["drop"]]
        if fx["name_en"]:
            name_en = fx["name_en"]
        return primary, variants, name_en

    # ---------------------------------------------------------------- rows
    def add_row(self, row):
        rid = row["id"]
        if rid in self.rows:
            sys.exit("duplicate id %s" % rid)
        self.rows[rid] = row

    def finish_names(self, row, syria):
        """Expand spelling variants, drop blocked strings and the primary."""
        name = row["name"]
        fx = self.fixes.get(row["id"])
        drop = fx["drop"] if fx else set()
        vs = set()
        for v in [name] + list(row["variants"]):
            v = clean(v)
            if not is_arabic_name(v) or v in BLOCKED or v in drop:
                continue
            vs |= spelling_variants(v, syria, row["kind"] not in ("country", "region", "water"))
        vs = {v for v in vs if v != name and v not in drop and v not in BLOCKED}
        row["variants"] = sorted(vs)

    # ---------------------------------------------------------------- OCHA + OpenSyria
    def load_syria(self):
        d = os.path.join(self.shared, "syria-ocha")
        o = os.path.join(self.shared, "opensyria")

        def read_csv(name):
            with open(os.path.join(d, name), encoding="utf-8", newline="") as f:
                return list(csv.DictReader(f))

        self.oc1 = {r["PCODE"]: r for r in read_csv("admin1.csv")}
        self.oc2 = {r["PCODE"]: r for r in read_csv("admin2.csv")}
        self.oc3 = {r["PCODE"]: r for r in read_csv("admin3.csv")}
        self.ocn = read_csv("neighbourhoods.csv")
        self.os = {}
        for fname in ("governorates.json", "districts.json", "subdistricts.json"):
            with open(os.path.join(o, fname), encoding="utf-8") as f:
                for x in json.load(f):
                    pc = (x.get("externalIds") or {}).get("ochaPcode")
                    if pc:
                        self.os[pc] = x
        self.polys = Polygons(os.path.join(d, "admin3.geojson"))

        # names of the admin units (used in admin1/admin2 columns everywhere)
        self.sy_adm1 = {pc: clean(r["NAME_AR"]) for pc, r in self.oc1.items()}
        self.sy_adm2 = {}
        for pc, r in self.oc2.items():
            nm = clean(r["NAME_AR"])
            bare = strip_markaz(nm)
            self.sy_adm2[pc] = nm if bare in KEEP_MARKAZ else bare

    def os_names(self, pcode):
        """OpenSyria Arabic name + Arabic aliases of a unit, cue-free.
        Returns (name, [aliases]); "مركز X" aliases are kept."""
        x = self.os.get(pcode)
        if not x:
            return None, []
        name = clean(x["name"].get("ar", ""))
        al = []
        for a in x.get("aliases", []):
            if a.get("language") != "ar":
                continue
            v = clean(a["value"])
            first = v.split(" ")[0]
            if first in ADMIN_CUES and first != "مركز":
                continue
            if first in SETTLEMENT_CUES:
                continue
            if v.startswith("مركزها"):
                continue
            if is_arabic_name(v):
                al.append(v)
        return name, al

    def os_pop(self, pcode):
        x = self.os.get(pcode) or {}
        p = (x.get("population") or {}).get("value")
        return int(p) if p else 0

    def unit_names(self, ocha_name, pcode):
        """Weighted name candidates of an OCHA unit with OpenSyria aliases.
        Returns (weighted list of bare names, all raw forms incl. مركز X)."""
        raw = [clean(ocha_name)]
        osn, osal = self.os_names(pcode)
        weighted = []
        if osn:
            raw.append(osn)
        raw += osal
        for i, n in enumerate(raw):
            if not is_arabic_name(n) or n in BLOCKED:
                continue
            bare = n if strip_markaz(n) in KEEP_MARKAZ else strip_markaz(n)
            w = 2 if (osn and n == osn) else 1
            weighted.append((bare, w))
        return weighted, [n for n in raw if is_arabic_name(n) and n not in BLOCKED]

    def build_syria_admin(self):
        for pc, r in sorted(self.oc1.items()):
            _, osal = self.os_names(pc)
            row = dict(id="ocha:" + pc, name=self.sy_adm1[pc], variants=osal,
                       name_en=r["NAME_EN"].strip(), kind="admin1", country="SY",
                       admin1=self.sy_adm1[pc], admin2="", pcode=pc,
                       lat=float(r["LATITUDE"]), lon=float(r["LONGITUDE"]),
                       population=self.os_pop(pc))
            row["name"], row["variants"], row["name_en"] = self.apply_fix(
                row["id"], row["name"], row["variants"], row["name_en"])
            self.add_row(row)
        for pc, r in sorted(self.oc2.items()):
            weighted, raw = self.unit_names(r["NAME_AR"], pc)
            name = self.sy_adm2[pc]
            row = dict(id="ocha:" + pc, name=name,
                       variants=[n for n in raw] + [n for n, _ in weighted],
                       name_en=r["NAME_EN"].strip(), kind="admin2", country="SY",
                       admin1=self.sy_adm1[r["ADM1_PCODE"]], admin2=name, pcode=pc,
                       lat=float(r["LATITUDE"]), lon=float(r["LONGITUDE"]),
                       population=self.os_pop(pc))
            row["name"], row["variants"], row["name_en"] = self.apply_fix(
                row["id"], row["name"], row["variants"], row["name_en"])
            self.add_row(row)

    # ---------------------------------------------------------------- GeoNames
    def load_geonames(self):
        path = os.path.join(self.shared, "geonames", "cities500-mena.tsv")
        self.gn = {}
        with open(path, encoding="utf-8") as f:
            for line in f:
                c = line.rstrip("\n").split("\t")
                if len(c) < 19:
                    continue
                self.gn[c[0]] = dict(
                    gid=c[0], name=c[1], ascii=c[2], alt=c[3], lat=float(c[4]),
                    lon=float(c[5]), fclass=c[6], fcode=c[7], cc=c[8],
                    adm1=c[10], pop=int(c[14] or 0))

    def gn_candidates(self, g):
        """Cleaned Arabic alternate names of a GeoNames row (cue-free)."""
        cands, voweled = [], []
        for a in g["alt"].split(","):
            v = clean(a)
            if not is_arabic_name(v) or v in BLOCKED:
                continue
            # strings written with short vowels are mostly pronunciation
            # guides copied from Wikipedia (سِنَّ for Sanandaj); keep them only
            # when they spell the same as a plain candidate or there is none
            (voweled if _DIACRITICS.search(a) else cands).append(v)
        plain = {key(v) for v in cands}
        cands += [v for v in voweled if not plain or key(v) in plain]
        keys = {key(v) for v in cands}
        out = []
        for v in cands:
            first, _, rest = v.partition(" ")
            if first in ADMIN_CUES:
                continue              # "محافظة إدلب", "ناحية القيارة": the unit
            if first in ("حي", "قرية", "بلدة") and rest:
                v = rest              # "حي القويسمة" -> "القويسمة"
            elif first in SETTLEMENT_CUES and rest and key(rest) in keys:
                continue              # "مدينة حمص" next to "حمص"
            if v not in out:          # (مدينة زايد، مدينة حمد are names: kept)
                out.append(v)
        return out

    def gn_names(self, g):
        pid = "gn:" + g["gid"]
        cands = self.gn_candidates(g)
        fx = self.fixes.get(pid)
        if fx:
            cands = [c for c in cands if c not in fx["drop"]]
        if not cands and not (fx and fx["primary"]):
            return None, []
        primary = choose_primary([(c, 1) for c in cands], g["name"]) if cands else ""
        return primary, cands

    # ---------------------------------------------------------------- admin1 (non-Syrian)
    def build_gn_admin1(self):
        by_code = defaultdict(list)
        for g in self.gn.values():
            by_code[(g["cc"], g["adm1"])].append(g)
        self.gn_adm1 = {}           # (cc, code) -> Arabic name
        self.adm1_source = {}
        for (cc, code), gs in sorted(by_code.items()):
            if cc == "SY":
                continue
            seats = [g for g in gs if g["fcode"] in GN_SEAT]
            seats.sort(key=lambda g: (g["fcode"] != "PPLC", -g["pop"], g["gid"]))
            name = en = None
            if (cc, code) in self.adm1_over:
                name, en, _ = self.adm1_over[(cc, code)]
                src = "override"
            elif code in ("", "00"):
                continue            # assigned per row by nearest neighbour
            else:
                for g in seats:
                    p, _ = self.gn_names(g)
                    if p:
                        name, en, src = p, g["name"], "seat gn:" + g["gid"]
                        break
                if not name:
                    named = [g for g in sorted(gs, key=lambda g: (-g["pop"], g["gid"]))
                             if self.gn_names(g)[0]]
                    if named:
                        g = named[0]
                        name, en = self.gn_names(g)[0], g["name"]
                        src = "largest gn:" + g["gid"]
            if not name:
                continue
            self.gn_adm1[(cc, code)] = name
            self.adm1_source[(cc, code)] = src
            if seats:
                lat, lon = seats[0]["lat"], seats[0]["lon"]
            else:
                lat = sum(g["lat"] for g in gs) / len(gs)
                lon = sum(g["lon"] for g in gs) / len(gs)
            rid = "adm1:%s.%s" % (cc, code)
            row = dict(id=rid, name=name, variants=[], name_en=en or "",
                       kind="admin1", country=cc, admin1=name, admin2="", pcode="",
                       lat=lat, lon=lon, population=sum(g["pop"] for g in gs))
            row["name"], row["variants"], row["name_en"] = self.apply_fix(
                rid, row["name"], row["variants"], row["name_en"])
            self.add_row(row)
        for (cc, code), (ar, en, lineno) in self.adm1_over.items():
            if (cc, code) not in by_code:
                self.warn("admin1_overrides.tsv:%d: %s.%s does not occur in GeoNames"
                          % (lineno, cc, code))

    def admin1_of_gn(self, g):
        if g["cc"] == "PS" and g["adm1"] in ("GZ", "WE", "00"):
            # GeoNames miscodes a few West Bank villages as GZ (Mikhmas);
            # the Gaza Strip lies wholly west of 34.6 E, the West Bank east of 34.8 E
            code = "GZ" if g["lon"] < 34.6 else "WE"
            if code != g["adm1"]:
                self.notes["PS admin1 code set from longitude"] += 1
            return self.gn_adm1[("PS", code)]
        name = self.gn_adm1.get((g["cc"], g["adm1"]))
        if name:
            return name
        # code 00 / empty / unnamed: nearest row of the same country whose
        # admin1 code has a name
        best = None
        for h in self.gn.values():
            if h["cc"] != g["cc"] or (h["cc"], h["adm1"]) not in self.gn_adm1:
                continue
            d = haversine_km(g["lat"], g["lon"], h["lat"], h["lon"])
            if best is None or d < best[0]:
                best = (d, h)
        if best is None:
            return ""
        self.notes["admin1 by nearest neighbour"] += 1
        return self.gn_adm1[(best[1]["cc"], best[1]["adm1"])]

    # ---------------------------------------------------------------- GeoNames rows
    def build_gn_rows(self):
        """All GeoNames rows with an Arabic name (or a hand-given primary)."""
        self.gn_rows = {}
        for gid in sorted(self.gn, key=int):
            g = self.gn[gid]
            pid = "gn:" + gid
            if g["fcode"] in GN_SKIP:
                continue
            primary, cands = self.gn_names(g)
            if primary is None:
                continue
            if g["cc"] == "SY" and all(c.startswith("ناحية") for c in cands) and cands:
                continue
            primary, variants, name_en = self.apply_fix(pid, primary, cands, g["name"])
            row = dict(id=pid, name=primary, variants=variants, name_en=name_en,
                       kind=gn_kind(g["fcode"], g["pop"]), country=g["cc"],
                       admin1="", admin2="", pcode="", lat=g["lat"], lon=g["lon"],
                       population=g["pop"], _g=g, _cands=cands)
            self.gn_rows[gid] = row

    def merge_syria(self):
        """Merge Syrian GeoNames towns with the OCHA admin3 unit of the same
        name (inside its polygon or within MERGE_KM of its centroid); the
        unmerged admin3 units become admin3 rows."""
        contain = {}
        for gid, row in self.gn_rows.items():
            g = row["_g"]
            if g["cc"] != "SY":
                continue
            pc = self.polys.find(g["lat"], g["lon"])
            if pc is None:
                # outside the simplified polygons (border towns): nearest centroid
                pc = min(self.oc3, key=lambda p: haversine_km(
                    g["lat"], g["lon"], float(self.oc3[p]["LATITUDE"]),
                    float(self.oc3[p]["LONGITUDE"])))
                self.notes["Syrian GeoNames row outside all polygons (nearest centroid)"] += 1
            contain[gid] = pc
            self.gn_rows[gid]["_adm2"] = self.oc3[pc]["ADM2_PCODE"]
        pairs = []
        for pc, r in self.oc3.items():
            weighted, raw = self.unit_names(r["NAME_AR"], pc)
            ukeys = {key_noart(n) for n, _ in weighted}
            ocha_key = key_noart(strip_markaz(r["NAME_AR"]))
            clat, clon = float(r["LATITUDE"]), float(r["LONGITUDE"])
            for gid in contain:
                row = self.gn_rows[gid]
                g = row["_g"]
                gkeys = {key_noart(c) for c in row["_cands"]} | {key_noart(row["name"])}
                manual = MANUAL_MERGES.get(pc) == gid
                if not manual and not (gkeys & ukeys):
                    continue
                d = haversine_km(g["lat"], g["lon"], clat, clon)
                inside = contain[gid] == pc
                same_adm2 = self.oc3[contain[gid]]["ADM2_PCODE"] == r["ADM2_PCODE"]
                if not (manual or inside or d <= MERGE_KM
                        or (same_adm2 and d <= MERGE_ADM2_KM)):
                    continue
                score = (manual, inside, g["fcode"] in GN_SEAT + GN_ADMIN_SEAT,
                         ocha_key in gkeys, -d)
                pairs.append((score, pc, gid))
        pairs.sort(reverse=True)
        used_pc, used_gid = set(), set()
        self.merged = {}
        for score, pc, gid in pairs:
            if pc in used_pc or gid in used_gid:
                continue
            used_pc.add(pc)
            used_gid.add(gid)
            self.merged[pc] = gid

        # names of merged rows: GeoNames candidates + the unit's names that
        # denote the same place (same key), "مركز X" forms as variants
        for pc, gid in sorted(self.merged.items()):
            r = self.oc3[pc]
            row = self.gn_rows[gid]
            weighted, raw = self.unit_names(r["NAME_AR"], pc)
            gkeys = {key_noart(c) for c in row["_cands"]} | {key_noart(row["name"])}
            manual = MANUAL_MERGES.get(pc) == gid
            same = [(n, w) for n, w in weighted if key_noart(n) in gkeys]
            cand_w = [(c, 1) for c in row["_cands"]] + same
            fx = self.fixes.get(row["id"])
            if fx and fx["primary"]:
                primary = fx["primary"]
            else:
                primary = choose_primary(cand_w, row["_g"]["name"])
            # variants: the unit's names that denote this town, its "مركز X"
            # form, and OpenSyria's Arabic aliases (كوباني for عين العرب); not
            # a unit name that GeoNames gives to another town (OpenSyria calls
            # the Taldou sub-district كفرلاها, a separate GeoNames town)
            _, osal = self.os_names(pc)
            extra = [n for n in raw if manual or key_noart(strip_markaz(n)) in gkeys]
            extra += [strip_markaz(n) for n in osal if key_noart(strip_markaz(n))
                      not in self.other_gn_keys(gid, r)]
            row["name"] = primary
            row["variants"] = list(row["variants"]) + [n for n, _ in cand_w] + extra
            row["pcode"] = pc
            row["admin1"] = self.sy_adm1[r["ADM1_PCODE"]]
            row["admin2"] = self.sy_adm2[r["ADM2_PCODE"]]
            if not row["population"]:
                row["population"] = self.os_pop(pc)
            if row["kind"] == "village":
                row["kind"] = "town"      # seat of a sub-district
            self.notes["GeoNames town merged with OCHA admin3"] += 1

        for pc, r in sorted(self.oc3.items()):
            if pc in self.merged:
                continue
            weighted, raw = self.unit_names(r["NAME_AR"], pc)
            rid = "ocha:" + pc
            fx = self.fixes.get(rid)
            primary = (fx["primary"] if fx and fx["primary"]
                       else choose_primary(weighted, r["NAME_EN"]))
            row = dict(id=rid, name=primary,
                       variants=raw + [n for n, _ in weighted],
                       name_en=r["NAME_EN"].strip(), kind="admin3", country="SY",
                       admin1=self.sy_adm1[r["ADM1_PCODE"]],
                       admin2=self.sy_adm2[r["ADM2_PCODE"]], pcode=pc,
                       lat=float(r["LATITUDE"]), lon=float(r["LONGITUDE"]),
                       population=self.os_pop(pc))
            row["name"], row["variants"], row["name_en"] = self.apply_fix(
                rid, row["name"], row["variants"], row["name_en"])
            self.add_row(row)
            self.notes["OCHA admin3 without GeoNames town"] += 1

        # admin1/admin2 of the other Syrian GeoNames rows: containing polygon,
        # else nearest admin3 centroid
        for gid, pc in contain.items():
            row = self.gn_rows[gid]
            if row["pcode"]:
                continue
            r = self.oc3[pc]
            row["admin1"] = self.sy_adm1[r["ADM1_PCODE"]]
            row["admin2"] = self.sy_adm2[r["ADM2_PCODE"]]

    def other_gn_keys(self, gid, r):
        """Name keys of the other Syrian GeoNames rows of the same district."""
        out = set()
        for g2, row in self.gn_rows.items():
            if g2 != gid and row["country"] == "SY" and row.get("_adm2") == r["ADM2_PCODE"]:
                out |= {key_noart(c) for c in row["_cands"]}
        return out

    def dedupe_gn(self):
        """Two GeoNames rows of one country with the same primary name within
        GN_DUP_KM are one place: keep the better-ranked row."""
        def rank(row):
            g = row["_g"]
            return (g["fcode"] in GN_SEAT, bool(row["pcode"]),
                    g["fcode"] in GN_ADMIN_SEAT, g["pop"], -int(g["gid"]))
        by = defaultdict(list)
        for gid, row in self.gn_rows.items():
            by[(row["country"], key_noart(row["name"]))].append(row)
        self.dropped_dups = []
        for k, rows in sorted(by.items()):
            if len(rows) < 2:
                continue
            rows.sort(key=rank, reverse=True)
            kept = []
            for row in rows:
                g = row["_g"]
                tgt = next((k2 for k2 in kept if haversine_km(
                    g["lat"], g["lon"], k2["lat"], k2["lon"]) <= GN_DUP_KM), None)
                if tgt is None:
                    kept.append(row)
                    continue
                if row["pcode"]:
                    kept.append(row)      # never drop a merged admin3 seat
                    continue
                tgt["variants"] = list(tgt["variants"]) + [row["name"]] + list(row["variants"])
                tgt["population"] = max(tgt["population"], row["population"])
                self.dropped_dups.append((row["id"], tgt["id"]))
                row["_drop"] = True

    def finish_gn(self):
        for gid, row in sorted(self.gn_rows.items(), key=lambda kv: int(kv[0])):
            if row.get("_drop"):
                continue
            g = row.pop("_g")
            row.pop("_cands")
            row.pop("_adm2", None)
            if row["country"] != "SY":
                row["admin1"] = self.admin1_of_gn(g)
                if not row["admin1"]:
                    self.warn("no admin1 for %s" % row["id"])
            self.add_row(row)

    # ---------------------------------------------------------------- neighbourhoods
    def build_neighbourhoods(self):
        for r in self.ocn:
            pc = r["PCODE"].strip()
            nm = clean(r["NAME_AR"].split("\n")[0])
            ref = clean(r["NAM_AR_REF"].split("\n")[0])
            parts = [clean(p) for p in re.split(r"/|_ ", r["NAME_AR"].split("\n")[0]) if clean(p)]
            parts = [p[3:] if p.startswith("حي ") else p for p in parts]   # حي السريان
            name = parts[0]
            variants = parts[1:]
            if ref and " - " not in ref and ref != nm:
                variants.append(ref)
            if nm != name and "/" not in nm and not nm.startswith("حي "):
                variants.append(nm)
            rid = "ochan:" + pc
            row = dict(id=rid, name=name, variants=variants,
                       name_en=r["NAME_EN"].strip(), kind="neighbourhood",
                       country="SY", admin1=self.sy_adm1[r["ADM1_PCODE"]],
                       admin2=self.sy_adm2[r["ADM2_PCODE"]], pcode=pc,
                       lat=float(r["LATITUDE"]), lon=float(r["LONGITUDE"]),
                       population=0)
            row["name"], row["variants"], row["name_en"] = self.apply_fix(
                rid, row["name"], row["variants"], row["name_en"])
            self.add_row(row)

    # ---------------------------------------------------------------- countries
    def build_countries(self):
        for cc in sorted({g["cc"] for g in self.gn.values()}):
            if cc not in COUNTRIES:
                self.warn("no Arabic country name for %s" % cc)
                continue
            ar, var, en = COUNTRIES[cc]
            seats = [g for g in self.gn.values() if g["cc"] == cc and g["fcode"] in GN_SEAT]
            lat = sum(g["lat"] for g in seats) / len(seats)
            lon = sum(g["lon"] for g in seats) / len(seats)
            row = dict(id="cty:" + cc, name=ar, variants=list(var), name_en=en,
                       kind="country", country=cc, admin1="", admin2="", pcode="",
                       lat=lat, lon=lon,
                       population=sum(g["pop"] for g in self.gn.values() if g["cc"] == cc))
            row["name"], row["variants"], row["name_en"] = self.apply_fix(
                row["id"], row["name"], row["variants"], row["name_en"])
            self.add_row(row)

    # ---------------------------------------------------------------- curated
    def anchor_coords(self, spec):
        pts = []
        for part in spec.split("+"):
            part = part.strip()
            src, _, code = part.partition(":")
            if src == "gn" and code in self.gn:
                pts.append((self.gn[code]["lat"], self.gn[code]["lon"]))
            elif src == "ocha" and code in self.oc3:
                pts.append((float(self.oc3[code]["LATITUDE"]), float(self.oc3[code]["LONGITUDE"])))
            elif src == "ocha" and code in self.oc2:
                pts.append((float(self.oc2[code]["LATITUDE"]), float(self.oc2[code]["LONGITUDE"])))
            elif src == "ocha" and code in self.oc1:
                pts.append((float(self.oc1[code]["LATITUDE"]), float(self.oc1[code]["LONGITUDE"])))
            elif src == "ochan":
                hit = [r for r in self.ocn if r["PCODE"].strip() == code]
                if not hit:
                    return None
                pts.append((float(hit[0]["LATITUDE"]), float(hit[0]["LONGITUDE"])))
            else:
                return None
        return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))

    def build_curated(self, path):
        self.superseded = set()
        admin1_names = defaultdict(set)
        for row in self.rows.values():
            if row["admin1"]:
                admin1_names[row["country"]].add(row["admin1"])
        for lineno, c in read_tsv(path, 12):
            c = c + [""] * (15 - len(c))
            where = "%s:%d" % (os.path.relpath(path, REPO), lineno)
            rid, name, variants, name_en, kind, cc, a1, a2, pcode, lat, lon, pop = \
                [x.strip() for x in c[:12]]
            anchor, supersedes = c[12].strip(), c[13].strip()
            if not rid.startswith("cur:"):
                sys.exit("%s: curated ids start with cur:" % where)
            if kind not in KIND_RANK:
                sys.exit("%s: unknown kind %r" % (where, kind))
            name = clean(name)
            if not is_arabic_name(name.replace("ـ", "")):
                sys.exit("%s: bad name %r" % (where, name))
            if a1 not in admin1_names[cc]:
                sys.exit("%s: admin1 %r is not an admin1 of %s" % (where, a1, cc))
            if cc == "SY" and a2 and a2 not in self.sy_adm2.values():
                sys.exit("%s: admin2 %r is not a Syrian admin2" % (where, a2))
            coords = self.anchor_coords(anchor) if anchor else None
            if anchor and coords is None:
                sys.exit("%s: anchor %r not found in the sources" % (where, anchor))
            if lat and lon:
                la, lo = float(lat), float(lon)
                if coords and haversine_km(la, lo, coords[0], coords[1]) > 0.5:
                    sys.exit("%s: lat/lon differ from anchor %s (%.5f %.5f)"
                             % (where, anchor, coords[0], coords[1]))
            elif coords:
                la, lo = coords
            else:
                sys.exit("%s: no coordinates and no anchor" % where)
            if cc == "SY":
                pc3 = self.polys.find(la, lo)
                if pc3 and self.sy_adm1[self.oc3[pc3]["ADM1_PCODE"]] != a1:
                    self.warn("%s: %s lies in %s, not %s" % (
                        where, name, self.sy_adm1[self.oc3[pc3]["ADM1_PCODE"]], a1))
            for s in supersedes.split("|"):
                if s.strip():
                    self.superseded.add(s.strip())
            row = dict(id=rid, name=name, variants=split_variants(variants),
                       name_en=name_en, kind=kind, country=cc, admin1=a1, admin2=a2,
                       pcode=pcode, lat=la, lon=lo, population=int(pop or 0))
            self.add_row(row)

    # ---------------------------------------------------------------- world
    def iso_country_names(self):
        """Arabic names of Debian's iso-codes, cc -> [names]; {} if absent."""
        import gettext
        js = os.path.join(ISO_CODES, "json", "iso_3166-1.json")
        try:
            tr = gettext.translation("iso_3166-1", localedir=ISO_LOCALE, languages=["ar"])
            with open(js, encoding="utf-8") as f:
                entries = json.load(f)["3166-1"]
        except (OSError, KeyError, ValueError):
            self.warn("iso-codes not installed: world countries get no iso-codes variants")
            return {}
        names = defaultdict(list)
        for e in entries:
            for field in ("name", "official_name", "common_name"):
                if not e.get(field):
                    continue
                ar = tr.gettext(e[field])
                if ar == e[field]:
                    continue          # untranslated
                # «إيران، الجمهورية الإسلامية …», «المجر (هنغاريا)»
                for part in re.split("[،,()]", ar):
                    part = clean(part)
                    if part and is_arabic_name(part):
                        names[e["alpha_2"]].append(part)
        # a name two countries share (كوريا، الكونغو) names neither
        owners = defaultdict(set)
        for cc, vs in names.items():
            for v in vs:
                owners[key(v)].add(cc)
        return {cc: [v for v in vs if len(owners[key(v)]) == 1] for cc, vs in names.items()}

    def build_world(self, path):
        iso = self.iso_country_names()
        self.world_regions = {}
        taken = {}
        for row in self.rows.values():
            if row["kind"] == "country":
                for v in [row["name"]] + row["variants"]:
                    taken[key(v)] = row["country"]
        for lineno, c in read_tsv(path, 8):
            where = "%s:%d" % (os.path.relpath(path, REPO), lineno)
            c = c + [""] * (9 - len(c))
            cc, kind, name, variants, en, a1 = (x.strip() for x in c[:6])
            if kind not in ("country", "admin1", "city"):
                sys.exit("%s: kind must be country, admin1 or city" % where)
            if not re.match("^[A-Z][A-Z]$", cc) or not is_arabic_name(clean(name)):
                sys.exit("%s: bad country code or name" % where)
            try:
                la, lo = float(c[6]), float(c[7])
            except ValueError:
                sys.exit("%s: bad latitude/longitude" % where)
            if not (-90 <= la <= 90 and -180 <= lo <= 180):
                sys.exit("%s: latitude/longitude out of range" % where)
            vs = split_variants(variants)
            if kind == "country":
                if a1:
                    sys.exit("%s: a country row has no admin1" % where)
                if cc in COUNTRIES:
                    sys.exit("%s: %s is built from GeoNames" % (where, cc))
                self.world_regions[cc] = (en, c[8].strip())
                if not c[8].strip():
                    sys.exit("%s: a country row needs its ACLED region" % where)
                vs += [v for v in iso.get(cc, []) if taken.get(key(v), cc) == cc]
                rid = "cty:" + cc
            else:
                if not a1 or not is_arabic_name(clean(a1)):
                    sys.exit("%s: a place needs its Arabic admin1" % where)
                rid = "wld:%s:%s" % (cc, re.sub("[^a-z0-9]+", "-", en.lower()).strip("-"))
            row = dict(id=rid, name=clean(name), variants=vs, name_en=en, kind=kind,
                       country=cc, admin1=clean(a1), admin2="", pcode="", lat=la, lon=lo,
                       population=0)
            row["name"], row["variants"], row["name_en"] = self.apply_fix(
                rid, row["name"], row["variants"], row["name_en"])
            self.add_row(row)
            self.notes["world rows (tools/world_places.tsv)"] += 1

    def write_country_table(self, path):
        """src/extract/countries.inc: English name and ACLED region by code."""
        regions = dict(self.world_regions)
        for cc, (ar, var, en) in COUNTRIES.items():
            regions[cc] = (en, MENA_REGIONS[cc])
        # no place row: «الصحراء الغربية» in the news is as often Egypt's desert
        regions.setdefault("EH", ("Western Sahara", "Northern Africa"))
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("/* generated by tools/build_places.py from tools/world_places.tsv and\n"
                    " * its MENA table; do not edit by hand. */\n")
            for cc in sorted(regions):
                en, reg = regions[cc]
                f.write('{"%s", "%s", "%s"},\n' % (cc, en.replace('"', ''), reg))

    # ---------------------------------------------------------------- output
    def run(self, out_path):
        self.load_hand_tables()
        self.load_syria()
        self.load_geonames()
        self.build_countries()
        self.build_syria_admin()
        self.build_gn_admin1()
        self.build_gn_rows()
        self.merge_syria()
        self.dedupe_gn()
        self.finish_gn()
        self.build_neighbourhoods()
        self.build_curated(os.path.join(REPO, "data", "places-curated.tsv"))
        self.build_world(os.path.join(REPO, "tools", "world_places.tsv"))
        for s in sorted(self.superseded):
            if s in self.rows:
                del self.rows[s]
                self.notes["source rows superseded by curated rows"] += 1
            else:
                self.warn("superseded id %s not in output" % s)
        for pid, fx in self.fixes.items():
            if not fx["used"]:
                self.warn("place_variants.tsv:%d: id %s matched no row" % (fx["line"], pid))
        for row in self.rows.values():
            self.finish_names(row, row["country"] == "SY")
            for col in ("name", "name_en", "admin1", "admin2"):
                if "\t" in row[col] or "|" in row[col] and col != "variants":
                    sys.exit("bad character in %s of %s" % (col, row["id"]))
            if row["kind"] != "country" and not row["admin1"]:
                self.warn("empty admin1: %s" % row["id"])
        rows = sorted(self.rows.values(), key=lambda r: (
            r["country"], KIND_RANK[r["kind"]], r["admin1"], r["name"], r["id"]))
        counts = Counter(r["country"] for r in rows)
        with open(out_path, "w", encoding="utf-8", newline="\n") as f:
            f.write("# rasd gazetteer: generated by tools/build_places.py; do not edit by hand.\n")
            f.write("# Sources: UN OCHA COD-AB Syria via HDX (CC BY-IGO 3.0); Open-Syria\n")
            f.write("# data-geography (CC BY 4.0); GeoNames cities500 (CC BY 4.0); hand tables\n")
            f.write("# tools/admin1_overrides.tsv, tools/place_variants.tsv, data/places-curated.tsv.\n")
            f.write("# See data/SOURCES.md, section Gazetteer.  Tab-separated; variants are '|'-separated.\n")
            f.write("# rows: %d (%s)\n" % (len(rows), " ".join(
                "%s=%d" % (k, v) for k, v in sorted(counts.items()))))
            f.write("# " + "\t".join(COLUMNS) + "\n")
            for r in rows:
                f.write("\t".join([
                    r["id"], r["name"], "|".join(r["variants"]), r["name_en"],
                    r["kind"], r["country"], r["admin1"], r["admin2"], r["pcode"],
                    "%.5f" % r["lat"], "%.5f" % r["lon"], str(int(r["population"]))
                ]) + "\n")
        return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("shared", nargs="?", default=os.path.join(REPO, "..", "shared", "data"),
                    help="directory with syria-ocha/, opensyria/, geonames/")
    ap.add_argument("--out", default=os.path.join(REPO, "data", "places.tsv"))
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args()
    if not os.path.isdir(args.shared):
        sys.exit("source directory not found: %s" % args.shared)
    b = Build(args.shared)
    rows = b.run(args.out)
    b.write_country_table(os.path.join(REPO, "src", "extract", "countries.inc"))
    if not args.quiet:
        kinds = Counter((r["country"], r["kind"]) for r in rows)
        print("wrote %s: %d rows" % (os.path.relpath(args.out), len(rows)))
        for cc in sorted({r["country"] for r in rows}):
            print("  %s %s" % (cc, " ".join("%s=%d" % (k, kinds[(cc, k)])
                                             for k in KINDS if kinds[(cc, k)])))
        for k, v in sorted(b.notes.items()):
            print("  note: %s: %d" % (k, v))
        for w in b.warnings:
            print("  warning: " + w)
    return 0


if __name__ == "__main__":
    sys.exit(main())
