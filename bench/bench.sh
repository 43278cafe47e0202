#!/bin/sh
# bench/bench.sh - how fast `rasd extract` codes a real corpus, on one core,
# measured against `wc -w` over the same bytes in the same run so the figure
# means something on a noisy machine; per-stage figures and lexicon load
# time from build/bench/stages; --jobs scaling; instructions per byte of
# rasd and wc -w on a fixed slice (callgrind).
#   sh bench/bench.sh              the report (run by `make bench`)
#   sh bench/bench.sh --callgrind  instruction counts of a 300-article slice
# Environment: RASD, BUILD, SHARED (as the Makefile sets them);
# RASD_BENCH_CACHE (default $XDG_CACHE_HOME/rasd, else /tmp/rasd-bench),
# RASD_BENCH_ARTICLES (use only the first N articles), RASD_BENCH_SYNTH_MB
# (size of the synthetic corpus made when $SHARED is absent; default 20),
# RASD_BENCH_SLICE (callgrind slice, default 300 articles; 0: no callgrind
# in the report), RASD_BENCH_RUNS
# (timed runs of rasd extract, the fastest counts; default 2),
# RASD_BENCH_CPU (the core to pin to, default 0).
set -u

RASD=${RASD:-build/rasd}
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
STAGES=$BUILD/bench/stages
DATA=${RASD_DATA:-data}
SYNTH_MB=${RASD_BENCH_SYNTH_MB:-20}
SLICE=${RASD_BENCH_SLICE:-300}
RUNS=${RASD_BENCH_RUNS:-2}
if [ -n "${RASD_BENCH_CACHE:-}" ]; then
	CACHE=$RASD_BENCH_CACHE
elif [ -n "${XDG_CACHE_HOME:-}" ]; then
	CACHE=$XDG_CACHE_HOME/rasd
else
	CACHE=/tmp/rasd-bench
fi

mode=report
case "${1:-}" in
"") ;;
--callgrind) mode=callgrind ;;
-h | --help)
	sed -n '2,16s/^# \{0,1\}//p' "$0"
	exit 0
	;;
*)
	echo "bench: unknown option '$1' (try --callgrind)" >&2
	exit 2
	;;
esac

die() { echo "bench: $*" >&2; exit 1; }
[ -x "$RASD" ] || die "no '$RASD': run make first"
mkdir -p "$CACHE" || die "cannot create '$CACHE'"
tmp=$(mktemp -d) || die "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM PIPE

# Measure snapshots: others may rebuild build/ or edit data/ during a run.
mkdir "$tmp/bin" && cp "$RASD" "$tmp/bin/rasd" || die "cannot copy '$RASD'"
[ -d "$DATA" ] && cp -R "$DATA" "$tmp/data" || die "no lexicon directory '$DATA'"
RASD_NAME=$RASD STAGES_NAME=$STAGES
RASD=$tmp/bin/rasd
if [ -x "$STAGES" ]; then cp "$STAGES" "$tmp/bin/stages" && STAGES=$tmp/bin/stages; fi
RASD_DATA=$tmp/data
export RASD_DATA

# --------------------------------------------------------------- helpers
now_ns() { date +%s%N; }
# seconds between two now_ns readings
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'; }
# x / y with a format, 0 when y is 0
ratio() { awk -v x="$1" -v y="$2" -v f="${3:-%.1f}" 'BEGIN { if (y + 0 == 0) print 0; else printf f, x / y }'; }
# 12345678 -> 12,345,678
commas() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }
filesize() { wc -c <"$1" | tr -d ' '; }

# Pin to one core when taskset can.
CPU=${RASD_BENCH_CPU:-0}
PIN=""
if command -v taskset >/dev/null 2>&1 && taskset -c "$CPU" true 2>/dev/null; then
	PIN="taskset -c $CPU"
fi
NPROC=$(nproc 2>/dev/null || echo 1)

# ---------------------------------------------------------------- corpus
# Real corpus: decompressed once into the cache. Without it: a synthetic
# one assembled from the lexicons' own words, which says nothing about
# accuracy and flatters nothing but lets the pipeline be timed.
src=$SHARED/corpus/ant-2018.jsonl.xz
if [ -f "$src" ]; then
	corpus=$CACHE/ant-2018.jsonl
	if [ ! -s "$corpus" ] || [ "$src" -nt "$corpus" ]; then
		command -v xz >/dev/null 2>&1 || die "xz is missing (make deps installs xz-utils)"
		echo "bench: decompressing $src into $CACHE (once)" >&2
		xz -dc "$src" >"$corpus.part.$$" && mv "$corpus.part.$$" "$corpus" ||
			{ rm -f "$corpus.part.$$"; die "cannot decompress '$src'"; }
	fi
	corpus_kind="real: ant-2018, Arabic news of 2018"
else
	corpus=$CACHE/synthetic-${SYNTH_MB}mb.jsonl
	stale=""
	for f in "$DATA"/triggers.tsv "$DATA"/places.tsv "$DATA"/actor_aliases.tsv; do
		[ -f "$f" ] || die "'$f' is missing: cannot make a synthetic corpus"
		[ "$f" -nt "$corpus" ] && stale=yes
	done
	if [ ! -s "$corpus" ] || [ -n "$stale" ]; then
		echo "bench: $src is absent; generating a ${SYNTH_MB} MB synthetic corpus from $DATA" >&2
		LC_ALL=C awk -F '\t' -v target="$((SYNTH_MB * 1000000))" '
		function pick(a, n) { return a[int(rand() * n) + 1] }
		function clean(s) { gsub(/["\\]/, "", s); return s }
		FNR == 1 { file++ }
		/^#/ || /^[ \t]*$/ { next }
		file == 1 { trig[++nt] = clean($1) }
		file == 2 { place[++np] = clean($2) }
		file == 3 { actor[++na] = clean($1) }
		function sentence(  r) {
			r = rand()
			if (r < 0.25)
				return pick(actor, na) " " pick(trig, nt) " في " pick(place, np) "، ما أدى إلى مقتل " int(rand() * 20 + 1) " أشخاص."
			if (r < 0.45)
				return "وقال مصدر محلي إن " pick(actor, na) " " pick(trig, nt) " قرب " pick(place, np) " يوم الاثنين الماضي."
			if (r < 0.6)
				return "وأفادت مصادر بأن " pick(trig, nt) " استهدف " pick(actor, na) " في ريف " pick(place, np) "."
			if (r < 0.8)
				return "وأضاف المصدر أن الأوضاع في " pick(place, np) " لا تزال متوترة منذ أيام، وسط انتشار أمني كثيف."
			return "وتشهد المنطقة منذ أشهر أزمة اقتصادية حادة، فيما يطالب السكان بتحسين الخدمات الأساسية والكهرباء والمياه."
		}
		END {
			if (nt == 0 || np == 0 || na == 0) { print "bench: empty lexicons" > "/dev/stderr"; exit 1 }
			srand(20180101)
			while (bytes < target) {
				id++
				text = ""
				ns = int(rand() * 12) + 4
				for (s = 1; s <= ns; s++)
					text = text (s > 1 ? (rand() < 0.3 ? "\\n" : " ") : "") sentence()
				line = sprintf("{\"id\": \"syn-%d\", \"source\": \"synthetic\", \"title\": \"%s في %s\", \"published\": \"2018-%02d-%02d\", \"text\": \"%s\"}", id, pick(trig, nt), pick(place, np), int(rand() * 12) + 1, int(rand() * 28) + 1, text)
				print line
				bytes += length(line) + 1
			}
		}' "$DATA/triggers.tsv" "$DATA/places.tsv" "$DATA/actor_aliases.tsv" >"$corpus.part.$$" &&
			mv "$corpus.part.$$" "$corpus" ||
			{ rm -f "$corpus.part.$$"; die "cannot generate a synthetic corpus"; }
	fi
	corpus_kind="SYNTHETIC (no $src): lexicon words in template sentences; not real news"
fi
if [ -n "${RASD_BENCH_ARTICLES:-}" ]; then
	head -n "$RASD_BENCH_ARTICLES" "$corpus" >"$tmp/corpus.jsonl"
	corpus=$tmp/corpus.jsonl
	corpus_kind="$corpus_kind; first $RASD_BENCH_ARTICLES articles"
fi

# -------------------------------------------------------------- callgrind
if [ "$mode" = callgrind ]; then
	command -v valgrind >/dev/null 2>&1 ||
		die "valgrind is missing (make deps EXTRA_DEB=valgrind installs it)"
	slice=$CACHE/slice-$SLICE.jsonl
	head -n "$SLICE" "$corpus" >"$slice"
	out=$CACHE/callgrind.out
	echo "rasd bench --callgrind: $RASD_NAME extract over $SLICE articles ($(commas "$(filesize "$slice")") bytes)"
	echo "corpus: $corpus_kind"
	valgrind --tool=callgrind --callgrind-out-file="$out" "$RASD" extract -q "$slice" \
		>/dev/null 2>"$tmp/vg.log" || { cat "$tmp/vg.log" >&2; die "callgrind run failed"; }
	total=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$out")
	[ -n "$total" ] || total=$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$out")
	echo "total: $(commas "$total") instructions ($(ratio "$total" "$(filesize "$slice")" %.0f) per input byte); profile in $out"
	echo
	echo "top functions, own instructions (callgrind_annotate):"
	callgrind_annotate --inclusive=no --threshold=100 "$out" 2>/dev/null >"$tmp/self.txt"
	grep -E '^ *[0-9][0-9,]* ' "$tmp/self.txt" | sed -n '2,21p' |
		sed -e 's/ \[[^]]*\]$//' -e 's/^/  /'
	echo
	echo "entry points, inclusive:"
	callgrind_annotate --inclusive=yes --threshold=100 "$out" 2>/dev/null >"$tmp/incl.txt"
	for f in main rasd_lexicon_load cli_reader_next rasd_utf8_clean rasd_json_parse rasd_extract \
		rasd_doc_parse find_mentions rasd_lex_match_at rasd_clitic_readings rasd_event_write_json; do
		grep -E "^ *[0-9][0-9,]* .*:$f( |$)" "$tmp/incl.txt" | head -n 1 |
			sed -e 's/ \[[^]]*\]$//' -e "s|$PWD/||" -e 's/^/  /'
	done
	exit 0
fi

# ----------------------------------------------------------------- report
bytes=$(filesize "$corpus")
mb=$(ratio "$bytes" 1000000 %.1f)
lines=$(wc -l <"$corpus" | tr -d ' ')
cat "$corpus" >/dev/null # warm the page cache: we time the coder, not the disk

# run OUT ERR CMD...: runs CMD under $RUNPIN, stdout to OUT, stderr to ERR;
# sets wall (seconds), rss_kb (peak resident, KB), cpu_pct (CPU time over
# wall time; both empty when unknown), rc.
RUNPIN=$PIN
TIMEV=""
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
	TIMEV=/usr/bin/time
fi
run() {
	o=$1; e=$2; shift 2
	rss_kb=""; cpu_pct=""
	if [ -n "$TIMEV" ]; then
		t0=$(now_ns)
		$RUNPIN "$TIMEV" -v -o "$tmp/time.txt" "$@" >"$o" 2>"$e"; rc=$?
		t1=$(now_ns)
		rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$tmp/time.txt")
		cpu_pct=$(sed -n 's/.*Percent of CPU this job got: *//p' "$tmp/time.txt")
	else
		# no GNU time: poll the kernel's high-water mark until the process ends
		t0=$(now_ns)
		$RUNPIN "$@" >"$o" 2>"$e" &
		pid=$!
		while kill -0 "$pid" 2>/dev/null; do
			v=$(sed -n 's/^VmHWM:[^0-9]*\([0-9]*\).*/\1/p' "/proc/$pid/status" 2>/dev/null)
			[ -n "$v" ] && rss_kb=$v
			sleep 0.05
		done
		wait "$pid"; rc=$?
		t1=$(now_ns)
	fi
	wall=$(secs "$t0" "$t1")
}
# The yardstick: fastest of two wc -w runs, one before and one after rasd.
wc_run() {
	t0=$(now_ns)
	$PIN env LC_ALL=C.UTF-8 wc -w <"$corpus" >"$tmp/wc.txt"
	t1=$(now_ns)
	s=$(secs "$t0" "$t1")
	if [ -z "${wc_s:-}" ] || [ "$(awk -v a="$s" -v b="$wc_s" 'BEGIN { print (a < b) }')" = 1 ]; then
		wc_s=$s
	fi
}

echo "rasd bench  $(date '+%Y-%m-%d %H:%M')  $(uname -m), $NPROC core(s), load average $(cut -d ' ' -f 1 /proc/loadavg 2>/dev/null)  $("$RASD" version 2>/dev/null)"
echo "corpus: $corpus_kind"
echo "        $corpus: $(commas "$lines") articles, $mb MB"
echo

# RUNS runs of rasd, each between two of wc -w; the fastest of each counts,
# the highest peak memory counts, and the runs must write the same bytes.
wc_s=""
x_wall=""; x_rss=""; x_cpu=""; same_runs=yes
wc_run
k=1
while [ "$k" -le "$RUNS" ]; do
	run "$tmp/out-$k.jsonl" "$tmp/err.txt" "$RASD" extract "$corpus"
	wc_run
	x_rc=$rc
	if [ -z "$x_wall" ] || [ "$(awk -v a="$wall" -v b="$x_wall" 'BEGIN { print (a < b) }')" = 1 ]; then
		x_wall=$wall
		x_cpu=$cpu_pct
	fi
	if [ -n "$rss_kb" ] && { [ -z "$x_rss" ] || [ "$rss_kb" -gt "$x_rss" ]; }; then
		x_rss=$rss_kb
	fi
	if [ "$k" = 1 ]; then
		mv "$tmp/out-1.jsonl" "$tmp/out.jsonl"
	else
		cmp -s "$tmp/out-$k.jsonl" "$tmp/out.jsonl" || same_runs=""
		rm -f "$tmp/out-$k.jsonl"
	fi
	k=$((k + 1))
done
summary=$(grep -E 'articles? coded' "$tmp/err.txt" | tail -n 1)
[ -n "$summary" ] || { cat "$tmp/err.txt" >&2; die "rasd extract failed (exit $x_rc)"; }
arts=$(echo "$summary" | sed -n 's/^rasd: \([0-9]*\) article.*/\1/p')
events=$(echo "$summary" | sed -n 's/.* \([0-9]*\) events*[,;].*/\1/p')
errors=$(echo "$summary" | sed -n 's/.* \([0-9]*\) errors*\( .*\|,.*\)*$/\1/p')

# Per-stage figures (and the sentence count) from bench/stages, pinned too.
stages_ok=""
if [ -x "$STAGES" ]; then
	if $PIN "$STAGES" --data "$RASD_DATA" "$corpus" >"$tmp/stages.txt" 2>"$tmp/stages.err"; then
		stages_ok=yes
	else
		cat "$tmp/stages.err" >&2
	fi
fi
kv() { sed -n "s/^totals.* $1=\([^ ]*\).*/\1/p" "$tmp/stages.txt"; }
sentences=""
[ -n "$stages_ok" ] && sentences=$(kv sentences)

x_mbs=$(ratio "$bytes" "$(awk -v s="$x_wall" 'BEGIN { print s * 1e6 }')")
wc_mbs=$(ratio "$bytes" "$(awk -v s="$wc_s" 'BEGIN { print s * 1e6 }')")
vs_wc=$(ratio "$wc_s" "$x_wall" %.2f)
echo "rasd extract, one core${PIN:+ ($PIN)}, JSONL to a file, fastest of $RUNS run(s):"
busy=""
case "$x_cpu" in
[0-9]%|[1-8][0-9]%) busy=" (the machine is busy: trust the wc -w ratio more than MB/s)" ;;
esac
printf '  %-13s %s s wall%s%s%s\n' time "$x_wall" "${x_cpu:+, $x_cpu of the core}" "$busy" \
	"$([ -z "$same_runs" ] && echo '; WARNING: the runs wrote different output')"
printf '  %-13s %s MB/s   %s articles/s   %s\n' throughput "$x_mbs" \
	"$(commas "$(ratio "$arts" "$x_wall" %.0f)")" \
	"$(if [ -n "$sentences" ]; then echo "$(commas "$(ratio "$sentences" "$x_wall" %.0f)") sentences/s"; else echo "(sentences/s needs $STAGES_NAME)"; fi)"
printf '  %-13s %s from %s articles (%s errors, exit %s)\n' events "$(commas "$events")" \
	"$(commas "$arts")" "$errors" "$x_rc"
if [ -n "$x_rss" ]; then
	printf '  %-13s %s MB%s\n' "peak RSS" "$(ratio "$x_rss" 1024)" \
		"$([ -z "$TIMEV" ] && echo ' (VmHWM polled; make deps EXTRA_DEB=time for GNU time)')"
else
	printf '  %-13s unknown\n' "peak RSS"
fi
printf '  %-13s %s s = %s MB/s; rasd runs at %sx the speed of wc -w\n' "wc -w" "$wc_s" "$wc_mbs" "$vs_wc"
echo

if [ -n "$stages_ok" ]; then
	echo "stages ($STAGES_NAME, same corpus, one core):"
	sed -e '/^totals /d' -e '/^stages: /d' "$tmp/stages.txt"
	s_events=$(kv events)
	[ "$s_events" = "$events" ] ||
		echo "  WARNING: stages found $s_events events, rasd extract $events"
	load_ms=$(kv load_ms)
else
	echo "stages: $STAGES_NAME not built (make bench builds it); no per-stage figures"
	load_ms=""
fi
echo

# --jobs scaling, once rasd extract has it.
if "$RASD" extract --help 2>&1 | grep -q -- '--jobs'; then
	echo "--jobs scaling (cores 0..N-1; output compared with the 1-job output;"
	echo "  load average now $(cut -d ' ' -f 1 /proc/loadavg 2>/dev/null): other work on the cores spoils scaling):"
	base=""
	j=1
	while [ "$j" -le "$NPROC" ]; do
		RUNPIN=""
		[ -n "$PIN" ] && RUNPIN="taskset -c 0-$((j - 1))"
		run "$tmp/jobs-$j.jsonl" /dev/null "$RASD" extract -q --jobs "$j" "$corpus"
		w=$wall
		[ "$j" = 1 ] && base=$w
		[ "$j" = 2 ] && scale2=$(ratio "$base" "$w" %.2f)
		if cmp -s "$tmp/jobs-$j.jsonl" "$tmp/jobs-1.jsonl"; then same=identical; else same="DIFFERS from --jobs 1"; fi
		if [ "$j" = 1 ]; then
			cmp -s "$tmp/jobs-1.jsonl" "$tmp/out.jsonl" || same="DIFFERS from the run without --jobs"
		fi
		printf '  --jobs %-3s %7s s  %7s MB/s  %5sx  %5s CPU  %6s MB peak  %s\n' "$j" "$w" \
			"$(ratio "$bytes" "$(awk -v s="$w" 'BEGIN { print s * 1e6 }')")" \
			"$(ratio "$base" "$w" %.2f)" "${cpu_pct:--}" \
			"$([ -n "$rss_kb" ] && ratio "$rss_kb" 1024 || echo -)" "$same"
		j=$((j + 1))
	done
	echo
fi

# Instructions per byte on a fixed slice (callgrind): the figure that does
# not move with the load of a shared machine. The lexicon load is measured
# apart (an empty input) and taken off; wc -w runs on the same slice.
ir_rasd=""; ir_load=""; ir_wc=""
if [ "$SLICE" -gt 0 ] 2>/dev/null && command -v valgrind >/dev/null 2>&1; then
	slice=$tmp/slice.jsonl
	head -n "$SLICE" "$corpus" >"$slice"
	: >"$tmp/empty.jsonl"
	cg_total() { sed -n 's/^summary: *\([0-9]*\).*/\1/p; s/^totals: *\([0-9]*\).*/\1/p' "$1" | head -n 1; }
	if valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.rasd" "$RASD" extract -q "$slice" \
		>/dev/null 2>"$tmp/vg.log" &&
		valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.load" "$RASD" extract -q \
			"$tmp/empty.jsonl" >/dev/null 2>>"$tmp/vg.log" &&
		LC_ALL=C.UTF-8 valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.wc" wc -w <"$slice" \
			>/dev/null 2>>"$tmp/vg.log"; then
		ir_rasd=$(cg_total "$tmp/cg.rasd"); ir_load=$(cg_total "$tmp/cg.load"); ir_wc=$(cg_total "$tmp/cg.wc")
	fi
	sbytes=$(filesize "$slice")
	echo "instructions (callgrind, the first $SLICE articles, $(commas "$sbytes") bytes):"
	if [ -n "$ir_rasd" ] && [ -n "$ir_load" ] && [ -n "$ir_wc" ]; then
		ir_code=$((ir_rasd - ir_load))
		printf '  %-13s %s per input byte (%s in all, of which the lexicon load %s)\n' "rasd extract" \
			"$(ratio "$ir_code" "$sbytes" %.1f)" "$(commas "$ir_rasd")" "$(commas "$ir_load")"
		printf '  %-13s %s per input byte\n' "wc -w" "$(ratio "$ir_wc" "$sbytes" %.1f)"
	else
		echo "  unavailable: callgrind failed (a sanitizer build?); see sh bench/bench.sh --callgrind"
	fi
	echo
fi

# The goals of issues 5 and 13.
goal() { if [ "$(awk "BEGIN { print ($2) ? 1 : 0 }")" = 1 ]; then m=met; else m="NOT met"; fi; printf '  %-44s %s\n' "$1" "$m"; }
echo "goals:"
goal "one core >= 50 MB/s (now $x_mbs)" "$x_mbs >= 50"
goal "at least half wc -w's speed (now ${vs_wc}x)" "$vs_wc >= 0.5"
[ -n "$x_rss" ] && goal "peak RSS < 200 MB (now $(ratio "$x_rss" 1024) MB)" "$x_rss < 200 * 1024"
[ -n "$load_ms" ] && goal "lexicon load < 50 ms (now $load_ms ms)" "$load_ms < 50"
goal "one core at least wc -w's speed (now ${vs_wc}x)" "$vs_wc >= 1.0"
[ -n "${scale2:-}" ] && goal "--jobs 2 near 2x (>= 1.8x; now ${scale2}x)" "$scale2 >= 1.8"
exit 0
