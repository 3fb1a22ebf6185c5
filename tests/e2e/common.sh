# Shared by the end-to-end scripts: a scratch folder removed on exit, and a check helper.
set -euo pipefail
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/handout-e2e.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
# Debian's python3 (a test package) ahead of any other python3 on the PATH: a version manager's
# shim there costs about 0.4 s a start, and some scripts start Python once per file or round.
# PYTHON3 (exported, for `sh -c` children) names it; python3 in these scripts runs it.
PYTHON3=$(command -v /usr/bin/python3 || command -v python3 || echo python3)
export PYTHON3
python3() { "$PYTHON3" "$@"; }
FAILURES=0
CHECKS=0

# check DESCRIPTION COMMAND...: runs the command, counts a failure when it exits non-zero.
check() {
  local what=$1; shift
  CHECKS=$((CHECKS + 1))
  if "$@"; then
    echo "ok: $what"
  else
    echo "FAILED: $what"
    FAILURES=$((FAILURES + 1))
  fi
}

# finish: prints the closing count and exits 1 when anything failed.
finish() {
  echo "$((CHECKS - FAILURES)) passed, $FAILURES failed"
  [ "$FAILURES" -eq 0 ]
}

# elapsed_ms COMMAND...: runs the command, its output discarded, and prints the milliseconds it
# took (at least 1); fails when the command fails.
elapsed_ms() {
  local start
  start=$(date +%s%N)
  "$@" > /dev/null 2>&1 || return 1
  echo $(( ($(date +%s%N) - start) / 1000000 + 1 ))
}

# source_files DIR...: every source under the folders, sorted: the files with an extension a
# reader claims, as `handout --list-formats` prints them from the reader registry ($handout is
# the binary each script is given).
source_files() {
  local exts args=()
  exts=$("$handout" --list-formats | sed -n '/^Sources/,/^Outputs/s/.*\[\(.*\)\]$/\1/p')
  for e in $exts; do args+=(-o -name "*$e"); done
  [ "${#args[@]}" -gt 0 ] || { echo "no source extensions from $handout --list-formats" >&2; return 1; }
  find "$@" -type f \( "${args[@]:1}" \) | sort
}

# samples ROOT: lists every source under ROOT/input, sorted.
samples() {
  source_files "$1/input"
}

# PDF checks shared by the PDF scripts.
# fonts_ok PDF: pdffonts lists at least one font and every font is embedded, subset, with ToUnicode.
fonts_ok() {
  local rows
  rows=$(pdffonts "$1" | tail -n +3)
  [ -n "$rows" ] || { echo "no fonts"; return 1; }
  # Columns from the right: object id, generation, uni, sub, emb.
  if awk '{ if ($(NF-2) != "yes" || $(NF-3) != "yes" || $(NF-4) != "yes") bad = 1 } END { exit bad }' <<< "$rows"; then
    return 0
  fi
  pdffonts "$1"
  return 1
}
# quiet COMMAND...: runs the command, printing its output only when it fails.
quiet() { local o; o=$("$@" 2>&1) || { echo "$o"; return 1; }; }
# smaller_than PDF BYTES
smaller_than() { local n; n=$(stat -c %s "$1"); [ "$n" -lt "$2" ] || { echo "$n bytes"; return 1; }; }
