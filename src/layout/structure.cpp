#include "layout/structure.hpp"

namespace handout {

StructureTree::StructureTree() { StructElement document;
  document.type = "Document";
  elements_.push_back(std::move(document)); }

int StructureTree::add(std::string type, int parent) {
  StructElement e;
  e.type = std::move(type);
  e.parent = parent;
  elements_.push_back(std::move(e));
  return size() - 1;
}

}  // namespace handout
