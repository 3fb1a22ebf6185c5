// DocBook 5.0 RELAX NG validation with libxml2 (see docbook_rng.hpp).
#include "docbook_rng.hpp"

#include "model/diagnostics.hpp"
#include "writers/writer.hpp"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace handout::test {
namespace {

/// Appends each structured libxml2 error to the std::string given as context.
void collect_error(void* context, xmlErrorPtr error) {
  if (error == nullptr) return;
  auto& out = *static_cast<std::string*>(context);
  out += "line " + std::to_string(error->line) + ": ";
  if (error->node != nullptr && static_cast<xmlNodePtr>(error->node)->name != nullptr) {
    out += "element ";
    out += reinterpret_cast<const char*>(static_cast<xmlNodePtr>(error->node)->name);
    out += ": ";
  }
  std::string message = error->message != nullptr ? error->message : "(no message)";
  while (!message.empty() && message.back() == '\n') message.pop_back();
  out += message + "\n";
}

/// The schema, read from HANDOUT_DOCBOOK_RNG into memory and parsed on first use; kept for the
/// life of the process. Aborts when it cannot be read or parsed (the oracle must not pass quietly).
xmlRelaxNGPtr schema() {
  static xmlRelaxNGPtr parsed = [] {
    std::ifstream in(HANDOUT_DOCBOOK_RNG, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    const std::string rng = bytes.str();
    if (!in || rng.empty()) {
      std::fprintf(stderr, "docbook_rng: cannot read %s (Debian package docbook5-xml)\n", HANDOUT_DOCBOOK_RNG);
      std::abort();
    }
    xmlRelaxNGParserCtxtPtr ctxt = xmlRelaxNGNewMemParserCtxt(rng.data(), static_cast<int>(rng.size()));
    std::string errors;
    xmlRelaxNGSetParserStructuredErrors(ctxt, collect_error, &errors);
    xmlRelaxNGPtr result = xmlRelaxNGParse(ctxt);
    xmlRelaxNGFreeParserCtxt(ctxt);
    if (result == nullptr) {
      std::fprintf(stderr, "docbook_rng: %s does not parse as RELAX NG:\n%s", HANDOUT_DOCBOOK_RNG, errors.c_str());
      std::abort();
    }
    return result;
  }();
  return parsed;
}

}  // namespace

std::string docbook_rng_errors(std::string_view xml) {
  xmlRelaxNGPtr rng = schema();
  std::string errors;
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "docbook.xml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == nullptr) {
    const xmlError* error = xmlGetLastError();
    return std::string("not well-formed XML: ") + (error != nullptr && error->message ? error->message : "?");
  }
  xmlRelaxNGValidCtxtPtr ctxt = xmlRelaxNGNewValidCtxt(rng);
  xmlRelaxNGSetValidStructuredErrors(ctxt, collect_error, &errors);
  const int status = xmlRelaxNGValidateDoc(ctxt, doc);
  xmlRelaxNGFreeValidCtxt(ctxt);
  xmlFreeDoc(doc);
  if (status != 0 && errors.empty()) errors = "invalid (libxml2 status " + std::to_string(status) + ")\n";
  return errors;
}

std::string document_rng_errors(const Document& doc) {
  Diagnostics diag("docbook-rng");
  const Output out = write_docbook(doc, WriterOptions{}, diag);
  return docbook_rng_errors(out.bytes);
}

void abort_unless_rng_valid(const Document& doc, const char* stage) {
  Diagnostics diag("docbook-rng");
  const Output out = write_docbook(doc, WriterOptions{}, diag);
  const std::string errors = docbook_rng_errors(out.bytes);
  if (errors.empty()) return;
  std::fprintf(stderr, "DocBook 5.0 RELAX NG: the tree after %s is invalid:\n%s--- DocBook (first 4000 bytes) ---\n%.4000s\n",
               stage, errors.c_str(), out.bytes.c_str());
  std::abort();
}

}  // namespace handout::test
