#include "writers/zip_archive.hpp"

#include <zip.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <stdexcept>

namespace handout {

namespace {

/// ZIP's MS-DOS date and time for a UTC instant (two-second resolution, years 1980–2107).
struct DosTime {
  std::uint16_t time = 0;
  std::uint16_t date = 0;
};

DosTime dos_time_of(std::int64_t unix_time) {
  using namespace std::chrono;
  constexpr std::int64_t kFirst = 315532800;   // 1980-01-01T00:00:00Z
  constexpr std::int64_t kLast = 4354819198;   // 2107-12-31T23:59:58Z
  const std::int64_t t = std::clamp(unix_time, kFirst, kLast);
  const sys_seconds instant{seconds{t}};
  const sys_days day = floor<days>(instant);
  const year_month_day ymd{day};
  const hh_mm_ss<seconds> hms{instant - day};
  DosTime d;
  d.date = static_cast<std::uint16_t>(((static_cast<int>(ymd.year()) - 1980) << 9) |
                                      (static_cast<unsigned>(ymd.month()) << 5) | static_cast<unsigned>(ymd.day()));
  d.time = static_cast<std::uint16_t>((hms.hours().count() << 11) | (hms.minutes().count() << 5) |
                                      (hms.seconds().count() / 2));
  return d;
}

[[noreturn]] void fail(const std::string& what, zip_error_t* error) {
  throw std::runtime_error(what + ": " + (error != nullptr ? zip_error_strerror(error) : "unknown libzip error"));
}

}  // namespace

struct ZipWriter::State {
  DosTime stamp;
  zip_source_t* buffer = nullptr;  // the archive's bytes; kept alive past zip_close
  zip_t* archive = nullptr;
  std::deque<std::string> contents;  // entry bytes must outlive zip_close
};

ZipWriter::ZipWriter(std::int64_t unix_time) : state_(std::make_unique<State>()) {
  state_->stamp = dos_time_of(unix_time);
  zip_error_t error;
  zip_error_init(&error);
  state_->buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (state_->buffer == nullptr) fail("cannot create a ZIP buffer", &error);
  zip_source_keep(state_->buffer);
  state_->archive = zip_open_from_source(state_->buffer, ZIP_TRUNCATE, &error);
  if (state_->archive == nullptr) {
    zip_source_free(state_->buffer);
    fail("cannot start a ZIP archive", &error);
  }
  zip_error_fini(&error);
}

ZipWriter::~ZipWriter() {
  if (state_->archive != nullptr) zip_discard(state_->archive);
  if (state_->buffer != nullptr) zip_source_free(state_->buffer);
}

void ZipWriter::add(std::string_view name, std::string bytes, ZipMethod method) {
  if (state_->archive == nullptr) throw std::runtime_error("ZIP archive already finished");
  const std::string& held = state_->contents.emplace_back(std::move(bytes));
  zip_source_t* source = zip_source_buffer(state_->archive, held.data(), held.size(), 0);
  if (source == nullptr) fail("cannot add " + std::string(name), zip_get_error(state_->archive));
  const zip_int64_t index =
      zip_file_add(state_->archive, std::string(name).c_str(), source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);
    fail("cannot add " + std::string(name), zip_get_error(state_->archive));
  }
  const auto i = static_cast<zip_uint64_t>(index);
  if (zip_set_file_compression(state_->archive, i, method == ZipMethod::store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                               method == ZipMethod::store ? 0 : 9) != 0 ||
      zip_file_set_dostime(state_->archive, i, state_->stamp.time, state_->stamp.date, 0) != 0) {
    fail("cannot set up " + std::string(name), zip_get_error(state_->archive));
  }
}

std::string ZipWriter::finish() {
  if (state_->archive == nullptr) throw std::runtime_error("ZIP archive already finished");
  if (zip_close(state_->archive) != 0) fail("cannot write the ZIP archive", zip_get_error(state_->archive));
  state_->archive = nullptr;
  state_->contents.clear();

  zip_source_t* src = state_->buffer;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_source_stat(src, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0) fail("cannot size the archive", zip_source_error(src));
  if (zip_source_open(src) != 0) fail("cannot read the archive back", zip_source_error(src));
  std::string out(static_cast<std::size_t>(st.size), '\0');
  const zip_int64_t n = zip_source_read(src, out.data(), out.size());
  zip_source_close(src);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) fail("cannot read the archive back", zip_source_error(src));
  return out;
}

std::vector<ZipEntry> read_zip(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (src == nullptr) fail("cannot read the ZIP archive", &error);
  zip_t* archive = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (archive == nullptr) {
    zip_source_free(src);
    fail("not a ZIP archive", &error);
  }
  zip_error_fini(&error);
  std::vector<ZipEntry> entries;
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive, index, 0, &st) != 0) {
      zip_close(archive);
      throw std::runtime_error("cannot read a ZIP entry");
    }
    ZipEntry entry;
    entry.name = st.name;
    entry.stored = st.comp_method == ZIP_CM_STORE;
    entry.bytes.resize(static_cast<std::size_t>(st.size));
    zip_file_t* file = zip_fopen_index(archive, index, 0);
    const zip_int64_t n = file != nullptr ? zip_fread(file, entry.bytes.data(), entry.bytes.size()) : -1;
    if (file != nullptr) zip_fclose(file);
    if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) {
      zip_close(archive);
      throw std::runtime_error("cannot read ZIP entry " + entry.name);
    }
    entries.push_back(std::move(entry));
  }
  zip_close(archive);
  return entries;
}

}  // namespace handout
