#!/bin/sh
# A CLI that meets people halfway: filters take codes, Arabic and English
# names and aliases; an unknown value exits 2 naming the closest known ones;
# places and search take English names; stats says plainly what is unknown
# and counts within its filter; the ingest progress line has a total, a
# percentage and an ETA, messages stand on their own lines, plurals agree;
# -V prints the version.
T_NAME=halfway
. tests/lib.sh

db=$T_TMP/e.db
"$RASD" ingest -q --db "$db" examples/articles.jsonl
"$RASD" ingest -q --db "$db" --published 2025-03-18 --source skynews examples/report-deir-ez-zor.txt
n() { "$RASD" query --db "$db" --format jsonl "$@" 2>/dev/null | wc -l | tr -d ' '; }

# --- --actor: a code, English and Arabic names, an alias
isis=$(n --actor ISIS)
check "--actor ISIS finds events ($isis)" [ "$isis" -gt 0 ]
for a in isis 'Islamic State' 'islamic state' 'تنظيم الدولة الإسلامية' داعش لداعش 'تنظيم داعش'; do
	check "--actor '$a' is ISIS" [ "$(n --actor "$a")" = "$isis" ]
done
"$RASD" query --db "$db" --actor 'Islamc State' >/dev/null 2>"$T_TMP/err"; rc=$?
check "an unknown --actor exits 2" [ $rc -eq 2 ]
check "and names the closest: Islamic State (ISIS)" grep -q "no actor 'Islamc State'.*'Islamic State' (ISIS)" "$T_TMP/err"
check "on one line" [ "$(wc -l <"$T_TMP/err")" -eq 1 ]
"$RASD" query --db "$db" --actor 'داعيش' >/dev/null 2>"$T_TMP/err"; rc=$?
check "an unknown Arabic --actor exits 2" [ $rc -eq 2 ]

# --- --admin1: English or Arabic, any spelling
k=$(n --admin1 كركوك)
check "--admin1 كركوك finds events ($k)" [ "$k" -gt 0 ]
for a in Kirkuk kirkuk 'KIRKUK' كركوك; do
	check "--admin1 '$a'" [ "$(n --admin1 "$a")" = "$k" ]
done
dz=$(n --admin1 'دير الزور')
check "--admin1 دير الزور finds the example" [ "$dz" -gt 0 ]
for a in 'Deir ez-Zor' 'Deir-ez-Zor' 'deir ezzor' 'دير الزور'; do
	check "--admin1 '$a'" [ "$(n --admin1 "$a")" = "$dz" ]
done
"$RASD" query --db "$db" --admin1 'Dair ez Zur' >/dev/null 2>"$T_TMP/err"; rc=$?
check "an unknown --admin1 exits 2" [ $rc -eq 2 ] && check "and names Deir-ez-Zor" grep -q "closest known: 'Deir-ez-Zor' (دير الزور, SY)" "$T_TMP/err"
"$RASD" query --db "$db" --admin1 'الحويجة' >/dev/null 2>"$T_TMP/err"; rc=$?
check "a town given as --admin1 exits 2" [ $rc -eq 2 ] && check "and says its governorate" grep -q "not a governorate but a place in كركوك" "$T_TMP/err"

# --- --country: alpha-2, alpha-3, numeric, English, Arabic
sy=$(n --country SY)
check "--country SY finds events ($sy)" [ "$sy" -gt 0 ]
for c in sy SYR syr 760 Syria سوريا سورية; do
	check "--country '$c'" [ "$(n --country "$c")" = "$sy" ]
done
check "--country 368 is Iraq" [ "$(n --country 368)" = "$(n --country IQ)" ]
"$RASD" query --db "$db" --country Syrai >/dev/null 2>"$T_TMP/err"; rc=$?
check "an unknown --country exits 2" [ $rc -eq 2 ] && check "and names Syria" grep -q "'SY (SYR, Syria)'" "$T_TMP/err"

# --- --type, --sub-type
b=$(n --type Battles)
check "--type battles (any case)" [ "$(n --type battles)" = "$b" ]
"$RASD" query --db "$db" --type Battle >/dev/null 2>"$T_TMP/err"; rc=$?
check "an unknown --type exits 2" [ $rc -eq 2 ] && check "and names Battles" grep -q "closest known: 'Battles'" "$T_TMP/err"
"$RASD" query --db "$db" --sub-type 'armed clashes' >/dev/null 2>"$T_TMP/err"; rc=$?
check "an unknown --sub-type exits 2" [ $rc -eq 2 ] && check "and names Armed clash" grep -q "'Armed clash'" "$T_TMP/err"
"$RASD" stats --db "$db" --actor Nobody >/dev/null 2>"$T_TMP/err"; rc=$?
check "stats resolves filters too" [ $rc -eq 2 ]

# --- stats: within the filter, unknowns said plainly
"$RASD" stats --db "$db" --country IQ >"$T_TMP/stats"
ev=$(n --country IQ)
check "stats counts the filter's events" grep -q "^  events  *$ev from $ev report" "$T_TMP/stats"
arts=$("$RASD" query --db "$db" --country IQ --format jsonl | python3 -c 'import json,sys; print(len({s["doc_id"] for l in sys.stdin for s in json.loads(l)["sources"]}))')
check "stats counts the filter's articles ($arts)" grep -q "^  articles  *$arts ($arts with events)" "$T_TMP/stats"
"$RASD" stats --db "$db" >"$T_TMP/stats"
check "stats never says (unknown)" sh -c "! grep -q '(unknown)' '$T_TMP/stats'"

# --- places and search in English
"$RASD" places 'Deir ez-Zor' >"$T_TMP/out"; rc=$?
check "places 'Deir ez-Zor' exits 0" [ $rc -eq 0 ] && check "and lists دير الزور" grep -q 'ocha:SY09 .*دير الزور' "$T_TMP/out"
"$RASD" places 'deir-ez-zor' >/dev/null; check "places by a loose English spelling" [ $? -eq 0 ]
"$RASD" places 'Nowhereville' >/dev/null 2>&1; check "an unknown place exits 1" [ $? -eq 1 ]
"$RASD" search --db "$db" --no-color ISIS >"$T_TMP/out" 2>"$T_TMP/err"; rc=$?
check "search ISIS exits 0" [ $rc -eq 0 ] && check "and finds Arabic articles" grep -q 'داعش' "$T_TMP/out"
check "search says what it searched for" grep -q "searching for 'ISIS' as: .*داعش" "$T_TMP/err"
"$RASD" search --db "$db" --no-color 'Kirkuk' >"$T_TMP/out" 2>/dev/null
check "search Kirkuk finds كركوك" grep -q 'كركوك' "$T_TMP/out"

# --- -V
check "rasd -V" [ "$("$RASD" -V)" = "rasd $(sed -n 's/^#define RASD_VERSION "\(.*\)"/\1/p' include/rasd.h)" ]

# --- plurals and the progress line
"$RASD" ingest --db "$T_TMP/p.db" --published 2025-03-18 examples/report-deir-ez-zor.txt 2>"$T_TMP/err" >/dev/null
check "one article is 'article'" grep -q '^rasd: 1 article read: 1 new' "$T_TMP/err"
check "no '(s)'" sh -c "! grep -q '(s)' '$T_TMP/err'"
if command -v script >/dev/null 2>&1; then
	printf '{"id":"bad","text":' >"$T_TMP/bad.jsonl"
	printf '\n' >>"$T_TMP/bad.jsonl"
	cat examples/articles.jsonl >>"$T_TMP/bad.jsonl"
	# a terminal for stderr: script(1) runs the command on a pseudo-terminal
	script -qec "'$RASD' ingest --db '$T_TMP/tty.db' '$T_TMP/bad.jsonl'" /dev/null >"$T_TMP/tty" 2>&1
	tr '\r' '\n' <"$T_TMP/tty" >"$T_TMP/tty.lines"
	check "progress shows a percentage of the input" grep -q 'rasd: 100% of [0-9.]* [kM]B, [0-9]* articles' "$T_TMP/tty.lines"
	check "a message starts its own line" grep -q "^.*rasd: .*bad.jsonl:1: " "$T_TMP/tty.lines"
	check "the message is not glued to the progress line" sh -c "! grep -q 'errors*rasd:' '$T_TMP/tty'"
else
	skip "script(1) not installed: no terminal to test the progress line"
fi
finish
