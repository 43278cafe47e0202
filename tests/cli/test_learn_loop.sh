#!/bin/sh
# The analyst in the loop, end to end: ingest articles (written for this
# test, tests/data/learn_loop_*.jsonl: each tells a real attack, a drone
# strike told without the word طائرة, which the rules type as an armed
# clash, and a military exercise, which the rules code as shelling or
# clashes), reject every exercise, correct the drone strikes' type and a
# toll, accept the rest through rasd review, retrain with rasd train --db,
# then code and ingest held-back articles of the same kind with the new
# model: most exercises are gone, most drone strikes are typed as such,
# the other events are the same, and the reviews stay. Needs nothing from
# ../shared; deterministic.
T_NAME=learn-loop
. tests/lib.sh

train=tests/data/learn_loop_train.jsonl
held=tests/data/learn_loop_heldout.jsonl
db=$T_TMP/loop.db
drill='مناورات|تدريبات|تمرين'
drone='مسيرة تركية|مسيّرة تركية'
row_id() { sed 's/.*"nsources":[0-9]*,"id":\([0-9]*\),.*/\1/'; }
# an event's line without its confidence (and type), to compare two codings
plain() { sed 's/"confidence":[0-9.]*,//'; }
untyped() { sed 's/"confidence":[0-9.]*,//; s/"event_type":"[^"]*","sub_event_type":"[^"]*",//'; }
# the drone strikes as the rules type them
clashes() { grep -E "$drone" | grep '"sub_event_type":"Armed clash"'; }

"$RASD" ingest -q --db "$db" "$train"; rc=$?
check "ingest exits 0" [ $rc -eq 0 ]
"$RASD" query -q --db "$db" --format jsonl >"$T_TMP/all.jsonl"
drills=$(grep -E "$drill" "$T_TMP/all.jsonl" | row_id | tr '\n' ' ')
reals=$(grep -vE "$drill" "$T_TMP/all.jsonl" | row_id | tr '\n' ' ')
drones=$(grep -vE "$drill" "$T_TMP/all.jsonl" | clashes | row_id | tr '\n' ' ')
ndrills=$(echo $drills | wc -w); nreals=$(echo $reals | wc -w); ndrones=$(echo $drones | wc -w)
check "and the real events" [ "$nreals" -ge 8 ]
# The two mistakes are the rules' today; once the accuracy work fixes one,
# its checks are skipped, saying so (the test then wants a new class).
ex=no; dr=no
[ "$ndrills" -ge 8 ] && ex=yes
[ "$ndrones" -ge 8 ] && dr=yes
on() { flag=$1; shift; d=$1; shift
	if [ "$flag" = yes ]; then check "$d" "$@"
	else skip "$d: the rules no longer make this mistake (give the test a new one)"; fi; }
on $ex "the rules code exercises as events (the class to reject)" true
on $dr "the rules type drone strikes as clashes (the type to correct)" true
if [ $ex = no ] && [ $dr = no ]; then
	finish; exit $?
fi

# the analyst's verdicts
for d in $drills; do
	"$RASD" review -q --db "$db" reject "$d" --reason not-event --note "a military exercise" 2>/dev/null ||
		fail "reject $d"
done
for d in $drones; do
	"$RASD" review -q --db "$db" set "$d" 'sub_event_type=Air/drone strike' 2>/dev/null ||
		fail "set $d"
done
"$RASD" review --db "$db" accept $reals 2>/dev/null; rc=$?
check "accept exits 0" [ $rc -eq 0 ]
on $dr "the corrected type is the event's" [ "$("$RASD" query -q --db "$db" --status corrected \
	--sub-type 'Air/drone strike' --format jsonl | grep -c .)" -eq "$ndrones" ]
first=$(echo $reals | cut -d' ' -f1)
for d in $drones; do [ "$d" = "$first" ] && first=$(echo $reals | cut -d' ' -f2); done
"$RASD" review --db "$db" set "$first" fatalities=3 2>/dev/null; rc=$?
check "a corrected toll" [ $rc -eq 0 ]
check "the corrected toll is the event's" \
	[ "$("$RASD" query -q --db "$db" --status corrected --format jsonl | grep '"fatalities":3,' | row_id)" = "$first" ]
check "the audit log has every verdict" \
	[ "$("$RASD" review --db "$db" log | grep -c .)" -gt $((ndrills + nreals)) ]
# bad input: unknown ids and values change nothing
"$RASD" review --db "$db" accept 99999 2>"$T_TMP/err"; rc=$?
check "an unknown event id exits 1" [ $rc -eq 1 ]
check "an unknown event id is named" grep -q "no event '99999'" "$T_TMP/err"
"$RASD" review --db "$db" set "$first" fatalities=many 2>"$T_TMP/err"; rc=$?
check "an invalid value exits 1" [ $rc -eq 1 ]
"$RASD" review --db "$db" set "$first" event_type=Picnic 2>"$T_TMP/err"; rc=$?
check "an invalid type exits 1" [ $rc -eq 1 ]

# retrain from the reviews
"$RASD" train --db "$db" -o "$T_TMP/m.txt" 2>"$T_TMP/err"; rc=$?
check "train --db exits 0" [ $rc -eq 0 ]
check "train --db says what it read" \
	grep -q "reviewed reports in 16 articles, [0-9]* coded alike today" "$T_TMP/err"
check "train --db learns from every reviewed event" \
	grep -q "trained on $((ndrills + nreals)) events ($nreals real)" "$T_TMP/err"
on $dr "train --db learnt a type model" grep -q "^class	Air/drone strike$" "$T_TMP/m.txt"
"$RASD" train --db "$db" -o "$T_TMP/m2.txt" 2>/dev/null
check "the same reviews give the same model" cmp -s "$T_TMP/m.txt" "$T_TMP/m2.txt"
"$RASD" train --db "$T_TMP/none.db" -o "$T_TMP/x.txt" 2>"$T_TMP/err"; rc=$?
check "train --db of a missing database exits 1" [ $rc -eq 1 ]
"$RASD" ingest -q --db "$T_TMP/fresh.db" "$held"
"$RASD" train --db "$T_TMP/fresh.db" -o "$T_TMP/x.txt" 2>"$T_TMP/err"; rc=$?
check "train --db without reviews exits 1" [ $rc -eq 1 ]
check "train --db without reviews says so" grep -q "no labelled events" "$T_TMP/err"

# held-back articles of the same kind
"$RASD" extract -q --no-model "$held" >"$T_TMP/rules.jsonl"
"$RASD" extract -q --model "$T_TMP/m.txt" "$held" >"$T_TMP/model.jsonl"; rc=$?
check "extract with the retrained model exits 0" [ $rc -eq 0 ]
n0=$(grep -cE "$drill" "$T_TMP/rules.jsonl"); n1=$(grep -cE "$drill" "$T_TMP/model.jsonl")
on $ex "the rules alone still code the exercises ($n0)" [ "$n0" -ge 4 ]
on $ex "most exercises are gone ($n0 -> $n1)" [ $((n1 * 4)) -le "$n0" ]
c0=$(clashes <"$T_TMP/rules.jsonl" | grep -c .); c1=$(clashes <"$T_TMP/model.jsonl" | grep -c .)
on $dr "the rules alone still type drone strikes as clashes ($c0)" [ "$c0" -ge 4 ]
s0=$(grep -E "$drone" "$T_TMP/rules.jsonl" | grep -c '"sub_event_type":"Air/drone strike"')
s1=$(grep -E "$drone" "$T_TMP/model.jsonl" | grep -c '"sub_event_type":"Air/drone strike"')
on $dr "most drone strikes are typed as such ($c0 clashes -> $c1; strikes $s0 -> $s1)" \
	[ $((c1 * 4)) -le "$c0" -a $(((s1 - s0) * 4)) -ge $((c0 * 3)) ]
grep -vE "$drill" "$T_TMP/rules.jsonl" | grep -vE "$drone" | plain >"$T_TMP/rules-real"
grep -vE "$drill" "$T_TMP/model.jsonl" | grep -vE "$drone" | plain >"$T_TMP/model-real"
check "the real events are all there" [ -s "$T_TMP/rules-real" ]
check "nothing else got worse (the same real events, field for field)" \
	cmp -s "$T_TMP/rules-real" "$T_TMP/model-real"
grep -vE "$drill" "$T_TMP/rules.jsonl" | grep -E "$drone" | untyped >"$T_TMP/rules-drone"
grep -vE "$drill" "$T_TMP/model.jsonl" | grep -E "$drone" | untyped >"$T_TMP/model-drone"
on $dr "the drone strikes keep every other field" cmp -s "$T_TMP/rules-drone" "$T_TMP/model-drone"
"$RASD" ingest -q --db "$db" --model "$T_TMP/m.txt" "$held"; rc=$?
check "ingest with the model exits 0" [ $rc -eq 0 ]
"$RASD" query -q --db "$db" --status all --format jsonl >"$T_TMP/after.jsonl"
on $ex "the held-back exercises stay out of the database" \
	[ "$(grep '"doc_id":"held-' "$T_TMP/after.jsonl" | grep -cE "$drill")" -le $((n0 / 4)) ]
check "the held-back real events are in" \
	[ "$(grep '"doc_id":"held-' "$T_TMP/after.jsonl" | grep -cvE "$drill")" -eq \
		$(($(grep -c . "$T_TMP/rules-real") + $(grep -c . "$T_TMP/rules-drone"))) ]
on $dr "the held-back drone strikes are stored as such" \
	[ "$(grep '"doc_id":"held-' "$T_TMP/after.jsonl" | clashes | grep -c .)" -le $((c0 / 4)) ]
check "the reviews stay" \
	[ "$("$RASD" query -q --db "$db" --status rejected --format jsonl | grep -c .)" -eq "$ndrills" ]
finish
