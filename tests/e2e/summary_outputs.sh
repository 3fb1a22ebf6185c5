#!/usr/bin/env bash
# One-page summary sheets checked by poppler, qpdf and zbar: for every sample and every golden
# source, exactly one page (pdfinfo), a valid file (qpdf --check), fonts embedded and subset,
# every word box inside the page margins (pdftotext -bbox), the key points and safety items the
# tree chose on the page unless --verbose says they were left out, the QR code decoding to the source URL
# (zbarimg), under 80 KB. Then a document of over 50 handout pages and a bare document.
# usage: summary_outputs.sh HANDOUT ROOT
. "$(dirname "$0")/common.sh"
handout=$1 root=$2
export SOURCE_DATE_EPOCH=1767225600
command -v zbarimg > /dev/null || { echo "summary_outputs.sh: needs zbarimg (Debian package zbar-tools)"; exit 1; }

# The default style's text block on US Letter, in points (styles/default.yaml).
LEFT=64.8 RIGHT=547.2 TOP=57.6 BOTTOM=727.2

# words: one lower-case word per line from standard input (letters and digits, any script).
words() { perl -CSD -ne 'print lc($_), "\n" for /\w+/g'; }
pages_of() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
# inside_margins PDF: every word's box lies inside the text block (half a point of slack).
inside_margins() {
  pdftotext -bbox "$1" - | perl -ne '
    next unless /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/;
    if ($1 < '"$LEFT"' - 0.5 || $3 > '"$RIGHT"' + 0.5 || $2 < '"$TOP"' - 0.5 || $4 > '"$BOTTOM"' + 0.5) {
      print "outside the margins: $5 ($1 $2 $3 $4)\n"; $bad = 1 }
    END { exit $bad }'
}
# all_words_in TEXT_FILE PDF: every word of the text file is among the PDF's words.
all_words_in() {
  local missing
  missing=$(comm -23 <(words < "$1" | sort -u) <(pdftotext "$2" - | words | sort -u))
  [ -z "$missing" ] || { echo "missing: $missing"; return 1; }
}
ENTITIES='s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/\x27/g; s/&amp;/&/g;'
# recorded TREE ROLE: the selection recorded in info/abstract[@role=ROLE], one para per line.
recorded() {
  xmllint --xpath '//*[local-name()="abstract" and @role="'"$2"'"]/*[local-name()="para"]' "$1" 2> /dev/null |
    perl -0 -pe 's/<\/para>/\n/g; s/<[^>]+>//g; s/[ \t\r]*\n[ \t\r]*(?=\S)/ /g; '"$ENTITIES" | grep -v '^\s*$' || true
}
# qr_is PDF URL: the rendered page holds one QR code, and it decodes to URL.
qr_is() {
  pdftoppm -r 150 -png "$1" "$1.page"
  local got
  got=$(zbarimg --raw -q "$1.page-1.png" 2> /dev/null || true)
  [ "$got" = "$2" ] || { echo "QR decodes to '$got', wanted '$2'"; return 1; }
}

sources() { samples "$root"; source_files "$root/tests/readers"; }
while read -r src; do
  name=${src#"$root/"}
  pdf="$SCRATCH/sheet.pdf"
  rm -f "$pdf"*
  check "$name: converts" bash -c "'$handout' convert '$src' --to summary -o '$pdf' -v 2> '$SCRATCH/notes'"
  [ -f "$pdf" ] || continue
  check "$name: exactly one page" test "$(pages_of "$pdf")" = 1
  check "$name: qpdf --check" quiet qpdf --check "$pdf"
  check "$name: fonts embedded, subset, with ToUnicode" fonts_ok "$pdf"
  check "$name: every word inside the margins" inside_margins "$pdf"
  check "$name: under 80 KB" smaller_than "$pdf" 80000
  "$handout" convert "$src" --to docbook -o "$SCRATCH/tree.xml" 2> /dev/null
  i=0
  while IFS= read -r point; do
    i=$((i + 1))
    grep -q "left out key point $i:" "$SCRATCH/notes" && continue
    # A key point cut to its first sentence keeps its first words.
    if grep -q "left out key point $i after" "$SCRATCH/notes"; then point=$(cut -d' ' -f1-5 <<< "$point"); fi
    printf '%s\n' "$point" > "$SCRATCH/point"
    check "$name: key point $i on the sheet" all_words_in "$SCRATCH/point" "$pdf"
  done < <(recorded "$SCRATCH/tree.xml" key-points | head -7)
  # The safety block: every danger sign the tree chose is on the sheet unless it was left out.
  i=0
  while IFS= read -r item; do
    i=$((i + 1))
    grep -q "left out safety item" "$SCRATCH/notes" && break
    printf '%s\n' "$item" > "$SCRATCH/item"
    check "$name: safety item $i on the sheet" all_words_in "$SCRATCH/item" "$pdf"
  done < <(recorded "$SCRATCH/tree.xml" safety)
  if [ -n "$(recorded "$SCRATCH/tree.xml" safety)" ]; then
    check "$name: the safety block has its heading" bash -c "pdftotext '$pdf' - | grep -q 'When to get help'"
  fi
  url=$(xmllint --xpath 'normalize-space((//*[local-name()="info"]/*[local-name()="bibliosource"])[1])' "$SCRATCH/tree.xml" 2> /dev/null || true)
  if [ -n "$url" ]; then
    check "$name: the QR code decodes to the source URL" qr_is "$pdf" "$url"
  else
    check "$name: no QR code without a source URL" bash -c "pdftoppm -r 150 -png '$pdf' '$pdf.page' && ! zbarimg -q '$pdf.page-1.png' > /dev/null 2>&1"
  fi
done < <(sources)

# A document of over 50 handout pages: still one page, the type at or above 11 pt, and
# --verbose says what was left out.
{
  printf -- '---\ntitle: A long sample document\nsource: https://example.org/sample/long-document\nkey-points:\n'
  for i in 1 2 3 4 5 6 7; do
    printf '  - Key point %s is a sample sentence. It goes on%s.\n' "$i" "$(printf ' and on, saying more%.0s' $(seq 20))"
  done
  printf -- '---\n\nSample material written to test the handout program.\n\n'
  for s in $(seq 60); do
    printf '## Part %s\n\n' "$s"
    for p in 1 2 3 4 5 6 7; do
      printf 'A **word%sx%s** is a made-up term for this sample. %s\n\n' "$s" "$p" "$(printf 'Ordinary sample words fill the page here. %.0s' $(seq 15))"
    done
  done
} > "$SCRATCH/long.md"
"$handout" convert "$SCRATCH/long.md" -o "$SCRATCH/long.pdf" 2> /dev/null
check "the long document is over 50 pages as a handout" test "$(pages_of "$SCRATCH/long.pdf")" -gt 50
check "  ...and its summary sheet converts" bash -c "'$handout' convert '$SCRATCH/long.md' --to summary -o '$SCRATCH/long.sheet.pdf' -v 2> '$SCRATCH/long.notes'"
check "  ...to exactly one page" test "$(pages_of "$SCRATCH/long.sheet.pdf")" = 1
check "  ...inside the margins" inside_margins "$SCRATCH/long.sheet.pdf"
size=$(sed -n 's/.*summary sheet: type set at \([0-9.]*\) pt.*/\1/p' "$SCRATCH/long.notes")
check "  ...with the type reduced, not below 11 pt ($size pt)" perl -e "exit !('$size' ne '' && '$size' >= 11)"
check "  ...and --verbose lists what was left out" grep -q 'summary sheet: left out ' "$SCRATCH/long.notes"
check "  ...without --verbose it is quiet" bash -c "'$handout' convert '$SCRATCH/long.md' --to summary -o '$SCRATCH/quiet.pdf' 2>&1 | { ! grep -q 'left out'; }"
check "  ...the QR code still decodes" qr_is "$SCRATCH/long.sheet.pdf" "https://example.org/sample/long-document"

# No summary, no list, no heading: title, the first sentences, the source.
printf -- '---\ntitle: Just two paragraphs\nsource: https://example.org/sample/bare\n---\n\nThis sample note has nothing but prose. It says very little.\n\nA second paragraph follows.\n' > "$SCRATCH/bare.md"
"$handout" convert "$SCRATCH/bare.md" -o "$SCRATCH/bare.summary.pdf" 2> /dev/null
pdftotext "$SCRATCH/bare.summary.pdf" "$SCRATCH/bare.txt"
check "a bare document's sheet has its title" grep -q "Just two paragraphs" "$SCRATCH/bare.txt"
check "  ...its first sentences as the main message" grep -q "This sample note has nothing but prose" "$SCRATCH/bare.txt"
check "  ...and its source" grep -q "https://example.org/sample/bare" "$SCRATCH/bare.txt"
check "  ...and is one page" test "$(pages_of "$SCRATCH/bare.summary.pdf")" = 1
finish
