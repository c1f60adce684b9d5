// Importing our own event JSON Lines (DESIGN.md, Event JSON; what `extract --json` prints) into a
// GraphStore: `ingest --format events`. Internal to the library and the CLI.
// Thread-safety: the store's (one writer).
#pragma once

#include <functional>
#include <string>

#include "diplograph/document.hpp"
#include "diplograph/graph_store.hpp"

namespace diplograph::import {

struct EventsImportSummary {
  std::size_t events = 0;     // good lines
  std::size_t documents = 0;  // groups written
  std::size_t already_present = 0;
  std::size_t events_new = 0, events_merged = 0;
};

// Reads `path` ("-": standard input; .gz and .zip decompressed) whole; a line longer than
// `max_record_bytes` is a bad record. Events are grouped by the document of their first
// mention (the file path when they have none) and each group is stored as one document, keyed as
// GraphStore::ingest keys it (its content: the events' JSON), through a BulkLoader in chunks of
// about 100,000 events, each atomic: a group is all in or all out, and re-importing the same file
// is a no-op. Bad lines go to `on_error` with file and line and are
// skipped. kInvalidInput for an unreadable file; other codes from the store.
Status import_event_jsonl(GraphStore& store, const std::string& path,
                          std::size_t max_record_bytes,
                          const std::function<void(RecordError&&)>& on_error,
                          EventsImportSummary& summary);

}  // namespace diplograph::import
