#!/bin/sh
# PDF handout speed: milliseconds per handout and pages per second, in one worker and in all
# cores, over a generated corpus and over the samples in input/ in every shipped style.
# Not a test: it prints figures and fails only when a build fails. Run it with `make bench-pdf`.
# usage: pdf_speed.sh HANDOUT MAKE_CORPUS ROOT [SOURCES (200)]
set -eu
handout=$1 make_corpus=$2 root=$3 count=${4:-200}
[ -x /usr/bin/time ] || { echo "pdf_speed.sh: needs GNU time (Debian package 'time')" >&2; exit 2; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/handout-pdf-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
export SOURCE_DATE_EPOCH=1700000000
"$make_corpus" "$scratch/corpus" "$count" --seed 3
mkdir -p "$scratch/samples" && cp -r "$root/input/." "$scratch/samples/"

# measure NAME DIR JOBS STYLE: builds only PDFs of DIR; prints one line of figures.
measure() {
  name=$1 dir=$2 jobs=$3 style=$4
  rm -rf "$scratch/out"
  /usr/bin/time -f '%e %M' -o "$scratch/time" "$handout" build "$dir" -o "$scratch/out" --formats pdf \
    --jobs "$jobs" --style "$style" > /dev/null 2> "$scratch/err" || { echo "build failed:"; tail -5 "$scratch/err"; exit 1; }
  files=$(find "$scratch/out" -name '*.pdf' | wc -l)
  pages=0
  for f in $(find "$scratch/out" -name '*.pdf'); do
    pages=$((pages + $(pdfinfo "$f" | sed -n 's/^Pages: *//p')))
  done
  kb=$(find "$scratch/out" -name '*.pdf' -printf '%s\n' | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1024 }')
  read -r secs mem < "$scratch/time"
  awk -v n="$name" -v f="$files" -v p="$pages" -v s="$secs" -v m="$mem" -v j="$jobs" -v st="$style" -v kb="$kb" 'BEGIN {
    printf "%-9s %-12s jobs %d  %4d handouts %5d pages  %6.2f s  %6.1f ms/handout  %7.0f pages/s  median %5.1f KB  peak %5.1f MB\n",
      n, st, j, f, p, s, (f ? s * 1000 / f : 0), (s > 0 ? p / s : 0), kb, m / 1024 }'
}

echo "PDF handout speed, $(nproc) cores (wall clock, including start-up)"
measure corpus "$scratch/corpus" 1 default
measure corpus "$scratch/corpus" "$(nproc)" default
measure corpus "$scratch/corpus" "$(nproc)" large-print
for style in default large-print a4; do measure samples "$scratch/samples" 1 "$style"; done
