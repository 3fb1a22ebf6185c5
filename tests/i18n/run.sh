#!/usr/bin/env bash
# The i18n corpus checks (tests/i18n/README.md). One step per ctest entry:
#
#   run.sh convert HANDOUT CORPUS WORK PAGES
#       converts every source once to DocBook, PDF, summary sheet and EPUB in WORK (stderr and
#       exit status beside each output), extracts each PDF's text (pdftotext -enc UTF-8; for
#       right-to-left sources also -bbox-layout), catalog (qpdf --json) and fonts (pdffonts),
#       and renders page 1 of each PDF to PAGES.
#   run.sh docbook CHECKER CORPUS WORK RNG [--enforce]     jing once over every DocBook file, then the checks
#   run.sh epub CHECKER CORPUS WORK EPUBCHECK_MANY [--enforce] epubcheck once (one JVM), then the checks
#   run.sh pdf|summary CHECKER CORPUS WORK [--enforce]     the checks
set -uo pipefail
step=${1:?usage: run.sh convert|docbook|epub|pdf|summary ...}
shift

sources() { find "$1" -maxdepth 1 -type f \( -name '*.md' -o -name '*.txt' -o -name '*.wiki' \) | sort; }

case $step in
convert)
  handout=$1 corpus=$2 work=$3 pages=$4
  for tool in pdftotext pdffonts pdftoppm qpdf; do
    command -v "$tool" > /dev/null || { echo "run.sh: $tool is not installed (make test-deps)"; exit 1; }
  done
  rm -rf "$work"
  mkdir -p "$work" "$pages"
  # One source: its four conversions, then its PDFs' text, catalog, fonts and page 1. Sources run
  # two at a time (a source's steps are sequential processes; the machine has cores to spare).
  convert_one() {
    local src=$1 name out rc rtl pdf page failed=0
    name=$(basename "${src%.*}")
    rm -f "$pages/$name".*png
    for out in "$name.xml" "$name.pdf" "$name.summary.pdf" "$name.epub"; do
      "$handout" convert "$src" -o "$work/$out" 2> "$work/$out.err"
      rc=$?
      echo "$rc" > "$work/$out.rc"
      [ "$rc" -eq 0 ] || { failed=$((failed + 1)); echo "handout convert ${src##*/} -o $out: exit $rc"; head -3 "$work/$out.err"; }
    done
    rtl=no
    grep -q '^direction: *rtl' "$corpus/$name.gold.yaml" 2> /dev/null && rtl=yes
    for pdf in "$work/$name.pdf" "$work/$name.summary.pdf"; do
      [ -s "$pdf" ] || continue
      pdftotext -enc UTF-8 "$pdf" "$pdf.txt" 2> /dev/null
      # Right-to-left sources: every word with its position, for the visual-order check.
      [ "$rtl" = no ] || pdftotext -bbox-layout "$pdf" "$pdf.bbox.html" 2> /dev/null
      qpdf --json=2 --json-key=qpdf "$pdf" > "$pdf.json" 2> /dev/null
      pdffonts "$pdf" > "$pdf.fonts" 2> /dev/null
      page=$(basename "${pdf%.pdf}")
      pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$pdf" "$pages/$page" 2> /dev/null
    done
    echo "$failed" > "$work/$name.failed"
  }
  n=0
  while read -r src; do
    convert_one "$src" &
    n=$((n + 1))
    [ "$(jobs -rp | wc -l)" -lt 2 ] || wait -n
  done < <(sources "$corpus")
  wait
  failed=$(cat "$work"/*.failed 2> /dev/null | awk '{ s += $1 } END { print s + 0 }')
  echo "converted $n sources to 4 formats each into $work ($failed conversions failed)"
  echo "page 1 of every PDF handout and summary sheet, at 60 dpi: $pages/"
  [ "$n" -gt 0 ]
  ;;
docbook)
  checker=$1 corpus=$2 work=$3 rng=$4
  shift 4
  files=("$work"/*.xml)
  if [ -e "${files[0]}" ] && command -v jing > /dev/null; then
    jing "$rng" "${files[@]}" > "$work/jing.out" 2>&1
    echo $? > "$work/jing.rc"
  else
    rm -f "$work/jing.rc"
  fi
  exec "$checker" docbook "$corpus" "$work" "$@"
  ;;
epub)
  checker=$1 corpus=$2 work=$3 batch=$4
  shift 4
  books=("$work"/*.epub)
  jar=/usr/share/java/epubcheck.jar
  rm -f "$work/epubcheck.rc" "$work/epubcheck.out"
  if [ -e "${books[0]}" ] && [ -f "$jar" ]; then
    # One verdict line per book (tests/e2e/epubcheck_many.sh), read by the checker.
    "$batch" "${books[@]}" > "$work/epubcheck.out" 2>&1
    echo $? > "$work/epubcheck.rc"
  fi
  exec "$checker" epub "$corpus" "$work" "$@"
  ;;
pdf | summary)
  checker=$1 corpus=$2 work=$3
  shift 3
  exec "$checker" "$step" "$corpus" "$work" "$@"
  ;;
*)
  echo "run.sh: unknown step $step" >&2
  exit 2
  ;;
esac
