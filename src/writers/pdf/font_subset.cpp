#include "writers/pdf/font_subset.hpp"

#include <hb-subset.h>
#include <hb.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace handout {

namespace {

/// The tables libharu 2.3.0 copies into an embedded TrueType font (its REQUIRED_TAGS); it drops
/// every other table, so subsetting those (GSUB, GPOS, GDEF...) is wasted work.
constexpr hb_tag_t kTablesLibharuKeeps[] = {
    HB_TAG('O', 'S', '/', '2'), HB_TAG('c', 'm', 'a', 'p'), HB_TAG('c', 'v', 't', ' '), HB_TAG('f', 'p', 'g', 'm'),
    HB_TAG('g', 'l', 'y', 'f'), HB_TAG('h', 'e', 'a', 'd'), HB_TAG('h', 'h', 'e', 'a'), HB_TAG('h', 'm', 't', 'x'),
    HB_TAG('l', 'o', 'c', 'a'), HB_TAG('m', 'a', 'x', 'p'), HB_TAG('n', 'a', 'm', 'e'), HB_TAG('p', 'o', 's', 't'),
    HB_TAG('p', 'r', 'e', 'p')};

/// A font file parsed once per process; HarfBuzz faces are immutable and safe to share
/// between threads.
struct FaceDeleter {
  void operator()(hb_face_t* f) const { hb_face_destroy(f); }
};
using FacePtr = std::unique_ptr<hb_face_t, FaceDeleter>;

std::mutex g_faces_mutex;

hb_face_t* shared_face(const std::filesystem::path& file) {
  static std::map<std::filesystem::path, FacePtr> faces;
  std::lock_guard lock(g_faces_mutex);
  if (auto it = faces.find(file); it != faces.end()) return it->second.get();
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.c_str());
  if (blob == nullptr) throw std::runtime_error("cannot read font file " + file.string());
  hb_face_t* face = hb_face_create(blob, 0);
  hb_blob_destroy(blob);
  hb_face_make_immutable(face);
  return faces.emplace(file, FacePtr(face)).first->second.get();
}

/// The face to subset a font file from: from its third subset in a thread on, the file
/// prepared for subsetting (hb_subset_preprocess: its tables parsed and the subsetter's lookups
/// built once, which costs a few subsets' time), one per thread: the subsetter's caches on a
/// prepared face are not documented as safe to share. A batch subsets the same few fonts
/// hundreds of times; a single conversion, twice.
hb_face_t* face_to_subset(const std::filesystem::path& file) {
  struct Prepared {
    int uses = 0;
    FacePtr face;
  };
  thread_local std::map<std::filesystem::path, Prepared> prepared;
  Prepared& p = prepared[file];
  if (p.face) return p.face.get();
  if (++p.uses <= 2) return shared_face(file);
  hb_face_t* face = hb_subset_preprocess(shared_face(file));
  if (face == nullptr || face == hb_face_get_empty()) throw std::runtime_error("HarfBuzz could not read font file " + file.string());
  p.face.reset(face);
  return face;
}

/// libharu 2.3.0 fails to save (0x1033) when a font's last table, 'prep', is empty and the
/// tables before it fill its memory stream to an exact multiple of 4,096 bytes: it then seeks
/// to a buffer that does not exist. A subset without hinting has no 'prep', so about one font
/// in a thousand failed. A 'prep' of one harmless instruction (push 0, pop) avoids it.
constexpr char kHarmlessPrep[] = {static_cast<char>(0xB0), 0x00, 0x21};

}  // namespace

namespace {

/// Drops every table libharu would not copy from input's subset.
void drop_tables_libharu_ignores(hb_face_t* face, hb_subset_input_t* input) {
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  hb_tag_t tags[64];
  unsigned count = 64;
  for (unsigned start = 0;; start += count, count = 64) {
    hb_face_get_table_tags(face, start, &count, tags);
    for (unsigned i = 0; i < count; ++i)
      if (std::find(std::begin(kTablesLibharuKeeps), std::end(kTablesLibharuKeeps), tags[i]) == std::end(kTablesLibharuKeeps))
        hb_set_add(drop, tags[i]);
    if (count < 64) break;
  }
}

/// Adds table to a subset face (a face builder); throws when HarfBuzz refuses.
void add_table(hb_face_t* subset, hb_tag_t tag, const std::string& bytes, const std::filesystem::path& file) {
  hb_blob_t* blob = hb_blob_create(bytes.data(), static_cast<unsigned>(bytes.size()), HB_MEMORY_MODE_DUPLICATE, nullptr, nullptr);
  const bool added = hb_face_builder_add_table(subset, tag, blob);
  hb_blob_destroy(blob);
  if (!added) {
    hb_face_destroy(subset);
    throw std::runtime_error("HarfBuzz could not complete the subset of " + file.string());
  }
}

/// Returns the bytes of a subset face.
std::string face_bytes(hb_face_t* subset, const std::filesystem::path& file) {
  hb_blob_t* out = hb_face_reference_blob(subset);
  unsigned length = 0;
  const char* data = hb_blob_get_data(out, &length);
  std::string bytes(data, length);
  hb_blob_destroy(out);
  hb_face_destroy(subset);
  if (bytes.empty()) throw std::runtime_error("HarfBuzz made an empty subset of " + file.string());
  return bytes;
}

void put16(std::string& out, unsigned v) {
  out += static_cast<char>((v >> 8) & 0xFF);
  out += static_cast<char>(v & 0xFF);
}

/// A cmap table with one format 4 subtable (Windows, Unicode BMP): code -> glyph.
std::string format4_cmap(const std::map<std::uint16_t, std::uint16_t>& map) {
  struct Segment {
    unsigned start, end, delta;
  };
  std::vector<Segment> segments;
  for (const auto& [code, glyph] : map) {
    if (code == 0xFFFF) continue;
    const unsigned delta = (glyph - code) & 0xFFFF;
    if (!segments.empty() && segments.back().end + 1 == code && segments.back().delta == delta) {
      segments.back().end = code;
    } else {
      segments.push_back({code, code, delta});
    }
  }
  segments.push_back({0xFFFF, 0xFFFF, 1});
  const unsigned seg_count = static_cast<unsigned>(segments.size());
  unsigned search_range = 2, entry_selector = 0;
  while (search_range * 2 <= seg_count * 2) {
    search_range *= 2;
    ++entry_selector;
  }
  std::string sub;
  put16(sub, 4);
  put16(sub, 16 + seg_count * 8);
  put16(sub, 0);
  put16(sub, seg_count * 2);
  put16(sub, search_range);
  put16(sub, entry_selector);
  put16(sub, seg_count * 2 - search_range);
  for (const Segment& s : segments) put16(sub, s.end);
  put16(sub, 0);
  for (const Segment& s : segments) put16(sub, s.start);
  for (const Segment& s : segments) put16(sub, s.delta);
  for (std::size_t i = 0; i < segments.size(); ++i) put16(sub, 0);
  std::string table;
  put16(table, 0);
  put16(table, 1);
  put16(table, 3);
  put16(table, 1);
  put16(table, 0);
  put16(table, 12);
  return table + sub;
}

}  // namespace

std::string subset_font_glyphs(const std::filesystem::path& file, const std::map<std::uint16_t, std::uint32_t>& code_to_glyph) {
  hb_face_t* face = face_to_subset(file);
  hb_face_t* source = shared_face(file);  // a prepared face lists no table tags
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (input == nullptr) throw std::runtime_error("out of memory subsetting " + file.string());
  hb_set_t* glyphs = hb_subset_input_glyph_set(input);
  hb_set_add(glyphs, 0);
  for (const auto& [code, glyph] : code_to_glyph) hb_set_add(glyphs, glyph);
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
  drop_tables_libharu_ignores(source, input);
  hb_subset_plan_t* plan = hb_subset_plan_create_or_fail(face, input);
  hb_subset_input_destroy(input);
  if (plan == nullptr) throw std::runtime_error("HarfBuzz could not subset " + file.string());
  const hb_map_t* old_to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
  std::map<std::uint16_t, std::uint16_t> cmap;
  for (const auto& [code, glyph] : code_to_glyph) {
    const hb_codepoint_t mapped = hb_map_get(old_to_new, glyph);
    if (mapped != HB_MAP_VALUE_INVALID) cmap[code] = static_cast<std::uint16_t>(mapped);
  }
  hb_face_t* subset = hb_subset_plan_execute_or_fail(plan);
  hb_subset_plan_destroy(plan);
  if (subset == nullptr) throw std::runtime_error("HarfBuzz could not subset " + file.string());
  add_table(subset, HB_TAG('c', 'm', 'a', 'p'), format4_cmap(cmap), file);
  add_table(subset, HB_TAG('p', 'r', 'e', 'p'), std::string(kHarmlessPrep, sizeof kHarmlessPrep), file);
  return face_bytes(subset, file);
}

std::string subset_font(const std::filesystem::path& file, const std::set<char32_t>& codepoints) {
  hb_face_t* face = face_to_subset(file);
  hb_face_t* source = shared_face(file);  // a prepared face lists no table tags
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (input == nullptr) throw std::runtime_error("out of memory subsetting " + file.string());
  hb_set_t* unicodes = hb_subset_input_unicode_set(input);
  for (const char32_t cp : codepoints) hb_set_add(unicodes, cp);
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
  drop_tables_libharu_ignores(source, input);
  hb_face_t* subset = hb_subset_or_fail(face, input);
  hb_subset_input_destroy(input);
  if (subset == nullptr) throw std::runtime_error("HarfBuzz could not subset " + file.string());
  hb_blob_t* prep = hb_blob_create(kHarmlessPrep, sizeof kHarmlessPrep, HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  const bool added = hb_face_builder_add_table(subset, HB_TAG('p', 'r', 'e', 'p'), prep);
  hb_blob_destroy(prep);
  if (!added) {
    hb_face_destroy(subset);
    throw std::runtime_error("HarfBuzz could not complete the subset of " + file.string());
  }
  hb_blob_t* out = hb_face_reference_blob(subset);
  unsigned length = 0;
  const char* data = hb_blob_get_data(out, &length);
  std::string bytes(data, length);
  hb_blob_destroy(out);
  hb_face_destroy(subset);
  if (bytes.empty()) throw std::runtime_error("HarfBuzz made an empty subset of " + file.string());
  return bytes;
}

}  // namespace handout
