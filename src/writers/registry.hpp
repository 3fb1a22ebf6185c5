// The writer registry: which outputs exist and how their files are named.
#pragma once

#include "writers/writer.hpp"

#include <span>
#include <string_view>

namespace handout {

/// One output format and its writer.
struct WriterEntry {
  std::string_view name;       ///< as given to --to and --formats: "docbook", "pdf"...
  std::string_view extension;  ///< appended to the source's stem: ".xml", ".pdf", ".summary.pdf"
  WriterFn write;
  bool uses_style = true;      ///< its output depends on --style (a style change rebuilds it)
  bool binary = true;          ///< not text: never written to a terminal
  std::string_view label = {};  ///< what the catalog and --list-formats call it: "PDF handout"
  int catalog_order = 0;        ///< the catalog lists exports by this, smallest first (what people print first)
  std::string_view action = {}; ///< the catalog's button for readers ("Print handout"); empty: a maintainer's file
};

/// Returns every registered writer.
std::span<const WriterEntry> writer_registry();

/// Returns the writer named name, or nullptr.
const WriterEntry* find_writer(std::string_view name);

/// Returns the writer whose extension ends path (longest match: ".summary.pdf" before ".pdf"), or nullptr.
const WriterEntry* writer_for_path(std::string_view path);

}  // namespace handout
