#include "writers/font_subset.hpp"

#include <hb-subset.h>
#include <hb.h>

#include <stdexcept>

namespace handout {

std::string subset_font(const std::filesystem::path& file, const std::set<char32_t>& codepoints) {
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.c_str());
  if (blob == nullptr) throw std::runtime_error("cannot read font file " + file.string());
  hb_face_t* face = hb_face_create(blob, 0);
  hb_blob_destroy(blob);
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (input == nullptr) {
    hb_face_destroy(face);
    throw std::runtime_error("out of memory subsetting " + file.string());
  }
  hb_set_t* unicodes = hb_subset_input_unicode_set(input);
  for (const char32_t cp : codepoints) hb_set_add(unicodes, cp);
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
  hb_face_t* subset = hb_subset_or_fail(face, input);
  hb_subset_input_destroy(input);
  hb_face_destroy(face);
  if (subset == nullptr) throw std::runtime_error("HarfBuzz could not subset " + file.string());
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
