#!/bin/sh
# fuzz/run_slow.sh - `make fuzz-slow`: the slow-input fuzzer (fuzz/
# slow_extract.c) for SLOW_SECONDS (default 600) on inputs of up to 1 MB,
# with libFuzzer's -timeout, from a corpus seeded with whole articles
# (examples/, and ../shared/dev when present) and the hostile shapes of
# issue 12 at 64 KB (libFuzzer grows and splices them). It fails when an
# input costs more than 20 times the average per byte (the target aborts
# and libFuzzer keeps it as fuzz/artifacts/slow-crash-*) or runs past the
# timeout (slow-timeout-*). Prints the average and worst cost per byte.
#   SLOW_SECONDS=600 sh fuzz/run_slow.sh build/fuzz/slow_extract
SLOW_SECONDS=${SLOW_SECONDS:-600}
here=$(dirname "$0")
bin=${1:-build/fuzz/slow_extract}
corpus=$here/corpus-slow_extract
mkdir -p "$corpus" "$here/artifacts" "$here/logs"
python3 - "$corpus" <<'PY'
import json, os, sys
out = sys.argv[1]
def put(name, text):
    with open(os.path.join(out, 'seed-' + name), 'w', encoding='utf-8') as f:
        f.write(text)
def fill(unit, n=1 << 16):
    b = unit.encode()
    return (b * (n // len(b))).decode()
texts = [json.loads(l)['text'] for l in open('examples/articles.jsonl', encoding='utf-8')]
texts.append(open('examples/report-deir-ez-zor.txt', encoding='utf-8').read())
dev = os.path.join('..', 'shared', 'dev', 'gold.jsonl')
if os.path.exists(dev):
    for l in open(dev, encoding='utf-8'):
        t = json.loads(l).get('text')
        if t:
            texts.append(t)
# whole articles, and articles repeated to 64 KB: the average
for i, t in enumerate(texts):
    put('article-%d' % i, t)
    put('articles-%d' % i, fill(t + '\n'))
for name, unit in [('place', 'حلب '), ('list', 'إدلب وحماة وحلب و'), ('qutl', 'قتل '),
                   ('killing', 'قتل مدني في حلب '), ('dates', 'قتل 5 في 3 مارس 2018 و')]:
    put('shape-' + name, fill(unit))
PY
echo "fuzz-slow: $SLOW_SECONDS s, inputs up to 1 MB, corpus $corpus"
"$bin" -max_total_time="$SLOW_SECONDS" -timeout=30 -rss_limit_mb=4096 -max_len=1048576 \
	-len_control=0 -use_cmp=0 -print_final_stats=1 -artifact_prefix="$here/artifacts/slow-" \
	$FUZZ_ARGS "$corpus" >"$here/logs/slow_extract.log" 2>&1
rc=$?
grep -E '^slow_extract:|^stat::number_of_executed_units|^#[0-9]+ *DONE|SUMMARY|ERROR' "$here/logs/slow_extract.log" | tail -5
if [ $rc -ne 0 ]; then
	echo "fuzz-slow: FAILED (exit $rc): see $here/logs/slow_extract.log and $here/artifacts/slow-*"
	exit 1
fi
echo "fuzz-slow: no input over 20x the average cost per byte, none past the timeout"
