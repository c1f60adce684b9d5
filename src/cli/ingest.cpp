// diplograph ingest FILE...|- : what ingest_files (diplograph/ingest.hpp) does, with the CLI's
// parts around it: the store opened at first need (for a bulk load when event data come), a
// progress bar for event data, the summary on stderr (or --json on stdout), developer knobs read
// from the environment.
#include <malloc.h>

#include <cstdlib>
#include <iostream>

#include "cli/documents.hpp"
#include "cli/progress.hpp"

namespace diplograph::cli {

int run_ingest(int argc, char** argv) {
  cxxopts::Options options("ingest", "Extract documents and store their events in the database.");
  add_document_options(options, true);
  add_db_option(options);
  add_projection_option(options);
  options.add_options()("q,quiet", "print no summary")(
      "json", "print the summary as one JSON object on standard output")(
      "threads", "extraction and parser threads (default: all cores)",
      cxxopts::value<unsigned>())(
      "allow-mixed-knowledge",
      "merge per-document records (--format documents) of several knowledge versions")(
      "h,help", "show this help");
  auto args = parse(options, argc, argv);
  if (!args) return kExitBadInput;
  auto doc_args = document_args(*args);
  if (!doc_args) return fail(doc_args.error());

  IngestOptions o;
  o.read = doc_args->read;
  o.extractor_options = doc_args->extractor;
  if (args->count("threads")) o.threads = std::max(1u, (*args)["threads"].as<unsigned>());
  o.save_projection = !args->count("no-projection");
  o.import.allow_mixed_knowledge = args->count("allow-mixed-knowledge") > 0;
  // Developer knobs: each bulk phase's time (profiling), and for the crash test
  // (tests/crash_test.sh) small chunks and SST files for all of them.
  const bool trace = std::getenv("DIPLOGRAPH_BULK_TRACE") != nullptr;
  o.import.trace = trace;
  if (const char* c = std::getenv("DIPLOGRAPH_IMPORT_CHUNK"); c && std::atol(c) > 0)
    o.import.chunk_records = static_cast<std::size_t>(std::atol(c));
  if (const char* c = std::getenv("DIPLOGRAPH_SST_MIN"); c && std::atol(c) > 0)
    o.import.sst_min_records = static_cast<std::size_t>(std::atol(c));
  ProgressBar bar("records");
  if (bar.active()) {
    o.import.progress = [&](std::uint64_t records, std::uint64_t done, std::uint64_t total) {
      bar.update(records, done, total);
    };
    o.import.status = [&](std::string_view step) { bar.note(step); };
  }

  std::unique_ptr<GraphStore> store;
  const std::string dir = database_dir(*args);
  auto source = [&](bool bulk) -> Result<GraphStore*> {
    StoreOptions so;
    if (bulk) {
      // A bulk import allocates and frees a few hundred MB per chunk: keep it in the heap rather
      // than returning it to the kernel each time, which would fault every page in again.
      mallopt(M_MMAP_THRESHOLD, 1 << 30);
      mallopt(M_TRIM_THRESHOLD, 1 << 30);
      so.bulk_load = true;  // import_event_files ends it
      so.trace_bulk = trace;
    }
    auto opened = GraphStore::open(dir, so);
    if (!opened) return opened.error();
    store = std::move(*opened);
    return store.get();
  };
  // Errors, like progress, come from this thread: each on a line of its own, below the bar.
  auto summary = ingest_files(source, doc_args->files, o, [&bar](RecordError&& err) {
    bar.finish();
    std::cerr << "diplograph: " << err.to_string() << "\n";
  });
  bar.finish();
  if (!summary) return fail(summary.error());
  for (const auto& w : summary->warnings) std::cerr << "diplograph: warning: " << w << "\n";
  if (args->count("json")) std::cout << summary->to_json() << "\n";
  else if (!args->count("quiet")) std::cerr << summary->to_text();
  if (summary->bad_records > 0) {
    std::cerr << "diplograph: " << summary->bad_records << " bad record(s) skipped\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace diplograph::cli
