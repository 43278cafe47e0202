#!/bin/sh
# Smoke test of the benchmark tools: bench/stages over a tiny generated
# corpus (good articles, a blank line, bad lines, an empty article) must
# report every stage, count what it read, and find the same events as
# `rasd extract`; bench/bench.sh must run end to end on a small synthetic
# corpus when ../shared/ is absent and say that it is synthetic.
T_NAME=bench
. tests/lib.sh

BUILD=${BUILD:-build}
STAGES=$BUILD/bench/stages
if [ ! -x "$STAGES" ] || [ "$BUILD/librasd.a" -nt "$STAGES" ]; then
	skip "$STAGES is not built or older than the library (make bench builds it)"
	finish
	exit $?
fi

# --- usage
"$STAGES" --help >/dev/null 2>&1; check "stages --help exits 0" [ $? -eq 0 ]
"$STAGES" >/dev/null 2>&1; check "stages without a corpus exits 2" [ $? -eq 2 ]
"$STAGES" --loads 0 x >/dev/null 2>&1; check "stages --loads 0 exits 2" [ $? -eq 2 ]
"$STAGES" --bogus x >/dev/null 2>&1; check "stages --bogus exits 2" [ $? -eq 2 ]
"$STAGES" "$T_TMP/missing.jsonl" >/dev/null 2>"$T_TMP/err"; rc=$?
check "a missing corpus exits 1" [ $rc -eq 1 ]
check "a missing corpus is named" grep -q "cannot open '$T_TMP/missing.jsonl'" "$T_TMP/err"
"$STAGES" --data "$T_TMP/nodata" examples/articles.jsonl >/dev/null 2>&1
check "a missing lexicon directory exits 1" [ $? -eq 1 ]

# --- a tiny corpus: the examples four times, with bad lines among them
c=$T_TMP/corpus.jsonl
for k in 1 2 3 4; do
	sed "s/\"id\": *\"\([^\"]*\)\"/\"id\": \"\1-$k\"/" examples/articles.jsonl >>"$c"
done
printf '\n' >>"$c"                                             # blank: ignored
printf '{"id": "bad-json", "text": \n' >>"$c"                   # bad line
printf '{"id": "no-text", "title": "عنوان"}\n' >>"$c"          # bad line
printf '{"id": 7, "text": "   "}\n' >>"$c"                      # refused: no text
printf '{"id": "t", "title": "مقتل ثلاثة في قصف على إدلب", "text": "قتل ثلاثة مدنيين في قصف على إدلب أمس.", "published": "2018-03-04T10:00:00Z"}\n' >>"$c"
good=$(( $(wc -l <examples/articles.jsonl) * 4 + 1 ))

"$STAGES" --loads 3 "$c" >"$T_TMP/stages.txt" 2>"$T_TMP/stages.err"; rc=$?
check "stages exits 0" [ $rc -eq 0 ]
for s in "read: UTF-8 clean" "read: JSON parse" "rasd_doc_parse" "lexicon match" \
	"rasd_extract (all)" "output: JSON formatting" "pipeline" "peak RSS"; do
	grep -q "$s" "$T_TMP/stages.txt" || fail "stages reports '$s'"
done
pass
check "lexicon load is averaged over 3 loads" grep -q 'lexicon load: .* over 3 loads' "$T_TMP/stages.txt"
kv() { sed -n "s/^totals.* $1=\([^ ]*\).*/\1/p" "$T_TMP/stages.txt"; }
check "articles coded are counted" [ "$(kv articles)" = "$good" ]
check "bad lines are counted" grep -q '(2 bad lines, 1 refused by rasd_extract)' "$T_TMP/stages.txt"
check "bytes are the corpus size" [ "$(kv bytes)" = "$(wc -c <"$c" | tr -d ' ')" ]
check "sentences are counted" [ "$(kv sentences)" -gt "$good" ]
check "tokens are counted" [ "$(kv tokens)" -gt "$(kv sentences)" ]
check "lexicon load time is positive" awk -v v="$(kv load_ms)" 'BEGIN { exit !(v > 0) }'

"$RASD" extract -q "$c" >"$T_TMP/events.jsonl" 2>/dev/null
n=$(wc -l <"$T_TMP/events.jsonl" | tr -d ' ')
check "rasd extract finds events in the corpus" [ "$n" -gt 0 ]
check "stages finds as many events as rasd extract ($n)" [ "$(kv events)" = "$n" ]

"$STAGES" --loads 1 - <"$c" >"$T_TMP/stdin.txt" 2>&1
check "stages reads standard input" grep -q "^totals .* events=$n " "$T_TMP/stdin.txt"
"$STAGES" --loads 1 --limit 2 "$c" >"$T_TMP/limit.txt" 2>&1
check "--limit stops early" grep -q '^totals articles=2 ' "$T_TMP/limit.txt"

# --- bench.sh end to end on a 1 MB synthetic corpus (no shared/)
SHARED=$T_TMP/no-shared RASD_BENCH_CACHE=$T_TMP/cache RASD_BENCH_SYNTH_MB=1 RASD_BENCH_SLICE=20 \
	RASD=$RASD BUILD=$BUILD sh bench/bench.sh >"$T_TMP/bench.txt" 2>&1; rc=$?
check "bench.sh exits 0 on a synthetic corpus" [ $rc -eq 0 ]
check "bench.sh says the corpus is synthetic" grep -q 'SYNTHETIC' "$T_TMP/bench.txt"
check "bench.sh cached the corpus outside the repo" [ -s "$T_TMP/cache/synthetic-1mb.jsonl" ]
check "bench.sh reports MB/s, articles/s and sentences/s" \
	grep -q 'MB/s .* articles/s .* sentences/s' "$T_TMP/bench.txt"
check "bench.sh reports the wc -w ratio" grep -q 'the speed of wc -w' "$T_TMP/bench.txt"
check "bench.sh reports per-stage figures" grep -q 'rasd_extract (all)' "$T_TMP/bench.txt"
check "bench.sh events agree with stages" sh -c "! grep -q WARNING '$T_TMP/bench.txt'"
if command -v valgrind >/dev/null 2>&1; then
	case "$BUILD" in
	*san*) check "bench.sh says callgrind cannot run a sanitizer build" \
		grep -q 'unavailable: callgrind failed' "$T_TMP/bench.txt" ;;
	*) check "bench.sh reports instructions per byte of rasd and wc -w" \
		sh -c "grep -q 'rasd extract .* per input byte' '$T_TMP/bench.txt' &&
			grep -q 'wc -w .* per input byte' '$T_TMP/bench.txt'" ;;
	esac
fi
check "bench.sh reports the goal of issue 13" grep -q "at least wc -w's speed" "$T_TMP/bench.txt"
if grep -q -- '--jobs' "$T_TMP/bench.txt"; then
	check "--jobs output is identical" sh -c "! grep -q DIFFERS '$T_TMP/bench.txt'"
fi
[ $rc -eq 0 ] && ! grep -q WARNING "$T_TMP/bench.txt" || cat "$T_TMP/bench.txt"

finish
