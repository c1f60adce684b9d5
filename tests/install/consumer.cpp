// Built against an installed diplograph: extracts a sentence, stores it, asks a timeline and
// exports GraphML, through the public headers only. Exits 0 when all of that works.
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>

#include "diplograph/diplograph.hpp"

int main(int argc, char** argv) {
  using namespace diplograph;
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer DB_DIR\n");
    return 2;
  }
  std::filesystem::remove_all(argv[1]);
  auto extractor = Extractor::create();
  if (!extractor) return std::fprintf(stderr, "%s\n", extractor.error().message().c_str()), 1;
  Document doc;
  doc.id = "consumer-1";
  doc.published = Date::from_ymd(2021, 8, 16);
  doc.text = "Russian Foreign Minister Sergei Lavrov spoke by phone with U.S. Secretary of State "
             "Antony Blinken on Monday, the ministry said.";
  Extraction ex = (*extractor)->extract(doc);
  auto store = GraphStore::open(argv[1]);
  if (!store) return std::fprintf(stderr, "%s\n", store.error().message().c_str()), 1;
  auto ingested = (*store)->ingest(doc, ex);
  if (!ingested) return std::fprintf(stderr, "%s\n", ingested.error().message().c_str()), 1;

  TimelineQuery q;
  q.actor = "Lavrov";
  auto t = timeline(**store, q);
  if (!t) return std::fprintf(stderr, "timeline: %s\n", t.error().message().c_str()), 1;
  auto graph = select_graph(**store, {});
  if (!graph) return std::fprintf(stderr, "%s\n", graph.error().message().c_str()), 1;
  std::ostringstream graphml;
  if (!write_graphml(*graph, graphml)) return 1;
  std::printf("%zu event(s) for %s; graph of %zu actors and %zu edges\n", t->events.size(),
              t->actor.name.c_str(), graph->actors.size(),
              graph->events.size() + graph->affiliations.size());
  return t->events.empty() || graphml.str().find("<graphml") == std::string::npos ? 1 : 0;
}
