#!/usr/bin/env bash
# Crash consistency (issue 23): a build of 120 sources (docbook, pdf, epub) killed with SIGKILL at random moments,
# several times. After each kill every file in the output folder is whole (PDF: qpdf --check,
# EPUB: unzip -t, XML and HTML: xmllint, JSON: parsed) and no temporary file is left recorded;
# the next build, left to finish, leaves a manifest whose every entry exists with its recorded
# hash. Bounded: KILL_ROUNDS rounds (default 3), each kill 100 ms or more into the build and
# before 60% of the time a whole build took here (measured first; KILL_MAX_MS sets it instead),
# so that the kills land in a running build; a round whose build had ended all the same (a
# loaded machine) says so and goes on.
# usage: kill_build.sh HANDOUT MAKE_CORPUS QPDF_CHECK_MANY
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../e2e/common.sh"
handout=$(realpath "$1") make_corpus=$(realpath "$2") qpdf_check_many=$(realpath "$3")
ROUNDS=${KILL_ROUNDS:-3}
cd "$SCRATCH"
"$make_corpus" in 120 --seed 11 > /dev/null
if [ -n "${KILL_MAX_MS:-}" ]; then
  MAX_MS=$KILL_MAX_MS
else
  build_ms=$(elapsed_ms "$handout" build in -o calibrate --formats docbook,pdf,epub --jobs 2)
  MAX_MS=$((build_ms * 6 / 10))
  rm -rf calibrate
fi
[ "$MAX_MS" -lt 150 ] && MAX_MS=150
echo "kills between 100 and $MAX_MS ms into a build"
RANDOM=23

# whole: every finished file in out/ is valid for its kind (temporaries are skipped: a killed
# build may leave one, the next build removes it). Files not changed since the last check (older
# than the marker touched before the build that ran since) were checked then and are skipped.
# The PDFs go to qpdf --check all in one process (qpdf_check_many), the rest 16 files per shell.
whole() {
  local newer=()
  [ -e checked.mark ] && newer=(-newer checked.mark)
  find out -type f "${newer[@]}" ! -name '.*.tmp-*' -print0 2> /dev/null > files.list
  : > damaged.txt
  { grep -z '\.pdf$' files.list || true; } | xargs -0 -r "$qpdf_check_many" > qpdf.out ||
    { sed -n 's/^\(.*\): FAILED (exit [0-9]*)$/damaged: \1/p' qpdf.out; echo "damaged: qpdf_check_many failed"; } >> damaged.txt
  { grep -zv '\.pdf$' files.list || true; } |
    xargs -0 -r -n 16 -P 2 sh -c '
      for f; do
        case $f in
          *.epub) unzip -tq "$f" > /dev/null 2>&1 ;;
          *.xml|*.html) xmllint --noout --huge "$f" 2> /dev/null ;;
          *.json) "$PYTHON3" -c "import json,sys; json.load(open(sys.argv[1]))" "$f" 2> /dev/null ;;
          *) true ;;
        esac || echo "damaged: $f"
      done' _ >> damaged.txt
  cat damaged.txt
  [ -s damaged.txt ] && return 1
  mv next.mark checked.mark
}

# recorded: every output the manifest records exists with its recorded hash (XXH3-128) and size.
recorded() {
  PYTHONPATH="$here" python3 - <<'PY'
import json, os, sys
from manifest_hash import digest
m = json.load(open("out/manifest.json"))
bad = 0
for s in m["sources"]:
    for fmt, o in s["outputs"].items():
        p = os.path.join("out", o["path"])
        try:
            data = open(p, "rb").read()
        except OSError:
            print("missing:", p); bad += 1; continue
        if o["hash"] != digest(data) or o["size"] != len(data):
            print("hash or size differs:", p); bad += 1
sys.exit(1 if bad else 0)
PY
}

for round in $(seq "$ROUNDS"); do
  # Each round goes on where the killed one stopped; round 3 rebuilds over good outputs (--force).
  force=(); [ "$round" = 3 ] && force=(--force)
  ms=$((100 + RANDOM % (MAX_MS - 100)))
  touch next.mark
  "$handout" build in -o out --formats docbook,pdf,epub --jobs 2 "${force[@]}" > /dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
  kill -KILL "$pid" 2> /dev/null || echo "note: round $round: the build had ended before the kill"
  wait "$pid" 2> /dev/null || true
  check "round $round: killed after $ms ms, every file whole" whole
done

touch next.mark
"$handout" build in -o out --formats docbook,pdf,epub --jobs 2 > last.out 2> last.err ||
  { cat last.err; echo "FAILED: the build after the kills"; exit 1; }
check "after the kills: every file whole" whole
check "after the kills: every recorded output exists with its hash and size" recorded
check "after the kills: no temporary file left" test -z "$(find out -name '.*.tmp-*')"
finish
