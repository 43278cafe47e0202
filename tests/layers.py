#!/usr/bin/env python3
"""tests/layers.py BUILD - the flow of CONVENTIONS.md checked on the objects.

Reads the symbols each object of src/ defines and uses (nm), then reports
(1) a file that uses a symbol of a module later in the flow
    core <- text <- lex <- extract <- learn <- store <- serve/cli
    (web/ and fetch/ use core/ only), and
(2) files that call each other, directly or around a loop (a strongly
    connected component of more than one file).
Prints one line per problem and exits 1 when there is any."""
import glob, os, subprocess, sys

ORDER = {'core': 0, 'text': 1, 'lex': 2, 'extract': 3, 'learn': 4, 'store': 5,
         'serve': 6, 'cli': 7, 'web': 1, 'fetch': 1}
SIDE = {'web', 'fetch'}  # fed in from the side: core only
# Modules whose files may still call each other (printed as warnings, not
# failures). None now: extract/'s stage files use only frame.c and the
# stages before them.
LOOPS_ALLOWED = set()

build = sys.argv[1] if len(sys.argv) > 1 else 'build'
objs = sorted(glob.glob(os.path.join(build, 'obj', 'src', '*', '*.o')))
if not objs:
    print('no objects under %s/obj/src' % build)
    sys.exit(1)
defs, uses = {}, {}
for o in objs:
    out = subprocess.run(['nm', o], capture_output=True, text=True, check=True).stdout
    d, u = set(), set()
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in 'TDBRV':
            d.add(f[2])
        elif len(f) == 2 and f[0] == 'U':
            u.add(f[1])
    defs[o], uses[o] = d, u
owner = {s: o for o in objs for s in defs[o]}

def name(o):
    return os.path.relpath(o, os.path.join(build, 'obj'))[:-2] + '.c'

def module(o):
    return os.path.basename(os.path.dirname(o))

problems = []
graph = {}
for o in objs:
    graph[o] = sorted({owner[s] for s in uses[o] if s in owner and owner[s] != o})
    m = module(o)
    for t in graph[o]:
        mt = module(t)
        if mt == m or mt == 'core':
            continue
        bad = (m in SIDE) or (mt in SIDE and m not in ('cli', 'serve', 'store')) \
            or (mt not in SIDE and ORDER.get(mt, 99) > ORDER.get(m, 99)) \
            or (mt == 'cli' and m != 'cli')
        if bad:
            syms = sorted(s for s in uses[o] if owner.get(s) == t)
            problems.append('%s uses %s (%s): against the flow' % (name(o), name(t), ', '.join(syms[:3])))

# Tarjan's strongly connected components, iteratively
index, low, on, stack, sccs, counter = {}, {}, set(), [], [], [0]
for root in objs:
    if root in index:
        continue
    work = [(root, 0)]
    while work:
        v, i = work.pop()
        if i == 0:
            index[v] = low[v] = counter[0]; counter[0] += 1
            stack.append(v); on.add(v)
        recurse = False
        for j in range(i, len(graph[v])):
            w = graph[v][j]
            if w not in index:
                work.append((v, j + 1)); work.append((w, 0)); recurse = True
                break
            if w in on:
                low[v] = min(low[v], index[w])
        if recurse:
            continue
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(sorted(comp))
        if work:
            p = work[-1][0]
            low[p] = min(low[p], low[v])
for comp in sccs:
    line = 'files that call each other: ' + ' <-> '.join(name(o) for o in comp)
    if all(module(o) in LOOPS_ALLOWED for o in comp):
        print('warning: ' + line)
    else:
        problems.append(line)
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
