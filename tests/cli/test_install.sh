#!/bin/sh
# Installing like a Debian tool: make install into a fresh DESTDIR, then the
# installed binary, run from another directory with no RASD_DATA, codes the
# example and ingests it; a binary copied without its data says how to fix
# it; the man pages render with man -l; bash completion completes commands
# and options; the example C program builds with pkg-config --cflags --libs
# rasd against the installed librasd.so and runs; make uninstall removes
# everything install wrote. Always installs the plain (non-sanitizer) build.
T_NAME=install
. tests/lib.sh

root=$T_TMP/root
prefix=/usr/local
top=$(pwd)
ex=$top/examples/report-deir-ez-zor.txt
unset RASD_DATA RASD_PLACES

# in a sub-make, the test's own make flags (SAN, BUILD) must not leak in
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u BUILD -u SAN make -s --no-print-directory install \
	PREFIX=$prefix DESTDIR="$root" >"$T_TMP/make.log" 2>&1; rc=$?
check "make install exits 0" [ $rc -eq 0 ] || cat "$T_TMP/make.log"
bin=$root$prefix/bin/rasd
for f in bin/rasd share/rasd/triggers.tsv share/rasd/places.tsv share/rasd/outlets.tsv \
	share/rasd/admin3.tsv share/man/man1/rasd.1 share/man/man1/rasd-extract.1 \
	share/bash-completion/completions/rasd include/rasd.h lib/librasd.a \
	lib/librasd.so lib/pkgconfig/rasd.pc share/doc/rasd/README.md share/doc/rasd/SOURCES.md; do
	[ -e "$root$prefix/$f" ] || fail "installed $prefix/$f"
done
pass

# --- the installed binary, from another directory, without RASD_DATA
mkdir -p "$T_TMP/elsewhere" && cd "$T_TMP/elsewhere" || exit 1
HOME=$T_TMP/elsewhere "$bin" extract -q --format csv --published 2025-03-18 "$ex" >out.csv 2>err; rc=$?
check "installed rasd codes the example from another directory" [ $rc -eq 0 ]
check "installed rasd writes the ACLED CSV" grep -q '^SYR[0-9]*,2025-03-16,2025,1,Political violence,Battles,Armed clash,Islamic State' out.csv
HOME=$T_TMP/elsewhere "$bin" ingest -q --db ev.db "$top/examples/articles.jsonl" 2>err; rc=$?
check "installed rasd ingests the examples" [ $rc -eq 0 ]
n=$(HOME=$T_TMP/elsewhere "$bin" query --db ev.db --format jsonl | wc -l)
check "installed rasd queries them ($n events)" [ "$n" -gt 0 ]
HOME=$T_TMP/elsewhere "$bin" query --db ev.db --format geojson >ev.geojson 2>/dev/null
check "installed rasd exports GeoJSON" python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["features"]' ev.geojson

# --- a binary copied without its data
mkdir -p "$T_TMP/copy/bin"
cp "$bin" "$T_TMP/copy/bin/rasd"
"$T_TMP/copy/bin/rasd" extract "$ex" >/dev/null 2>err; rc=$?
check "a copied binary without data exits 1" [ $rc -eq 1 ]
check "a copied binary says one line" [ "$(wc -l <err)" -eq 1 ]
check "a copied binary names RASD_DATA" grep -q "set RASD_DATA" err
RASD_DATA=$root$prefix/share/rasd "$T_TMP/copy/bin/rasd" extract -q "$ex" >out.jsonl; rc=$?
check "RASD_DATA lets a copied binary code" [ $rc -eq 0 ] && check "and it finds events" [ -s out.jsonl ]
RASD_PLACES=$T_TMP/nonexistent.tsv "$bin" extract -q "$ex" >/dev/null 2>err; rc=$?
check "RASD_PLACES naming a missing file exits 1" [ $rc -eq 1 ]
check "and names the file" grep -q "nonexistent.tsv" err

# --- man pages, installed
for p in "$root$prefix"/share/man/man1/*.1; do
	out=$(MANWIDTH=80 man -l "$p" 2>&1 >/dev/null)
	[ -z "$out" ] || fail "man -l $p: $out"
done
pass
check "rasd(1) renders its name" sh -c "MANWIDTH=80 man -l '$root$prefix/share/man/man1/rasd.1' 2>/dev/null | grep -q 'rasd - code Arabic news'"

# --- bash completion, installed
if command -v bash >/dev/null; then
	got=$(bash -c ". '$root$prefix/share/bash-completion/completions/rasd'
COMP_WORDS=('$bin' qu); COMP_CWORD=1; _rasd; echo \"\${COMPREPLY[*]}\"
COMP_WORDS=('$bin' query --for); COMP_CWORD=2; _rasd; echo \"\${COMPREPLY[*]}\"
COMP_WORDS=('$bin' query --format ''); COMP_CWORD=3; _rasd; echo \"\${COMPREPLY[*]}\"")
	check "completion: commands ($got)" [ "$(echo "$got" | sed -n 1p)" = query ]
	check "completion: options" [ "$(echo "$got" | sed -n 2p)" = --format ]
	check "completion: format values" [ "$(echo "$got" | sed -n 3p)" = "table jsonl csv geojson" ]
else
	skip "bash not installed"
fi

# --- the installed header stands on its own, in strict ISO C
printf '#include <rasd.h>\nint main(void) { return 0; }\n' >hdr.c
cc -std=c11 -Wall -Wextra -Wpedantic -Werror -I"$root$prefix/include" -c hdr.c -o hdr.o 2>hdr.err
check "rasd.h compiles alone with -std=c11 -Wpedantic -Werror ($(head -1 hdr.err))" [ ! -s hdr.err ]

# --- the library: pkg-config and the example program
pc="pkg-config --define-prefix"
export PKG_CONFIG_PATH=$root$prefix/lib/pkgconfig
cflags=$($pc --cflags rasd) && libs=$($pc --libs rasd); rc=$?
check "pkg-config finds rasd.pc" [ $rc -eq 0 ]
check "pkg-config gives the installed include dir" sh -c "echo '$cflags' | grep -q -- '-I$root$prefix/include'"
datadir=$($pc --variable=pkgdatadir rasd)
check "rasd.pc names the data dir" [ "$datadir" = "$root$prefix/share/rasd" ]
# shellcheck disable=SC2086
cc -o code_article "$top/examples/code_article.c" $cflags $libs 2>cc.err; rc=$?
check "examples/code_article.c builds with pkg-config --cflags --libs rasd" [ $rc -eq 0 ] || cat cc.err
LD_LIBRARY_PATH=$root$prefix/lib ./code_article "$datadir" "$ex" 2025-03-18 >ca.out 2>ca.err; rc=$?
check "the example program runs" [ $rc -eq 0 ]
check "the example program codes the clash" grep -q '"sub_event_type":"Armed clash"' ca.out
check "the example program writes ACLED rows" grep -q '^event_id_cnty,event_date' ca.out
check "it links the shared library" sh -c "LD_LIBRARY_PATH='$root$prefix/lib' ldd ./code_article | grep -q librasd.so.0"
nm -D --defined-only "$root$prefix/lib/librasd.so" | awk '{print $3}' | grep -v '^rasd_\|^sqlite3_rasd_init$' >syms
check "librasd.so exports only rasd_* ($(head -3 syms | tr '\n' ' '))" [ ! -s syms ]
# static: the archive, with the libraries rasd.pc says it needs (Debian
# ships no static libcurl dependencies, so those are linked dynamically)
deps=$($pc --print-requires-private rasd | cut -d' ' -f1 | tr '\n' ' ')
# shellcheck disable=SC2086
cc -o code_static "$top/examples/code_article.c" $cflags "$root$prefix/lib/librasd.a" \
	$(pkg-config --libs $deps) -lpthread -lm 2>cc.err; rc=$?
check "the example links librasd.a with rasd.pc's private requirements" [ $rc -eq 0 ] || cat cc.err
./code_static "$datadir" "$ex" 2025-03-18 >cs.out 2>/dev/null
check "the statically linked example codes the same" cmp -s ca.out cs.out

# --- uninstall
cd "$top" || exit 1
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u BUILD -u SAN make -s --no-print-directory uninstall \
	PREFIX=$prefix DESTDIR="$root" >"$T_TMP/make.log" 2>&1; rc=$?
check "make uninstall exits 0" [ $rc -eq 0 ]
left=$(find "$root" -type f -o -type l | head -5)
check "make uninstall removes every file ($left)" [ -z "$left" ]
finish
