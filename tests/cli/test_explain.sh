#!/bin/sh
# rasd extract --explain / --dropped (issue 10): every event of the seed
# article carries the rules that made its type, actors, place, date and
# toll, with the words each looked at at their byte offsets in the original
# text; the «90 killings since the start of the year» sentence is dropped
# by a history rule; events are otherwise byte for byte those of a plain
# run.
T_NAME=explain
. tests/lib.sh

# rasd explain --db: a stored event, explained from the article the store
# kept, is the event extract --explain gives (our own example report)
EX=examples/report-deir-ez-zor.txt
"$RASD" ingest -q --db "$T_TMP/ex.db" --published 2025-03-18 "$EX" 2>"$T_TMP/ingest.err"
"$RASD" extract -q --explain --published 2025-03-18 "$EX" >"$T_TMP/ex.jsonl"
"$RASD" query --db "$T_TMP/ex.db" --format jsonl >"$T_TMP/stored.jsonl"
check "the example stores events" test -s "$T_TMP/stored.jsonl"
n=0
for id in $(python3 -c "import json,sys; [print(json.loads(l)['event_id']) for l in open(sys.argv[1])]" "$T_TMP/stored.jsonl"); do
	n=$((n + 1))
	"$RASD" explain --db "$T_TMP/ex.db" "$id" >"$T_TMP/one.jsonl"
	check "rasd explain $id is extract --explain's line for it" python3 - "$T_TMP" "$id" <<'PY'
import json, sys
tmp, want = sys.argv[1], sys.argv[2]
got = [json.loads(l) for l in open(tmp + '/one.jsonl')]
ref = [json.loads(l) for l in open(tmp + '/ex.jsonl') if json.loads(l)['event_id'] == want]
sys.exit(0 if len(got) == 1 and ref and got[0] == ref[0] and got[0]['trace'] else 1)
PY
done
check "rasd explain of an unknown id fails with a message" sh -c \
	"! '$RASD' explain --db '$T_TMP/ex.db' rasd-0000000000000000 2>'$T_TMP/err' && grep -q 'no event' '$T_TMP/err'"
check "rasd explain without --db is a usage error" sh -c "'$RASD' explain x 2>/dev/null; test \$? -eq 2"

ART=$SHARED/seed/article.txt
if [ ! -f "$ART" ]; then
	skip "seed: $ART not found (the shared/ folder is absent)"
	finish
	exit $?
fi
"$RASD" extract -q --published 2021-11-15 "$ART" >"$T_TMP/plain.jsonl"
"$RASD" extract -q --explain --published 2021-11-15 "$ART" >"$T_TMP/explain.jsonl"
"$RASD" extract -q --dropped --published 2021-11-15 "$ART" >"$T_TMP/dropped.jsonl"

check "--explain writes the events of a plain run, each with a trace" python3 - "$T_TMP" "$ART" <<'PY'
import json, sys
tmp, art = sys.argv[1], sys.argv[2]
text = open(art, 'rb').read()
plain = [json.loads(l) for l in open(tmp + '/plain.jsonl')]
expl = [json.loads(l) for l in open(tmp + '/explain.jsonl')]
ok = len(plain) == len(expl) and len(plain) >= 5
for p, e in zip(plain, expl):
    trace = e.pop('trace', None)
    if p != e or not trace:
        ok = False
        continue
    rules = [s['rule'] for s in trace]
    # the rules that made its type, actors, place, date and toll
    need = {'type': lambda r: r.startswith('type.') and r != 'type.acled_actors',
            'actors': lambda r: r.startswith('roles.') or r == 'type.acled_actors',
            'place': lambda r: r.startswith('where.'),
            'date': lambda r: r.startswith('when.'),
            'toll': lambda r: r.startswith('counts.')}
    for what, test in need.items():
        if not any(test(r) for r in rules):
            print('event %s: no rule for its %s: %s' % (e['event_id'], what, rules))
            ok = False
    # the words are the original bytes at their offsets
    for s in trace:
        for t in s['tokens']:
            if text[t['start']:t['end']].decode('utf-8') != t['text']:
                print('bad offsets in %s: %r' % (s['rule'], t))
                ok = False
sys.exit(0 if ok else 1)
PY

check "--dropped: «90 killings since the start of the year» is history, by its words" python3 - "$T_TMP" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1] + '/dropped.jsonl')]
events = [l for l in lines if 'dropped' not in l]
drops = [l for l in lines if 'dropped' in l]
hit = [d for d in drops if '90' in d['evidence']['sentence'] and
       'منذ مطلع العام' in d['evidence']['sentence'] and d['dropped'].startswith('history.')]
ok = bool(hit) and all(d['trace'] and d['trace'][-1]['rule'] == d['dropped'] for d in drops)
ok = ok and any('منذ' in t['text'] for d in hit for t in d['trace'][-1]['tokens'])
ok = ok and len(events) == len(open(sys.argv[1] + '/plain.jsonl').readlines())
if not ok:
    print([(d['dropped'], d['evidence']['sentence'][:60]) for d in drops])
sys.exit(0 if ok else 1)
PY

"$RASD" extract -q --dropped --format table --published 2021-11-15 "$ART" >"$T_TMP/table.txt"
check "--format table: a why line per rule, and the dropped triggers" sh -c \
	"grep -q '^    why      frames.clause ' '$T_TMP/table.txt' && grep -q 'dropped by history.since_date' '$T_TMP/table.txt'"
check "--explain refuses other formats" sh -c "! '$RASD' extract -q --explain --format csv '$ART' 2>/dev/null"
check "--list-rules names every rule once" sh -c \
	"'$RASD' extract --list-rules | cut -f1 | sort | uniq -d | grep -q . && exit 1; \
	 '$RASD' extract --list-rules | grep -q '^history.since_date	'"
finish
