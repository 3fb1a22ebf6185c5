#!/usr/bin/env bash
# The libharu patches are bound in the built program, read from its ELF data and the dynamic
# linker rather than from output that would still be valid without them. The patches are the
# functions src/writers/pdf/libharu_patches.cpp defines with HANDOUT_REPLACES_LIBHARU. For each:
# the program exports its definition (readelf --dyn-syms: a GLOBAL DEFAULT FUNC in a section of
# the program, not UND) and does not import it (readelf -r); the libhpdf the program loads calls
# it through a relocation (JUMP_SLOT or GLOB_DAT: interposable, not bound inside the library);
# and the dynamic linker binds libhpdf's reference to the program (LD_DEBUG=bindings while a PDF
# is written). Relinking with -Wl,--exclude-libs,ALL or -fvisibility=hidden without the
# attribute, or a libhpdf built with -Bsymbolic, fails here.
# usage: libharu_patches.sh HANDOUT ROOT
. "$(dirname "$0")/common.sh"
handout=$1 root=$2
command -v readelf > /dev/null || { echo "libharu_patches.sh: needs readelf (binutils)"; exit 1; }

mapfile -t symbols < <(sed -n 's/^HANDOUT_REPLACES_LIBHARU .*[ *]\(HPDF_[A-Za-z_]*\)(.*/\1/p' \
  "$root/src/writers/pdf/libharu_patches.cpp")
echo "patched symbols: ${symbols[*]}"
check "libharu_patches.cpp defines the patches (found ${#symbols[@]})" test "${#symbols[@]}" -ge 4

libhpdf=$(ldd "$handout" | awk '/libhpdf/ { print $3; exit }')
check "the program loads a libhpdf ($libhpdf)" test -f "$libhpdf"

readelf -W --dyn-syms "$handout" > "$SCRATCH/program-dynsym"
readelf -W -r "$handout" > "$SCRATCH/program-relocs"
readelf -W -r "$libhpdf" > "$SCRATCH/libhpdf-relocs"
printf '# T\n\nText.\n' > "$SCRATCH/t.md"
LD_DEBUG=bindings LD_DEBUG_OUTPUT="$SCRATCH/bindings" "$handout" convert "$SCRATCH/t.md" -o "$SCRATCH/t.pdf" > /dev/null
check "a PDF was written while the bindings were logged" test -s "$SCRATCH/t.pdf"
cat "$SCRATCH"/bindings.* > "$SCRATCH/bindings" 2> /dev/null || true

# exported SYMBOL: the program's dynamic symbol table defines it (a section index, not UND).
exported() {
  awk -v s="$1" '$8 == s && $4 == "FUNC" && $5 == "GLOBAL" && $6 == "DEFAULT" && $7 ~ /^[0-9]+$/ { found = 1 } END { exit !found }' \
    "$SCRATCH/program-dynsym"
}
# not_imported SYMBOL: no dynamic relocation of the program names it.
not_imported() { ! grep -Eq "[[:space:]]$1([[:space:]]|$)" "$SCRATCH/program-relocs"; }
# called_through_plt SYMBOL: libhpdf reaches it through a JUMP_SLOT or GLOB_DAT relocation.
called_through_plt() { grep -Eq "R_[A-Z0-9_]*(JUMP_SLOT|GLOB_DAT)[[:space:]]+[0-9a-f]+[[:space:]]+$1 " "$SCRATCH/libhpdf-relocs"; }
# bound_to_program SYMBOL: the dynamic linker bound libhpdf's reference to the program.
bound_to_program() {
  grep -Eq "binding file [^ ]*libhpdf[^ ]* \[[0-9]+\] to [^ ]*$(basename "$handout") \[[0-9]+\]: normal symbol \`$1'" "$SCRATCH/bindings"
}

for s in "${symbols[@]}"; do
  check "$s: the program exports its definition" exported "$s"
  check "$s: the program does not import it" not_imported "$s"
  check "$s: libhpdf calls it through a relocation" called_through_plt "$s"
  check "$s: the dynamic linker binds libhpdf's calls to the program" bound_to_program "$s"
done
finish
