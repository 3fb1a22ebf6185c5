#!/usr/bin/env bash
# Hostile input: every file of the generated corpus (make_hostile) through the real executable,
# each run under a time limit and a memory limit set here. For each case: the exit status, the
# first diagnostic line, and that no output is damaged (a failed run leaves the previous output
# byte for byte and no temporary file; a good run leaves a whole, valid file).
# usage: run.sh HANDOUT MAKE_HOSTILE [ROOT]
#   HOSTILE_TIME_S   seconds per run (default 30)
#   HOSTILE_MEM_MB   peak resident memory per run, in MiB (default 768)
#   HANDOUT_SANITIZED=1 when handout is built with ASan: the memory bound is then ASan's
#                    hard_rss_limit_mb plus the measured peak, since ulimit -v cannot hold ASan's shadow.
. "$(dirname "$0")/../e2e/common.sh"
set +e +o pipefail  # every outcome is checked explicitly below
export LSAN_OPTIONS="${LSAN_OPTIONS:-}:print_suppressions=0"
handout=$(realpath "$1") gen=$(realpath "$2")
TIME_S=${HOSTILE_TIME_S:-30}
MEM_MB=${HOSTILE_MEM_MB:-768}
SANITIZED=${HANDOUT_SANITIZED:-0}
chmod 755 "$SCRATCH"
cd "$SCRATCH"
mkdir corpus out
"$gen" corpus/src
SRC=$SCRATCH/corpus/src
PEAK_KB=0

# run ARGS...: runs handout under the time and memory limits; sets STATUS, FIRST (first stderr
# line) and RSS_KB; stderr is kept in err.txt.
run() {
  local limits="ulimit -v $((MEM_MB * 1024 * 4))"  # address space: generous, RSS is checked below
  if [ "$SANITIZED" = 1 ]; then limits=":"; fi
  STATUS=0
  ( eval "$limits"; export ASAN_OPTIONS="${ASAN_OPTIONS:-}:hard_rss_limit_mb=$MEM_MB:detect_leaks=1"
    exec /usr/bin/time -f %M -o rss.txt timeout -s KILL "$TIME_S" "$handout" "$@" ) > stdout.bin 2> err.txt || STATUS=$?
  RSS_KB=$(tail -1 rss.txt 2>/dev/null | grep -E '^[0-9]+$' || echo 0)
  if [ "$RSS_KB" -gt "$PEAK_KB" ]; then PEAK_KB=$RSS_KB; fi
  FIRST=$(grep -v '^Command exited\|^Command terminated' err.txt | head -1)
}

# valid FILE: the file is whole and well-formed for its extension.
valid() {
  case $1 in
    *.xml) xmllint --noout --huge "$1" ;;
    *.pdf) qpdf --check "$1" > /dev/null ;;
    *.epub) unzip -tq "$1" > /dev/null ;;
    *) test -s "$1" ;;
  esac
}

# expect NAME STATUS FIRST_LINE_REGEX -- ARGS...: one case. With -o FILE among ARGS, FILE is
# first filled with a previous good output; after a failure it must be unchanged, after a
# success valid; never a temporary file beside it.
expect() {
  local name=$1 status=$2 pattern=$3; shift 4
  local out="" prev="" args=("$@") i
  for ((i = 0; i < ${#args[@]}; i++)); do [ "${args[i]}" = -o ] && out=${args[i + 1]}; done
  if [ -n "$out" ]; then
    mkdir -p "$(dirname "$out")"
    cp "$SCRATCH/previous.${out##*.}" "$out"
    prev=$(sha256sum < "$out")
  fi
  local start=$SECONDS
  run "$@"
  local took=$((SECONDS - start)) ok=1
  if [ "$STATUS" -ne "$status" ]; then echo "  exit $STATUS, wanted $status"; ok=0; fi
  if [ -n "$pattern" ] && ! grep -qE -- "$pattern" <<< "$FIRST"; then
    echo "  first diagnostic: $FIRST"; echo "  wanted:           $pattern"; ok=0
  fi
  if [ -z "$pattern" ] && [ -n "$FIRST" ]; then echo "  unexpected diagnostic: $FIRST"; ok=0; fi
  if [ "$RSS_KB" -gt $((MEM_MB * 1024)) ]; then echo "  peak memory ${RSS_KB} KiB over ${MEM_MB} MiB"; ok=0; fi
  if [ -n "$out" ]; then
    if [ "$status" -ne 0 ] && [ "$(sha256sum < "$out")" != "$prev" ]; then echo "  previous output changed"; ok=0; fi
    if [ "$status" -eq 0 ] && ! valid "$out"; then echo "  output is not valid"; ok=0; fi
    if ls -A "$(dirname "$out")" | grep -q '\.tmp-'; then echo "  temporary file left"; ok=0; fi
  fi
  CHECKS=$((CHECKS + 1))
  if [ "$ok" = 1 ]; then
    echo "ok: $name (exit $STATUS, ${took} s, $((RSS_KB / 1024)) MiB)"
  else
    echo "FAILED: $name (exit $STATUS, ${took} s, $((RSS_KB / 1024)) MiB)"; sed 's/^/  | /' err.txt | head -5
    FAILURES=$((FAILURES + 1))
  fi
}

# Previous good outputs, copied over each target before a run.
printf '# Previous\n\nThe output of an earlier run.\n' > previous.md
for ext in xml pdf epub; do
  "$handout" convert previous.md -o "previous.$ext" || { echo "cannot make previous.$ext"; exit 1; }
done
ln -s /etc/hostname "$SRC/images/escape.png"

# ---- encodings -----------------------------------------------------------------------------------
expect "invalid UTF-8 is read as Windows-1252" 0 "invalid-utf8\.md:4:5: warning: not valid UTF-8 \(byte 0xC3\)" \
  -- convert "$SRC/invalid-utf8.md" -o out/invalid-utf8.xml
expect "UTF-8 truncated inside a character" 0 "truncated-utf8\.md:3:26: warning: not valid UTF-8 \(byte 0xE2\)" \
  -- convert "$SRC/truncated-utf8.md" -o out/truncated-utf8.xml
expect "UTF-16 without a byte-order mark" 0 "utf16-no-bom\.txt:1:1: warning: no byte-order mark.*UTF-16LE" \
  -- convert "$SRC/utf16-no-bom.txt" -o out/utf16-no-bom.xml
check "UTF-16 text decoded" grep -q "saved as UTF-16 with no byte-order mark" out/utf16-no-bom.xml
expect "NUL byte: not a text file, previous output kept" 1 "nul\.md:3:7: error: not a text file \(NUL byte found\)" \
  -- convert "$SRC/nul.md" -o out/nul.xml

# ---- size ----------------------------------------------------------------------------------------
expect "50 MB source: over the source-bytes limit" 1 "big-50mb\.md: error: file is [0-9]+ bytes, over the limit of 16777216 bytes \(raise it with --limit source-bytes=N\)" \
  -- convert "$SRC/big-50mb.md" -o out/big-50mb.pdf
if [ "$SANITIZED" = 1 ]; then
  # Under ASan the 10 MB line takes about 40 s and is checked against ASan's limits, not the time
  # and memory bound this case is for (the normal build checks that). Its first 2 MiB take every
  # branch the 10 MB take (the largest cap on the way, language detection's, is 1 MiB), so the
  # sanitizers see the same code in a fifth of the time.
  mkdir -p "$SRC/asan" && head -c $((2 << 20)) "$SRC/long-line.txt" > "$SRC/asan/long-line.txt"
  expect "2 MiB single line to DocBook (the 10 MB line's first 2 MiB, sanitized build)" 0 \
    "long-line\.txt: warning: no title found; using 'Long line' from the file name" -- convert "$SRC/asan/long-line.txt" -o out/long-line.xml
else
  expect "10 MB single line to DocBook" 0 "long-line\.txt: warning: no title found; using 'Long line' from the file name" -- convert "$SRC/long-line.txt" -o out/long-line.xml
fi
expect "1 MB single line to PDF" 0 "" -- convert "$SRC/long-line-1mb.md" -o out/long-line-1mb.pdf
expect "1 MB single line to EPUB" 0 "" -- convert "$SRC/long-line-1mb.md" -o out/long-line-1mb.epub
expect "1 MB single line to a summary sheet" 0 "" -- convert "$SRC/long-line-1mb.md" -o out/long-line-1mb.summary.pdf

# ---- nesting -------------------------------------------------------------------------------------
for f in nested-lists nested-quotes; do
  for ext in xml pdf epub; do
    expect "$f to $ext: flattened past 40 levels" 0 "$f\.md:1: warning: content nested more than 40 levels deep; deeper levels are flattened" \
      -- convert "$SRC/$f.md" -o "out/$f.$ext"
  done
done
expect "50,000 nested emphasis to PDF" 0 "nested-emphasis\.md:1: warning: content nested more than 40 levels deep" \
  -- convert "$SRC/nested-emphasis.md" -o out/nested-emphasis.pdf
expect "100,000 nested link brackets to PDF" 0 "nested-brackets\.md: warning: no title found" \
  -- convert "$SRC/nested-brackets.md" -o out/nested-brackets.pdf
expect "100,000 nested list levels to a summary sheet" 0 "nested-lists\.md:1: warning: content nested more than 40 levels deep" \
  -- convert "$SRC/nested-lists.md" -o out/nested-lists.summary.pdf
for ext in xml pdf epub; do
  expect "deeply nested wiki markup to $ext" 0 "nested-wiki\.wiki:[0-9]+: warning: " -- convert "$SRC/nested-wiki.wiki" -o "out/nested-wiki.$ext"
  expect "unbalanced wiki markup to $ext" 0 "unbalanced-wiki\.wiki:5: warning: <nowiki> is not closed; kept as text" \
    -- convert "$SRC/unbalanced-wiki.wiki" -o "out/unbalanced-wiki.$ext"
done

# ---- tables and notes ----------------------------------------------------------------------------
expect "10,000-column Markdown table: over the table-columns limit" 1 \
  "wide-table\.md:1:1: error: table row has more than 1000 columns \(the limit; raise it with --limit table-columns=N\)" \
  -- convert "$SRC/wide-table.md" -o out/wide-table.pdf
expect "10,000-column wiki table: over the table-columns limit" 1 "wide-table\.wiki:[0-9]+:1: error: table row has more than 1000 columns" \
  -- convert "$SRC/wide-table.wiki" -o out/wide-table-wiki.xml
expect "10,000 columns under a raised limit, to PDF" 0 "wide-table\.md: warning: no title found" \
  -- convert "$SRC/wide-table.md" --limit table-columns=10000 -o out/wide-table-raised.pdf
expect "colspan and rowspan of two billion (read as 1000): over table-cells" 1 "huge-colspan\.wiki:[0-9]+:1: error: table has more than 100000 cells" \
  -- convert "$SRC/huge-colspan.wiki" -o out/huge-colspan.xml
expect "20,000 footnotes: over the footnotes limit" 1 "many-footnotes\.md:[0-9]+:1: error: more than 10000 footnotes" \
  -- convert "$SRC/many-footnotes.md" -o out/many-footnotes.epub
expect "a bad --limit is a usage error" 2 "error: --limit table-columns takes a whole number" \
  -- convert "$SRC/wide-table.md" --limit table-columns=lots

# ---- YAML ----------------------------------------------------------------------------------------
expect "billion laughs: stopped at the node budget" 1 "yaml-alias-bomb\.md:[0-9]+:[0-9]+: error: front matter expands to more than 100000 YAML nodes" \
  -- convert "$SRC/yaml-alias-bomb.md" -o out/yaml-alias-bomb.xml
expect "9 MB scalar: over the yaml-bytes limit" 1 "yaml-huge-scalar\.md:1:1: error: front matter holds more than 8388608 bytes" \
  -- convert "$SRC/yaml-huge-scalar.md" -o out/yaml-huge-scalar.xml
expect "tags are data, never types or code" 0 "" -- convert "$SRC/yaml-tags.md" -o out/yaml-tags.xml
check "tagged values kept as text" grep -q "rm -rf" out/yaml-tags.xml
expect "malformed YAML: error at its line" 1 "yaml-malformed\.md:[0-9]+:[0-9]+: error: malformed YAML" \
  -- convert "$SRC/yaml-malformed.md" -o out/yaml-malformed.xml
expect "100,000 nested flow sequences: an error, no stack overflow" 1 "yaml-deep\.md:3:[0-9]+: error: malformed YAML front matter" -- convert "$SRC/yaml-deep.md" -o out/yaml-deep.xml
expect "200,000 keys: refused before parsing" 1 "yaml-many-keys\.md:1:1: error: front matter has more than 100000 lines and list items" \
  -- convert "$SRC/yaml-many-keys.md" -o out/yaml-many-keys.xml

# ---- images and paths ----------------------------------------------------------------------------
expect "damaged and oversized images left out of the PDF" 0 "images\.md: warning: image 'images/corrupt\.png' left out: damaged PNG" \
  -- convert "$SRC/images.md" -o out/images.pdf
check "every bad image named" bash -c "grep -c \"left out\" '$SCRATCH/err.txt' | grep -qx 6"
check "huge PNG refused by its header" grep -q "images/huge-dims.png' left out: PNG of 100000x100000 pixels is too large" err.txt
check "huge JPEG refused by its header" grep -q "images/huge-dims.jpg' left out: JPEG of 65500x65500 pixels is too large" err.txt
check "17 MB file refused by its size" grep -q "images/oversized.png' left out: larger than 16 MiB" err.txt
expect "smaller image-pixels limit" 0 "images\.md: warning: image 'images/corrupt\.png' left out" \
  -- convert "$SRC/images.md" --limit image-pixels=10 -o out/images-small.pdf
check "good 4x4 image over a 10-pixel limit" grep -q "images/good.png' left out: PNG of 4x4 pixels is too large" err.txt
expect "damaged and oversized images not embedded in the EPUB" 0 "images\.md: warning: image 'images/corrupt\.png' is not embedded \(damaged PNG" \
  -- convert "$SRC/images.md" -o out/images.epub
check "the oversized image is named" grep -q "image 'images/oversized.png' is not embedded (larger than 16 MiB)" err.txt
for ext in pdf epub; do
  expect "no image from outside the source's folder ($ext)" 0 "escape\.md: warning: image '\.\./outside\.png'" \
    -- convert "$SRC/escape.md" -o "out/escape.$ext"
  check "six references refused ($ext)" bash -c "grep -cE \"(left out|not embedded)\" '$SCRATCH/err.txt' | grep -qx 6"
done
check "the EPUB holds no image" bash -c "! unzip -l '$SCRATCH/out/escape.epub' | grep -q 'EPUB/images/'"
check "the symlink escape is named" grep -q "images/escape.png.*through a link" err.txt

# ---- output folder -------------------------------------------------------------------------------
# A truncated output from an earlier build is noticed and rebuilt whole.
mkdir -p batch-in && cp "$SRC/invalid-utf8.md" batch-in/a.md && cp previous.md batch-in/b.md
run build batch-in -o batch-out --formats docbook,pdf,epub --jobs 1
check "batch build" test "$STATUS" -eq 0
for f in batch-out/a.pdf batch-out/b.epub batch-out/b.xml; do
  size=$(stat -c %s "$f"); truncate -s $((size / 2)) "$f"
done
run build batch-in -o batch-out --formats docbook,pdf,epub --jobs 1
check "truncated outputs noticed: both sources rebuilt" grep -q "^built 2, skipped 0, failed 0" stdout.bin
check "truncated outputs listed" grep -q "built b.md -> b.xml b.epub" stdout.bin
for f in batch-out/a.pdf batch-out/b.epub batch-out/b.xml; do check "$f whole again" valid "$f"; done

# A read-only output folder: the previous output stays, no temporary file.
mkdir -p ro && cp previous.xml ro/x.xml && chmod 555 ro
as_user=()
if [ "$(id -u)" = 0 ]; then as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups); fi
ro_run() { "${as_user[@]}" "$handout" convert "$SRC/invalid-utf8.md" -o ro/x.xml 2> err.txt; }
STATUS=0; ro_run || STATUS=$?
check "read-only folder: exit 1" test "$STATUS" -eq 1
check "read-only folder: error names the folder" grep -qE "error: cannot create a temporary file in ro: Permission denied" err.txt
check "read-only folder: previous output unchanged" cmp -s ro/x.xml previous.xml
chmod 755 ro

# A full output folder: a file-size limit (ulimit -f 64: 64 KiB), which handout turns from
# SIGXFSZ into a write error, and a 64 KiB tmpfs in a private mount namespace when this machine
# allows one. The output, an EPUB of 1 MB of text, needs about 300 KiB.
mkdir -p fsize && cp previous.epub fsize/x.epub
STATUS=0
( ulimit -f 64; exec "$handout" convert "$SRC/long-line-1mb.md" -o fsize/x.epub ) 2> err.txt || STATUS=$?
check "file-size limit: exit 1" test "$STATUS" -eq 1
check "file-size limit: error says why" grep -q "long-line-1mb\.md: error: cannot write fsize/x\.epub: File too large" err.txt
check "file-size limit: previous output unchanged" cmp -s fsize/x.epub previous.epub
check "file-size limit: no temporary file left" bash -c "! ls -A fsize | grep -q tmp-"
mkdir -p tmpfs
if unshare -rm true 2> /dev/null; then
  cat > full.sh <<'SH'
mount -t tmpfs -o size=64k none "$1" || exit 77
cp previous.epub "$1/x.epub"
status=0
"$2" convert "$3" -o "$1/x.epub" 2> err.txt || status=$?
cmp -s "$1/x.epub" previous.epub || status=99
ls -A "$1" | grep -q tmp- && status=98
exit $status
SH
  STATUS=0; unshare -rm bash full.sh "$SCRATCH/tmpfs" "$handout" "$SRC/long-line-1mb.md" || STATUS=$?
  if [ "$STATUS" = 77 ]; then
    echo "skipped: tmpfs cannot be mounted here"
  else
    check "full tmpfs: exit 1, previous output unchanged, no temporary file" test "$STATUS" -eq 1
    check "full tmpfs: error says why" grep -q "long-line-1mb\.md: error: cannot write .*/x\.epub: No space left on device" err.txt
  fi
else
  echo "skipped: no private mount namespace here (unshare -rm); the file-size limit case stands in"
fi

echo "peak memory of any run: $((PEAK_KB / 1024)) MiB (limit ${MEM_MB} MiB)"
finish
