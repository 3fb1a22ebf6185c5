// The DocBook 5.0 RELAX NG schema as a test oracle (fuzz targets and tests only; never linked into
// the handout program): libxml2's RelaxNG API, in-process, with the schema parsed once per process.
#pragma once

#include "model/document.hpp"

#include <string>
#include <string_view>

namespace handout::test {

/// Validates DocBook bytes against the DocBook 5.0 RELAX NG schema; returns "" when valid, else
/// libxml2's errors one per line ("line N: element X: message").
std::string docbook_rng_errors(std::string_view xml);

/// Writes doc with the DocBook writer and validates it; returns "" when valid, else the errors.
std::string document_rng_errors(const Document& doc);

/// Validates doc as document_rng_errors() does and aborts, printing the errors and the DocBook
/// (first 4,000 bytes) with stage in the message, when it is invalid (a libFuzzer finding).
void abort_unless_rng_valid(const Document& doc, const char* stage);

}  // namespace handout::test
