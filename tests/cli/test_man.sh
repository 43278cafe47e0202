#!/bin/sh
# Man pages stay true to --help: every sub-command that `rasd --help` lists
# has man/rasd-COMMAND.1 (start one with tools/manpage.py COMMAND), every
# option a command's --help names is in its page and every option its page
# describes is in --help; man/rasd.1 lists every command; each page renders
# with man -l and without groff warnings.
T_NAME=man
. tests/lib.sh

# the commands of `rasd --help`: "  name   text" lines under "commands:"
cmds=$("$RASD" --help | sed -n '/^commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z0-9-]*\)  .*/\1/p')
check "rasd --help lists commands" [ -n "$cmds" ]

# option words in a text: --long-name and -x (roff's \- read as -, fonts dropped)
options() {
	sed 's/\\-/-/g; s/\\f[BIRP]//g; s/\\&//g' |
		grep -o -- '\(^\|[^a-zA-Z0-9-]\)--*[a-zA-Z][a-zA-Z0-9-]*' |
		sed 's/^[^-]*//' | grep -v -- '^-[a-zA-Z][a-zA-Z]' | sort -u
}

for c in $cmds; do
	[ "$c" = version ] && continue
	page=man/rasd-$c.1
	if [ ! -f "$page" ]; then
		fail "$c: no man page $page (python3 tools/manpage.py $c > $page, then complete it)"
		continue
	fi
	"$RASD" "$c" --help 2>&1 | options >"$T_TMP/help.$c"
	# the page's options: from its OPTIONS section (and SYNOPSIS)
	sed -n '/^\.SH SYNOPSIS/,/^\.SH DESCRIPTION/p; /^\.SH OPTIONS/,/^\.SH [^O]/p' "$page" |
		options >"$T_TMP/page.$c"
	options <"$page" >"$T_TMP/all.$c"
	missing=$(comm -23 "$T_TMP/help.$c" "$T_TMP/all.$c" | grep -vx -- '--help\|-h' | tr '\n' ' ')
	stale=$(comm -13 "$T_TMP/help.$c" "$T_TMP/page.$c" | grep -vx -- '--help\|-h' | tr '\n' ' ')
	check "$page: has every option of 'rasd $c --help' (missing: $missing)" [ -z "$missing" ]
	check "$page: describes no option 'rasd $c --help' lacks (stale: $stale)" [ -z "$stale" ]
	check "man/rasd.1 lists $c" grep -q "^\.B $c\$" man/rasd.1
	check "man/rasd.1 refers to rasd-$c(1)" grep -q "^\.BR rasd\\\\-$c (1)" man/rasd.1
done
# no page for a command that no longer exists
for page in man/rasd-*.1; do
	c=$(basename "$page" .1 | sed 's/^rasd-//')
	echo "$cmds" | grep -qx "$c" || fail "$page: 'rasd --help' has no command '$c'"
done
for page in man/*.1; do
	out=$(MANWIDTH=80 man -l "$page" 2>&1 >/dev/null)
	check "$page renders with man -l ($out)" [ -z "$out" ]
	w=$(groff -k -man -Tutf8 -ww -z "$page" 2>&1)
	check "$page: no groff warnings ($w)" [ -z "$w" ]
	check "$page: its version is rasd's" grep -q "\"rasd $("$RASD" version | cut -d' ' -f2)\"" "$page"
done
check "rasd -V prints the version" [ "$("$RASD" -V)" = "$("$RASD" version)" ]
finish
