#!/bin/sh
# The extractor's layout (README "How it works"): one file per stage, each
# opening with a comment that says what it decides, none over ~800 lines,
# and the shared frame struct in one header.
T_NAME=stages
. tests/lib.sh

for s in frames roles actors type counts modality history when where merge extract; do
	f=src/extract/$s.c
	if [ ! -f "$f" ]; then
		fail "$f: missing"
		continue
	fi
	check "$f opens with a comment naming it" \
		sh -c "sed -n 1p '$f' | grep -qx '/\*' && sed -n 2p '$f' | grep -q '^ \* $s\.c - '"
	n=$(wc -l <"$f")
	check "$f is $n lines (at most 800)" [ "$n" -le 800 ]
done
check "src/extract/frame.h holds the frame struct" grep -q '^struct frame {' src/extract/frame.h
check "no stage redefines the frame struct" \
	sh -c "! grep -l '^struct frame {' src/extract/*.c | grep -q ."
finish
