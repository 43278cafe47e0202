#!/bin/sh
# Accuracy floor: `rasd eval` on every dev set in ../shared/dev must stay
# within 2 F1 points of the figure recorded in tests/data/eval_floor.tsv.
T_NAME=eval
. tests/lib.sh

FLOOR=tests/data/eval_floor.tsv
grep -v '^#' "$FLOOR" | while IFS='	' read -r set want; do
	[ -n "$set" ] || continue
	echo "$set $want"
done >"$T_TMP/floors"
check "eval_floor.tsv lists the four dev sets" [ "$(wc -l <"$T_TMP/floors")" -ge 4 ]

while read -r set want; do
	gold="$SHARED/dev/$set.jsonl"
	if [ ! -f "$gold" ]; then
		skip "eval $set: $gold not found (the shared/ folder is absent)"
		continue
	fi
	"$RASD" eval "$gold" >"$T_TMP/$set.out" 2>&1
	got=$(sed -n 's/^all events .* F1 *\([0-9.]*\)%.*/\1/p' "$T_TMP/$set.out")
	if [ -z "$got" ]; then
		fail "eval $set: no F1 in the output"
		head -5 "$T_TMP/$set.out"
	elif awk -v g="$got" -v w="$want" 'BEGIN { exit !(g + 2.0 >= w) }'; then
		pass
	else
		fail "eval $set: F1 $got% is more than 2 points below the recorded $want%"
	fi
done <"$T_TMP/floors"
finish
