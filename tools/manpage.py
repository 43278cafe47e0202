#!/usr/bin/env python3
"""Start the man page of a rasd sub-command from its --help.

    python3 tools/manpage.py COMMAND [--rasd build/rasd] > man/rasd-COMMAND.1

Writes a roff page (NAME from the command list of `rasd --help`, SYNOPSIS,
DESCRIPTION and OPTIONS from `rasd COMMAND --help`, EXIT STATUS, SEE ALSO)
for you to complete by hand: examples, files, environment. tests/cli/test_man.sh
then keeps it true to --help: every option --help lists must be in the page
and every option the page describes must be in --help.
"""
import argparse
import re
import subprocess
import sys


def roff(s):
    s = s.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + s if s[:1] in (".", "'") else s


def summary(rasd, cmd):
    out = subprocess.run([rasd, "--help"], capture_output=True, text=True).stdout
    lines = out.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"  (\S+)\s{2,}(.*)", line)
        if m and m.group(1) == cmd:
            text = m.group(2)
            for nxt in lines[i + 1:]:
                if re.match(r"\s{6,}\S", nxt):
                    text += " " + nxt.strip()
                else:
                    break
            return text
    return "rasd sub-command"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("command")
    ap.add_argument("--rasd", default="build/rasd")
    ap.add_argument("--date", default="2026-12-04")
    a = ap.parse_args()
    cmd = a.command
    help_text = subprocess.run([a.rasd, cmd, "--help"], capture_output=True,
                               text=True).stdout.splitlines()
    version = subprocess.run([a.rasd, "version"], capture_output=True,
                             text=True).stdout.split()[-1]
    usage, desc, opts, where = [], [], [], "usage"
    for line in help_text:
        if where == "usage" and (line.startswith("usage:") or line.startswith("       rasd")):
            usage.append(re.sub(r"^(usage:)?\s*rasd\s+\S+\s*", "", line))
            continue
        if line.strip().rstrip(":") == "options":
            where = "options"
            continue
        if where in ("usage", "desc") and where != "options":
            where = "desc"
            desc.append(line)
            continue
        m = re.match(r"  (-\S.*?)(?:\s{2,}(.*))?$", line)
        if m:
            opts.append([m.group(1), m.group(2) or ""])
        elif opts and line.strip():
            opts[-1][1] += " " + line.strip()
    w = sys.stdout.write
    w('.TH RASD\\-%s 1 "%s" "rasd %s" "rasd manual"\n' % (cmd.upper(), a.date, version))
    w(".SH NAME\nrasd\\-%s \\- %s\n" % (cmd, roff(summary(a.rasd, cmd))))
    w(".SH SYNOPSIS\n")
    for u in usage:
        w(".B rasd %s\n%s\n.br\n" % (cmd, roff(u)))
    w(".SH DESCRIPTION\n")
    para = []
    for line in desc + [""]:
        if line.strip():
            para.append(line.strip())
        elif para:
            w(roff(" ".join(para)) + "\n.PP\n")
            para = []
    if opts:
        w(".SH OPTIONS\n")
        for o, d in opts:
            w(".TP\n.B %s\n%s\n" % (roff(o), roff(d.strip())))
    w(".SH EXIT STATUS\n0 on success, 1 on bad input or a failed write, 2 on bad usage.\n")
    w(".SH SEE ALSO\n.BR rasd (1)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
