#!/bin/sh
# kill -9 during ingest, 20 times at random moments (issue 12): after each
# kill the database passes rasd check; after the last, running the same
# command to the end gives the database an uninterrupted run gives, row for
# row and id for id (tests/dbdigest.py). The moments are drawn from a fixed
# seed, so a failure can be replayed; RASD_KILL_SEED picks others.
T_NAME=kill
. tests/lib.sh

in=$T_TMP/articles.jsonl
python3 tests/articles.py 4000 >"$in"
"$RASD" ingest -q --batch 40 --db "$T_TMP/whole.db" "$in"
check "the uninterrupted ingest succeeds" [ $? -eq 0 ]
want=$(python3 tests/dbdigest.py "$T_TMP/whole.db")

# how long the whole ingest takes here (sanitizers are slower): each run
# is killed after 2-8 % of that, so the 20 runs together get most of the
# way, each from where the last one was killed
t0=$(date +%s%N)
"$RASD" ingest -q --batch 40 --db "$T_TMP/timing.db" "$in"
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
[ "$ms" -gt 500 ] || ms=500

db=$T_TMP/killed.db
seed=${RASD_KILL_SEED:-12}
kills=0; broken=0; done_early=0
for delay in $(awk -v s="$seed" -v ms="$ms" 'BEGIN { srand(s); for (i = 0; i < 20; i++) printf "%.3f\n", (0.02 + 0.06 * rand()) * ms / 1000 }'); do
	"$RASD" ingest -q --batch 40 --db "$db" "$in" 2>/dev/null &
	pid=$!
	sleep "$delay"
	if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); else done_early=$((done_early + 1)); fi
	wait "$pid" 2>/dev/null
	if ! "$RASD" check -q --db "$db" >"$T_TMP/problems" 2>&1; then
		broken=$((broken + 1))
		cat "$T_TMP/problems"
	fi
done
check "killed 20 times (kills that landed: $kills; runs that had finished: $done_early)" [ $((kills + done_early)) -eq 20 ]
check "the kills land mid-run ($kills of 20)" [ "$kills" -ge 18 ]
check "every killed database passes rasd check ($broken did not)" [ "$broken" -eq 0 ]
"$RASD" ingest -q --batch 40 --db "$db" "$in"
check "the ingest run again to the end succeeds" [ $? -eq 0 ]
got=$(python3 tests/dbdigest.py "$db")
check "the result is the uninterrupted run's, row for row" [ "$got" = "$want" ]
"$RASD" check -q --db "$db"
check "and passes rasd check" [ $? -eq 0 ]
finish
