#include "writers/epub/zip_archive.hpp"

#include "writers/deflate.hpp"

#include <zip.h>

#include <algorithm>
#include <chrono>
#include <cstring>
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

/// An entry's bytes as they go into the archive: stored, or already deflated (by libdeflate,
/// faster than libzip's zlib and with no compressor set up per entry) with the size and CRC of
/// the original, which is how libzip takes compressed data from a source without recompressing.
struct PreparedEntry {
  std::string bytes;
  bool deflated = false;
  zip_uint64_t size = 0;  // before compression
  zip_uint32_t crc = 0;
  zip_uint64_t read = 0;  // how far libzip has read
  zip_error_t error;
  PreparedEntry() { zip_error_init(&error); }
  ~PreparedEntry() { zip_error_fini(&error); }
  PreparedEntry(const PreparedEntry&) = delete;
  PreparedEntry& operator=(const PreparedEntry&) = delete;
};

zip_int64_t prepared_entry_source(void* user, void* data, zip_uint64_t length, zip_source_cmd_t command) {
  auto* entry = static_cast<PreparedEntry*>(user);
  switch (command) {
    case ZIP_SOURCE_OPEN:
      entry->read = 0;
      return 0;
    case ZIP_SOURCE_READ: {
      const zip_uint64_t n = std::min<zip_uint64_t>(length, entry->bytes.size() - entry->read);
      std::memcpy(data, entry->bytes.data() + entry->read, n);
      entry->read += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_FREE:
      return 0;
    case ZIP_SOURCE_STAT: {
      auto* st = static_cast<zip_stat_t*>(data);
      zip_stat_init(st);
      st->size = entry->size;
      st->comp_size = entry->bytes.size();
      st->comp_method = entry->deflated ? ZIP_CM_DEFLATE : ZIP_CM_STORE;
      st->crc = entry->crc;
      st->encryption_method = ZIP_EM_NONE;
      st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC |
                  ZIP_STAT_ENCRYPTION_METHOD;
      return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data(&entry->error, data, length);
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                            ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      zip_error_set(&entry->error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
  }
}

}  // namespace

struct ZipWriter::State {
  DosTime stamp;
  zip_source_t* buffer = nullptr;  // the archive's bytes; kept alive past zip_close
  zip_t* archive = nullptr;
  std::deque<PreparedEntry> entries;  // must outlive zip_close
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
  PreparedEntry& entry = state_->entries.emplace_back();
  entry.size = bytes.size();
  entry.crc = zip_crc32(bytes);
  if (method == ZipMethod::deflate && !bytes.empty()) {
    if (!deflate_compress(bytes, entry.bytes)) throw std::runtime_error("cannot compress " + std::string(name));
    entry.deflated = entry.bytes.size() < bytes.size();  // else stored: deflate would not save a byte
  }
  if (!entry.deflated) entry.bytes = std::move(bytes);
  zip_source_t* source = zip_source_function(state_->archive, prepared_entry_source, &entry);
  if (source == nullptr) fail("cannot add " + std::string(name), zip_get_error(state_->archive));
  const zip_int64_t index =
      zip_file_add(state_->archive, std::string(name).c_str(), source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);
    fail("cannot add " + std::string(name), zip_get_error(state_->archive));
  }
  const auto i = static_cast<zip_uint64_t>(index);
  if (zip_set_file_compression(state_->archive, i, entry.deflated ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) != 0 ||
      zip_file_set_dostime(state_->archive, i, state_->stamp.time, state_->stamp.date, 0) != 0) {
    fail("cannot set up " + std::string(name), zip_get_error(state_->archive));
  }
}

std::string ZipWriter::finish() {
  if (state_->archive == nullptr) throw std::runtime_error("ZIP archive already finished");
  if (zip_close(state_->archive) != 0) fail("cannot write the ZIP archive", zip_get_error(state_->archive));
  state_->archive = nullptr;
  state_->entries.clear();

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
