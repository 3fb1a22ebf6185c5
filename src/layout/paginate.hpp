// Pagination: items of a flow placed on pages of a given height, keeping keep-with-next
// chains together, dropping spaces at page tops, repeating table header rows.
#pragma once

#include "layout/boxes.hpp"
#include "layout/flow.hpp"

#include <vector>

namespace handout {

/// An item placed on a page: its index in the flow and its top, from the text block's top.
struct PlacedItem {
  std::size_t item = 0;
  double y = 0;
  bool repeated = false;  ///< a table's header row placed again: drawn as a pagination artifact
};

/// Places the flow's items on pages whose text block is page_height tall. An item that does
/// not fit goes to the next page together with the chain of items kept with it, unless that
/// chain fills the whole page. Returns at least one page.
std::vector<std::vector<PlacedItem>> paginate(const Flow& flow, double page_height);

/// Draws placed items into a page drawing with the text block's top-left corner at (x, y):
/// first the boxes and bars of groups (behind), then the items. Bookmarks of placed items are
/// appended to bookmarks with page set to page_index.
void draw_placed(const Flow& flow, const std::vector<PlacedItem>& placed, double x, double y, int page_index,
                 Drawing& page, std::vector<Bookmark>& bookmarks);

}  // namespace handout
