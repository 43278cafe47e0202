#!/bin/sh
# Build rules, checked with dry runs (no compiler needed): `make fuzz` keeps
# the objects it compiles (they used to be intermediates that make deleted
# after linking, so any change compiled the whole library again) and tracks
# their headers, so a second run compiles only what changed.
T_NAME=build
. tests/lib.sh

# a make of our own, not one steered by the flags of the make running us
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory "$@"; }

# one command a line (recipes continued with a backslash are joined)
mk -n -B build/fuzz/fuzz_json build/fuzz/fuzz_jsonl 2>&1 |
	sed -e ':a' -e '/\\$/N; s/\\\n//; ta' >"$T_TMP/fuzz.txt"
check "a dry run of the fuzz build compiles the library" \
	grep -q -- '-c src/core/json.c -o build/fuzz/obj/src/core/json.o' "$T_TMP/fuzz.txt"
check "the fuzz objects are kept after linking" \
	sh -c "! grep -q '^rm .*build/fuzz/obj/' '$T_TMP/fuzz.txt'"
check "the fuzz objects track their headers" \
	sh -c "grep -- '-o build/fuzz/obj/src/core/json.o' '$T_TMP/fuzz.txt' | grep -q -- '-MMD'"
check "the fuzz targets track theirs (fuzz_jsonl includes src/cli/common.c)" \
	sh -c "grep -- '-o build/fuzz/fuzz_jsonl fuzz/fuzz_jsonl.c' '$T_TMP/fuzz.txt' | grep -q -- '-MMD'"
finish
