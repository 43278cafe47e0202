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
finish
