#!/usr/bin/env bash
# Nesting at the documented maximum (--limit depth=1000) never overflows a stack (issue 23,
# finding 12): 1,000 nested Markdown list items and quotes and MediaWiki lists and indents
# through every writer, with the main thread's stack cut to 1 MiB (ulimit -s): the work runs on
# a stack sized for the depth, not the main thread's. Each output must be whole.
# usage: deep_nesting.sh HANDOUT
. "$(dirname "$0")/../e2e/common.sh"
handout=$(realpath "$1")
cd "$SCRATCH"
awk 'BEGIN { for (i = 0; i < 1000; i++) { printf "%*s- item %d\n", 2 * i, "", i } }' > list.md
awk 'BEGIN { s = ""; for (i = 0; i < 1000; i++) s = s "> "; print s "deep" }' > quote.md
awk 'BEGIN { s = ""; t = ""; for (i = 0; i < 1000; i++) { s = s "*"; t = t ":" } print s " deep\n\n" t " x" }' > nest.wiki
for f in list.md quote.md nest.wiki; do
  for ext in xml pdf epub summary.pdf; do
    out="${f%.*}-${f##*.}.$ext"
    status=0
    ( ulimit -s 1024; exec "$handout" convert "$f" -o "$out" --limit depth=1000 ) > /dev/null 2> err.txt || status=$?
    case $ext in
      xml) ok() { xmllint --noout --huge "$out"; } ;;
      epub) ok() { unzip -tq "$out" > /dev/null; } ;;
      *) ok() { qpdf --check "$out" > /dev/null; } ;;
    esac
    check "$f -> $ext at depth 1000: exit 0 (was 139 on a small stack), whole" eval '[ "$status" -eq 0 ] && ok'
  done
done
finish
