#!/bin/sh
# bench/store.sh - the events database at the scale of the whole corpus:
# `rasd ingest` of ../shared/corpus (articles/s, events/s, database size),
# a second ingest of the same corpus (everything unchanged), and the time
# an analyst waits for typical commands on that database (a month of one
# governorate, full-text search of a word, ...), each the median of
# several runs of the whole `rasd` process, open and output included.
#   sh bench/store.sh
# Environment: RASD (default build/rasd), SHARED (../shared),
# RASD_BENCH_CACHE (default $XDG_CACHE_HOME/rasd, else /tmp/rasd-bench),
# RASD_BENCH_ARTICLES (only the first N articles), RASD_BENCH_JOBS
# (ingest --jobs, default 1), RASD_BENCH_RUNS (runs per query, default 15),
# RASD_BENCH_KEEP (keep the database at this path).
set -u

RASD=${RASD:-build/rasd}
SHARED=${SHARED:-../shared}
JOBS=${RASD_BENCH_JOBS:-1}
RUNS=${RASD_BENCH_RUNS:-15}
if [ -n "${RASD_BENCH_CACHE:-}" ]; then
	CACHE=$RASD_BENCH_CACHE
elif [ -n "${XDG_CACHE_HOME:-}" ]; then
	CACHE=$XDG_CACHE_HOME/rasd
else
	CACHE=/tmp/rasd-bench
fi
case "${1:-}" in
"") ;;
-h | --help)
	sed -n '2,13s/^# \{0,1\}//p' "$0"
	exit 0
	;;
*)
	echo "bench/store: unknown option '$1'" >&2
	exit 2
	;;
esac

die() { echo "bench/store: $*" >&2; exit 1; }
[ -x "$RASD" ] || die "no '$RASD': run make first"
command -v python3 >/dev/null 2>&1 || die "python3 is missing (make deps installs it)"
src=$SHARED/corpus/ant-2018.jsonl.xz
[ -f "$src" ] || die "$src is absent: this benchmark needs the real corpus"
mkdir -p "$CACHE" || die "cannot create '$CACHE'"
tmp=$(mktemp -d) || die "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT

corpus=$CACHE/ant-2018.jsonl
if [ ! -s "$corpus" ] || [ "$src" -nt "$corpus" ]; then
	command -v xz >/dev/null 2>&1 || die "xz is missing (make deps installs xz-utils)"
	echo "bench/store: decompressing $src into $CACHE (once)" >&2
	xz -dc "$src" >"$corpus.part.$$" && mv "$corpus.part.$$" "$corpus" ||
		{ rm -f "$corpus.part.$$"; die "cannot decompress '$src'"; }
fi
if [ -n "${RASD_BENCH_ARTICLES:-}" ]; then
	head -n "$RASD_BENCH_ARTICLES" "$corpus" >"$tmp/corpus.jsonl"
	corpus=$tmp/corpus.jsonl
fi
db=${RASD_BENCH_KEEP:-$tmp/events.db}
rm -f "$db" "$db-wal" "$db-shm"

now_ns() { date +%s%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e6 }'; }
per_s() { awk -v n="$1" -v ms="$2" 'BEGIN { if (ms > 0) printf "%.0f", n * 1000 / ms; else print 0 }'; }

cat "$corpus" >/dev/null # the page cache is warm: we time rasd, not the disk
bytes=$(wc -c <"$corpus" | tr -d ' ')
echo "rasd bench/store: $(wc -l <"$corpus" | tr -d ' ') articles, $bytes bytes ($corpus), ingest --jobs $JOBS, $(nproc 2>/dev/null || echo '?') cores"

# ------------------------------------------------------------------ ingest
t0=$(now_ns)
"$RASD" ingest --db "$db" --jobs "$JOBS" "$corpus" >/dev/null 2>"$tmp/ingest.err"
rc=$?
t1=$(now_ns)
[ $rc -le 1 ] || { cat "$tmp/ingest.err" >&2; die "ingest failed (exit $rc)"; }
grep -q 'article(s) read' "$tmp/ingest.err" || { cat "$tmp/ingest.err" >&2; die "ingest failed"; }
ingest_ms=$(ms "$t0" "$t1")
set -- $(python3 - "$db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
one = lambda q: c.execute(q).fetchone()[0]
print(one('select count(*) from article'), one('select count(*) from event'),
      one('select count(*) from mention'), one('select count(*) from event where narticles > 1'),
      one("select admin1 || '|' || substr(event_date, 1, 7) from event where admin1 is not null"
          " and event_date is not null group by admin1_key, substr(event_date, 1, 7)"
          " order by count(*) desc limit 1").replace(' ', '_'))
PY
)
articles=$1 events=$2 mentions=$3 multi=$4 busiest=$5
size=$(wc -c <"$db" | tr -d ' ')
wal=0; [ -f "$db-wal" ] && wal=$(wc -c <"$db-wal" | tr -d ' ')
echo
echo "ingest (new database)"
echo "  wall            $(awk -v m="$ingest_ms" 'BEGIN { printf "%.1f s", m / 1000 }')"
echo "  articles        $articles stored, $(per_s "$articles" "$ingest_ms") articles/s, $(awk -v b="$bytes" -v m="$ingest_ms" 'BEGIN { printf "%.1f", b / 1000 / m }') MB/s"
echo "  events          $mentions coded ($(per_s "$mentions" "$ingest_ms")/s) -> $events after deduplication ($(per_s "$events" "$ingest_ms")/s); $multi with several articles"
echo "  database        $(awk -v s="$size" 'BEGIN { printf "%.1f MB", s / 1e6 }') ($(awk -v s="$size" -v b="$bytes" 'BEGIN { printf "%.2f", s / b }') x the corpus), WAL left: $wal bytes"
sed 's/^/  /' "$tmp/ingest.err" | grep 'article(s) read'

t0=$(now_ns)
"$RASD" ingest -q --db "$db" --jobs "$JOBS" "$corpus" >/dev/null 2>&1
t1=$(now_ns)
again_ms=$(ms "$t0" "$t1")
echo
echo "ingest again (all unchanged): $(awk -v m="$again_ms" 'BEGIN { printf "%.1f s", m / 1000 }'), $(per_s "$articles" "$again_ms") articles/s"

# ----------------------------------------------------------------- queries
# timed NAME CMD...: median and max of $RUNS runs, in ms; output discarded
timed() {
	name=$1; shift
	"$@" >"$tmp/out" 2>"$tmp/err" || { echo "  $name: FAILED"; sed 's/^/    /' "$tmp/err"; return; }
	rows=$(wc -l <"$tmp/out" | tr -d ' ')
	: >"$tmp/times"
	i=0
	while [ $i -lt "$RUNS" ]; do
		t0=$(now_ns)
		"$@" >/dev/null 2>&1
		t1=$(now_ns)
		ms "$t0" "$t1" >>"$tmp/times"
		echo >>"$tmp/times"
		i=$((i + 1))
	done
	sort -n "$tmp/times" | awk -v name="$name" -v rows="$rows" '
		NF { v[++n] = $1 }
		END { printf "  %7.1f ms median %7.1f ms max %6s lines  %s\n", v[int((n + 1) / 2)], v[n], rows, name }'
}
admin=$(echo "$busiest" | cut -d'|' -f1 | tr '_' ' ')
month=$(echo "$busiest" | cut -d'|' -f2)
echo
echo "queries (whole rasd process, $RUNS runs each; 'well under 100 ms' is the goal)"
timed "a month of one governorate ($admin, $month), table" \
	"$RASD" query --db "$db" --admin1 "$admin" --from "$month" --to "$month"
timed "the same as CSV" \
	"$RASD" query --db "$db" --admin1 "$admin" --from "$month" --to "$month" --format csv
timed "full-text search of a word (داعش), 20 best" \
	"$RASD" search --db "$db" --no-color "داعش"
timed "full-text search of a rarer word (هجين)" \
	"$RASD" search --db "$db" --no-color "هجين"
timed "full-text search of a phrase (\"غارة جوية\")" \
	"$RASD" search --db "$db" --no-color '"غارة جوية"'
timed "events whose evidence names a word (--text الحديدة)" \
	"$RASD" query --db "$db" --text "الحديدة" --format jsonl
timed "Battles in Syria, one month, JSONL" \
	"$RASD" query --db "$db" --type Battles --country SY --from "$month" --to "$month" --format jsonl
timed "within 25 km of Damascus (--near), CSV" \
	"$RASD" query --db "$db" --near 33.513,36.292,25 --format csv
timed "one actor (--actor ISIS), the latest 50" \
	"$RASD" query --db "$db" --actor ISIS --newest-first --limit 50
timed "rasd stats (all tables)" \
	"$RASD" stats --db "$db"
RUNS=3 timed "export: every event as GeoJSON (not a typed query)" \
	"$RASD" query --db "$db" --format geojson
RUNS=3 timed "export: every event as CSV (not a typed query)" \
	"$RASD" query --db "$db" --format csv
[ -n "${RASD_BENCH_KEEP:-}" ] && echo && echo "database kept: $db"
exit 0
