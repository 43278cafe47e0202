#!/bin/sh
# The flow of ../shared/CONVENTIONS.md (core <- text <- lex <- extract <-
# learn <- store <- serve/cli; web/ and fetch/ on core/ only), checked on
# the built objects: no file uses a symbol of a later module, and no files
# call each other (doc.c and normalize.c used to: the per-code-point folds
# moved to fold.c, the phrase key to phrase.c). tests/layers.py says which.
T_NAME=layers
. tests/lib.sh

BUILD=${BUILD:-build}
if ! command -v nm >/dev/null 2>&1; then
	skip "nm not installed"
elif python3 tests/layers.py "$BUILD" >"$T_TMP/out" 2>&1; then
	pass
else
	fail "the flow of modules is broken:"
	cat "$T_TMP/out"
fi

# the checker itself: a loop between two files is found
mkdir -p "$T_TMP/b/obj/src/text"
cat >"$T_TMP/a.c" <<'C'
int layer_b(int);
int layer_a(int x) { return x ? layer_b(x - 1) : 0; }
C
cat >"$T_TMP/b.c" <<'C'
int layer_a(int);
int layer_b(int x) { return x ? layer_a(x - 1) : 1; }
C
if cc -c -o "$T_TMP/b/obj/src/text/a.o" "$T_TMP/a.c" && cc -c -o "$T_TMP/b/obj/src/text/b.o" "$T_TMP/b.c"; then
	python3 tests/layers.py "$T_TMP/b" >"$T_TMP/out" 2>&1
	check "a loop between two files is reported" grep -q 'call each other: src/text/a.c <-> src/text/b.c' "$T_TMP/out"
fi
finish
