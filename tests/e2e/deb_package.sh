#!/usr/bin/env bash
# The Debian package: cpack builds handout_VERSION_ARCH.deb and handout-dbgsym_VERSION_ARCH.deb
# into OUT_DIR; dpkg -c lists the program, the data, the man page, the completions and the
# licence; dpkg -I names the libraries (from dpkg-shlibdeps) and the fonts; the program in the
# package is stripped and the dbgsym package holds its debug info under its build id.
# usage: deb_package.sh BUILD_DIR OUT_DIR VERSION
. "$(dirname "$0")/common.sh"
build=$(realpath "$1") out=$2 version=$3
rm -rf "$out" && mkdir -p "$out"
out=$(realpath "$out")
arch=$(dpkg --print-architecture)
deb=$out/handout_${version}_${arch}.deb
dbg=$out/handout-dbgsym_${version}_${arch}.deb

check "cpack -G DEB builds the package" bash -c "cd '$build' && cpack -G DEB -B '$out' > '$SCRATCH/cpack.log' 2>&1"
check "  ...handout_${version}_${arch}.deb" test -f "$deb"
check "  ...handout-dbgsym_${version}_${arch}.deb" test -f "$dbg"
dpkg -c "$deb" | awk '{ print $NF }' > "$SCRATCH/list.txt" || true
for f in ./usr/bin/handout ./usr/share/handout/styles/default.yaml ./usr/share/handout/styles/a4.yaml \
         ./usr/share/handout/styles/large-print.yaml ./usr/share/handout/styles/epub.css \
         ./usr/share/handout/styles/boilerplate.yaml ./usr/share/handout/styles/page-words/en.txt \
         ./usr/share/man/man1/handout.1 ./usr/share/bash-completion/completions/handout \
         ./usr/share/zsh/vendor-completions/_handout ./usr/share/fish/vendor_completions.d/handout.fish \
         ./usr/share/doc/handout/copyright ./usr/share/doc/handout/CHANGELOG.md; do
  check "dpkg -c lists $f" grep -qxF "$f" "$SCRATCH/list.txt"
done
check "nothing outside /usr" bash -c "! grep -v '^./usr/' '$SCRATCH/list.txt' | grep -qv '^./$'"
depends=$(dpkg-deb -f "$deb" Depends 2> /dev/null || true)
echo "Depends: $depends"
for lib in libc6 libhpdf libyaml-cpp libpugixml libharfbuzz0b libzip libfontconfig fonts-dejavu-core; do
  check "Depends names $lib" grep -q "$lib" <<< "$depends"
done
check "Version is $version" test "$(dpkg-deb -f "$deb" Version)" = "$version"

dpkg-deb -x "$deb" "$SCRATCH/root"
check "the packaged program is stripped" bash -c "! readelf -S '$SCRATCH/root/usr/bin/handout' | grep -q '\.debug_info'"
check "the packaged program prints its version" test "$(HANDOUT_DATA_DIR= "$SCRATCH/root/usr/bin/handout" --version)" = "handout $version"
id=$(readelf -n "$SCRATCH/root/usr/bin/handout" | sed -n 's/.*Build ID: //p')
check "the dbgsym package holds /usr/lib/debug/.build-id/${id:0:2}/${id:2}.debug" \
  bash -c "dpkg -c '$dbg' | grep -q './usr/lib/debug/.build-id/${id:0:2}/${id:2}.debug'"
echo "sizes: $(stat -c %s "$deb") bytes (.deb), $(stat -c %s "$dbg") bytes (dbgsym), program $(stat -c %s "$SCRATCH/root/usr/bin/handout") bytes"
finish
