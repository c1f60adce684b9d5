// LineReader: plain and gzip input through zlib's gzread (which passes plain bytes through
// unchanged), zip archives through libarchive, every member in order. Damage (a cut, a bad CRC)
// is an error, never an early end.
#include "import/gdelt_icews_source.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <cstdio>
#include <algorithm>
#include <cstring>
#include <filesystem>

namespace diplograph::import {

struct LineReader::Impl {
  virtual ~Impl() = default;
  // Reads up to n bytes; 0 at the end; -1 on error (message in error).
  virtual long read(char* buf, std::size_t n) = 0;
  virtual std::uint64_t position() const = 0;
  std::string error;
};

namespace {

// gzread() returns 0 both at the end and when the stream was cut short (zlib then records
// Z_BUF_ERROR, "unexpected end of file"), so every 0 asks gzerror() which it was. A bad CRC or
// length in the trailer is Z_DATA_ERROR. `must_be_gzip`: the file is named .gz or opens with
// gzip's first byte, so zlib's pass-through of plain bytes (which a gzip file cut inside its
// header would get) is damage too.
class GzImpl final : public LineReader::Impl {
 public:
  GzImpl(gzFile f, bool must_be_gzip) : f_(f), must_be_gzip_(must_be_gzip) {}
  ~GzImpl() override { gzclose(f_); }
  long read(char* buf, std::size_t n) override {
    int got = gzread(f_, buf, static_cast<unsigned>(n));
    int errnum = Z_OK;
    const char* message = gzerror(f_, &errnum);
    if (got < 0 || errnum != Z_OK) {
      // zlib's message opens with the path it was given: the caller names the file.
      std::string_view why = message ? message : "read failed";
      if (std::size_t colon = why.rfind(": "); colon != std::string_view::npos)
        why.remove_prefix(colon + 2);
      error = "truncated or damaged gzip data (zlib: " + std::string(why) + ")";
      return -1;
    }
    if (must_be_gzip_ && (gzdirect(f_) || (got == 0 && !seen_data_))) {
      error = "truncated or damaged gzip data (no complete gzip header)";
      return -1;
    }
    seen_data_ |= got > 0;
    return got;
  }
  std::uint64_t position() const override { return static_cast<std::uint64_t>(gzoffset(f_)); }

 private:
  gzFile f_;
  bool must_be_gzip_ = false, seen_data_ = false;
};

// Every member of a zip archive, in order, as one stream (a member not ending in a newline gets
// one, so lines never run across members), through libarchive: the central directory (zip64,
// data descriptors, several members) and each member's CRC-32 and sizes are checked; a truncated
// archive has no central directory and does not open.
class ZipImpl final : public LineReader::Impl {
 public:
  ~ZipImpl() override {
    if (a_) archive_read_free(a_);
  }
  Status open(const std::string& path, const std::string& head, std::uint64_t size) {
    // An archive of no members is its end record alone, which libarchive does not take for zip.
    if (head == "PK\x05\x06") {
      std::FILE* f = std::fopen(path.c_str(), "rb");
      unsigned char end[22];
      const bool whole = f && std::fread(end, 1, sizeof end, f) == sizeof end;
      if (f) std::fclose(f);
      if (whole && (end[10] | end[11]) == 0 && 22u + (end[20] | (end[21] << 8)) == size) {
        done_ = true;
        return Status::ok();
      }
    }
    a_ = archive_read_new();
    if (!a_) return Status::io_error(path + ": out of memory");
    archive_read_support_format_zip_seekable(a_);
    if (archive_read_open_filename(a_, path.c_str(), 1 << 16) != ARCHIVE_OK)
      return Status::io_error(path + ": truncated or damaged zip archive (libarchive: " +
                              archive_error_string(a_) + ")");
    return Status::ok();
  }
  long read(char* buf, std::size_t n) override {
    for (;;) {
      if (done_) return 0;
      if (!in_member_) {
        archive_entry* entry = nullptr;
        int r = archive_read_next_header(a_, &entry);
        if (r == ARCHIVE_EOF) {
          done_ = true;
          return 0;
        }
        if (r != ARCHIVE_OK) return fail();
        if (archive_entry_filetype(entry) != AE_IFREG) continue;  // a directory
        const char* name = archive_entry_pathname(entry);
        member_ = name ? name : "";
        in_member_ = true;
        if (need_newline_) {
          need_newline_ = false;
          buf[0] = '\n';
          return 1;
        }
      }
      la_ssize_t got = archive_read_data(a_, buf, n);
      if (got < 0) return fail();
      if (got == 0) {
        in_member_ = false;
        continue;
      }
      need_newline_ = buf[got - 1] != '\n';
      return static_cast<long>(got);
    }
  }
  std::uint64_t position() const override {
    if (!a_) return 0;
    la_int64_t bytes = archive_filter_bytes(a_, -1);
    return bytes > 0 ? static_cast<std::uint64_t>(bytes) : 0;
  }

 private:
  long fail() {
    const char* why = archive_error_string(a_);
    error = "truncated or damaged zip archive" +
            (member_.empty() ? std::string() : ", member " + member_) + " (libarchive: " +
            (why ? why : "read failed") + ")";
    return -1;
  }
  archive* a_ = nullptr;
  std::string member_;
  bool in_member_ = false, need_newline_ = false, done_ = false;
};

bool ends_with(const std::string& s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i])
      return false;
  return true;
}

// The first four bytes of `path` (fewer for a shorter file).
std::string magic(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return {};
  char h[4];
  std::size_t got = std::fread(h, 1, 4, f);
  std::fclose(f);
  return std::string(h, got);
}

}  // namespace

LineReader::~LineReader() = default;

Result<std::unique_ptr<LineReader>> LineReader::open(const std::string& path) {
  std::unique_ptr<LineReader> r(new LineReader());
  if (path == "-") {
    gzFile f = gzdopen(0, "rb");
    if (!f) return Status::io_error("-: cannot read standard input");
    r->impl_ = std::make_unique<GzImpl>(f, false);
    return r;
  }
  std::error_code ec;
  auto st = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(st)) return Status::invalid_input(path + ": no such file");
  if (std::filesystem::is_directory(st)) return Status::invalid_input(path + ": is a directory");
  r->total_ = std::filesystem::file_size(path, ec);
  const std::string head = magic(path);
  if (ends_with(path, ".zip") || head == "PK\x03\x04" || head == "PK\x05\x06") {
    auto z = std::make_unique<ZipImpl>();
    if (Status s = z->open(path, head, r->total_); !s) return s;
    r->impl_ = std::move(z);
    return r;
  }
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return Status::invalid_input(path + ": cannot open");
  gzbuffer(f, 1 << 17);
  r->impl_ = std::make_unique<GzImpl>(f, ends_with(path, ".gz") || head.rfind('\x1f', 0) == 0);
  return r;
}

std::uint64_t LineReader::bytes_done() const { return impl_->position(); }

long LineReader::read(char* buf, std::size_t n) {
  long got = impl_->read(buf, n);
  if (got < 0) {
    error_ = Status::io_error(impl_->error);
    return -1;
  }
  expanded_ += static_cast<std::uint64_t>(got);
  const std::uint64_t packed = impl_->position();
  if (expanded_ > kRatioFloor && packed > 0 && expanded_ / packed > kMaxRatio) {
    error_ = Status::invalid_input("expands to more than " + std::to_string(kMaxRatio) +
                                   " times its compressed size (" + std::to_string(expanded_) +
                                   " bytes from " + std::to_string(packed) +
                                   "): refused as a decompression bomb");
    return -1;
  }
  return got;
}

bool LineReader::skip_line() {
  pending_.clear();
  std::string buf(1 << 16, '\0');
  for (;;) {
    long got = read(buf.data(), buf.size());
    if (got < 0) return false;
    if (got == 0) {
      eof_ = true;
      return true;
    }
    const auto n = static_cast<std::size_t>(got);
    if (const void* nl = std::memchr(buf.data(), '\n', n)) {
      const std::size_t k = static_cast<std::size_t>(static_cast<const char*>(nl) - buf.data()) + 1;
      pending_.assign(buf.data() + k, n - k);
      return true;
    }
  }
}

std::vector<std::uint64_t> LineReader::take_too_long() {
  std::vector<std::uint64_t> out;
  out.swap(too_long_);
  return out;
}

std::string LineReader::too_long_message() const {
  return "line longer than " + std::to_string(max_line_) + " bytes (--max-record-bytes); skipped";
}

Result<std::optional<std::string>> LineReader::first_line(const std::string& path,
                                                          std::size_t max_line_bytes) {
  auto reader = open(path);
  if (!reader) return reader.error();
  (*reader)->set_max_line_bytes(max_line_bytes);
  std::vector<std::string> lines;
  while (lines.empty() || lines.back().empty()) {
    auto got = (*reader)->read_lines(lines, 1);
    if (!got) return got.error();
    if (*got == 0) return std::optional<std::string>();
  }
  return std::optional<std::string>(std::move(lines.back()));
}

Result<std::size_t> LineReader::read_lines(std::vector<std::string>& out, std::size_t max_lines) {
  std::size_t count = 0;
  std::string buf(1 << 16, '\0');
  std::size_t start = 0;  // unconsumed offset into pending_
  while (count < max_lines) {
    // A long line is scanned once, not again with each read that extends it.
    std::size_t nl = pending_.find('\n', std::max(start, scanned_));
    if (nl != std::string::npos) {
      std::size_t end = nl;
      if (end - start > max_line_) {  // held whole already: it becomes an empty line
        too_long_.push_back(lines_ + 1);
        out.emplace_back();
        start = nl + 1;
        ++count;
        ++lines_;
        continue;
      }
      if (end > start && pending_[end - 1] == '\r') --end;
      out.emplace_back(pending_, start, end - start);
      start = nl + 1;
      ++count;
      ++lines_;
      continue;
    }
    if (pending_.size() - start > max_line_) {  // read past the rest of it
      too_long_.push_back(lines_ + 1);
      if (!skip_line()) return error_;
      start = 0;
      scanned_ = 0;
      out.emplace_back();
      ++count;
      ++lines_;
      continue;
    }
    if (eof_) {
      if (start < pending_.size()) {
        std::size_t end = pending_.size();
        if (pending_[end - 1] == '\r') --end;
        out.emplace_back(pending_, start, end - start);
        ++count;
        ++lines_;
      }
      pending_.clear();
      scanned_ = 0;
      return count;
    }
    pending_.erase(0, start);
    start = 0;
    scanned_ = pending_.size();
    long got = read(buf.data(), buf.size());
    if (got < 0) return error_;
    if (got == 0) eof_ = true;
    pending_.append(buf.data(), static_cast<std::size_t>(got));
  }
  pending_.erase(0, start);
  scanned_ = 0;
  return count;
}

Result<std::size_t> LineReader::read_block(std::string& out, std::size_t max_lines) {
  // The file is read straight into `out` (copying every byte through a buffer and pending_
  // cost more than parsing it); what follows the last whole line wanted goes back to pending_.
  constexpr std::size_t kRead = std::size_t{1} << 20;
  const std::size_t base = out.size();
  out.append(pending_.data(), pending_.size());
  pending_.clear();
  std::size_t count = 0, scan = base;  // out[base, scan): whole lines counted
  std::size_t seen = base;                // out[scan, seen) holds no '\n'

  for (;;) {
    while (count < max_lines) {
      const std::size_t from = std::max(scan, seen);
      const void* nl = from < out.size() ? std::memchr(out.data() + from, '\n', out.size() - from)
                                         : nullptr;
      if (!nl) break;
      const std::size_t next = static_cast<std::size_t>(static_cast<const char*>(nl) - out.data()) + 1;
      if (next - 1 - scan > max_line_) {  // held whole already: it becomes an empty line
        out.erase(scan, next - 1 - scan);
        too_long_.push_back(lines_ + 1);
        scan = seen = scan + 1;
        ++count;
        ++lines_;
        continue;
      }
      scan = next;
      ++count;
      ++lines_;
    }
    seen = out.size();
    if (count < max_lines && out.size() - scan > max_line_) {
      // Read past the rest of it; it becomes an empty line, what follows it stays.
      too_long_.push_back(lines_ + 1);
      out.resize(scan);
      if (!skip_line()) return error_;
      out.push_back('\n');
      scan = seen = out.size();
      ++count;
      ++lines_;
      out.append(pending_);
      pending_.clear();
      continue;
    }
    if (count == max_lines) {
      pending_.assign(out.data() + scan, out.size() - scan);
      out.resize(scan);
      return count;
    }
    if (eof_) {
      if (scan < out.size()) {  // a last line without its '\n'
        out.push_back('\n');
        ++count;
        ++lines_;
      }
      return count;
    }
    // Reads grow with the block, from 64 kB (a small file costs no 1 MB buffer) to kRead.
    const std::size_t had = out.size();
    const std::size_t want = std::min(kRead, std::max<std::size_t>(64 << 10, had - base));
    out.resize(had + want);
    long got = read(out.data() + had, want);
    out.resize(had + static_cast<std::size_t>(std::max(got, 0L)));
    if (got < 0) {
      pending_.assign(out.data() + base, out.size() - base);  // nothing taken: a retry starts over
      out.resize(base);
      return error_;
    }
    if (got == 0) eof_ = true;
  }
}

}  // namespace diplograph::import
