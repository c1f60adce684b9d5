// Importing coded event data (GDELT 1.0/2.0 exports, ICEWS event files and ICEWS-style
// quadruples) into a GraphStore in bulk. Every input record becomes one record document with one
// event mention; records describing the same event merge into one event (deterministic ids).
// Thread-safety: import_event_files() uses its own threads and must be the store's only writer.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/document.hpp"
#include "diplograph/event.hpp"
#include "diplograph/extract.hpp"
#include "diplograph/bulk_load.hpp"
#include "diplograph/graph_store.hpp"
#include "diplograph/status.hpp"

namespace diplograph {

// The event-file formats an importer knows. kUnknown: the content matched none.
// kDocuments: per-document extraction records (document_record_json below).
enum class EventFileFormat { kUnknown, kGdelt, kIcewsEvents, kIcewsQuadruples, kCsv, kDocuments };

// Detects the format from the first line of a file: 57/58/61 tab-separated columns with a
// numeric GLOBALEVENTID (GDELT), the ICEWS header ("Event ID<TAB>Event Date..."), or 4 columns
// ending in a YYYY-MM-DD date (quadruples), a CSV header naming source, target, date and type
// (an event edge list, as bench/gen_events writes it), or a per-document extraction record.
EventFileFormat detect_event_format(std::string_view first_line);

struct ImportOptions {
  // Restricts what a file may be: kGdelt accepts only GDELT, kIcews either ICEWS layout, kCsv
  // only a CSV edge list; kAuto (or kEvents etc.) detects per file. Default: kAuto.
  InputFormat format = InputFormat::kAuto;
  // Parser threads, and the store's for each chunk. Default: 0 = the machine's hardware threads.
  unsigned threads = 0;
  // Records per atomic chunk (one WriteBatch, or one set of SST files ingested at once).
  // Default: 100000 (on a 2-core machine, 1M CSV rows import fastest in chunks of 100k: larger
  // ones spend more on first-touched memory than they save per chunk).
  std::size_t chunk_records = 100000;
  // Chunks of at least this many new records are written as SST files, smaller ones as one
  // WriteBatch. Default: 20000.
  std::size_t sst_min_records = 20000;
  // The longest line read. A file with a longer one is refused at that line (kInvalidInput, no
  // more of it read); so is a compressed file that expands to more than 100 times its size
  // once past 256 MiB (a decompression bomb). Default: kDefaultMaxRecordBytes (64 MiB).
  std::size_t max_record_bytes = kDefaultMaxRecordBytes;
  // Per-document records (kDocuments) of another knowledge version than the first record's, or
  // than the documents the store holds, are refused (kInvalidInput, before anything of the file
  // is stored when its first record differs) unless this is set: a store of mixed versions
  // holds extractions that disagree. Default: false.
  bool allow_mixed_knowledge = false;
  // The CSV parser's time per block and its wait for the store on stderr, for profiling an
  // import (the CLI sets it when DIPLOGRAPH_BULK_TRACE is set). Default: false.
  bool trace = false;
  // Called after each chunk is stored with the records done so far and the input bytes read of
  // the total (0 when unknown, e.g. standard input). Default: none.
  std::function<void(std::uint64_t records, std::uint64_t bytes_done, std::uint64_t bytes_total)>
      progress;
  // Called when a long step that reads no input starts, with what it does ("merging the sorted
  // runs of adj, pair, time": the end of a large import). Default: none.
  std::function<void(std::string_view step)> status;
};

struct ImportSummary {
  std::uint64_t records = 0;          // good records read
  std::uint64_t bad_records = 0;      // reported through on_error and skipped
  std::uint64_t already_present = 0;  // records ingested by an earlier run
  std::uint64_t events_new = 0;
  std::uint64_t events_merged = 0;  // reports that joined an existing event (BulkIngestResult)
  std::uint64_t documents = 0;      // per-document records written (not already present)

  // Adds what one stored chunk did; `documents`: a chunk of per-document records.
  void add(const BulkIngestResult& chunk, bool of_documents = false) {
    if (of_documents) documents += chunk.records;
    already_present += chunk.already_present;
    events_new += chunk.events_new;
    events_merged += chunk.events_merged;
  }
};

// Reads every file ("-" is standard input; .gz and .zip are decompressed on the fly), parses
// records on all cores and stores them chunk by chunk with a BulkLoader. Each bad line
// goes to `on_error` (file and 1-based line) and is skipped. kInvalidInput when a file is missing
// or its format is not recognised (nothing of that file is stored), kIoError when reading fails,
// other codes from the store.
Result<ImportSummary> import_event_files(GraphStore& store, const std::vector<std::string>& files,
                                         const ImportOptions& options,
                                         const std::function<void(RecordError&&)>& on_error);

// Per-document extraction records: one JSON object a line (README, "Per-document records"),
//   {"format":"diplograph.document/1","knowledge":…,"key":…,"id":…,"title":…,"date":…,
//    "source":…,"url":…,"actors":[…],"events":[…]}
// with everything GraphStore::ingest stores of the document: its metadata and content key (not
// its text), its actors with kinds, codes, countries, aliases and affiliations, and its events
// with mentions, ids and CAMEO fields as extracted. Merging them (import_event_files) gives the
// store that ingesting the articles gives.
std::string document_record_json(const Document& doc, const Extraction& extraction);
// The record of one line (without its newline). kInvalidInput names the field that is wrong.
Result<ImportedRecord> parse_document_record(std::string_view line);
// The same into `rec` (a fresh ImportedRecord), sparing a move; on an error `rec` holds part of
// the record.
Status parse_document_record_into(std::string_view line, ImportedRecord& rec);
// True when `line` is a JSON object whose "format" names a per-document record.
bool looks_like_document_record(std::string_view line);

// Parsers of single lines, for tests and fuzzing. `line` without its newline; `record_id` names
// the record when the format has no id of its own (quadruples: "FILE:LINE").
// kInvalidInput says what is wrong with the line.
Result<ImportedRecord> parse_gdelt_line(std::string_view line);
// ICEWS event rows need the header's column positions: parse it first.
struct IcewsHeader {
  int event_id = -1, date = -1, source_name = -1, source_sectors = -1, source_country = -1,
      event_text = -1, cameo = -1, target_name = -1, target_sectors = -1, target_country = -1,
      story_id = -1, sentence = -1, publisher = -1, intensity = -1;
  std::size_t columns = 0;
};
Result<IcewsHeader> parse_icews_header(std::string_view line);
Result<ImportedRecord> parse_icews_line(const IcewsHeader& header, std::string_view line);
Result<ImportedRecord> parse_icews_quadruple(std::string_view line, std::string_view record_id);

}  // namespace diplograph
