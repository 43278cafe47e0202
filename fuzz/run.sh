#!/bin/sh
# fuzz/run.sh - run each libFuzzer target given on the command line for
# FUZZ_SECONDS (default 60) on its corpus fuzz/corpus-NAME (git-ignored,
# grown across runs) seeded from fuzz/seeds/NAME and fuzz/regressions/NAME,
# and print one line per target: executions, coverage (edges and
# features), corpus size and whether it crashed. Crashing inputs are kept
# as fuzz/artifacts/NAME-crash-*; replay one with `build/fuzz/fuzz_NAME FILE`,
# then add it to fuzz/regressions/NAME/ so tests/unit/test_hostile.c
# replays it on every `make test`.
#   FUZZ_SECONDS=600 sh fuzz/run.sh build/fuzz/fuzz_*     (what `make fuzz` does)
#   FUZZ_JOBS=2 ...   run two targets at a time
#   FUZZ_ARGS='-max_len=4096' ...   extra libFuzzer flags for every target
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_JOBS=${FUZZ_JOBS:-1}
here=$(dirname "$0")
logs=${FUZZ_LOGS:-$here/logs}
mkdir -p "$here/artifacts" "$logs"

# Longer inputs where whole articles matter; short ones where speed does.
max_len() {
	case $1 in
	extract|jsonl) echo 16384 ;;
	lexicon|numdate|doc) echo 8192 ;;
	*) echo 4096 ;;
	esac
}

run_one() { # BINARY
	bin=$1
	name=$(basename "$bin"); name=${name#fuzz_}
	corpus=$here/corpus-$name
	mkdir -p "$corpus"
	set -- "$corpus"
	[ -d "$here/seeds/$name" ] && set -- "$@" "$here/seeds/$name"
	[ -d "$here/regressions/$name" ] && set -- "$@" "$here/regressions/$name"
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$FUZZ_SECONDS" -timeout=20 -rss_limit_mb=2048 \
		-max_len="$(max_len "$name")" -print_final_stats=1 \
		-artifact_prefix="$here/artifacts/$name-" $FUZZ_ARGS "$@" \
		>"$logs/$name.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$name.log" | tail -n 1)
	last=$(grep -E '^#[0-9]+' "$logs/$name.log" | tail -n 1)
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p')
	if [ $rc -eq 0 ]; then status=ok; else status="CRASH (exit $rc, see $logs/$name.log)"; fi
	printf '%-8s %6ss  %10s runs  cov %5s  ft %6s  corpus %-12s %s\n' "$name" \
		"$FUZZ_SECONDS" "${runs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$status"
	[ $rc -eq 0 ]
}

[ $# -gt 0 ] || { echo "usage: FUZZ_SECONDS=N sh fuzz/run.sh build/fuzz/fuzz_NAME..." >&2; exit 2; }
failed=0
if [ "$FUZZ_JOBS" -gt 1 ]; then
	# a simple pool: FUZZ_JOBS targets at a time, results in order of finishing
	results=$(mktemp -d); trap 'rm -rf "$results"' EXIT
	set -- "$@"
	while [ $# -gt 0 ]; do
		k=0; pids=""
		while [ $# -gt 0 ] && [ $k -lt "$FUZZ_JOBS" ]; do
			( run_one "$1" >"$results/$(basename "$1")" ) & pids="$pids $!"
			shift; k=$((k + 1))
		done
		for p in $pids; do wait "$p" || failed=$((failed + 1)); done
	done
	cat "$results"/*
else
	for bin in "$@"; do run_one "$bin" || failed=$((failed + 1)); done
fi
echo "fuzz: $failed target(s) crashed"
[ "$failed" -eq 0 ]
