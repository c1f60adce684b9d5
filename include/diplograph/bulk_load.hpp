// The bulk import's input and answer: records of coded event data and per-document extraction
// records (ImportedRecord), edge-list chunks (EdgeChunk), and what a chunk stored
// (BulkIngestResult), for GraphStore::ingest_bulk and GraphStore::ingest_edges. Plain value
// types; thread-safety as any value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
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

// A chunk of edge-list records (CSV rows) for GraphStore::ingest_edges. Each row is one record:
// a document with no text, id doc_prefix + its line number, reporting one event with one
// mention (doc the record id, pattern `pattern`, no text). record(i) is that row as the
// ImportedRecord ingest_bulk takes, and both ways store the same bytes; this form spares a
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

}  // namespace diplograph
