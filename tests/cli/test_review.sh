#!/bin/sh
# End-to-end tests of rasd review as an analyst uses it: accept, reject,
# correct fields (validated against the lexicons and the gazetteer), merge,
# split, undo and the audit log; the review showing in query, every export
# format and stats; corrections surviving re-ingest of unchanged and
# changed articles (which flags the event for a re-check); the one-line
# errors for unknown events and invalid values; and the interactive queue
# driven through tmux (send-keys, capture-pane) when tmux is installed.
T_NAME=review
. tests/lib.sh

db=$T_TMP/events.db
arts=tests/data/review/articles.jsonl
export RASD_REVIEWER=tester

# json FIELD [STATUS]: a field of every event, one per line, in query order
json() {
	"$RASD" query --db "$db" --format jsonl --status "${2:-all}" |
		python3 -c "import sys, json, signal; signal.signal(signal.SIGPIPE, signal.SIG_DFL)
for l in sys.stdin:
    v = json.loads(l).get('$1')
    print('' if v is None else v)"
}
# id_of WORD: the row id of the event whose evidence has WORD
id_of() {
	"$RASD" query --db "$db" --format jsonl --status all --text "$1" |
		python3 -c "import sys, json; print(json.loads(sys.stdin.readline())['id'])"
}

# --- usage
"$RASD" review --help >/dev/null 2>&1; check "review --help exits 0" [ $? -eq 0 ]
"$RASD" review --db "$db" --bogus >/dev/null 2>&1; check "unknown option exits 2" [ $? -eq 2 ]
"$RASD" review accept 1 >/dev/null 2>&1; check "no --db exits 2" [ $? -eq 2 ]
"$RASD" review --db "$db" frobnicate 1 >/dev/null 2>&1; check "unknown verb exits 2" [ $? -eq 2 ]
"$RASD" review --db "$db" reject 1 >/dev/null 2>&1; check "reject without a reason exits 2" [ $? -eq 2 ]
"$RASD" review --db "$db" reject 1 --reason bored >/dev/null 2>"$T_TMP/err"; rc=$?
check "an unknown reason exits 2" [ $rc -eq 2 ]
check "an unknown reason is named" grep -q "'bored' is not a reason" "$T_TMP/err"
"$RASD" review --db "$db" reject 1 --reason duplicate >/dev/null 2>&1
check "duplicate without --of exits 2" [ $? -eq 2 ]
"$RASD" review --db "$db" set 1 fatalities >/dev/null 2>&1; check "set without = exits 2" [ $? -eq 2 ]
"$RASD" review --db "$db" </dev/null >/dev/null 2>"$T_TMP/err"; rc=$?
check "the queue without a terminal exits 2" [ $rc -eq 2 ]
check "the queue without a terminal says so" grep -q "needs a terminal" "$T_TMP/err"

"$RASD" ingest -q --db "$db" "$arts" || fail "ingest"
strike=$(id_of كفرنبل)
raid=$(id_of الشحيل)
shell=$(id_of الروضة)
check "three events" [ "$(json id | wc -l)" -eq 3 ]
check "new events are unreviewed" [ "$(json review_status | sort -u)" = unreviewed ]

# --- unknown events and invalid values: one line, exit 1, nothing changed
"$RASD" review --db "$db" accept 999 2>"$T_TMP/err"; rc=$?
check "unknown row id exits 1" [ $rc -eq 1 ]
check "unknown row id is named" grep -q "no event '999' in '$db'" "$T_TMP/err"
check "unknown row id: one line" [ "$(wc -l <"$T_TMP/err")" -eq 1 ]
"$RASD" review --db "$db" set rasd-0000000000000000 fatalities=1 2>"$T_TMP/err"
check "unknown rasd id exits 1" [ $? -eq 1 ]
check "unknown rasd id is named" grep -q "no event 'rasd-0000000000000000'" "$T_TMP/err"
bad() { # bad DESCRIPTION EXPECTED-MESSAGE FIELD=VALUE...
	d=$1; m=$2; shift 2
	"$RASD" review --db "$db" set "$raid" "$@" 2>"$T_TMP/err"; rc=$?
	check "$d exits 1" [ $rc -eq 1 ]
	check "$d: message" grep -q "$m" "$T_TMP/err"
}
bad "negative fatalities" "fatalities: '-1' is not a number" fatalities=-1
bad "words for fatalities" "fatalities: 'three'" fatalities=three
bad "unknown actor" "actor1: 'Martians' is not an actor" actor1=Martians
bad "unknown place" "location: 'مدينة الأحلام' is not in the gazetteer" "location=مدينة الأحلام"
bad "unknown type" "event_type: 'Skirmish' is not an ACLED event type" event_type=Skirmish
bad "type without its sub-type" "set sub_event_type too" event_type=Protests
bad "sub-type of another type" "is a sub-type of 'Protests'" event_type=Battles "sub_event_type=Peaceful protest"
bad "impossible date" "event_date: '2025-02-30' is not a date" event_date=2025-02-30
bad "unknown field" "'colour' is not a field" colour=red
bad "bad modality" "reported, claimed or foiled" modality=rumoured
"$RASD" review --db "$db" set "$raid" fatalities=9 actor1=Martians 2>/dev/null
check "a bad value writes nothing" [ "$(json fatalities | head -1)" = 2 ]
check "a bad value logs nothing" [ -z "$("$RASD" review --db "$db" log)" ]

# --- accept, correct, reject
"$RASD" review --db "$db" -q accept "$strike" || fail "accept"
check "accepted" [ "$("$RASD" query --db "$db" --status accepted --format jsonl | wc -l)" -eq 1 ]
"$RASD" review --db "$db" -q set "$raid" fatalities=3 actor1=داعش actor2=قسد "location=البصيرة" \
	time_precision=1 --note "the agency's count" || fail "set"
check "corrected fatalities in query" [ "$(json fatalities | head -1)" = 3 ]
check "corrected status" [ "$(json review_status | head -1)" = corrected ]
check "an alias becomes its code" [ "$(json actor2 | head -1)" = SDF ]
check "the place comes with its governorate" [ "$(json admin1 | head -1)" = "دير الزور" ]
check "the place comes with its coordinates" [ "$(json latitude | head -1)" = 35.15618 ]
# a town and the district named after it: the town
"$RASD" review --db "$db" -q set "$shell" location=الميادين || fail "set a town named like its district"
check "the town, not the district" [ "$(json geo_precision corrected | tail -1)" = 1 ]
# a place the gazetteer lacks is the analyst's to add
"$RASD" review --db "$db" set "$shell" location=الشحيل 2>"$T_TMP/err"
check "a place outside the gazetteer says how to add it" grep -q "add it to a --places file" "$T_TMP/err"
printf 'my:1\tالشحيل\t\tAl-Shuhayl\ttown\tSY\tدير الزور\tالميادين\t\t35.1\t40.4\t0\n' >"$T_TMP/places.tsv"
"$RASD" review --db "$db" -q --places "$T_TMP/places.tsv" set "$shell" "location=الشحيل" || fail "a place of one's own"
check "a place of one's own" [ "$(json location corrected | tail -1)" = الشحيل ]
"$RASD" review --db "$db" -q undo "$shell"; "$RASD" review --db "$db" -q undo "$shell"
check "two undos give the coded place back" [ "$(json location unreviewed)" = الروضة ]
check "corrected fatalities in CSV" [ "$("$RASD" query --db "$db" --format csv | python3 -c "
import csv, sys
rows = list(csv.DictReader(sys.stdin))
print(sorted((r['fatalities'], r['review_status']) for r in rows))")" = "[('0', 'unreviewed'), ('3', 'corrected'), ('5', 'accepted')]" ]
check "review_status in GeoJSON" [ "$("$RASD" query --db "$db" --format geojson | python3 -c "
import json, sys
print(sorted(f['properties']['review_status'] for f in json.load(sys.stdin)['features']))")" = "['accepted', 'corrected', 'unreviewed']" ]
check "stats count the corrected toll" grep -q "fatalities  8" "$("$RASD" stats --db "$db" >"$T_TMP/stats"; echo "$T_TMP/stats")"
check "stats count the review" grep -q "1 unreviewed, 1 accepted, 1 corrected, 0 rejected" "$T_TMP/stats"
check "the log has every corrected field" [ "$("$RASD" review --db "$db" log "$raid" | grep -c ' set ')" -ge 5 ]
check "the log names the reviewer and the note" grep -q "by tester  (the agency's count)" "$("$RASD" review --db "$db" log "$raid" >"$T_TMP/log"; echo "$T_TMP/log")"
check "the log keeps the old value" grep -q "fatalities: 2 -> 3" "$T_TMP/log"

"$RASD" review --db "$db" -q reject "$strike" --reason not-event || fail "reject"
check "rejected events leave the default query" [ "$(json id unreviewed,accepted,corrected | wc -l)" -eq 2 ]
check "query --status rejected" [ "$(json review_reason rejected)" = not-event ]
check "stats leave the rejected out" grep -q "fatalities  3" "$("$RASD" stats --db "$db" >"$T_TMP/stats"; echo "$T_TMP/stats")"
"$RASD" review --db "$db" -q undo "$strike" || fail "undo"
check "undo restores the status" [ "$(json review_status accepted)" = accepted ]
check "undo is logged" grep -q "undo .*review_status: rejected -> accepted" "$("$RASD" review --db "$db" log "$strike" >"$T_TMP/log"; echo "$T_TMP/log")"
check "the undone change is marked" grep -q "\[undone\]" "$T_TMP/log"
"$RASD" review --db "$db" -q reject "$strike" --reason not-event || fail "reject again"

# --- corrections survive re-ingest
"$RASD" review --db "$db" -q accept "$shell"
"$RASD" ingest -q --db "$db" "$arts"
check "unchanged re-ingest keeps the correction" [ "$(json fatalities corrected)" = 3 ]
python3 - "$arts" "$T_TMP/changed.jsonl" <<'EOF'
import json, sys
out = open(sys.argv[2], "w")
for line in open(sys.argv[1]):
    a = json.loads(line)
    if a["id"] == "rv-1":  # an edited report: offsets move, one word changes
        a["text"] = "تحديث: " + a["text"].replace("مصادر محلية", "مصادر أهلية")
    if a["id"] == "rv-6":  # corrected: it was no shelling
        a["text"] = "نفى مصدر طبي في مدينة تعز، صباح اليوم الاثنين، وصول أي مصابين إلى المستشفى."
    out.write(json.dumps(a, ensure_ascii=False) + "\n")
EOF
"$RASD" ingest -q --db "$db" "$T_TMP/changed.jsonl" || fail "re-ingest a changed article"
check "a changed article keeps the correction" [ "$(json fatalities corrected)" = 3 ]
check "a changed article keeps the rejection" [ "$(json review_reason rejected)" = not-event ]
check "the reviewed events are flagged for a re-check" [ "$(json id recheck | sort | tr '\n' ' ')" = "$(printf '%s\n' "$raid" "$shell" | sort | tr '\n' ' ')" ]
check "an event the article no longer reports stays" [ "$(json recheck accepted)" = "article 'rv-6' changed and no longer reports it" ]
check "its old sentence is in the log" grep -q "recheck.*قصف مدفعي" "$("$RASD" review --db "$db" log "$shell" >"$T_TMP/log"; echo "$T_TMP/log")"
"$RASD" check -q --db "$db"; check "the database passes rasd check" [ $? -eq 0 ]
check "the re-check says why" grep -q "article 'rv-1' changed: its sentence was edited" "$(json recheck corrected >"$T_TMP/why"; echo "$T_TMP/why")"
check "the evidence points into the new text" [ "$("$RASD" query --db "$db" --format jsonl --status corrected | python3 -c "
import json, sys
e = json.loads(sys.stdin.readline())
arts = {json.loads(l)['id']: json.loads(l) for l in open('$T_TMP/changed.jsonl')}
ok = True
for s in e['sources']:
    ev = s['evidence']
    text = arts[s['doc_id']][ev['field']].encode()
    ok = ok and text[ev['sentence_start']:ev['sentence_end']].decode() == ev['sentence']
print(ok)")" = True ]
check "still one event from two articles" [ "$(json narticles corrected)" = 2 ]
"$RASD" review --db "$db" -q accept "$raid" "$shell"
check "accepting clears the re-check" [ -z "$(json id recheck)" ]
check "a corrected event stays corrected when accepted" [ "$(json review_status corrected)" = corrected ]

# --- and re-extraction: rasd rebuild codes every article again
"$RASD" rebuild -q --db "$db" >/dev/null 2>&1 || fail "rebuild"
check "rebuild keeps the correction" [ "$(json fatalities corrected)" = 3 ]
check "rebuild keeps the rejection" [ "$(json review_reason rejected)" = not-event ]
check "rebuild keeps the log" grep -q "fatalities: 2 -> 3" "$("$RASD" review --db "$db" log "$raid" >"$T_TMP/log"; echo "$T_TMP/log")"
check "the same coding needs no re-check" [ -z "$(json id recheck)" ]
check "rebuild makes no event twice" [ "$(json id | wc -l)" -eq 3 ]

# --- split and merge
"$RASD" review --db "$db" -q split "$raid" rv-2 || fail "split"
check "split makes two events" [ "$(json id | wc -l)" -eq 4 ]
other=$("$RASD" query --db "$db" --format jsonl --text الشحيل | python3 -c "
import json, sys
for l in sys.stdin:
    e = json.loads(l)
    if e['id'] != $raid: print(e['id'])")
check "the split-off event has its own report" [ "$(json doc_id corrected | sort | tr '\n' ' ')" = "rv-1 rv-2 " ]
"$RASD" review --db "$db" -q split "$other" 2>"$T_TMP/err"
check "one report cannot be split" grep -q "nothing to split" "$T_TMP/err"
"$RASD" review --db "$db" -q merge "$raid" "$other" || fail "merge"
check "merge makes one event" [ "$(json id | wc -l)" -eq 3 ]
check "the merged event keeps its correction" [ "$(json fatalities corrected)" = 3 ]
"$RASD" review --db "$db" accept "$other" 2>/dev/null
check "the merged-away row id is gone" [ $? -eq 1 ]
"$RASD" review --db "$db" log "$raid" >"$T_TMP/log"
check "merge and split are logged" [ "$(grep -c -e " merge " -e " split " "$T_TMP/log")" -ge 2 ]
"$RASD" review --db "$db" log "$other" >"$T_TMP/log"
check "the log of a merged-away event" grep -q "merged_into" "$T_TMP/log"
"$RASD" review --db "$db" merge "$raid" "$raid" 2>/dev/null; check "self-merge exits 1" [ $? -eq 1 ]

# --- a rejected event takes in no new reports
cat >"$T_TMP/more.jsonl" <<'EOF'
{"id":"rv-5","source":"شبكة الفرات","published":"2025-06-14","title":"غارة روسية على كفرنبل","text":"قتل خمسة مدنيين، اليوم السبت، في غارة جوية روسية استهدفت بلدة كفرنبل جنوبي إدلب، بحسب مصادر محلية."}
EOF
"$RASD" ingest -q --db "$db" "$T_TMP/more.jsonl"
check "a new report of a rejected event is an event of its own" [ "$(json id unreviewed | wc -l)" -eq 1 ]

# --- the interactive queue, through tmux
if command -v tmux >/dev/null 2>&1; then
	sock=$T_TMP/tmux.sock
	qdb=$T_TMP/queue.db
	"$RASD" ingest -q --db "$qdb" "$arts"
	tm() { tmux -S "$sock" "$@"; }
	# wait_for TEXT: poll the pane, at most 10 s
	wait_for() {
		n=0
		while [ $n -lt 100 ]; do
			tm capture-pane -p -t q >"$T_TMP/pane" 2>/dev/null
			grep -q -- "$1" "$T_TMP/pane" && return 0
			sleep 0.1; n=$((n + 1))
		done
		echo "pane without '$1':"; cat "$T_TMP/pane"; return 1
	}
	tm new-session -d -s q -x 160 -y 40 "RASD_REVIEWER=tmux '$RASD' review --db '$qdb'; echo QUEUE-EXIT=\$?; sleep 30"
	check "the queue starts" wait_for "1 of 3"
	check "it shows the headline" grep -q "headline:" "$T_TMP/pane"
	check "it shows the keys" grep -q "a accept" "$T_TMP/pane"
	tm send-keys -t q a
	check "accept moves on" wait_for "2 of 3"
	tm send-keys -t q r
	check "reject asks for a reason" wait_for "reject as:"
	tm send-keys -t q 1
	check "reject moves on" wait_for "3 of 3"
	tm send-keys -t q e
	check "edit asks for a field" wait_for "FIELD=VALUE"
	tm send-keys -t q "fatalities=4" Enter
	check "edit is shown" wait_for "killed 4"
	tm send-keys -t q u
	check "undo brings the value back" wait_for "undone"
	tm send-keys -t q e
	wait_for "FIELD=VALUE" >/dev/null
	tm send-keys -t q "actor1=Martians" Enter
	check "a bad value is explained" wait_for "is not an actor"
	tm send-keys -t q s
	check "the queue ends with a summary" wait_for "1 accepted, 1 rejected"
	check "the queue exits 0" wait_for "QUEUE-EXIT=0"
	tm kill-server 2>/dev/null
	"$RASD" review --db "$qdb" log >"$T_TMP/qlog"
	check "queue changes are logged by the reviewer" [ "$(grep -c "by tmux" "$T_TMP/qlog")" -ge 3 ]
	check "the queue's undo is logged" grep -q " undo .*fatalities" "$T_TMP/qlog"
	check "the undone edit left no correction" [ "$("$RASD" query --db "$qdb" --status corrected --format jsonl | wc -l)" -eq 0 ]
else
	skip "tmux is not installed: the interactive queue is not tested"
fi

finish
