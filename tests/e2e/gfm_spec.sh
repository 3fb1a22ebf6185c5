#!/usr/bin/env bash
# The GFM spec and its extensions: every example keeps every word (gfm_spec_check) and its DocBook
# validates against DocBook 5.0 (jing). Skips (77) when ../shared/peers is not there.
# usage: gfm_spec.sh GFM_SPEC_CHECK PEERS_DIR RNG
. "$(dirname "$0")/common.sh"
checker=$1 peers=$2 rng=$3
if [ ! -f "$peers/gfm-spec.txt" ]; then
  echo "SKIPPED: $peers/gfm-spec.txt is not there (the GFM spec lives outside the repository)"
  exit 77
fi
check "every spec example keeps its words" "$checker" "$SCRATCH/xml" "$peers/gfm-spec.txt" "$peers/gfm-extensions.txt"
count=$(find "$SCRATCH/xml" -name '*.xml' | wc -l)
check "jing: all $count example trees valid DocBook 5.0" jing "$rng" "$SCRATCH"/xml/*.xml
finish
