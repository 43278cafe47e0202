#!/bin/sh
# Build rasd's .deb in a clean copy of the committed tree and check it:
# dpkg-buildpackage -us -uc -b, then the package's files unpacked into a
# fresh directory (dpkg -x) code the example from another directory, its
# man page renders and its pkg-config file is there. Needs debhelper
# (apt-get install debhelper). Not part of `make test` (it takes minutes).
#   sh tools/build-deb.sh [OUTDIR]      the .deb is left in OUTDIR (default build/deb)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/build/deb}
command -v dpkg-buildpackage >/dev/null || { echo "build-deb: dpkg-buildpackage missing (apt-get install dpkg-dev)" >&2; exit 1; }
command -v dh >/dev/null || { echo "build-deb: debhelper missing (apt-get install debhelper)" >&2; exit 1; }
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src/rasd" "$out"
(cd "$top" && git archive HEAD) | tar -x -C "$tmp/src/rasd"
# the pinned npm packages, when already fetched here, save a download
if [ -d "$top/web-ui/node_modules" ]; then cp -a "$top/web-ui/node_modules" "$tmp/src/rasd/web-ui/"; fi
(cd "$tmp/src/rasd" && dpkg-buildpackage -us -uc -b >"$tmp/build.log" 2>&1) || {
	tail -n 40 "$tmp/build.log" >&2; echo "build-deb: dpkg-buildpackage failed" >&2; exit 1; }
deb=$(ls "$tmp"/src/rasd_*.deb)
cp "$deb" "$out/"
echo "build-deb: $(basename "$deb") ($(du -k "$deb" | cut -f1) kB)"
# install into a fresh root and run from elsewhere
root=$tmp/root
dpkg -x "$deb" "$root"
mkdir "$tmp/elsewhere"
cd "$tmp/elsewhere"
unset RASD_DATA RASD_PLACES
HOME=$tmp/elsewhere "$root/usr/bin/rasd" extract -q --format csv --published 2025-03-18 \
	"$top/examples/report-deir-ez-zor.txt" >out.csv
grep -q '^SYR[0-9]*,2025-03-16,2025,1,Political violence,Battles,Armed clash' out.csv
HOME=$tmp/elsewhere "$root/usr/bin/rasd" ingest -q --db ev.db "$top/examples/articles.jsonl"
test "$(HOME=$tmp/elsewhere "$root/usr/bin/rasd" query --db ev.db --format jsonl | wc -l)" -gt 0
test -z "$(MANWIDTH=80 man -l "$root/usr/share/man/man1/rasd.1.gz" 2>&1 >/dev/null)"
ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
test -f "$root/usr/lib/$ma/pkgconfig/rasd.pc"
test -f "$root/usr/lib/$ma/rasd/rasd.so"
test -f "$root/usr/share/bash-completion/completions/rasd"
dpkg-deb -I "$deb" | sed -n 's/^ Depends: /build-deb: depends on /p'
echo "build-deb: the package installs into a fresh root, codes and ingests the examples: ok"
