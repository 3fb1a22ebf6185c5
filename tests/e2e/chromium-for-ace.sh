#!/bin/sh
# Debian's Chromium as DAISY Ace's browser (PUPPETEER_EXECUTABLE_PATH): as root it needs
# --no-sandbox, and with the network closed nothing may try to reach out (updates, sync...).
# The old headless shell (chromium-headless-shell, a test package) in one process when installed:
# Ace only loads pages and runs scripts in them, and the full browser took 38 s of CPU time for
# the samples' books where the shell in one process takes 22 s (same violations found).
flags="--no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
--disable-sync --no-first-run --disable-default-apps"
if [ -x /usr/bin/chromium-headless-shell ]; then
  exec /usr/bin/chromium-headless-shell $flags --single-process "$@"
fi
exec /usr/bin/chromium $flags "$@"
