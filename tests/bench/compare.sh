#!/usr/bin/env bash
# handout against its peers, side by side, in one run over the same generated corpus:
#   - `handout build` to every registered output (DocBook, PDF handout, summary sheet, EPUB),
#     with all cores and with one;
#   - `handout convert`, one process per source, PDF only and EPUB only (per-source medians
#     comparable with the peers, start-up included);
#   - pandoc making only the EPUBs, one process per source;
#   - pandoc (to standalone HTML) + WeasyPrint making only the PDFs, one pair per source;
# then ratios, per-source medians, peak memory (GNU time) and output sizes; and a scaling run:
# one source of each shape at 1x, 10x and 100x its size, time and peak memory for each.
# Not a test: it prints figures and fails only when a tool fails. Run it with `make bench-compare`.
#
# usage: compare.sh HANDOUT MAKE_CORPUS [SOURCES (200)]
# environment:
#   PEER_SAMPLE=N  time the peers on N evenly spaced sources only and extrapolate their totals
#                  from the per-source mean (default: every source; WeasyPrint then takes minutes)
#   JOBS=N         handout's worker threads (default: every core)
#   RUNS=N         handout batch runs, spread over the peers; the median is reported (default 5)
set -euo pipefail
handout=$1 make_corpus=$2 count=${3:-200}
jobs=${JOBS:-$(nproc)} runs=${RUNS:-5} sample=${PEER_SAMPLE:-0}
for tool in /usr/bin/time pandoc weasyprint; do
  command -v "$tool" > /dev/null || { echo "compare.sh: needs $tool (make bench-compare installs it)" >&2; exit 2; }
done
scratch=$(mktemp -d "${TMPDIR:-/tmp}/handout-compare.XXXXXX")
trap 'rm -rf "$scratch"' EXIT INT TERM
export SOURCE_DATE_EPOCH=1700000000 LC_ALL=C.UTF-8

"$make_corpus" "$scratch/corpus" "$count" --seed 1
mapfile -t sources < <(cd "$scratch/corpus" && find . -type f | sed 's|^\./||' | sort)
n=${#sources[@]}
if [ "$sample" -gt 0 ] && [ "$sample" -lt "$n" ]; then
  peers=()
  for ((i = 0; i < sample; i++)); do peers+=("${sources[i * n / sample]}"); done
  peer_note="PEER_SAMPLE=$sample: peers timed on $sample evenly spaced sources, totals extrapolated to $n"
else
  peers=("${sources[@]}")
  peer_note="peers timed on all $n sources"
fi

# ---- helpers ------------------------------------------------------------------------------------

# timed FILE CMD...: runs CMD, appending "seconds peak_kb" to FILE: wall-clock time to the
# microsecond (GNU time rounds to 10 ms), peak resident memory from GNU time.
timed() {
  local file=$1; shift
  local start=$EPOCHREALTIME
  /usr/bin/time -f '%M' -o "$scratch/one.time" "$@" > /dev/null 2>> "$scratch/stderr.log" ||
    { echo "failed: $*" >&2; tail -5 "$scratch/stderr.log" >&2; exit 1; }
  local end=$EPOCHREALTIME
  echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.6f", b - a }') $(tail -1 "$scratch/one.time")" >> "$file"
}
# median: the median of the numbers on standard input.
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# sum / max / count of column C of FILE.
col_sum() { awk -v c="$2" '{ s += $c } END { printf "%.3f", s }' "$1"; }
col_max() { awk -v c="$2" '$c > m { m = $c } END { print m + 0 }' "$1"; }
# size_kb DIR PATTERN [FIND ARGS...]: median size in KB of the files named PATTERN under DIR.
size_kb() {
  local dir=$1 pattern=$2; shift 2
  find "$dir" -type f -name "$pattern" "$@" -printf '%s\n' | median |
    awk '{ if ($1 == 0) print "-"; else printf "%.1f", $1 / 1024 }'
}
# pandoc_from SOURCE: pandoc's reader for a source file.
pandoc_from() {
  case "$1" in
    *.wiki | *.mediawiki) echo mediawiki ;;
    *) echo markdown ;;
  esac
}
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }

# ---- handout: one batch, every registered output; one process per source: the peers ------------

# The batch runs are spread over the whole run, one before the peers and the rest evenly between
# them (the 1-job run half-way), so handout and its peers are timed under the same conditions:
# this machine's speed drifts by a quarter over minutes. Each run writes a fresh folder, and
# nothing is deleted just before a timed run: ext4 makes creating files slow while many inodes
# were deleted in the last seconds (recently_deleted).
: > "$scratch/batch.times"; : > "$scratch/batch1.times"
batch_runs=0
batch_run() {
  timed "$scratch/batch.times" "$handout" build "$scratch/corpus" -o "$scratch/out-$batch_runs" --jobs "$jobs"
  batch_runs=$((batch_runs + 1))
}
batch_run
mv "$scratch/out-0" "$scratch/out"
formats=$(jq -r '[.sources[].outputs | keys[]] | unique | join(" ")' "$scratch/out/manifest.json")
failed=$(jq '[.sources[] | select(.status != "ok")] | length' "$scratch/out/manifest.json")
[ "$failed" -eq 0 ] || { echo "compare.sh: $failed sources failed in handout build" >&2; exit 1; }

mkdir -p "$scratch/conv" "$scratch/pandoc" "$scratch/weasy"
: > "$scratch/conv-pdf.times"; : > "$scratch/conv-epub.times"
: > "$scratch/pandoc-epub.times"; : > "$scratch/pandoc-html.times"; : > "$scratch/weasy.times"
for ((i = 0; i < ${#peers[@]}; i++)); do
  src=$scratch/corpus/${peers[i]}
  timed "$scratch/conv-pdf.times" "$handout" convert "$src" -o "$scratch/conv/$i.pdf"
  timed "$scratch/conv-epub.times" "$handout" convert "$src" -o "$scratch/conv/$i.epub"
  from=$(pandoc_from "$src")
  timed "$scratch/pandoc-epub.times" pandoc -f "$from" "$src" -o "$scratch/pandoc/$i.epub"
  timed "$scratch/pandoc-html.times" pandoc -f "$from" -s -t html5 --metadata pagetitle="${peers[i]}" "$src" \
    -o "$scratch/weasy/$i.html"
  timed "$scratch/weasy.times" weasyprint "$scratch/weasy/$i.html" "$scratch/weasy/$i.pdf"
  # After peer source i, as many batch runs as are due by then (runs - 1 spread over the peers).
  while [ "$batch_runs" -lt "$runs" ] && [ $(((i + 1) * (runs - 1))) -ge $((batch_runs * ${#peers[@]})) ]; do
    batch_run
  done
  if [ "$i" -eq $((${#peers[@]} / 2)) ]; then
    timed "$scratch/batch1.times" "$handout" build "$scratch/corpus" -o "$scratch/out1" --jobs 1
  fi
done
while [ "$batch_runs" -lt "$runs" ]; do batch_run; done
batch_s=$(cut -d' ' -f1 "$scratch/batch.times" | median)
batch_kb=$(col_max "$scratch/batch.times" 2)
batch1_s=$(cut -d' ' -f1 "$scratch/batch1.times")
batch1_kb=$(col_max "$scratch/batch1.times" 2)
# pandoc + WeasyPrint per source: the two processes' times added, the larger peak.
paste -d' ' "$scratch/pandoc-html.times" "$scratch/weasy.times" |
  awk '{ print $1 + $3, ($2 > $4 ? $2 : $4) }' > "$scratch/pandoc-weasy.times"

m=${#peers[@]}
# total FILE: the measured sum, or the per-source mean times every source when sampled.
total() { awk -v n="$n" -v m="$m" '{ s += $1 } END { printf "%.3f", s / m * n }' "$1"; }
per_median() { cut -d' ' -f1 "$1" | median; }

pandoc_total=$(total "$scratch/pandoc-epub.times")
weasy_total=$(total "$scratch/pandoc-weasy.times")
html_total=$(total "$scratch/pandoc-html.times")
wp_total=$(total "$scratch/weasy.times")

# ---- report -------------------------------------------------------------------------------------

corpus_kb=$(find "$scratch/corpus" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s / 1024 }')
shapes=$(printf '%s\n' "${sources[@]}" | sed 's/.*\.//' | sort | uniq -c | awk '{ printf "%s%d .%s", (NR > 1 ? ", " : ""), $1, $2 }')
echo "handout vs pandoc vs pandoc+WeasyPrint: $n sources ($shapes; $corpus_kb KB, median $(size_kb "$scratch/corpus" '*') KB)"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(pandoc --version | head -1), $(weasyprint --version)"
echo "$peer_note; peers run one process at a time; handout batch: median of $runs runs spread over the peers' run"
echo "handout batch runs, in order (s): $(cut -d' ' -f1 "$scratch/batch.times" | awk '{ printf "%s%.2f", (NR > 1 ? " " : ""), $1 }')"
echo
printf '%-44s %9s %12s %12s %10s\n' "what" "total s" "per source" "(median)" "peak MB"
row() { printf '%-44s %9.2f %9s ms %9s ms %10s\n' "$1" "$2" "$3" "$4" "$5"; }
row "handout build, $jobs jobs ($formats)" "$batch_s" "$(ms "$(awk -v s="$batch_s" -v n="$n" 'BEGIN { print s / n }')")" "-" "$(mb "$batch_kb")"
row "handout build, 1 job" "$batch1_s" "$(ms "$(awk -v s="$batch1_s" -v n="$n" 'BEGIN { print s / n }')")" "-" "$(mb "$batch1_kb")"
row "handout convert -> PDF, process per source" "$(total "$scratch/conv-pdf.times")" \
  "$(ms "$(awk -v t="$(total "$scratch/conv-pdf.times")" -v n="$n" 'BEGIN { print t / n }')")" \
  "$(ms "$(per_median "$scratch/conv-pdf.times")")" "$(mb "$(col_max "$scratch/conv-pdf.times" 2)")"
row "handout convert -> EPUB, process per source" "$(total "$scratch/conv-epub.times")" \
  "$(ms "$(awk -v t="$(total "$scratch/conv-epub.times")" -v n="$n" 'BEGIN { print t / n }')")" \
  "$(ms "$(per_median "$scratch/conv-epub.times")")" "$(mb "$(col_max "$scratch/conv-epub.times" 2)")"
row "pandoc -> EPUB only" "$pandoc_total" "$(ms "$(awk -v t="$pandoc_total" -v n="$n" 'BEGIN { print t / n }')")" \
  "$(ms "$(per_median "$scratch/pandoc-epub.times")")" "$(mb "$(col_max "$scratch/pandoc-epub.times" 2)")"
row "pandoc -> HTML + WeasyPrint -> PDF only" "$weasy_total" "$(ms "$(awk -v t="$weasy_total" -v n="$n" 'BEGIN { print t / n }')")" \
  "$(ms "$(per_median "$scratch/pandoc-weasy.times")")" "$(mb "$(col_max "$scratch/pandoc-weasy.times" 2)")"
row "  of which pandoc -> HTML" "$html_total" "$(ms "$(awk -v t="$html_total" -v n="$n" 'BEGIN { print t / n }')")" \
  "$(ms "$(per_median "$scratch/pandoc-html.times")")" "$(mb "$(col_max "$scratch/pandoc-html.times" 2)")"
row "  of which WeasyPrint" "$wp_total" "$(ms "$(awk -v t="$wp_total" -v n="$n" 'BEGIN { print t / n }')")" \
  "$(ms "$(per_median "$scratch/weasy.times")")" "$(mb "$(col_max "$scratch/weasy.times" 2)")"
echo
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
echo "ratios (peer total / handout build total, $jobs jobs; target >= 20x and >= 100x):"
echo "  pandoc EPUB only:            $(ratio "$pandoc_total" "$batch_s")x   (1 job: $(ratio "$pandoc_total" "$batch1_s")x)"
echo "  pandoc + WeasyPrint PDF only: $(ratio "$weasy_total" "$batch_s")x   (1 job: $(ratio "$weasy_total" "$batch1_s")x)"
echo "per-process medians: pandoc EPUB / handout EPUB $(ratio "$(per_median "$scratch/pandoc-epub.times")" "$(per_median "$scratch/conv-epub.times")")x," \
  "pandoc+WeasyPrint PDF / handout PDF $(ratio "$(per_median "$scratch/pandoc-weasy.times")" "$(per_median "$scratch/conv-pdf.times")")x"
echo
echo "median output sizes (KB; targets: PDF < 100, summary < 80):"
echo "  handout: PDF $(size_kb "$scratch/out" '*.pdf' ! -name '*.summary.pdf'), summary $(size_kb "$scratch/out" '*.summary.pdf')," \
  "EPUB $(size_kb "$scratch/out" '*.epub'), DocBook $(size_kb "$scratch/out" '*.xml')"
echo "  pandoc EPUB $(size_kb "$scratch/pandoc" '*.epub'); WeasyPrint PDF $(size_kb "$scratch/weasy" '*.pdf')"
echo "  handout PDF pages: median $(jq -r '.sources[].outputs.pdf.pages // empty' "$scratch/out/manifest.json" | median)," \
  "total $(jq '[.sources[].outputs.pdf.pages // 0] | add' "$scratch/out/manifest.json")"

# ---- scaling: one source at 1x, 10x, 100x -------------------------------------------------------

echo
echo "scaling: one source of each shape at 1x, 10x, 100x, handout build --jobs 1 ($formats), median of 3 runs"
printf '%-18s %6s %10s %9s %10s %9s %10s\n' "shape" "scale" "source KB" "seconds" "x 1x time" "peak MB" "PDF pages"
for shape in markdown-handout web-page-text wiki-article; do
  base=""
  for scale in 1 10 100; do
    dir=$scratch/scale-$shape-$scale
    "$make_corpus" "$dir/in" 1 --seed 5 --shapes "$shape" --scale "$scale"
    : > "$dir.times"
    for r in 1 2 3; do
      rm -rf "$dir/out"
      timed "$dir.times" "$handout" build "$dir/in" -o "$dir/out" --jobs 1
    done
    secs=$(cut -d' ' -f1 "$dir.times" | median)
    [ -n "$base" ] || base=$secs
    printf '%-18s %5dx %10.1f %9.3f %9.1fx %9s %10s\n' "$shape" "$scale" \
      "$(find "$dir/in" -type f -printf '%s\n' | awk '{ s += $1 } END { print s / 1024 }')" "$secs" "$(ratio "$secs" "$base")" \
      "$(mb "$(col_max "$dir.times" 2)")" "$(jq -r '[.sources[].outputs.pdf.pages // 0] | add' "$dir/out/manifest.json")"
  done
done
