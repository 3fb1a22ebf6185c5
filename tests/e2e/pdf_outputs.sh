#!/usr/bin/env bash
# PDF handouts checked by poppler and qpdf: for every sample in every shipped style, the file
# passes `qpdf --check`, every font is embedded and subset with a ToUnicode map, pdfinfo shows
# title, author and page count, there is a bookmark per section, /Lang is set and a typical
# handout stays under 100 KB. Then: reproducible bytes, a logo and contact line from a style,
# a bad style reported with its line, and no PDF written to a terminal.
# (pdftotext word order is checked by the unit tests, tests/unit/test_pdf.cpp.)
# usage: pdf_outputs.sh HANDOUT ROOT
. "$(dirname "$0")/common.sh"
handout=$1 root=$2
export SOURCE_DATE_EPOCH=1767225600

# info_is PDF FIELD VALUE: pdfinfo's FIELD equals VALUE.
info_is() {
  local got
  got=$(pdfinfo "$1" | sed -n "s/^$2: *//p")
  [ "$got" = "$3" ] || { echo "$2: '$got', wanted '$3'"; return 1; }
}
# info_starts PDF FIELD VALUE: pdfinfo's FIELD starts with VALUE (an author, then affiliation).
info_starts() {
  local got
  got=$(pdfinfo "$1" | sed -n "s/^$2: *//p")
  [ "${got#"$3"}" != "$got" ] || { echo "$2: '$got', wanted '$3...'"; return 1; }
}
# outlines_cover PDF N: the PDF has at least N bookmarks (one per section), counted over the tree.
outlines_cover() {
  local got
  got=$(qpdf --json --json-key=outlines "$1" | jq '[.outlines | .. | objects | select(has("title"))] | length')
  [ "$got" -ge "$2" ] || { echo "$got bookmarks, wanted at least $2"; return 1; }
}
# has_lang PDF LANG: the catalog carries /Lang (LANG).
has_lang() { qpdf --qdf --object-streams=disable "$1" "$1.qdf" && grep -aq "/Lang ($2)" "$1.qdf"; }

# sample_checks SOURCE: every check of one sample, its counts left in SCRATCH/NAME.counts.
# Samples are checked two at a time, each one's report printed in order.
sample_checks() {
  local src=$1 name title author lang sections style pdf
  CHECKS=0 FAILURES=0
  name=$(basename "$src")
  "$handout" convert "$src" --to docbook -o "$SCRATCH/$name.tree.xml" 2> /dev/null
  title=$(xmllint --xpath 'normalize-space(//*[local-name()="info"][1]/*[local-name()="title"])' "$SCRATCH/$name.tree.xml")
  author=$(xmllint --xpath 'normalize-space((//*[local-name()="info"][1]//*[local-name()="personname" or local-name()="orgname"])[1])' "$SCRATCH/$name.tree.xml" 2> /dev/null || true)
  lang=$(xmllint --xpath 'string(/*/@*[local-name()="lang"])' "$SCRATCH/$name.tree.xml")
  sections=$(xmllint --xpath 'count(//*[local-name()="section"])' "$SCRATCH/$name.tree.xml")
  for style in default large-print a4; do
    pdf="$SCRATCH/$name.$style.pdf"
    check "$name ($style): converts" "$handout" convert "$src" --style "$style" -o "$pdf"
    check "$name ($style): qpdf --check" quiet qpdf --check "$pdf"
    check "$name ($style): fonts embedded, subset, with ToUnicode" fonts_ok "$pdf"
    check "$name ($style): title in the document info" info_is "$pdf" Title "$title"
    if [ -n "$author" ]; then
      check "$name ($style): author in the document info" info_starts "$pdf" Author "$author"
    fi
    check "$name ($style): page count in pdfinfo" test "$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')" -ge 1
    check "$name ($style): a bookmark per section ($sections)" outlines_cover "$pdf" "$sections"
    check "$name ($style): /Lang ($lang)" has_lang "$pdf" "$lang"
  done
  check "$name: a typical handout is under 100 KB" smaller_than "$SCRATCH/$name.default.pdf" 100000
  echo "$CHECKS $FAILURES" > "$SCRATCH/$name.counts"
}
mapfile -t sample_list < <(samples "$root")
for src in "${sample_list[@]}"; do
  sample_checks "$src" > "$SCRATCH/$(basename "$src").log" 2>&1 &
  [ "$(jobs -rp | wc -l)" -lt 2 ] || wait -n || true
done
wait || true
for src in "${sample_list[@]}"; do
  name=$(basename "$src")
  cat "$SCRATCH/$name.log"
  if [ -s "$SCRATCH/$name.counts" ]; then
    read -r c f < "$SCRATCH/$name.counts"
    CHECKS=$((CHECKS + c)) FAILURES=$((FAILURES + f))
  else
    echo "FAILED: $name: its checks did not finish"
    CHECKS=$((CHECKS + 1)) FAILURES=$((FAILURES + 1))
  fi
done

src=$root/input/wiki/asthma-inhalers.wiki
"$handout" convert "$src" -o "$SCRATCH/one.pdf" 2> /dev/null
sleep 1
"$handout" convert "$src" -o "$SCRATCH/two.pdf" 2> /dev/null
check "two runs with SOURCE_DATE_EPOCH are byte-identical" cmp "$SCRATCH/one.pdf" "$SCRATCH/two.pdf"

# A clinic's style: extends the default, adds a logo and a contact line to the footer.
mkdir -p "$SCRATCH/clinic"
cp "$root/input/wiki/inhaler-spacer.png" "$SCRATCH/clinic/logo.png"
printf 'extends: default\nlogo: logo.png\ncontact: "Sample Clinic, phone 555-0100"\n' > "$SCRATCH/clinic/clinic.yaml"
check "a style file with a logo and a contact line" "$handout" convert "$src" --style "$SCRATCH/clinic/clinic.yaml" -o "$SCRATCH/clinic.pdf"
check "  ...prints the contact line on every page" \
  test "$(pdftotext "$SCRATCH/clinic.pdf" - | grep -c 'Sample Clinic, phone 555-0100')" = "$(pdfinfo "$SCRATCH/clinic.pdf" | sed -n 's/^Pages: *//p')"
images() { pdfimages -list "$1" | tail -n +3 | wc -l; }
pages=$(pdfinfo "$SCRATCH/clinic.pdf" | sed -n 's/^Pages: *//p')
check "  ...draws the logo once on every page" test "$(images "$SCRATCH/clinic.pdf")" = "$(($(images "$SCRATCH/one.pdf") + pages))"

# A bad style: the error names the file and the line.
printf 'page:\n  size: letter\nsizes:\n  body: twelve\n' > "$SCRATCH/bad.yaml"
status=0
"$handout" convert "$src" --style "$SCRATCH/bad.yaml" -o "$SCRATCH/bad.pdf" 2> "$SCRATCH/bad.err" || status=$?
check "a bad style fails with exit 1" test "$status" = 1
check "  ...with path:line:col: error: on the first line" grep -qE "^$SCRATCH/bad.yaml:4:[0-9]+: error: " <(head -1 "$SCRATCH/bad.err")
check "  ...and writes no PDF" test ! -e "$SCRATCH/bad.pdf"
status=0
"$handout" convert "$src" --style no-such-style -o "$SCRATCH/none.pdf" 2> "$SCRATCH/none.err" || status=$?
check "an unknown style name fails with exit 1 and says so" \
  bash -c "[ $status = 1 ] && grep -q 'no-such-style' '$SCRATCH/none.err'"

# Standard output: a PDF is refused on a terminal, written through a pipe.
script -qec "'$handout' convert '$src' --to pdf" /dev/null > "$SCRATCH/tty.out" 2>&1 && status=0 || status=$?
check "a PDF is not written to a terminal (exit 2)" test "$status" = 2
check "  ...and the message says why" grep -q "will not write pdf to a terminal" "$SCRATCH/tty.out"
"$handout" convert "$src" --to pdf -o - 2> /dev/null | cat > "$SCRATCH/piped.pdf"
check "a PDF piped from standard output is whole" quiet qpdf --check "$SCRATCH/piped.pdf"
finish
