#!/bin/sh
# Word lists are data: no Arabic word list may be written into the
# extractor's C. Every Arabic string literal in src/extract/ and in
# src/text/page.c (comments exempt) must be one of the exceptions documented in docs/lexicons.md
# ("Arabic left in the C"), and every documented exception must still be
# used. Then data/words.tsv as a user meets it: a bad row is named as
# file:line: column N and the run fails; a word added to a list changes
# what is coded without a compiler.
T_NAME=wordlists
. tests/lib.sh

# the exceptions: the first column of the table in that section
sed -n '/^## Arabic left in the C/,/^## /p' docs/lexicons.md |
	sed -n 's/^| `\([^`]*\)` |.*/\1/p' | sort -u >"$T_TMP/allowed"
check "docs/lexicons.md lists the exceptions" test -s "$T_TMP/allowed"

# string literals with an Arabic letter, comments removed (block comments
# that span lines included)
for f in src/extract/*.c src/extract/*.h src/extract/*.inc src/text/page.c; do
	python3 - "$f" <<'EOF'
import re, sys
src = open(sys.argv[1], encoding='utf-8').read()
# drop comments but keep string literals (a "/*" inside a string is text)
out, i, n = [], 0, len(src)
while i < n:
    if src.startswith('/*', i):
        j = src.find('*/', i + 2)
        i = n if j < 0 else j + 2
    elif src.startswith('//', i):
        j = src.find('\n', i)
        i = n if j < 0 else j
    elif src[i] == '"':
        j = i + 1
        while j < n and src[j] != '"':
            j += 2 if src[j] == '\\' else 1
        out.append(src[i:j + 1])
        i = j + 1
    elif src[i] == "'":
        j = i + 1
        while j < n and src[j] != "'":
            j += 2 if src[j] == '\\' else 1
        i = j + 1
    else:
        i += 1
for lit in out:
    if re.search('[\u0600-\u06ff]', lit):
        print('%s\t%s' % (sys.argv[1], lit[1:-1]))
EOF
done >"$T_TMP/found"
bad=$(cut -f2 "$T_TMP/found" | sort -u | comm -23 - "$T_TMP/allowed")
if [ -n "$bad" ]; then
	fail "Arabic literals in src/extract/ that are not documented exceptions (move them to data/words.tsv):"
	for w in $bad; do grep -F "	$w" "$T_TMP/found" | awk -F'\t' -v w="$w" '$2 == w' | head -3; done
else
	pass
fi
unused=$(cut -f2 "$T_TMP/found" | sort -u | comm -13 - "$T_TMP/allowed")
if [ -n "$unused" ]; then
	fail "documented exceptions no longer in the code (drop them from docs/lexicons.md): $unused"
else
	pass
fi

# every list rasd.h names is in the file, and described in the docs
lists=$(sed -n 's/^.*X([A-Z0-9_]*, "\([a-z0-9-]*\)", [01]).*/\1/p' include/rasd.h)
check "rasd.h names word lists" test -n "$lists"
for l in $lists; do
	check "list '$l' has words in data/words.tsv" grep -q "	$l\(	\|\$\)" data/words.tsv
	check "list '$l' is described in docs/lexicons.md" grep -q "\`$l\`" docs/lexicons.md
done

# a malformed row: named, and the run fails
mkdir "$T_TMP/data"
cp data/*.tsv "$T_TMP/data/"
art="$T_TMP/a.txt"
printf 'قتل ثلاثة مدنيين في هجوم على قرية المسعودة قبل يومين.\n' >"$art"
"$RASD" extract --data "$T_TMP/data" --published 2025-01-10 "$art" >"$T_TMP/good" 2>"$T_TMP/err"
check "the copied lexicons load and code" [ $? -eq 0 ]
cp "$T_TMP/data/words.tsv" "$T_TMP/words.orig"
printf 'في\tlocative\nمن\tno-such-list\n' >>"$T_TMP/data/words.tsv"
line=$(($(wc -l <"$T_TMP/words.orig") + 2))
"$RASD" extract --data "$T_TMP/data" --published 2025-01-10 "$art" >"$T_TMP/out" 2>"$T_TMP/err"
rc=$?
check "a bad words.tsv row fails the run" [ "$rc" -ne 0 ]
check "a bad words.tsv row is named as file:line: column" \
	grep -q "words.tsv:$line: column 2: unknown word list 'no-such-list'" "$T_TMP/err"
cp "$T_TMP/words.orig" "$T_TMP/data/words.tsv"
printf 'في\tlocative\n' >>"$T_TMP/data/words.tsv"
"$RASD" extract --data "$T_TMP/data" --published 2025-01-10 "$art" >"$T_TMP/out" 2>"$T_TMP/err"
check "a word twice in a list fails the run" [ $? -ne 0 ]
check "a word twice in a list names the earlier line" grep -q "is already in list 'locative' (line" "$T_TMP/err"
printf 'قبل يومين\tago\n' >"$T_TMP/data/words.tsv.bad"
cp "$T_TMP/words.orig" "$T_TMP/data/words.tsv"
cat "$T_TMP/data/words.tsv.bad" >>"$T_TMP/data/words.tsv"
"$RASD" extract --data "$T_TMP/data" --published 2025-01-10 "$art" >"$T_TMP/out" 2>"$T_TMP/err"
check "a phrase in a word list is refused" grep -q "words.tsv:[0-9]*: column 1: .*not one word" "$T_TMP/err"

# page_markers.tsv: a bad kind is named, and the run fails
cp "$T_TMP/words.orig" "$T_TMP/data/words.tsv"
cp "$T_TMP/data/page_markers.tsv" "$T_TMP/pm.orig"
printf 'شارك\tmenus\n' >>"$T_TMP/data/page_markers.tsv"
line=$(($(wc -l <"$T_TMP/pm.orig") + 1))
"$RASD" extract --data "$T_TMP/data" --published 2025-01-10 "$art" >"$T_TMP/out" 2>"$T_TMP/err"
rc=$?
check "a bad page_markers.tsv row fails the run" [ "$rc" -ne 0 ]
check "a bad page_markers.tsv row is named as file:line: column" \
	grep -q "page_markers.tsv:$line: column 2: unknown marker kind 'menus'" "$T_TMP/err"
cp "$T_TMP/pm.orig" "$T_TMP/data/page_markers.tsv"
# ... and an analyst's new marker takes a "read also" headline out of the story
printf 'أعلنت وزارة الداخلية العراقية أمس خطة جديدة لتأمين الطرق في محافظة نينوى وتعزيز نقاط التفتيش.\nطالع أيضاً: مقتل ثلاثة جنود في هجوم على حاجز في الموصل\n' >"$T_TMP/p.txt"
"$RASD" extract --data "$T_TMP/data" --published 2025-01-10 "$T_TMP/p.txt" >"$T_TMP/before" 2>"$T_TMP/err"
printf 'طالع أيضاً\trelated\n' >>"$T_TMP/data/page_markers.tsv"
"$RASD" extract --data "$T_TMP/data" --published 2025-01-10 "$T_TMP/p.txt" >"$T_TMP/after" 2>"$T_TMP/err"
check "without the marker the linked headline is coded" test -s "$T_TMP/before"
check "with «طالع أيضاً» as a related marker it is not" sh -c "! test -s '$T_TMP/after'"
cp "$T_TMP/pm.orig" "$T_TMP/data/page_markers.tsv"

# the data decides: an analyst adds السابق to `weekday-past`, and «الاثنين
# السابق» in a report published on a Monday is the Monday before
cp "$T_TMP/words.orig" "$T_TMP/data/words.tsv"
printf 'قتل ثلاثة مدنيين في هجوم على قرية المسعودة يوم الاثنين السابق.\n' >"$art"
"$RASD" extract --data "$T_TMP/data" --published 2025-01-13 "$art" >"$T_TMP/before" 2>"$T_TMP/err"
printf 'السابق\tweekday-past\n' >>"$T_TMP/data/words.tsv"
"$RASD" extract --data "$T_TMP/data" --published 2025-01-13 "$art" >"$T_TMP/after" 2>"$T_TMP/err"
check "without the word, «الاثنين السابق» is the publication day" grep -q '"event_date":"2025-01-13"' "$T_TMP/before"
check "a word added to a list changes the coding, no compiler" grep -q '"event_date":"2025-01-06"' "$T_TMP/after"
finish
