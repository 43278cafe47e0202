#!/bin/sh
# End-to-end tests of the rasd binary as a user runs it: inputs, formats,
# and every kind of bad input (each gets a one-line error naming the file
# and line, the rest of the batch is still coded, the exit code says so).
T_NAME=cli
. tests/lib.sh

ex=examples/report-deir-ez-zor.txt

# --- usage
"$RASD" --help >/dev/null 2>&1; check "rasd --help exits 0" [ $? -eq 0 ]
"$RASD" frobnicate >/dev/null 2>&1; check "unknown command exits 2" [ $? -eq 2 ]
"$RASD" extract --bogus x >/dev/null 2>&1; check "unknown option exits 2" [ $? -eq 2 ]
"$RASD" extract >/dev/null 2>&1; check "no input exits 2" [ $? -eq 2 ]
"$RASD" extract --published 2021-13-45 $ex >/dev/null 2>&1; check "bad --published exits 2" [ $? -eq 2 ]

# --- a plain text article
"$RASD" extract -q --published 2025-03-18 $ex >"$T_TMP/ex.jsonl"; rc=$?
check "text article exits 0" [ $rc -eq 0 ]
n=$(wc -l <"$T_TMP/ex.jsonl")
check "text article yields events" [ "$n" -ge 3 ]
check "JSONL has the documented fields" grep -q '"doc_id":"report-deir-ez-zor.txt","event_id":"rasd-' "$T_TMP/ex.jsonl"
for f in event_date time_precision event_type sub_event_type actor1 assoc_actor1 actor2 assoc_actor2 location admin1 country latitude longitude geo_precision fatalities claimed modality trigger confidence evidence; do
	grep -q "\"$f\":" "$T_TMP/ex.jsonl" || fail "field $f missing"
done
pass
check "the Shuhayl attack is coded" grep -q '"location":"الشحيل","admin1":"دير الزور"' "$T_TMP/ex.jsonl"
check "the 120 attacks since January are not an event" sh -c "! grep -q '120' '$T_TMP/ex.jsonl' || ! grep -q '\"fatalities\":120' '$T_TMP/ex.jsonl'"

# evidence offsets cut the original bytes at the trigger
python3 - "$ex" "$T_TMP/ex.jsonl" <<'PY' && pass || fail "evidence offsets point at the trigger in the original text"
import json, sys
text = open(sys.argv[1], 'rb').read()
for line in open(sys.argv[2]):
    e = json.loads(line)
    ev = e['evidence']
    got = text[ev['start']:ev['end']].decode('utf-8')
    sent = text[ev['sentence_start']:ev['sentence_end']].decode('utf-8')
    # the trigger is the surface form: marks and tatweel removed
    bare = ''.join(c for c in got if not ('\u064b' <= c <= '\u065f' or c in '\u0670\u0640'))
    assert bare.strip() == e['trigger'].strip(), (got, e['trigger'])
    assert sent == ev['sentence'], 'sentence slice'
    assert ev['sentence_start'] <= ev['start'] < ev['end'] <= ev['sentence_end']
PY

# same input, same ids
"$RASD" extract -q --published 2025-03-18 $ex >"$T_TMP/ex2.jsonl"
check "event ids are stable" cmp -s "$T_TMP/ex.jsonl" "$T_TMP/ex2.jsonl"

# --- stdin, CSV and table
cat examples/articles.jsonl | "$RASD" extract -q --format csv - >"$T_TMP/ex.csv"; rc=$?
check "csv from stdin exits 0" [ $rc -eq 0 ]
check "csv header is ACLED's" sh -c "head -1 '$T_TMP/ex.csv' | grep -q '^event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp'"
python3 - "$T_TMP/ex.csv" <<'PY' && pass || fail "csv reads back with a constant column count"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
assert len(rows) >= 3, rows
assert all(len(r) == len(rows[0]) for r in rows)
PY
"$RASD" extract -q --format table examples/articles.jsonl >"$T_TMP/ex.table"
check "table output names places" grep -q 'place' "$T_TMP/ex.table"
check "the opinion piece codes nothing" sh -c "! grep -q 'example-opinion-1' '$T_TMP/ex.csv'"

# --- bad input: the batch goes on
printf '%s\n' \
 '{"id":"a1","published":"2025-05-03","text":"قتل ثلاثة مدنيين في غارة جوية على بلدة سرمين في ريف إدلب، اليوم السبت."}' \
 '{"id":"broken", "text": "قتل' \
 '{"id":"empty","text":""}' \
 '{"id":"notext","title":"x"}' \
 '[1,2]' \
 '{"id":"a2","published":"2025-05-03","text":"اشتباكات بين قوات النظام وفصائل المعارضة في ريف حماة الشمالي، أمس."}' \
 >"$T_TMP/batch.jsonl"
"$RASD" extract -q --format brief "$T_TMP/batch.jsonl" >"$T_TMP/batch.out" 2>"$T_TMP/batch.err"; rc=$?
check "bad lines give exit 1" [ $rc -eq 1 ]
check "articles after a broken line are coded" grep -q '^a2' "$T_TMP/batch.out"
check "articles before a broken line are coded" grep -q '^a1' "$T_TMP/batch.out"
check "broken JSON names file and line" grep -q "batch.jsonl:2: column" "$T_TMP/batch.err"
check "empty article names file and line" grep -q "batch.jsonl:3: article has no text" "$T_TMP/batch.err"
check "missing text names file and line" grep -q 'batch.jsonl:4: no "text"' "$T_TMP/batch.err"
check "non-object names file and line" grep -q "batch.jsonl:5: not a JSON object" "$T_TMP/batch.err"
check "one line per error" [ "$(wc -l <"$T_TMP/batch.err")" -eq 4 ]

# invalid UTF-8: replaced, warned, still coded
printf 'قتل خمسة مدنيين \377\376 في قصف مدفعي على مدينة دوما أمس.\n' >"$T_TMP/bad-utf8.txt"
"$RASD" extract -q --published 2025-01-10 "$T_TMP/bad-utf8.txt" >"$T_TMP/u.out" 2>"$T_TMP/u.err"; rc=$?
check "invalid UTF-8 is still coded" [ $rc -eq 0 ] && check "invalid UTF-8 yields an event" [ -s "$T_TMP/u.out" ]
check "invalid UTF-8 is warned about" grep -q 'bad-utf8.txt: 2 invalid UTF-8 byte(s) replaced' "$T_TMP/u.err"
"$RASD" extract -q --strict "$T_TMP/bad-utf8.txt" >/dev/null 2>"$T_TMP/u2.err"; rc=$?
check "--strict rejects invalid UTF-8" [ $rc -eq 1 ]
check "--strict names the offset" grep -q 'invalid UTF-8 byte 0xff at offset' "$T_TMP/u2.err"
printf 'x\000y' >"$T_TMP/nul.txt"
"$RASD" extract -q "$T_TMP/nul.txt" >/dev/null 2>"$T_TMP/nul.err"; rc=$?
check "NUL bytes are rejected" [ $rc -eq 1 ] && check "NUL message" grep -q 'NUL byte' "$T_TMP/nul.err"

# empty and whitespace-only text files
: >"$T_TMP/empty.txt"; printf ' \n\n' >"$T_TMP/blank.txt"
"$RASD" extract -q "$T_TMP/empty.txt" "$T_TMP/blank.txt" $ex >"$T_TMP/e.out" 2>"$T_TMP/e.err"; rc=$?
check "empty articles give exit 1" [ $rc -eq 1 ]
check "empty article is named" grep -q 'empty.txt: article has no text' "$T_TMP/e.err"
check "blank article is named" grep -q 'blank.txt: article has no text' "$T_TMP/e.err"
check "the good file after them is coded" [ -s "$T_TMP/e.out" ]

# a huge article: over the cap is an error, not a crash
python3 -c "import sys; sys.stdout.write('قصف ' * 3000000)" >"$T_TMP/huge.txt"
"$RASD" extract -q --max-article-bytes 1M "$T_TMP/huge.txt" $ex >"$T_TMP/h.out" 2>"$T_TMP/h.err"; rc=$?
check "huge article gives exit 1" [ $rc -eq 1 ]
check "huge article is named with the limit" grep -q 'huge.txt: article is [0-9]* bytes, over the limit' "$T_TMP/h.err"
check "the batch goes on after a huge article" [ -s "$T_TMP/h.out" ]

# missing files, directories
"$RASD" extract -q /nonexistent/file.txt $ex >/dev/null 2>"$T_TMP/m.err"; rc=$?
check "missing file exit 1" [ $rc -eq 1 ]
check "missing file message" grep -q "cannot open '/nonexistent/file.txt': No such file or directory" "$T_TMP/m.err"

# output errors: a full disk is reported, a closed pipe is quiet
if [ -w /dev/full ]; then
	"$RASD" extract -q --published 2025-03-18 $ex >/dev/full 2>"$T_TMP/full.err"; rc=$?
	check "write error exit 1" [ $rc -eq 1 ]
	check "write error reported" grep -q 'cannot write output' "$T_TMP/full.err"
else
	skip "/dev/full not available"
fi
for i in 1 2 3 4 5 6 7 8; do cat examples/articles.jsonl; done >"$T_TMP/many.jsonl"
"$RASD" extract -q --format table "$T_TMP/many.jsonl" 2>"$T_TMP/pipe.err" | head -1 >/dev/null
check "no error message on a closed pipe" [ ! -s "$T_TMP/pipe.err" ]

# a broken lexicon line is named with file, line and column
cp -r data "$T_TMP/data"
printf 'قصف\tbombing\tnoun\n' >>"$T_TMP/data/triggers.tsv"
"$RASD" extract -q --data "$T_TMP/data" $ex >/dev/null 2>"$T_TMP/lex.err"; rc=$?
check "bad lexicon exit 1" [ $rc -eq 1 ]
check "bad lexicon names file:line: column" grep -q "triggers.tsv:[0-9]*: column 2: unknown event class 'bombing'" "$T_TMP/lex.err"
printf 'x1\tقرية\t\tX\ttown\tSY\tحلب\t\t\t3x.5\t37.0\t0\n' >"$T_TMP/myplaces.tsv"
"$RASD" extract -q --places "$T_TMP/myplaces.tsv" $ex >/dev/null 2>"$T_TMP/pl.err"; rc=$?
check "bad user place exit 1" [ $rc -eq 1 ]
check "bad latitude named" grep -q "myplaces.tsv:1: column 10: bad latitude '3x.5'" "$T_TMP/pl.err"

# user places extend the gazetteer
printf 'user:1\tخربة الزعتر\t\tKhirbet al-Zaatar\tvillage\tSY\tحماة\t\t\t35.2\t36.6\t0\n' >"$T_TMP/myplaces.tsv"
"$RASD" places --places "$T_TMP/myplaces.tsv" 'خربة الزعتر' >"$T_TMP/pl.out"; rc=$?
check "user place found" [ $rc -eq 0 ] && check "user place listed" grep -q 'user:1' "$T_TMP/pl.out"
"$RASD" places 'دير الزور' >"$T_TMP/dz.out"
check "places lists candidates with coordinates" grep -q 'admin1 .*دير الزور' "$T_TMP/dz.out"

finish
