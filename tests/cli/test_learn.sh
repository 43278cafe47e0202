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
check "train says what it learnt from" grep -q "trained on [0-9]* events ([0-9]* real) from 60 articles; threshold 0\.[0-9]*" "$T_TMP/err"
"$RASD" train -o "$T_TMP/m2.txt" "$gold" 2>/dev/null
check "the same gold gives the same model file" cmp -s "$T_TMP/m1.txt" "$T_TMP/m2.txt"
check "the model file is versioned" [ "$(head -1 "$T_TMP/m1.txt")" = "rasd-model 2" ]
check "the model has weights" [ "$(grep -c '^w	' "$T_TMP/m1.txt")" -gt 50 ]
check "the rules' names are features" grep -q "	rule=" "$T_TMP/m1.txt"
check "the model has a type model" grep -q "^class	Armed clash$" "$T_TMP/m1.txt"
check "the type model has weights" grep -q "^t	Armed clash	-*[0-9.]*	" "$T_TMP/m1.txt"
check "the model has its thresholds" grep -Eq "^threshold 0\.[0-9]{4}$" "$T_TMP/m1.txt"
check "the model has its type threshold" grep -Eq "^type-threshold [01]\.[0-9]{4}$" "$T_TMP/m1.txt"

"$RASD" eval --summary --model "$T_TMP/m1.txt" "$gold" >"$T_TMP/out"; rc=$?
check "eval --model exits 0" [ $rc -eq 0 ]
check "eval --model says so" grep -q "(rules + model)" "$T_TMP/out"
"$RASD" eval --summary --cv 3 "$gold" >"$T_TMP/cv"; rc=$?
check "eval --cv exits 0" [ $rc -eq 0 ]
check "eval --cv compares rules alone" grep -q "rules alone .* F1" "$T_TMP/cv"
check "eval --cv compares rules + model" grep -q "rules + model .* F1" "$T_TMP/cv"
check "eval --cv gives the change" grep -q "F1 change [-+][0-9]*\.[0-9] points" "$T_TMP/cv"
check "eval --cv has a calibration table" [ "$(grep -c '^  0\.[5-9]-' "$T_TMP/cv")" -eq 10 ]
check "eval --cv gives the expected calibration error" grep -q "ECE 0\.[0-9]" "$T_TMP/cv"
"$RASD" eval --summary --cv 3 "$gold" >"$T_TMP/cv2"
check "cross-validation is deterministic" cmp -s "$T_TMP/cv" "$T_TMP/cv2"
# one fold per gold file: a source the model never saw
head -30 "$gold" >"$T_TMP/a.jsonl"; tail -n +31 "$gold" >"$T_TMP/b.jsonl"
"$RASD" eval --summary --cv files "$T_TMP/a.jsonl" "$T_TMP/b.jsonl" >"$T_TMP/cvf"; rc=$?
check "eval --cv files exits 0" [ $rc -eq 0 ]
check "eval --cv files leaves each file out" grep -q "each of 2 gold files left out in turn (60 articles" "$T_TMP/cvf"
check "eval --cv files reports each file" [ "$(grep -c "^  $T_TMP/[ab].jsonl:$" "$T_TMP/cvf")" -eq 2 ]
"$RASD" eval --summary --cv files "$gold" >/dev/null 2>&1; rc=$?
check "eval --cv files of one file exits 2" [ $rc -eq 2 ]

# rasd extract --model: the model's probability is the confidence
"$RASD" extract -q --no-model "$gold" >"$T_TMP/rules.jsonl"; rc=$?
check "extract --no-model exits 0" [ $rc -eq 0 ]
"$RASD" extract -q "$gold" >"$T_TMP/plain.jsonl"
check "rules alone is the default" cmp -s "$T_TMP/rules.jsonl" "$T_TMP/plain.jsonl"
"$RASD" extract -q --model "$T_TMP/m1.txt" "$gold" >"$T_TMP/model.jsonl"; rc=$?
check "extract --model exits 0" [ $rc -eq 0 ]
check "the model changes the confidence" sh -c "! cmp -s '$T_TMP/rules.jsonl' '$T_TMP/model.jsonl'"
check "the model keeps no more events than the rules" [ "$(wc -l <"$T_TMP/model.jsonl")" -le "$(wc -l <"$T_TMP/rules.jsonl")" ]
"$RASD" extract -q --model "$T_TMP/m1.txt" --jobs 2 "$gold" >"$T_TMP/model2.jsonl"
check "extract --model on two threads: the same events" cmp -s "$T_TMP/model.jsonl" "$T_TMP/model2.jsonl"
# a feature the model does not know weighs nothing (rules that changed since training)
{ cat "$T_TMP/m1.txt"; printf 'w\t3.5\trule=a.rule.nobody.has\n'; } >"$T_TMP/more.txt"
"$RASD" extract -q --model "$T_TMP/more.txt" "$gold" >"$T_TMP/more.jsonl"
check "unknown features weigh nothing" cmp -s "$T_TMP/model.jsonl" "$T_TMP/more.jsonl"
"$RASD" extract -q --model "$T_TMP/m1.txt" --no-model "$gold" >/dev/null 2>"$T_TMP/err"; rc=$?
check "--model with --no-model exits 2" [ $rc -eq 2 ]
if [ -f data/model.txt ]; then
	"$RASD" extract -q --model default "$gold" >"$T_TMP/default.jsonl"; rc=$?
	check "the shipped model loads (--model default)" [ $rc -eq 0 ]
	check "the shipped model is of this version" [ "$(head -1 data/model.txt)" = "rasd-model 2" ]
fi

# one 1.6 MB sentence of 20,000 strikes: the model (and the trace it
# reads) stays linear (was 24 GB and a kill before the trace's cap)
awk 'BEGIN { split("كفرزيتا اللطامنة مورك كفرنبودة سراقب", t, " ");
	printf "{\"id\":\"big\",\"published\":\"2024-03-01\",\"text\":\"";
	for (i = 0; i < 20000; i++) printf "%sقصفت طائرات حربية بلدة %s وقتل %d مدنيين", (i ? "، " : ""), t[i % 5 + 1], 2 + i % 5;
	print "\"}" }' >"$T_TMP/big.jsonl"
(ulimit -t 20; "$RASD" extract -q --model "$T_TMP/m1.txt" "$T_TMP/big.jsonl" >"$T_TMP/big.out"); rc=$?
check "a sentence of 20,000 strikes with a model: done in 20 s of CPU" [ $rc -eq 0 ]
check "a sentence of 20,000 strikes with a model: events" [ -s "$T_TMP/big.out" ]
(ulimit -t 20; "$RASD" extract -q --explain "$T_TMP/big.jsonl" >/dev/null); rc=$?
check "a sentence of 20,000 strikes with --explain: done in 20 s of CPU" [ $rc -eq 0 ]

# damaged and foreign model files
n=$(grep -n '^w	' "$T_TMP/m1.txt" | head -1 | cut -d: -f1)
sed "${n}s/.*/w	x.5	trig=قتل/" "$T_TMP/m1.txt" >"$T_TMP/bad.txt"
"$RASD" eval --summary --model "$T_TMP/bad.txt" "$gold" >/dev/null 2>"$T_TMP/err"; rc=$?
check "a damaged model exits 1" [ $rc -eq 1 ]
check "a damaged model names file and line" grep -q "^rasd: $T_TMP/bad.txt:$n: column 3: 'x.5" "$T_TMP/err"
check "a damaged model: one line" [ "$(wc -l <"$T_TMP/err")" -eq 1 ]
"$RASD" extract -q --model "$T_TMP/bad.txt" "$gold" >/dev/null 2>"$T_TMP/err"; rc=$?
check "extract with a damaged model exits 1" [ $rc -eq 1 ]
check "extract names file and line" grep -q "^rasd: $T_TMP/bad.txt:$n: column 3:" "$T_TMP/err"
"$RASD" ingest -q --db "$T_TMP/i.db" --model "$T_TMP/bad.txt" "$gold" 2>"$T_TMP/err"; rc=$?
check "ingest with a damaged model exits 1" [ $rc -eq 1 ]
check "ingest names file and line" grep -q "^rasd: $T_TMP/bad.txt:$n: column 3:" "$T_TMP/err"
check "ingest with a damaged model stores nothing" [ ! -s "$T_TMP/i.db" ]
"$RASD" watch -q --db "$T_TMP/w.db" --feeds "$T_TMP/none.txt" --once --model "$T_TMP/bad.txt" 2>"$T_TMP/err"; rc=$?
check "watch with a damaged model exits 1" [ $rc -eq 1 ]
check "watch names file and line" grep -q "^rasd: $T_TMP/bad.txt:$n: column 3:" "$T_TMP/err"
n=$(grep -n '^t	' "$T_TMP/m1.txt" | head -1 | cut -d: -f1)
sed "${n}s/^t	[^	]*/t	Street party/" "$T_TMP/m1.txt" >"$T_TMP/badt.txt"
"$RASD" extract -q --model "$T_TMP/badt.txt" "$gold" >/dev/null 2>"$T_TMP/err"; rc=$?
check "a type weight of no class exits 1" [ $rc -eq 1 ]
check "a type weight of no class is named" grep -q "badt.txt:$n: column 3: 'Street party' is not a sub-event type" "$T_TMP/err"
sed '1s/.*/rasd-model 1/' "$T_TMP/m1.txt" >"$T_TMP/v1.txt"
"$RASD" eval --summary --model "$T_TMP/v1.txt" "$gold" >/dev/null 2>"$T_TMP/err"; rc=$?
check "another version exits 1" [ $rc -eq 1 ]
check "another version is named" grep -q "v1.txt:1: a model of version 1; this rasd reads version 2" "$T_TMP/err"
echo "not a model" >"$T_TMP/junk.txt"
"$RASD" eval --summary --model "$T_TMP/junk.txt" "$gold" >/dev/null 2>"$T_TMP/err"
check "a file that is no model" grep -q "junk.txt:1: column 1: not a rasd model" "$T_TMP/err"
"$RASD" eval --summary --model "$T_TMP/missing.txt" "$gold" >/dev/null 2>"$T_TMP/err"
check "a missing model" grep -q "cannot open model '$T_TMP/missing.txt'" "$T_TMP/err"
finish
