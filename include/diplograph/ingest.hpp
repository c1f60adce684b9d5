// What `diplograph ingest` does, as one call: the CLI's `ingest` and the Python module's
// Database.ingest both are this function. Documents (text, HTML, JSON Lines) are extracted on
// several threads and stored one by one in input order; event data sets (GDELT, ICEWS, CSV edge
// lists) and per-document records (`extract --emit documents`) go through the bulk importer;
// our own event JSON Lines are stored grouped per document. The answer is one summary with one
// JSON form.
// Thread-safety: ingest_files runs threads of its own; the store serializes writers, so calls on
// one store from several threads run one after another where they write.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "diplograph/document.hpp"
#include "diplograph/extract.hpp"
#include "diplograph/graph_store.hpp"
#include "diplograph/import.hpp"
#include "diplograph/status.hpp"

namespace diplograph {

struct IngestOptions {
  // How documents are read (date, source, the longest record) and what the files are:
  // kAuto sorts each file by its first line (event data sets and per-document records to the
  // bulk importer, the rest documents); kEvents: every file is event JSON Lines; kGdelt, kIcews,
  // kCsv, kDocuments: every file is of that format; kText, kHtml, kJsonl: every file holds
  // documents. Default: ReadOptions's (kAuto).
  ReadOptions read;
  // The bulk importer's knobs: chunk sizes, knowledge versions, tracing, progress. Its `format`,
  // `max_record_bytes` and `threads` are taken from `read` and `threads` here.
  ImportOptions import;
  // Threads: extraction workers for documents, parsers for event data. Default: 0 = the
  // machine's hardware threads.
  unsigned threads = 0;
  // Documents are extracted with this extractor when set (it must outlive the call), else with
  // one created from `extractor_options` when there are documents. Default: none.
  const Extractor* extractor = nullptr;
  ExtractorOptions extractor_options;
  // Writes the store's projection when something was stored (QueryEngine::save_projection), so
  // the first query of any process maps it instead of building it. Default: true.
  bool save_projection = true;
};

// What one kind of input did to the store.
struct IngestCounts {
  std::uint64_t stored = 0;           // documents or records written
  std::uint64_t already_present = 0;  // stored before (or a copy of a stored article)
  std::uint64_t replaced = 0;         // extracted before with other knowledge: replaced
  std::uint64_t events_new = 0;
  std::uint64_t events_merged = 0;  // reports that joined an event stored already
  bool seen = false;                // the call had input of this kind
};

struct IngestSummary {
  IngestCounts documents;  // documents extracted here (text, HTML, JSON Lines)
  // The bulk path: event data records (GDELT, ICEWS, CSV rows) and per-document records.
  IngestCounts records;
  std::uint64_t records_documents = 0;  // of records.stored, per-document records
  IngestCounts event_lines;  // event JSON lines (`stored`: the lines; grouped per document)
  std::uint64_t event_line_documents = 0;  // the documents the event lines were grouped into
  std::uint64_t bad_records = 0;           // reported to on_error and skipped
  std::vector<std::string> warnings;       // e.g. the projection could not be saved

  // The answer as a JSON object, one line: {"documents","records","already_present","replaced",
  // "events_new","events_merged","bad_records","warnings"}. `documents` counts documents
  // stored (extracted, merged as per-document records, or made of event lines), `records` the
  // event data records and event lines stored; the rest sum every kind.
  std::string to_json() const;
  // The summary `diplograph ingest` prints: a line for each kind of input the call had.
  std::string to_text() const;
};

// Where ingest_files gets its store: called once, when there is something to store (so that
// input that is all bad leaves no new database behind); `bulk` when event data follow (a
// caller opening the store may open it for a bulk load, StoreOptions::bulk_load). The store
// must outlive the call.
using StoreSource = std::function<Result<GraphStore*>(bool bulk)>;

// Ingests every file ("-" is standard input) as `diplograph ingest FILE...` does: event JSON
// Lines first (kEvents), else event data and per-document records (the bulk path) and then
// documents, each in file order. Bad records go to `on_error` (file and line) and are skipped
// and counted. Errors: kInvalidInput for a missing file or one of no recognised format (nothing
// of it stored), kIoError for a failed read, the extractor's and the store's errors.
Result<IngestSummary> ingest_files(const StoreSource& store, const std::vector<std::string>& files,
                                   const IngestOptions& options,
                                   const std::function<void(RecordError&&)>& on_error);

}  // namespace diplograph
