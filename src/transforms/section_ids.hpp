// Section ids: stable slugs from section titles.
#pragma once

#include "model/document.hpp"

namespace handout {

/// Gives every <section> without xml:id a slug of its title ("when-to-call-911"), made unique
/// against every id in the document with "-2", "-3"... Same tree in, same ids out.
void assign_section_ids(Document& doc);

}  // namespace handout
