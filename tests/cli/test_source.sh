#!/bin/sh
# Source checks that catch a class of silent bugs: Arabic words compared
# against token keys in C must be written in key form (ا for أ/إ/آ, ي for ى,
# ه for ة), or they never match. Comments are exempt.
T_NAME=source
. tests/lib.sh

bad=$(for f in src/extract/*.c src/text/*.c src/lex/*.c; do
	# drop comments, then look for Arabic literals with non-key letters
	sed 's|/\*.*\*/||g; s|^[[:space:]]*\*.*||; s|^[[:space:]]*/\*.*||' "$f" |
		grep -n '"[^"]*[ةأإآى][^"]*"' | sed "s|^|$f:|"
done)
if [ -n "$bad" ]; then
	fail "string literals not in key form:"
	echo "$bad"
else
	pass
fi
finish
