// Writes the every-construct fixture (every_construct.hpp) to the path given, for the end-to-end
// checks: EPUB for epubcheck and Ace; a PDF handout (OUT.pdf) or summary sheet (OUT.summary.pdf)
// for the PDF/UA checks. Exit status 0 when written, 1 on failure.
#include "batch/atomic_file.hpp"
#include "epub/every_construct.hpp"
#include "writers/pdf/pdf.hpp"
#include "writers/summary.hpp"
#include "writers/writer.hpp"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: write_every_construct OUT.epub|OUT.pdf|OUT.summary.pdf\n";
    return 2;
  }
  try {
    handout::Diagnostics diag("every-construct.md");
    const handout::Document doc = handout::test::every_construct_document(diag);
    handout::WriterOptions options;
    options.source_date_epoch = 1767225600;  // 2026-01-01
    const std::string path = argv[1];
    auto ends_with = [&](const std::string& end) {
      return path.size() >= end.size() && path.compare(path.size() - end.size(), end.size(), end) == 0;
    };
    const handout::Output out = ends_with(".summary.pdf") ? handout::write_summary(doc, options, diag)
                                : ends_with(".pdf")       ? handout::write_pdf(doc, options, diag)
                                                          : handout::write_epub(doc, options, diag);
    handout::write_file_atomically(argv[1], out.bytes);
    for (const auto& d : diag.items()) std::cerr << handout::format_diagnostic(d) << '\n';
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "write_every_construct: " << e.what() << '\n';
    return 1;
  }
}
