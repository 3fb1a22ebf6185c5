#!/usr/bin/env bash
# DAISY Ace finds no accessibility violation in the EPUB of every sample in input/ and of the
# every-construct fixture. Ace is installed into the build folder by `make test` (from
# tests/ace/package-lock.json); without it this test is skipped (exit 77).
# usage: epub_ace.sh HANDOUT ROOT WRITE_EVERY_CONSTRUCT ACE_DIR
. "$(dirname "$0")/common.sh"
handout=$1 root=$2 fixture=$3 ace_dir=$4
ace="$ace_dir/node_modules/.bin/ace-cli"
if [ ! -x "$ace" ] || [ ! -x /usr/bin/chromium ]; then
  echo "skipped: Ace ($ace) or /usr/bin/chromium is missing; run 'make test' to install them"
  exit 77
fi
export PUPPETEER_EXECUTABLE_PATH="$(cd "$(dirname "$0")" && pwd)/chromium-for-ace.sh"
export PUPPETEER_SKIP_DOWNLOAD=1
violations=$(cd "$(dirname "$0")" && pwd)/ace_violations.js

ace_clean() {  # ace_clean BOOK: runs Ace, prints its violations, fails when there is any
  local report="$SCRATCH/report-$(basename "$1" .epub)"
  "$ace" --force --silent --outdir "$report" "$1" > "$SCRATCH/ace.log" 2>&1 || { cat "$SCRATCH/ace.log"; return 1; }
  node "$violations" "$report/report.json"
}
n=0
while read -r src; do
  n=$((n + 1))
  book="$SCRATCH/$n-$(basename "${src%.*}").epub"
  if "$handout" convert "$src" -o "$book" 2> /dev/null; then
    check "Ace: ${src#"$root"/}" ace_clean "$book"
  else
    check "convert ${src#"$root"/}" false
  fi
done < <(samples "$root")
"$fixture" "$SCRATCH/every-construct.epub" 2> /dev/null
check "Ace: every-construct fixture" ace_clean "$SCRATCH/every-construct.epub"
finish
