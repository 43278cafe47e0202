#!/bin/sh
# End-to-end tests of the events database as an analyst uses it: rasd
# ingest (twice: no duplicates; an updated article; several outlets
# reporting one strike; kill -9 mid-way and run again: the same database as
# an uninterrupted run), rasd search with clitic and spelling variants,
# every rasd query filter checked against the full export, every export
# format read back (GeoJSON with python's json, CSV with python's csv),
# rasd stats, and the one-line errors for locked, read-only, missing and
# foreign database files.
T_NAME=store
. tests/lib.sh

db=$T_TMP/events.db
ex=examples/articles.jsonl

# --- usage
for c in ingest search query stats; do
	"$RASD" $c --help >/dev/null 2>&1 || fail "rasd $c --help exits 0"
	"$RASD" $c --bogus >/dev/null 2>&1; [ $? -eq 2 ] || fail "rasd $c --bogus exits 2"
done
pass
"$RASD" ingest $ex >/dev/null 2>&1; check "ingest without --db exits 2" [ $? -eq 2 ]
"$RASD" ingest --db "$db" >/dev/null 2>&1; check "ingest without input exits 2" [ $? -eq 2 ]
"$RASD" query >/dev/null 2>&1; check "query without --db exits 2" [ $? -eq 2 ]
"$RASD" query --db "$db" --format xml >/dev/null 2>&1; check "unknown format exits 2" [ $? -eq 2 ]
"$RASD" query --db "$db" --from 2018-13 >/dev/null 2>&1; check "bad --from exits 2" [ $? -eq 2 ]
"$RASD" query --db "$db" --near 35,40 >/dev/null 2>&1; check "bad --near exits 2" [ $? -eq 2 ]
"$RASD" query --db "$db" --country Narnia >/dev/null 2>&1; check "bad --country exits 2" [ $? -eq 2 ]
"$RASD" search --db "$db" >/dev/null 2>&1; check "search without a query exits 2" [ $? -eq 2 ]

# --- errors about the database file: one line each
"$RASD" query --db "$T_TMP/missing.db" >/dev/null 2>"$T_TMP/err"; rc=$?
check "missing database exits 1" [ $rc -eq 1 ]
check "missing database: one line" [ "$(wc -l <"$T_TMP/err")" -eq 1 ]
check "missing database is named" grep -q "cannot open database '$T_TMP/missing.db': No such file" "$T_TMP/err"
check "a query does not create the file" [ ! -e "$T_TMP/missing.db" ]
"$RASD" ingest --db /nonexistent-dir/x.db $ex >/dev/null 2>"$T_TMP/err"; rc=$?
check "database in a missing directory exits 1" [ $rc -eq 1 ]
check "database in a missing directory: one line" [ "$(wc -l <"$T_TMP/err")" -eq 1 ]
echo "not a database, only some text that is long enough for a header" >"$T_TMP/text.db"
"$RASD" stats --db "$T_TMP/text.db" >/dev/null 2>"$T_TMP/err"; rc=$?
check "a text file is refused" [ $rc -eq 1 ] && check "a text file is named" grep -q "'$T_TMP/text.db' is not a database" "$T_TMP/err"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table notes(x)'); c.commit()" "$T_TMP/other.db"
"$RASD" ingest --db "$T_TMP/other.db" $ex >/dev/null 2>"$T_TMP/err"; rc=$?
check "another program's database is refused" [ $rc -eq 1 ]
check "another program's database is named" grep -q "not a rasd events database" "$T_TMP/err"
"$RASD" query --db "$T_TMP" >/dev/null 2>"$T_TMP/err"; rc=$?
check "a directory is refused" [ $rc -eq 1 ] && check "a directory is named" grep -q "is a directory" "$T_TMP/err"

# --- ingest twice: nothing is added the second time
"$RASD" ingest --db "$db" $ex examples/report-deir-ez-zor.txt --published 2025-03-18 \
	>"$T_TMP/out" 2>"$T_TMP/err"; rc=$?
check "ingest exits 0" [ $rc -eq 0 ]
check "ingest writes nothing on stdout" [ ! -s "$T_TMP/out" ]
check "ingest says what it did in one line" [ "$(wc -l <"$T_TMP/err")" -eq 1 ]
check "ingest counts new articles" grep -q "4 articles read: 4 new" "$T_TMP/err"
counts() { # articles events mentions
	python3 - "$1" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(*[c.execute('select count(*) from ' + t).fetchone()[0] for t in ('article', 'event', 'mention')])
PY
}
first=$(counts "$db")
"$RASD" ingest -q --db "$db" $ex examples/report-deir-ez-zor.txt --published 2025-03-18; rc=$?
check "second ingest exits 0" [ $rc -eq 0 ]
check "second ingest adds nothing ($first)" [ "$(counts "$db")" = "$first" ]
"$RASD" ingest --db "$db" $ex 2>"$T_TMP/err" >/dev/null
check "unchanged articles are counted" grep -q "3 unchanged; 0 events new" "$T_TMP/err"
check "the example has events" [ "$(echo "$first" | cut -d' ' -f2)" -ge 4 ]

# --- the dev articles twice (needs ../shared)
if [ -f "$SHARED/dev/gold.jsonl" ]; then
	"$RASD" ingest -q --db "$T_TMP/dev.db" "$SHARED/dev/gold.jsonl"; rc=$?
	check "dev articles ingest" [ $rc -eq 0 ]
	dev1=$(counts "$T_TMP/dev.db")
	"$RASD" ingest -q --db "$T_TMP/dev.db" "$SHARED/dev/gold.jsonl"
	check "dev articles twice: no duplicates ($dev1)" [ "$(counts "$T_TMP/dev.db")" = "$dev1" ]
	check "all 60 dev articles stored" [ "$(echo "$dev1" | cut -d' ' -f1)" -eq "$(grep -c . "$SHARED/dev/gold.jsonl")" ]
else
	skip "$SHARED/dev/gold.jsonl is absent: the dev-set ingest is not tested"
fi

# --- several outlets, one strike; an updated article
cat >"$T_TMP/news.jsonl" <<'EOF'
{"id":"s1","source":"outlet-a","url":"https://a.example/1","published":"2025-05-03","title":"غارة على سرمين","text":"قتل خمسة مدنيين في غارة جوية على بلدة سرمين في ريف إدلب، اليوم السبت."}
{"id":"s2","source":"outlet-b","url":"https://b.example/2","published":"2025-05-03","title":"مقتل مدنيين بإدلب","text":"أفاد ناشطون بمقتل ستة مدنيين جراء غارة جوية استهدفت بلدة سرمين بريف إدلب الشرقي اليوم السبت."}
{"id":"s3","source":"outlet-c","published":"2025-05-04","text":"هجوم لداعش على حاجز لقوات سوريا الديمقراطية في ريف الحسكة الجنوبي أمس، وقتل ثلاثة عناصر من قسد."}
{"id":"s4","source":"outlet-a","published":"2025-05-04","text":"اشتباكات بين قسد وداعش في بلدة الهول بالحسكة، وبداعش تنتهي المعركة."}
{"title":"بلا معرف","published":"2025-05-05","text":"مقال بلا معرف عن الطقس في دمشق."}
EOF
"$RASD" ingest -q --db "$db" "$T_TMP/news.jsonl"; rc=$?
check "news ingest exits 0" [ $rc -eq 0 ]
"$RASD" query --db "$db" --format jsonl --from 2025-05-03 --to 2025-05-03 --sub-type 'Air/drone strike' >"$T_TMP/strike.jsonl"
python3 - "$T_TMP/strike.jsonl" <<'PY' && pass || fail "two outlets' reports of one strike are one event with two sources"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
sarmin = [r for r in rows if r['location'] == 'سرمين']
assert len(sarmin) == 1, rows
e = sarmin[0]
assert e['narticles'] == 2 and e['nsources'] == 2, e
assert sorted(s['doc_id'] for s in e['sources']) == ['s1', 's2'], e['sources']
assert all(s['evidence']['sentence'] for s in e['sources'])
assert e['fatalities'] == 5, e['fatalities']  # the lowest figure
assert e['source'] in ('outlet-a; outlet-b', 'outlet-b; outlet-a'), e['source']
PY
# an article without an id is named by its content, so it is not duplicated
"$RASD" ingest -q --db "$db" "$T_TMP/news.jsonl"
python3 - "$db" <<'PY' && pass || fail "an article without an id is stored once, named by its content"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
ids = [r[0] for r in c.execute("select doc_id from article where doc_id like 'sha256:%'")]
assert len(ids) == 1 and len(ids[0]) == 7 + 16, ids
PY
before=$(counts "$db")
# s4 is corrected: the clash is now in al-Shaddadi, and s1 says nothing new
printf '%s\n' '{"id":"s4","source":"outlet-a","published":"2025-05-04","text":"اشتباكات بين قسد وداعش في مدينة الشدادي بالحسكة."}' >"$T_TMP/update.jsonl"
"$RASD" ingest --db "$db" "$T_TMP/update.jsonl" 2>"$T_TMP/err" >/dev/null
check "an updated article is counted as updated" grep -q "1 updated" "$T_TMP/err"
check "an update keeps the article count" [ "$(counts "$db" | cut -d' ' -f1)" = "$(echo "$before" | cut -d' ' -f1)" ]
"$RASD" query --db "$db" --format jsonl --admin1 الحسكة >"$T_TMP/h.jsonl"
check "the updated article's new event is there" grep -q '"location":"الشدادي"' "$T_TMP/h.jsonl"
check "the updated article's old event is gone" sh -c "! grep -q '\"location\":\"الهول\"' '$T_TMP/h.jsonl'"

# --- search: clitics and spelling variants
# the ids of the articles a search finds, sorted
search_ids() { "$RASD" search --db "$db" --no-color --limit 50 "$1" | sed -n 's/^[0-9]*\. \([^ ]*\) .*/\1/p' | LC_ALL=C sort | tr '\n' ' '; }
check "داعش finds لداعش and وداعش" [ "$(search_ids 'داعش')" = "example-iraq-1 example-opinion-1 report-deir-ez-zor.txt s3 s4 " ]
check "الحسكه finds الحسكة and بالحسكة" [ "$(search_ids 'الحسكه')" = "s3 s4 " ]
check "ادلب finds إدلب and بريف إدلب" [ "$(search_ids 'ادلب')" = "s1 s2 " ]
check "a phrase" [ "$(search_ids '"غارة جوية"')" = "s1 s2 " ]
check "OR" [ "$(search_ids 'الشدادي OR سرمين')" = "s1 s2 s4 " ]
check "a prefix" [ "$(search_ids 'سرم*')" = "s1 s2 " ]
"$RASD" search --db "$db" --no-color "داعش" >"$T_TMP/search.out"
check "snippets highlight the word as written" grep -q '\[لداعش\]' "$T_TMP/search.out"
"$RASD" search --db "$db" --no-color "سرمين" >"$T_TMP/search.out"
check "hits show url" grep -q 'https://a.example/1' "$T_TMP/search.out"
check "hits count their events" grep -q '1 event(s)' "$T_TMP/search.out"
"$RASD" search --db "$db" --color "سرمين" | grep -q "$(printf '\033')\[1;31m"
check "--color highlights with colour" [ $? -eq 0 ]
"$RASD" search --db "$db" "كلمةغيرموجودة" >"$T_TMP/out" 2>"$T_TMP/err"; rc=$?
check "no match exits 0" [ $rc -eq 0 ] && check "no match is said" grep -q 'no article matches' "$T_TMP/err"
"$RASD" search --db "$db" 'OR' >/dev/null 2>"$T_TMP/err"; rc=$?
check "a bad query exits 2" [ $rc -eq 2 ] && check "a bad query is explained" grep -q "'OR' needs a word" "$T_TMP/err"
"$RASD" search --db "$db" '") OR 1=1 --' >/dev/null 2>"$T_TMP/err"; rc=$?
check "query syntax in the input is only text" [ $rc -eq 0 ]

# --- every filter, checked against the full export
big=$T_TMP/big.db
if [ -f "$SHARED/dev/gold.jsonl" ]; then
	cp "$T_TMP/dev.db" "$big"
	"$RASD" ingest -q --db "$big" $ex "$T_TMP/news.jsonl"
else
	cp "$db" "$big"
fi
python3 - "$RASD" "$big" >"$T_TMP/filters" 2>&1 <<'PY'
import json, math, subprocess, sys, collections
rasd, db = sys.argv[1], sys.argv[2]
def q(*args):
    out = subprocess.run([rasd, 'query', '--db', db, '--format', 'jsonl', *args],
                         check=True, capture_output=True, text=True).stdout
    return [json.loads(l) for l in out.splitlines()]
every = q()
ids = lambda rows: [r['event_id'] for r in rows]
def same(name, args, pred):
    want = [r for r in every if pred(r)]
    got = q(*args)
    ok = ids(got) == ids(want) and len(want) > 0
    print(('PASS ' if ok else 'FAIL ') + name + ': %d events%s' % (len(want), '' if ok else ' want %s got %s' % (ids(want)[:5], ids(got)[:5])))
print(('PASS' if len(every) >= 4 else 'FAIL') + ' the export has events: %d' % len(every))
dates = sorted(r['event_date'] for r in every if r['event_date'])
print(('PASS' if [r['event_date'] for r in every if r['event_date']] == dates else 'FAIL') + ' oldest first')
mid = dates[len(dates) // 2]
same('--from', ['--from', mid], lambda r: r['event_date'] and r['event_date'] >= mid)
same('--to', ['--to', mid], lambda r: r['event_date'] and r['event_date'] <= mid)
month = mid[:7]
same('--from/--to a month', ['--from', month, '--to', month], lambda r: (r['event_date'] or '')[:7] == month)
typ = collections.Counter(r['event_type'] for r in every).most_common(1)[0][0]
same('--type', ['--type', typ.upper()], lambda r: r['event_type'] == typ)
sub = collections.Counter(r['sub_event_type'] for r in every).most_common(1)[0][0]
same('--sub-type', ['--sub-type', sub], lambda r: r['sub_event_type'] == sub)
act = collections.Counter(r['actor1'] for r in every if r['actor1']).most_common(1)[0][0]
roles = ('actor1', 'assoc_actor1', 'actor2', 'assoc_actor2')
same('--actor', ['--actor', act], lambda r: act in [r[k] for k in roles])
adm = collections.Counter(r['admin1'] for r in every if r['admin1']).most_common(1)[0][0]
same('--admin1', ['--admin1', adm], lambda r: r['admin1'] == adm)
fold = adm.replace('ة', 'ه').replace('إ', 'ا').replace('أ', 'ا')
same('--admin1 spelt another way', ['--admin1', fold], lambda r: r['admin1'] == adm)
cty = collections.Counter(r['country'] for r in every if r['country']).most_common(1)[0][0]
same('--country', ['--country', cty.lower()], lambda r: r['country'] == cty)
geo = [r for r in every if r['latitude'] is not None]
c0 = geo[0]
def km(a, b, c, d):
    r = math.pi / 180
    h = math.sin((c - a) * r / 2) ** 2 + math.cos(a * r) * math.cos(c * r) * math.sin((d - b) * r / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))
lat, lon = c0['latitude'] + 0.05, c0['longitude'] - 0.05
same('--near', ['--near', '%f,%f,50' % (lat, lon)], lambda r: r['latitude'] is not None and km(lat, lon, r['latitude'], r['longitude']) <= 50)
fmin = sorted(r['fatalities'] for r in every)[len(every) * 3 // 4] or 1
same('--min-fatalities', ['--min-fatalities', str(fmin)], lambda r: r['fatalities'] >= fmin)
same('--text', ['--text', 'سرمين'], lambda r: any('سرمين' in s['evidence']['sentence'] for s in r['sources']))
same('--limit', ['--limit', '3'], lambda r: r['event_id'] in ids(every[:3]))
same('two filters', ['--type', typ, '--admin1', adm], lambda r: r['event_type'] == typ and r['admin1'] == adm)
got = q('--newest-first')
print(('PASS' if sorted(ids(got)) == sorted(ids(every)) and [r['event_date'] for r in got if r['event_date']] == dates[::-1] else 'FAIL') + ' --newest-first')
# an actor nobody knows is a usage error (exit 2), and never SQL
bad = subprocess.run([rasd, 'query', '--db', db, '--format', 'jsonl', '--actor', "x' OR '1'='1",
                      '--admin1', "'; DROP TABLE event; --"], capture_output=True)
print(('PASS' if bad.returncode == 2 and not bad.stdout and len(q()) == len(every) else 'FAIL') + ' user input is never SQL')
PY
while read -r verdict rest; do
	case $verdict in
	PASS) pass ;;
	*) fail "filter $rest" ;;
	esac
done <"$T_TMP/filters"
check "the filter checks ran" [ "$(grep -c '^PASS' "$T_TMP/filters")" -ge 18 ]

# --- every export format
"$RASD" query --db "$big" --format geojson >"$T_TMP/e.geojson" 2>"$T_TMP/err"; rc=$?
check "geojson exits 0" [ $rc -eq 0 ]
"$RASD" query --db "$big" --format jsonl >"$T_TMP/e.jsonl"
python3 - "$T_TMP/e.geojson" "$T_TMP/e.jsonl" <<'PY' && pass || fail "GeoJSON parses as a FeatureCollection of Points"
import json, sys
g = json.load(open(sys.argv[1]))
rows = [json.loads(l) for l in open(sys.argv[2])]
assert g['type'] == 'FeatureCollection'
with_coords = [r for r in rows if r['latitude'] is not None]
assert len(g['features']) == len(with_coords) > 0, (len(g['features']), len(with_coords))
for f, r in zip(g['features'], with_coords):
    assert f['type'] == 'Feature' and f['geometry']['type'] == 'Point'
    lon, lat = f['geometry']['coordinates']
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert (round(lon, 4), round(lat, 4)) == (round(r['longitude'], 4), round(r['latitude'], 4))
    p = f['properties']
    assert p['event_id'] == r['event_id'] and p['event_type'] and 'fatalities' in p
PY
python3 -m json.tool "$T_TMP/e.geojson" >/dev/null; check "python3 -m json.tool reads the GeoJSON" [ $? -eq 0 ]
"$RASD" query --db "$big" --format csv >"$T_TMP/e.csv"; rc=$?
check "csv exits 0" [ $rc -eq 0 ]
"$RASD" extract -q --format csv $ex | head -1 >"$T_TMP/extract-header.csv"
check "csv has the columns of rasd extract" [ "$(head -1 "$T_TMP/e.csv")" = "$(cat "$T_TMP/extract-header.csv")" ]
python3 - "$T_TMP/e.csv" "$T_TMP/e.jsonl" <<'PY' && pass || fail "CSV reads back: one row per event, constant columns"
import csv, json, sys, re
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
events = [json.loads(l) for l in open(sys.argv[2])]
assert len(rows) == len(events) > 0
for row, e in zip(rows, events):
    assert None not in row and None not in row.values(), row
    assert row['event_id'] == e['event_id']
    assert re.fullmatch(r'[A-Z]{3}[0-9]+', row['event_id_cnty']), row['event_id_cnty']
    assert row['event_type'] == e['event_type']
    assert int(row['fatalities']) == e['fatalities']
    # outlets by name (data/outlets.tsv), as many as the event has
    assert len(row['source'].split('; ')) == len((e['source'] or '').split('; ')), (row['source'], e['source'])
merged = [r for r in rows if '; ' in r['source']]
assert merged, 'a merged event names all its outlets'
PY
"$RASD" query --db "$big" >"$T_TMP/e.table"; rc=$?
check "table exits 0" [ $rc -eq 0 ]
check "table has a header" grep -q '^DATE  *TYPE  *SUB-TYPE' "$T_TMP/e.table"
check "table shows Arabic places" grep -q 'سرمين، إدلب (SY)' "$T_TMP/e.table"
check "table counts the events" [ "$(tail -1 "$T_TMP/e.table")" = "$(wc -l <"$T_TMP/e.jsonl" | tr -d ' ') event(s)" ]
"$RASD" query --db "$big" --format csv --limit 1 | python3 -c "import csv,sys; assert len(list(csv.reader(sys.stdin))) == 2"
check "csv --limit 1 is a header and a row" [ $? -eq 0 ]
if [ -w /dev/full ]; then
	"$RASD" query --db "$big" --format jsonl >/dev/full 2>"$T_TMP/err"; rc=$?
	check "a full disk is an error" [ $rc -eq 1 ] && check "a full disk is said" grep -q 'cannot write output' "$T_TMP/err"
fi

# --- stats
"$RASD" stats --db "$big" >"$T_TMP/stats" 2>"$T_TMP/err"; rc=$?
check "stats exits 0" [ $rc -eq 0 ]
for s in 'by month' 'by event type' 'by governorate' 'by actor' 'by outlet'; do
	grep -q "^$s" "$T_TMP/stats" || fail "stats has '$s'"
done
pass
n=$(wc -l <"$T_TMP/e.jsonl" | tr -d ' ')
check "stats counts the events" grep -q "^  events  *$n from" "$T_TMP/stats"
"$RASD" stats --db "$big" --country SY --top 3 >"$T_TMP/stats2"; rc=$?
check "stats takes filters" [ $rc -eq 0 ] && check "stats with filters counts fewer" [ "$(grep -c . "$T_TMP/stats2")" -le "$(grep -c . "$T_TMP/stats")" ]

# --- a locked database: a clear message, not a crash
python3 - "$db" "$T_TMP/locked" <<'PY' &
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('BEGIN IMMEDIATE')
open(sys.argv[2], 'w').close()
time.sleep(4)
c.execute('ROLLBACK')
PY
holder=$!
i=0; while [ ! -e "$T_TMP/locked" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
"$RASD" ingest --db "$db" --lock-timeout 0.3 "$T_TMP/update.jsonl" examples/report-deir-ez-zor.txt >/dev/null 2>"$T_TMP/err"; rc=$?
check "a locked database exits 1" [ $rc -eq 1 ]
check "a locked database is said in one line" [ "$(wc -l <"$T_TMP/err")" -eq 1 ]
check "a locked database is named" grep -q "'$db' is locked by another writer" "$T_TMP/err"
"$RASD" query --db "$db" --limit 1 >/dev/null 2>&1; rc=$?
check "readers are not blocked by a writer" [ $rc -eq 0 ]
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null

# --- a read-only database
rodir=$T_TMP/ro; mkdir -p "$rodir"; cp "$db" "$rodir/ro.db"
chmod 755 "$T_TMP" "$rodir"; chmod 444 "$rodir/ro.db"
if [ "$(id -u)" -ne 0 ]; then
	as_user=""
elif command -v setpriv >/dev/null 2>&1; then
	as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
else
	as_user=none
fi
if [ "$as_user" != none ] && $as_user "$RASD" version >/dev/null 2>&1; then
	$as_user "$RASD" ingest --db "$rodir/ro.db" --data data "$T_TMP/update.jsonl" >/dev/null 2>"$T_TMP/err"; rc=$?
	check "a read-only database exits 1" [ $rc -eq 1 ]
	check "a read-only database: one line" [ "$(wc -l <"$T_TMP/err")" -eq 1 ]
	check "a read-only database is named" grep -q "cannot write to '$rodir/ro.db'" "$T_TMP/err"
else
	skip "cannot run as an unprivileged user: the read-only database is not tested"
fi
chmod 700 "$T_TMP"

# --- progress: on a terminal only
"$RASD" ingest --db "$T_TMP/p.db" $ex 2>"$T_TMP/err" >/dev/null
check "no progress line when stderr is not a terminal" [ "$(grep -c 'articles (' "$T_TMP/err")" -eq 0 ]
if command -v script >/dev/null 2>&1; then
	script -qec "'$RASD' ingest --db '$T_TMP/p2.db' $ex" /dev/null >"$T_TMP/tty" 2>&1
	check "a progress line on a terminal" grep -q 'articles (.*/s), .* events, .* errors' "$T_TMP/tty"
else
	skip "script(1) is missing: the progress line is not tested"
fi

# --- kill -9 mid-way, run again: the same database as an uninterrupted run
corpus=$T_TMP/corpus.jsonl
if [ -f "$SHARED/corpus/ant-2018.jsonl.xz" ] && command -v xz >/dev/null 2>&1; then
	xz -dc "$SHARED/corpus/ant-2018.jsonl.xz" 2>/dev/null | head -n 3000 >"$corpus"
else
	skip "$SHARED/corpus is absent: kill -9 runs on a corpus made from examples/"
	python3 - "$ex" "$T_TMP/news.jsonl" >"$corpus" <<'PY'
import json, sys, datetime
base = [json.loads(l) for f in sys.argv[1:] for l in open(f)]
for i in range(3000):
    a = dict(base[i % len(base)])
    a['id'] = 'gen-%d' % i
    a['source'] = 'outlet-%d' % (i % 7)
    a['published'] = str(datetime.date(2025, 1, 1) + datetime.timedelta(days=(i * 7) % 90))
    a['text'] = a['text'] + ' (%d)' % i
    print(json.dumps(a, ensure_ascii=False))
PY
fi
total=$(grep -c . "$corpus")
"$RASD" ingest -q --db "$T_TMP/whole.db" --batch 50 "$corpus"; rc_whole=$?
python3 - "$RASD" "$T_TMP/killed.db" "$corpus" >"$T_TMP/kill.out" <<'PY'
import os, signal, sqlite3, subprocess, sys, time
rasd, db, corpus = sys.argv[1:]
p = subprocess.Popen([rasd, 'ingest', '-q', '--db', db, '--batch', '50', corpus],
                     stderr=subprocess.DEVNULL)
stored = 0
while p.poll() is None:
    try:
        c = sqlite3.connect('file:%s?mode=ro' % db, uri=True, timeout=0.1)
        stored = c.execute('select count(*) from article').fetchone()[0]
        c.close()
    except sqlite3.Error:
        stored = 0
    if stored >= 100:
        os.kill(p.pid, signal.SIGKILL)
        break
    time.sleep(0.005)
p.wait()
print(p.returncode, stored)
PY
read -r kill_rc kill_stored <"$T_TMP/kill.out"
check "the killed run was killed (rc $kill_rc)" [ "$kill_rc" = "-9" ]
check "it was killed mid-way ($kill_stored of $total articles stored)" [ "$kill_stored" -ge 100 ] && [ "$kill_stored" -lt "$total" ]
python3 - "$T_TMP/killed.db" <<'PY' && pass || fail "the killed database is consistent"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute('pragma integrity_check').fetchone()[0] == 'ok'
assert c.execute('pragma foreign_key_check').fetchall() == []
assert c.execute('select count(*) from event e where (select count(*) from mention m where m.event = e.id and m.is_primary) <> 1').fetchone()[0] == 0
PY
"$RASD" ingest -q --db "$T_TMP/killed.db" --batch 50 "$corpus"; rc_again=$?
check "the run after the kill ends like the whole run (rc $rc_again, $rc_whole)" [ "$rc_again" = "$rc_whole" ]
check "same counts as an uninterrupted run ($(counts "$T_TMP/whole.db"))" [ "$(counts "$T_TMP/killed.db")" = "$(counts "$T_TMP/whole.db")" ]
"$RASD" query --db "$T_TMP/whole.db" --format csv >"$T_TMP/whole.csv"
"$RASD" query --db "$T_TMP/killed.db" --format csv >"$T_TMP/killed.csv"
# the same but for the time each was written (ACLED's timestamp column)
untimed() { python3 -c 'import csv,sys
w = csv.writer(sys.stdout)
for r in csv.reader(open(sys.argv[1], newline="", encoding="utf-8")):
    w.writerow(r[:30] + r[31:])' "$1"; }
untimed "$T_TMP/whole.csv" >"$T_TMP/whole.untimed"
untimed "$T_TMP/killed.csv" >"$T_TMP/killed.untimed"
check "the same events, field for field" cmp -s "$T_TMP/whole.untimed" "$T_TMP/killed.untimed"
"$RASD" search --db "$T_TMP/whole.db" --no-color --limit 100 "قتل" >"$T_TMP/whole.search"
"$RASD" search --db "$T_TMP/killed.db" --no-color --limit 100 "قتل" >"$T_TMP/killed.search"
check "the same search index" cmp -s "$T_TMP/whole.search" "$T_TMP/killed.search"
check "the search found something" [ -s "$T_TMP/whole.search" ]
"$RASD" ingest --db "$T_TMP/killed.db" --batch 50 "$corpus" 2>"$T_TMP/err" >/dev/null
check "a third run adds nothing" grep -q ": 0 new, 0 updated" "$T_TMP/err"

finish
