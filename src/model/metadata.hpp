// Document metadata and its mapping onto DocBook <info> (see DESIGN.md, "The tree").
#pragma once

#include "model/document.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace handout {

/// An author: a person (personname) or an organisation (orgname).
struct Person {
  std::string name;
  bool organization = false;
};

/// Everything a document says about itself. Empty strings mean "not known".
struct Metadata {
  std::string title;                   ///< info/title
  std::string subtitle;                ///< info/subtitle
  std::vector<Person> authors;         ///< info/author
  std::string published;               ///< info/pubdate, ISO 8601
  std::string updated;                 ///< info/revhistory/revision/date, ISO 8601 (last updated or reviewed)
  std::string language;                ///< article/@xml:lang, BCP 47
  std::string summary;                 ///< info/abstract/para (paragraphs separated by blank lines)
  std::vector<std::string> keywords;   ///< info/keywordset/keyword
  std::vector<std::string> legal;      ///< info/legalnotice/para: copyright and licence lines
  std::string copyright_year;          ///< info/copyright/year, when known with the holder
  std::string copyright_holder;        ///< info/copyright/holder
  std::string source_url;              ///< info/bibliosource[@class='uri']
  /// Other front-matter keys, kept as info/bibliomisc[@role='meta:KEY'], in source order.
  std::vector<std::pair<std::string, std::string>> extra;
};

/// Reads the metadata held in the document's <info> and xml:lang.
Metadata read_metadata(const Document& doc);

/// Replaces the metadata elements of <info> (and xml:lang) with m; other <info> children (abstracts
/// with a role, written by transforms) are kept. An empty language leaves xml:lang as is.
void write_metadata(Document& doc, const Metadata& m);

/// Returns true when tag looks like a BCP 47 language tag ("en", "pt-BR", "zh-Hant-TW").
bool is_language_tag(std::string_view tag);

}  // namespace handout

namespace handout {

/// Year and holder read from a copyright line.
struct CopyrightParts {
  std::string year;    ///< the first (or only) year, "2026"
  std::string holder;  ///< the name after the year, without "All rights reserved."
};

/// Reads "© 2026 Name. All rights reserved.", "Copyright (c) 2024-2026 Name" and similar lines.
/// Returns nullopt when the line has no copyright sign or word followed by a year and a holder.
std::optional<CopyrightParts> parse_copyright(std::string_view line);

}  // namespace handout
