// The XMP metadata packet of a PDF: Dublin Core title, language, creators and description,
// creation and modification dates, the creating tool and the PDF/UA-1 identification.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace handout {

/// What the XMP packet says about a document.
struct XmpFields {
  std::string title;
  std::string language;                    ///< BCP 47; x-default text when empty
  std::vector<std::string> creators;       ///< authors, in order
  std::string description;
  std::string keywords;
  std::string tool;                        ///< the program that wrote the file
  std::optional<std::int64_t> date_epoch;  ///< creation and modification date; none when unset
  bool pdfua = true;                       ///< claims PDF/UA-1 (pdfuaid:part 1)
};

/// Returns the XMP packet (UTF-8 XML, every field escaped, characters XML cannot hold left out),
/// the same bytes for the same fields: no random ids, no time of writing.
std::string xmp_packet(const XmpFields& fields);

}  // namespace handout
