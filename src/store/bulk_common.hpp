// What the two bulk paths share (BulkLoader::add of records in bulk.cpp, of edge rows in
// bulk_edges.cpp): flat hash indexes, the threads, which
// keys a chunk must look up, loading and merging the actors it touches, and the tail of a chunk
// (actor records, aliases, counters, the atomic write). Internal to src/store.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "diplograph/bulk_load.hpp"
#include "diplograph/graph_store.hpp"
#include "store/bulk_write.hpp"
#include "store/derived.hpp"
#include "store/impl.hpp"
#include "util/flat_index.hpp"

namespace diplograph::store {

using util::FlatIndex;
using util::kNone;
using util::U64Hash;

struct EventIdHash {
  std::size_t operator()(const EventId& id) const { return id.hi ^ (id.lo * 0x9E3779B97F4A7C15ull); }
};
inline std::uint64_t event_hash(const EventId& id) { return EventIdHash{}(id); }

// The threads a bulk step runs on: `requested`, or the machine's (at most 8).
unsigned worker_count(unsigned requested);

// Runs fn(begin, end, t) over [0, n) cut into `threads` contiguous ranges.
template <class Fn>
void parallel_for(std::size_t n, unsigned threads, Fn fn) {
  if (n < 4096 || threads <= 1) {
    fn(std::size_t{0}, n, 0u);
    return;
  }
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back([&, t] { fn(n * t / threads, n * (t + 1) / threads, t); });
  fn(std::size_t{0}, n / threads, 0u);
  for (auto& th : pool) th.join();
}

// merge_actor(into, from) for an actor record or a reference, skipping the call (and the name
// normalizing inside it) when it would change nothing: the usual case of a bulk import, where
// the same actor comes back record after record.
void merge_into(Actor& into, const Actor& from);
void merge_into(Actor& into, const ActorRef& from);
// False when merge_into(into, from) would leave `into` as it is.
bool merge_changes(const Actor& into, const ActorRef& from);

// Reads many keys of one family at once (split over the threads); missing ones are nullopt.
Status multi_get(const GraphStore::Impl& impl, Cf family, const std::vector<std::string>& keys,
                 std::vector<std::optional<std::string>>& out, unsigned threads);

// Puts an event's record (`bytes`, its encoding) and, unless the event was stored before (its
// derived keys depend only on what its id is made of, so they are unchanged), its derived keys.
void put_event(KvSink& sink, const Event& e, std::string_view bytes, bool existed,
               FixedDerivedKeys& scratch);

// Which keys a chunk must look up, and what it can know without looking (BulkMemo, impl.hpp).
class BulkScope {
 public:
  explicit BulkScope(GraphStore::Impl& impl);
  // Whether a key of `family` (kDoc, kEvent or kActor) with this hash may be stored.
  bool may_exist(Cf family, std::uint64_t hash) const;
  BulkMemo* memo() const { return memo_; }

 private:
  BulkMemo* memo_ = nullptr;
  bool empty_[kCfCount] = {};
};

// Of `doc_hash` (the doc keys of a chunk's records), which are new: not stored, and not earlier
// in the chunk; counted into result.records and result.already_present. `stored`, when given,
// receives for each record the doc record stored under its key (nullopt when none).
Result<std::vector<char>> fresh_records(
    const GraphStore::Impl& impl, const BulkScope& scope,
    const std::vector<std::uint64_t>& doc_hash, unsigned threads, BulkIngestResult& result,
    std::vector<std::optional<std::string>>* stored = nullptr);

// The stored records of the events `ids` that may be stored, appended to `stored`; the result
// gives each id's index in `stored`, or kNone when it is new.
Result<std::vector<std::uint32_t>> load_events(const GraphStore::Impl& impl, const BulkScope& scope,
                                               const std::vector<EventId>& ids,
                                               std::vector<Event>& stored, unsigned threads);

// What a chunk has encoded besides its actors, for finish_chunk.
struct ChunkOutput {
  std::vector<KvSink> sinks;  // one per thread: event, derived and doc keys
  std::vector<std::uint64_t> fresh_docs;  // doc hashes of the records written
  std::vector<EventId> event_ids;         // every event the chunk touched
  std::uint64_t mentions = 0, events = 0, edges = 0;  // counters' growth; result.records: docs
  bool sst = false;  // set by finish_chunk

  // Keeps the doc hashes of the chunk's new records (fresh[i] set), for the memo.
  void note_fresh(const std::vector<char>& fresh, const std::vector<std::uint64_t>& doc_hash) {
    for (std::size_t i = 0; i < fresh.size(); ++i)
      if (fresh[i]) fresh_docs.push_back(doc_hash[i]);
  }
  // One sink per thread from the store's buffers, with room for `events` events (records and
  // derived keys) and `records` doc records.
  void take_sinks(GraphStore::Impl& impl, unsigned threads, std::size_t events, std::size_t records);
  // Counts one event of the chunk: `added` mentions, the `reports` of it among the chunk's new
  // records, stored before or new, and whether it has two actors. Every report beyond the one
  // that created the event counts as merged (GDELT rows of one event, within a chunk or not).
  void count_event(BulkIngestResult& result, std::size_t added, std::size_t reports, bool existed,
                   bool edge) {
    mentions += added;
    if (existed) {
      result.events_merged += reports;
      return;
    }
    if (reports > 1) result.events_merged += reports - 1;
    ++result.events_new;
    ++events;
    if (edge) ++edges;
  }
};

class ChunkActors;
// Encodes the changed actors and their aliases, adds the counters, writes everything atomically
// (write_chunk: as SST files when the chunk has at least `sst_min_records` new records) and
// updates the memo.
Status finish_chunk(GraphStore::Impl& impl, BulkScope& scope, ChunkActors& actors,
                    ChunkOutput& out, unsigned threads, std::size_t sst_min_records,
                    BulkIngestResult& result);

// The actors a chunk touches, each loaded once (from the memo or the store) and then merged into.
class ChunkActors {
 public:
  explicit ChunkActors(std::size_t expected) : at_(expected) { actors_.reserve(expected / 2); }
  // Adds `id` (0 is ignored) as a blank record unless present.
  void note(ActorId id) {
    if (id != 0 && at_.emplace(id, static_cast<std::uint32_t>(actors_.size())).second) {
      actors_.emplace_back();
      actors_.back().id = id;
    }
  }
  // Call once, after every note() and before any get(): the stored records replace the blanks.
  Status load(const GraphStore::Impl& impl, const BulkScope& scope, unsigned threads);
  // REQUIRES: noted.
  Actor& get(ActorId id) { return actors_[at_.find(id)]; }
  // Merges `a`, then its affiliations' targets (by name), as ingest() merges a record's actor.
  // REQUIRES: `a` and the targets noted.
  void merge_record(const Actor& a);
  std::size_t size() const { return actors_.size(); }

 private:
  friend Status finish_chunk(GraphStore::Impl&, BulkScope&, ChunkActors&, ChunkOutput&, unsigned,
                             std::size_t, BulkIngestResult&);
  FlatIndex<std::uint64_t, U64Hash> at_;
  std::vector<Actor> actors_;
  std::vector<char> existed_;
  std::vector<std::size_t> old_affiliations_;
  std::vector<std::string> old_bytes_;
};

}  // namespace diplograph::store
