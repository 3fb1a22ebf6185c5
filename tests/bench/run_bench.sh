#!/bin/sh
# Benchmark of `handout build` over a generated corpus: a full build (sources per second, peak
# memory), a rebuild with nothing changed, and a rebuild after one edit. Not a test: it prints
# figures and fails only when a build fails. Run it with `make bench`.
# usage: run_bench.sh HANDOUT MAKE_CORPUS [SOURCES (600)] [JOBS (all cores)]
set -eu
handout=$1 make_corpus=$2 count=${3:-600} jobs=${4:-$(nproc)}
[ -x /usr/bin/time ] || { echo "run_bench.sh: needs GNU time (Debian package 'time')" >&2; exit 2; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/handout-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
export SOURCE_DATE_EPOCH=1700000000

"$make_corpus" "$scratch/corpus" "$count" --seed 1
size_kb=$(du -sk "$scratch/corpus" | cut -f1)

# timed NAME ARGS...: runs handout build under GNU time; keeps the report in $scratch/NAME.time.
timed() {
  name=$1; shift
  /usr/bin/time -v -o "$scratch/$name.time" "$handout" build "$scratch/corpus" -o "$scratch/out" --jobs "$jobs" "$@" \
    > "$scratch/$name.out" 2> "$scratch/$name.err" || { echo "build failed ($name):"; tail -5 "$scratch/$name.err"; exit 1; }
}
# seconds NAME: wall-clock seconds of a timed run ("m:ss.ss" or "h:mm:ss").
seconds() {
  sed -n 's/.*Elapsed (wall clock) time.*: //p' "$scratch/$1.time" |
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.3f", s }'
}
# peak_mb NAME: peak resident memory of a timed run, in MB.
peak_mb() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$scratch/$1.time" | awk '{ printf "%.1f", $1 / 1024 }'; }

timed full
timed nochange
first=$(find "$scratch/corpus" -name '*.md' | sort | head -1)
printf '\nOne more sentence.\n' >> "$first"
timed oneedit

full=$(seconds full)
formats=$(sed -n 's/.*"\([a-z]*\)": {$/\1/p' "$scratch/out/manifest.json" | grep -v -e '^style$' -e '^outputs$' | sort -u | tr '\n' ' ')
echo "handout build benchmark: $count sources ($size_kb KB of Markdown), --jobs $jobs, $(nproc) cores, formats: $formats"
echo "full build:         $full s, $(awk -v n="$count" -v s="$full" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }') sources/s, peak memory $(peak_mb full) MB"
echo "no-change rebuild:  $(seconds nochange) s, peak memory $(peak_mb nochange) MB ($(tail -1 "$scratch/nochange.out"))"
echo "one source edited:  $(seconds oneedit) s ($(tail -1 "$scratch/oneedit.out"))"
