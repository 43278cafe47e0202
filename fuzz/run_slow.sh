#!/bin/sh
# fuzz/run_slow.sh - `make fuzz-slow`: the slow-input fuzzers (fuzz/slow_*.c,
# judged by fuzz/slow.h), one after another, each for SLOW_SECONDS (default
# 600) on inputs of up to 1 MB, with libFuzzer's -timeout, from a corpus
# seeded with whole inputs of its kind and the same repeated to 64 KB:
# articles (examples/, and ../shared/dev when present) for extract and
# jsonl, pages and feeds built from them and from fuzz/seeds/ for html and
# feed, and hostile shapes of each (issue 12; libFuzzer grows and splices
# them). A target fails when an input costs more than 20 times the average
# per byte (it aborts and libFuzzer keeps it as fuzz/artifacts/NAME-crash-*)
# or runs past the timeout (NAME-timeout-*). Prints the average and worst
# cost per byte of each. SLOW_SKIP names seeds to leave out (a shape known
# to be over the bound, so that a run can look for others).
#   SLOW_SECONDS=600 sh fuzz/run_slow.sh build/fuzz/slow_extract [build/fuzz/slow_html ...]
#   SLOW_SKIP=shape-qutl sh fuzz/run_slow.sh build/fuzz/slow_extract
SLOW_SECONDS=${SLOW_SECONDS:-600}
here=$(dirname "$0")
[ $# -gt 0 ] || set -- build/fuzz/slow_extract
failed=0
for bin in "$@"; do
	name=$(basename "$bin")
	corpus=$here/corpus-$name
	mkdir -p "$corpus" "$here/artifacts" "$here/logs"
	python3 - "$corpus" "${name#slow_}" "$here/seeds" <<'PY'
import json, os, sys
out, target, seeds = sys.argv[1], sys.argv[2], sys.argv[3]
N = 1 << 16
def put(name, data):
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(out, 'seed-' + name), 'wb') as f:
        f.write(data)
def fill(unit, n=N):
    b = unit.encode() if isinstance(unit, str) else unit
    return b * max(1, n // len(b))
texts = [json.loads(l)['text'] for l in open('examples/articles.jsonl', encoding='utf-8')]
texts.append(open('examples/report-deir-ez-zor.txt', encoding='utf-8').read())
dev = os.path.join('..', 'shared', 'dev', 'gold.jsonl')
if os.path.exists(dev):
    for l in open(dev, encoding='utf-8'):
        t = json.loads(l).get('text')
        if t:
            texts.append(t)
def seeds_of(kind):
    d = os.path.join(seeds, kind)
    for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
        yield f, open(os.path.join(d, f), 'rb').read()
if target == 'extract':
    # whole articles, and articles repeated to 64 KB: the average
    for i, t in enumerate(texts):
        put('article-%d' % i, t)
        put('articles-%d' % i, fill(t + '\n'))
    for name, unit in [('place', 'حلب '), ('list', 'إدلب وحماة وحلب و'), ('qutl', 'قتل '),
                       ('killing', 'قتل مدني في حلب '), ('dates', 'قتل 5 في 3 مارس 2018 و')]:
        put('shape-' + name, fill(unit))
elif target == 'html':
    # the first byte picks the Content-Type (slow_html.c)
    def page(paras, title='تقرير'):
        body = ''.join('<p>%s</p>\n' % p for p in paras)
        return ('<html><head><meta charset="utf-8"><title>%s</title>'
                '<meta property="og:site_name" content="news"></head><body><nav><a href="/">home</a>'
                '</nav><article><h1>%s</h1>%s</article><footer>c</footer></body></html>' % (title, title, body))
    for i, t in enumerate(texts):
        paras = [p for p in t.split('\n') if p.strip()]
        put('page-%d' % i, b'\x01' + page(paras).encode())
        put('pages-%d' % i, b'\x01' + page(paras * max(1, N // (len(t.encode()) + 1))).encode())
    for f, data in seeds_of('html'):
        put('seed-' + f, data)
        put('seeds-' + f, data[:1] + fill(data[1:] or b'<p>x</p>'))
    for name, unit in [('divs', '<div>'), ('links', '<a href="/a/1">قتل</a> '),
                       ('paras', '<p>قتل مدني في حلب</p>'), ('entities', '&amp;&#1602;&quot;'),
                       ('attrs', '<p class="a" id="b" data-x="c">'), ('comment', '<!-- x -->'),
                       ('script', '<script>var a = "</p>";</script>'), ('cells', '<td>حلب</td>'),
                       ('metas', '<meta property="og:title" content="حلب">'),
                       ('text', 'قتل مدني في حلب ')]:
        put('shape-' + name, b'\x01' + fill(unit))
    put('shape-1256', b'\x02' + fill(bytes(range(0xc1, 0xdb)) + b' '))
elif target == 'feed':
    def rss(items):
        return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>news</title>'
                + ''.join('<item><title>%s</title><link>https://news.example/a/%d?utm_source=x</link>'
                          '<pubDate>Mon, 05 Mar 2018 10:00:00 GMT</pubDate><description><![CDATA[<p>%s</p>]]>'
                          '</description></item>' % (t, i, d) for i, (t, d) in enumerate(items))
                + '</channel></rss>')
    for i, t in enumerate(texts):
        lines = [p for p in t.split('\n') if p.strip()] or ['x']
        put('rss-%d' % i, rss([(lines[0][:80], lines[-1])]))
        put('rsss-%d' % i, rss([(l[:80], l) for l in lines] * max(1, N // (len(t.encode()) + 400))))
    for f, data in seeds_of('feed'):
        put('seed-' + f, data)
    atom = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            + '<entry><title>قتل</title><link href="/a/1"/><updated>2018-03-05T10:00:00Z</updated></entry>' * 400
            + '</feed>')
    put('shape-atom', atom)
    put('shape-amp', rss([('A & B', 'قتل & جرح')] * 300))
    put('shape-nest', '<rss><channel>' + '<x>' * 20000 + '</channel></rss>')
    put('shape-base', '<feed xmlns="http://www.w3.org/2005/Atom">' +
        '<entry xml:base="/a/b/../c/"><link href="../d?fbclid=1&amp;a=2"/></entry>' * 600 + '</feed>')
elif target == 'jsonl':
    lines = [json.dumps({'id': 'a%d' % i, 'published': '2018-03-05', 'text': t}, ensure_ascii=False)
             for i, t in enumerate(texts)]
    for i, l in enumerate(lines):
        put('line-%d' % i, l + '\n')
    put('lines', fill('\n'.join(lines) + '\n'))
    put('shape-escapes', '{"id":"e","text":"' + '\\u0642\\u062a\\u0644 ' * 8000 + '"}\n')
    put('shape-long', json.dumps({'id': 'l', 'text': 'قتل مدني في حلب ' * 3000}, ensure_ascii=False) + '\n')
    put('shape-small', fill('{"id":"s","text":"قتل"}\n'))
    put('shape-bad', fill('{"id":"b","text":"قتل\n'))
    put('shape-deep', fill('[' * 70 + '\n'))
    put('shape-blank', fill('\n'))
    put('shape-keys', '{' + ','.join('"k%d":%d' % (i, i) for i in range(6000)) + ',"id":"k","text":"x"}\n')
PY
	for skip in $SLOW_SKIP; do
		rm -f "$corpus/seed-$skip"
	done
	echo "fuzz-slow: $name, $SLOW_SECONDS s, inputs up to 1 MB, corpus $corpus${SLOW_SKIP:+ without $SLOW_SKIP}"
	"$bin" -max_total_time="$SLOW_SECONDS" -timeout=30 -rss_limit_mb=4096 -max_len=1048576 \
		-len_control=0 -use_cmp=0 -print_final_stats=1 -artifact_prefix="$here/artifacts/$name-" \
		$FUZZ_ARGS "$corpus" >"$here/logs/$name.log" 2>&1
	rc=$?
	grep -E "^$name:|^stat::number_of_executed_units|^#[0-9]+ *DONE|SUMMARY|ERROR" "$here/logs/$name.log" | tail -5
	if [ $rc -ne 0 ]; then
		echo "fuzz-slow: $name FAILED (exit $rc): see $here/logs/$name.log and $here/artifacts/$name-*"
		failed=1
	else
		echo "fuzz-slow: $name: no input over 20x the average cost per byte, none past the timeout"
	fi
done
exit $failed
