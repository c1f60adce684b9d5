// diplograph query FILE.dgq : runs the statements of a saved query file, one a line, and the
// shared back end of the query verbs (run_statement), so that a statement prints the same from
// a file as from the command line.
#include <fstream>
#include <iostream>
#include <sstream>
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
  auto answer = run_query(engine, *query);
  if (!answer) return fail(answer.error());
  struct Print {
    bool json;
    int operator()(const TimelineResult& r) const { return print_timeline(r, json); }
    int operator()(const std::vector<PathResult>& r) const { return print_paths(r, json); }
    int operator()(const NeighborsResult& r) const { return print_neighbors(r, json); }
    int operator()(const RankResult& r) const { return print_rank(r, json); }
    int operator()(std::vector<Actor>& r) const { return print_actors(std::move(r), json); }
  };
  return std::visit(Print{json}, *answer);
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
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(Status::invalid_input("cannot read " + file));
  std::ostringstream text;
  text << in.rdbuf();

  // Every statement is checked before any runs, so a typo on line 9 wastes no time on lines 1-8.
  auto statements = parse_statements(text.str(), file);
  if (!statements) return fail(statements.error());

  auto store = open_for_reading(*args);
  if (!store) return fail(store.error());
  QueryEngine engine(**store);  // one engine: statements on the same window share a projection
  int worst = kExitOk;
  const bool json = args->count("json") > 0;
  for (std::size_t i = 0; i < statements->size(); ++i) {
    if (i > 0 && !json) std::cout << "\n";
    std::cout.flush();
    const NumberedStatement& st = (*statements)[i];
    worst = std::max(worst, run_statement(st.statement, json, engine,
                                          file + ":" + std::to_string(st.line)));
  }
  return worst;
}

}  // namespace diplograph::cli
