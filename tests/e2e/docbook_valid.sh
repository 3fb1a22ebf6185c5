#!/usr/bin/env bash
# Every sample's DocBook and every golden file validates against the DocBook 5.0 RELAX NG schema (jing).
# usage: docbook_valid.sh HANDOUT ROOT RNG
. "$(dirname "$0")/common.sh"
handout=$1 root=$2 rng=$3
files=()
while read -r src; do
  out="$SCRATCH/$(basename "${src%.*}").xml"
  check "convert $(basename "$src")" "$handout" convert "$src" -o "$out"
  files+=("$out")
done < <(samples "$root")
while read -r golden; do files+=("$golden"); done < <(find "$root/tests/readers" -name '*.xml' | sort)
echo "validating ${#files[@]} files with jing"
check "jing: all ${#files[@]} files valid DocBook 5.0" jing "$rng" "${files[@]}"
finish
