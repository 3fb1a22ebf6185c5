#!/usr/bin/env bash
# A scan error stops the build before any removal (issue 23, finding 4): a subfolder of the input
# folder, then the input folder itself, made unreadable between two builds: the second build exits
# 1 naming the folder, and every output of the first is still there. Permissions bind only a
# normal user: as root the builds run as nobody (setpriv); skipped (77) when that is impossible.
# usage: build_scan_error.sh HANDOUT MAKE_CORPUS
. "$(dirname "$0")/../e2e/common.sh"
handout=$(realpath "$1") make_corpus=$(realpath "$2")
chmod 755 "$SCRATCH"
cd "$SCRATCH"
as_user=()
if [ "$(id -u)" = 0 ]; then
  if ! command -v setpriv > /dev/null || ! setpriv --reuid=nobody --regid=nogroup --clear-groups true 2> /dev/null ||
     ! setpriv --reuid=nobody --regid=nogroup --clear-groups test -x "$handout"; then
    echo "SKIPPED: running as root and cannot run the build as nobody"
    exit 77
  fi
  as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
"$make_corpus" in 8 --seed 7
mkdir -p in/second && cp "$(find in -name '*.md' | sort | head -1)" in/second/extra.md
chmod -R a+rwX "$SCRATCH"
build() { "${as_user[@]}" env HOME="$SCRATCH" "$handout" build in -o out --formats docbook --jobs 2 > build.out 2> build.err; }
build || { cat build.err; echo "FAILED: first build"; exit 1; }
find out -name '*.xml' | sort > before.list
check "first build wrote outputs" test "$(wc -l < before.list)" -ge 9

chmod 000 in/second
status=0; build || status=$?
check "unreadable subfolder: exit 1" test "$status" -eq 1
check "unreadable subfolder: located error" grep -q "in/second.*cannot read folder\|cannot read folder.*in/second" build.err
check "unreadable subfolder: nothing removed" bash -c 'find out -name "*.xml" | sort | cmp -s - before.list'
chmod 755 in/second

chmod 000 in
status=0; build || status=$?
check "unreadable input folder: exit 1" test "$status" -eq 1
check "unreadable input folder: nothing removed" bash -c 'find out -name "*.xml" | sort | cmp -s - before.list'
chmod 755 in
sed 's/^/  | /' build.err | head -3
finish
