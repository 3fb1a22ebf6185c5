#!/bin/bash
# handout serve over HTTP with curl: conversions with the token give valid outputs; a missing token,
# a foreign Origin, a bad Host, a path out of the routes and a 100 MB body are refused; 20
# conversions at once all finish; SIGTERM stops the server; a conversion over --limit seconds
# becomes a message. Usage: serve_http.sh HANDOUT
set -u
handout=$1
work=$(mktemp -d)
trap 'kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT
fail=0
check() { if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: got $2, want $3"; fail=1; fi; }

"$handout" serve --port 0 >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 50); do grep -q '^Open ' "$work/out" && break; sleep 0.1; done
url=$(sed -n 's/^Open //p' "$work/out")
[ -n "$url" ] || { echo "FAIL: no address printed"; cat "$work/err"; exit 1; }
base=${url%%/\?token=*}
token=${url##*token=}
port=${base##*:}

cat >"$work/leaflet.md" <<'MD'
# Looking after your inhaler

Use your inhaler **every morning**, even when you feel well.

- Shake it before each puff.
- Rinse your mouth afterwards.
MD
cat >"$work/copied.txt" <<'TXT'
Home | Services | Contact us
Skip to main content

Caring for a sprained ankle

Rest the ankle for two days and keep it raised on a pillow.
Put an ice pack wrapped in a towel on it for 20 minutes at a time.

Share this page | Print | Accessibility
Copyright 2026 Example Clinic
TXT

post() { curl -s -o "$1" -w '%{http_code}' -H "X-Handout-Token: $token" "${@:2}" "$base/convert"; }
epubs=()
check "markdown upload" "$(post "$work/md.json" -F file=@"$work/leaflet.md" -F style=default)" 200
check "pasted web page" "$(post "$work/txt.json" -F text="<$work/copied.txt")" 200
for result in md txt; do
  for name in pdf summary epub; do
    path=$(jq -r ".files.$name // empty" "$work/$result.json")
    check "$result has $name" "$([ -n "$path" ] && echo yes)" yes
    curl -s -o "$work/$result.$name" "$base$path"
  done
  qpdf --check "$work/$result.pdf" >/dev/null 2>&1; check "$result pdf qpdf" $? 0
  qpdf --check "$work/$result.summary" >/dev/null 2>&1; check "$result summary qpdf" $? 0
  epubs+=("$work/$result.epub")
done

# Download all: one ZIP with the three outputs, each whole.
zip=$(jq -r '.zip // empty' "$work/md.json")
check "zip offered" "$([ -n "$zip" ] && echo yes)" yes
check "zip download" "$(curl -s -o "$work/all.zip" -w '%{http_code}' "$base$zip")" 200
unzip -tq "$work/all.zip" >/dev/null 2>&1; check "zip unzip -t" $? 0
check "zip members" "$(unzip -Z1 "$work/all.zip" | sort | tr '\n' ' ')" "handout.epub handout.pdf handout.summary.pdf "
mkdir "$work/all" && unzip -q "$work/all.zip" -d "$work/all"
qpdf --check "$work/all/handout.pdf" >/dev/null 2>&1; check "zip handout qpdf" $? 0
qpdf --check "$work/all/handout.summary.pdf" >/dev/null 2>&1; check "zip summary qpdf" $? 0
cmp -s "$work/all/handout.pdf" "$work/md.pdf"; check "zip handout is the conversion's" $? 0
epubs+=("$work/all/handout.epub")

# The language chosen on the page wins over detection: /Lang and the summary's labels.
check "Spanish chosen" "$(post "$work/es.json" -F file=@"$work/leaflet.md" -F lang=es)" 200
curl -s -o "$work/es.pdf" "$base$(jq -r .files.pdf "$work/es.json")"
curl -s -o "$work/es.summary" "$base$(jq -r .files.summary "$work/es.json")"
qpdf --qdf --object-streams=disable "$work/es.pdf" "$work/es.qdf" 2>/dev/null
grep -aq '/Lang (es)' "$work/es.qdf"; check "Spanish PDF /Lang (es)" $? 0
pdftotext "$work/es.summary" - 2>/dev/null | grep -q "Puntos clave"; check "Spanish summary labels" $? 0
pdftotext "$work/es.pdf" - 2>/dev/null | grep -q "Página 1 de"; check "Spanish handout page label" $? 0
pdftotext "$work/md.summary" - 2>/dev/null | grep -q "Key points"; check "English summary labels (detected)" $? 0
check "unknown language refused" "$(post /dev/null -F text=hello -F lang=xx-evil)" 400

# The page offers the languages of the message catalog and only the files the readers take.
curl -s "$url" >"$work/page.html"
grep -q '<option value="es" lang="es">' "$work/page.html"; check "page offers Spanish" $? 0
accept=$(grep -o 'accept="[^"]*"' "$work/page.html")
check "file picker offers .md" "$(echo "$accept" | grep -c '\.md')" 1
check "file picker offers no .html" "$(echo "$accept" | grep -c '\.htm')" 0

# epubcheck over every EPUB (tests/e2e/epubcheck_many.sh: one JVM when the JDK allows).
"$(dirname "$0")/../e2e/epubcheck_many.sh" "${epubs[@]}" > "$work/epubcheck" 2>&1
check "epubcheck ${#epubs[@]} books" $? 0

code=$(curl -s -o /dev/null -w '%{http_code}' -F text=hello "$base/convert"); check "no token" "$code" 403
code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Handout-Token: wrong" -F text=hello "$base/convert"); check "wrong token" "$code" 403
code=$(post /dev/null -H "Origin: http://evil.example" -F text=hello); check "foreign origin" "$code" 403
code=$(post /dev/null -H "Origin: http://localhost:$port" -F text=hello); check "own origin" "$code" 200
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: evil.example:$port" "$base/"); check "bad host" "$code" 421
code=$(curl -s -o /dev/null -w '%{http_code}' --path-as-is "$base/result/../../etc/passwd"); check "dot-dot path" "$code" 404
code=$(curl -s -o /dev/null -w '%{http_code}' "$base//etc/passwd"); check "absolute path" "$code" 404
code=$(curl -s -o /dev/null -w '%{http_code}' "$base/result/00000000000000000000000000000000/pdf"); check "unknown result" "$code" 404

head -c 100000000 /dev/zero >"$work/big"
start=$(date +%s%N)
code=$(post "$work/big.txt" -F file=@"$work/big")
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "100 MB body" "$code" 413
check "100 MB refused within 5 s ($ms ms)" "$([ $ms -lt 5000 ] && echo yes)" yes
grep -q "too large" "$work/big.txt"; check "413 message" $? 0
rm -f "$work/big"

for i in $(seq 20); do post "$work/c$i.json" -F file=@"$work/leaflet.md" >"$work/c$i.code" & done
wait $(jobs -p | grep -v "^$pid$") 2>/dev/null
ok=0
for i in $(seq 20); do [ "$(cat "$work/c$i.code")" = 200 ] && jq -e .files.pdf "$work/c$i.json" >/dev/null && ok=$((ok + 1)); done
check "20 concurrent conversions" "$ok" 20

kill -TERM $pid
for _ in $(seq 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
wait $pid; check "SIGTERM exit status" $? 0
grep -q stopped "$work/out"; check "clean stop message" $? 0

# A conversion over --limit seconds answers with a message (not a hung request); the server
# goes on converting, and refuses more work (503) while overdue conversions hold the threads.
"$handout" serve --port 0 --limit seconds=1 >"$work/out2" 2>"$work/err2" &
pid=$!
for _ in $(seq 50); do grep -q '^Open ' "$work/out2" && break; sleep 0.1; done
url=$(sed -n 's/^Open //p' "$work/out2")
base=${url%%/\?token=*}
token=${url##*token=}
yes "rest the ankle on a pillow and keep it raised with ice" | head -c 2500000 | tr '\n' ' ' >"$work/slow.txt"
start=$(date +%s%N)
code=$(post "$work/slow.json" -F file=@"$work/slow.txt")
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "over the time limit answers" "$code" 200
check "over the time limit answers within 4 s ($ms ms)" "$([ $ms -lt 4000 ] && echo yes)" yes
check "over the time limit message" "$(jq -r '.messages[0].code' "$work/slow.json")" limit-exceeded
check "no outputs over the time limit" "$(jq -r '.files | length' "$work/slow.json")" 0
check "next conversion in time" "$(post "$work/quick.json" -F file=@"$work/leaflet.md")" 200
jq -e .files.pdf "$work/quick.json" >/dev/null; check "next conversion has its PDF" $? 0
kill -TERM $pid
wait $pid; check "SIGTERM with an overdue conversion" $? 0
exit $fail
