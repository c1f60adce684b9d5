// diplograph: the command-line client. main dispatches on the verb; each verb owns its options
// (one file per verb in src/cli/) and is a thin client of the library.
#include <cstring>
#include <iostream>
#include <string_view>

#include "cli/common.hpp"

namespace {

const char* const kUsage =
    "usage: diplograph COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  extract FILE...|-   print the events of documents (no database)\n"
    "  ingest FILE...|-    extract and store documents in the database\n"
    "  timeline ACTOR      an actor's events in date order (--with ACTOR for a pair)\n"
    "  path FROM TO        how two actors are connected, hop by hop, with the evidence\n"
    "  neighbors ACTOR     the ego network of an actor (--depth N)\n"
    "  rank                the most central actors (--by degree|weighted-degree|betweenness)\n"
    "  query FILE.dgq      run the statements of a saved query file\n"
    "  export              the graph as dot, svg, png or jsonl\n"
    "  stats               counts of documents, mentions, actors, events, edges\n"
    "  actors [TEXT]       list or search actors\n"
    "  remove --doc ID     retract a document's mentions and the events only it reports\n"
    "  check               verify derived keys and counters against the records\n"
    "\n"
    "Run 'diplograph COMMAND --help' for a command's options. The database is --db DIR, else\n"
    "$DIPLOGRAPH_DB, else ./diplograph.db. Exit codes: 0 ok, 1 no result, 2 bad input.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace diplograph::cli;
  if (argc < 2) {
    std::cerr << kUsage;
    return kExitBadInput;
  }
  std::string_view verb = argv[1];
  if (verb == "--help" || verb == "-h" || verb == "help") {
    std::cout << kUsage;
    return kExitOk;
  }
  // Each command sees its own name as argv[0].
  int sub_argc = argc - 1;
  char** sub_argv = argv + 1;
  if (verb == "extract") return run_extract(sub_argc, sub_argv);
  if (verb == "ingest") return run_ingest(sub_argc, sub_argv);
  if (verb == "timeline") return run_timeline(sub_argc, sub_argv);
  if (verb == "path") return run_path(sub_argc, sub_argv);
  if (verb == "neighbors") return run_neighbors(sub_argc, sub_argv);
  if (verb == "rank") return run_rank(sub_argc, sub_argv);
  if (verb == "query") return run_query(sub_argc, sub_argv);
  if (verb == "export") return run_export(sub_argc, sub_argv);
  if (verb == "stats") return run_stats(sub_argc, sub_argv);
  if (verb == "actors") return run_actors(sub_argc, sub_argv);
  if (verb == "remove") return run_remove(sub_argc, sub_argv);
  if (verb == "check") return run_check(sub_argc, sub_argv);
  std::cerr << "diplograph: unknown command '" << verb << "'\n" << kUsage;
  return kExitBadInput;
}
