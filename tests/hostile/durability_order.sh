#!/usr/bin/env bash
# Durability order (issue 23, finding 2): under strace, a small `handout build` shows for every
# file it writes fsync(temporary file) -> rename in one thread, then fsync(folder) (build flushes
# each folder once before it saves the manifest), and every manifest renamed into place only after
# the outputs renamed before it are durable, and each folder it made flushed in its parent first.
# Exits 77 (skipped, visibly) when strace is missing or cannot trace here.
# usage: durability_order.sh HANDOUT MAKE_CORPUS
. "$(dirname "$0")/../e2e/common.sh"
handout=$(realpath "$1") make_corpus=$(realpath "$2")
cd "$SCRATCH"
if ! command -v strace > /dev/null || ! strace -f -o /dev/null true 2> /dev/null; then
  echo "SKIPPED: strace is missing or cannot trace here (Debian package strace)"
  exit 77
fi
"$make_corpus" in 6 --seed 5
mkdir -p in/sub && mv "$(find in -name '*.md' | sort | head -1)" in/sub/  # outputs in two folders
strace -f -y -qq -e trace=fsync,fdatasync,rename,renameat2 -o trace.txt \
  "$handout" build in -o out --jobs 2 > build.out 2>&1 || { cat build.out; echo "FAILED: build"; exit 1; }

# Per thread: the calls in order, "resumed" halves joined to their start.
python3 - "$SCRATCH/out" trace.txt <<'PY'
import os, re, sys
out = os.path.realpath(sys.argv[1])
calls = []  # (index, pid, name, args)
pending = {}
for line in open(sys.argv[2]):
    m = re.match(r'(\d+)\s+(.*)', line.rstrip('\n'))
    if not m:
        continue
    pid, rest = m.group(1), m.group(2)
    if rest.endswith('<unfinished ...>'):
        pending[pid] = rest[: -len('<unfinished ...>')]
        continue
    r = re.match(r'<\.\.\. (\w+) resumed>(.*)', rest)
    if r:
        rest = pending.pop(pid, r.group(1) + '(') + r.group(2)
    c = re.match(r'(\w+)\((.*)\)\s*=\s*(-?\d+)', rest)
    if c:
        calls.append((len(calls), pid, c.group(1), c.group(2), int(c.group(3))))

def fd_path(args):
    m = re.match(r'\d+<(.*)>', args)
    return m.group(1) if m else None

def strings(args):
    return re.findall(r'"((?:[^"\\]|\\.)*)"', args)

failures = 0
renames = [c for c in calls if c[2] in ('rename', 'renameat2') and c[4] == 0]
manifest = os.path.join(out, 'manifest.json')
manifest_renames = [c[0] for c in renames if os.path.realpath(strings(c[3])[1]) == manifest]
folder_syncs = [(c[0], fd_path(c[3])) for c in calls if c[2] == 'fsync']
outputs = {}
for idx, pid, name, args, rc in renames:
    src, dst = [os.path.realpath(p) for p in strings(args)[:2]]
    if not dst.startswith(out + '/'):
        continue
    folder = os.path.dirname(dst)
    before = [c for c in calls[:idx] if c[1] == pid and c[2] in ('fsync', 'fdatasync')]
    if not any(fd_path(c[3]) == src for c in before):
        print('FAILED: renamed without an fsync of the file first:', os.path.relpath(dst, out)); failures += 1
    # The folder is flushed after the rename (by this thread at once, or by the build once per
    # folder before it saves the manifest).
    synced = [i for i, path in folder_syncs if i > idx and path == folder]
    if not synced:
        print('FAILED: no fsync of the folder after renaming', os.path.relpath(dst, out)); failures += 1
    else:
        outputs[dst] = (idx, synced[0])
written = [p for p in outputs if os.path.basename(p) not in ('manifest.json', 'index.html')]
if not manifest_renames:
    print('FAILED: the manifest was never renamed into place'); failures += 1
elif len(written) < 12:
    print('FAILED: only %d outputs seen renamed' % len(written)); failures += 1
else:
    # Every manifest saved after an output's rename comes after that output's folder flush.
    for p in written:
        renamed, durable = outputs[p]
        if any(renamed < m < durable for m in manifest_renames):
            print('FAILED: manifest renamed before', os.path.relpath(p, out), 'was durable'); failures += 1
    # A folder the build made is an entry in its parent: each folder from the output folder down
    # to an output's parent is flushed after the first rename into it and before the next manifest.
    first_rename = {}
    for p in written:
        folder = os.path.dirname(p)
        first_rename[folder] = min(first_rename.get(folder, outputs[p][0]), outputs[p][0])
    for folder, first in sorted(first_rename.items()):
        after = [m for m in manifest_renames if m > first]
        if not after:
            continue
        a = os.path.dirname(folder)
        while a.startswith(out):
            if not any(first < i < after[0] and path == a for i, path in folder_syncs):
                print('FAILED: folder', os.path.relpath(a, out), 'not flushed before the manifest records files under',
                      os.path.relpath(folder, out)); failures += 1
            if a == out:
                break
            a = os.path.dirname(a)
print('%d renames into the output folder checked (%d outputs), %d failures' % (len(outputs), len(written), failures))
sys.exit(1 if failures else 0)
PY
