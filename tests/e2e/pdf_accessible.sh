#!/bin/bash
# Every handout and summary sheet of the samples and the test corpora passes the machine checks
# of PDF/UA-1 (../shared/tools/pdfua_check.py; skips with 77 when ../shared is absent).
# Usage: pdf_accessible.sh HANDOUT PROJECT_DIR WRITE_EVERY_CONSTRUCT [SOURCE_DIR...]
# Without SOURCE_DIRs: input/, tests/quality, tests/i18n/corpus and tests/readers/* (the fuzz
# convert target's seeds), plus the every-construct fixture's handout and summary sheet.
# Prints one line per failing PDF, then a summary.
. "$(dirname "$0")/common.sh"
set +e +o pipefail  # each outcome is counted below
handout=$1 root=$2 every=$3
shift 3
checker=$root/../shared/tools/pdfua_check.py
if [ ! -f "$checker" ]; then
  echo "SKIP: $checker not found (../shared is absent)"
  exit 77
fi
command -v qpdf >/dev/null || { echo "SKIP: qpdf not installed"; exit 77; }
dirs=("$@")
[ ${#dirs[@]} -eq 0 ] && dirs=("$root/input" "$root/tests/quality" "$root/tests/i18n/corpus" "$root/tests/readers/markdown"
                                 "$root/tests/readers/text" "$root/tests/readers/wiki")
work=$SCRATCH
export SOURCE_DATE_EPOCH=1700000000
n=0
while IFS= read -r -d '' src; do
  n=$((n + 1))
  for to in pdf summary; do
    out=$work/$n.$to.pdf
    "$handout" convert "$src" --to "$to" -o "$out" 2>/dev/null || { echo "FAIL convert $to: $src"; continue; }
    echo "$out $src"
  done
done < <(find "${dirs[@]}" -maxdepth 2 -type f \( -name '*.md' -o -name '*.txt' -o -name '*.wiki' \) ! -name 'README.md' -print0 | sort -z) > "$work/list"
for out in "$work/every-construct.pdf" "$work/every-construct.summary.pdf"; do
  if "$every" "$out" 2>/dev/null; then echo "$out every-construct"; else echo "FAIL write: $out"; fi
done >> "$work/list"
grep '^FAIL' "$work/list"
# One Python (common.sh's) for every file, two checks at a time.
grep -v '^FAIL' "$work/list" | python3 "$(dirname "$0")/pdfua_many.py" "$checker" > "$work/results"
grep -v '^ok$' "$work/results"
pdfs=$(grep -vc '^FAIL' "$work/list")
passed=$(grep -c '^ok$' "$work/results")
failed_convert=$(grep -c '^FAIL' "$work/list")
echo "pdf_accessible: $passed of $pdfs PDFs pass every PDF/UA check ($n sources and every-construct, $failed_convert conversions failed)"
[ "$passed" -eq "$pdfs" ] && [ "$failed_convert" -eq 0 ]
