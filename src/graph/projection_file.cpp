// The persisted projection: one file holding every array of a Projection, mapped read-only by the
// processes that open the store, so a path or rank query pays nothing to build the graph.
//
//   header (kHeaderSize bytes): magic "DGPROJ\0\1", byte-order mark, format version, file size,
//     checksum of everything after the header, the options it was built with (window, affiliations,
//     types, statuses), the store stamp, and each array's offset and element count;
//   the arrays, each at an offset that is a multiple of 8, in zip_arrays() order.
//
// Written to a temporary file beside the target, fsynced, then renamed over it, so a reader maps
// either the old file or the new one, never a half-written one; a process that maps a file keeps
// its pages when another replaces it. Checked on load: the header, and that each array lies inside
// the file and the row and day indexes fit the arrays they index (not the contents: verify_file()
// does that, for `check`).
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "graph/projection_impl.hpp"

namespace diplograph::graph {
namespace {

constexpr char kMagic[8] = {'D', 'G', 'P', 'R', 'O', 'J', '\0', '\1'};
constexpr std::uint32_t kByteOrder = 0x01020304;
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kMaxStamp = 255;  // its length is a byte
constexpr std::size_t kMaxList = 64;

struct ArrayEntry {
  std::uint64_t offset, count;
};
struct Header {
  char magic[8];
  std::uint32_t byte_order, version;
  std::uint64_t file_size, checksum;
  std::int32_t window_from, window_to;
  std::uint8_t affiliations, type_count, status_count, stamp_size;
  std::uint32_t reserved;
  std::uint8_t types[kMaxList], statuses[kMaxList];
  char stamp[kMaxStamp + 1];
  ArrayEntry arrays[kArrayCount];
};
static_assert(std::is_trivially_copyable_v<Header>);
constexpr std::size_t kHeaderSize = (sizeof(Header) + 7) / 8 * 8;
static_assert(sizeof(StreamEdge) == 12 && sizeof(AffHop) == 12);
static_assert(sizeof(std::pair<std::int32_t, std::int32_t>) == 8);

// A 64-bit checksum of `n` bytes, eight at a time (a multiply-xorshift mix).
std::uint64_t checksum(const unsigned char* p, std::size_t n, std::uint64_t h) {
  auto mix = [&](std::uint64_t w) {
    h ^= w + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  };
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    mix(w);
  }
  std::uint64_t tail = 0;
  if (n > i) std::memcpy(&tail, p + i, n - i);
  mix(tail ^ (static_cast<std::uint64_t>(n - i) << 56));
  return h;
}

std::vector<std::uint8_t> normalized_statuses(std::vector<EventStatus> s) {
  if (s.empty()) s = {EventStatus::kOccurred, EventStatus::kPlanned};
  std::sort(s.begin(), s.end());
  s.erase(std::unique(s.begin(), s.end()), s.end());
  return std::vector<std::uint8_t>(reinterpret_cast<const std::uint8_t*>(s.data()),
                                   reinterpret_cast<const std::uint8_t*>(s.data()) + s.size());
}
std::vector<std::uint8_t> normalized_types(std::vector<EventType> t) {
  std::sort(t.begin(), t.end());
  t.erase(std::unique(t.begin(), t.end()), t.end());
  std::vector<std::uint8_t> out;
  for (EventType x : t) out.push_back(static_cast<std::uint8_t>(x));
  return out;
}
static_assert(sizeof(EventStatus) == 1, "statuses are stored as bytes");

// The options part of a header, for writing and for comparing.
void set_options(Header& h, const ProjectionOptions& o) {
  h.window_from = o.filter.window.from;
  h.window_to = o.filter.window.to;
  h.affiliations = o.affiliations ? 1 : 0;
  auto types = normalized_types(o.filter.types);
  auto statuses = normalized_statuses(o.filter.statuses);
  h.type_count = static_cast<std::uint8_t>(std::min(types.size(), kMaxList));
  h.status_count = static_cast<std::uint8_t>(std::min(statuses.size(), kMaxList));
  std::copy_n(types.begin(), h.type_count, h.types);
  std::copy_n(statuses.begin(), h.status_count, h.statuses);
}

bool same_options(const Header& a, const Header& b) {
  return a.window_from == b.window_from && a.window_to == b.window_to &&
         a.affiliations == b.affiliations && a.type_count == b.type_count &&
         a.status_count == b.status_count &&
         std::memcmp(a.types, b.types, a.type_count) == 0 &&
         std::memcmp(a.statuses, b.statuses, a.status_count) == 0;
}

Status write_all(int fd, const void* data, std::size_t n, const std::string& path) {
  const char* p = static_cast<const char*>(data);
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return Status::io_error("cannot write " + path + ": " + std::strerror(errno));
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return Status::ok();
}

// A mapped file, unmapped when the last projection using it goes.
struct Mapping {
  void* base = MAP_FAILED;
  std::size_t size = 0;
  ~Mapping() {
    if (base != MAP_FAILED) ::munmap(base, size);
  }
};

Result<std::shared_ptr<Mapping>> map_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::not_found("no projection file " + path);
    return Status::io_error("cannot open " + path + ": " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Status::io_error("cannot stat " + path + ": " + std::strerror(errno));
  }
  auto m = std::make_shared<Mapping>();
  m->size = static_cast<std::size_t>(st.st_size);
  if (m->size < kHeaderSize) {
    ::close(fd);
    return Status::corruption(path + ": shorter than a projection header");
  }
  m->base = ::mmap(nullptr, m->size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (m->base == MAP_FAILED)
    return Status::io_error("cannot map " + path + ": " + std::strerror(errno));
  return m;
}

Status check_header(const Header& h, std::size_t file_size, const std::string& path) {
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0)
    return Status::corruption(path + ": not a projection file");
  if (h.byte_order != kByteOrder || h.version != kVersion)
    return Status::not_found(path + ": written by another build (byte order or version)");
  if (h.file_size != file_size)
    return Status::corruption(path + ": " + std::to_string(file_size) + " bytes, header says " +
                              std::to_string(h.file_size));
  if (h.type_count > kMaxList || h.status_count > kMaxList)
    return Status::corruption(path + ": bad header");
  return Status::ok();
}

}  // namespace

Status Projection::save(const std::string& path, std::string_view stamp) const {
  if (stamp.size() > kMaxStamp) return Status::invalid_input("projection stamp too long");
  const Impl& g = *impl_;
  Header h{};
  std::memcpy(h.magic, kMagic, sizeof kMagic);
  h.byte_order = kByteOrder;
  h.version = kVersion;
  set_options(h, g.options);
  h.stamp_size = static_cast<std::uint8_t>(stamp.size());
  std::copy(stamp.begin(), stamp.end(), h.stamp);
  std::uint64_t offset = kHeaderSize, sum = 0;
  std::size_t i = 0;
  zip_arrays(g, g, [&](const auto& a, const auto&) {
    const std::size_t bytes = a.size() * sizeof(a[0]);
    h.arrays[i++] = {offset, a.size()};
    sum = checksum(reinterpret_cast<const unsigned char*>(a.data()), bytes, sum);
    offset += (bytes + 7) / 8 * 8;
  });
  h.file_size = offset;
  h.checksum = sum;

  static std::atomic<unsigned> counter{0};
  const std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." +
                          std::to_string(counter.fetch_add(1));
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Status::io_error("cannot create " + tmp + ": " + std::strerror(errno));
  auto fail = [&](Status st) {
    ::close(fd);
    ::unlink(tmp.c_str());
    return st;
  };
  std::array<char, kHeaderSize> head{};
  std::memcpy(head.data(), &h, sizeof h);
  if (Status st = write_all(fd, head.data(), head.size(), tmp); !st) return fail(st);
  Status written = Status::ok();
  zip_arrays(g, g, [&](const auto& a, const auto&) {
    if (!written) return;
    const std::size_t bytes = a.size() * sizeof(a[0]);
    if (bytes) written = write_all(fd, a.data(), bytes, tmp);
    static const char zeros[8] = {};
    if (written && bytes % 8) written = write_all(fd, zeros, 8 - bytes % 8, tmp);
  });
  if (!written) return fail(written);
  if (::fsync(fd) != 0) return fail(Status::io_error("cannot sync " + tmp + ": " + std::strerror(errno)));
  if (::close(fd) != 0) {
    ::unlink(tmp.c_str());
    return Status::io_error("cannot close " + tmp + ": " + std::strerror(errno));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    Status st = Status::io_error("cannot rename " + tmp + " to " + path + ": " + std::strerror(errno));
    ::unlink(tmp.c_str());
    return st;
  }
  // The rename itself is durable once the directory is synced.
  const std::string dir = std::filesystem::path(path).parent_path().string();
  int dfd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::ok();
}

Result<std::unique_ptr<Projection>> Projection::load(const std::string& path,
                                                     std::string_view stamp,
                                                     const ProjectionOptions& options) {
  auto mapped = map_file(path);
  if (!mapped) return mapped.error();
  std::shared_ptr<Mapping> m = std::move(*mapped);
  Header h;
  std::memcpy(&h, m->base, sizeof h);
  if (Status st = check_header(h, m->size, path); !st) return st;
  Header want{};
  set_options(want, options);
  if (!same_options(h, want)) return Status::not_found(path + ": a projection of other options");
  if (std::string_view(h.stamp, h.stamp_size) != stamp)
    return Status::not_found(path + ": stale (the store changed since it was written)");

  auto impl = std::make_unique<Impl>();
  impl->options = options;
  const auto* base = static_cast<const unsigned char*>(m->base);
  std::size_t i = 0;
  bool fits = true;
  zip_arrays(*impl, *impl, [&](auto& view, auto&) {
    using T = std::remove_cv_t<std::remove_reference_t<decltype(view[0])>>;
    const ArrayEntry& a = h.arrays[i++];
    if (a.offset % 8 != 0 || a.offset > m->size || a.count > (m->size - a.offset) / sizeof(T)) {
      fits = false;
      return;
    }
    view = Array<T>(reinterpret_cast<const T*>(base + a.offset), a.count);
  });
  const Impl& g = *impl;
  const std::size_t n = g.ids.size(), edges = g.column.size();
  // What the searches index without checking: row starts, day and term ranges, stream ranges.
  fits = fits && g.kinds.size() == n && g.rowstart.size() == n + 1 && g.rowstart.back() == edges &&
         g.day_begin.size() == edges + 1 && g.day_begin.back() == g.days.size() &&
         g.day_events.size() == g.days.size() && g.weight.size() == edges &&
         g.aff_begin.size() == edges + 1 && g.aff_begin.back() == g.affs.size() &&
         g.stream_begin.size() == g.stream_days.size() + 1 &&
         g.stream_begin.back() == g.stream.size() && g.vaff_begin.size() == n + 1 &&
         g.vaff_begin.back() == g.vaff.size();
  if (!fits) return Status::corruption(path + ": arrays do not fit the file or each other");
  impl->storage = std::move(m);
  return std::unique_ptr<Projection>(new Projection(std::move(impl)));
}

Status Projection::verify_file(const std::string& path) {
  auto mapped = map_file(path);
  if (!mapped) return mapped.error();
  const Mapping& m = **mapped;
  Header h;
  std::memcpy(&h, m.base, sizeof h);
  if (Status st = check_header(h, m.size, path); !st) return st;
  const auto* base = static_cast<const unsigned char*>(m.base);
  std::uint64_t sum = 0;
  Impl shapes;  // only for the element sizes, in zip_arrays() order
  std::size_t i = 0;
  bool fits = true;
  zip_arrays(shapes, shapes, [&](auto& view, auto&) {
    const ArrayEntry& a = h.arrays[i++];
    const std::size_t size = sizeof(view[0]);
    if (a.offset > m.size || a.count > (m.size - a.offset) / size) {
      fits = false;
      return;
    }
    sum = checksum(base + a.offset, a.count * size, sum);
  });
  if (!fits) return Status::corruption(path + ": arrays do not fit the file");
  if (sum != h.checksum) return Status::corruption(path + ": checksum mismatch (damaged)");
  return Status::ok();
}

}  // namespace diplograph::graph
