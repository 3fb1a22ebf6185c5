#!/usr/bin/env bash
# Runs the fuzz targets for longer than ctest does, keeping what they learn.
# usage: tests/fuzz/run.sh BUILD_DIR [SECONDS_EACH] [TARGET...]
#   BUILD_DIR    a build configured with -DHANDOUT_FUZZ=ON (make asan: build-asan)
#   SECONDS_EACH default 600; targets default to all six, one after the other
# The corpus grows in BUILD_DIR/fuzz/corpus/TARGET (seeded from input/, tests/readers/, styles/);
# a crash, leak, timeout (>20 s) or out-of-memory (>2 GB) input is saved as
# BUILD_DIR/fuzz/artifacts/TARGET-crash-*: reproduce with `BUILD_DIR/tests/fuzz/TARGET FILE`.
# Prints one summary line per target: runs, executions per second, corpus size, findings.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "$1" && pwd)
seconds=${2:-600}
shift $(( $# >= 2 ? 2 : 1 ))
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz_markdown fuzz_text fuzz_wiki fuzz_front_matter fuzz_style fuzz_convert)

seeds() {
  case $1 in
    fuzz_markdown|fuzz_front_matter) echo "$root/input $root/tests/readers/markdown" ;;
    fuzz_text) echo "$root/input/web $root/input/notes $root/tests/readers/text" ;;
    fuzz_wiki) echo "$root/input/wiki $root/tests/readers/wiki" ;;
    fuzz_style) echo "$root/styles" ;;
    fuzz_convert) echo "$root/input $root/tests/readers" ;;
  esac
}

status=0
mkdir -p "$build/fuzz/artifacts" "$build/fuzz/logs"
for t in "${targets[@]}"; do
  exe=$build/tests/fuzz/$t
  [ -x "$exe" ] || { echo "$t: not built (configure with -DHANDOUT_FUZZ=ON)"; status=1; continue; }
  corpus=$build/fuzz/corpus/$t
  mkdir -p "$corpus"
  log=$build/fuzz/logs/$t.log
  # shellcheck disable=SC2046
  (cd "$build/fuzz" && "$exe" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
     -print_final_stats=1 \
     -artifact_prefix="$build/fuzz/artifacts/$t-" "$corpus" $(seeds "$t")) > "$log" 2>&1
  rc=$?
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  speed=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  found=$(ls "$build/fuzz/artifacts" | grep -c "^$t-" || true)
  echo "$t: exit $rc, ${runs:-?} runs in ${seconds} s, ${speed:-?} exec/s, corpus $(ls "$corpus" | wc -l) files, $found findings (log $log)"
  [ "$rc" -ne 0 ] && status=1
done
exit $status
