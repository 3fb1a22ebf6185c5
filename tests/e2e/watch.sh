#!/usr/bin/env bash
# `handout build --watch`: builds, then rebuilds when a source is saved (one rebuild for a burst
# of writes), follows a new subfolder, ignores hidden files and backups, and stops cleanly on
# SIGINT (exit 0, "stopped watching", no temporary file left).
# usage: watch.sh HANDOUT ROOT
. "$(dirname "$0")/common.sh"
set -m  # background jobs keep SIGINT (without job control, bash makes them ignore it)
handout=$(realpath "$1") root=$(realpath "$2")
cd "$SCRATCH"
mkdir in
cp "$root/input/asthma-action-plan.md" in/a.md

"$handout" build --watch in -o out --formats docbook > watch.out 2> watch.err &
pid=$!
# until SECONDS_MAX COMMAND...: polls every 0.1 s until the command succeeds.
until_ok() {
  local tries=$(($1 * 10)); shift
  while ! "$@" 2> /dev/null; do
    tries=$((tries - 1)); [ "$tries" -gt 0 ] || return 1; sleep 0.1
  done
}
builds() { grep -c '^\[.*\] built ' watch.out || true; }
waiting() { [ "$(grep -c '^watching in for changes' watch.out)" -ge "$1" ]; }

check "the first build writes the output" until_ok 20 grep -q '<title>Your Asthma Action Plan</title>' out/a.xml
check "  ...then it watches" until_ok 10 waiting 1

sed -i 's/^title: .*/title: Edited while watching/' in/a.md
check "saving the source rebuilds its output" until_ok 20 grep -q '<title>Edited while watching</title>' out/a.xml
check "  ...once" until_ok 10 waiting 2
check "  ...(two builds so far)" test "$(builds)" -eq 2

# A burst of writes (an editor's save, a script) is one rebuild after the quiet time.
for i in 1 2 3 4 5; do printf '\nBurst line %s.\n' "$i" >> in/a.md; done
check "a burst of five writes is rebuilt" until_ok 20 grep -q 'Burst line 5' out/a.xml
check "  ...once" until_ok 10 waiting 3
check "  ...(three builds so far)" test "$(builds)" -eq 3

# A new folder with a source in it is followed.
mkdir in/sub
printf -- '---\ntitle: New page\n---\n\nA page made while watching.\n' > in/sub/new.md
check "a source in a new subfolder is built" until_ok 20 grep -q '<title>New page</title>' out/sub/new.xml
check "  ...once" until_ok 10 waiting 4

# Hidden files and backups are not changes.
touch in/.a.md.swp in/a.md~
sleep 1
check "hidden files and backups start no build" test "$(grep -c '^watching in for changes' watch.out)" -eq 4

kill -INT "$pid"
status=0
wait "$pid" || status=$?
check "SIGINT stops it with status 0" test "$status" -eq 0
check "  ...saying so" test "$(tail -1 watch.out)" = "stopped watching"
check "  ...leaving no temporary file" test -z "$(find out -name '.*' -newer in/a.md ! -name '.handout*' -print -quit)"
check "  ...and nothing on standard error" test ! -s watch.err
finish
