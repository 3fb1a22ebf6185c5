#!/usr/bin/env bash
# Not a ctest test: measures DAISY Ace's violations for our EPUB and for pandoc's EPUB of the same
# sources, side by side (needs `make ace` first).
# usage: tests/e2e/epub_ace_vs_pandoc.sh build/handout build/ace SOURCE.md...
. "$(dirname "$0")/common.sh"
handout=$1 ace_dir=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
export PUPPETEER_EXECUTABLE_PATH="$here/chromium-for-ace.sh"
count() {  # count BOOK: prints the number of violations Ace finds
  "$ace_dir/node_modules/.bin/ace-cli" --force --silent --outdir "$SCRATCH/report" "$1" > /dev/null 2>&1
  node "$here/ace_violations.js" "$SCRATCH/report/report.json" | tail -1 | cut -d' ' -f1
}
printf '%-40s %8s %8s\n' source handout pandoc
for src in "$@"; do
  "$handout" convert "$src" -o "$SCRATCH/ours.epub" 2> /dev/null
  pandoc "$src" -o "$SCRATCH/pandoc.epub" 2> /dev/null
  printf '%-40s %8s %8s\n' "$(basename "$src")" "$(count "$SCRATCH/ours.epub")" "$(count "$SCRATCH/pandoc.epub")"
done
