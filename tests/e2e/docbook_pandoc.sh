#!/usr/bin/env bash
# pandoc reads our DocBook of every sample without error or warning, and finds its title and text.
# usage: docbook_pandoc.sh HANDOUT ROOT
. "$(dirname "$0")/common.sh"
handout=$1 root=$2
reads_cleanly() {
  local xml=$1 title
  pandoc -f docbook -t plain -s "$xml" -o "$SCRATCH/plain.txt" 2> "$SCRATCH/pandoc.err" || return 1
  if [ -s "$SCRATCH/pandoc.err" ]; then cat "$SCRATCH/pandoc.err"; return 1; fi
  title=$(xmllint --xpath 'string(/*[local-name()="article"]/*[local-name()="info"]/*[local-name()="title"])' "$xml")
  grep -qF -- "${title:0:30}" "$SCRATCH/plain.txt" || { echo "title '$title' missing"; return 1; }
  # The last word of the body reaches pandoc's text too (nothing cut off).
  last=$(xmllint --xpath 'string((//*[local-name()="para"])[last()])' "$xml" | tr -s ' \n' '\n\n' | grep -E '^[[:alpha:]]{4,}$' | tail -1 || true)
  [ -z "$last" ] || grep -qF -- "$last" "$SCRATCH/plain.txt" || { echo "'$last' missing"; return 1; }
}
while read -r src; do
  xml="$SCRATCH/$(basename "${src%.*}").xml"
  "$handout" convert "$src" -o "$xml"
  check "pandoc reads $(basename "$src")" reads_cleanly "$xml"
done < <(samples "$root")
finish
