#!/usr/bin/env bash
# `handout build` end to end: many sources and one broken, validity, incremental rebuilds
# (nothing changed, one source edited or touched, one deleted, style changed), stale temporary
# files, usage errors, progress lines and the catalog page.
# usage: build_batch.sh HANDOUT MAKE_CORPUS ROOT RNG
. "$(dirname "$0")/common.sh"
handout=$1 make_corpus=$2 root=$3 rng=$4
cd "$SCRATCH"
export SOURCE_DATE_EPOCH=1700000000
export HANDOUT_STYLES_DIR="$SCRATCH/styles"
mkdir -p styles && cp -r "$root/styles/." styles/  # the shipped data files (EPUB CSS...)

# The input: a generated corpus, the repository's samples, one broken source, files to skip.
"$make_corpus" in 40 --seed 7
cp -r "$root/input" in/samples
mkdir -p in/broken in/.hidden
printf -- '---\ntitle: Never closed\n\nThe front matter above has no closing line.\n' > in/broken/unterminated.md
printf '# Hidden\n' > in/.hidden/secret.md
printf '# Hidden\n' > in/.dotfile.md
printf 'not a source\n' > in/notes.pdf
good=$(find in -type f \( -name '*.md' -o -name '*.txt' -o -name '*.wiki' \) ! -path '*/.*' ! -path 'in/broken/*' | wc -l)
total=$((good + 1))

# run NAME ARGS...: runs handout build, keeping stdout, stderr and the exit status under NAME.
run() {
  local name=$1; shift
  local status=0
  "$handout" build "$@" > "$name.out" 2> "$name.err" || status=$?
  echo "$status" > "$name.status"
}
# status_is NAME N: the run exited N.
status_is() { [ "$(cat "$1.status")" = "$2" ] || { echo "exit $(cat "$1.status"), wanted $2"; cat "$1.err"; return 1; }; }
# summary_has NAME TEXT: the closing summary line holds TEXT.
# On a mismatch it shows the run's errors, so a failure that does not repeat can still be read.
summary_has() {
  tail -1 "$1.out" | grep -qF -- "$2" || { echo "summary: $(tail -1 "$1.out")"; grep -v ': warning: ' "$1.err" | head -20; return 1; }
}
# mtimes: every output file with its modification time (nanoseconds), sorted.
mtimes() { find out -type f ! -name manifest.json ! -name index.html ! -name '.handout-build.lock' -printf '%P %T@\n' | sort; }
# changed BEFORE AFTER: the files whose time differs between two mtimes listings.
changed() { { diff <(cat "$1") <(cat "$2") || true; } | sed -n 's/^> \([^ ]*\) .*/\1/p' | sort; }

run first in -o out --jobs 2
check "first build exits 1 (one source failed)" status_is first 1
check "broken source reported with path and line" \
  grep -qE '^in/broken/unterminated\.md:1:1: error: front matter' first.err
check "summary: $good built, 1 failed" summary_has first "built $good, skipped 0, failed 1, removed 0"
check "one progress line per finished source" test "$(grep -cE '^\[[0-9]+/[0-9]+\] (built|failed) ' first.out)" -eq "$total"
formats=$(jq -r '[.sources[] | select(.status == "ok") | .outputs | keys[]] | unique | join(" ")' out/manifest.json)
check "docbook is among the formats built ($formats)" grep -qw docbook <<< "$formats"
nformats=$(wc -w <<< "$formats")
check "manifest: one entry per source" test "$(jq '.sources | length' out/manifest.json)" -eq "$total"
check "manifest: every good source ok with every format" \
  test "$(jq --argjson n "$nformats" '[.sources[] | select(.status == "ok" and (.outputs | length) == $n)] | length' out/manifest.json)" -eq "$good"
check "manifest: the broken source failed with its error and line" \
  test "$(jq -r '.sources[] | select(.source == "broken/unterminated.md") | "\(.status) \(.errors[0].line)"' out/manifest.json)" = "failed 1"
check "manifest: reading statistics recorded" \
  test "$(jq '[.sources[] | select(.status == "ok" and .words > 0 and .reading_minutes > 0 and .reading_grade > 0)] | length' out/manifest.json)" -eq "$good"
check "no output for the broken source" test -z "$(find out/broken -type f 2>/dev/null)"
check "hidden files and folders skipped" test ! -e out/.hidden -a ! -e out/.dotfile.xml
check "tree mirrored: samples/faq/peak-flow-meter.xml" test -s out/samples/faq/peak-flow-meter.xml
check "recorded outputs exist" bash -c 'cd out && jq -r ".sources[].outputs[].path" manifest.json | xargs ls >/dev/null'
mapfile -t xmls < <(find out -name '*.xml' | sort)
check "${#xmls[@]} DocBook files, one per good source" test "${#xmls[@]}" -eq "$good"
check "jing: every DocBook output valid DocBook 5.0" jing "$rng" "${xmls[@]}"
check "catalog is well-formed (X)HTML" xmllint --noout out/index.html
check "catalog has lang, headings, labelled search" \
  bash -c 'grep -q "<html [^>]*lang=\"en\"" out/index.html && grep -q "<h1>" out/index.html && grep -q "<h2" out/index.html && grep -q "<label for=\"q\">" out/index.html'
check "catalog links every DocBook output" test "$(grep -o 'href="[^"#]*\.xml"' out/index.html | wc -l)" -eq "$good"
check "catalog names the failed source" grep -q 'broken/unterminated.md' out/index.html

# Nothing changed: nothing rebuilt, no output touched, manifest bytes unchanged.
mtimes > before.txt
cp out/manifest.json manifest.before
run second in -o out
check "second build: exit 1 again (the broken source still fails)" status_is second 1
check "second build: nothing rebuilt" summary_has second "built 0, skipped $good, failed 1"
mtimes > after.txt
check "second build: no output's time changed" cmp before.txt after.txt
check "second build: manifest unchanged" cmp manifest.before out/manifest.json

# Edit one source, touch another: exactly their outputs are rebuilt.
edited=in/topic-00/$(ls in/topic-00 | head -1)
touched=in/topic-01/$(ls in/topic-01 | head -1)
printf '\nOne more sentence about the plan.\n' >> "$edited"
sleep 0.01; touch "$touched"
mtimes > before.txt
run third in -o out
mtimes > after.txt
check "edit + touch: 2 sources built" summary_has third "built 2, skipped $((good - 2)), failed 1"
expected=$( (for f in "$edited" "$touched"; do rel=${f#in/}; for x in $formats; do jq -r --arg s "$rel" --arg f "$x" '.sources[] | select(.source == $s) | .outputs[$f].path' out/manifest.json; done; done) | sort)
check "edit + touch: exactly their outputs rewritten" test "$(changed before.txt after.txt)" = "$expected"

# Fix the broken source: it is built, exit 0.
printf -- '---\ntitle: Closed now\n---\n\nThe front matter is closed.\n' > in/broken/unterminated.md
run fixed in -o out
check "fixed source: exit 0" status_is fixed 0
check "fixed source: built" summary_has fixed "built 1, skipped $good, failed 0"
good=$((good + 1))

# Delete a source: its outputs are removed and reported; its empty folder too.
rm -r in/broken
run deleted in -o out
check "deleted source: exit 0" status_is deleted 0
check "deleted source: outputs removed and reported" grep -qE '^removed broken/unterminated\.xml.* \(source broken/unterminated\.md is gone\)' deleted.out
check "deleted source: empty output folder removed" test ! -e out/broken
check "deleted source: gone from the manifest" test "$(jq '[.sources[] | select(.source | startswith("broken/"))] | length' out/manifest.json)" -eq 0
good=$((good - 1))

# Change the style: every output that depends on it is rebuilt, DocBook (which does not) is not.
old_style=$(jq -r .style.hash out/manifest.json)
check "style files fingerprinted" test "$(jq -r '.style.files[0]' out/manifest.json)" = "$SCRATCH/styles/default.yaml"
mtimes > before.txt
sed -i 's/^  body: 12 *$/  body: 13/' styles/default.yaml && grep -q '^  body: 13' styles/default.yaml
run styled in -o out
mtimes > after.txt
check "style change: exit 0" status_is styled 0
check "style change: new style hash in the manifest" test "$(jq -r .style.hash out/manifest.json)" != "$old_style"
styled_formats=$(tr ' ' '\n' <<< "$formats" | grep -vx docbook || true)
expected=$( (for x in $styled_formats; do jq -r --arg f "$x" '.sources[].outputs[$f].path' out/manifest.json; done) | sort)
check "style change: exactly the style-dependent outputs rebuilt (${styled_formats:-none registered yet})" \
  test "$(changed before.txt after.txt)" = "$expected"
changed before.txt after.txt > style-changed.txt
check "style change: DocBook outputs untouched" bash -c '! grep -q "\.xml$" style-changed.txt'

# The style's EPUB stylesheet is part of the style: editing it rebuilds the style-dependent
# outputs (the style has one fingerprint, so PDFs are rebuilt too) and never DocBook.
check "EPUB stylesheet fingerprinted" bash -c "jq -r '.style.files[]' out/manifest.json | grep -qx '$SCRATCH/styles/epub.css'"
mtimes > before.txt
printf '\n/* edited */\n' >> styles/epub.css
run css in -o out
mtimes > after.txt
check "EPUB stylesheet change: exit 0" status_is css 0
expected=$( (for x in $styled_formats; do jq -r --arg f "$x" '.sources[].outputs[$f].path' out/manifest.json; done) | sort)
check "EPUB stylesheet change: the style-dependent outputs rebuilt, DocBook untouched" \
  test "$(changed before.txt after.txt)" = "$expected"

# --force rebuilds everything; a stale temporary file is removed.
touch out/samples/.asthma-action-plan.xml.tmp-AbC123
cp -r out before-force
run forced in -o out --force
check "--force: every source built" summary_has forced "built $good, skipped 0, failed 0"
check "stale temporary file removed and reported" grep -q '^removed 1 temporary file' forced.out
check "no temporary file left" test -z "$(find out -name '.*.tmp-*')"
check "rebuilt outputs are byte-identical (SOURCE_DATE_EPOCH)" \
  bash -c 'cd out && for f in $(jq -r ".sources[].outputs[].path" manifest.json); do cmp -s "$f" "../before-force/$f" || exit 1; done'

# Only some formats; usage errors.
run onlydb in -o out2 --formats docbook
check "--formats docbook: only .xml written" test -z "$(find out2 -type f ! -name '*.xml' ! -name manifest.json ! -name index.html ! -name '.handout-build.lock')"
run nofolder missing-folder -o out3
check "missing input folder: exit 2" status_is nofolder 2
run badformat in -o out3 --formats docx
check "unknown format: exit 2" status_is badformat 2
run badjobs in -o out3 --jobs 0
check "--jobs 0: exit 2" status_is badjobs 2
run same in -o in
check "output folder = input folder: exit 2" status_is same 2
check "usage errors wrote nothing" test ! -e out3

# Output inside the input folder: skipped while looking for sources.
run inside in -o in/exports
run inside2 in -o in/exports
check "output inside the input folder is not read as input" summary_has inside2 "built 0, skipped $good"
finish
