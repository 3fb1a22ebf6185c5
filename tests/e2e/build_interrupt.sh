#!/usr/bin/env bash
# An interrupted `handout build` never leaves a broken file: killed with SIGKILL mid-run, every
# file in the output folder is complete and valid and a rerun finishes the job; stopped with
# SIGINT, it exits 130 with a valid manifest that matches the files on disk.
# usage: build_interrupt.sh HANDOUT MAKE_CORPUS QPDF_CHECK_MANY
. "$(dirname "$0")/common.sh"
handout=$1 make_corpus=$2 qpdf_check_many=$3
cd "$SCRATCH"
set -m  # background jobs keep SIGINT (without job control, bash makes them ignore it)

# Size the corpus so a full build takes about 0.4 s with the writers registered today (120 to
# 600 sources): the interrupts come after a twelfth of it, so 0.35 s of work is still left to
# interrupt, and every file of two full builds is validated (the validation's time grows with
# the corpus: a one-second corpus took three times the CPU time for the same checks).
"$make_corpus" calibrate 100 --seed 3
ms=$(elapsed_ms "$handout" build calibrate -o calibrate-out --jobs 2)
count=$(( 100 * 400 / ms ))
[ "$count" -lt 120 ] && count=120
[ "$count" -gt 600 ] && count=600
threshold=$((count / 12))
echo "100 sources took $ms ms: interrupting builds of $count sources after $threshold"
"$make_corpus" in "$count" --seed 11

# all_valid DIR: every file under DIR is complete for its kind (checked per extension, many files
# per validator run). Add a case when a writer with a new extension is registered.
all_valid() {
  local f unknown=0
  : > xml.list; : > json.list; : > pdf.list; : > epub.list
  while IFS= read -r -d '' f; do
    case "$f" in
      */.handout-build.lock) ;;
      */.*.tmp-??????) ;;  # a killed writer's temporary file: never an output, removed by the next run
      *.xml | *.html) printf '%s\0' "$f" >> xml.list ;;
      *.json) printf '%s\0' "$f" >> json.list ;;
      *.pdf) printf '%s\0' "$f" >> pdf.list ;;
      *.epub) printf '%s\0' "$f" >> epub.list ;;
      *) echo "no check for $f"; unknown=1 ;;
    esac
  done < <(find "$1" -type f -print0)
  [ "$unknown" -eq 0 ] || return 1
  xargs -0 -r xmllint --noout < xml.list || return 1
  xargs -0 -r -n1 jq empty < json.list > /dev/null || return 1
  # qpdf --check of every PDF in one process (hundreds of them after a full rebuild).
  xargs -0 -r "$qpdf_check_many" < pdf.list > qpdf.out || { grep -A3 FAILED qpdf.out; return 1; }
  xargs -0 -r -n1 -P2 unzip -tqq < epub.list > /dev/null || return 1
}
# wait_for_outputs DIR N PID: waits until DIR holds N .xml files (or the build ended).
wait_for_outputs() {
  for _ in $(seq 1 1000); do
    [ "$(find "$1" -name '*.xml' 2>/dev/null | wc -l)" -ge "$2" ] && return 0
    kill -0 "$3" 2>/dev/null || return 0
    sleep 0.01
  done
}
xml_count() { find "$1" -name '*.xml' | wc -l; }
# output_count DIR: the exports in DIR (not the manifest, catalog, lock or temporary files).
output_count() { find "$1" -type f ! -name manifest.json ! -name index.html ! -name '.handout-build.lock' ! -name '.*.tmp-*' | wc -l; }

# SIGKILL in the middle of the build.
"$handout" build in -o killed --jobs 2 > killed.out 2>&1 &
pid=$!
wait_for_outputs killed "$threshold" "$pid"
kill -KILL "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
partial=$(xml_count killed)
echo "killed with $partial of $count sources exported"
check "killed mid-run (some but not all exported)" test "$partial" -gt 0 -a "$partial" -lt "$count"
check "after SIGKILL every file present is complete and valid" all_valid killed
status=0
"$handout" build in -o killed --jobs 2 > rerun.out 2>&1 || status=$?
check "rerun after SIGKILL exits 0" test "$status" -eq 0
check "rerun exported every source" test "$(xml_count killed)" -eq "$count"
check "rerun: manifest lists every source as ok" test "$(jq '[.sources[] | select(.status == "ok")] | length' killed/manifest.json)" -eq "$count"
check "rerun: no temporary file left" test -z "$(find killed -name '.*.tmp-*')"
check "rerun: every file valid" all_valid killed

# SIGINT: a clean stop.
"$handout" build in -o stopped --jobs 2 > stopped.out 2> stopped.err &
pid=$!
wait_for_outputs stopped "$threshold" "$pid"
kill -INT "$pid" 2>/dev/null || true
status=0
wait "$pid" || status=$?
check "SIGINT: exit status 130" test "$status" -eq 130
check "SIGINT: summary says interrupted" grep -q '^interrupted: built' stopped.out
check "SIGINT: manifest is valid JSON" jq empty stopped/manifest.json
recorded=$(jq '[.sources[] | select(.status == "ok")] | length' stopped/manifest.json)
echo "stopped with $recorded of $count sources recorded"
check "SIGINT: stopped before the end" test "$recorded" -lt "$count"
check "SIGINT: the manifest records every output on disk" test "$(jq '[.sources[].outputs[]] | length' stopped/manifest.json)" -eq "$(output_count stopped)"
check "SIGINT: no temporary file left" test -z "$(find stopped -name '.*.tmp-*')"
check "SIGINT: every file valid" all_valid stopped
status=0
"$handout" build in -o stopped --jobs 2 > resumed.out 2>&1 || status=$?
check "rerun after SIGINT exits 0" test "$status" -eq 0
check "rerun after SIGINT builds only the rest" grep -q "^built $((count - recorded)), skipped $recorded, failed 0" resumed.out
finish
