#!/bin/sh
# Hostile shapes of issue 12's F7 at 1 MB, each coded within 1 s of CPU (4 s
# under sanitizers, which are several times slower): a place name repeated
# without punctuation, one sentence listing places (with و and with
# commas), «قتل» repeated, a killing in a place repeated, and a line of
# numbers and dates. Each used to take from 8 s to minutes (quadratic).
# make fuzz-slow searches for new shapes (fuzz/run_slow.sh).
T_NAME=slow
. tests/lib.sh

BUILD=${BUILD:-build}
limit=1000
case "$BUILD" in *san*) limit=4000 ;; esac
python3 - "$T_TMP" <<'PY'
import sys
out, n = sys.argv[1], 1 << 20
towns = []
for line in open('data/places.tsv', encoding='utf-8'):
    f = line.rstrip('\n').split('\t')
    if len(f) > 5 and f[5] == 'SY' and f[4] in ('town', 'neighbourhood') and ' ' not in f[1]:
        towns.append(f[1])
def fill(unit):
    b = unit.encode()
    return (b * (n // len(b))).decode()
def listing(head, sep):
    parts, size, i = [head], len(head.encode()), 0
    while size < n:
        w = towns[i % len(towns)] + sep
        parts.append(w); size += len(w.encode()); i += 1
    return ''.join(parts) + '.'
shapes = {
    'place-repeated': fill('حلب '),
    'place-list': listing('قتل 5 مدنيين في غارات على ', ' و'),
    'place-commas': listing('قصفت الطائرات ', '، '),
    'qutl-repeated': fill('قتل '),
    'killing-repeated': fill('قتل مدني في حلب '),
    'numbers-dates': fill('قتل 5 في 3 مارس 2018 و'),
}
for name, text in shapes.items():
    open('%s/%s.txt' % (out, name), 'w', encoding='utf-8').write(text)
PY
for f in "$T_TMP"/*.txt; do
	name=$(basename "$f" .txt)
	timeout 60 python3 tests/peak.py "$RASD" extract -q --published 2018-03-05 "$f" >"$T_TMP/out" 2>"$T_TMP/err"; rc=$?
	ms=$(sed -n 's/^peak [0-9]* cpu \([0-9]*\)$/\1/p' "$T_TMP/err")
	check "$name (1 MB): coded (exit $rc)" [ $rc -eq 0 ]
	check "$name (1 MB): within $limit ms ($ms ms)" [ "$ms" -le "$limit" ]
done

# Linear in document size (issue 13): one 4 MB article made of the bundled
# example reports, repeated, costs per byte at most 1.2x what the same
# reports cost as a batch of separate articles (the fastest of two runs
# each, user CPU time; both used to walk back over every earlier date or place per
# trigger: 1.9x).
python3 - "$T_TMP" <<'PY'
import json, sys
out, n = sys.argv[1], 4 << 20
texts = [open('examples/report-deir-ez-zor.txt', encoding='utf-8').read()]
texts += [json.loads(l)['text'] for l in open('examples/articles.jsonl', encoding='utf-8')]
unit = ('\n\n'.join(texts) + '\n\n').encode()
long = (unit * (n // len(unit) + 1))[:n].decode('utf-8', 'ignore')
with open(out + '/long.jsonl', 'w', encoding='utf-8') as f:
    f.write(json.dumps({'id': 'long', 'published': '2025-03-18', 'text': long}, ensure_ascii=False) + '\n')
size, k = 0, 0
with open(out + '/batch.jsonl', 'w', encoding='utf-8') as f:
    while size < n:
        t = texts[k % len(texts)]
        f.write(json.dumps({'id': 'a%d' % k, 'published': '2025-03-18', 'text': t}, ensure_ascii=False) + '\n')
        size += len(t.encode()); k += 1
PY
# user_ms ARGS...: the fastest of two runs of rasd extract -q ARGS, user CPU
# ms (the kernel's time to fault in a 4 MB article's memory once is not the
# coder's)
user_ms() {
	python3 - "$RASD" "$@" <<'PY'
import os, subprocess, sys
best = None
for r in range(2):
    before = os.times().children_user
    subprocess.run([sys.argv[1], 'extract', '-q'] + sys.argv[2:], stdout=subprocess.DEVNULL, check=True)
    ms = int((os.times().children_user - before) * 1000)
    best = ms if best is None else min(best, ms)
print(best)
PY
}
long_ms=$(user_ms "$T_TMP/long.jsonl")
batch_ms=$(user_ms "$T_TMP/batch.jsonl")
check "4 MB article: coded" [ "$("$RASD" extract -q "$T_TMP/long.jsonl" | wc -l)" -gt 0 ]
check "4 MB article within 1.2x the per-byte cost of a batch ($long_ms ms vs $batch_ms ms for 4 MB)" \
	[ $((${long_ms:-999999} * 10)) -le $((${batch_ms:-0} * 12)) ]
# «قتل» repeated (issue 12): every word a trigger, 400 to a sentence, each
# frame's tests walking the sentence; 31x the batch's cost per byte before
# the sentence facts (sentfacts.c), about 17x after
qutl_ms=$(user_ms --published 2018-03-05 "$T_TMP/qutl-repeated.txt")
check "«قتل» repeated (1 MB) within 25x the batch's cost per byte ($qutl_ms ms for 1 MB, $batch_ms ms for 4 MB)" \
	[ $((${qutl_ms:-999999} * 4)) -le $((${batch_ms:-0} * 25)) ]
echo "slow: 4 MB article $long_ms ms of user CPU, the same reports as a batch $batch_ms ms, «قتل» repeated (1 MB) $qutl_ms ms"
finish
