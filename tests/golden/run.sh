#!/bin/sh
# Golden tests: the seed article must yield its required events and nothing
# spurious; our own test articles must code exactly as reviewed in
# tests/golden/*.expected.tsv (refresh with `make golden-update`, then
# review the diff).
T_NAME=golden
. tests/lib.sh

if [ -f "$SHARED/seed/article.txt" ]; then
	if "$RASD" eval --summary --require-perfect --text "$SHARED/seed/article.txt" \
		"$SHARED/seed/gold.json" >"$T_TMP/seed.out" 2>&1; then
		pass
	else
		fail "seed article: required events, fields or precision"
		cat "$T_TMP/seed.out"
		"$RASD" eval --text "$SHARED/seed/article.txt" "$SHARED/seed/gold.json" | sed -n '/misses/,$p'
	fi
else
	skip "seed: $SHARED/seed not found (the shared/ folder is absent)"
fi

# The events coded from a fixed sample of real articles (the dev set) must
# not change unless on purpose: speed work must keep them byte for byte.
# `make golden-update` records a new digest after a reviewed change.
if [ -f "$SHARED/dev/gold.jsonl" ]; then
	"$RASD" extract -q --format brief "$SHARED/dev/gold.jsonl" >"$T_TMP/dev.tsv" 2>/dev/null
	"$RASD" extract -q --jobs 2 --format brief "$SHARED/dev/gold.jsonl" >"$T_TMP/dev2.tsv" 2>/dev/null
	got=$(sha256sum "$T_TMP/dev.tsv" | cut -d' ' -f1)
	want=$(cat tests/golden/dev.sha256 2>/dev/null)
	check "dev sample codes as recorded (tests/golden/dev.sha256)" [ "$got" = "$want" ]
	check "two threads code the dev sample identically" cmp -s "$T_TMP/dev.tsv" "$T_TMP/dev2.tsv"
else
	skip "dev sample: $SHARED/dev/gold.jsonl not found (the shared/ folder is absent)"
fi

# Every field of every event, not just the brief columns: the full JSON
# coded from the dev sets and from the first 6,000 articles of the 2018
# corpus must stay byte for byte what tests/golden/events.sha256 records
# (restructuring the extractor must not change one event).
if [ -f "$SHARED/corpus/ant-2018.jsonl.xz" ] && ls "$SHARED"/dev/*.jsonl >/dev/null 2>&1; then
	{
		for d in "$SHARED"/dev/*.jsonl; do "$RASD" extract -q "$d"; done
		xz -dc "$SHARED/corpus/ant-2018.jsonl.xz" | head -n 6000 | "$RASD" extract -q -
	} >"$T_TMP/events.jsonl" 2>/dev/null
	got=$(sha256sum "$T_TMP/events.jsonl" | cut -d' ' -f1)
	want=$(cat tests/golden/events.sha256 2>/dev/null)
	check "dev sets and a corpus sample code as recorded (tests/golden/events.sha256)" \
		[ "$got" = "$want" ]
else
	skip "events sample: $SHARED/corpus/ant-2018.jsonl.xz or $SHARED/dev absent"
fi

for input in tests/golden/*.jsonl; do
	[ -f "$input" ] || continue
	expected=${input%.jsonl}.expected.tsv
	"$RASD" extract -q --format brief "$input" >"$T_TMP/got.tsv" 2>"$T_TMP/err"
	if [ ! -f "$expected" ]; then
		fail "$input: no $expected (run make golden-update)"
	elif diff -u "$expected" "$T_TMP/got.tsv" >"$T_TMP/diff"; then
		pass
	else
		fail "$input differs from $expected"
		cat "$T_TMP/diff"
	fi
done
finish
