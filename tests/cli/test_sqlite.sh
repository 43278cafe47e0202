#!/bin/sh
# SQL anywhere: the sqlite3 shell with the loadable extension (build/rasd.so)
# searches an events database with rasd's tokenizer, updates its articles
# (the search index follows) and has rasd's SQL functions; without it the
# same search fails with "no such tokenizer". The views event_full and
# event_source agree with rasd query and need no extension; Python's
# sqlite3 loads the extension too when it can load extensions.
T_NAME=sqlite
. tests/lib.sh

if ! command -v sqlite3 >/dev/null; then
	skip "the sqlite3 shell is not installed (apt-get install sqlite3)"
	finish; exit
fi
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u BUILD -u SAN make -s --no-print-directory sqlite-ext \
	>"$T_TMP/make.log" 2>&1; rc=$?
check "make sqlite-ext exits 0" [ $rc -eq 0 ] || cat "$T_TMP/make.log"
ext=$(pwd)/build/rasd
db=$T_TMP/e.db
"$RASD" ingest -q --db "$db" examples/articles.jsonl
sql() { sqlite3 -batch -cmd ".load $ext" "$db" "$@"; }

# --- without the extension: the tokenizer is missing
sqlite3 -batch "$db" "SELECT count(*) FROM article_fts WHERE article_fts MATCH 'داعش'" >/dev/null 2>"$T_TMP/err"
check "without the extension FTS fails" grep -q 'no such tokenizer: rasd' "$T_TMP/err"

# --- with it: search as rasd search does
want=$("$RASD" search --db "$db" --no-color --limit 100 'داعش' 2>/dev/null | grep -c '^[0-9]*\. ')
got=$(sql "SELECT count(*) FROM article_fts WHERE article_fts MATCH rasd_fts_query('داعش')")
check "the shell finds what rasd search finds ($got of $want)" [ "$got" = "$want" ] && check "and finds something" [ "$got" -gt 0 ]
got=$(sql "SELECT count(*) FROM article_fts WHERE article_fts MATCH 'لداعش'")
check "clitics are the tokenizer's (لداعش)" [ "$got" -ge 1 ]
check "rasd_key folds spellings" [ "$(sql "SELECT rasd_key('الحسكة') = rasd_key('الحسكه')")" = 1 ]
check "rasd_distance_km" [ "$(sql "SELECT round(rasd_distance_km(33.51, 36.29, 36.20, 37.16))")" = 309.0 ]
n=$(sql "SELECT count(*) FROM event WHERE rasd_distance_km(latitude, longitude, 35.33, 40.14) < 50")
check "rasd_distance_km in a WHERE clause" [ "$n" -ge 0 ]

# --- updates: an article's title, a new article; the index follows
sql "UPDATE article SET title = title || ' تحديثتجريبي' WHERE id = (SELECT min(id) FROM article)" 2>"$T_TMP/err"
check "the shell updates an article" [ ! -s "$T_TMP/err" ]
sqlite3 -batch "$db" "UPDATE article SET title = 'x' WHERE id = (SELECT min(id) FROM article)" 2>"$T_TMP/err"
check "without the extension the update fails" grep -q 'no such tokenizer' "$T_TMP/err"
check "the new words are found by the shell" [ "$(sql "SELECT count(*) FROM article_fts WHERE article_fts MATCH 'تحديثتجريبي'")" = 1 ]
"$RASD" search --db "$db" --no-color 'تحديثتجريبي' >"$T_TMP/out" 2>&1
check "and by rasd search" grep -q 'تحديثتجريبي' "$T_TMP/out"
sql "INSERT INTO article_fts(article_fts) VALUES ('integrity-check'); INSERT INTO evidence_fts(evidence_fts) VALUES ('integrity-check')" 2>"$T_TMP/err"
check "the search indexes pass FTS5's integrity check" [ ! -s "$T_TMP/err" ]
"$RASD" ingest -q --db "$db" examples/articles.jsonl; rc=$?
check "rasd still writes the database after the shell did" [ $rc -eq 0 ]

# --- views, no extension needed
n_full=$(sqlite3 -batch "$db" "SELECT count(*) FROM event_full")
n_query=$("$RASD" query --db "$db" --format jsonl | wc -l | tr -d ' ')
check "event_full has every event ($n_full of $n_query)" [ "$n_full" = "$n_query" ]
check "event_full names actors" [ "$(sqlite3 -batch "$db" "SELECT count(*) FROM event_full WHERE actor1 = 'ISIS' AND actor1_name = 'Islamic State'")" -ge 1 ]
check "event_full names places in English and Arabic" [ "$(sqlite3 -batch "$db" "SELECT count(*) FROM event_full WHERE admin1 = 'Kirkuk' AND admin1_ar = 'كركوك' AND location IS NOT NULL")" -ge 1 ]
check "event_full lists outlets" [ "$(sqlite3 -batch "$db" "SELECT count(*) FROM event_full WHERE sources IS NOT NULL")" = "$n_full" ]
n_src=$(sqlite3 -batch "$db" "SELECT count(*) FROM event_source")
n_links=$("$RASD" query --db "$db" --format jsonl | python3 -c 'import json,sys; print(sum(len(json.loads(l)["sources"]) for l in sys.stdin))')
check "event_source has every link ($n_src of $n_links)" [ "$n_src" = "$n_links" ]
check "event_full: every event unreviewed at first" [ "$(sqlite3 -batch "$db" "SELECT count(*) FROM event_full WHERE review_status = 'unreviewed'")" = "$n_full" ]
first=$(sqlite3 -batch "$db" "SELECT min(id) FROM event")
"$RASD" review --db "$db" reject "$first" --reason history 2>/dev/null
check "event_full says what the analyst did" [ "$(sqlite3 -batch "$db" "SELECT review_status || ' ' || review_reason FROM event_full WHERE id = $first")" = "rejected history" ]
check "... so a reader can leave the rejected out" [ "$(sqlite3 -batch "$db" "SELECT count(*) FROM event_full WHERE review_status <> 'rejected'")" = $((n_full - 1)) ]

# --- Python's sqlite3, when it may load extensions (Debian's python3 may)
py=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import sqlite3; sqlite3.connect(":memory:").enable_load_extension(True)' 2>/dev/null; then py=$p; break; fi
done
if [ -n "$py" ]; then
	"$py" - "$db" "$ext" <<'PY' && pass || fail "Python loads the extension and searches"
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.enable_load_extension(True)
con.load_extension(sys.argv[2])
n = con.execute("SELECT count(*) FROM article_fts WHERE article_fts MATCH rasd_fts_query(?)", ("داعش",)).fetchone()[0]
assert n > 0, n
rows = con.execute("SELECT event_id, actor1_name, admin1, location FROM event_full").fetchall()
assert rows
PY
else
	skip "no python3 here can load SQLite extensions"
fi
finish
