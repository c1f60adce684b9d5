// contact_summary: an analysis tool built on the diplograph library alone.
// For one actor, counts their contacts per partner and event type over a window, with the first
// and last date, e.g.
//   contact_summary diplograph.db "Sergei Lavrov" 2021-07-01 2021-08-31
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "diplograph/diplograph.hpp"

int main(int argc, char** argv) {
  using namespace diplograph;
  if (argc < 3) {
    std::fprintf(stderr, "usage: contact_summary DB ACTOR [FROM [TO]]\n");
    return 2;
  }
  StoreOptions options;
  options.read_only = true;
  auto store = GraphStore::open(argv[1], options);
  if (!store) {
    std::fprintf(stderr, "contact_summary: %s\n", store.error().message().c_str());
    return 2;
  }
  TimelineQuery q;
  q.actor = argv[2];
  // The window as the CLI takes it: inclusive dates, "2021-08" as TO meaning to 31 August.
  std::optional<Date> from, to;
  for (int i = 3; i < argc && i < 5; ++i) {
    auto d = Date::parse(argv[i]);
    if (!d) return std::fprintf(stderr, "contact_summary: %s\n", d.error().message().c_str()), 2;
    (i == 3 ? from : to) = *d;
  }
  q.filter.window = Window::of(from, to);
  auto result = timeline(**store, q);
  if (!result) {
    std::fprintf(stderr, "contact_summary: %s\n", result.error().message().c_str());
    return result.error().code() == StatusCode::kNotFound ? 1 : 2;
  }

  struct Tally {
    int count = 0;
    Date first, last;
  };
  std::map<std::tuple<std::string, std::string>, Tally> tallies;  // (partner, type)
  for (const Event& e : result->events) {
    const bool is_source = e.source.id == result->actor.id;
    std::string partner = is_source ? (e.target ? e.target->name : "(none)") : e.source.name;
    Tally& t = tallies[{partner, std::string(to_string(e.type))}];
    if (t.count == 0 || e.date < t.first) t.first = e.date;
    if (t.count == 0 || t.last < e.date) t.last = e.date;
    ++t.count;
  }
  std::printf("%s: %zu event(s)\n", result->actor.name.c_str(), result->events.size());
  std::printf("%-28s %-12s %5s  %-10s  %-10s\n", "partner", "type", "count", "first", "last");
  for (const auto& [key, t] : tallies)
    std::printf("%-28s %-12s %5d  %-10s  %-10s\n", std::get<0>(key).c_str(),
                std::get<1>(key).c_str(), t.count, t.first.to_string().c_str(),
                t.last.to_string().c_str());
  return 0;
}
