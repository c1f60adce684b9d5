// monthly_relations: an analysis tool built on the diplograph library alone.
// Monthly event counts and Goldstein sums between two states, counting every event between their
// people and bodies too (an actor belongs to a state by its country), e.g.
//   monthly_relations diplograph.db Russia "United States"
// prints one row per month: events, cooperative (quad class 1-2), conflictual (3-4), Goldstein sum.
#include <cstdio>

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

  // Every event between the two states' actors (denied ones aside), per month: the pair's
  // adjacency and its events are read, not every event of the store.
  PairSeriesQuery query;
  query.a = argv[2];
  query.b = argv[3];
  query.period = Period::kMonth;
  query.by_country = true;
  auto series = pair_series(**store, query);
  if (!series) return fail(series.error());

  std::printf("%s (%s) and %s (%s)\n", series->a.name.c_str(), series->a.country.c_str(),
              series->b.name.c_str(), series->b.country.c_str());
  std::printf("%-8s %7s %12s %12s %10s\n", "month", "events", "cooperative", "conflictual",
              "goldstein");
  for (const PairPeriod& m : series->periods) {
    if (m.events == 0) continue;  // a month without events between them
    std::printf("%-8s %7zu %12zu %12zu %10.1f\n", m.period.to_string().c_str(), m.events,
                m.cooperative, m.conflictual, m.goldstein);
  }
  return series->periods.empty() ? 1 : 0;
}
