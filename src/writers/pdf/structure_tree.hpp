// Tagged PDF: the marked content around what the writer draws and the structure tree built
// from the layout's StructureTree (PDF 1.7 §14.7-14.8, PDF/UA-1). The writer draws; before each
// thing it says which element or artifact kind it belongs to (mark), and this module writes the
// BDC/EMC operators with their MCIDs, ties link annotations to their Link elements, and at the
// end writes the structure elements (children in the order their content was drawn), the
// parent tree, /MarkInfo and each page's /StructParents and /Tabs.
#pragma once

#include "layout/structure.hpp"
#include "writers/pdf/pdf_document.hpp"

#include <hpdf.h>

#include <string>
#include <vector>

namespace handout {

/// Records and writes the tagging of one PDF while its pages are drawn, in reading order.
class StructureTreeWriter {
 public:
  /// Tags what is drawn into pdf with the elements of tree.
  StructureTreeWriter(PdfDocument& pdf, const StructureTree& tree);

  /// Starts a page: what is drawn next goes on it (pages are drawn in order).
  void begin_page(HPDF_Page page);
  /// Makes what is drawn next belong to element (an index of the tree) or be an artifact of a
  /// tag:: kind: a new marked-content sequence starts when it differs from the open one.
  void mark(int element);
  /// Closes the open marked-content sequence, if any (before annotations and at a page's end).
  void close();
  /// Ties a link annotation made on the current page to its Link element; contents describes it.
  void link_annotation(HPDF_Annotation annotation, int element, const std::string& contents);
  /// Writes the structure tree, the parent tree, /MarkInfo and every page's /StructParents and
  /// /Tabs /S. Call once, after every page is drawn.
  void finish();

 private:
  /// One entry of an element's /K: marked content, an annotation or a child element.
  struct Kid {
    enum Kind { mcid, annotation, element } kind;
    int value = 0;  ///< the MCID, the annotation's index or the element's index
    int page = 0;
  };
  struct Node {
    std::vector<Kid> kids;
    bool attached = false;  ///< listed in its parent's kids
    int page = -1;          ///< the page of its first marked content (/Pg)
    int parent = -1;        ///< its parent when it differs from the layout's (after a merge)
    int merged_into = -1;   ///< the element that took over its content and kids
  };
  int resolve(int element) const;
  void attach(int element);
  void attach_in_order(int element);
  bool keeps_empty(int element) const;
  int owner(int element) const;
  void merge_single_paragraphs();

  PdfDocument& pdf_;
  const StructureTree& tree_;
  std::vector<Node> nodes_;
  std::vector<HPDF_Page> pages_;
  std::vector<std::vector<int>> page_mcids_;  ///< per page: the element of each MCID
  /// A link annotation, its page's index and its element.
  struct Annot {
    HPDF_Annotation handle;
    int page;
    int element;
  };
  std::vector<Annot> annotations_;
  int open_ = tag::inherit;  ///< the element or artifact kind of the open sequence
  bool is_open_ = false;
};

}  // namespace handout
