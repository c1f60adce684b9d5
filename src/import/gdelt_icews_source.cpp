// LineReader: plain and gzip input through zlib's gzread (which passes plain bytes through
// unchanged), zip archives through a small reader of the first local file entry and raw inflate.
// GDELT publishes one CSV per zip, so the first member is the data.
#include "import/gdelt_icews_source.hpp"

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

class GzImpl final : public LineReader::Impl {
 public:
  explicit GzImpl(gzFile f) : f_(f) {}
  ~GzImpl() override { gzclose(f_); }
  long read(char* buf, std::size_t n) override {
    int got = gzread(f_, buf, static_cast<unsigned>(n));
    if (got < 0) {
      int errnum = 0;
      error = gzerror(f_, &errnum);
      return -1;
    }
    return got;
  }
  std::uint64_t position() const override { return static_cast<std::uint64_t>(gzoffset(f_)); }

 private:
  gzFile f_;
};

std::uint32_t le32(const unsigned char* p) {
  return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
std::uint16_t le16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }

// The first entry of a zip archive, stored (method 0) or deflated (method 8). With a data
// descriptor the compressed size is unknown up front; deflate marks its own end, so that is fine.
class ZipImpl final : public LineReader::Impl {
 public:
  ~ZipImpl() override {
    if (inflating_) inflateEnd(&z_);
    if (f_) std::fclose(f_);
  }
  Status open(const std::string& path) {
    f_ = std::fopen(path.c_str(), "rb");
    if (!f_) return Status::invalid_input(path + ": cannot open");
    unsigned char h[30];
    if (std::fread(h, 1, 30, f_) != 30 || le32(h) != 0x04034b50)
      return Status::invalid_input(path + ": not a zip archive");
    method_ = le16(h + 8);
    remaining_ = le32(h + 18);
    std::uint16_t name_len = le16(h + 26), extra_len = le16(h + 28);
    if (std::fseek(f_, name_len + extra_len, SEEK_CUR) != 0)
      return Status::invalid_input(path + ": truncated zip archive");
    pos_ = 30 + name_len + extra_len;
    if (method_ == 8) {
      std::memset(&z_, 0, sizeof z_);
      if (inflateInit2(&z_, -MAX_WBITS) != Z_OK) return Status::io_error(path + ": inflateInit");
      inflating_ = true;
    } else if (method_ != 0) {
      return Status::invalid_input(path + ": zip compression method " + std::to_string(method_) +
                                   " is not supported (stored or deflate only)");
    }
    return Status::ok();
  }
  long read(char* buf, std::size_t n) override {
    if (done_) return 0;
    if (method_ == 0) {
      std::size_t want = std::min<std::uint64_t>(n, remaining_);
      std::size_t got = std::fread(buf, 1, want, f_);
      remaining_ -= got;
      pos_ += got;
      if (got == 0) done_ = true;
      return static_cast<long>(got);
    }
    z_.next_out = reinterpret_cast<Bytef*>(buf);
    z_.avail_out = static_cast<uInt>(n);
    while (z_.avail_out == n) {
      if (z_.avail_in == 0) {
        std::size_t got = std::fread(in_, 1, sizeof in_, f_);
        if (got == 0) {
          error = "truncated zip archive";
          return -1;
        }
        pos_ += got;
        z_.next_in = in_;
        z_.avail_in = static_cast<uInt>(got);
      }
      int r = inflate(&z_, Z_NO_FLUSH);
      if (r == Z_STREAM_END) {
        done_ = true;
        break;
      }
      if (r != Z_OK && r != Z_BUF_ERROR) {
        error = std::string("corrupt zip data: ") + (z_.msg ? z_.msg : "inflate failed");
        return -1;
      }
    }
    return static_cast<long>(n - z_.avail_out);
  }
  std::uint64_t position() const override { return pos_; }

 private:
  std::FILE* f_ = nullptr;
  z_stream z_{};
  bool inflating_ = false, done_ = false;
  unsigned method_ = 0;
  std::uint64_t remaining_ = 0, pos_ = 0;
  unsigned char in_[1 << 16];
};

bool is_zip(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  unsigned char h[4] = {0, 0, 0, 0};
  std::size_t got = std::fread(h, 1, 4, f);
  std::fclose(f);
  return got == 4 && le32(h) == 0x04034b50;
}

}  // namespace

LineReader::~LineReader() = default;

Result<std::unique_ptr<LineReader>> LineReader::open(const std::string& path) {
  std::unique_ptr<LineReader> r(new LineReader());
  if (path == "-") {
    gzFile f = gzdopen(0, "rb");
    if (!f) return Status::io_error("-: cannot read standard input");
    r->impl_ = std::make_unique<GzImpl>(f);
    return r;
  }
  std::error_code ec;
  auto st = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(st)) return Status::invalid_input(path + ": no such file");
  if (std::filesystem::is_directory(st)) return Status::invalid_input(path + ": is a directory");
  r->total_ = std::filesystem::file_size(path, ec);
  if (is_zip(path)) {
    auto z = std::make_unique<ZipImpl>();
    if (Status s = z->open(path); !s) return s;
    r->impl_ = std::move(z);
    return r;
  }
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return Status::invalid_input(path + ": cannot open");
  gzbuffer(f, 1 << 17);
  r->impl_ = std::make_unique<GzImpl>(f);
  return r;
}

std::uint64_t LineReader::bytes_done() const { return impl_->position(); }

long LineReader::read(char* buf, std::size_t n) {
  long got = impl_->read(buf, n);
  if (got < 0) {
    error_ = Status::io_error("read failed: " + impl_->error);
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

Status LineReader::line_too_long() const {
  return Status::invalid_input("line " + std::to_string(lines_ + 1) + " is longer than " +
                               std::to_string(max_line_) + " bytes (--max-record-bytes)");
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
      if (end - start > max_line_) return line_too_long();
      if (end > start && pending_[end - 1] == '\r') --end;
      out.emplace_back(pending_, start, end - start);
      start = nl + 1;
      ++count;
      ++lines_;
      continue;
    }
    if (pending_.size() - start > max_line_) return line_too_long();
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
      if (next - 1 - scan > max_line_) {
        pending_.assign(out.data() + scan, out.size() - scan);
        out.resize(scan);
        return line_too_long();
      }
      scan = next;
      ++count;
      ++lines_;
    }
    seen = out.size();
    if (count < max_lines && out.size() - scan > max_line_) {
      out.resize(scan);
      return line_too_long();
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
