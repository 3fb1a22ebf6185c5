#!/bin/bash
# handout serve over HTTP with curl: conversions with the token give valid outputs; a missing token,
# a foreign Origin, a bad Host, a path out of the routes and a 100 MB body are refused; 20
# conversions at once all finish; SIGTERM stops the server. Usage: serve_http.sh HANDOUT
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
  java -jar /usr/share/java/epubcheck.jar -q "$work/$result.epub" >"$work/$result.epubcheck" 2>&1; check "$result epubcheck" $? 0
done

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
exit $fail
