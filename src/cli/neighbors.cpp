// diplograph neighbors ACTOR [--depth N] : the ego network of an actor: who is within N hops in
// the window, the events among them and their affiliations.
#include <iostream>

#include "cli/common.hpp"
#include "cli/graph_output.hpp"

namespace diplograph::cli {
namespace {

std::string name_of(const NeighborsResult& r, ActorId id) {
  for (const auto& n : r.actors)
    if (n.actor.id == id) return n.actor.name;
  return hex_id(id);
}

}  // namespace

int print_neighbors(const NeighborsResult& r, bool json) {
  if (json) {
    std::cout << dump(neighbors_json(r)) << "\n";
    return kExitOk;
  }
  std::cout << r.center.name << ": " << r.actors.size() - 1 << " neighbour(s), " << r.events.size()
            << " event(s), " << r.affiliations.size() << " affiliation(s)\n";
  for (const auto& n : r.actors) {
    if (n.depth == 0) continue;
    std::printf("  %d  %s  %-12s  %s\n", n.depth, pad(n.actor.name, 32).c_str(),
                std::string(to_string(n.actor.kind)).c_str(), n.actor.country.c_str());
  }
  for (const auto& e : r.events) {
    std::printf("%-10s  %-10s  %-8s  %s %s %s  [%s]\n", e.date.to_string().c_str(),
                std::string(to_string(e.type)).c_str(), std::string(to_string(e.status)).c_str(),
                e.source.name.c_str(), is_undirected(e.type) ? "<->" : "->",
                e.target ? e.target->name.c_str() : "", e.id.hex().substr(0, 12).c_str());
  }
  for (const auto& a : r.affiliations)
    std::printf("affiliation  %s -> %s (%s)\n", name_of(r, a.from).c_str(), name_of(r, a.to).c_str(),
                a.affiliation.role.c_str());
  return kExitOk;
}

int run_neighbors(int argc, char** argv) {
  cxxopts::Options options("neighbors", "The ego network of an actor in a window.");
  add_db_option(options);
  add_query_filter_options(options);
  options.add_options()("depth", "hops from the actor (default 1)", cxxopts::value<std::string>())(
      "no-affiliations", "do not cross person-to-state affiliation edges")(
      "json", "print one JSON object")(
      "format", std::string("text, or a graph format: ") + kGraphFormats,
      cxxopts::value<std::string>()->default_value("text"))(
      "o,output",
      "write the graph here (directory for csv and nebula; default: standard output; png: only "
      "when it is not a terminal)",
      cxxopts::value<std::string>())(
      "actor", "the actor", cxxopts::value<std::vector<std::string>>());
  add_size_options(options);
  options.add_options()(
      "h,help", "show this help");
  options.parse_positional({"actor"});
  options.positional_help("ACTOR");
  auto args = parse(options, argc, argv);
  if (!args) return kExitBadInput;
  if (!args->count("actor")) return usage_error("neighbors: give an actor (diplograph neighbors ACTOR)");
  Statement st = statement_from("neighbors", *args, (*args)["actor"].as<std::vector<std::string>>(),
                                {"depth", "from", "to", "type", "status", "kind", "no-affiliations"});
  auto query = build_query(st);
  if (!query) return fail(query.error());
  const std::string format = (*args)["format"].as<std::string>();
  if (format != "text" && !is_graph_format(format))
    return usage_error("neighbors: unknown --format '" + format + "' (text, " + kGraphFormats + ")");
  GraphOutput out;
  out.format = format;
  if (args->count("output")) out.output = (*args)["output"].as<std::string>();
  if (auto bad = size_options_from(*args, out)) return *bad;
  auto store = open_for_reading(*args);
  if (!store) return fail(store.error());
  QueryEngine engine(**store);
  if (format == "text" || args->count("json")) return run_statement(st, args->count("json") > 0, engine);
  // A graph format: the ego network (actors, events among them, affiliations) feeds the exporters.
  auto result = engine.neighbors(std::get<NeighborsQuery>(*query));
  if (!result) return fail(result.error());
  return write_graph_output(selection_of_neighbors(*result), out);
}

}  // namespace diplograph::cli
