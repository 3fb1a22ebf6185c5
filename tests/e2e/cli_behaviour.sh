#!/usr/bin/env bash
# The real executable: exit statuses, compiler-style diagnostics on stderr, output only on success.
# usage: cli_behaviour.sh HANDOUT ROOT
. "$(dirname "$0")/common.sh"
handout=$1
cd "$SCRATCH"

# expect STATUS STDERR_PATTERN -- ARGS...: runs handout, compares the exit status and the first stderr line.
expect() {
  local status=$1 pattern=$2; shift 3
  local got=0
  "$handout" "$@" > out.txt 2> err.txt || got=$?
  if [ "$got" -ne "$status" ]; then echo "exit $got, wanted $status"; cat err.txt; return 1; fi
  if [ -n "$pattern" ] && ! head -1 err.txt | grep -qE -- "$pattern"; then
    echo "first stderr line: $(head -1 err.txt)"; echo "wanted: $pattern"; return 1
  fi
}

printf '# Good\n\nText.\n' > good.md
printf 'PK\003\004\000\000binary' > binary.md
printf '\xff\xfe#\000 \000U\000T\000F\000-\0001\0006\000\n\000' > utf16.md
printf '# Caf\xe9\n\nSmart \x93quotes\x94.\n' > cp1252.md
printf -- '---\ntitle: Never closed\n\nBody\n' > unterminated.md
printf -- '---\ntitle: ok\nbad: [1, 2\n---\nBody\n' > badyaml.md

check "--version exits 0" expect 0 "" -- --version
check "no arguments is a usage error" expect 2 "error" --
check "unknown format is a usage error" expect 2 "unknown output format|not in" -- convert good.md --to docx
check "missing file: path: error: cannot open" expect 1 "^missing\.md: error: cannot open" -- convert missing.md
check "binary file: not a text file" expect 1 "^binary\.md:1:5: error: not a text file" -- convert binary.md
check "UTF-16 with BOM converts" expect 0 "" -- convert utf16.md -o utf16.xml
check "UTF-16 title read" grep -q "<title>UTF-16</title>" utf16.xml
check "Windows-1252 converts with a located warning" expect 0 "^cp1252\.md:1:6: warning: not valid UTF-8 \(byte 0xE9\)" -- convert cp1252.md -o cp1252.xml
check "Windows-1252 characters decoded" grep -q "Smart “quotes”" cp1252.xml
check "unterminated front matter: error at its opening line" expect 1 "^unterminated\.md:1:1: error: front matter" -- convert unterminated.md -o unterminated.xml
check "no output written for a failed source" test ! -e unterminated.xml
check "malformed YAML: error at the YAML's line" expect 1 "^badyaml\.md:[34]:[0-9]+: error: malformed YAML" -- convert badyaml.md
check "stdout holds only the document" expect 0 "" -- convert good.md -o -
check "stdout is XML" grep -q '^<?xml' out.txt
check "stderr empty on success" test ! -s err.txt
SOURCE_DATE_EPOCH=1700000000 "$handout" convert good.md -o a.xml
SOURCE_DATE_EPOCH=1700000000 "$handout" convert good.md -o b.xml
check "two runs give identical files" cmp a.xml b.xml
check "no temporary files left behind" test -z "$(find . -name '.*.tmp-*')"
# --lang gives the language instead of front matter and detection; a non-tag is a usage error.
printf -- '---\nlang: en\n---\n# Inhaler\n\nUse your inhaler every morning, even when you feel well.\n' > english.md
lang_of() { "$handout" convert english.md --to docbook "$@" 2>/dev/null | grep -o 'xml:lang="[^"]*"' | head -1; }
check "--lang es overrides front matter lang" test "$(lang_of --lang es)" = 'xml:lang="es"'
check "without --lang the front matter's lang" test "$(lang_of)" = 'xml:lang="en"'
check "--lang that is no tag is a usage error" expect 2 "not a language tag" -- convert good.md --lang "no way"

finish
