// Path searches against brute force on many small random graphs: the temporal modes against an
// enumeration of every walk with every admissible choice of crossing days, Yen's k paths against
// an enumeration of every simple path.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "graph/projection.hpp"
#include "store/store_fixtures.hpp"
#include "support/test_support.hpp"

using namespace diplograph;
using namespace diplograph::test;

namespace {

constexpr int kDays = 12;  // events on days 0 .. kDays-1 after the base date
const std::int32_t kBase = Date::from_ymd(2001, 1, 1).days;

// A hop possibility: to vertex `to`, crossable on days [lo, hi] (an event: lo == hi).
struct Option {
  int to;
  int lo, hi;
  bool affiliation;
};

struct RandomTemporalGraph {
  std::vector<Actor> actors;
  std::vector<Event> events;
  std::vector<std::vector<Option>> options;  // admitted, within the window (relative days)

  RandomTemporalGraph(std::mt19937& rng, int n, int m, int affiliations, int wlo, int whi) {
    for (int i = 0; i < n; ++i)
      actors.push_back(make_actor("T" + std::to_string(i), static_cast<ActorKind>(rng() % 3)));
    options.resize(n);
    for (int i = 0; i < affiliations; ++i) {
      int a = static_cast<int>(rng() % n), b = static_cast<int>(rng() % n);
      if (a == b) continue;
      int lo = static_cast<int>(rng() % kDays), hi = lo + static_cast<int>(rng() % 6);
      actors[a].affiliations.push_back(
          serves(actors[b], "member", Date{kBase + lo}, Date{kBase + hi}));
      int clo = std::max(lo, wlo), chi = std::min(hi, whi);
      if (clo > chi) continue;
      options[a].push_back({b, clo, chi, true});
      options[b].push_back({a, clo, chi, true});
    }
    for (int i = 0; i < m; ++i) {
      int a = static_cast<int>(rng() % n), b = static_cast<int>(rng() % n);
      if (a == b) continue;
      int d = static_cast<int>(rng() % kDays);
      auto status = rng() % 6 == 0 ? EventStatus::kDenied : EventStatus::kOccurred;
      auto type = rng() % 2 ? EventType::kMeeting : EventType::kVisit;
      events.push_back(make_event(type, actors[a], &actors[b], Date{kBase + d}, status, "doc",
                                  static_cast<std::uint32_t>(i)));
      if (status == EventStatus::kDenied || d < wlo || d > whi) continue;
      options[a].push_back({b, d, d, false});
      options[b].push_back({a, d, d, false});
    }
  }
};

struct Best {
  std::optional<int> arrival, departure, duration;
};

// Every walk from s of at most max_hops hops, tracking the set of (first day, current day) pairs
// its crossing-day choices allow; records the best value of each objective on reaching t.
Best brute_force(const RandomTemporalGraph& g, int s, int t, int max_hops,
                 std::optional<int> max_wait, std::uint32_t kind_mask, int wlo, int whi) {
  Best best;
  using States = std::set<std::pair<int, int>>;  // (first day, current day)
  std::function<void(int, const States&, int)> walk = [&](int v, const States& states, int hops) {
    if (v == t && hops > 0) {
      for (auto [first, cur] : states) {
        best.arrival = std::min(best.arrival.value_or(1 << 30), cur);
        best.departure = std::max(best.departure.value_or(-(1 << 30)), first);
        best.duration = std::min(best.duration.value_or(1 << 30), cur - first);
      }
    }
    if (hops == max_hops) return;
    for (const Option& o : g.options[v]) {
      if (o.to != s && o.to != t && kind_mask &&
          !((kind_mask >> static_cast<unsigned>(g.actors[o.to].kind)) & 1u))
        continue;
      States next;
      for (auto [first, cur] : states)
        for (int c = std::max(o.lo, wlo); c <= std::min(o.hi, whi); ++c) {
          if (hops > 0 && (c < cur || (max_wait && c - cur > *max_wait))) continue;
          next.insert({hops == 0 ? c : first, c});
        }
      if (!next.empty()) walk(o.to, next, hops + 1);
    }
  };
  walk(s, States{{0, 0}}, 0);
  return best;
}

// Checks that `p` is a walk the brute force would accept and returns its hop days.
void check_valid(const RandomTemporalGraph& g, const graph::TemporalPath& p, int s, int t,
                 int max_hops, std::optional<int> max_wait) {
  REQUIRE(!p.hops.empty());
  CHECK(static_cast<int>(p.hops.size()) <= max_hops);
  CHECK(p.hops.back().to == g.actors[t].id);
  ActorId at = g.actors[s].id;
  std::optional<int> prev;
  for (const auto& h : p.hops) {
    int day = h.day - kBase;
    int u = -1, v = -1;
    for (int i = 0; i < static_cast<int>(g.actors.size()); ++i) {
      if (g.actors[i].id == at) u = i;
      if (g.actors[i].id == h.to) v = i;
    }
    REQUIRE(u >= 0);
    REQUIRE(v >= 0);
    bool ok = std::any_of(g.options[u].begin(), g.options[u].end(), [&](const Option& o) {
      return o.to == v && o.affiliation == h.affiliation && o.lo <= day && day <= o.hi;
    });
    CHECK(ok);
    if (prev) {
      CHECK(day >= *prev);
      if (max_wait) CHECK(day - *prev <= *max_wait);
    }
    prev = day;
    at = h.to;
  }
}

}  // namespace

TEST_CASE("Graph: temporal modes agree with brute force on random graphs", "[graph]") {
  int checked = 0, found = 0;
  for (unsigned seed = 1; seed <= 60; ++seed) {
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    int n = 3 + static_cast<int>(seed % 4);
    int wlo = 0, whi = kDays - 1;
    if (seed % 3 == 0) {  // a window that cuts some hops
      wlo = static_cast<int>(rng() % 4);
      whi = kDays - 1 - static_cast<int>(rng() % 4);
    }
    RandomTemporalGraph g(rng, n, 2 + static_cast<int>(rng() % (3 * n)),
                          static_cast<int>(rng() % 3), wlo, whi);
    TempDir dir;
    auto store = store_with(dir.str(), g.actors, g.events, "seed " + std::to_string(seed),
                            Date{kBase});
    REQUIRE(store);
    graph::ProjectionOptions options;
    options.filter.window = {kBase + wlo, kBase + whi};
    auto projection = graph::Projection::build(*store, options);
    REQUIRE(projection);
    const graph::Projection& p = **projection;
    // The same window read by one sweep of `adj` instead of event by event.
    options.event_read_limit = 1;
    auto swept = graph::Projection::build(*store, options);
    REQUIRE(swept);
    CHECK((*swept)->edge_count() == p.edge_count());
    CHECK((*swept)->weighted_degree() == p.weighted_degree());

    for (int round = 0; round < 4; ++round) {
      graph::SearchLimits limits;
      limits.max_hops = 1 + static_cast<int>(rng() % 4);
      std::optional<int> max_wait;
      if (rng() % 2) max_wait = static_cast<int>(rng() % 4);
      if (rng() % 4 == 0) limits.kind_mask = 1u << (rng() % 3);
      for (int s = 0; s < n; ++s) {
        for (int t = 0; t < n; ++t) {
          if (s == t) continue;
          INFO("round " << round << " " << s << " -> " << t << " max_hops " << limits.max_hops
                        << " max_wait " << (max_wait ? *max_wait : -1) << " mask "
                        << limits.kind_mask);
          Best want = brute_force(g, s, t, limits.max_hops, max_wait, limits.kind_mask, wlo, whi);
          const ActorId a = g.actors[s].id, b = g.actors[t].id;
          auto ea = p.earliest_arrival(a, b, limits, max_wait);
          auto ld = p.latest_departure(a, b, limits, max_wait);
          auto fa = p.fastest(a, b, limits, max_wait);
          auto swept_ea = (*swept)->earliest_arrival(a, b, limits, max_wait);
          CHECK(swept_ea.has_value() == ea.has_value());
          if (ea && swept_ea) CHECK(swept_ea->arrival() == ea->arrival());
          ++checked;
          REQUIRE(ea.has_value() == want.arrival.has_value());
          REQUIRE(ld.has_value() == want.departure.has_value());
          REQUIRE(fa.has_value() == want.duration.has_value());
          if (!ea) continue;
          ++found;
          check_valid(g, *ea, s, t, limits.max_hops, max_wait);
          check_valid(g, *ld, s, t, limits.max_hops, max_wait);
          check_valid(g, *fa, s, t, limits.max_hops, max_wait);
          CHECK(ea->arrival() - kBase == *want.arrival);
          CHECK(ld->departure() - kBase == *want.departure);
          CHECK(fa->arrival() - fa->departure() == *want.duration);
        }
      }
    }
  }
  CHECK(found > checked / 5);  // the graphs are not all disconnected
}

TEST_CASE("Graph: Yen's k paths agree with an enumeration of simple paths", "[graph]") {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    int n = 4 + static_cast<int>(seed % 4);
    RandomTemporalGraph g(rng, n, n + static_cast<int>(rng() % (2 * n)), 0, 0, kDays - 1);
    TempDir dir;
    auto store = store_with(dir.str(), g.actors, g.events, "yen " + std::to_string(seed),
                            Date{kBase});
    REQUIRE(store);
    auto projection = graph::Projection::build(*store, {});
    REQUIRE(projection);
    std::vector<std::set<int>> adj(n);
    for (int u = 0; u < n; ++u)
      for (const Option& o : g.options[u]) adj[u].insert(o.to);
    for (int s = 0; s < n; ++s) {
      for (int t = 0; t < n; ++t) {
        if (s == t) continue;
        graph::SearchLimits limits;
        limits.max_hops = 1 + static_cast<int>(rng() % 4);
        // Every simple path s..t of at most max_hops hops, by length.
        std::vector<std::size_t> lengths;
        std::vector<int> stack{s};
        std::function<void()> dfs = [&] {
          int u = stack.back();
          if (u == t) {
            lengths.push_back(stack.size() - 1);
            return;
          }
          if (static_cast<int>(stack.size()) - 1 == limits.max_hops) return;
          for (int v : adj[u])
            if (std::find(stack.begin(), stack.end(), v) == stack.end()) {
              stack.push_back(v);
              dfs();
              stack.pop_back();
            }
        };
        dfs();
        std::sort(lengths.begin(), lengths.end());
        std::size_t k = 1 + rng() % 6;
        INFO(s << " -> " << t << " k " << k << " max_hops " << limits.max_hops);
        auto paths = (*projection)->k_fewest_hops(g.actors[s].id, g.actors[t].id, k, limits);
        REQUIRE(paths.size() == std::min(k, lengths.size()));  // k beyond the count: all of them
        std::set<std::vector<ActorId>> distinct(paths.begin(), paths.end());
        CHECK(distinct.size() == paths.size());
        for (std::size_t i = 0; i < paths.size(); ++i) {
          CHECK(paths[i].size() - 1 == lengths[i]);
          std::set<ActorId> seen(paths[i].begin(), paths[i].end());
          CHECK(seen.size() == paths[i].size());  // loopless
          for (std::size_t j = 0; j + 1 < paths[i].size(); ++j)
            CHECK((*projection)->has_edge(paths[i][j], paths[i][j + 1]));
        }
      }
    }
  }
}
