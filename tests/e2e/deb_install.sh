#!/usr/bin/env bash
# Installs the package deb_package.sh built with dpkg -i, runs the installed /usr/bin/handout
# (--version, every sample of input/ to every format, from another folder), then removes it with
# dpkg -r. It changes the machine for a moment, so it runs only as root with HANDOUT_TEST_DPKG=1
# (`make test` sets it; HANDOUT_TEST_DPKG=0 make test skips it) and only when no handout package
# is installed already; else it is skipped (exit 77).
# usage: deb_install.sh PACKAGE_DIR ROOT VERSION
if [ "${HANDOUT_TEST_DPKG:-}" != 1 ] || [ "$(id -u)" != 0 ]; then
  echo "skipped: installs a package on this machine; run as root with HANDOUT_TEST_DPKG=1"
  exit 77
fi
. "$(dirname "$0")/common.sh"
out=$1 root=$(realpath "$2") version=$3
deb=$out/handout_${version}_$(dpkg --print-architecture).deb
if dpkg-query -W -f='${Status}' handout 2> /dev/null | grep -q 'install ok installed'; then
  echo "skipped: handout is already installed from a package; not touching it"
  exit 77
fi
check "dpkg -i installs the package" dpkg -i "$deb"
check "/usr/bin/handout --version" test "$(/usr/bin/handout --version)" = "handout $version"
cp -r "$root/input" "$SCRATCH/input"
cd "$SCRATCH"
n=$(find input -type f \( -name '*.md' -o -name '*.txt' -o -name '*.wiki' \) | wc -l)
check "the installed program builds every sample" /usr/bin/handout build input -o out --jobs 2
check "  ...to all four formats" test "$(find out -type f \( -name '*.xml' -o -name '*.pdf' -o -name '*.epub' \) | wc -l)" -eq $((n * 4))
check "man finds handout(1)" bash -c "MANWIDTH=80 man handout 2> /dev/null | grep -q 'handout build' || ! command -v man > /dev/null"
check "dpkg -r removes it" dpkg -r handout
check "  ...and /usr/bin/handout is gone" test ! -e /usr/bin/handout
check "  ...with its data" test ! -e /usr/share/handout/styles/default.yaml
finish
