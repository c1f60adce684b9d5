// `ingest` of coded event data (GDELT, ICEWS, CSV edge lists): files given --format
// gdelt|icews|csv, or detected by --format auto from their first line, go through the bulk
// importer; the rest stay documents.
#include <malloc.h>

#include <cstdlib>
#include <future>
#include <iostream>

#include "cli/import_events.hpp"
#include "cli/progress.hpp"
#include "diplograph/import.hpp"
#include "import/gdelt_icews_actors.hpp"
#include "import/gdelt_icews_source.hpp"

namespace diplograph::cli {

namespace {

// A damaged .gz or .zip (a read error) counts as event data too: the importer then names the
// file and the damage (exit 3) rather than the document reader calling it binary.
bool looks_like_event_file(const std::string& path, std::size_t max_line_bytes) {
  if (path == "-") return false;
  auto reader = import::LineReader::open(path);
  if (!reader) return reader.error().code() == StatusCode::kIoError;
  (*reader)->set_max_line_bytes(max_line_bytes);
  std::vector<std::string> lines;
  while (lines.empty() || lines.back().empty()) {
    auto got = (*reader)->read_lines(lines, 1);
    if (!got) return got.error().code() == StatusCode::kIoError;
    if (*got == 0) return false;
  }
  return detect_event_format(lines.back()) != EventFileFormat::kUnknown;
}

}  // namespace

std::optional<int> ingest_event_files(const cxxopts::ParseResult& args, DocumentArgs& doc_args,
                                      std::size_t& bad_records) {
  const InputFormat format = doc_args.read.format;
  std::vector<std::string> events, documents;
  for (const auto& f : doc_args.files) {
    bool is_events = format == InputFormat::kGdelt || format == InputFormat::kIcews ||
                     format == InputFormat::kCsv || format == InputFormat::kDocuments ||
                     (format == InputFormat::kAuto &&
                      looks_like_event_file(f, doc_args.read.max_record_bytes));
    (is_events ? events : documents).push_back(f);
  }
  if (events.empty()) return std::nullopt;
  doc_args.files = documents;

  // A bulk import allocates and frees a few hundred MB per chunk: keep it in the heap rather
  // than returning it to the kernel each time, which would fault every page in again.
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  // The actor tables every importer resolves names with load while the database opens.
  auto tables = std::async(std::launch::async, [] { (void)import::ActorResolver::instance(); });
  StoreOptions store_options;
  store_options.bulk_load = true;  // import_event_files ends it
  // A developer's knob: each phase's time, for profiling an import.
  const bool trace = std::getenv("DIPLOGRAPH_BULK_TRACE") != nullptr;
  store_options.trace_bulk = trace;
  auto store = GraphStore::open(database_dir(args), store_options);
  if (!store) return fail(store.error());
  ProgressBar bar("records");
  ImportOptions options;
  options.format = format;
  options.max_record_bytes = doc_args.read.max_record_bytes;
  options.trace = trace;
  options.allow_mixed_knowledge = args.count("allow-mixed-knowledge") > 0;
  // Knobs for the crash test (tests/crash_test.sh): small chunks, and SST files for all of them.
  if (const char* c = std::getenv("DIPLOGRAPH_IMPORT_CHUNK"); c && std::atol(c) > 0)
    options.chunk_records = static_cast<std::size_t>(std::atol(c));
  if (const char* c = std::getenv("DIPLOGRAPH_SST_MIN"); c && std::atol(c) > 0)
    options.sst_min_records = static_cast<std::size_t>(std::atol(c));
  if (bar.active()) {
    options.progress = [&](std::uint64_t records, std::uint64_t done, std::uint64_t total) {
      bar.update(records, done, total);
    };
    options.status = [&](std::string_view step) { bar.note(step); };
  }
  // Errors, like progress, come from this thread: each on a line of its own, below the bar.
  auto summary = import_event_files(**store, events, options, [&bar](RecordError&& err) {
    bar.finish();
    std::cerr << "diplograph: " << err.to_string() << "\n";
  });
  bar.finish();
  if (!summary) return fail(summary.error());
  if (documents.empty()) refresh_projection(**store, args);
  if (!args.count("quiet")) {
    std::cerr << "imported " << summary->records - summary->already_present
              << " record(s): " << summary->events_new << " new event(s), "
              << summary->events_merged << " merged";
    if (summary->already_present) std::cerr << "; " << summary->already_present << " already present";
    std::cerr << "\n";
  }
  if (summary->bad_records > 0) {
    std::cerr << "diplograph: " << summary->bad_records << " bad record(s) skipped\n";
    if (documents.empty()) return kExitBadInput;
    bad_records += summary->bad_records;
  }
  if (documents.empty()) return kExitOk;
  return std::nullopt;
}

}  // namespace diplograph::cli
