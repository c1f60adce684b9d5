// diplograph stats : counts only.
#include <iostream>

#include "cli/common.hpp"

namespace diplograph::cli {

int run_stats(int argc, char** argv) {
  cxxopts::Options options("stats", "Counts of documents, mentions, actors, events and edges.");
  add_db_option(options);
  options.add_options()("json", "print one JSON object")("h,help", "show this help");
  auto args = parse(options, argc, argv);
  if (!args) return kExitBadInput;
  auto store = open_for_reading(*args);
  if (!store) return fail(store.error());
  auto s = (*store)->stats();
  if (!s) return fail(s.error());
  if (args->count("json")) {
    std::cout << "{\"documents\":" << s->documents << ",\"mentions\":" << s->mentions
              << ",\"actors\":" << s->actors << ",\"events\":" << s->events
              << ",\"edges\":" << s->edges << ",\"affiliations\":" << s->affiliations << "}\n";
    return kExitOk;
  }
  std::cout << "documents     " << s->documents << "\n"
            << "mentions      " << s->mentions << "\n"
            << "actors        " << s->actors << "\n"
            << "events        " << s->events << "\n"
            << "edges         " << s->edges << "\n"
            << "affiliations  " << s->affiliations << "\n";
  return kExitOk;
}

}  // namespace diplograph::cli
