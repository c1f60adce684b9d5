// diplograph rank [--by degree|weighted-degree|betweenness] : the most central actors of a window.
#include <iostream>

#include "cli/common.hpp"

namespace diplograph::cli {

int print_rank(const RankResult& r, bool json) {
  if (!json) {
    std::cout << "rank by " << to_string(r.by);
    if (r.by == RankBy::kBetweenness)
      std::cout << (r.pivots ? " (sampled from " + std::to_string(r.pivots) + " pivots)" : " (exact)");
    std::cout << ": " << r.vertices << " connected actor(s)\n";
  }
  if (json) {
    for (const auto& row : rank_json(r)) std::cout << dump(row) << "\n";
    return kExitOk;
  }
  for (std::size_t i = 0; i < r.actors.size(); ++i) {
    const auto& a = r.actors[i];
    std::printf("%3zu. %s  %-12s  %10.2f\n", i + 1, pad(a.actor.name, 32).c_str(),
                std::string(to_string(a.actor.kind)).c_str(), a.score);
  }
  return kExitOk;
}

int run_rank(int argc, char** argv) {
  cxxopts::Options options("rank", "The most central actors of a window.");
  add_db_option(options);
  add_query_filter_options(options);
  options.add_options()("by", "degree (default), weighted-degree or betweenness",
                        cxxopts::value<std::string>())(
      "limit", "how many actors (default 20)", cxxopts::value<std::string>())(
      "pivots", "betweenness on large windows: sources sampled (default 64)",
      cxxopts::value<std::string>())("affiliations", "count affiliations as links")(
      "json", "print JSON Lines")("h,help", "show this help");
  auto args = parse(options, argc, argv);
  if (!args) return kExitBadInput;
  Statement st = statement_from("rank", *args, {},
                                {"by", "from", "to", "type", "status", "kind", "limit", "pivots",
                                 "affiliations"});
  if (auto q = build_query(st); !q) return fail(q.error());
  auto store = open_for_reading(*args);
  if (!store) return fail(store.error());
  QueryEngine engine(**store);
  return run_statement(st, args->count("json") > 0, engine);
}

}  // namespace diplograph::cli
