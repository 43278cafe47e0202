#!/bin/sh
# bench/store_scale.sh - the events database at a million events: builds
# (once, cached) a database from ../shared/corpus/ant-2018.jsonl.xz with
# `rasd ingest`, doubles it ROUNDS times with build/bench/store_grow
# (shifted dates and ids: 8,827 events become 1,129,856 at 7 rounds), then
# times every `rasd query` filter alone and in combinations (first page
# in the default order, and --newest-first --limit 50), `search`, `stats`
# and each export (CSV, GeoJSON, JSONL: events/s and peak memory), as a
# table with each target marked met or NOT met.
#   sh bench/store_scale.sh [--rebuild]
# Environment: RASD (build/rasd), GROW (build/bench/store_grow), SHARED
# (../shared), RASD_BENCH_ROUNDS (7), RASD_BENCH_CORPUS (a JSONL corpus to
# use instead of the 2018 one), RASD_BENCH_STORE (cache directory,
# build/bench-store), RASD_BENCH_RUNS (runs per query, median; 3),
# RASD_BENCH_EXPORTS (0: skip the exports).
set -u

RASD=${RASD:-build/rasd}
GROW=${GROW:-build/bench/store_grow}
SHARED=${SHARED:-../shared}
ROUNDS=${RASD_BENCH_ROUNDS:-7}
RUNS=${RASD_BENCH_RUNS:-3}
STORE=${RASD_BENCH_STORE:-build/bench-store}
EXPORTS=${RASD_BENCH_EXPORTS:-1}
rebuild=0
case "${1:-}" in
"") ;;
--rebuild) rebuild=1 ;;
-h | --help)
	sed -n '2,16s/^# \{0,1\}//p' "$0"
	exit 0
	;;
*)
	echo "bench/store_scale: unknown option '$1'" >&2
	exit 2
	;;
esac

die() { echo "bench/store_scale: $*" >&2; exit 1; }
[ -x "$RASD" ] || die "no '$RASD': run make first"
[ -x "$GROW" ] || die "no '$GROW': run make bench first"
mkdir -p "$STORE" || die "cannot create '$STORE'"
tmp=$(mktemp -d) || die "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT

# ------------------------------------------------------------- the corpus
if [ -n "${RASD_BENCH_CORPUS:-}" ]; then
	corpus=$RASD_BENCH_CORPUS
	[ -f "$corpus" ] || die "'$corpus' is absent"
else
	src=$SHARED/corpus/ant-2018.jsonl.xz
	[ -f "$src" ] || die "$src is absent: this benchmark needs the real corpus"
	corpus=$STORE/ant-2018.jsonl
	if [ ! -s "$corpus" ] || [ "$src" -nt "$corpus" ]; then
		command -v xz >/dev/null 2>&1 || die "xz is missing (make deps installs xz-utils)"
		xz -dc "$src" >"$corpus.part" && mv "$corpus.part" "$corpus" ||
			{ rm -f "$corpus.part"; die "cannot decompress '$src'"; }
	fi
fi

now_ns() { date +%s%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e6 }'; }

# ----------------------------------------------------------- the database
# The cache is named by the corpus, the rounds and the schema version a
# fresh database gets, and rebuilt when the corpus or rasd is newer.
"$RASD" ingest -q --db "$tmp/v.db" --published 2020-01-01 --source v /dev/null >/dev/null 2>&1
schema=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("pragma user_version").fetchone()[0])' "$tmp/v.db" 2>/dev/null || echo 0)
db=$STORE/$(basename "$corpus" .jsonl)-x$ROUNDS-v$schema.db
if [ $rebuild = 1 ] || [ ! -s "$db" ] || [ "$corpus" -nt "$db" ]; then
	rm -f "$db" "$db-wal" "$db-shm"
	echo "bench/store_scale: building $db (ingest, then $ROUNDS doublings; minutes)" >&2
	t0=$(now_ns)
	"$RASD" ingest -q --db "$db.part" "$corpus" >/dev/null 2>"$tmp/ingest.err"
	rc=$?
	t1=$(now_ns)
	[ $rc -le 1 ] || { cat "$tmp/ingest.err" >&2; die "ingest failed (exit $rc)"; }
	echo "ingest of $(basename "$corpus"): $(awk -v m="$(ms "$t0" "$t1")" 'BEGIN { printf "%.1f s", m / 1000 }')" >"$db.ingest"
	"$GROW" --rounds "$ROUNDS" "$db.part" 2>"$tmp/grow.err" || { cat "$tmp/grow.err" >&2; die "growing failed"; }
	t2=$(now_ns)
	echo "doubling $ROUNDS times: $(awk -v m="$(ms "$t1" "$t2")" 'BEGIN { printf "%.1f s", m / 1000 }')" >>"$db.ingest"
	rm -f "$db.part-wal" "$db.part-shm"
	mv "$db.part" "$db" || die "cannot move the database into place"
fi
# the first open by this rasd migrates an older cached file: not timed
"$RASD" stats --db "$db" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; die "'$db' does not open"; }
cat "$db" >/dev/null # a warm page cache: we time rasd, not the disk

set -- $(python3 - "$db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
one = lambda q: c.execute(q).fetchone()[0]
print(one('select count(*) from event'), one('select count(*) from article'),
      one('select count(*) from mention'),
      one("select substr(max(event_date), 1, 7) from event"))
PY
)
events=$1 articles=$2 mentions=$3 month=$4
echo "rasd bench/store_scale: $events events, $mentions reports, $articles articles," \
	"$(awk -v s="$(wc -c <"$db")" 'BEGIN { printf "%.2f GB", s / 1e9 }'), schema $schema, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
[ -f "$db.ingest" ] && sed 's/^/  built: /' "$db.ingest"

# timed TARGET_MS NAME ARGS...: the median of $RUNS runs of rasd ARGS
fails=0
timed() {
	target=$1 name=$2
	shift 2
	"$RASD" "$@" >"$tmp/out" 2>"$tmp/err" || { printf '  %9s  %7s  %-6s  %s\n' FAILED "" "" "$name"; sed 's/^/    /' "$tmp/err"; fails=$((fails + 1)); return; }
	rows=$(wc -l <"$tmp/out" | tr -d ' ')
	: >"$tmp/times"
	i=0
	while [ $i -lt "$RUNS" ]; do
		t0=$(now_ns)
		"$RASD" "$@" >/dev/null 2>&1
		t1=$(now_ns)
		ms "$t0" "$t1" >>"$tmp/times"
		echo >>"$tmp/times"
		i=$((i + 1))
	done
	med=$(sort -n "$tmp/times" | awk 'NF { v[++n] = $1 } END { print v[int((n + 1) / 2)] }')
	met=$(awk -v m="$med" -v t="$target" 'BEGIN { print (m < t) ? "met" : "NOT met" }')
	[ "$met" = met ] || fails=$((fails + 1))
	printf '  %7.1f ms  < %4d  %-7s %7s lines  %s\n' "$med" "$target" "$met" "$rows" "$name"
}
D="--db $db"
P="--limit 50"
N="--newest-first --limit 50"
echo
echo "queries: the median of $RUNS runs of the whole rasd process, first page ($P), default order"
timed 100 "--from/--to (the last month, $month)" query $D $P --from "$month" --to "$month"
timed 100 "--from (the last month on)" query $D $P --from "$month"
timed 100 "--to 2018-06" query $D $P --to 2018-06
timed 100 "--type Battles" query $D $P --type Battles
timed 100 "--sub-type 'Air/drone strike'" query $D $P --sub-type 'Air/drone strike'
timed 100 "--actor ISIS" query $D $P --actor ISIS
timed 100 "--actor SYR-GOV" query $D $P --actor SYR-GOV
timed 100 "--admin1 'Deir ez-Zor'" query $D $P --admin1 'دير الزور'
timed 100 "--country IQ" query $D $P --country IQ
timed 100 "--near Damascus,25 km" query $D $P --near 33.513,36.292,25
timed 100 "--text الحديدة" query $D $P --text الحديدة
timed 100 "--min-fatalities 50" query $D $P --min-fatalities 50
timed 100 "--status reviewed" query $D $P --status reviewed
timed 100 "--status all" query $D $P --status all
timed 100 "--type Battles --country SY --from/--to $month" query $D $P --type Battles --country SY --from "$month" --to "$month"
timed 100 "--actor ISIS --admin1 'Deir ez-Zor'" query $D $P --actor ISIS --admin1 'دير الزور'
timed 100 "--near Damascus,25 --from 2100" query $D $P --near 33.513,36.292,25 --from 2100
timed 100 "--text قصف --country SY" query $D $P --text قصف --country SY
timed 100 "--sub-type 'Air/drone strike' --min-fatalities 10" query $D $P --sub-type 'Air/drone strike' --min-fatalities 10
timed 100 "--type Battles --format jsonl" query $D $P --type Battles --format jsonl
timed 100 "--admin1 'Deir ez-Zor' --format csv" query $D $P --admin1 'دير الزور' --format csv
echo
echo "queries, --newest-first --limit 50"
timed 100 "(no filter)" query $D $N
timed 100 "--actor ISIS" query $D $N --actor ISIS
timed 100 "--type Battles" query $D $N --type Battles
timed 100 "--country SY" query $D $N --country SY
timed 100 "--admin1 'Deir ez-Zor'" query $D $N --admin1 'دير الزور'
timed 100 "--near Damascus,25 km" query $D $N --near 33.513,36.292,25
timed 100 "--text الحديدة" query $D $N --text الحديدة
timed 100 "--min-fatalities 50" query $D $N --min-fatalities 50
echo
echo "search and statistics"
timed 100 "search داعش (20 best)" search $D --no-color داعش
timed 100 "search '\"غارة جوية\"'" search $D --no-color '"غارة جوية"'
timed 300 "stats" stats $D
timed 300 "stats --top 0" stats $D --top 0
timed 1000 "stats --country SY --from 2100 (filtered)" stats $D --country SY --from 2100

# export FORMAT: every event, once; events/s and peak memory
export_one() {
	fmt=$1
	t0=$(now_ns)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%M' -o "$tmp/rss" "$RASD" query -q $D --format "$fmt" >"$tmp/x.$fmt" 2>"$tmp/err"
	else
		"$RASD" query -q $D --format "$fmt" >"$tmp/x.$fmt" 2>"$tmp/err"
		echo 0 >"$tmp/rss"
	fi
	rc=$?
	t1=$(now_ns)
	[ $rc = 0 ] || { echo "  export $fmt: FAILED"; sed 's/^/    /' "$tmp/err"; fails=$((fails + 1)); return; }
	t=$(ms "$t0" "$t1")
	rate=$(awk -v n="$events" -v m="$t" 'BEGIN { printf "%.0f", n * 1000 / m }')
	met=$(awk -v r="$rate" 'BEGIN { print (r >= 200000) ? "met" : "NOT met" }')
	[ "$met" = met ] || fails=$((fails + 1))
	printf '  %7.1f s  %8s events/s  >= 200000  %-7s  peak %6.1f MB  %6.1f MB out  %s\n' \
		"$(awk -v m="$t" 'BEGIN { print m / 1000 }')" "$rate" "$met" \
		"$(awk -v k="$(tail -1 "$tmp/rss")" 'BEGIN { print k / 1024 }')" \
		"$(awk -v s="$(wc -c <"$tmp/x.$fmt")" 'BEGIN { print s / 1e6 }')" "$fmt"
	rm -f "$tmp/x.$fmt"
}
if [ "$EXPORTS" != 0 ]; then
	echo
	echo "exports: every event ($events), once each"
	export_one csv
	export_one geojson
	export_one jsonl
fi
echo
echo "$fails target(s) NOT met"
exit 0
