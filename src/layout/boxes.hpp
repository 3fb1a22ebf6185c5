// What layout produces: pages of positioned boxes. Coordinates are points from the page's
// top-left corner, y growing downwards; a text run's y is its baseline. Writers only draw these.
#pragma once

#include "layout/structure.hpp"
#include "layout/style.hpp"

#include <string>
#include <vector>

namespace handout {

/// A run of text in one face and size.
struct TextRun {
  double x = 0, y = 0;  ///< start of the baseline
  double width = 0;     ///< advance width of the whole run
  int face = 0;         ///< index in the FontSet
  double size = 12;
  Color color;
  std::string text;     ///< UTF-8, every character has a glyph in the face
  int element = tag::inherit;  ///< its structure element, or a tag:: artifact kind
};

/// A rectangle, filled and/or stroked (a rule is a thin filled rectangle).
struct RectBox {
  double x = 0, y = 0, width = 0, height = 0;
  bool fill = false;
  Color fill_color;
  bool stroke = false;
  Color stroke_color;
  double line_width = 0.5;
  int element = tag::artifact;  ///< a structure element (a QR code's Figure) or an artifact kind
  std::size_t at_run = 0;       ///< a tagged rectangle is drawn before this run of its drawing
};

/// Returns a filled rectangle with no stroke.
inline RectBox filled_rect(double x, double y, double width, double height, Color color) {
  RectBox r;
  r.x = x, r.y = y, r.width = width, r.height = height, r.fill = true, r.fill_color = color;
  return r;
}

/// An image scaled into a rectangle; key is the image's reference in the tree (fileref).
struct ImageBox {
  double x = 0, y = 0, width = 0, height = 0;
  std::string key;
  int element = tag::inherit;  ///< its Figure, or an artifact kind (a logo)
  std::size_t at_run = 0;      ///< drawn before this run of its drawing (reading order)
};

/// A clickable area: to an external URI, or to an anchor id of this document.
struct LinkArea {
  double x = 0, y = 0, width = 0, height = 0;
  std::string uri;
  std::string target;
  int element = tag::inherit;  ///< its Link element; a link in an artifact is not made
};

/// A named position (an xml:id, a footnote) that internal links and bookmarks point to.
struct Anchor {
  std::string id;
  double y = 0;
};

/// What is drawn on one page (or, before pagination, within one item).
struct Drawing {
  std::vector<RectBox> rects;  ///< drawn first, under text
  std::vector<ImageBox> images;
  std::vector<TextRun> runs;
  std::vector<LinkArea> links;
  std::vector<Anchor> anchors;

  /// Appends other's contents moved right by dx and down by dy.
  void append(const Drawing& other, double dx, double dy) {
    const std::size_t base = runs.size();
    for (RectBox r : other.rects) r.x += dx, r.y += dy, r.at_run += base, rects.push_back(r);
    for (ImageBox i : other.images) i.x += dx, i.y += dy, i.at_run += base, images.push_back(i);
    for (TextRun t : other.runs) t.x += dx, t.y += dy, runs.push_back(std::move(t));
    for (LinkArea l : other.links) l.x += dx, l.y += dy, links.push_back(std::move(l));
    for (Anchor a : other.anchors) a.y += dy, anchors.push_back(std::move(a));
  }

  /// Gives element (a structure element or an artifact kind) to every run, image and link
  /// that has none yet (tag::inherit).
  void claim(int element) {
    for (TextRun& t : runs)
      if (t.element == tag::inherit) t.element = element;
    for (ImageBox& i : images)
      if (i.element == tag::inherit) i.element = element;
    for (LinkArea& l : links)
      if (l.element == tag::inherit) l.element = element;
  }

  /// Makes everything drawn an artifact of the given kind (no structure element, no link).
  void make_artifact(int kind) {
    for (TextRun& t : runs) t.element = kind;
    for (ImageBox& i : images) i.element = kind;
    for (RectBox& r : rects) r.element = kind < 0 ? tag::artifact : kind;
    for (LinkArea& l : links) l.element = kind;
  }
};

/// A bookmark (outline entry) for a section heading.
struct Bookmark {
  std::string title;
  int level = 1;  ///< 1 for top-level sections
  int page = 0;   ///< 0-based page index
  double y = 0;
};

/// A laid-out document, ready to draw.
struct LaidOutDocument {
  PageGeometry geometry;
  std::vector<Drawing> pages;
  std::vector<Bookmark> bookmarks;
  StructureTree structure;  ///< the elements the pages' runs, images and links belong to
};

}  // namespace handout
