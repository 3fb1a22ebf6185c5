#!/usr/bin/env bash
# The EPUB command line: -o book.epub picks the EPUB writer, --to epub forces it, and with
# SOURCE_DATE_EPOCH set two runs give byte-identical books (the unit tests check the dates).
# usage: epub_reproducible.sh HANDOUT ROOT
. "$(dirname "$0")/common.sh"
handout=$1 root=$2
src=$(samples "$root" | head -1)

is_epub() { [ "$(head -c 58 "$1" | tail -c 28)" = "mimetypeapplication/epub+zip" ]; }
check "-o book.epub writes an EPUB" "$handout" convert "$src" -o "$SCRATCH/a.epub"
check "  ...which starts with its stored mimetype" is_epub "$SCRATCH/a.epub"
check "--to epub writes an EPUB whatever the extension" "$handout" convert "$src" --to epub -o "$SCRATCH/book.bin"
check "  ...which starts with its stored mimetype" is_epub "$SCRATCH/book.bin"

export SOURCE_DATE_EPOCH=1767225600
"$handout" convert "$src" -o "$SCRATCH/one.epub" 2> /dev/null
sleep 1
"$handout" convert "$src" -o "$SCRATCH/two.epub" 2> /dev/null
check "two runs with SOURCE_DATE_EPOCH are byte-identical" cmp "$SCRATCH/one.epub" "$SCRATCH/two.epub"
finish
