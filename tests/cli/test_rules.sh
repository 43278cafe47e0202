#!/bin/sh
# docs/rules.md cannot drift from the code: every rule the extractor names
# (src/extract/rules.h, `rasd extract --list-rules`) has one Arabic example
# in tests/data/rule_examples.tsv that fires it, every rule is used by a
# stage, and docs/rules.md is what tools/rules_md.py makes of them.
T_NAME=rules
. tests/lib.sh

if ! command -v python3 >/dev/null 2>&1; then
	skip "python3 not found"
	finish
	exit $?
fi
"$RASD" extract --list-rules >"$T_TMP/rules.tsv"
check "the code names rules" test -s "$T_TMP/rules.tsv"
if python3 tools/rules_md.py "$RASD" --check >"$T_TMP/check.txt" 2>&1; then
	pass
else
	fail "rule examples (tests/data/rule_examples.tsv)"
	cat "$T_TMP/check.txt"
fi
python3 tools/rules_md.py "$RASD" >"$T_TMP/rules.md" 2>"$T_TMP/md.err"
if diff -u docs/rules.md "$T_TMP/rules.md" >"$T_TMP/md.diff"; then
	pass
else
	fail "docs/rules.md is stale: python3 tools/rules_md.py build/rasd > docs/rules.md"
	head -40 "$T_TMP/md.diff"
fi
unused=""
for id in $(sed -n 's/^[[:space:]]*X(\([A-Z0-9_]*\),.*/\1/p' src/extract/rules.h); do
	grep -q "R_$id\\b" src/extract/*.c || unused="$unused $id"
done
check "every rule of rules.h is used by a stage (unused:$unused)" [ -z "$unused" ]
finish
