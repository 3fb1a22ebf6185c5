#!/usr/bin/env bash
# The page of `handout serve` in headless Chromium (tests/browser/serve.mjs): paste a copied web
# page, convert, see the warnings, follow the download link; no horizontal scroll at 390 and 1280 px;
# axe-core finds no violation on the page and on the catalog of a served folder (/catalog/).
# usage: serve.sh HANDOUT ROOT NODE_MODULES_DIR ARTIFACT_DIR
# Exits 77 (skipped) without node, Chromium or the installed puppeteer-core.
set -euo pipefail
handout=$1 root=$2 modules=$3 artifacts=$4
chromium=$(command -v chromium-headless-shell || command -v chromium || true)
if ! command -v node > /dev/null || [ -z "$chromium" ] || [ ! -d "$modules/node_modules/puppeteer-core" ] ||
   [ ! -f "$modules/node_modules/axe-core/axe.min.js" ]; then
  echo "SKIPPED: needs node, Chromium (chromium-headless-shell or chromium), puppeteer-core and axe-core in $modules (make test installs them)"
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/handout-serve.XXXXXX")
mkdir -p "$work/sources/care"
printf '# Looking after your inhaler\n\nUse your inhaler every morning, even when you feel well.\n\n- Shake it before each puff.\n- Rinse your mouth afterwards.\n' > "$work/sources/inhaler.md"
printf -- '---\nlang: es\n---\n# Cuidar un tobillo torcido\n\nDescanse el tobillo durante dos días y manténgalo en alto sobre una almohada.\n' > "$work/sources/care/tobillo.md"
"$handout" serve --port 0 "$work/sources" > "$work/out" 2> "$work/err" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q '^Open ' "$work/out" && break; sleep 0.1; done
url=$(sed -n 's/^Open //p' "$work/out")
cp "$root/tests/browser/serve.mjs" "$modules/serve.mjs"
cd "$modules"
node "$modules/serve.mjs" "$chromium" "$url" "$artifacts"
