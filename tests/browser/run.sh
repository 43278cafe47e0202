#!/bin/sh
# tests/browser/run.sh - the dashboard in a real browser: Debian's Chromium
# driven by npm's playwright-core (tests/browser/dashboard.mjs) against a
# `rasd serve` this script starts on loopback, on a database ingested from
# examples/, the test articles here (a clitic form, script and attribute
# payloads, bidi overrides) and, when ../shared is there, the dev articles.
# Screenshots go to $BUILD/screenshots. Skips, saying why, only when
# Chromium or node is missing.
T_NAME=browser
. tests/lib.sh
BUILD=${BUILD:-build}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

if [ ! -x "$CHROMIUM" ]; then
	skip "Chromium is not installed at $CHROMIUM (apt-get install chromium): browser tests not run"
	finish; exit $?
fi
if ! command -v node >/dev/null 2>&1 || [ ! -d web-ui/node_modules/playwright-core ]; then
	skip "node or web-ui/node_modules/playwright-core is missing (make builds them): browser tests not run"
	finish; exit $?
fi

db=$T_TMP/events.db
"$RASD" ingest -q --db "$db" examples/articles.jsonl tests/browser/articles.jsonl || fail "ingest examples"
"$RASD" ingest -q --db "$db" --published 2025-03-18 --source "rasd example" \
	examples/report-deir-ez-zor.txt || fail "ingest the text example"
if [ -f "$SHARED/dev/gold.jsonl" ]; then
	"$RASD" ingest -q --db "$db" "$SHARED/dev/gold.jsonl" "$SHARED/dev/ant-extra.jsonl" ||
		fail "ingest the dev articles"
else
	skip "$SHARED/dev is absent: the browser tests use the bundled articles only"
fi

"$RASD" serve -q --db "$db" --listen 127.0.0.1:0 --rate 0 >"$T_TMP/url" 2>"$T_TMP/err" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$T_TMP"' EXIT
i=0
while [ $i -lt 100 ] && ! grep -q '^http://' "$T_TMP/url" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
url=$(head -n 1 "$T_TMP/url")
case "$url" in
http://127.0.0.1:*) ;;
*) fail "rasd serve did not start: $(cat "$T_TMP/err")"; finish; exit 1 ;;
esac

mkdir -p "$BUILD/screenshots"
timeout 300 node tests/browser/dashboard.mjs "$url" "$BUILD/screenshots" "$CHROMIUM" >"$T_TMP/out" 2>&1
rc=$?
cat "$T_TMP/out"
line=$(grep '^dashboard: .* passed, ' "$T_TMP/out" | tail -n 1)
p=$(echo "$line" | sed -n 's/.* \([0-9][0-9]*\) passed.*/\1/p')
f=$(echo "$line" | sed -n 's/.* \([0-9][0-9]*\) failed.*/\1/p')
T_PASS=$((T_PASS + ${p:-0}))
T_FAIL=$((T_FAIL + ${f:-0}))
[ -n "$line" ] && [ $rc -eq 0 ] || fail "dashboard.mjs exited $rc without a clean summary"
finish
