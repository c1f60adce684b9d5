// diplograph extract FILE...|- : the events of documents, no database.
#include <iostream>

#include "cli/documents.hpp"

namespace diplograph::cli {
namespace {

void print_event_row(const Event& e) {
  std::string actors = e.source.name;
  if (e.target) actors += (is_undirected(e.type) ? " <-> " : " -> ") + e.target->name;
  std::printf("%-10s  %-10s  %-8s  %s\n", e.date.to_string().c_str(),
              std::string(to_string(e.type)).c_str(), std::string(to_string(e.status)).c_str(),
              actors.c_str());
  for (const auto& m : e.mentions)
    std::printf("            [%s #%u %s] %s\n", m.doc.c_str(), m.sentence, m.pattern.c_str(),
                shorten(m.text, 160).c_str());
}

}  // namespace

int run_extract(int argc, char** argv) {
  cxxopts::Options options("extract", "Print the events found in documents (no database).");
  add_document_options(options);
  options.add_options()("json", "print event JSON Lines")("h,help", "show this help");
  auto args = parse(options, argc, argv);
  if (!args) return kExitBadInput;
  auto doc_args = document_args(*args);
  if (!doc_args) return fail(doc_args.error());
  auto extractor = Extractor::create(doc_args->extractor);
  if (!extractor) return fail(extractor.error());
  bool json = args->count("json") > 0;

  std::size_t bad = 0, events = 0;
  Status st = for_each_document(*doc_args, bad, [&](Document&& doc) {
    Extraction ex = (*extractor)->extract(doc);
    for (const auto& e : ex.events) {
      if (json)
        std::cout << event_to_json(e) << "\n";
      else
        print_event_row(e);
      ++events;
    }
    return Status::ok();
  });
  std::cout.flush();
  if (!st) return fail(st);
  if (bad > 0) {
    std::cerr << "diplograph: " << bad << " bad record(s) skipped\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace diplograph::cli
