#include "batch/program_identity.hpp"

#include "batch/content_hash.hpp"

#include <cstdint>
#include <cstring>
#include <exception>

#include <elf.h>
#include <link.h>

namespace handout {

namespace {

/// Reads the NT_GNU_BUILD_ID note of the first loaded object (the executable itself).
int find_build_id(struct dl_phdr_info* info, std::size_t /*size*/, void* data) {
  auto* out = static_cast<std::string*>(data);
  for (ElfW(Half) i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    const auto* p = reinterpret_cast<const unsigned char*>(info->dlpi_addr + ph.p_vaddr);
    const unsigned char* end = p + ph.p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      ElfW(Nhdr) note;
      std::memcpy(&note, p, sizeof note);
      const unsigned char* name = p + sizeof note;
      const unsigned char* desc = name + ((note.n_namesz + 3) & ~3u);
      if (desc + note.n_descsz > end) break;
      if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
        static constexpr char kDigits[] = "0123456789abcdef";
        for (std::uint32_t b = 0; b < note.n_descsz; ++b) {
          *out += kDigits[desc[b] >> 4];
          *out += kDigits[desc[b] & 0xF];
        }
        return 1;
      }
      p = desc + ((note.n_descsz + 3) & ~3u);
    }
  }
  return 1;  // only the first object (the executable) is looked at
}

}  // namespace

std::string program_build_id() {
  static const std::string id = [] {
    std::string found;
    dl_iterate_phdr(find_build_id, &found);
    if (!found.empty()) return found;
    try {
      return "xxh3:" + hash_file("/proc/self/exe");
    } catch (const std::exception&) {
      return std::string();
    }
  }();
  return id;
}

std::string program_fingerprint() { return std::string("handout ") + HANDOUT_VERSION + " " + program_build_id(); }

}  // namespace handout
