#include "layout/paginate.hpp"

#include <algorithm>
#include <map>

namespace handout {

std::vector<std::vector<PlacedItem>> paginate(const Flow& flow, double page_height) {
  const std::vector<FlowItem>& items = flow.items;
  std::map<int, std::vector<std::size_t>> headers;  // table -> its header rows
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].table >= 0 && items[i].header_row) headers[items[i].table].push_back(i);
  }
  std::vector<std::vector<PlacedItem>> pages(1);
  double y = 0;
  std::size_t page_first = 0;  // first flow item placed on this page (repeated headers aside)
  bool page_has_flow = false;
  std::size_t i = 0;
  auto new_page = [&] {
    pages.emplace_back();
    y = 0;
    page_has_flow = false;
  };
  while (i < items.size()) {
    const FlowItem& item = items[i];
    if (!page_has_flow) {
      if (item.discardable && !item.keep_with_next) {
        ++i;
        continue;
      }
      page_first = i;
      // A table going on from the previous page starts with its header rows again.
      if (item.table >= 0 && !item.header_row && pages.size() > 1) {
        auto h = headers.find(item.table);
        if (h != headers.end() && !h->second.empty() && h->second.front() < i) {
          for (std::size_t hi : h->second) {
            pages.back().push_back({hi, y, true});
            y += items[hi].height;
          }
        }
      }
    }
    if (y + item.height <= page_height + 1e-6 || !page_has_flow) {
      pages.back().push_back({i, y});
      y += item.height;
      page_has_flow = true;
      ++i;
      continue;
    }
    // It does not fit: the chain of items kept with it moves to the next page too.
    std::size_t j = i;
    while (j > page_first && items[j - 1].keep_with_next) --j;
    if (j > page_first) {
      auto& page = pages.back();
      page.erase(std::remove_if(page.begin(), page.end(), [&](const PlacedItem& p) { return p.item >= j && p.item < i; }),
                 page.end());
      i = j;
    }
    new_page();
  }
  // A page begun for items that were then discarded (a paragraph's space after the last line)
  // holds nothing: no blank last page.
  while (pages.size() > 1 && pages.back().empty()) pages.pop_back();
  return pages;
}

void draw_placed(const Flow& flow, const std::vector<PlacedItem>& placed, double x, double y, int page_index,
                 Drawing& page, std::vector<Bookmark>& bookmarks) {
  // Each group's extent on this page, outer groups (made first) drawn first.
  std::map<int, std::pair<double, double>> extent;
  for (const PlacedItem& p : placed) {
    const FlowItem& item = flow.items[p.item];
    for (int g : item.groups) {
      auto [it, fresh] = extent.try_emplace(g, p.y, p.y + item.height);
      if (!fresh) {
        it->second.first = std::min(it->second.first, p.y);
        it->second.second = std::max(it->second.second, p.y + item.height);
      }
    }
  }
  for (const auto& [g, span] : extent) {
    const FlowGroup& group = flow.groups[static_cast<std::size_t>(g)];
    const double top = y + span.first, height = span.second - span.first;
    switch (group.kind) {
      case FlowGroup::box:
        page.rects.push_back({x + group.left, top, group.right - group.left, height, true, group.fill, true, group.border, 0.8});
        page.rects.push_back(filled_rect(x + group.left, top, 3, height, group.border));
        break;
      case FlowGroup::bar: page.rects.push_back(filled_rect(x + group.left, top, 3, height, group.border)); break;
      case FlowGroup::shade:
        page.rects.push_back(filled_rect(x + group.left, top, group.right - group.left, height, group.fill));
        break;
    }
  }
  for (const PlacedItem& p : placed) {
    const FlowItem& item = flow.items[p.item];
    if (p.repeated) {
      Drawing again = item.drawing;
      again.make_artifact(tag::repeated);
      page.append(again, x, y + p.y);
    } else {
      page.append(item.drawing, x, y + p.y);
    }
    if (item.bookmark) {
      Bookmark b = *item.bookmark;
      b.page = page_index;
      b.y = y + p.y;
      bookmarks.push_back(b);
    }
  }
}

}  // namespace handout
