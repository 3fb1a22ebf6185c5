#!/usr/bin/env bash
# epubcheck reports no error and no warning for the EPUB of every sample in input/, of every
# golden source under tests/readers/, and of the every-construct fixture.
# usage: epub_valid.sh HANDOUT ROOT WRITE_EVERY_CONSTRUCT
. "$(dirname "$0")/common.sh"
handout=$1 root=$2 fixture=$3
books=()
add_book() {  # add_book SOURCE OUT
  if "$handout" convert "$1" -o "$2" 2> "$SCRATCH/convert.err"; then
    books+=("$2")
  else
    cat "$SCRATCH/convert.err"
    return 1
  fi
}
n=0
while read -r src; do
  n=$((n + 1))
  check "convert ${src#"$root"/}" add_book "$src" "$SCRATCH/$n-$(basename "${src%.*}").epub"
done < <(samples "$root"; source_files "$root/tests/readers")
check "write the every-construct fixture" "$fixture" "$SCRATCH/every-construct.epub"
books+=("$SCRATCH/every-construct.epub")

check "epubcheck: ${#books[@]} books, no error or warning" "$(dirname "$0")/epubcheck_many.sh" "${books[@]}"
finish
