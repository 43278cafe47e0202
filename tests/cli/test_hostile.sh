#!/bin/sh
# Pathological input through the rasd binary, each case under a time bound:
# huge articles without a space, marks piled on one letter, tatweel, NUL
# bytes, binary junk, JSON nested past the cap, a 100 MB JSON line (peak
# memory checked when GNU time is there), truncated JSONL, a lexicon of a
# million lines sharing one prefix, and the fuzzers' regression inputs.
# Each must end in linear time with a correct result or a clear one-line
# error ("rasd: FILE[:LINE]: ..."), exit 0 or 1, and never a crash or a hang.
# The bounds leave room for the sanitizer build (make test SAN=...).
T_NAME=hostile
. tests/lib.sh

H=$T_TMP
gen() { python3 -c "$1" >"$2"; }
# all 'SHELL CONDITION': for check, when a case needs more than one test
all() { eval "$1"; }

# run SECONDS OUT ERR RASD-ARGS...: sets rc; 124 means the bound was hit
run() {
	secs=$1 out=$2 err=$3; shift 3
	timeout "$secs" "$RASD" "$@" >"$out" 2>"$err"; rc=$?
}
# no_crash NAME: the last run ended by itself with 0 or 1
no_crash() {
	if [ "$rc" -eq 124 ]; then fail "$1: no result within the time bound"
	elif [ "$rc" -gt 1 ]; then fail "$1: exit $rc (crash?)"; sed -n 1,5p "$H/err"
	else pass; fi
}
# one_line_errors NAME: every message on stderr is one "rasd: " line
one_line_errors() {
	if [ -s "$H/err" ] && grep -qv '^rasd: ' "$H/err"; then
		fail "$1: stderr has lines that are not 'rasd: ...' messages"; sed -n 1,5p "$H/err"
	else pass; fi
}

ok=examples/report-deir-ez-zor.txt

# --- 10 MB without a space or a newline: over the default cap, then coded
gen "import sys; sys.stdout.write('ب' * 5000000)" "$H/nospace.txt"
run 30 "$H/out" "$H/err" extract -q "$H/nospace.txt" $ok
no_crash "10 MB without a space"
check "10 MB article is refused by the cap" grep -q 'nospace.txt: article is 10000000 bytes, over the limit' "$H/err"
check "the batch goes on after it" [ -s "$H/out" ]
run 30 "$H/out" "$H/err" extract -q --max-article-bytes 16M "$H/nospace.txt"
no_crash "10 MB without a space, under a raised cap"
check "10 MB without a space codes nothing, quietly" all '[ "$rc" -eq 0 ] && [ ! -s "$H/out" ] && [ ! -s "$H/err" ]'
gen "import sys; sys.stdout.write('a1' * 5000000)" "$H/nospace2.txt"
run 30 "$H/out" "$H/err" extract -q --max-article-bytes 16M "$H/nospace2.txt"
no_crash "10 MB of alternating letters and digits"

# --- 100,000 combining marks on one letter, inside a real sentence
gen "import sys; sys.stdout.write('قتل ثلاثة مدنيين بغارة جوية على بلدة سرمين ب' + '\u0651' * 100000 + ' في ريف إدلب أمس.')" "$H/marks.txt"
run 20 "$H/out" "$H/err" extract -q --published 2025-05-03 "$H/marks.txt"
no_crash "100,000 marks on one letter"
check "the sentence around the marks is still coded" grep -q '"location":"سرمين"' "$H/out"

# --- 1 MB of tatweel: no letters at all
gen "import sys; sys.stdout.write('ـ' * 500000)" "$H/tatweel.txt"
run 20 "$H/out" "$H/err" extract -q "$H/tatweel.txt"
no_crash "1 MB of tatweel"
check "1 MB of tatweel codes nothing" [ ! -s "$H/out" ]
one_line_errors "1 MB of tatweel"
# tatweel stretched inside the words of a real report still codes
gen "import sys; t=open('$ok', encoding='utf-8').read(); sys.stdout.write(''.join(c + ('ـ' * 20 if '\u0621' <= c <= '\u064a' else '') for c in t))" "$H/stretched.txt"
run 20 "$H/out" "$H/err" extract -q --published 2025-03-18 "$H/stretched.txt"
no_crash "tatweel inside every letter"
check "stretched words code like plain ones" grep -q '"location":"الشحيل"' "$H/out"

# --- a file of NUL bytes, as text and as JSONL
head -c 1048576 /dev/zero >"$H/nul.txt"
run 10 "$H/out" "$H/err" extract -q "$H/nul.txt" $ok
no_crash "1 MB of NUL bytes"
check "NUL bytes are refused with an offset" grep -q 'nul.txt: NUL byte at offset 0' "$H/err"
check "NUL bytes do not stop the batch" [ -s "$H/out" ]
one_line_errors "NUL bytes"
{ head -c 100000 /dev/zero; printf '\n'; } >"$H/nul.jsonl"
run 10 "$H/out" "$H/err" extract -q "$H/nul.jsonl"
no_crash "a JSONL line of NUL bytes"
check "a JSONL line of NUL bytes is named" grep -q 'nul.jsonl:1: NUL byte' "$H/err"

# --- binary junk (fixed seed): without NUL it is repaired, with NUL refused
gen "import random, sys; r = random.Random(6); sys.stdout.buffer.write(bytes(r.randrange(1, 256) for _ in range(1 << 20)))" "$H/junk.bin"
run 30 "$H/out" "$H/err" extract -q --input-format text "$H/junk.bin"
no_crash "1 MB of binary junk"
check "junk is repaired and warned about" grep -q 'junk.bin: [0-9]* invalid UTF-8 byte(s) replaced' "$H/err"
one_line_errors "binary junk"
run 30 "$H/out" "$H/err" extract -q --strict --input-format text "$H/junk.bin"
no_crash "1 MB of binary junk, --strict"
check "--strict refuses junk" all '[ "$rc" -eq 1 ] && grep -q "invalid UTF-8 byte" "$H/err"'
run 30 "$H/out" "$H/err" extract -q --input-format jsonl "$H/junk.bin"
no_crash "binary junk read as JSONL"
one_line_errors "binary junk as JSONL"
gen "import random, sys; r = random.Random(7); sys.stdout.buffer.write(bytes(r.randrange(0, 256) for _ in range(1 << 20)))" "$H/junk0.bin"
run 30 "$H/out" "$H/err" extract -q --input-format jsonl "$H/junk0.bin"
no_crash "binary junk with NUL bytes read as JSONL"
one_line_errors "binary junk with NUL bytes as JSONL"

# --- JSON nested far past the cap, then a good line
gen "import sys; sys.stdout.write('{\"id\":\"deep\",\"text\":' + '[' * 1000000 + ']' * 1000000 + '}\n{\"id\":\"deep2\",\"x\":' + '{\"a\":' * 100000 + '1' + '}' * 100000 + ',\"text\":\"x\"}\n'); sys.stdout.write(open('examples/articles.jsonl', encoding='utf-8').readline())" "$H/deep.jsonl"
run 10 "$H/out" "$H/err" extract -q --format brief "$H/deep.jsonl"
no_crash "JSON nested a million deep"
check "deep nesting is refused by the cap" grep -q 'deep.jsonl:1: column [0-9]*: JSON nested too deeply' "$H/err"
check "deep objects are refused by the cap" grep -q 'deep.jsonl:2: column [0-9]*: JSON nested too deeply' "$H/err"
check "the line after deep nesting is coded" grep -q '^example-iraq-1' "$H/out"
one_line_errors "deep nesting"

# --- a 100 MB JSON line, streamed: refused by the line cap, not held whole
big_line() {
	python3 -c "
import sys
w = sys.stdout.buffer.write
w(b'{\"id\":\"huge\",\"text\":\"')
chunk = ('قصف ' * 4096).encode()
for _ in range((100 << 20) // len(chunk)):
    w(chunk)
w(b'\"}\n')
w(open('examples/articles.jsonl', 'rb').readline())
"
}
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
	# the baseline: one small article
	/usr/bin/time -v -o "$H/time0" "$RASD" extract -q examples/articles.jsonl >/dev/null 2>&1
	base=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$H/time0")
	big_line | timeout 60 /usr/bin/time -v -o "$H/time1" "$RASD" extract -q --format brief - >"$H/out" 2>"$H/err"; rc=$?
	peak=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$H/time1")
	no_crash "a 100 MB JSON line"
	# the line cap is 2 x --max-article-bytes + 64 KB; 80 MB over the
	# baseline leaves room for the sanitizers' shadow memory, not for 100 MB
	check "a 100 MB line stays within the cap (peak ${peak:-?} KB, baseline ${base:-?} KB)" \
		all '[ -n "$peak" ] && [ -n "$base" ] && [ "$peak" -lt $((base + 80 * 1024)) ]'
else
	big_line | timeout 60 "$RASD" extract -q --format brief - >"$H/out" 2>"$H/err"; rc=$?
	no_crash "a 100 MB JSON line"
	skip "peak memory of a 100 MB line: no GNU time (/usr/bin/time -v)"
fi
check "the 100 MB line is refused by the line cap" grep -q '<stdin>:1: line longer than [0-9]* bytes' "$H/err"
check "the article after the 100 MB line is coded" grep -q '^example-iraq-1' "$H/out"
one_line_errors "a 100 MB line"

# --- truncated JSONL: the last line cut in the middle of its text
gen "import sys; ls = open('examples/articles.jsonl', encoding='utf-8').read().splitlines(); cut = ls[0][:ls[0].index('\"text\":\"') + 40]; sys.stdout.write('\n'.join(ls + [cut]))" "$H/cut.jsonl"
last=$(($(wc -l <examples/articles.jsonl) + 1))
run 10 "$H/out" "$H/err" extract -q --format brief "$H/cut.jsonl"
no_crash "truncated JSONL"
check "truncated JSONL exits 1" [ "$rc" -eq 1 ]
check "the cut line is named" grep -q "cut.jsonl:$last: column [0-9]*: unterminated string" "$H/err"
check "the lines before the cut are coded" grep -q '^example-iraq-1' "$H/out"
check "one message for the cut line" [ "$(wc -l <"$H/err")" -eq 1 ]

# --- a blank first line and CRLF line ends
{ printf '\r\n\n'; sed 's/$/\r/' examples/articles.jsonl; } >"$H/crlf.jsonl"
run 10 "$H/out" "$H/err" extract -q --format brief "$H/crlf.jsonl"
no_crash "blank first line and CRLF"
check "blank lines and CRLF are fine" all '[ "$rc" -eq 0 ] && grep -q "^example-iraq-1" "$H/out"'

# --- 200,000 tiny articles: per-article work is constant
gen "import sys; sys.stdout.write('{\"id\":\"t\",\"text\":\"قصف\"}\n' * 200000)" "$H/many.jsonl"
run 60 "$H/out" "$H/err" extract -q --format brief "$H/many.jsonl"
no_crash "200,000 tiny articles"

# --- a lexicon of a million lines sharing a prefix, used 2,000 times in a
# text: loads and codes in linear time. The lines share their first word
# (منذ + a different second word each), or their first two (منذ ب1, منذ ب2,
# ...: a letter and a number are two tokens), or are one phrase a million
# times. Phrases are a trie of words, so each use costs a probe per word;
# when they were chained by their first two words the second case took
# ~25 s and the third ~40 s, now ~1 s each.
cp -r data "$H/data"
words="L = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي'
def w(i):
    return ''.join(L[i // 28 ** k % 28] for k in range(5))"
gen "$words
import sys; sys.stdout.write(''.join('منذ %s\tstatistic\n' % w(i) for i in range(1000000)))" "$H/cues-word"
gen "$words
import sys; sys.stdout.write(('منذ %s ' % w(999999)) * 2000)" "$H/prefix-word.txt"
gen "import sys; sys.stdout.write(''.join('منذ ب%d\tstatistic\n' % i for i in range(1000000)))" "$H/cues-words"
gen "import sys; sys.stdout.write('منذ ب999999 ' * 2000)" "$H/prefix-words.txt"
gen "import sys; sys.stdout.write('منذ ب1\tstatistic\n' * 1000000)" "$H/cues-copies"
gen "import sys; sys.stdout.write('منذ ب1 ' * 2000)" "$H/prefix-copies.txt"
for c in word words copies; do
	cat data/cues.tsv "$H/cues-$c" >"$H/data/cues.tsv"
	run 20 "$H/out" "$H/err" extract -q --data "$H/data" --published 2025-01-01 \
		"$H/prefix-$c.txt" $ok
	no_crash "a million lexicon lines sharing a prefix ($c), used 2,000 times"
	check "the big lexicon ($c) loads and codes" all '[ "$rc" -eq 0 ] && [ -s "$H/out" ]'
done
rm -f "$H/cues-word" "$H/cues-words" "$H/cues-copies"
printf 'منذ ب1\tbogus\n' >>"$H/data/cues.tsv"
run 60 "$H/out" "$H/err" extract -q --data "$H/data" $ok
check "a bad line after a million is named" grep -q 'cues.tsv:[0-9]*: column 2: unknown cue role' "$H/err"

# --- a long article of real sentences: 2,000 copies of the report (3.8 MB,
# half the default cap). Extraction looks only at the mentions near each
# trigger, so time grows with the length (0.4 s here; 30 s when it was
# quadratic); the bound leaves room for sanitizer builds.
n=2000 b=20
gen "import sys; t = open('$ok', encoding='utf-8').read(); sys.stdout.write((t + '\n\n') * $n)" "$H/long.txt"
run $b "$H/out" "$H/err" extract -q --published 2025-03-18 "$H/long.txt"
no_crash "$n copies of a report in one article"
check "a long article codes" all '[ "$rc" -eq 0 ] && [ -s "$H/out" ]'

# --- a batch of good and bad lines on several threads: same events in the
# same order as on one, and the same messages in the same order (each
# article's messages, the reader's and the coder's, are kept in its slot
# and written with its events); ingest reports them in the same order too
gen "import random, sys
r = random.Random(3)
ls = open('examples/articles.jsonl', encoding='utf-8').read().splitlines()
bad = ['{\"id\":\"cut\",\"text\":\"قتل', '', '[' * 70 + ']' * 70, '{\"id\":\"blank\",\"text\":\"  \"}', '\xff\xfe{}']
sys.stdout.write('\n'.join(r.choice(bad) if r.randrange(3) == 0 else r.choice(ls) for _ in range(3000)) + '\n')" "$H/mixed.jsonl"
run 60 "$H/out1" "$H/err1" extract -q --format brief "$H/mixed.jsonl"
no_crash "a mixed batch on one thread"
run 60 "$H/out" "$H/err" extract -q --jobs 3 --format brief "$H/mixed.jsonl"
no_crash "a mixed batch on three threads"
check "three threads code the mixed batch like one" cmp -s "$H/out1" "$H/out"
check "three threads report the same bad lines in input order" cmp -s "$H/err1" "$H/err"
one_line_errors "a mixed batch on three threads"
# (the batch repeats its good lines: ingest also says so for each, in a
# warning that extract has no reason to give)
nodup() { grep -v "' again, with the same content as " "$1"; }
run 60 "$H/out" "$H/err" ingest -q --db "$H/mixed.db" "$H/mixed.jsonl"
nodup "$H/err" >"$H/err.nodup"
check "ingest reports the mixed batch's bad lines in input order" cmp -s "$H/err1" "$H/err.nodup"
check "ingest names each repeated id" grep -q "' again, with the same content as " "$H/err"
rm -f "$H/mixed.db"*
run 60 "$H/out" "$H/err" ingest -q --jobs 3 --db "$H/mixed.db" "$H/mixed.jsonl"
nodup "$H/err" >"$H/err.nodup"
check "ingest on three threads reports them in input order" cmp -s "$H/err1" "$H/err.nodup"
# a long run of bad lines between articles is reported as it is read (a
# slot holds at most ~64 KB of messages), still in order
gen "import sys
ls = open('examples/articles.jsonl', encoding='utf-8').read().splitlines()
blank = '{\"id\":\"blank\",\"text\":\" \"}'
sys.stdout.write('\n'.join(ls[:2] + [blank] + ['{\"id\":'] * 5000 + ls + [blank] + ['[' * 70] * 3000 + ls[:1] + ['x'] * 10) + '\n')" "$H/runs.jsonl"
run 60 "$H/out1" "$H/err1" extract -q --format brief "$H/runs.jsonl"
run 60 "$H/out" "$H/err" extract -q --jobs 3 --format brief "$H/runs.jsonl"
check "runs of bad lines: three threads write and report like one" \
	all 'cmp -s "$H/out1" "$H/out" && cmp -s "$H/err1" "$H/err" && [ "$(wc -l <"$H/err")" -eq 8012 ]'

# --- the outside world: a read that fails, a file that cannot be opened
run 10 "$H/out" "$H/err" extract -q --input-format text - <"$H"
check "a read error is reported" all '[ "$rc" -eq 1 ] && grep -q "<stdin>: read error: Is a directory" "$H/err"'
run 10 "$H/out" "$H/err" extract -q --input-format jsonl - <"$H"
check "a read error is reported (JSONL)" all '[ "$rc" -eq 1 ] && grep -q "<stdin>: read error" "$H/err"'
run 10 "$H/out" "$H/err" extract -q --jobs 2 --input-format jsonl - <"$H"
check "a read error is reported (JSONL, read on one thread and coded on two)" \
	all '[ "$rc" -eq 1 ] && grep -q "<stdin>: read error" "$H/err"'
cp $ok "$H/locked.txt"; chmod 000 "$H/locked.txt"
if [ -r "$H/locked.txt" ]; then
	skip "an unreadable file: running as root"
else
	run 10 "$H/out" "$H/err" extract -q "$H/locked.txt" $ok
	check "an unreadable file is named, the batch goes on" \
		all '[ "$rc" -eq 1 ] && grep -q "cannot open .*locked.txt.: Permission denied" "$H/err" && [ -s "$H/out" ]'
fi

# --- a byte order mark: a JSONL file (named or piped) keeps its first
# article; a text file's offsets count the file's own bytes, mark included
{ printf '\357\273\277'; head -2 examples/articles.jsonl; } >"$H/bom.jsonl"
run 10 "$H/out" "$H/err" extract -q --format brief "$H/bom.jsonl"
check "a JSONL file opening with a byte order mark loses nothing" \
	all '[ "$rc" -eq 0 ] && [ ! -s "$H/err" ] && [ "$(cut -f1 "$H/out" | sort -u | wc -l)" -eq 2 ]'
run 10 "$H/out" "$H/err" extract -q --format brief - <"$H/bom.jsonl"
check "the same on standard input" \
	all '[ "$rc" -eq 0 ] && [ "$(cut -f1 "$H/out" | sort -u | wc -l)" -eq 2 ]'
{ printf '\357\273\277'; cat $ok; } >"$H/bom.txt"
run 10 "$H/out" "$H/err" extract -q --published 2025-03-18 "$H/bom.txt"
gen "import json
raw = open('$H/bom.txt', 'rb').read()
bad = [e['trigger'] for e in map(json.loads, open('$H/out', encoding='utf-8'))
       if raw[e['evidence']['start']:e['evidence']['end']].decode() not in e['evidence']['sentence']
       or raw[e['evidence']['start']:e['evidence']['start'] + 3] == b'\\xef\\xbb\\xbf']
print(len(bad))" "$H/bad-offsets"
check "offsets in a text file with a byte order mark index its bytes" \
	all '[ "$rc" -eq 0 ] && [ -s "$H/out" ] && [ "$(cat "$H/bad-offsets")" = 0 ]'

# --- line breaks inside an id or a date: messages and brief lines stay one line
printf '{"id":"a\\nb\\tc","published":"2021\\n11-15","text":"قتل ثلاثة مدنيين في قصف على بلدة الشحيل في ريف دير الزور."}\n' >"$H/nl.jsonl"
run 10 "$H/out" "$H/err" extract --format brief "$H/nl.jsonl"
one_line_errors "a date with a line break"
check "an id with a line break gives one brief line" \
	all '[ "$(wc -l <"$H/out")" -eq 1 ] && grep -q "^a b c	" "$H/out"'

# --- the fuzzers' regression inputs, through the binary
for f in fuzz/regressions/*/*; do
	[ -f "$f" ] || continue
	target=$(basename "$(dirname "$f")")
	case $target in
	jsonl) tail -c +2 "$f" >"$H/reg.in"; fmt=jsonl ;;     # first byte: options
	extract) tail -c +4 "$f" >"$H/reg.in"; fmt=text ;;    # flags + date bytes
	numdate) tail -c +3 "$f" >"$H/reg.in"; fmt=text ;;    # date bytes
	json) cp "$f" "$H/reg.in"; fmt=jsonl ;;
	norm|doc) cp "$f" "$H/reg.in"; fmt=text ;;
	*) continue ;;
	esac
	run 20 "$H/out" "$H/err" extract -q --published 2021-11-15 --input-format $fmt "$H/reg.in"
	no_crash "regression $f"
	one_line_errors "regression $f"
done

finish
