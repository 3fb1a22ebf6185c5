#!/usr/bin/env bash
# Out of memory is a located error for the source that ran out, never an abort (issue 23,
# finding 8): under an address-space limit (ulimit -v) a large Markdown source fails with
# 'SOURCE: error: out of memory ...' and exit 1, not 134; a build of several sources where one is
# that large builds the others, records the failure in its manifest and exits 1.
# Skipped (77) under ASan, whose shadow memory cannot run under ulimit -v.
# usage: out_of_memory.sh HANDOUT
. "$(dirname "$0")/../e2e/common.sh"
handout=$(realpath "$1")
if [ "${HANDOUT_SANITIZED:-0}" = 1 ]; then echo "SKIPPED: ulimit -v cannot hold ASan"; exit 77; fi
LIMIT_KB=${OOM_LIMIT_KB:-600000}
cd "$SCRATCH"
mkdir -p in/a in/b
# About 30 MB of list items with emphasis and links: far more tree than the limit allows.
awk 'BEGIN { print "# Huge\n"; for (i = 0; i < 300000; i++)
  printf "- fever child water rest doctor call if the pain take medicine every *em* [l](http://x.example/%d)\n", i }' > in/b/huge.md
for i in 1 2 3; do printf '# Small %s\n\nDrink water and rest.\n' "$i" > "in/a/small-$i.md"; done

limited() { ( ulimit -v "$LIMIT_KB"; exec "$handout" "$@" ); }

status=0
limited convert in/a/small-1.md -o small.xml --limit source-bytes=64M 2> small.err || status=$?
check "a small source converts under the limit" test "$status" -eq 0

status=0
limited convert in/b/huge.md -o huge.xml --limit source-bytes=64M 2> huge.err || status=$?
cat huge.err
check "the large source: exit 1, not an abort (was 134)" test "$status" -eq 1
check "the large source: a located out-of-memory error" grep -q '^in/b/huge.md: error: out of memory' huge.err
check "the large source: no output" test ! -e huge.xml

status=0
limited build in -o out --formats docbook --jobs 1 --limit source-bytes=64M > build.out 2> build.err || status=$?
cat build.err
check "build: exit 1, not an abort" test "$status" -eq 1
check "build: the large source is named with out of memory" grep -q 'huge.md: error: out of memory' build.err
for i in 1 2 3; do check "build: small-$i built" test -s "out/a/small-$i.xml"; done
check "build: the manifest records the failure" python3 -c '
import json, sys
m = json.load(open("out/manifest.json"))
by = {s["source"]: s["status"] for s in m["sources"]}
sys.exit(0 if by.get("b/huge.md") == "failed" and by.get("a/small-1.md") == "ok" else 1)'
finish
