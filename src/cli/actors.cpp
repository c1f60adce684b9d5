// diplograph actors [TEXT] : list the actors of the database, or those matching TEXT.
#include <algorithm>
#include <iostream>

#include "cli/common.hpp"

namespace diplograph::cli {

// Shared with `query` (actors statements): by name, one line each, or JSON Lines.
int print_actors(std::vector<Actor> actors, bool json) {
  std::sort(actors.begin(), actors.end(),
            [](const Actor& a, const Actor& b) { return a.name < b.name; });
  for (const auto& a : actors) {
    if (json) {
      std::cout << dump(actor_json(a)) << "\n";
      continue;
    }
    std::printf("%s  %-12s  %-3s  %-8s  %s\n", pad(a.name, 32).c_str(),
                std::string(to_string(a.kind)).c_str(), a.country.c_str(), a.code.c_str(),
                hex_id(a.id).c_str());
    for (const auto& af : a.affiliations) {
      // "minister of Russia", "part of United States": a role ending in "of" takes no second.
      const std::string& r = af.role;
      const bool ends_in_of = r.size() > 3 && r.compare(r.size() - 3, 3, " of") == 0;
      std::printf("    %s%s %s", af.role.c_str(), ends_in_of ? "" : " of", af.target_name.c_str());
      if (af.from) std::printf(", since %s", af.from->to_string().c_str());
      if (af.to) std::printf(", until %s", af.to->to_string().c_str());
      std::printf("\n");
    }
  }
  return kExitOk;
}

int run_actors(int argc, char** argv) {
  cxxopts::Options options("actors", "List actors, or search them by name or alias.");
  add_db_option(options);
  options.add_options()("json", "print JSON Lines")("text", "name or alias to search",
                                                    cxxopts::value<std::string>())(
      "h,help", "show this help");
  options.parse_positional({"text"});
  options.positional_help("[TEXT]");
  auto args = parse(options, argc, argv);
  if (!args) return kExitBadInput;
  auto store = open_for_reading(*args);
  if (!store) return fail(store.error());

  std::vector<Actor> actors;
  if (args->count("text")) {
    auto found = (*store)->find_actors((*args)["text"].as<std::string>());
    if (!found) return fail(found.error());
    actors = std::move(*found);
    if (actors.empty())
      return fail(Status::not_found("no actor matches '" + (*args)["text"].as<std::string>() + "'"));
  } else {
    Status st = (*store)->for_each_actor([&](const Actor& a) {
      actors.push_back(a);
      return true;
    });
    if (!st) return fail(st);
  }
  return print_actors(std::move(actors), args->count("json") > 0);
}

}  // namespace diplograph::cli
