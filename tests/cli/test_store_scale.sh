#!/bin/sh
# The store benchmark's builder and script at a small scale, so that they
# do not rot outside `make bench`: bench/store_grow doubles a database
# (events, reports, articles behind them; ids suffixed, dates moved by
# whole years, full-text indexes kept), and bench/store_scale.sh runs its
# whole table on a database grown once from the examples.
T_NAME=store_scale
. tests/lib.sh

BUILD=${BUILD:-build}
GROW=$BUILD/bench/store_grow
if [ ! -x "$GROW" ] || [ "$BUILD/librasd.a" -nt "$GROW" ]; then
	skip "$GROW is not built or older than the library (make bench builds it)"
	finish
	exit $?
fi
q() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$@"; }

"$GROW" --help >/dev/null 2>&1; check "store_grow --help exits 0" [ $? -eq 0 ]
"$GROW" >/dev/null 2>&1; check "store_grow without a database exits 2" [ $? -eq 2 ]
"$GROW" --rounds 0 x.db >/dev/null 2>&1; check "store_grow --rounds 0 exits 2" [ $? -eq 2 ]
printf 'not a database' >"$T_TMP/junk.db"
"$GROW" "$T_TMP/junk.db" >/dev/null 2>"$T_TMP/err"; rc=$?
check "a file that is not a rasd database exits 1" [ $rc -eq 1 ]

db=$T_TMP/g.db
"$RASD" ingest -q --db "$db" examples/articles.jsonl 2>/dev/null
e0=$(q "$db" 'select count(*) from event')
m0=$(q "$db" 'select count(*) from mention')
a0=$(q "$db" 'select count(*) from article')
w0=$(q "$db" 'select count(distinct article) from mention')
d0=$(q "$db" 'select min(event_date) from event')
check "the examples give events" [ "$e0" -gt 0 ]
"$GROW" --rounds 2 "$db" 2>"$T_TMP/err"
check "store_grow --rounds 2 exits 0" [ $? -eq 0 ]
check "four times the events" [ "$(q "$db" 'select count(*) from event')" -eq $((e0 * 4)) ]
check "four times the reports" [ "$(q "$db" 'select count(*) from mention')" -eq $((m0 * 4)) ]
check "the reporting articles copied, the others not" \
	[ "$(q "$db" 'select count(*) from article')" -eq $((a0 + 3 * w0)) ]
check "every report links an article of its own copy" \
	[ "$(q "$db" "select count(*) from mention m join article a on a.id = m.article where substr(a.doc_id, -2) glob '~[0-9]' and substr(m.mention_id, -2) != substr(a.doc_id, -2)")" -eq 0 ]
check "the last copy lies three years later" \
	[ "$(q "$db" 'select min(event_date) from event where event_id like "%~1~2"')" = "$(( ${d0%%-*} + 3 ))-${d0#*-}" ]
check "doc ids stay unique" \
	[ "$(q "$db" 'select count(distinct doc_id) = count(*) from article')" -eq 1 ]
"$RASD" search --db "$db" --no-color قصف >"$T_TMP/hits"
check "the copies are in the full-text index" grep -q '^[0-9]*\. [^ ]*~1~2 ' "$T_TMP/hits"
"$RASD" check --db "$db" >/dev/null 2>&1
check "rasd check accepts the grown database" [ $? -eq 0 ]

# the whole benchmark at one doubling of the examples
RASD_BENCH_CORPUS=examples/articles.jsonl RASD_BENCH_ROUNDS=1 RASD_BENCH_RUNS=1 \
	RASD_BENCH_STORE=$T_TMP/store RASD=$RASD GROW=$GROW sh bench/store_scale.sh >"$T_TMP/out" 2>&1
check "bench/store_scale.sh exits 0" [ $? -eq 0 ]
check "it says what it measured" grep -q "^rasd bench/store_scale: $((e0 * 2)) events" "$T_TMP/out"
check "no command failed" sh -c "! grep -q FAILED '$T_TMP/out'"
check "it times stats" grep -q ' stats$' "$T_TMP/out"
check "it times the three exports" [ "$(grep -c 'events/s' "$T_TMP/out")" -eq 3 ]
check "it counts the targets" grep -q 'target(s) NOT met$' "$T_TMP/out"
finish
