#!/bin/sh
# The counts of `rasd stats` are kept by triggers (schema 7, summary.c)
# and read from there for the default filter; any other filter counts the
# events themselves. The two must agree after every kind of write:
# ingest, a second outlet merged in, re-ingest of a changed article,
# review (reject, correct, merge, split, undo) and rebuild.
T_NAME=store_summary
. tests/lib.sh

db=$T_TMP/s.db
agree() {
	"$RASD" stats --db "$db" --top 0 >"$T_TMP/fast" 2>&1
	"$RASD" stats --db "$db" --top 0 --status unreviewed,accepted,corrected >"$T_TMP/slow" 2>&1
	if cmp -s "$T_TMP/fast" "$T_TMP/slow" && [ -s "$T_TMP/fast" ]; then
		pass
	else
		fail "stats from the summaries after $1"
		diff "$T_TMP/slow" "$T_TMP/fast" | head -20
	fi
}
# one number of the summary tables or the events, with plain SQLite
q() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$db" "$1"; }

"$RASD" ingest -q --db "$db" examples/articles.jsonl 2>/dev/null
agree "an ingest"
# the same reports from a second outlet: merged into the same events
sed -e 's/"id": *"\([^"]*\)"/"id":"\1-b"/' -e 's/"source": *"[^"]*"/"source":"outlet b"/' \
	examples/articles.jsonl >"$T_TMP/b.jsonl"
"$RASD" ingest -q --db "$db" "$T_TMP/b.jsonl" 2>/dev/null
agree "a second outlet"
check "some events have two outlets" [ "$(q 'select count(*) from event where nsources > 1')" -gt 0 ]
check "the outlets are counted" grep -q 'outlet b' "$T_TMP/fast"
# a changed article: its reports replaced
sed -e '1s/قُتل جنديان/قُتل خمسة جنود/' "$T_TMP/b.jsonl" >"$T_TMP/b2.jsonl"
"$RASD" ingest -q --db "$db" "$T_TMP/b2.jsonl" 2>/dev/null
agree "a changed article"
"$RASD" review --db "$db" --reviewer t reject 1 --reason not-event >/dev/null 2>&1
check "reject works" [ "$(q "select count(*) from event where review_status = 'rejected'")" -eq 1 ]
agree "a rejection"
"$RASD" review --db "$db" --reviewer t set 2 fatalities=40 event_type=Battles sub_event_type='Armed clash' >/dev/null 2>&1
check "set works" [ "$(q 'select fatalities from event where id = 2')" -eq 40 ]
agree "a correction"
"$RASD" review --db "$db" --reviewer t merge 3 4 >/dev/null 2>&1
check "merge works" [ "$(q 'select count(*) from event where id = 4')" -eq 0 ]
agree "a merge"
"$RASD" review --db "$db" --reviewer t split 3 >/dev/null 2>&1
agree "a split"
"$RASD" review --db "$db" --reviewer t undo 1 >/dev/null 2>&1
agree "an undo"
"$RASD" rebuild --db "$db" >/dev/null 2>&1
check "rebuild works" [ $? -eq 0 ]
agree "a rebuild"
check "the summaries hold every event" \
	[ "$(q 'select sum(n) from stat_month')" -eq "$(q 'select count(*) from event')" ]
check "and the reports of every article" \
	[ "$(q 'select sum(n) from article_live')" -eq "$(q "select count(*) from mention m join event e on e.id = m.event where e.review_status <> 'rejected'")" ]
"$RASD" check --db "$db" >/dev/null 2>&1
check "rasd check accepts the database" [ $? -eq 0 ]

# a database of schema 4 (before the R*Tree and the summaries) is brought
# up to date by the next writer, its counts filled from its events
"$RASD" query --db "$db" --status all --format jsonl >"$T_TMP/before"
python3 - "$db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for (kind, name) in c.execute("select type, name from sqlite_master where type = 'trigger'"
                              " and (name like '%stat%' or name like 'event_geo%')").fetchall():
    c.execute('drop trigger ' + name)
for t in ('stat_month', 'stat_type', 'stat_admin1', 'stat_actor', 'stat_day_type',
          'stat_source', 'event_outlet', 'article_live', 'event_geo'):
    c.execute('drop table ' + t)
c.execute('drop index event_type_nocase')
c.execute('drop index event_sub_type_nocase')
c.execute('create index event_latitude on event(latitude)')
c.execute('pragma user_version = 4')
c.commit()
PY
check "the database is at schema 4" [ "$(q 'pragma user_version')" -eq 4 ]
"$RASD" stats --db "$db" >/dev/null 2>"$T_TMP/err"
check "a reader is told to upgrade" grep -q 'rasd ingest' "$T_TMP/err"
: >"$T_TMP/empty.jsonl"
"$RASD" ingest -q --db "$db" "$T_TMP/empty.jsonl"
check "a writer migrates it" [ "$(q 'pragma user_version')" -eq 7 ]
check "every point is in the R*Tree" \
	[ "$(q 'select count(*) from event_geo')" -eq "$(q 'select count(*) from event where latitude is not null')" ]
agree "a migration from schema 4"
"$RASD" query --db "$db" --status all --format jsonl >"$T_TMP/after"
check "the events read the same after it" cmp -s "$T_TMP/before" "$T_TMP/after"
finish
