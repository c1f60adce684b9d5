// Writing a bulk chunk (bulk_write.hpp). Each large family is cut into key ranges by sampled
// split points; each range is sorted and written to its own SST file by whichever thread is free,
// so both cores sort and write. The files of all families are ingested in one call: RocksDB adds
// all of them to the MANIFEST at once or none.
#include "store/bulk_write.hpp"

#include <rocksdb/sst_file_writer.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <filesystem>
#include <string>
#include <thread>

namespace diplograph::store {

namespace {

constexpr std::size_t kBlockSize = std::size_t{8} << 20;

std::uint64_t be_prefix(const char* p, std::size_t n) {
  if (n >= 8) {
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return __builtin_bswap64(v);
  }
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < 8; ++i) v = (v << 8) | (i < n ? static_cast<unsigned char>(p[i]) : 0);
  return v;
}

bool key_less(const Kv& a, const Kv& b) {
  if (a.k0 != b.k0) return a.k0 < b.k0;
  if (a.k1 != b.k1) return a.k1 < b.k1;
  return a.key() < b.key();
}

// Sorts by key: a least-significant-digit radix sort on the first 8 key bytes (k0), one pass
// per byte that is not the same in every pair (ids and hashes vary in all eight; days in a few),
// then runs that share k0 (one actor's adj keys, one pair's) sorted by key_less. Several times
// cheaper than a comparison sort of the whole array, which spends its time in mispredicted
// branches and comparisons of equal prefixes.
void sort_kvs(KvVector& v, KvVector& tmp) {
  const std::size_t n = v.size();
  if (n < 1024) {
    std::sort(v.begin(), v.end(), key_less);
    return;
  }
  std::vector<std::array<std::uint32_t, 256>> hist(8);
  for (auto& h : hist) h.fill(0);
  for (const Kv& kv : v)
    for (int b = 0; b < 8; ++b) ++hist[b][(kv.k0 >> (8 * b)) & 255];
  tmp.resize(n);
  Kv* src = v.data();
  Kv* dst = tmp.data();
  for (int b = 0; b < 8; ++b) {
    auto& h = hist[b];
    if (*std::max_element(h.begin(), h.end()) == n) continue;  // the same byte everywhere
    std::uint32_t offset[256];
    std::uint32_t sum = 0;
    for (int d = 0; d < 256; ++d) {
      offset[d] = sum;
      sum += h[d];
    }
    for (std::size_t i = 0; i < n; ++i) dst[offset[(src[i].k0 >> (8 * b)) & 255]++] = src[i];
    std::swap(src, dst);
  }
  if (src != v.data()) std::copy(src, src + n, v.data());
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && v[j].k0 == v[i].k0) ++j;
    if (j - i > 1) std::sort(v.begin() + static_cast<std::ptrdiff_t>(i),
                             v.begin() + static_cast<std::ptrdiff_t>(j), key_less);
    i = j;
  }
}

// One SST file's worth: a key range of one family.
struct Part {
  Cf family;
  KvVector* items;  // one of BulkBuffers::parts
  std::string path;
  Status status;
};

// The family's own options (family_options), but record values (CBOR with repeated field names
// and actor names) compressed with LZ4, faster than the default Snappy.
rocksdb::Options sst_options(Cf f) {
  rocksdb::Options o(rocksdb::DBOptions(), family_options(f));
  o.compression = scanned_only(f) || f == kMeta ? rocksdb::kNoCompression
                                                : rocksdb::kLZ4Compression;
  if (!scanned_only(f) && f != kMeta) {
    // Records of 70-200 bytes: 16 kB blocks compress better and cost less per record to build
    // (about 5% of writing a chunk) than the default 4 kB; compaction later writes its own.
    rocksdb::BlockBasedTableOptions t;
    t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    t.block_size = 16 << 10;
    o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  }
  return o;
}

// The split points that cut family `f` of `sinks` into about `parts` key ranges of similar size,
// taken from a sample of the 8-byte prefixes (equal prefixes always land in one range, so ranges
// never overlap). A range holds the prefixes below its cut.
std::vector<std::uint64_t> cuts_of(const std::vector<KvSink>& sinks, Cf f, std::size_t n,
                                   std::size_t parts) {
  std::vector<std::uint64_t> cuts;
  if (parts <= 1 || n < 2 * parts) return cuts;
  std::vector<std::uint64_t> sample;
  const std::size_t step = std::max<std::size_t>(1, n / 4096);
  for (const auto& s : sinks) {
    const auto& v = s.items(f);
    for (std::size_t i = 0; i < v.size(); i += step) sample.push_back(v[i].k0);
  }
  std::sort(sample.begin(), sample.end());
  for (std::size_t p = 1; p < parts; ++p) {
    std::uint64_t c = sample[sample.size() * p / parts];
    if (cuts.empty() || c > cuts.back()) cuts.push_back(c);
  }
  return cuts;
}

Status write_part(GraphStore::Impl& impl, Part& part, KvVector& scratch) {
  auto& v = *part.items;
  sort_kvs(v, scratch);
  // Equal keys carry equal values (KvSink::put): keep one.
  v.erase(std::unique(v.begin(), v.end(),
                      [](const Kv& a, const Kv& b) {
                        return a.k0 == b.k0 && a.k1 == b.k1 && a.key() == b.key();
                      }),
          v.end());
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), sst_options(part.family),
                                impl.cf[part.family], /*invalidate_page_cache=*/false,
                                rocksdb::Env::IO_TOTAL, /*skip_filters=*/scanned_only(part.family));
  rocksdb::Status s = writer.Open(part.path);
  // The pairs are scattered over the arena: fetch each one's lines ahead of the writer.
  constexpr std::size_t kAhead = 16;
  for (std::size_t i = 0; i < std::min(kAhead, v.size()); ++i) __builtin_prefetch(v[i].data);
  for (std::size_t i = 0; s.ok() && i < v.size(); ++i) {
    if (i + kAhead < v.size()) {
      const Kv& a = v[i + kAhead];
      for (std::uint32_t off = 0; off < a.key_size + a.value_size; off += 64)
        __builtin_prefetch(a.data + off);
    }
    s = writer.Put(rocksdb::Slice(v[i].data, v[i].key_size),
                   rocksdb::Slice(v[i].data + v[i].key_size, v[i].value_size));
  }
  if (s.ok()) s = writer.Finish();
  return from_rocks(s, "write SST file " + part.path);
}

Status write_ssts(GraphStore::Impl& impl, const std::vector<KvSink>& sinks, unsigned threads) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(impl.dir) / "bulk.tmp";
  std::error_code ec;
  // Files left by a killed run: this process holds the writer lock, so none is in use.
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  if (ec) return Status::io_error("cannot create " + dir.string() + ": " + ec.message());

  BulkTrace lap(impl.trace_bulk);
  BulkBuffers& buffers = bulk_buffers(impl);
  std::vector<Part> parts;
  for (std::size_t f = 0; f < kCfCount; ++f) {
    const Cf family = static_cast<Cf>(f);
    std::size_t n = 0;
    for (const auto& s : sinks) n += s.items(family).size();
    if (n == 0) continue;
    // Ranges of about 256k pairs, so that both threads have work until the end.
    const std::size_t want = std::min<std::size_t>(16, (n + (1u << 18) - 1) >> 18);
    const std::vector<std::uint64_t> cuts = cuts_of(sinks, family, n, want);
    const std::size_t first = parts.size();
    if (buffers.parts.size() < first + cuts.size() + 1) buffers.parts.resize(first + cuts.size() + 1);
    for (std::size_t k = 0; k <= cuts.size(); ++k) {
      Part p;
      p.family = family;
      p.items = &buffers.parts[parts.size()];
      p.items->clear();
      p.items->reserve(n / (cuts.size() + 1) + n / 16);
      p.path = (dir / (std::to_string(::getpid()) + "-" + std::to_string(f) + "-" +
                       std::to_string(parts.size()) + ".sst"))
                   .string();
      parts.push_back(std::move(p));
    }
    for (const auto& s : sinks)
      for (const Kv& kv : s.items(family))
        parts[first + static_cast<std::size_t>(std::upper_bound(cuts.begin(), cuts.end(), kv.k0) -
                                               cuts.begin())]
            .items->push_back(kv);
  }
  lap("split");
  // Largest first, so the last part to finish is a small one.
  std::vector<std::size_t> order(parts.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return parts[a].items->size() > parts[b].items->size(); });
  std::atomic<std::size_t> next{0};
  if (buffers.scratch.size() < threads) buffers.scratch.resize(threads);
  auto work = [&](unsigned t) {
    for (std::size_t i; (i = next++) < order.size();) {
      Part& p = parts[order[i]];
      p.status = write_part(impl, p, buffers.scratch[t]);
      p.items->clear();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& t : pool) t.join();
  lap("ssts");
  Status st;  // the first failure
  for (const Part& p : parts)
    if (!p.status && st) st = p.status;

  if (st) {
    std::vector<rocksdb::IngestExternalFileArg> args;
    for (const Part& p : parts) {
      if (args.empty() || args.back().column_family != impl.cf[p.family]) {
        rocksdb::IngestExternalFileArg arg;
        arg.column_family = impl.cf[p.family];
        arg.options.move_files = true;  // hard links: no copy
        arg.options.allow_blocking_flush = true;
        arg.options.write_global_seqno = false;  // the MANIFEST holds it; no write into the file
        args.push_back(std::move(arg));
      }
      args.back().external_files.push_back(p.path);
    }
    st = impl.wrote(impl.db->IngestExternalFiles(args), "ingest SST files");
  }
  fs::remove_all(dir, ec);
  lap("ingest");
  return st;
}

Status write_batch(GraphStore::Impl& impl, const std::vector<KvSink>& sinks) {
  rocksdb::WriteBatch batch;
  for (const auto& sink : sinks)
    for (std::size_t f = 0; f < kCfCount; ++f)
      for (const Kv& kv : sink.items(static_cast<Cf>(f)))
        if (auto s = batch.Put(impl.cf[f], rocksdb::Slice(kv.data, kv.key_size),
                               rocksdb::Slice(kv.data + kv.key_size, kv.value_size));
            !s.ok())
          return from_rocks(s, "build write batch");
  rocksdb::WriteOptions wo;
  wo.disableWAL = false;  // the WAL is what makes the chunk survive a crash
  return impl.wrote(impl.db->Write(wo, &batch), "write chunk");
}

const auto process_start = std::chrono::steady_clock::now();  // roughly: at static initialization

}  // namespace

void BulkTrace::operator()(const char* phase) {
  if (!on_) return;
  auto t1 = std::chrono::steady_clock::now();
  std::fprintf(stderr, "bulk %-10s %8.1f ms  (at %7.1f ms)\n", phase,
               std::chrono::duration<double, std::milli>(t1 - t0_).count(),
               std::chrono::duration<double, std::milli>(t1 - process_start).count());
  t0_ = t1;
}

void KvSink::clear() {
  for (std::size_t f = 0; f < kCfCount; ++f) {
    kv_[f].clear();
    Arena& a = arena_[f];
    a.in_use = 0;
    a.cur = nullptr;
    a.left = 0;
  }
}

std::vector<KvSink> BulkBuffers::take_sinks(std::size_t n) {
  std::vector<KvSink> out;
  while (out.size() < n && !sinks.empty()) {
    out.push_back(std::move(sinks.back()));
    sinks.pop_back();
    out.back().clear();
  }
  out.resize(n);
  return out;
}

void BulkBuffers::put_sinks(std::vector<KvSink>&& s) {
  for (auto& sink : s) sinks.push_back(std::move(sink));
  s.clear();
}

BulkBuffers& bulk_buffers(GraphStore::Impl& impl) {
  if (!impl.bulk_buffers) impl.bulk_buffers = std::make_unique<BulkBuffers>();
  return *impl.bulk_buffers;
}

char* KvSink::alloc(Cf family, std::size_t n) {
  Arena& a = arena_[family];
  while (n > a.left) {
    if (a.in_use < a.blocks.size()) {  // a block an earlier chunk filled
      a.cur = a.blocks[a.in_use].data();
      a.left = a.blocks[a.in_use].size();
      ++a.in_use;
      continue;
    }
    // In huge pages: far fewer page faults and TLB misses over a few hundred MB.
    a.blocks.emplace_back(std::max(kBlockSize, n));
    a.in_use = a.blocks.size();
    a.cur = a.blocks.back().data();
    a.left = a.blocks.back().size();
  }
  char* p = a.cur;
  a.cur += n;
  a.left -= n;
  return p;
}

void KvSink::put(Cf family, std::string_view key, std::string_view value) {
  char* p = alloc(family, key.size() + value.size());
  std::memcpy(p, key.data(), key.size());
  if (!value.empty()) std::memcpy(p + key.size(), value.data(), value.size());
  Kv kv;
  kv.data = p;
  kv.key_size = static_cast<std::uint32_t>(key.size());
  kv.value_size = static_cast<std::uint32_t>(value.size());
  kv.k0 = be_prefix(p, key.size());
  kv.k1 = key.size() > 8 ? be_prefix(p + 8, key.size() - 8) : 0;
  kv_[family].push_back(kv);
}

Status write_chunk(GraphStore::Impl& impl, const std::vector<KvSink>& sinks, bool sst,
                   unsigned threads) {
  if (Status st = impl.writable(); !st) return st;
  return sst ? write_ssts(impl, sinks, std::max(1u, threads)) : write_batch(impl, sinks);
}

}  // namespace diplograph::store
