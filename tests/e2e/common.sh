# Shared by the end-to-end scripts: a scratch folder removed on exit, and a check helper.
set -euo pipefail
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/handout-e2e.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
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

# samples ROOT: lists every source under ROOT/input, sorted.
samples() {
  find "$1/input" -type f \( -name '*.md' -o -name '*.txt' -o -name '*.wiki' \) | sort
}
