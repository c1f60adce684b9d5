// The output of a bulk-ingest chunk: key-value pairs per column family, kept in arena blocks
// (no string per key), then written in one atomic step: sorted SST files handed to
// IngestExternalFiles in one call, or one WriteBatch. Internal to src/store.
// Thread-safety: a KvSink is filled by one thread; write_chunk takes several and uses its own.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string_view>
#include <vector>

#include "store/impl.hpp"
#include "util/huge_pages.hpp"

namespace diplograph::store {

struct Kv {
  std::uint64_t k0 = 0, k1 = 0;  // the first 16 key bytes, big-endian, zero-padded: for sorting
  const char* data = nullptr;    // the key bytes, then the value bytes, in a KvSink's arena
  std::uint32_t key_size = 0, value_size = 0;
  std::string_view key() const { return {data, key_size}; }
  std::string_view value() const { return {data + key_size, value_size}; }
};

// With StoreOptions::trace_bulk: each phase's wall time on stderr, for profiling an import.
class BulkTrace {
 public:
  explicit BulkTrace(bool on) : on_(on) {}
  void operator()(const char* phase);

 private:
  bool on_;
  std::chrono::steady_clock::time_point t0_ = std::chrono::steady_clock::now();
};

// Pair indexes hold a chunk's millions of pairs: in huge pages, a new import's first chunk does
// not spend its time in page faults.
using KvVector = util::HugeVector<Kv>;

class KvSink {
 public:
  KvSink() = default;
  KvSink(const KvSink&) = delete;
  KvSink& operator=(const KvSink&) = delete;
  KvSink(KvSink&&) = default;
  KvSink& operator=(KvSink&&) = default;

  // Copies the pair in. A later put of the same key in the same chunk must carry the same value
  // (true of every caller: the only repeats are the two adj keys of an undirected self-loop).
  void put(Cf family, std::string_view key, std::string_view value);
  const KvVector& items(Cf family) const { return kv_[family]; }
  // Room for `n` more pairs of `family` (fewer reallocations of the index).
  void reserve(Cf family, std::size_t n) { kv_[family].reserve(kv_[family].size() + n); }
  // Forgets every pair but keeps the memory, for the next chunk.
  void clear();

 private:
  // Each family has its own blocks, so that writing one family's file reads memory that is
  // close together (sorting scatters the order; a page per key would cost a TLB miss each).
  struct Arena {
    std::vector<util::HugeBlock> blocks;
    std::size_t in_use = 0;  // blocks[in_use - 1] is the one being filled
    char* cur = nullptr;
    std::size_t left = 0;
  };
  char* alloc(Cf family, std::size_t n);
  Arena arena_[kCfCount];
  KvVector kv_[kCfCount];
};

// Memory a bulk import keeps from chunk to chunk (GraphStore::Impl::bulk_buffers): a page the
// process touches for the first time costs a fault, about 10 us on a virtual machine, and a
// chunk that allocated its few hundred MB afresh spent a fifth of its time in them.
struct BulkBuffers {
  std::vector<KvSink> sinks;               // handed to each chunk, cleared
  std::deque<KvVector> parts;  // write_ssts' key ranges (a deque: growing it moves none)
  std::vector<KvVector> scratch;    // one per writer thread, for sorting
  // `n` cleared sinks, moved out; give them back with put_sinks.
  std::vector<KvSink> take_sinks(std::size_t n);
  void put_sinks(std::vector<KvSink>&& s);
};

// Writes every pair of `sinks` atomically: as sorted SST files, several per large family, built
// on `threads` threads and ingested in one IngestExternalFiles call (sst), or as one WriteBatch
// with the WAL on. The sinks must outlive the call.
Status write_chunk(GraphStore::Impl& impl, const std::vector<KvSink>& sinks, bool sst,
                   unsigned threads);
// The store's buffers, made on first use.
BulkBuffers& bulk_buffers(GraphStore::Impl& impl);

}  // namespace diplograph::store
