#!/usr/bin/env bash
# DAISY Ace finds no accessibility violation in the EPUB of every sample in input/ and of the
# every-construct fixture. Ace is installed into the build folder by `make test` (from
# tests/ace/package-lock.json); without it this test is skipped (exit 77).
# usage: epub_ace.sh HANDOUT ROOT WRITE_EVERY_CONSTRUCT ACE_DIR
. "$(dirname "$0")/common.sh"
handout=$1 root=$2 fixture=$3 ace_dir=$4
ace="$ace_dir/node_modules/.bin/ace-cli"
if [ ! -x "$ace" ] || { [ ! -x /usr/bin/chromium-headless-shell ] && [ ! -x /usr/bin/chromium ]; }; then
  echo "skipped: Ace ($ace) or Chromium (/usr/bin/chromium-headless-shell or /usr/bin/chromium) is missing; run 'make test' to install them"
  exit 77
fi
export PUPPETEER_EXECUTABLE_PATH="$(cd "$(dirname "$0")" && pwd)/chromium-for-ace.sh"
export PUPPETEER_SKIP_DOWNLOAD=1
here=$(cd "$(dirname "$0")" && pwd)

# ace_result BOOK: prints what Ace found in BOOK (ace_many.js wrote BOOK.ace and BOOK.status),
# fails when it found a violation or did not run.
ace_result() {
  cat "$1.ace" 2> /dev/null || echo "Ace wrote no result for $1"
  [ "$(cat "$1.status" 2> /dev/null)" = 0 ]
}
books=() names=()
n=0
while read -r src; do
  n=$((n + 1))
  book="$SCRATCH/$n-$(basename "${src%.*}").epub"
  if "$handout" convert "$src" -o "$book" 2> /dev/null; then
    books+=("$book") names+=("Ace: ${src#"$root"/}")
  else
    check "convert ${src#"$root"/}" false
  fi
done < <(samples "$root")
"$fixture" "$SCRATCH/every-construct.epub" 2> /dev/null
books+=("$SCRATCH/every-construct.epub") names+=("Ace: every-construct fixture")
# One Node process and one browser check every book (Ace alone would start both per book).
(cd "$SCRATCH" && node "$here/ace_many.js" "$ace_dir" "${books[@]}") || echo "ace_many.js failed"
for i in "${!books[@]}"; do check "${names[i]}" ace_result "${books[i]}"; done
finish
