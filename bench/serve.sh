#!/bin/sh
# bench/serve.sh - `rasd serve` under load: wrk (Debian's) with 50
# connections against /api/events (a page of 50, the dashboard's table)
# and /api/stats (the timeline, the governorates, the totals) on a
# database of the whole corpus; prints requests/s and the latency
# percentiles wrk measures (p50, p90, p99). Not part of make test.
#   sh bench/serve.sh
# Environment: RASD (default build/rasd), SHARED (../shared), RASD_BENCH_DB
# (the database; default $RASD_BENCH_CACHE or /tmp/rasd-bench /serve.db,
# made from ../shared/corpus when missing), RASD_BENCH_SECONDS (per run,
# default 10), RASD_BENCH_CONNECTIONS (50), RASD_BENCH_THREADS (server
# worker threads, default 2).
set -u
RASD=${RASD:-build/rasd}
SHARED=${SHARED:-../shared}
CACHE=${RASD_BENCH_CACHE:-/tmp/rasd-bench}
DB=${RASD_BENCH_DB:-$CACHE/serve.db}
SECONDS_RUN=${RASD_BENCH_SECONDS:-10}
CONN=${RASD_BENCH_CONNECTIONS:-50}
THREADS=${RASD_BENCH_THREADS:-2}
case "${1:-}" in
-h | --help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
esac
command -v wrk >/dev/null 2>&1 || { echo "bench/serve.sh: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[ -x "$RASD" ] || { echo "bench/serve.sh: $RASD is missing (run make)" >&2; exit 1; }

if [ ! -f "$DB" ]; then
	corpus=$(ls "$SHARED"/corpus/*.jsonl.xz 2>/dev/null | head -n 1)
	[ -n "$corpus" ] || { echo "bench/serve.sh: no corpus in $SHARED/corpus" >&2; exit 1; }
	mkdir -p "$(dirname "$DB")"
	echo "bench/serve.sh: ingesting $corpus into $DB (once)"
	xz -dc "$corpus" | "$RASD" ingest -q --db "$DB" - || exit 1
fi

tmp=$(mktemp -d)
"$RASD" serve -q --db "$DB" --listen 127.0.0.1:0 --rate 0 --threads "$THREADS" >"$tmp/url" 2>"$tmp/err" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
i=0
while [ $i -lt 100 ] && ! grep -q '^http://' "$tmp/url" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
url=$(head -n 1 "$tmp/url")
case "$url" in http://*) ;; *) echo "bench/serve.sh: rasd serve did not start: $(cat "$tmp/err")" >&2; exit 1 ;; esac

# asked of the server, which brings an older database up to date first
events=$(curl -s "${url}api/stats" | python3 -c "import json,sys; print(json.load(sys.stdin)['totals']['events'])" 2>/dev/null)
echo "database: $DB (${events:-?} events), $CONN connections, ${SECONDS_RUN}s per endpoint, $THREADS server threads"
printf '%-44s %9s %10s %9s %9s %9s\n' endpoint cold 'req/s' p50 p90 p99
for path in "api/events?limit=50&sort=-date" "api/stats" "api/events?admin1=%D8%AD%D9%84%D8%A8&limit=50" "api/stats?type=Battles"; do
	# the first request is answered by the store (cold); wrk's are mostly
	# answered from the server's cache, as the dashboard's repeats are
	cold=$(curl -s -o /dev/null -w '%{time_total}' "$url$path" | awk '{printf "%.1fms", $1 * 1000}')
	wrk -t2 -c"$CONN" -d"${SECONDS_RUN}s" --latency "$url$path" >"$tmp/wrk" 2>&1
	rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$tmp/wrk")
	p50=$(sed -n 's/^ *50% *\([0-9.]*[a-z]*\).*/\1/p' "$tmp/wrk")
	p90=$(sed -n 's/^ *90% *\([0-9.]*[a-z]*\).*/\1/p' "$tmp/wrk")
	p99=$(sed -n 's/^ *99% *\([0-9.]*[a-z]*\).*/\1/p' "$tmp/wrk")
	errs=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/ (\1 non-2xx)/p; s/^ *Socket errors: \(.*\)/ (socket errors: \1)/p' "$tmp/wrk" | tr -d '\n')
	printf '%-44s %9s %10s %9s %9s %9s%s\n' "/$path" "$cold" "$rps" "$p50" "$p90" "$p99" "$errs"
done
