#!/bin/sh
# Runs one fuzz target over its seeds and then RUNS generated inputs (ctest -L fuzz).
# Usage: smoke.sh TARGET WORK_CORPUS RUNS SEED_DIR...
# New inputs go to WORK_CORPUS (in the build tree), never into the seed folders.
set -eu
target=$1 corpus=$2 runs=$3
shift 3
rm -rf "$corpus" && mkdir -p "$corpus"
cd "$(dirname "$corpus")"
exec "$target" -runs="$runs" -seed=1 -timeout=20 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix="$corpus-" "$corpus" "$@"
