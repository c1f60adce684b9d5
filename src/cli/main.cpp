// diplograph: the command-line client. One table names every verb, its arguments and what it
// does: it drives both the dispatch and the top-level help. Each verb owns its options (one file
// per verb in src/cli/) and is a thin client of the library.
#include <csignal>
#include <iostream>
#include <string>
#include <string_view>

#include "cli/common.hpp"
#include "util/edit_distance.hpp"

namespace {

using namespace diplograph::cli;

struct Command {
  const char* name;
  const char* args;
  const char* summary;
  int (*run)(int argc, char** argv);
};

constexpr Command kCommands[] = {
    {"extract", "FILE...|-", "print the events of documents (no database)", run_extract},
    {"ingest", "FILE...|-", "extract and store documents, or import event data sets", run_ingest},
    {"timeline", "ACTOR...", "actors' events in date order (--with ACTOR for a pair)",
     run_timeline},
    {"path", "FROM TO", "how two actors are connected, hop by hop, with the evidence", run_path},
    {"neighbors", "ACTOR", "the ego network of an actor (--depth N)", run_neighbors},
    {"rank", "", "the most central actors (--by degree|weighted-degree|betweenness)", run_rank},
    {"query", "FILE.dgq", "run the statements of a saved query file", run_query},
    {"export", "", "the graph as dot, svg, png, graphml, gexf, json, jsonl, csv or nebula",
     run_export},
    {"stats", "", "counts of documents, mentions, actors, events, edges", run_stats},
    {"actors", "[TEXT]", "list or search actors", run_actors},
    {"remove", "--doc ID", "retract a document's mentions and the events only it reports",
     run_remove},
    {"check", "", "verify derived keys, counters and the projection against the records",
     run_check},
};

std::string usage() {
  std::string u = "usage: diplograph COMMAND [ARGS]\n\ncommands:\n";
  for (const Command& c : kCommands) {
    std::string head = std::string(c.name) + (*c.args ? " " : "") + c.args;
    u += "  " + pad(head, 20) + c.summary + "\n";
  }
  u +=
      "\nRun 'diplograph COMMAND --help' for a command's options; 'diplograph --version' for the\n"
      "version. The database is --db DIR, else $DIPLOGRAPH_DB, else ./diplograph.db.\n"
      "Exit codes: 0 ok, 1 no result, 2 bad input or usage, 3 a system failure (I/O, corruption).\n";
  return u;
}

}  // namespace

int main(int argc, char** argv) {
  // Past a file size limit (ulimit -f) a write fails with EFBIG, reported like a full disk,
  // rather than the signal killing the process with a half-written file.
  std::signal(SIGXFSZ, SIG_IGN);
  check_stdout_writes();
  if (argc < 2) {
    std::cerr << usage();
    return kExitBadInput;
  }
  std::string_view verb = argv[1];
  if (verb == "--help" || verb == "-h" || verb == "help") {
    std::cout << usage();
    return finish_stdout(kExitOk);
  }
  if (verb == "--version" || verb == "-V" || verb == "version") {
    std::cout << "diplograph " << DIPLOGRAPH_VERSION << "\n";
    return finish_stdout(kExitOk);
  }
  // Each command sees its own name as argv[0]; whatever it wrote must have reached stdout.
  for (const Command& c : kCommands)
    if (verb == c.name) return finish_stdout(c.run(argc - 1, argv + 1));
  std::string hint;
  for (const Command& c : kCommands)
    if (diplograph::util::edit_distance(verb, c.name, 2) <= 2)
      hint = std::string(" (did you mean ") + c.name + "?)";
  std::cerr << "diplograph: unknown command '" << verb << "'" << hint
            << "; 'diplograph --help' lists the commands\n";
  return kExitBadInput;
}
