// diplograph timeline ACTOR [--with ACTOR] : an actor's events in date order, with a sentence each.
#include <iostream>

#include "cli/common.hpp"

namespace diplograph::cli {

int run_timeline(int argc, char** argv) {
  cxxopts::Options options("timeline", "An actor's events in date order.");
  add_db_option(options);
  add_filter_options(options);
  options.add_options()("with", "only events with this second actor", cxxopts::value<std::string>())(
      "limit", "at most N events", cxxopts::value<std::size_t>())("json", "print event JSON Lines")(
      "actor", "the actor", cxxopts::value<std::string>())("h,help", "show this help");
  options.parse_positional({"actor"});
  options.positional_help("ACTOR");
  auto args = parse(options, argc, argv);
  if (!args) return kExitBadInput;
  if (!args->count("actor")) return usage_error("timeline: give an actor (diplograph timeline ACTOR)");
  auto filter = filter_from(*args);
  if (!filter) return fail(filter.error());

  TimelineQuery q;
  q.actor = (*args)["actor"].as<std::string>();
  if (args->count("with")) q.with = (*args)["with"].as<std::string>();
  if (args->count("limit")) q.limit = (*args)["limit"].as<std::size_t>();
  q.filter = *filter;

  auto store = open_for_reading(*args);
  if (!store) return fail(store.error());
  auto result = timeline(**store, q);
  if (!result) return fail(result.error());

  if (args->count("json")) {
    for (const auto& e : result->events) std::cout << event_to_json(e) << "\n";
    return kExitOk;
  }
  std::cout << result->actor.name;
  if (result->with) std::cout << " with " << result->with->name;
  std::cout << ": " << result->events.size() << " event(s)\n";
  for (const auto& e : result->events) {
    const bool is_source = e.source.id == result->actor.id;
    std::string other;
    std::string arrow = is_undirected(e.type) ? "<->" : is_source ? "-> " : "<- ";
    if (is_source)
      other = e.target ? e.target->name : "";
    else
      other = e.source.name;
    std::printf("%-10s  %-10s  %-8s  %s %s  [%s]\n", e.date.to_string().c_str(),
                std::string(to_string(e.type)).c_str(), std::string(to_string(e.status)).c_str(),
                other.empty() ? "   " : arrow.c_str(), other.empty() ? "(no other actor)" : other.c_str(),
                e.id.hex().substr(0, 12).c_str());
    if (!e.mentions.empty()) {
      const Mention& m = e.mentions.front();
      std::printf("            \"%s\" (%s, sentence %u%s)\n", shorten(m.text, 200).c_str(),
                  m.doc.c_str(), m.sentence,
                  e.mentions.size() > 1
                      ? (", +" + std::to_string(e.mentions.size() - 1) + " more mention(s)").c_str()
                      : "");
    }
  }
  return kExitOk;
}

}  // namespace diplograph::cli
