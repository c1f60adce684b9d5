// The bulk loader, a store's part for large imports (BulkLoader), and its input and answer:
// records of coded event data and per-document extraction records (ImportedRecord), edge-list
// chunks (EdgeChunk), and what a chunk stored (BulkIngestResult).
// Thread-safety: the records are plain values; a BulkLoader's chunks are written one at a time
// with the store's other writes (the store serializes them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/event.hpp"
#include "diplograph/extract.hpp"
#include "diplograph/graph_store.hpp"

namespace diplograph {

// One record of coded event data (a GDELT or ICEWS row, an event JSON line): a document with no
// text whose id names the record ("gdelt:881990833"), the event it reports (one mention) and the
// actors it names. Stored under a key derived from doc.id (record_key()), not from the text.
//
// A per-document extraction record (`extract --emit documents`) is an ImportedRecord too: its doc
// is the article's metadata (no text), its extraction what the extractor gave, and `key` the
// article's content key, so that it is stored as GraphStore::ingest stores the article.
struct ImportedRecord {
  Document doc;
  Extraction extraction;
  // The doc column family key when given: 16 lower-case hex digits (Document::content_key()).
  // Empty: record_key() derives it from doc.id.
  std::string key;

  // The doc column family key of this record: `key` when set, else 16 hex digits of XXH3-64 over
  // "record|" + doc.id.
  std::string record_key() const;
};

// A chunk of edge-list records (CSV rows) for BulkLoader::add. Each row is one record:
// a document with no text, id doc_prefix + its line number, reporting one event with one
// mention (doc the record id, pattern `pattern`, no text). record(i) is that row as an
// ImportedRecord, and both ways store the same bytes; this form spares a
// Document, an Event and their strings per row, which is most of the cost of a large import.
struct EdgeChunk {
  struct Row {
    ActorId source = 0;
    ActorId target = 0;  // 0: the event has no target
    EventId id;          // as Event::finalize() makes it, or as the input gave it
    Date date;
    EventType type = EventType::kStatement;
    EventStatus status = EventStatus::kOccurred;
    char cameo[6] = {};  // the CAMEO event code, NUL-terminated ("041")
    std::uint64_t line = 0;
  };
  std::string doc_prefix;       // "events.csv:"
  std::string source;           // the records' outlet: "CSV"
  std::string pattern;          // the mentions' pattern: "csv"
  // An actor the rows name: its reference, and the records the knowledge base has for it (itself
  // with aliases and affiliations, the bodies it is affiliated to); empty for a bare name.
  struct Named {
    ActorRef ref;
    std::vector<Actor> records;
  };
  std::vector<Named> actors;  // every actor the rows name, one entry per id
  std::vector<Row> rows;

  std::string record_id(std::size_t i) const { return doc_prefix + std::to_string(rows[i].line); }
  // Row `i` as a record: its event, and as actors the records of its source, then its target.
  // REQUIRES: `actors` names both. Looks them up one by one: for tests and the odd row.
  ImportedRecord record(std::size_t i) const;
};

struct BulkIngestResult {
  std::size_t records = 0;          // records written
  std::size_t already_present = 0;  // records skipped: stored by an earlier run
  std::size_t events_new = 0;
  // Event reports of new records that joined an event stored before or reported earlier in the
  // chunk (so events_new + events_merged is the number of events the records report).
  std::size_t events_merged = 0;
  bool used_sst = false;  // written as SST files through IngestExternalFiles
};

// A large import into one store. start() stops RocksDB's background compactions and stalls (each
// chunk's files span the whole key range, so every chunk past the first few would be merged
// again and again while the import runs): the options of RocksDB's Options::PrepareForBulkLoad
// that an open store can change. add() stores a chunk in one atomic step: records already
// stored are skipped, the rest merge into existing events and actors as GraphStore::ingest would
// merge them, in order, so the store does not depend on where chunks are cut. Large chunks
// (>= sst_min_records) are written as sorted SST files handed to IngestExternalFiles, smaller
// ones as one WriteBatch; either way the store holds the whole chunk or none of it. Hashing,
// encoding and sorting run on `threads` threads (0: the machine's, at most 8). finish() brings
// the store's own options back and merges each family left with many sorted runs into one, so
// that reads after the import do not merge them: a scanned family (adj, pair, time: timelines,
// paths) from `max_runs` runs, a family read by key (records, aliases) from 4 * max_runs (its
// Bloom filters skip most runs); each chunk is one run. `on_merge`, when set, is called once
// before a merge starts with the families to merge ("adj, pair, time"): after a large import it
// takes seconds to minutes. A loader destroyed unfinished (an import that failed) brings the
// options back and merges nothing. Errors: kInvalidInput on a read-only store, kIoError when
// RocksDB fails.
class BulkLoader {
 public:
  static Result<BulkLoader> start(GraphStore& store);
  BulkLoader(BulkLoader&& other) noexcept;
  BulkLoader& operator=(BulkLoader&&) = delete;
  ~BulkLoader();

  Result<BulkIngestResult> add(const std::vector<ImportedRecord>& records,
                               std::size_t sst_min_records = 20000, unsigned threads = 0);
  // Edge rows: the same result as add() of every row's record(i), in order.
  Result<BulkIngestResult> add(const EdgeChunk& chunk, std::size_t sst_min_records = 20000,
                               unsigned threads = 0);
  // Returns how many families it merged. Once: later calls, and add(), are kInvalidInput.
  Result<int> finish(int max_runs = 8,
                     const std::function<void(std::string_view families)>& on_merge = {});

 private:
  explicit BulkLoader(GraphStore& store) : store_(&store) {}
  GraphStore* store_;  // null once finished
};

}  // namespace diplograph
