// GraphStore: the persistent event graph in RocksDB (key layout in src/store/key_codec.hpp).
// Thread-safety: reads may run concurrently, with each other and with a write; writes (ingest,
// remove, bulk import, compact) from several threads run one at a time (the store serializes
// them). A read-only store never writes, so queries can run while another process ingests.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/event.hpp"
#include "diplograph/extract.hpp"
#include "diplograph/status.hpp"

namespace diplograph {

struct StoreOptions {
  // Open without write access (RocksDB read-only mode). Default: false.
  bool read_only = false;
  // Create the database when the directory holds none (ignored when read_only). Default: true.
  bool create_if_missing = true;
  // A writer takes the lock file `diplograph.lock` in the directory (flock, holding its pid); a
  // second writer fails with kIoError "database DIR is being written by process N". Readers take
  // no lock. Default: true.
  bool lock = true;
  // Open for a large import: with the options a BulkLoader (diplograph/bulk_load.hpp) sets, from
  // the start, without the cost of changing the options of an open database (RocksDB rewrites
  // its OPTIONS file for each column family); the first BulkLoader's finish() ends the load.
  // Default: false.
  bool bulk_load = false;
  // A block cache of this many bytes for a read-only store (taken only as blocks are read), for
  // a handle that lives long and looks at the same events again (the Python module: 256 MB); 0
  // keeps RocksDB's small default, best for a one-shot process. Default: 0.
  std::size_t block_cache_bytes = 0;
  // Each phase of a bulk import (BulkLoader's add and finish) timed on stderr, for
  // profiling an import (the CLI sets it when DIPLOGRAPH_BULK_TRACE is set). Default: false.
  bool trace_bulk = false;
};

struct StoreStats {
  std::uint64_t documents = 0;
  std::uint64_t mentions = 0;
  std::uint64_t actors = 0;
  std::uint64_t events = 0;
  std::uint64_t edges = 0;         // events with two actors
  std::uint64_t affiliations = 0;  // affiliation edges
};

// A store's bulk loader, with its records and chunks, is in diplograph/bulk_load.hpp.
class BulkLoader;

struct RemoveResult {
  std::size_t documents = 0;       // documents removed (several when an id names several)
  std::size_t mentions = 0;        // mentions taken out
  std::size_t events_removed = 0;  // events no other document reports, removed with their keys
};

// What `check` found: empty problems means every derived key agrees with the records.
struct CheckReport {
  std::uint64_t events = 0, actors = 0, documents = 0, derived_keys = 0;
  std::vector<std::string> problems;  // one line each, at most the limit asked for
  std::uint64_t problem_count = 0;    // all of them, also those past the limit
};

struct IngestResult {
  bool already_present = false;  // the same document (text and date) was ingested before
  // It was, by another knowledge version: its old mentions and events were taken out first
  // (remove_document) and the new extraction stored.
  bool replaced = false;
  // It was, under an id that sorts after this document's: another copy of the article (the same
  // text and date). The copy with the first id is the one kept, so its old mentions and events
  // were taken out and this one stored.
  bool superseded = false;
  std::size_t events_new = 0;
  std::size_t events_merged = 0;  // events that existed and got a mention from this document
};

// One `adj` entry: what a timeline row needs, read without a lookup per row.
struct AdjEntry {
  ActorId actor = 0;
  std::int32_t day = 0;
  EventType type = EventType::kStatement;
  bool outgoing = true;  // actor is the source (undirected types: true for both ends)
  ActorId other = 0;     // 0 when the event has no second actor
  EventId event;
  EventStatus status = EventStatus::kOccurred;
  DatePrecision precision = DatePrecision::kDay;
};

class GraphStore {
 public:
  // Opens (or creates) the database in `dir`. kIoError when RocksDB cannot open it (for a
  // read-only open of a missing database: kNotFound); kIoError or kCorruption "database DIR is
  // damaged (FILE)" when a file of it is missing or damaged, at once: a read-only open waits
  // and tries again only while a writer holds the lock. kInvalidInput when `dir` is to be
  // created and its parent directory does not exist (only `dir` itself is made), and when `dir`
  // is neither absent, an empty directory nor one of our databases: a file (an empty one too), a
  // dangling symbolic link, a non-empty directory of something else, another program's RocksDB
  // (without our column families); nothing is written then. A failed write
  // (kIoError, e.g. "No space left on device") ends writing: every later write returns the same
  // error, and the database stays open, unclosed, until the process ends (RocksDB cannot close
  // it cleanly then; the next open recovers what was written). The caller owns the result.
  static Result<std::unique_ptr<GraphStore>> open(std::string_view dir,
                                                   const StoreOptions& options = {});
  ~GraphStore();
  GraphStore(const GraphStore&) = delete;
  GraphStore& operator=(const GraphStore&) = delete;

  // Writes one document, its events (mentions merged into existing events), actors (aliases and
  // affiliations merged) and every derived key in one atomic WriteBatch. Re-ingesting the same
  // document changes nothing; of two copies of one article (the same text and date) under
  // different ids, the one whose id sorts first is kept (IngestResult::superseded), so the store
  // does not depend on the order documents come in. kInvalidInput on a read-only store.
  Result<IngestResult> ingest(const Document& doc, const Extraction& extraction);

  // Takes out the mentions of the document `id` (a document or record id as given at ingest,
  // or its 16-hex-digit store key) and the events no other document reports, with their derived
  // keys and counters, in one atomic batch. kNotFound when no document has that id.
  Result<RemoveResult> remove_document(std::string_view id);

  // Rewrites every column family into one sorted run (RocksDB's CompactRange). Bulk chunks land
  // as one sorted run each, and a scan merges them all, so after a large import this makes scans
  // (timelines, projections) several times cheaper. Takes as long as rewriting the database once.
  // kInvalidInput on a read-only store; kIoError when RocksDB fails.
  Status compact();

  // Verifies that every derived key (adj, pair, time, alias) and counter agrees with the
  // actor, event and doc records, and that every record decodes. Reads only.
  Result<CheckReport> check(std::size_t max_problems = 50) const;

  Result<StoreStats> stats() const;
  // What the store holds now, as a short string: its RocksDB identity, latest sequence number and
  // counters. Every write changes it (SST ingestion too: the counters move with it); files derived
  // from the store (the persisted projection) carry it and are stale when it differs. Cheap: no
  // scan.
  Result<std::string> state_stamp() const;
  // The directory the store was opened in.
  const std::string& directory() const;

  // How many documents each knowledge version extracted (Extraction::knowledge; "" for imported
  // records and documents stored before versions were kept). Reads every document record: O(n).
  Result<std::map<std::string, std::uint64_t>> knowledge_versions() const;

  // Actors whose normalized name or alias equals normalize_name(text); when none does, those whose
  // normalized name or alias contains it as whole words. Empty when nothing matches.
  Result<std::vector<Actor>> find_actors(std::string_view text) const;
  // kNotFound when the id is unknown.
  Result<Actor> get_actor(ActorId id) const;
  Result<Event> get_event(const EventId& id) const;

  // Calls `fn` for each adj entry of `actor` with from_day <= day <= to_day, in ascending day
  // order; stops early when fn returns false.
  Status scan_adjacency(ActorId actor, std::int32_t from_day, std::int32_t to_day,
                        const std::function<bool(const AdjEntry&)>& fn) const;
  // Events between two actors (either direction) in the window, ascending by day.
  Status scan_pair(ActorId a, ActorId b, std::int32_t from_day, std::int32_t to_day,
                   const std::function<bool(const AdjEntry&)>& fn) const;
  // Ordered, resumable forms of the two scans above (src/store/scan.cpp): descending when asked,
  // and when `after` is given (an entry of an earlier scan of the same actor or pair), starting
  // strictly after it in scan order. One seek, then a bounded scan.
  Status scan_adjacency(ActorId actor, std::int32_t from_day, std::int32_t to_day, bool descending,
                        const AdjEntry* after,
                        const std::function<bool(const AdjEntry&)>& fn) const;
  Status scan_pair(ActorId a, ActorId b, std::int32_t from_day, std::int32_t to_day,
                   bool descending, const AdjEntry* after,
                   const std::function<bool(const AdjEntry&)>& fn) const;
  // Every adj entry with from_day <= day <= to_day, of every actor, in key order (actor, then
  // day), through one iterator: a sweep of the family for a wide window, a seek per actor for a
  // narrow one. Stops early when fn returns false. Reads around the block cache (a sweep would
  // evict what timelines keep there).
  Status scan_adjacency_window(std::int32_t from_day, std::int32_t to_day,
                               const std::function<bool(const AdjEntry&)>& fn) const;
  // The ids of the events dated from_day <= day <= to_day (the `time` family), in day order;
  // stops early when fn returns false.
  Status scan_event_days(std::int32_t from_day, std::int32_t to_day,
                         const std::function<bool(std::int32_t day, const EventId&)>& fn) const;
  // Every actor, in id order; stops early when fn returns false.
  Status for_each_actor(const std::function<bool(const Actor&)>& fn) const;
  // Every event, in id order.
  Status for_each_event(const std::function<bool(const Event&)>& fn) const;

  struct Impl;
  friend class BulkLoader;

 private:
  explicit GraphStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace diplograph
