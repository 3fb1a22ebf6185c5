#include "transforms/section_ids.hpp"

#include "text/text.hpp"

#include <cstring>
#include <string>
#include <unordered_set>

namespace handout {

void assign_section_ids(Document& doc) {
  std::unordered_set<std::string> ids;
  for (const auto& x : doc.xml().select_nodes("//*[@xml:id]")) ids.insert(x.node().attribute("xml:id").value());
  for (const auto& x : doc.xml().select_nodes("//section")) {
    pugi::xml_node section = x.node();
    if (section.attribute("xml:id")) continue;
    std::string base = text::slugify(text_content(section.child("title"), true));
    if (base.empty()) base = "section";
    if (!((base[0] >= 'a' && base[0] <= 'z'))) base = "s-" + base;
    std::string id = base;
    for (int n = 2; ids.count(id) != 0; ++n) id = base + "-" + std::to_string(n);
    ids.insert(id);
    section.append_attribute("xml:id") = id.c_str();
  }
}

}  // namespace handout
