#include "layout/structure.hpp"

namespace handout {

StructureTree::StructureTree() { elements_.push_back({"Document", -1, {}, {}, {}, 1, {}}); }

int StructureTree::add(std::string type, int parent) {
  StructElement e;
  e.type = std::move(type);
  e.parent = parent;
  elements_.push_back(std::move(e));
  return size() - 1;
}

}  // namespace handout
