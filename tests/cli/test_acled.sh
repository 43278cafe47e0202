#!/bin/sh
# ACLED-true exports: the CSV of rasd extract and rasd query read with
# Python's csv module and checked column by column against ACLED's list and
# value rules (tests/cli/check_acled.py); the GeoJSON carries exactly the
# CSV's fields; ids stay the same when the same input is ingested again;
# no event is written twice; bad outlet data is reported with file:line.
T_NAME=acled
. tests/lib.sh

chk=tests/cli/check_acled.py
ex=examples/articles.jsonl

# --- rasd extract --format csv
"$RASD" extract -q --format csv $ex >"$T_TMP/x.csv"; rc=$?
check "extract csv exits 0" [ $rc -eq 0 ]
check "extract csv follows ACLED" python3 $chk "$T_TMP/x.csv"
"$RASD" extract -q --format csv --published 2025-03-18 --source skynews \
	examples/report-deir-ez-zor.txt >"$T_TMP/dz.csv"
check "the example report follows ACLED" python3 $chk "$T_TMP/dz.csv"
python3 - "$T_TMP/dz.csv" <<'PY' && pass || fail "the example's values are ACLED's"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
clash = [r for r in rows if r['sub_event_type'] == 'Armed clash'][0]
assert clash['iso'] == '760' and clash['country'] == 'Syria', clash['iso']
assert clash['event_id_cnty'].startswith('SYR'), clash['event_id_cnty']
assert clash['admin1'] == 'Deir-ez-Zor' and clash['admin1_ar'] == 'دير الزور', clash['admin1']
assert clash['actor1'] == 'Islamic State' and clash['inter1'] == '2', clash['actor1']
assert clash['actor1_code'] == 'ISIS' and clash['actor2_code'] == 'SDF'
assert clash['interaction'] == '22'
assert clash['source'] == 'Sky News Arabia' and clash['source_scale'] == 'Regional', clash['source']
assert clash['notes'].startswith('On 16 March 2025, Armed clash: Islamic State against'), clash['notes']
assert 'قوات سوريا الديمقراطية' in clash['notes']
civ = [r for r in rows if r['event_type'] == 'Violence against civilians'][0]
assert civ['actor1'] == 'Unidentified Armed Group (Syria)' and civ['inter1'] == '3', civ['actor1']
assert civ['actor2'] == 'Civilians (Syria)' and civ['interaction'] == '37'
assert civ['civilian_targeting'] == 'Civilian targeting'
PY
# reproducible: SOURCE_DATE_EPOCH fixes the timestamp
SOURCE_DATE_EPOCH=1700000000 "$RASD" extract -q --format csv $ex >"$T_TMP/x1.csv"
SOURCE_DATE_EPOCH=1700000000 "$RASD" extract -q --format csv $ex >"$T_TMP/x2.csv"
check "the same input gives the same CSV" cmp -s "$T_TMP/x1.csv" "$T_TMP/x2.csv"
check "timestamp is SOURCE_DATE_EPOCH" grep -q ',1700000000,rasd-' "$T_TMP/x1.csv"

# --- real articles, when ../shared is there
if [ -f "$SHARED/dev/gold.jsonl" ]; then
	for f in gold web web2 ant-extra; do
		"$RASD" extract -q --format csv "$SHARED/dev/$f.jsonl" >"$T_TMP/$f.csv" 2>/dev/null
		check "$f.jsonl: extract csv follows ACLED" python3 $chk "$T_TMP/$f.csv"
	done
	# web2-042 used to come out twice, field for field
	"$RASD" extract -q "$SHARED/dev/web2.jsonl" 2>/dev/null | python3 -c '
import json, sys, collections
c = collections.Counter(json.loads(l)["event_id"] for l in sys.stdin)
sys.exit(1 if [k for k, v in c.items() if v > 1] else 0)'
	check "extract writes no event twice" [ $? -eq 0 ]
	inputs="$ex $SHARED/dev/gold.jsonl $SHARED/dev/web2.jsonl"
else
	skip "real articles: $SHARED/dev/gold.jsonl not found"
	inputs=$ex
fi

# --- rasd query --format csv / geojson
db=$T_TMP/e.db
"$RASD" ingest -q --db "$db" $inputs 2>/dev/null
"$RASD" query --db "$db" --format csv >"$T_TMP/q.csv"; rc=$?
check "query csv exits 0" [ $rc -eq 0 ]
"$RASD" query --db "$db" --format geojson >"$T_TMP/q.geojson" 2>/dev/null; rc=$?
check "query geojson exits 0" [ $rc -eq 0 ]
check "query csv follows ACLED; geojson has its fields" python3 $chk "$T_TMP/q.csv" --geojson "$T_TMP/q.geojson"
check "extract and query write the same columns" [ "$(head -1 "$T_TMP/q.csv")" = "$(head -1 "$T_TMP/x.csv")" ]
python3 - "$T_TMP/q.csv" <<'PY' && pass || fail "event_id_cnty is ISO3 + the database's number"
import csv, sys, re
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
nums = [int(re.fullmatch(r'[A-Z]{3}(\d+)', r['event_id_cnty']).group(1)) for r in rows]
assert len(set(nums)) == len(nums) and max(nums) < 100000, nums[:5]
PY
"$RASD" ingest -q --db "$db" $inputs 2>/dev/null
"$RASD" query --db "$db" --format csv >"$T_TMP/q2.csv"
check "ingesting again keeps every row, ids and timestamps" cmp -s "$T_TMP/q.csv" "$T_TMP/q2.csv"

# --- outlet data is validated on load
mkdir "$T_TMP/data"
cp data/*.tsv "$T_TMP/data/"
printf 'skynews\tSky News Arabia\tPlanetary\n' >>"$T_TMP/data/outlets.tsv"
n=$(grep -c '' "$T_TMP/data/outlets.tsv")
"$RASD" extract -q --format csv --data "$T_TMP/data" $ex >/dev/null 2>"$T_TMP/err"; rc=$?
check "a bad outlet scale exits 1" [ $rc -eq 1 ]
check "a bad outlet scale names file, line and column" \
	grep -q "outlets.tsv:$n: column 3: 'Planetary' is not an ACLED source scale" "$T_TMP/err"
finish
