// diplograph extract FILE...|- : the events of documents, no database. Documents are extracted on
// all cores (--threads) and printed in input order: as a table, event JSON Lines (--json, --emit
// events) or per-document records (--emit documents, for `ingest --format documents`).
#include <iostream>

#include "cli/documents.hpp"
#include "diplograph/import.hpp"
#include "extract/ordered_pool.hpp"
#include "util/threads.hpp"

namespace diplograph::cli {
namespace {

std::string event_row(const Event& e) {
  std::string actors = e.source.name;
  if (e.target) actors += (is_undirected(e.type) ? " <-> " : " -> ") + e.target->name;
  char buf[512];
  std::snprintf(buf, sizeof buf, "%-10s  %-10s  %-8s  ", e.date.to_string().c_str(),
                std::string(to_string(e.type)).c_str(), std::string(to_string(e.status)).c_str());
  std::string out = buf + actors + "\n";
  for (const auto& m : e.mentions) {
    std::snprintf(buf, sizeof buf, "            [%s #%u %s] ", m.doc.c_str(), m.sentence,
                  m.pattern.c_str());
    out += buf + shorten(m.text, 160) + "\n";
  }
  return out;
}

}  // namespace

int run_extract(int argc, char** argv) {
  cxxopts::Options options("extract", "Print the events found in documents (no database).");
  add_document_options(options, false);
  options.add_options()("json", "print event JSON Lines (as --emit events)")(
      "emit",
      "what to print: events (event JSON Lines) or documents (one record per document with its "
      "metadata, actors and events: what `ingest --format documents` merges into a store)",
      cxxopts::value<std::string>())(
      "threads", "extraction threads (default: all cores)", cxxopts::value<unsigned>())(
      "h,help", "show this help");
  auto args = parse(options, argc, argv);
  if (!args) return kExitBadInput;
  auto doc_args = document_args(*args);
  if (!doc_args) return fail(doc_args.error());
  switch (doc_args->read.format) {
    case InputFormat::kAuto: case InputFormat::kText: case InputFormat::kHtml:
    case InputFormat::kJsonl: break;
    default:
      return usage_error("extract --format: extract reads documents (auto, text, html, jsonl); "
                         "event data sets are coded already: 'diplograph ingest' imports them");
  }
  auto extractor = Extractor::create(doc_args->extractor);
  if (!extractor) return fail(extractor.error());
  bool json = args->count("json") > 0;
  bool documents = false;
  if (args->count("emit")) {
    const std::string emit = (*args)["emit"].as<std::string>();
    if (emit == "documents") documents = true;
    else if (emit == "events") json = true;
    else return usage_error("--emit: events or documents, not '" + emit + "'");
  }
  const unsigned threads =
      util::thread_count(args->count("threads") ? (*args)["threads"].as<unsigned>() : 0);

  // Workers turn a document into its printed lines; the calling thread reads and prints in order.
  std::size_t bad = 0;
  Status st;
  extract::OrderedPool<Document, std::string> pool(threads, 4 * threads);
  pool.run(
      [&](const std::function<void(Document&&)>& push) {
        st = for_each_document(*doc_args, bad, [&](Document&& doc) {
          push(std::move(doc));
          return Status::ok();
        });
      },
      [&](Document& doc) {
        std::string out;
        if (documents) return document_record_json(doc, (*extractor)->extract(doc)) + "\n";
        for (const auto& e : (*extractor)->extract(doc).events)
          out += json ? event_to_json(e) + "\n" : event_row(e);
        return out;
      },
      [&](std::string&& out) { std::cout << out; });
  std::cout.flush();
  if (!st) return fail(st);
  if (bad > 0) {
    std::cerr << "diplograph: " << bad << " bad record(s) skipped\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace diplograph::cli
