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

# One JVM for every book when the JDK can run the batch checker; else one epubcheck per book.
epubcheck_jar=/usr/share/java/epubcheck.jar
if java --list-modules 2> /dev/null | grep -q '^jdk.compiler@'; then
  check "epubcheck: ${#books[@]} books, no error or warning" \
    java -cp "$epubcheck_jar" "$(dirname "$0")/EpubcheckBatch.java" "${books[@]}"
else
  for book in "${books[@]}"; do
    check "epubcheck $(basename "$book")" java -jar "$epubcheck_jar" --failonwarnings "$book"
  done
fi
finish
