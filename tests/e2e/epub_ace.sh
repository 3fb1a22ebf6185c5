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
  "$ace" --force --silent --outdir "$report" "$1" > "$report.log" 2>&1 || { cat "$report.log"; return 1; }
  node "$violations" "$report/report.json"
}
# Each Ace run is mostly a browser starting and waiting: two run at a time, each writing its
# output and status beside its book; the checks then read them in order.
ace_start() {  # ace_start BOOK: starts ace_clean BOOK in the background once fewer than two run
  while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n || true; done
  ( status=0; ace_clean "$1" > "$1.ace" 2>&1 || status=$?; echo "$status" > "$1.status" ) &
}
ace_result() {  # ace_result BOOK: prints what ace_clean printed, fails when it failed
  cat "$1.ace"
  [ "$(cat "$1.status")" = 0 ]
}
books=() names=()
n=0
while read -r src; do
  n=$((n + 1))
  book="$SCRATCH/$n-$(basename "${src%.*}").epub"
  if "$handout" convert "$src" -o "$book" 2> /dev/null; then
    ace_start "$book"
    books+=("$book") names+=("Ace: ${src#"$root"/}")
  else
    check "convert ${src#"$root"/}" false
  fi
done < <(samples "$root")
"$fixture" "$SCRATCH/every-construct.epub" 2> /dev/null
ace_start "$SCRATCH/every-construct.epub"
books+=("$SCRATCH/every-construct.epub") names+=("Ace: every-construct fixture")
wait
for i in "${!books[@]}"; do check "${names[i]}" ace_result "${books[i]}"; done
finish
