#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, the installed tree moved elsewhere, and every sample
# of input/ (copied out of the source tree) built to every format by the installed copy, run from
# another folder under strace: no file of the source or build tree is looked at, and the outputs
# are byte-identical to the build tree's program's. Also: --version, the stripped program and its
# build-id debug file, HANDOUT_DATA_DIR, the man page and the completion scripts.
# usage: install_tree.sh BUILD_DIR ROOT BUILD_TREE_HANDOUT VERSION
. "$(dirname "$0")/common.sh"
build=$(realpath "$1") root=$(realpath "$2") built=$(realpath "$3") version=$4
unset HANDOUT_STYLES_DIR HANDOUT_DATA_DIR
export SOURCE_DATE_EPOCH=1767225600

cmake --install "$build" --prefix "$SCRATCH/prefix" --component runtime > "$SCRATCH/install.log"
cmake --install "$build" --prefix "$SCRATCH/prefix" --component debug >> "$SCRATCH/install.log"
mv "$SCRATCH/prefix" "$SCRATCH/moved"   # the program must find its data relative to itself
prefix=$SCRATCH/moved
handout=$prefix/bin/handout
mkdir -p "$SCRATCH/work"
cp -r "$root/input" "$SCRATCH/work/input"
cd "$SCRATCH/work"

check "--version prints the CMake project version" test "$("$handout" --version)" = "handout $version"
for f in share/handout/styles/default.yaml share/handout/styles/epub.css share/handout/styles/boilerplate.yaml \
         share/handout/styles/page-words/en.txt share/man/man1/handout.1 share/bash-completion/completions/handout \
         share/zsh/vendor-completions/_handout share/fish/vendor_completions.d/handout.fish \
         share/doc/handout/copyright share/doc/handout/CHANGELOG.md; do
  check "installed: $f (same bytes as the build's)" cmp -s "$prefix/$f" \
    "$( case $f in share/handout/styles/*) echo "$root/styles/${f#share/handout/styles/}" ;;
                   share/man/*) echo "$build/generated/handout.1" ;; share/bash-completion/*) echo "$build/generated/handout.bash" ;;
                   share/zsh/*) echo "$build/generated/_handout" ;; share/fish/*) echo "$build/generated/handout.fish" ;;
                   */copyright) echo "$build/generated/copyright" ;; *) echo "$root/CHANGELOG.md" ;; esac )"
done
check "the licence opens the copyright file" grep -q "^MIT License" "$prefix/share/doc/handout/copyright"

# The installed program is stripped; its debug info is the build-id file under lib/debug.
build_id=$(readelf -n "$handout" | sed -n 's/.*Build ID: //p')
check "the installed program has a GNU build id" test -n "$build_id"
check "the installed program has no .debug_info" bash -c "! readelf -S '$handout' | grep -q '\.debug_info'"
debug_file=$prefix/lib/debug/.build-id/${build_id:0:2}/${build_id:2}.debug
check "its debug info is at lib/debug/.build-id/NN/REST.debug" test -f "$debug_file"
check "  ...with .debug_info and the same build id" bash -c \
  "readelf -S '$debug_file' 2> /dev/null | grep -q '\.debug_info' && readelf -n '$debug_file' 2> /dev/null | grep -q 'Build ID: $build_id'"
echo "sizes: build tree $(stat -c %s "$built") bytes, installed $(stat -c %s "$handout") bytes, debug file $(stat -c %s "$debug_file") bytes"

# Every sample to every format, by the installed copy, under strace when it can trace.
count=$(cd "$SCRATCH/work" && find input -type f \( -name '*.md' -o -name '*.txt' -o -name '*.wiki' \) | wc -l)
run_installed() { "$handout" build input -o out-installed --jobs 2 > "$SCRATCH/installed.log" 2>&1; }
traced=0
if command -v strace > /dev/null && strace -f -o /dev/null true 2> /dev/null; then
  traced=1
  run_installed() {
    strace -f -s 4096 -e trace=%file -o "$SCRATCH/trace.txt" \
      "$handout" build input -o out-installed --jobs 2 > "$SCRATCH/installed.log" 2>&1
  }
else
  echo "note: strace cannot trace here; the no-source-tree check is left out"
fi
check "the installed copy builds every sample" run_installed
check "  ...to all four formats ($count samples)" test \
  "$(find out-installed -type f \( -name '*.xml' -o -name '*.pdf' -o -name '*.epub' \) | wc -l)" -eq $((count * 4))
"$built" build input -o out-build --jobs 2 > "$SCRATCH/build.log" 2>&1
check "  ...byte-identical to the build tree's program's outputs" \
  diff -r -x manifest.json -x index.html -x '.handout*' out-installed out-build
untouched() { ! grep -E -e "\"($root|$build)(/|\")" "$SCRATCH/trace.txt" | grep -v -e '^[0-9]* execve('; }
touched_styles() { grep -q "\"$prefix/share/handout/styles/page-words" "$SCRATCH/trace.txt"; }
if [ "$traced" = 1 ]; then
  check "  ...opening no path of the source or build tree" untouched
  check "  ...reading the page words beside the installed program" touched_styles
  # The same check catches the build tree's program, which reads the source tree's styles.
  strace -f -s 4096 -e trace=%file -o "$SCRATCH/trace.txt" "$built" convert "$(ls input/web/*.txt | head -1)" -o x.xml 2> /dev/null || true
  check "control: the build tree's program is seen reading the source tree" bash -c "grep -q '\"$root/styles' '$SCRATCH/trace.txt'"
fi

check "handout styles lists the installed styles" test "$("$handout" styles | grep -c "	$prefix/share/handout/styles/")" -eq 3

# HANDOUT_DATA_DIR overrides where the data is looked for.
mkdir -p "$SCRATCH/empty"
HANDOUT_DATA_DIR=$SCRATCH/empty "$handout" convert "$(ls input/*.md | head -1)" --style a4 -o a4.pdf 2> "$SCRATCH/err.txt" || true
check "HANDOUT_DATA_DIR is where styles are looked up" grep -q "looked up in $SCRATCH/empty/styles" "$SCRATCH/err.txt"
cp -r "$prefix/share/handout" "$SCRATCH/data"
printf 'extends: default\nsizes:\n  body: 17\n' > "$SCRATCH/data/styles/only-here.yaml"
check "  ...and a style only there is found" env HANDOUT_DATA_DIR="$SCRATCH/data" "$handout" convert \
  "$(ls input/*.md | head -1)" --style only-here -o only.pdf

# The man page and the completion scripts work.
if command -v man > /dev/null; then
  check "man -l renders handout(1) with both subcommands" bash -c \
    "MANWIDTH=80 man -l '$prefix/share/man/man1/handout.1' 2> /dev/null | grep -q 'handout build' "
fi
complete_to() {
  bash -c ". '$prefix/share/bash-completion/completions/handout'; COMP_WORDS=(handout convert x --to ''); COMP_CWORD=4; _handout; echo \"\${COMPREPLY[*]}\""
}
check "bash completion offers the formats after --to" test "$(complete_to)" = "docbook pdf epub summary"
if command -v zsh > /dev/null; then check "the zsh completion parses" zsh -n "$prefix/share/zsh/vendor-completions/_handout"; fi
if command -v fish > /dev/null; then check "the fish completion parses" fish -n "$prefix/share/fish/vendor_completions.d/handout.fish"; fi
finish
