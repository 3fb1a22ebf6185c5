#!/usr/bin/env bash
# The catalog of a 150-source build (three topic folders of generated sources and the
# languages of the i18n corpus) checked in headless Chromium (tests/browser/catalog.mjs).
# usage: catalog.sh HANDOUT MAKE_CORPUS ROOT NODE_MODULES_DIR ARTIFACT_DIR
# Exits 77 (skipped) without node, Chromium or the installed puppeteer-core.
set -euo pipefail
handout=$1 make_corpus=$2 root=$3 modules=$4 artifacts=$5
chromium=$(command -v chromium-headless-shell || command -v chromium || true)
if ! command -v node > /dev/null || [ -z "$chromium" ] || [ ! -d "$modules/node_modules/puppeteer-core" ]; then
  echo "SKIPPED: needs node, Chromium (chromium-headless-shell or chromium) and puppeteer-core in $modules (make test installs them)"
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/handout-catalog.XXXXXX")
trap 'rm -rf "$work"' EXIT
seed=1
for topic in asthma diabetes heart; do
  "$make_corpus" "$work/in/$topic" 45 --seed "$seed" > /dev/null
  seed=$((seed + 1))
done
mkdir -p "$work/in/languages"
cp "$root"/tests/i18n/corpus/*.md "$root"/tests/i18n/corpus/*.txt "$root"/tests/i18n/corpus/*.wiki "$work/in/languages/"
"$handout" build "$work/in" -o "$work/out" -q || true   # a failed source is shown in the catalog
cd "$modules"
cp "$root/tests/browser/catalog.mjs" "$modules/catalog.mjs"
node "$modules/catalog.mjs" "$chromium" "$work/out" "$artifacts"
