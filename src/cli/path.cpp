// diplograph path FROM TO : the best connection by --mode (fewest hops, or one that respects time),
// or the --k best, each hop with its supporting events.
#include <iostream>
#include <sstream>

#include "cli/common.hpp"
#include "cli/graph_output.hpp"

namespace diplograph::cli {
namespace {

std::string day_text(std::int32_t day) { return Date{day, DatePrecision::kDay}.to_string(); }

void print_path(const PathResult& p) {
  for (std::size_t i = 0; i < p.actors.size(); ++i)
    std::cout << (i ? " -> " : "") << p.actors[i].name;
  std::cout << "  (" << p.hops.size() << " hop" << (p.hops.size() == 1 ? "" : "s");
  if (p.departure && p.arrival)
    std::cout << ", " << to_string(p.mode) << ": departs " << day_text(*p.departure)
              << ", arrives " << day_text(*p.arrival);
  std::cout << ")\n";
  for (std::size_t i = 0; i < p.hops.size(); ++i) {
    const PathHop& h = p.hops[i];
    std::cout << i + 1 << ". " << h.a.name << " -- " << h.b.name;
    if (h.day) std::cout << " on " << day_text(*h.day);
    if (h.affiliation) {
      std::cout << ": affiliation";
      if (!h.affiliation->role.empty()) std::cout << " (" << h.affiliation->role;
      if (h.affiliation->from) std::cout << ", since " << h.affiliation->from->to_string();
      if (h.affiliation->to) std::cout << ", until " << h.affiliation->to->to_string();
      if (!h.affiliation->role.empty()) std::cout << ")";
      std::cout << "\n";
      continue;
    }
    std::cout << ": " << h.events.size() << " event(s)\n";
    for (const auto& e : h.events) {
      std::printf("     %-10s  %-10s  %-8s  %s\n", e.date.to_string().c_str(),
                  std::string(to_string(e.type)).c_str(), std::string(to_string(e.status)).c_str(),
                  e.id.hex().substr(0, 12).c_str());
      if (!e.mentions.empty())
        std::printf("         \"%s\" (%s)\n", shorten(e.mentions.front().text, 200).c_str(),
                    e.mentions.front().doc.c_str());
    }
  }
}

}  // namespace

int print_paths(const std::vector<PathResult>& paths, bool json) {
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (json) {
      std::cout << dump(path_json(paths[i])) << "\n";
      continue;
    }
    if (paths.size() > 1) std::cout << (i ? "\n" : "") << "path " << i + 1 << " of " << paths.size() << ": ";
    print_path(paths[i]);
  }
  return kExitOk;
}

int run_path(int argc, char** argv) {
  cxxopts::Options options("path", "How two actors are connected, hop by hop, with the evidence.");
  add_db_option(options);
  add_query_filter_options(options);
  options.add_options()("max-hops", "longest path to look for (default 6)",
                        cxxopts::value<std::string>())(
      "no-affiliations", "do not cross person-to-state affiliation edges")(
      "mode", "fewest-hops (default), earliest-arrival, latest-departure or fastest",
      cxxopts::value<std::string>())("k", "the k best distinct paths (fewest-hops)",
                                     cxxopts::value<std::string>())(
      "max-wait", "temporal modes: at most N days between hops", cxxopts::value<std::string>())(
      "format", "text, dot, svg, png, graphml, gexf, json, csv (-o DIR), nebula (-o DIR)", cxxopts::value<std::string>()->default_value("text"))(
      "o,output",
      "write the diagram here (default: standard output; png: only when it is not a terminal)",
      cxxopts::value<std::string>())(
      "json", "print each path as one JSON object")("ends", "FROM TO",
                                                     cxxopts::value<std::vector<std::string>>())(
      "h,help", "show this help");
  options.parse_positional({"ends"});
  options.positional_help("FROM TO");
  // cxxopts takes a one-letter name for a short option, but DESIGN.md spells it --k: rewrite.
  std::vector<std::string> storage(argv, argv + argc);
  std::vector<char*> rewritten;
  for (auto& a : storage) {
    if (a == "--k") a = "-k";
    else if (a.rfind("--k=", 0) == 0) a = "-k" + a.substr(4);
    rewritten.push_back(a.data());
  }
  argv = rewritten.data();
  auto args = parse(options, argc, argv);
  if (!args) return kExitBadInput;
  if (!args->count("ends") || (*args)["ends"].as<std::vector<std::string>>().size() != 2)
    return usage_error("path: give two actors (diplograph path FROM TO)");
  Statement st = statement_from("path", *args, (*args)["ends"].as<std::vector<std::string>>(),
                                {"from", "to", "type", "status", "kind", "max-hops", "k", "mode",
                                 "max-wait", "no-affiliations"});
  auto query = build_query(st);
  if (!query) return fail(query.error());
  std::string format = (*args)["format"].as<std::string>();
  if (format != "text" && !is_graph_format(format))
    return usage_error("path: unknown --format '" + format + "' (text, " + kGraphFormats + ")");
  auto store = open_for_reading(*args);
  if (!store) return fail(store.error());
  QueryEngine engine(**store);
  if (args->count("json") || format == "text") return run_statement(st, args->count("json") > 0, engine);

  auto paths = engine.find_paths(std::get<PathQuery>(*query));
  if (!paths) return fail(paths.error());
  std::optional<std::string> output;
  if (args->count("output")) output = (*args)["output"].as<std::string>();
  // Every path found (--k N) is drawn: one box per path, or all of them in one graph.
  if (format == "dot" || format == "svg" || format == "png") {
    std::ostringstream dot;
    Status st = write_paths_dot(*paths, dot);
    if (!st) return fail(st);
    return write_dot_output(dot.str(), format, output);
  }
  if (is_graph_format(format)) {
    // graphml, gexf, json, csv, nebula: the paths' actors, events and affiliations as one graph
    // (json also lists each path's actors).
    GraphOutput out;
    out.format = format;
    out.output = output;
    out.top_given = true;
    return write_graph_output(selection_of_paths(*paths), out);
  }
  return usage_error("path: unknown --format '" + format + "'");
}

}  // namespace diplograph::cli
