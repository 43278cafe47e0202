#!/bin/sh
# Regenerates tests/golden/*.expected.tsv; review the diff before committing.
RASD=${RASD:-build/rasd}
for input in tests/golden/*.jsonl; do
	"$RASD" extract -q --format brief "$input" >"${input%.jsonl}.expected.tsv"
done
git diff --stat -- tests/golden 2>/dev/null || true
