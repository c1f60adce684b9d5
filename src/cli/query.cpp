// diplograph query FILE.dgq : runs the statements of a saved query file, one a line, and the
// shared back end of the query verbs (run_statement), so that a statement prints the same from
// a file as from the command line.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/common.hpp"

namespace diplograph::cli {

int run_statement(const Statement& statement, bool json, QueryEngine& engine,
                  const std::string& where) {
  // A statement of a file names its line in every error ("q.dgq:3: unknown actor 'form'").
  auto fail = [&](const Status& st) {
    return cli::fail(where.empty() ? st : st.with_context(where));
  };
  auto query = build_query(statement);
  if (!query) return fail(query.error());
  const GraphStore& store = engine.store();
  if (auto* q = std::get_if<TimelineQuery>(&*query)) {
    auto r = engine.timeline(*q);
    return r ? print_timeline(*r, json) : fail(r.error());
  }
  if (auto* q = std::get_if<PathQuery>(&*query)) {
    auto r = engine.find_paths(*q);
    return r ? print_paths(*r, json) : fail(r.error());
  }
  if (auto* q = std::get_if<NeighborsQuery>(&*query)) {
    auto r = engine.neighbors(*q);
    return r ? print_neighbors(*r, json) : fail(r.error());
  }
  if (auto* q = std::get_if<RankQuery>(&*query)) {
    auto r = engine.rank(*q);
    return r ? print_rank(*r, json) : fail(r.error());
  }
  const auto& q = std::get<ActorsQuery>(*query);
  std::vector<Actor> actors;
  if (q.text) {
    auto found = store.find_actors(*q.text);
    if (!found) return fail(found.error());
    actors = std::move(*found);
    if (actors.empty()) return fail(Status::not_found("no actor matches '" + *q.text + "'"));
  } else {
    Status st = store.for_each_actor([&](const Actor& a) {
      actors.push_back(a);
      return true;
    });
    if (!st) return fail(st);
  }
  return print_actors(std::move(actors), json);
}

int run_query(int argc, char** argv) {
  cxxopts::Options options("query", "Run the statements of a saved query file (.dgq).");
  add_db_option(options);
  options.add_options()("json", "print JSON Lines")("file", "the query file",
                                                    cxxopts::value<std::string>())(
      "h,help", "show this help");
  options.parse_positional({"file"});
  options.positional_help("FILE.dgq");
  auto args = parse(options, argc, argv);
  if (!args) return kExitBadInput;
  if (!args->count("file")) return usage_error("query: give a query file (diplograph query FILE.dgq)");
  const std::string file = (*args)["file"].as<std::string>();
  std::ifstream in(file);
  if (!in) return fail(Status::invalid_input("cannot read " + file));

  // Every statement is checked before any runs, so a typo on line 9 wastes no time on lines 1-8.
  std::vector<Statement> statements;
  std::vector<std::size_t> lines;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    auto st = parse_statement(line);
    if (st && !st->verb.empty()) {
      auto q = build_query(*st);
      if (q) {
        statements.push_back(std::move(*st));
        lines.push_back(n);
        continue;
      }
      st = q.error();
    }
    if (!st) return fail(Status::invalid_input(file + ":" + std::to_string(n) + ": " +
                                               st.error().message()));
  }
  if (statements.empty()) return fail(Status::invalid_input(file + ": no statements"));

  auto store = open_for_reading(*args);
  if (!store) return fail(store.error());
  QueryEngine engine(**store);  // one engine: statements on the same window share a projection
  int worst = kExitOk;
  const bool json = args->count("json") > 0;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    if (i > 0 && !json) std::cout << "\n";
    std::cout.flush();
    worst = std::max(worst, run_statement(statements[i], json, engine,
                                          file + ":" + std::to_string(lines[i])));
  }
  return worst;
}

}  // namespace diplograph::cli
