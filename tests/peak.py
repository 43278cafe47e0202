#!/usr/bin/env python3
"""tests/peak.py CMD ARGS... - run a command and print its peak resident
memory and the CPU time it used on stderr's last line, "peak KB cpu MS"
(CPU time, not wall time, so a busy machine does not fail a test); the
command's own exit status is kept. Needs no GNU time."""
import os, sys

pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, ru = os.wait4(pid, 0)
sys.stderr.write('peak %d cpu %d\n' % (ru.ru_maxrss, (ru.ru_utime + ru.ru_stime) * 1000))
sys.exit(os.waitstatus_to_exitcode(status) if hasattr(os, 'waitstatus_to_exitcode') else status >> 8)
