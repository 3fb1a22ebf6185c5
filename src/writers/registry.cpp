#include "writers/registry.hpp"

#include "writers/summary.hpp"

#include <array>

namespace handout {

namespace {

constexpr std::array kWriters = {
    WriterEntry{"docbook", ".xml", write_docbook, /*uses_style=*/false, /*binary=*/false, "DocBook", 4, ""},
    WriterEntry{"pdf", ".pdf", write_pdf, true, true, "PDF handout", 0, "Print handout"},
    WriterEntry{"epub", ".epub", write_epub, true, true, "EPUB", 2, "Download EPUB"},
    WriterEntry{"summary", ".summary.pdf", write_summary, true, true, "Summary sheet", 1, "Print summary"},
};

}  // namespace

std::span<const WriterEntry> writer_registry() { return kWriters; }

const WriterEntry* find_writer(std::string_view name) {
  for (const WriterEntry& w : kWriters)
    if (w.name == name) return &w;
  return nullptr;
}

const WriterEntry* writer_for_path(std::string_view path) {
  const WriterEntry* best = nullptr;
  for (const WriterEntry& w : kWriters) {
    if (path.size() >= w.extension.size() && path.substr(path.size() - w.extension.size()) == w.extension &&
        (best == nullptr || w.extension.size() > best->extension.size())) {
      best = &w;
    }
  }
  return best;
}

}  // namespace handout
