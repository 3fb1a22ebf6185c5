#!/bin/sh
# Debian's chromium as DAISY Ace's browser (PUPPETEER_EXECUTABLE_PATH): as root it needs
# --no-sandbox, and with the network closed nothing may try to reach out (updates, sync...).
exec /usr/bin/chromium --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --disable-default-apps "$@"
