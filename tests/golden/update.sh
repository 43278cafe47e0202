#!/bin/sh
# Regenerates tests/golden/*.expected.tsv; review the diff before committing.
RASD=${RASD:-build/rasd}
for input in tests/golden/*.jsonl; do
	"$RASD" extract -q --format brief "$input" >"${input%.jsonl}.expected.tsv"
done
SHARED=${SHARED:-../shared}
if [ -f "$SHARED/dev/gold.jsonl" ]; then
	"$RASD" extract -q --format brief "$SHARED/dev/gold.jsonl" 2>/dev/null | sha256sum | cut -d' ' -f1 >tests/golden/dev.sha256
fi
if [ -f "$SHARED/corpus/ant-2018.jsonl.xz" ]; then
	{
		for d in "$SHARED"/dev/*.jsonl; do "$RASD" extract -q "$d"; done
		xz -dc "$SHARED/corpus/ant-2018.jsonl.xz" | head -n 6000 | "$RASD" extract -q -
	} 2>/dev/null | sha256sum | cut -d' ' -f1 >tests/golden/events.sha256
fi
git diff --stat -- tests/golden 2>/dev/null || true
