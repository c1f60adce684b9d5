// monthly_relations: an analysis tool built on the diplograph library alone.
// Monthly event counts and Goldstein sums between two states, counting every event between their
// people and bodies too (an actor belongs to a state by its country), e.g.
//   monthly_relations diplograph.db Russia "United States"
// prints one row per month: events, cooperative (quad class 1-2), conflictual (3-4), Goldstein sum.
#include <cstdio>
#include <map>
#include <string>

#include "diplograph/diplograph.hpp"

namespace {

int fail(const diplograph::Status& st) {
  std::fprintf(stderr, "monthly_relations: %s\n", st.message().c_str());
  return st.code() == diplograph::StatusCode::kNotFound ? 1 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace diplograph;
  if (argc != 4) {
    std::fprintf(stderr, "usage: monthly_relations DB STATE STATE\n");
    return 2;
  }
  StoreOptions options;
  options.read_only = true;
  auto store = GraphStore::open(argv[1], options);
  if (!store) return fail(store.error());
  std::string country[2];
  std::string name[2];
  for (int i = 0; i < 2; ++i) {
    auto a = resolve_actor(**store, argv[2 + i]);
    if (!a) return fail(a.error());
    if (a->country.empty())
      return fail(Status::invalid_input(a->name + " has no country (is it a state?)"));
    country[i] = a->country;
    name[i] = a->name;
  }

  struct Month {
    int events = 0, cooperative = 0, conflictual = 0;
    double goldstein = 0;
  };
  std::map<std::string, Month> months;  // "YYYY-MM", in order
  Status st = (*store)->for_each_event([&](const Event& e) {
    if (!e.target || e.status == EventStatus::kDenied) return true;
    const std::string& s = e.source.country;
    const std::string& t = e.target->country;
    if (!((s == country[0] && t == country[1]) || (s == country[1] && t == country[0])))
      return true;
    Month& m = months[Date{e.date.days, DatePrecision::kMonth}.to_string()];
    ++m.events;
    if (e.quad_class == 1 || e.quad_class == 2) ++m.cooperative;
    if (e.quad_class == 3 || e.quad_class == 4) ++m.conflictual;
    m.goldstein += e.goldstein;
    return true;
  });
  if (!st) return fail(st);

  std::printf("%s (%s) and %s (%s)\n", name[0].c_str(), country[0].c_str(), name[1].c_str(),
              country[1].c_str());
  std::printf("%-8s %7s %12s %12s %10s\n", "month", "events", "cooperative", "conflictual",
              "goldstein");
  for (const auto& [month, m] : months)
    std::printf("%-8s %7d %12d %12d %10.1f\n", month.c_str(), m.events, m.cooperative,
                m.conflictual, m.goldstein);
  return months.empty() ? 1 : 0;
}
