// GraphStore::Impl: the RocksDB handles behind the public GraphStore, shared by graph_store.cpp
// (open and reads) and ingest.cpp (writes). Internal to src/store.
// Thread-safety: RocksDB's own; reads may run concurrently, ingest is serialised by the caller.
#pragma once

#include <rocksdb/db.h>

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "diplograph/graph_store.hpp"
#include "diplograph/status.hpp"
#include "store/key_codec.hpp"
#include "store/lock.hpp"
#include "util/huge_pages.hpp"

namespace diplograph::store {

// THE translation of rocksdb::Status into ours; `context` says what we were doing.
Status from_rocks(const rocksdb::Status& s, std::string_view context);

// Leaves a database that failed a write open, unclosed, until the process ends, after stopping
// its background work. Debian's RocksDB (7.8, assertions on) aborts the process when it closes
// a log writer whose append failed (WritableFileWriter::Flush asserts on the earlier error), and
// closing or deleting a DB closes its log writers. Nothing is lost: what reached the log
// and the tables stays, and the next open recovers from them.
void abandon(std::unique_ptr<rocksdb::DB> db);

struct BulkBuffers;  // bulk_write.hpp

// Indexes into Impl::cf, in DESIGN.md's order.
enum Cf : std::size_t { kActor, kAlias, kEvent, kAdj, kPair, kTime, kDoc, kMeta, kCfCount };

// The families only ever scanned (timelines, paths, time ranges), never read by key.
inline bool scanned_only(Cf f) { return f == kAdj || f == kPair || f == kTime; }

// The options of a column family: the same for open, for compactions and for the SST files of a
// bulk import. Families read by key get Bloom filters; the scanned ones (their keys hashes and
// ids, which the block format's prefix sharing already shrinks) get neither filters nor
// compression, which would cost every flush and merge time for nothing.
rocksdb::ColumnFamilyOptions family_options(Cf family);

// The families' names, by Cf.
inline constexpr std::array<const char*, kCfCount> kCfNames = {
    kCfActor, kCfAlias, kCfEvent, kCfAdj, kCfPair, kCfTime, kCfDoc, kCfMeta};

// What a bulk load changes (BulkLoader, bulk_loader.cpp) set on options before an open
// (StoreOptions::bulk_load).
Status bulk_load_options(rocksdb::ColumnFamilyOptions& o);

// Zero-filled words from mmap, in transparent huge pages where the kernel gives them: the kernel
// zeroes a page only when it is first touched, and a Bloom filter of 16 MB touched at random
// takes a few huge-page faults instead of thousands of small ones (each about 10 us on a
// virtual machine: allocating the filters as vectors cost 140 ms).
class ZeroedWords {
 public:
  explicit ZeroedWords(std::size_t words) : block_(words * sizeof(std::uint64_t)), size_(words) {}
  std::uint64_t& operator[](std::size_t i) { return data()[i]; }
  std::uint64_t operator[](std::size_t i) const { return data()[i]; }
  std::size_t size() const { return size_; }

 private:
  std::uint64_t* data() const { return reinterpret_cast<std::uint64_t*>(block_.data()); }
  util::HugeBlock block_;  // fresh mmap memory: zero
  std::size_t size_ = 0;
};

// What bulk chunks written into an empty store hold: Bloom filters over their doc, event and
// actor keys (by the keys' 64-bit hashes). While no other write has happened since the last
// chunk (the latest sequence number is `sequence`), a key a filter has never seen is not in the
// database and need not be looked up: a large import into a new store reads almost nothing.
struct BulkMemo {
  static constexpr std::size_t kDocBits = std::size_t{1} << 27;  // ~10 bits a key for 13M keys
  static constexpr std::size_t kEventBits = std::size_t{1} << 27;
  static constexpr std::size_t kActorBits = std::size_t{1} << 24;
  ZeroedWords docs{kDocBits / 64};
  ZeroedWords events{kEventBits / 64};
  ZeroedWords actors{kActorBits / 64};
  std::uint64_t sequence = 0;
  // The actor records those chunks wrote, decoded and encoded (the same actors come back chunk
  // after chunk; decoding them again would cost more than the rest of their work), up to
  // kActorRecords of them.
  static constexpr std::size_t kActorRecords = std::size_t{1} << 21;
  std::unordered_map<ActorId, std::pair<Actor, std::string>> actor_records;

  static void add(ZeroedWords& bits, std::uint64_t hash) {
    for_bits(bits, hash, [&](std::size_t b) { bits[b >> 6] |= std::uint64_t{1} << (b & 63); });
  }
  // add() for several threads at once.
  static void add_shared(ZeroedWords& bits, std::uint64_t hash) {
    for_bits(bits, hash, [&](std::size_t b) {
      __atomic_fetch_or(&bits[b >> 6], std::uint64_t{1} << (b & 63), __ATOMIC_RELAXED);
    });
  }
  static bool may_contain(const ZeroedWords& bits, std::uint64_t hash) {
    bool all = true;
    for_bits(bits, hash, [&](std::size_t b) { all = all && (bits[b >> 6] >> (b & 63) & 1); });
    return all;
  }

 private:
  // Six probes by double hashing (Kirsch and Mitzenmacher) of a hash that is random already, all
  // inside one 512-bit block picked by the hash's high half: a key costs one cache miss, not six
  // (a blocked Bloom filter; a little more often wrong, which only costs a lookup).
  template <class Fn>
  static void for_bits(const ZeroedWords& bits, std::uint64_t hash, Fn fn) {
    const std::uint64_t blocks = bits.size() / 8;  // a power of two
    const std::size_t base = static_cast<std::size_t>((hash >> 32) & (blocks - 1)) * 512;
    std::uint32_t h = static_cast<std::uint32_t>(hash);
    const std::uint32_t step = static_cast<std::uint32_t>(hash >> 23) | 1;
    for (int i = 0; i < 6; ++i, h += step) fn(base + (h & 511));
  }
};

}  // namespace diplograph::store

namespace diplograph {

struct GraphStore::Impl {
  std::string dir;
  std::string identity;  // RocksDB's, read once at open (state_stamp)
  bool read_only = false;
  bool bulk_loading = false;  // between BulkLoader::start() and finish()
  bool trace_bulk = false;    // StoreOptions::trace_bulk
  std::unique_ptr<rocksdb::DB> db;
  // Owned handles (including the default family), destroyed before the DB closes.
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  std::array<rocksdb::ColumnFamilyHandle*, store::kCfCount> cf{};
  // Held by a writable store; released after the DB has closed (members go after ~Impl's body).
  std::unique_ptr<store::WriterLock> lock;
  // Set by a BulkLoader's first chunk into an empty store (src/store/bulk.cpp).
  std::optional<store::BulkMemo> bulk_memo;
  // Memory bulk chunks reuse (bulk_write.hpp), made by the first.
  std::unique_ptr<store::BulkBuffers> bulk_buffers;

  // Held by every write (ingest, remove, bulk import, compaction) for its whole run: writes of
  // one store from several threads run one after another, so counters and merged records stay
  // exact. Reads take no lock. Recursive: an ingest that replaces a document removes the old one.
  std::recursive_mutex write_mutex;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl();

  // The first failed write (a full disk, an I/O error), kOk while there was none. RocksDB's
  // log writer is unusable after a failed append (a later write, flush or close of it trips an
  // assertion in Debian's build), so from then on the store writes nothing and ~Impl does not
  // close the database: see wrote().
  Status write_error;

  // `s` of a write (a batch, SST ingestion, a compaction) as our Status. A failure is
  // remembered in write_error and said with the database's directory; kIoError ("No space left
  // on device" and the file) unless RocksDB reports corruption or bad input.
  Status wrote(const rocksdb::Status& s, std::string_view context);
  // write_error, or kOk: what a write method returns before it starts.
  Status writable() const;

  // Reads one value: kNotFound when absent, other codes when RocksDB fails.
  Status get(store::Cf family, std::string_view key, std::string* value,
             const rocksdb::Snapshot* snapshot = nullptr) const;
  // A meta counter; 0 when never written.
  Result<std::uint64_t> counter(std::string_view name,
                                const rocksdb::Snapshot* snapshot = nullptr) const;
};

}  // namespace diplograph
