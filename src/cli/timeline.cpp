// diplograph timeline ACTOR [ACTOR..] [--with ACTOR] : events in date order, with a sentence each;
// or counts per week, month or year (--by).
#include <iostream>

#include "cli/common.hpp"

namespace diplograph::cli {

int print_timeline(const TimelineResult& r, bool json) {
  if (!r.counts.empty()) {
    if (json)
      for (const auto& row : counts_json(r.counts)) std::cout << dump(row) << "\n";
    else
      for (const auto& c : r.counts) std::printf("%-10s  %zu\n", c.period.to_string().c_str(), c.count);
    return kExitOk;
  }
  if (json) {
    for (const auto& e : r.events) std::cout << event_to_json(e) << "\n";
    // The contract is one event a line on stdout: the resume point goes to stderr.
    if (r.next_cursor) std::cerr << "diplograph: more events: cursor " << *r.next_cursor << "\n";
    return kExitOk;
  }
  std::cout << r.actor.name;
  for (const auto& a : r.also) std::cout << ", " << a.name;
  if (r.with) std::cout << " with " << r.with->name;
  std::cout << ": " << r.events.size() << " event(s)\n";
  std::vector<ActorId> members{r.actor.id};
  for (const auto& a : r.also) members.push_back(a.id);
  for (const auto& e : r.events) {
    // Seen from the set's member that is the source, else from the target.
    const bool is_source = std::find(members.begin(), members.end(), e.source.id) != members.end();
    std::string other;
    std::string arrow = is_undirected(e.type) ? "<->" : is_source ? "-> " : "<- ";
    if (is_source)
      other = e.target ? e.target->name : "";
    else
      other = e.source.name;
    std::string who = members.size() > 1 ? (is_source ? e.source.name : e.target->name) + " " : "";
    std::printf("%-10s  %-10s  %-8s  %s%s %s  [%s]\n", e.date.to_string().c_str(),
                std::string(to_string(e.type)).c_str(), std::string(to_string(e.status)).c_str(),
                who.c_str(), other.empty() ? "   " : arrow.c_str(),
                other.empty() ? "(no other actor)" : other.c_str(),
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
  if (r.next_cursor) std::cout << "more: --cursor " << *r.next_cursor << "\n";
  return kExitOk;
}

int run_timeline(int argc, char** argv) {
  cxxopts::Options options("timeline", "An actor's (or several actors') events in date order.");
  add_db_option(options);
  add_filter_options(options);
  options.add_options()("with", "only events with this second actor", cxxopts::value<std::string>())(
      "limit", "at most N events (a cursor resumes)", cxxopts::value<std::string>())(
      "order", "asc or desc", cxxopts::value<std::string>())(
      "cursor", "resume after an earlier page", cxxopts::value<std::string>())(
      "by", "count events per week, month or year", cxxopts::value<std::string>())(
      "json", "print event JSON Lines")("actor", "the actor(s)",
                                        cxxopts::value<std::vector<std::string>>())(
      "h,help", "show this help");
  options.parse_positional({"actor"});
  options.positional_help("ACTOR [ACTOR..]");
  auto args = parse(options, argc, argv);
  if (!args) return kExitBadInput;
  if (!args->count("actor")) return usage_error("timeline: give an actor (diplograph timeline ACTOR)");
  Statement st = statement_from("timeline", *args, (*args)["actor"].as<std::vector<std::string>>(),
                                {"with", "from", "to", "type", "status", "limit", "order", "cursor",
                                 "by"});
  if (auto q = build_query(st); !q) return fail(q.error());  // bad flags before opening the DB
  auto store = open_for_reading(*args);
  if (!store) return fail(store.error());
  QueryEngine engine(**store);
  return run_statement(st, args->count("json") > 0, engine);
}

}  // namespace diplograph::cli
