#!/usr/bin/env bash
# Power loss (issue 23, finding 2): `handout build` into an ext4 file system on a loop device,
# then snapshots of what reached the "disk", as if the power went at that moment.
#
# The image file is the loop device's backing store: the loop driver writes to it only what the
# file system above sent to the device (ext4's own page cache - file data not yet written back,
# metadata not yet committed - stays in memory). So a copy of the image taken after the build
# exits, without unmount or sync, is a state the disk could be in after a power loss. Snapshots
# are taken 0, 1, 2 and 4 s after the build exits; the file system is mounted with commit=1, so
# ext4 commits its journal (the renames) every second while dirty file data is written back only
# after 30 s (vm.dirty_expire_centisecs): without fsync before rename a snapshot shows renamed
# names with empty files. Each snapshot is replayed and checked on a copy (e2fsck -fy, then
# debugfs rdump: no second mount): every file under its final name is whole (non-empty; PDF
# qpdf --check, EPUB unzip -t, XML/HTML xmllint, JSON parses), and if the manifest is there, every
# output it records exists with its recorded XXH3-128 hash and size.
# Cases: a fresh build; a --force rebuild over good outputs (made durable with sync first), with
# ext4's default auto_da_alloc and with noauto_da_alloc (no flush on rename over a file).
#
# Exits 77 (skipped, visibly) when not root, or without loop devices, mkfs.ext4, debugfs, or
# when the loop device or the mount fails (containers).
# POWER_LOSS_NO_FSYNC=1 runs the builds with fsync and fdatasync made no-ops (an LD_PRELOAD shim
# compiled here): the code before issue 23; the test must then fail.
# usage: power_loss.sh HANDOUT MAKE_CORPUS
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../e2e/common.sh"
handout=$(realpath "$1") make_corpus=$(realpath "$2")
SOURCES=${POWER_LOSS_SOURCES:-24}
skip() { echo "SKIPPED: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "not root (needs losetup and mount)"
[ -e /dev/loop-control ] || skip "no /dev/loop-control (no loop devices here)"
for tool in losetup mkfs.ext4 e2fsck debugfs mount umount qpdf unzip xmllint python3; do
  command -v "$tool" > /dev/null || skip "$tool is missing"
done
# A run killed outright (ctest's timeout sends SIGKILL, which no trap sees) leaves its file system
# mounted and its loop device attached: such leftovers of earlier runs (an image named disk.img in
# a handout-e2e.* folder whose mnt is gone or still mounted) are undone first.
while read -r old_dev old_file; do
  case "$old_file" in
    */handout-e2e.*/disk.img*) ;;
    *) continue ;;
  esac
  old_dir=${old_file%/disk.img*}
  [ "$old_dir" = "$SCRATCH" ] && continue
  mountpoint -q "$old_dir/mnt" 2> /dev/null && umount "$old_dir/mnt"
  losetup -d "$old_dev" 2> /dev/null && echo "note: detached $old_dev left by a killed run ($old_file)"
  rm -rf "$old_dir"
done < <(losetup -l -n -O NAME,BACK-FILE 2> /dev/null)
cd "$SCRATCH"
mkdir mnt
dev=""
cleanup() {
  mountpoint -q "$SCRATCH/mnt" && umount "$SCRATCH/mnt"
  [ -n "$dev" ] && losetup -d "$dev"
  rm -rf "$SCRATCH"
}
trap cleanup EXIT

preload=()
if [ "${POWER_LOSS_NO_FSYNC:-0}" = 1 ]; then
  printf 'int fsync(int fd) { (void)fd; return 0; }\nint fdatasync(int fd) { (void)fd; return 0; }\n' > nofsync.c
  cc -shared -fPIC -o nofsync.so nofsync.c || skip "no C compiler for the no-fsync shim"
  preload=(env LD_PRELOAD="$SCRATCH/nofsync.so")
  echo "note: fsync and fdatasync are no-ops in the builds (POWER_LOSS_NO_FSYNC=1): expect failures"
fi

"$make_corpus" in "$SOURCES" --seed 29 > /dev/null

# whole_and_recorded DIR: the checks of one snapshot's files (DIR/out), printing what is wrong.
whole_and_recorded() {
  PYTHONPATH="$here" python3 - "$1" <<'PY'
import json, os, subprocess, sys
root = os.path.join(sys.argv[1], "out")
from manifest_hash import digest
bad, files, recorded = 0, 0, 0
# The manifest first: a file whose bytes are those it records is whole; any other file under a
# final name is checked for its kind.
manifest = os.path.join(root, "manifest.json")
vouched = set()
if os.path.isfile(manifest) and os.path.getsize(manifest) > 0:
    try:
        m = json.load(open(manifest))
    except ValueError:
        m = {"sources": []}  # reported as torn below
    for s in m.get("sources", []):
        for fmt, o in s.get("outputs", {}).items():
            recorded += 1
            p = os.path.join(root, o["path"])
            try:
                data = open(p, "rb").read()
            except OSError:
                print("recorded but missing:", o["path"]); bad += 1; continue
            if o["hash"] != digest(data) or o["size"] != len(data):
                print("recorded but hash or size differs (%d bytes, recorded %d):" % (len(data), o["size"]), o["path"]); bad += 1
            else:
                vouched.add(os.path.realpath(p))
if os.path.isdir(root):
    for folder, _, names in os.walk(root):
        for n in names:
            p = os.path.join(folder, n)
            if n.startswith("."):
                continue  # a temporary file (no name anything trusts) or the lock (empty by design)
            files += 1
            if os.path.realpath(p) in vouched:
                continue
            if os.path.getsize(p) == 0:
                print("empty:", os.path.relpath(p, root)); bad += 1; continue
            if n.endswith(".pdf"):
                ok = subprocess.run(["qpdf", "--check", p], capture_output=True).returncode in (0, 3)
            elif n.endswith(".epub"):
                ok = subprocess.run(["unzip", "-tq", p], capture_output=True).returncode == 0
            elif n.endswith((".xml", ".html")):
                ok = subprocess.run(["xmllint", "--noout", "--huge", p], capture_output=True).returncode == 0
            elif n.endswith(".json"):
                try:
                    json.load(open(p)); ok = True
                except ValueError:
                    ok = False
            else:
                ok = True
            if not ok:
                print("torn:", os.path.relpath(p, root)); bad += 1
print("  %d files under final names, %d outputs recorded by the manifest, %d bad" % (files, recorded, bad))
sys.exit(1 if bad else 0)
PY
}

# check_snapshot IMAGE: replays the journal on the copy and checks its files.
check_snapshot() {
  local img=$1 rc=0
  e2fsck -fy "$img" > "$img.fsck" 2>&1 || rc=$?
  if [ "$rc" -ge 4 ]; then
    echo "  e2fsck left errors (exit $rc):"; tail -5 "$img.fsck"; return 1
  fi
  rm -rf "$img.files" && mkdir "$img.files"
  if debugfs -R "stat /out" "$img" 2>&1 | grep -q 'Inode:'; then
    debugfs -R "rdump /out $img.files" "$img" > /dev/null 2>&1 || { echo "  debugfs rdump failed"; return 1; }
  fi
  whole_and_recorded "$img.files"
}

# power_case NAME MOUNT_OPTIONS FORCE: one build on a fresh image, snapshots after it exits.
power_case() {
  local name=$1 options=$2 force=$3
  rm -rf disk.img snap-*
  truncate -s 64M disk.img
  mkfs.ext4 -q -F disk.img || skip "mkfs.ext4 failed"
  dev=$(losetup -f --show --direct-io=on disk.img 2> /dev/null) || { dev=""; skip "no free loop device (losetup failed)"; }
  mount -t ext4 -o "$options" "$dev" mnt 2> mount.err || { cat mount.err; skip "cannot mount ext4 on a loop device here"; }
  if [ "$force" = force ]; then
    "$handout" build in -o mnt/out --formats docbook,pdf,epub --jobs 2 > build0.out 2>&1 ||
      { cat build0.out; echo "FAILED: $name: the first build"; exit 1; }
    sync  # the good outputs are durable before the rebuild
  fi
  local args=(); [ "$force" = force ] && args=(--force)
  local start=$SECONDS
  "${preload[@]}" "$handout" build in -o mnt/out --formats docbook,pdf,epub --jobs 2 "${args[@]}" > build.out 2>&1 ||
    { cat build.out; echo "FAILED: $name: build"; exit 1; }
  local built=$((SECONDS - start)) t0 i=0
  t0=$(date +%s.%N)
  for at in 0 1 2 4; do
    sleep "$(python3 -c "import sys,time; print(max(0, $t0 + $at - time.time()))")"
    cp --sparse=always disk.img "snap-$i.img"  # the backing file: what the device received
    i=$((i + 1))
  done
  umount mnt
  losetup -d "$dev"; dev=""
  echo "$name: build of $SOURCES sources (${built} s), snapshots 0, 1, 2, 4 s after it exited:"
  local failed=0
  local j=0 previous=""
  for at in 0 1 2 4; do
    if [ -n "$previous" ] && cmp -s "$previous" "snap-$j.img"; then
      echo " snapshot at $at s: the same bytes as the one before"
    else
      echo " snapshot at $at s:"
      cp --sparse=always "snap-$j.img" "snap-$j.orig"
      check_snapshot "snap-$j.img" || failed=1
      previous=snap-$j.orig
    fi
    j=$((j + 1))
  done
  [ "$failed" = 0 ]
}

check "fresh build (commit=1): no empty or torn file under its name or recorded as good" \
  power_case fresh commit=1 new
check "--force over good outputs (commit=1): no empty or torn file" \
  power_case force commit=1 force
check "--force over good outputs (commit=1,noauto_da_alloc): no empty or torn file" \
  power_case force-noauto commit=1,noauto_da_alloc force
finish
