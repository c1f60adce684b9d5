// diplograph ingest FILE...|- : extract documents and store them, each in one atomic batch.
#include <iostream>

#include "cli/documents.hpp"
#include "cli/import_events.hpp"
#include "import/event_jsonl.hpp"

namespace diplograph::cli {

int run_ingest(int argc, char** argv) {
  cxxopts::Options options("ingest", "Extract documents and store their events in the database.");
  add_document_options(options, true);
  add_db_option(options);
  add_projection_option(options);
  options.add_options()("q,quiet", "print no summary")(
      "allow-mixed-knowledge",
      "merge per-document records (--format documents) of several knowledge versions")(
      "h,help", "show this help");
  auto args = parse(options, argc, argv);
  if (!args) return kExitBadInput;
  auto doc_args = document_args(*args);
  if (!doc_args) return fail(doc_args.error());
  // Our own event JSON Lines: grouped per mention document, one atomic batch per group.
  if (doc_args->read.format == InputFormat::kEvents) {
    auto opened = GraphStore::open(database_dir(*args));
    if (!opened) return fail(opened.error());
    std::size_t bad = 0;
    import::EventsImportSummary sum;
    for (const auto& file : doc_args->files) {
      Status st = import::import_event_jsonl(**opened, file, [&](RecordError&& e) {
        ++bad;
        std::cerr << "diplograph: " << e.to_string() << "\n";
      }, sum);
      if (!st) return fail(st);
    }
    refresh_projection(**opened, *args);
    if (!args->count("quiet"))
      std::cerr << "ingested " << sum.events << " event record(s) in " << sum.documents
                << " document(s): " << sum.events_new << " new event(s), " << sum.events_merged
                << " merged\n";
    if (bad) std::cerr << "diplograph: " << bad << " bad record(s) skipped\n";
    return bad ? kExitBadInput : kExitOk;
  }
  // Coded event data (GDELT, ICEWS) is imported in bulk; the remaining files are documents.
  std::size_t bad_events = 0;
  if (auto rc = ingest_event_files(*args, *doc_args, bad_events)) return *rc;
  auto extractor = Extractor::create(doc_args->extractor);
  if (!extractor) return fail(extractor.error());

  // The store is opened at the first good document, so that a missing or unreadable input
  // leaves no database behind where there was none.
  std::unique_ptr<GraphStore> store;
  std::size_t bad = bad_events, docs = 0, skipped = 0, replaced = 0, events_new = 0,
              events_merged = 0;
  Status st = for_each_document(*doc_args, bad, [&](Document&& doc) -> Status {
    if (!store) {
      auto opened = GraphStore::open(database_dir(*args));
      if (!opened) return opened.error();
      store = std::move(*opened);
    }
    Extraction ex = (*extractor)->extract(doc);
    auto r = store->ingest(doc, ex);
    if (!r) return r.error();
    if (r->already_present || r->superseded) {
      ++skipped;  // a copy of a stored article (superseded: this copy's id sorts first, kept)
    } else {
      ++docs;
      replaced += r->replaced;
      events_new += r->events_new;
      events_merged += r->events_merged;
    }
    return Status::ok();
  });
  if (!st) return fail(st);
  if (store) refresh_projection(*store, *args);
  if (!args->count("quiet")) {
    std::cerr << "ingested " << docs << " document(s): " << events_new << " new event(s), "
              << events_merged << " merged";
    if (replaced)
      std::cerr << " (" << replaced << " extracted again with newer knowledge, replacing the old)";
    if (skipped) std::cerr << "; " << skipped << " already present";
    std::cerr << "\n";
  }
  if (bad > 0) {
    std::cerr << "diplograph: " << bad << " bad record(s) skipped\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace diplograph::cli
