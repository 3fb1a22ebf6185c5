#!/usr/bin/env bash
# An Arabic and a Chinese handout side by side with pandoc + WeasyPrint (issue 18): the same
# DocBook (handout's, of the corpus source) goes through pandoc to HTML (lang and dir from the
# gold), then WeasyPrint to PDF, and also Chromium (headless print) when it is installed;
# handout writes its own PDF. Every PDF's words are compared with the DocBook body's
# (i18n_check compare): as pdftotext prints them, and in the visual order of their glyph
# positions (pdftotext -bbox-layout), on which the verdict is. Page 1 of each PDF is rendered to
# PNG, joined into one picture when ImageMagick is installed.
# Skips (exit 77) without pandoc or WeasyPrint.
# usage: side_by_side.sh HANDOUT CHECKER CORPUS OUT [--enforce|--report-only]
set -uo pipefail
handout=$1 checker=$2 corpus=$3 out=$4 mode=${5:---report-only}
for tool in pandoc weasyprint; do
  if ! command -v "$tool" > /dev/null; then
    echo "SKIP: $tool is not installed (make test-deps installs pandoc and WeasyPrint)"
    exit 77
  fi
done
rm -rf "$out"
mkdir -p "$out"
# gold KEY NAME: a scalar of the gold file.
gold() { sed -n "s/^$1: *\"\{0,1\}\([^\"#]*\)\"\{0,1\} *\(#.*\)\{0,1\}$/\1/p" "$corpus/$2.gold.yaml" | sed 's/ *$//'; }
imagemagick=no
if convert -version 2> /dev/null | grep -q '^Version: ImageMagick'; then imagemagick=yes; fi
chromium=$(command -v chromium-headless-shell || command -v chromium || command -v chromium-browser || true)
# side_one NAME: one source through handout and its peers, then the comparison; prints its
# report and returns non-zero when a check fails. The two sources run at the same time, their
# reports printed in order.
side_one() {
  local name=$1 src lang dir pdf who status=0
  local -a pdfs peers rtl pngs
  src=$(find "$corpus" -maxdepth 1 -name "$name.*" ! -name '*.gold.yaml' | head -1)
  lang=$(gold language "$name") dir=$(gold direction "$name")
  echo "$name ($lang, $dir)"
  if ! "$handout" convert "$src" -o "$out/$name.xml" 2> "$out/$name.xml.err" ||
     ! "$handout" convert "$src" -o "$out/$name.handout.pdf" 2> "$out/$name.handout.pdf.err"; then
    echo "  FAIL handout did not convert $src"
    return 1
  fi
  pdfs=("$out/$name.handout.pdf")
  if pandoc -f docbook -t html5 -s -M lang="$lang" -M dir="$dir" "$out/$name.xml" -o "$out/$name.html" 2> "$out/$name.html.err" &&
     weasyprint "$out/$name.html" "$out/$name.weasyprint.pdf" 2> "$out/$name.weasyprint.err"; then
    pdfs+=("$out/$name.weasyprint.pdf")
  else
    echo "  FAIL pandoc + WeasyPrint did not convert: $(cat "$out/$name.html.err" "$out/$name.weasyprint.err" 2> /dev/null | head -2)"
    return 1
  fi
  if [ -n "$chromium" ] &&
     timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
       --print-to-pdf="$out/$name.chromium.pdf" "file://$(realpath "$out/$name.html")" > "$out/$name.chromium.err" 2>&1 &&
     [ -s "$out/$name.chromium.pdf" ]; then
    pdfs+=("$out/$name.chromium.pdf")
  fi
  peers=()
  for pdf in "${pdfs[@]}"; do
    pdftotext -enc UTF-8 "$pdf" "$pdf.txt" 2> /dev/null
    pdftotext -bbox-layout "$pdf" "$pdf.bbox.html" 2> /dev/null
    pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$pdf" "${pdf%.pdf}"
    who=${pdf%.pdf}
    who=${who##*.}
    [ "$who" = handout ] || peers+=("$who=$pdf.txt")
  done
  rtl=()
  [ "$dir" = rtl ] && rtl=(--rtl)
  "$checker" compare "$out/$name.xml" "$out/$name.handout.pdf.txt" "${peers[@]}" "${rtl[@]}" "$mode" || status=1
  pngs=("${pdfs[@]/%.pdf/.png}")
  if [ "$imagemagick" = yes ]; then
    convert "${pngs[@]}" +append "$out/$name.side-by-side.png"
    echo "  page 1, left to right handout, WeasyPrint${chromium:+, Chromium}: $out/$name.side-by-side.png"
  else
    echo "  page 1 (no ImageMagick to join them): ${pngs[*]}"
  fi
  return $status
}
side_one ar-fever > "$out/ar-fever.log" 2>&1 &
ar=$!
side_one zh-hans-blood-pressure > "$out/zh-hans-blood-pressure.log" 2>&1 &
zh=$!
status=0
wait $ar || status=1
wait $zh || status=1
cat "$out/ar-fever.log" "$out/zh-hans-blood-pressure.log"
exit $status

