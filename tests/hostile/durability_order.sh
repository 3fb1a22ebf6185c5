#!/usr/bin/env bash
# Durability order (issue 23, finding 2): under strace, a small `handout build` shows for every
# file it writes fsync(temporary file) -> rename -> fsync(folder), in that order in one thread, and
# the final manifest renamed into place only after every output it records is durable.
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
outputs = {}
for idx, pid, name, args, rc in renames:
    src, dst = [os.path.realpath(p) for p in strings(args)[:2]]
    if not dst.startswith(out + '/'):
        continue
    folder = os.path.dirname(dst)
    before = [c for c in calls[:idx] if c[1] == pid and c[2] in ('fsync', 'fdatasync')]
    synced_file = any(fd_path(c[3]) == src for c in before)
    after = [c for c in calls[idx + 1:] if c[1] == pid and c[2] in ('fsync', 'fdatasync', 'rename', 'renameat2')]
    synced_folder = bool(after) and after[0][2] == 'fsync' and fd_path(after[0][3]) == folder
    if not synced_file:
        print('FAILED: renamed without an fsync of the file first:', os.path.relpath(dst, out)); failures += 1
    if not synced_folder:
        print('FAILED: no fsync of the folder right after renaming', os.path.relpath(dst, out)); failures += 1
    if synced_folder:
        outputs[dst] = after[0][0]  # index of the folder fsync that made it durable
manifest = os.path.join(out, 'manifest.json')
last_manifest = max((c[0] for c in renames if os.path.realpath(strings(c[3])[1]) == manifest), default=None)
written = [p for p in outputs if os.path.basename(p) not in ('manifest.json', 'index.html')]
if last_manifest is None:
    print('FAILED: the manifest was never renamed into place'); failures += 1
elif len(written) < 12:
    print('FAILED: only %d outputs seen renamed' % len(written)); failures += 1
else:
    late = [p for p in written if outputs[p] > last_manifest]
    for p in late:
        print('FAILED: manifest renamed before', os.path.relpath(p, out), 'was durable'); failures += 1
print('%d renames into the output folder checked (%d outputs), %d failures' % (len(outputs), len(written), failures))
sys.exit(1 if failures else 0)
PY
