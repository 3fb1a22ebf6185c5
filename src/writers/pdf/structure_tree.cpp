#include "writers/pdf/structure_tree.hpp"

#include "writers/pdf/libharu_patches.hpp"

#include <algorithm>

namespace handout {

StructureTreeWriter::StructureTreeWriter(PdfDocument& pdf, const StructureTree& tree)
    : pdf_(pdf), tree_(tree), nodes_(static_cast<std::size_t>(tree.size())) {
  nodes_[0].attached = true;
}

int StructureTreeWriter::resolve(int element) const {
  // Content the layout left unassigned belongs to the document itself: read, never lost.
  return element >= 0 && element < tree_.size() ? element : 0;
}

void StructureTreeWriter::attach(int element) {
  // The first content of an element lists it (and any ancestor not yet listed) at the end of
  // its parent's kids: children come in the order their content is drawn.
  for (int e = element, depth = 0; e != 0 && !nodes_[static_cast<std::size_t>(e)].attached; ++depth) {
    int parent = tree_[e].parent;
    if (parent < 0 || parent >= tree_.size() || depth > tree_.size()) parent = 0;  // an orphan: under the document
    nodes_[static_cast<std::size_t>(e)].attached = true;
    nodes_[static_cast<std::size_t>(parent)].kids.push_back({Kid::element, e, 0});
    e = parent;
  }
}

void StructureTreeWriter::attach_in_order(int element) {
  // An element with no content (an empty table cell): after its siblings made before it.
  if (element == 0 || nodes_[static_cast<std::size_t>(element)].attached) return;
  int parent = tree_[element].parent;
  if (parent < 0 || parent >= tree_.size() || parent == element) parent = 0;
  attach_in_order(parent);
  nodes_[static_cast<std::size_t>(element)].attached = true;
  std::vector<Kid>& kids = nodes_[static_cast<std::size_t>(parent)].kids;
  auto later = std::find_if(kids.begin(), kids.end(), [&](const Kid& k) { return k.kind == Kid::element && k.value > element; });
  kids.insert(later, {Kid::element, element, 0});
}

bool StructureTreeWriter::keeps_empty(int element) const {
  const std::string& type = tree_[element].type;
  return type == "TD" || type == "TH";  // a table's grid stays regular
}

void StructureTreeWriter::begin_page(HPDF_Page page) {
  close();
  pages_.push_back(page);
  page_mcids_.emplace_back();
}

void StructureTreeWriter::mark(int element) {
  if (pages_.empty() || (is_open_ && open_ == element)) return;
  close();
  HPDF_Page page = pages_.back();
  std::string op;
  switch (element) {
    case tag::artifact: op = "/Artifact BMC\n"; break;
    case tag::page_header: op = "/Artifact <</Type /Pagination /Subtype /Header /Attached [/Top]>> BDC\n"; break;
    case tag::page_footer: op = "/Artifact <</Type /Pagination /Subtype /Footer /Attached [/Bottom]>> BDC\n"; break;
    case tag::repeated: op = "/Artifact <</Type /Pagination>> BDC\n"; break;
    default: {
      const int e = resolve(element);
      const int page_index = static_cast<int>(pages_.size()) - 1;
      std::vector<int>& mcids = page_mcids_.back();
      const int mcid = static_cast<int>(mcids.size());
      mcids.push_back(e);
      Node& node = nodes_[static_cast<std::size_t>(e)];
      if (node.page < 0) node.page = page_index;
      node.kids.push_back({Kid::mcid, mcid, page_index});
      attach(e);
      op = "/" + tree_[e].type + " <</MCID " + std::to_string(mcid) + ">> BDC\n";
    }
  }
  pdf_.check(libharu::append_to_page(page, op), "marking content");
  open_ = element;
  is_open_ = true;
}

void StructureTreeWriter::close() {
  if (!is_open_) return;
  pdf_.check(libharu::append_to_page(pages_.back(), "EMC\n"), "marking content");
  is_open_ = false;
}

void StructureTreeWriter::link_annotation(HPDF_Annotation annotation, int element, const std::string& contents) {
  if (annotation == nullptr || pages_.empty()) return;
  const int e = resolve(element);
  const int index = static_cast<int>(annotations_.size());
  annotations_.push_back({annotation, static_cast<int>(pages_.size()) - 1, e});
  nodes_[static_cast<std::size_t>(e)].kids.push_back({Kid::annotation, index, annotations_.back().page});
  attach(e);
  if (!contents.empty()) pdf_.check(libharu::put_text(pdf_.handle(), annotation, "Contents", contents), "describing a link");
}

int StructureTreeWriter::owner(int element) const {
  while (nodes_[static_cast<std::size_t>(element)].merged_into >= 0) element = nodes_[static_cast<std::size_t>(element)].merged_into;
  return element;
}

void StructureTreeWriter::merge_single_paragraphs() {
  // A list body (or a table cell) holding one paragraph holds its content itself: the same
  // reading, one element fewer per list item.
  for (std::size_t e = 0; e < nodes_.size(); ++e) {
    Node& node = nodes_[e];
    const std::string& type = tree_[static_cast<int>(e)].type;
    if (!node.attached || node.kids.size() != 1 || node.kids[0].kind != Kid::element) continue;
    if (type != "LBody" && type != "TD" && type != "TH") continue;
    const int p = node.kids[0].value;
    Node& paragraph = nodes_[static_cast<std::size_t>(p)];
    if (tree_[p].type != "P") continue;
    node.kids = std::move(paragraph.kids);
    node.page = paragraph.page;
    paragraph.kids.clear();
    paragraph.attached = false;
    paragraph.merged_into = static_cast<int>(e);
    for (const Kid& k : node.kids) {
      if (k.kind == Kid::element) nodes_[static_cast<std::size_t>(k.value)].parent = static_cast<int>(e);
    }
  }
}

void StructureTreeWriter::finish() {
  close();
  for (int e = 1; e < tree_.size(); ++e) {
    if (keeps_empty(e)) attach_in_order(e);
  }
  merge_single_paragraphs();
  HPDF_Doc doc = pdf_.handle();
  auto made = [&](auto* object, const char* what) {
    pdf_.check(object != nullptr ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM, what);
    return object;
  };
  auto ok = [&](HPDF_STATUS status) { pdf_.check(status, "writing the structure tree"); };

  HPDF_Dict root = made(libharu::new_dict(doc, true), "making the structure tree");
  // Every element listed gets an indirect dictionary first, so that parents and children can
  // refer to each other.
  std::vector<HPDF_Dict> dicts(nodes_.size(), nullptr);
  for (std::size_t e = 0; e < nodes_.size(); ++e) {
    if (nodes_[e].attached) dicts[e] = made(libharu::new_dict(doc, true), "making a structure element");
  }
  for (std::size_t e = 0; e < nodes_.size(); ++e) {
    if (dicts[e] == nullptr) continue;
    const StructElement& el = tree_[static_cast<int>(e)];
    const Node& node = nodes_[e];
    HPDF_Dict d = dicts[e];
    // /Type /StructElem is optional (ISO 32000-1 table 323): left out, some 2 KB a handout.
    ok(libharu::put_name(d, "S", el.type.c_str()));
    int parent = e == 0 ? -1 : nodes_[e].parent >= 0 ? nodes_[e].parent : el.parent;
    if (e != 0 && (parent < 0 || parent >= tree_.size() || dicts[static_cast<std::size_t>(parent)] == nullptr)) parent = 0;
    ok(libharu::put_dict(d, "P", parent < 0 ? root : dicts[static_cast<std::size_t>(parent)]));
    if (node.page >= 0) ok(libharu::put_dict(d, "Pg", pages_[static_cast<std::size_t>(node.page)]));
    HPDF_Array kids = made(libharu::new_array(doc), "listing structure kids");
    for (const Kid& k : node.kids) {
      if (k.kind == Kid::element) {
        ok(libharu::push_dict(kids, dicts[static_cast<std::size_t>(k.value)]));
      } else if (k.kind == Kid::mcid && k.page == node.page) {
        ok(libharu::push_int(kids, k.value));
      } else if (k.kind == Kid::mcid) {
        HPDF_Dict mcr = made(libharu::new_dict(doc, false), "referring to marked content");
        ok(libharu::put_name(mcr, "Type", "MCR"));
        ok(libharu::put_dict(mcr, "Pg", pages_[static_cast<std::size_t>(k.page)]));
        ok(libharu::put_int(mcr, "MCID", k.value));
        ok(libharu::push_dict(kids, mcr));
      } else {
        HPDF_Dict objr = made(libharu::new_dict(doc, false), "referring to an annotation");
        ok(libharu::put_name(objr, "Type", "OBJR"));
        ok(libharu::put_dict(objr, "Obj", annotations_[static_cast<std::size_t>(k.value)].handle));
        ok(libharu::put_dict(objr, "Pg", pages_[static_cast<std::size_t>(k.page)]));
        ok(libharu::push_dict(kids, objr));
      }
    }
    ok(libharu::put_array(d, "K", kids));
    if (!el.alt.empty()) ok(libharu::put_text(doc, d, "Alt", el.alt));
    if (!el.id.empty()) ok(libharu::put_text(doc, d, "ID", el.id));
    if (!el.lang.empty()) ok(libharu::put_text(doc, d, "Lang", el.lang));
    if (el.type == "TH" || el.type == "TD") {
      if (!el.scope.empty() || el.colspan > 1) {
        HPDF_Dict a = made(libharu::new_dict(doc, false), "making table attributes");
        ok(libharu::put_name(a, "O", "Table"));
        if (!el.scope.empty()) ok(libharu::put_name(a, "Scope", el.scope.c_str()));
        if (el.colspan > 1) ok(libharu::put_int(a, "ColSpan", el.colspan));
        ok(libharu::put_dict(d, "A", a));
      }
    } else if (!el.list_numbering.empty()) {
      HPDF_Dict a = made(libharu::new_dict(doc, false), "making list attributes");
      ok(libharu::put_name(a, "O", "List"));
      ok(libharu::put_name(a, "ListNumbering", el.list_numbering.c_str()));
      ok(libharu::put_dict(d, "A", a));
    }
  }

  // The parent tree: each page's MCIDs (key = the page's index), then each annotation.
  const int page_count = static_cast<int>(pages_.size());
  HPDF_Dict parent_tree = made(libharu::new_dict(doc, false), "making the parent tree");
  HPDF_Array nums = made(libharu::new_array(doc), "making the parent tree");
  for (int p = 0; p < page_count; ++p) {
    ok(libharu::push_int(nums, p));
    HPDF_Array owners = made(libharu::new_array(doc), "making the parent tree");
    for (const int e : page_mcids_[static_cast<std::size_t>(p)]) ok(libharu::push_dict(owners, dicts[static_cast<std::size_t>(owner(e))]));
    ok(libharu::push_array(nums, owners));
    ok(libharu::put_int(pages_[static_cast<std::size_t>(p)], "StructParents", p));
    ok(libharu::put_name(pages_[static_cast<std::size_t>(p)], "Tabs", "S"));
  }
  for (std::size_t a = 0; a < annotations_.size(); ++a) {
    const int key = page_count + static_cast<int>(a);
    ok(libharu::push_int(nums, key));
    ok(libharu::push_dict(nums, dicts[static_cast<std::size_t>(owner(annotations_[a].element))]));
    ok(libharu::put_int(annotations_[a].handle, "StructParent", key));
  }
  ok(libharu::put_array(parent_tree, "Nums", nums));

  ok(libharu::put_name(root, "Type", "StructTreeRoot"));
  ok(libharu::put_dict(root, "K", dicts[0]));
  ok(libharu::put_dict(root, "ParentTree", parent_tree));
  ok(libharu::put_int(root, "ParentTreeNextKey", page_count + static_cast<int>(annotations_.size())));
  ok(libharu::put_dict(libharu::catalog(doc), "StructTreeRoot", root));
  HPDF_Dict mark_info = made(libharu::new_dict(doc, false), "marking the document tagged");
  ok(libharu::put_bool(mark_info, "Marked", true));
  ok(libharu::put_dict(libharu::catalog(doc), "MarkInfo", mark_info));
}

}  // namespace handout
