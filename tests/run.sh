#!/bin/sh
# tests/run.sh - runs every unit test binary, the golden tests and the CLI
# tests, and ends with one line "N passed, N failed" (N skipped when the
# tests that need ../shared/ cannot run).
BUILD=${BUILD:-build}
RASD=${RASD:-$BUILD/rasd}
SHARED=${SHARED:-../shared}
export RASD SHARED BUILD
passed=0; failed=0; skipped=0
log=$(mktemp); trap 'rm -f "$log"' EXIT

add_line() { # parse "...: N passed, N failed[, N skipped]"
	p=$(echo "$1" | sed -n 's/.* \([0-9][0-9]*\) passed.*/\1/p')
	f=$(echo "$1" | sed -n 's/.* \([0-9][0-9]*\) failed.*/\1/p')
	s=$(echo "$1" | sed -n 's/.* \([0-9][0-9]*\) skipped.*/\1/p')
	passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
}

for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	"$t" >"$log" 2>&1; rc=$?
	line=$(grep ' passed, ' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "$t: crashed (exit $rc)"; cat "$log"; failed=$((failed + 1)); continue
	fi
	[ $rc -ne 0 ] && cat "$log"
	echo "$line"; add_line "$line"
done

for t in tests/golden/run.sh tests/cli/*.sh tests/browser/run.sh; do
	[ -f "$t" ] || continue
	sh "$t" >"$log" 2>&1; rc=$?
	line=$(grep ' passed, ' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "$t: no summary (exit $rc)"; cat "$log"; failed=$((failed + 1)); continue
	fi
	if [ $rc -ne 0 ] || echo "$line" | grep -qv ' 0 failed'; then cat "$log"; fi
	echo "$line"; add_line "$line"
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
