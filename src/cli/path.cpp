// diplograph path FROM TO : the fewest-hops connection, each hop with its supporting events.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/common.hpp"

namespace diplograph::cli {
namespace {

nlohmann::json actor_json(const ActorRef& a) {
  return {{"id", hex_id(a.id)}, {"name", a.name}, {"kind", std::string(to_string(a.kind))}};
}

std::string path_json(const PathResult& p) {
  nlohmann::json j;
  j["actors"] = nlohmann::json::array();
  for (const auto& a : p.actors) j["actors"].push_back(actor_json(a));
  j["hops"] = nlohmann::json::array();
  for (const auto& h : p.hops) {
    nlohmann::json hop = {{"from", actor_json(h.a)}, {"to", actor_json(h.b)}};
    if (h.affiliation) {
      hop["kind"] = "affiliation";
      hop["role"] = h.affiliation->role;
      hop["valid_from"] = h.affiliation->from ? nlohmann::json(h.affiliation->from->to_string())
                                              : nlohmann::json(nullptr);
      hop["valid_to"] = h.affiliation->to ? nlohmann::json(h.affiliation->to->to_string())
                                          : nlohmann::json(nullptr);
    } else {
      hop["kind"] = "events";
      hop["events"] = nlohmann::json::array();
      for (const auto& e : h.events) hop["events"].push_back(nlohmann::json::parse(event_to_json(e)));
    }
    j["hops"].push_back(hop);
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void print_path(const PathResult& p) {
  for (std::size_t i = 0; i < p.actors.size(); ++i)
    std::cout << (i ? " -> " : "") << p.actors[i].name;
  std::cout << "  (" << p.hops.size() << " hop" << (p.hops.size() == 1 ? "" : "s") << ")\n";
  for (std::size_t i = 0; i < p.hops.size(); ++i) {
    const PathHop& h = p.hops[i];
    std::cout << i + 1 << ". " << h.a.name << " -- " << h.b.name;
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

int run_path(int argc, char** argv) {
  cxxopts::Options options("path", "How two actors are connected, hop by hop, with the evidence.");
  add_db_option(options);
  add_filter_options(options);
  options.add_options()("max-hops", "longest path to look for",
                        cxxopts::value<int>()->default_value("6"))(
      "no-affiliations", "do not cross person-to-state affiliation edges")(
      "mode", "fewest-hops", cxxopts::value<std::string>()->default_value("fewest-hops"))(
      "format", "text, dot or svg", cxxopts::value<std::string>()->default_value("text"))(
      "o,output", "write the diagram here (svg needs it)", cxxopts::value<std::string>())(
      "json", "print the path as one JSON object")("ends", "FROM TO",
                                                    cxxopts::value<std::vector<std::string>>())(
      "h,help", "show this help");
  options.parse_positional({"ends"});
  options.positional_help("FROM TO");
  auto args = parse(options, argc, argv);
  if (!args) return kExitBadInput;
  if (!args->count("ends") || (*args)["ends"].as<std::vector<std::string>>().size() != 2)
    return usage_error("path: give two actors (diplograph path FROM TO)");
  if ((*args)["mode"].as<std::string>() != "fewest-hops")
    return usage_error("path: --mode " + (*args)["mode"].as<std::string>() +
                       " is not supported yet (fewest-hops)");
  auto filter = filter_from(*args);
  if (!filter) return fail(filter.error());
  const auto& ends = (*args)["ends"].as<std::vector<std::string>>();
  PathQuery q;
  q.from = ends[0];
  q.to = ends[1];
  q.filter = *filter;
  q.max_hops = (*args)["max-hops"].as<int>();
  q.affiliations = args->count("no-affiliations") == 0;
  if (q.max_hops < 0) return usage_error("path: --max-hops must not be negative");

  auto store = open_for_reading(*args);
  if (!store) return fail(store.error());
  auto result = find_path(**store, q);
  if (!result) return fail(result.error());

  std::string format = (*args)["format"].as<std::string>();
  if (args->count("json")) {
    std::cout << path_json(*result) << "\n";
  } else if (format == "text") {
    print_path(*result);
  } else if (format == "dot" || format == "svg" || format == "png") {
    std::ostringstream dot;
    Status st = write_path_dot(*result, dot);
    if (!st) return fail(st);
    if (format == "dot") {
      if (args->count("output")) {
        std::ofstream out((*args)["output"].as<std::string>());
        out << dot.str();
        if (!out) return fail(Status::io_error("cannot write " + (*args)["output"].as<std::string>()));
      } else {
        std::cout << dot.str();
      }
    } else {
      if (!args->count("output")) return usage_error("path: --format " + format + " needs -o FILE");
      st = render_graphviz(dot.str(), format, (*args)["output"].as<std::string>());
      if (!st) return fail(st);
    }
  } else {
    return usage_error("path: unknown --format '" + format + "' (text, dot, svg, png)");
  }
  return kExitOk;
}

}  // namespace diplograph::cli
