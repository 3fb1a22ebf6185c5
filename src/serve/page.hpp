// The one page handout serve shows (HTML, CSS and script in one string; @STYLES@ is replaced).
#pragma once

namespace handout {

/// The page's HTML; the server puts the style <option>s where @STYLES@ stands.
extern const char* const kServePage;

/// The page's stylesheet (served as /page.css).
extern const char* const kServeCss;

/// The page's script (served as /page.js): posts the form with the token, shows the result.
extern const char* const kServeJs;

}  // namespace handout
