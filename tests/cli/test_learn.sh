#!/bin/sh
# The learned scorer end to end: rasd train on a gold file, twice, gives
# the same model file byte for byte; rasd eval --model scores with it and
# --cv reports rules alone against rules + model with calibration tables;
# a damaged model file is one line naming file and line, a model of
# another version is refused. Needs ../shared/dev/gold.jsonl (skips
# clearly without it).
T_NAME=learn
. tests/lib.sh

gold=$SHARED/dev/gold.jsonl
"$RASD" train "$T_TMP/none.jsonl" >/dev/null 2>&1; check "train without -o exits 2" [ $? -eq 2 ]
"$RASD" eval --cv 1 x.jsonl >/dev/null 2>&1; check "one fold exits 2" [ $? -eq 2 ]
if [ ! -f "$gold" ]; then
	skip "no $gold: the learned scorer is not trained"
	finish; exit $?
fi
"$RASD" train -o "$T_TMP/m1.txt" "$gold" 2>"$T_TMP/err"; rc=$?
check "train exits 0" [ $rc -eq 0 ]
check "train says what it learnt from" grep -q "trained on [0-9]* events ([0-9]* right) from 60 articles" "$T_TMP/err"
"$RASD" train -o "$T_TMP/m2.txt" "$gold" 2>/dev/null
check "the same gold gives the same model file" cmp -s "$T_TMP/m1.txt" "$T_TMP/m2.txt"
check "the model file is versioned" [ "$(head -1 "$T_TMP/m1.txt")" = "rasd-model 1" ]
check "the model has weights" [ "$(grep -c '^w	' "$T_TMP/m1.txt")" -gt 50 ]
check "the rules' names are features" grep -q "	rule=" "$T_TMP/m1.txt"

"$RASD" eval --summary --model "$T_TMP/m1.txt" "$gold" >"$T_TMP/out"; rc=$?
check "eval --model exits 0" [ $rc -eq 0 ]
check "eval --model says so" grep -q "(rules + model)" "$T_TMP/out"
"$RASD" eval --summary --cv 3 "$gold" >"$T_TMP/cv"; rc=$?
check "eval --cv exits 0" [ $rc -eq 0 ]
check "eval --cv compares rules alone" grep -q "rules alone .* F1" "$T_TMP/cv"
check "eval --cv compares rules + model" grep -q "rules + model .* F1" "$T_TMP/cv"
check "eval --cv has a calibration table" [ "$(grep -c '^  0\.[5-9]-' "$T_TMP/cv")" -eq 10 ]
check "eval --cv gives the expected calibration error" grep -q "ECE 0\.[0-9]" "$T_TMP/cv"
"$RASD" eval --summary --cv 3 "$gold" >"$T_TMP/cv2"
check "cross-validation is deterministic" cmp -s "$T_TMP/cv" "$T_TMP/cv2"

# damaged and foreign model files
sed '7s/.*/w	x.5	trig=قتل/' "$T_TMP/m1.txt" >"$T_TMP/bad.txt"
"$RASD" eval --summary --model "$T_TMP/bad.txt" "$gold" >/dev/null 2>"$T_TMP/err"; rc=$?
check "a damaged model exits 1" [ $rc -eq 1 ]
check "a damaged model names file and line" grep -q "^rasd: $T_TMP/bad.txt:7: column 3: 'x.5" "$T_TMP/err"
check "a damaged model: one line" [ "$(wc -l <"$T_TMP/err")" -eq 1 ]
sed '1s/.*/rasd-model 2/' "$T_TMP/m1.txt" >"$T_TMP/v2.txt"
"$RASD" eval --summary --model "$T_TMP/v2.txt" "$gold" >/dev/null 2>"$T_TMP/err"; rc=$?
check "another version exits 1" [ $rc -eq 1 ]
check "another version is named" grep -q "a model of version 2; this rasd reads version 1" "$T_TMP/err"
echo "not a model" >"$T_TMP/junk.txt"
"$RASD" eval --summary --model "$T_TMP/junk.txt" "$gold" >/dev/null 2>"$T_TMP/err"
check "a file that is no model" grep -q "junk.txt:1: column 1: not a rasd model" "$T_TMP/err"
"$RASD" eval --summary --model "$T_TMP/missing.txt" "$gold" >/dev/null 2>"$T_TMP/err"
check "a missing model" grep -q "cannot open model '$T_TMP/missing.txt'" "$T_TMP/err"
finish
