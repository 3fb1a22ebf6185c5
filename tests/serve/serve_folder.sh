#!/bin/bash
# handout serve FOLDER: the catalog of the folder's build is served under /catalog/ and rebuilt
# when a source is added; no request path opens a file outside the output folder ('..', encoded
# '..', absolute paths, hidden files, symbolic links out of it); the private output folder is
# removed when the server stops; the catalog needs the token (header, or the cookie the page sets).
# Usage: serve_folder.sh HANDOUT
set -u
handout=$1
work=$(mktemp -d)
trap 'kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT
fail=0
check() { if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: got $2, want $3"; fail=1; fi; }

mkdir -p "$work/src/care"
printf '# Looking after your inhaler\n\nUse your inhaler every morning.\n' >"$work/src/inhaler.md"
printf '# Caring for a sprained ankle\n\nRest the ankle for two days.\n' >"$work/src/care/ankle.md"
echo "secret outside" >"$work/outside.txt"

# Private folders left by servers that were killed (SIGKILL gives no chance to clean up): a dead
# process's is removed at the next start; a live process's, and anything else, is left.
mkdir -p "$work/tmp"
dead=4000000
while kill -0 "$dead" 2>/dev/null; do dead=$((dead + 1)); done
mkdir "$work/tmp/handout-serve-$dead-AbC123" "$work/tmp/handout-serve-$$-XyZ789" "$work/tmp/handout-serve-notes"
echo left >"$work/tmp/handout-serve-$dead-AbC123/a.pdf"

TMPDIR="$work/tmp" "$handout" serve --port 0 "$work/src" >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 50); do grep -q '^Open ' "$work/out" && break; sleep 0.1; done
url=$(sed -n 's/^Open //p' "$work/out")
[ -n "$url" ] || { echo "FAIL: no address printed"; cat "$work/err"; exit 1; }
base=${url%%/\?token=*}
port=${base##*:}
token=${url##*token=}
outdir=$(sed -n 's/^handout serve: building .* into //p' "$work/out")
check "private output folder outside the sources" "$([ -d "$outdir" ] && [ "${outdir#"$work/src"}" = "$outdir" ] && echo yes)" yes
check "a killed server's private folder removed" "$([ -e "$work/tmp/handout-serve-$dead-AbC123" ] && echo kept || echo removed)" removed
check "a live server's private folder kept" "$([ -d "$work/tmp/handout-serve-$$-XyZ789" ] && echo kept || echo removed)" kept
check "other folders kept" "$([ -d "$work/tmp/handout-serve-notes" ] && echo kept || echo removed)" kept

get() { curl -s -o "$1" -w '%{http_code}' -H "X-Handout-Token: $token" "${@:3}" "$base$2"; }
# The first build: the catalog page says so until index.html exists.
for _ in $(seq 100); do [ -f "$outdir/index.html" ] && break; sleep 0.1; done
check "catalog served" "$(get "$work/index.html" /catalog/)" 200
grep -q "Looking after your inhaler" "$work/index.html"; check "catalog lists the source" $? 0
check "/catalog redirects" "$(get /dev/null /catalog)" 302
check "catalog without the token" "$(curl -s -o /dev/null -w '%{http_code}' "$base/catalog/")" 403
check "catalog with a wrong token" "$(curl -s -o /dev/null -w '%{http_code}' -H "X-Handout-Token: x$token" "$base/catalog/")" 403
curl -s -c "$work/jar" -o /dev/null "$url"
check "catalog with the page's cookie" "$(curl -s -b "$work/jar" -o /dev/null -w '%{http_code}' "$base/catalog/")" 200
grep -q 'href="/catalog/"' <(curl -s "$url"); check "page links the catalog" $? 0
pdf=$(grep -o 'href="[^"]*inhaler\.pdf"' "$work/index.html" | head -1 | sed 's/href="//; s/"$//')
check "catalog links the PDF" "$([ -n "$pdf" ] && echo yes)" yes
check "PDF from the catalog" "$(get "$work/inhaler.pdf" "/catalog/$pdf")" 200
qpdf --check "$work/inhaler.pdf" >/dev/null 2>&1; check "served PDF qpdf" $? 0
check "subfolder file" "$(get /dev/null /catalog/care/ankle.pdf)" 200

# Nothing outside the output folder, however the path is spelled.
ln -s "$work/outside.txt" "$outdir/link.txt"
ln -s "$work" "$outdir/linkdir"
ln -s "$outdir/inhaler.pdf" "$outdir/inside-link.pdf"
rel=$(realpath --relative-to="$outdir" "$work/outside.txt")
for path in "/catalog/../../etc/passwd" "/catalog/%2e%2e/%2e%2e/%2e%2e/etc/passwd" "/catalog/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd" \
            "/catalog//etc/passwd" "/catalog/%2Fetc%2Fpasswd" "/catalog/$rel" "/catalog/link.txt" \
            "/catalog/linkdir/outside.txt" "/catalog/care/../../outside.txt" "/catalog/.handout.lock" \
            "/catalog/manifest.json%00.pdf" "/catalog/..%5c..%5coutside.txt"; do
  code=$(get "$work/leak" "$path" --path-as-is)
  leaked=$(grep -c -e "secret outside" -e "root:" "$work/leak" 2>/dev/null)
  check "refused $path" "$code/${leaked:-0}" "404/0"
done
check "symbolic link inside the folder" "$(get /dev/null /catalog/inside-link.pdf)" 200
check "bad host on the catalog" "$(get /dev/null /catalog/ -H "Host: evil.example:$port")" 421

# A new source is built and listed without a restart.
printf '# Washing your hands\n\nUse soap and warm water.\n' >"$work/src/hands.md"
listed=no
for _ in $(seq 150); do
  curl -s -H "X-Handout-Token: $token" "$base/catalog/" | grep -q "Washing your hands" && { listed=yes; break; }
  sleep 0.1
done
check "rebuilt after a new source" "$listed" yes

kill -TERM $pid
for _ in $(seq 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
wait $pid; check "SIGTERM exit status" $? 0
check "private output folder removed" "$([ -e "$outdir" ] && echo kept || echo removed)" removed
check "sources untouched" "$(find "$work/src" -type f | wc -l)" 3

# A build that cannot start (the output folder is the sources' folder) stops the server: exit 2.
timeout 20 "$handout" serve --port 0 "$work/src" -o "$work/src" >/dev/null 2>"$work/err2"
check "unusable output folder: exit 2" $? 2
grep -q "must differ" "$work/err2"; check "unusable output folder: message" $? 0
check "missing folder: exit 2" "$(timeout 20 "$handout" serve --port 0 "$work/missing" >/dev/null 2>&1; echo $?)" 2
exit $fail
