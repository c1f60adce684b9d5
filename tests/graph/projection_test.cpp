#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

#include "diplograph/query.hpp"
#include "graph/projection.hpp"
#include "store/store_fixtures.hpp"
#include "support/test_support.hpp"

using namespace diplograph;
using namespace diplograph::test;

namespace {

constexpr int kInf = 1 << 20;

// A random graph kept in plain vectors, so the expected distances come from the inputs and not
// from anything the store or the projection computed.
struct RandomGraph {
  std::vector<Actor> actors;
  std::vector<Event> events;

  RandomGraph(std::mt19937& rng, int n, int m, int affiliations) {
    for (int i = 0; i < n; ++i)
      actors.push_back(make_actor("Actor " + std::to_string(i),
                                  i % 3 == 0 ? ActorKind::kState : ActorKind::kPerson));
    std::uniform_int_distribution<int> pick(0, n - 1), days(0, 99), type(0, kEventTypeCount - 1),
        status(0, 2), none(0, 9);
    for (int k = 0; k < affiliations; ++k) {
      int a = pick(rng), b = pick(rng);
      if (a == b) continue;
      int from = days(rng), len = days(rng);
      actors[a].affiliations.push_back(serves(actors[b], "member", day(2000, 1, 1).plus_days(from),
                                              day(2000, 1, 1).plus_days(from + len / 3)));
    }
    for (int k = 0; k < m; ++k) {
      int a = pick(rng), b = pick(rng);
      const Actor* target = none(rng) == 0 ? nullptr : &actors[b];
      events.push_back(make_event(static_cast<EventType>(type(rng)), actors[a], target,
                                  day(2000, 1, 1).plus_days(days(rng)),
                                  static_cast<EventStatus>(status(rng)), "doc", k));
    }
  }

  // All-pairs hop distances by Floyd-Warshall over what `filter` and the flag admit.
  std::vector<std::vector<int>> distances(const EventFilter& filter, bool use_affiliations) const {
    const int n = static_cast<int>(actors.size());
    std::vector<std::vector<int>> d(n, std::vector<int>(n, kInf));
    auto index = [&](ActorId id) {
      for (int i = 0; i < n; ++i)
        if (actors[i].id == id) return i;
      FAIL("unknown actor");
      return -1;
    };
    for (int i = 0; i < n; ++i) d[i][i] = 0;
    for (const Event& e : events) {
      if (!e.target) continue;
      AdjEntry row;
      row.day = e.date.days;
      row.type = e.type;
      row.status = e.status;
      if (!filter.admits(row)) continue;
      int a = index(e.source.id), b = index(e.target->id);
      if (a != b) d[a][b] = d[b][a] = 1;
    }
    if (use_affiliations)
      for (int i = 0; i < n; ++i)
        for (const Affiliation& f : actors[i].affiliations)
          if (f.overlaps(filter.window.from, filter.window.to))
            d[i][index(f.target)] = d[index(f.target)][i] = 1;
    for (int k = 0; k < n; ++k)
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) d[i][j] = std::min(d[i][j], d[i][k] + d[k][j]);
    return d;
  }
};

EventFilter random_filter(std::mt19937& rng) {
  EventFilter f;
  std::uniform_int_distribution<int> days(0, 99), coin(0, 3);
  int a = days(rng), b = days(rng);
  if (coin(rng) != 0)
    f.window = {day(2000, 1, 1).plus_days(std::min(a, b)).days,
                day(2000, 1, 1).plus_days(std::max(a, b)).days};
  if (coin(rng) == 0) f.statuses.push_back(EventStatus::kDenied);
  if (coin(rng) == 0)
    for (int t = 0; t < kEventTypeCount; t += 2) f.types.push_back(static_cast<EventType>(t));
  return f;
}

}  // namespace

TEST_CASE("Graph: BFS agrees with brute force on random graphs", "[graph]") {
  for (unsigned seed = 1; seed <= 40; ++seed) {
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    int n = 4 + static_cast<int>(seed % 7);
    RandomGraph g(rng, n, static_cast<int>(rng() % (2 * n)) + 1, static_cast<int>(rng() % 4));
    TempDir dir;
    auto opened = GraphStore::open(dir.str());
    REQUIRE(opened);
    GraphStore& store = **opened;
    // Spread over two documents so merging paths are exercised too.
    Extraction x1, x2;
    x1.actors = g.actors;
    for (std::size_t i = 0; i < g.events.size(); ++i)
      (i % 2 ? x2 : x1).events.push_back(g.events[i]);
    REQUIRE(store.ingest(make_doc("one", "first " + std::to_string(seed), day(2000, 5, 1)), x1));
    REQUIRE(store.ingest(make_doc("two", "second " + std::to_string(seed), day(2000, 5, 1)), x2));

    for (int round = 0; round < 3; ++round) {
      graph::ProjectionOptions options;
      options.filter = random_filter(rng);
      options.affiliations = rng() % 2 == 0;
      auto expected = g.distances(options.filter, options.affiliations);
      auto projection = graph::Projection::build(store, options);
      REQUIRE(projection);
      int max_hops = 1 + static_cast<int>(rng() % 4);
      for (int s = 0; s < n; ++s) {
        for (int t = 0; t < n; ++t) {
          INFO("round " << round << " from " << s << " to " << t << " max_hops " << max_hops);
          auto path = (*projection)->fewest_hops(g.actors[s].id, g.actors[t].id, max_hops);
          int want = expected[s][t];
          if (want > max_hops) {
            CHECK_FALSE(path);
            continue;
          }
          REQUIRE(path);
          CHECK(static_cast<int>(path->size()) - 1 == want);
          CHECK(path->front() == g.actors[s].id);
          CHECK(path->back() == g.actors[t].id);
          for (std::size_t i = 0; i + 1 < path->size(); ++i)
            CHECK((*projection)->has_edge((*path)[i], (*path)[i + 1]));
        }
      }
      // And through the public query, which also names each hop's evidence.
      int s = static_cast<int>(rng() % n), t = static_cast<int>(rng() % n);
      PathQuery q;
      q.from = g.actors[s].name;
      q.to = g.actors[t].name;
      q.filter = options.filter;
      q.affiliations = options.affiliations;
      q.max_hops = max_hops;
      auto r = find_path(store, q);
      if (expected[s][t] > max_hops) {
        REQUIRE_FALSE(r);
        CHECK(r.error().code() == StatusCode::kNotFound);
      } else {
        INFO((r ? "" : r.error().message()));
        REQUIRE(r);
        CHECK(static_cast<int>(r->hops.size()) == expected[s][t]);
        for (const PathHop& hop : r->hops) {
          CHECK((hop.affiliation.has_value() || !hop.events.empty()));
          for (const Event& e : hop.events) {
            CHECK(options.filter.window.contains(e.date.days));
            bool denied_asked = std::count(options.filter.statuses.begin(),
                                           options.filter.statuses.end(), EventStatus::kDenied) > 0;
            CHECK((e.status != EventStatus::kDenied || denied_asked));
          }
        }
      }
    }
  }
}

TEST_CASE("Graph: projection counts vertices and undirected edges", "[graph]") {
  TempDir dir;
  Afghanistan2021 g;
  auto opened = GraphStore::open(dir.str());
  REQUIRE(opened);
  REQUIRE(g.ingest(**opened));
  graph::ProjectionOptions options;
  auto with = graph::Projection::build(**opened, options);
  REQUIRE(with);
  CHECK((*with)->vertex_count() == 5);
  CHECK((*with)->edge_count() == 4);  // call, host, two affiliations
  CHECK((*with)->has_edge(g.taliban.id, g.russia.id));
  CHECK((*with)->has_edge(g.russia.id, g.lavrov.id));
  options.affiliations = false;
  auto without = graph::Projection::build(**opened, options);
  REQUIRE(without);
  CHECK((*without)->edge_count() == 2);
  CHECK_FALSE((*without)->has_edge(g.russia.id, g.lavrov.id));
  CHECK((*without)->fewest_hops(g.blinken.id, g.blinken.id, 0) ==
        std::vector<ActorId>{g.blinken.id});
}

TEST_CASE("Graph: a window narrowed from the projection of all time equals one built for it",
          "[graph]") {
  for (unsigned seed = 1; seed <= 25; ++seed) {
    INFO("seed " << seed);
    std::mt19937 rng(seed);
    int n = 4 + static_cast<int>(seed % 9);
    RandomGraph g(rng, n, static_cast<int>(rng() % (4 * n)) + 1, static_cast<int>(rng() % 6));
    TempDir dir;
    auto store = store_with(dir.str(), g.actors, g.events, "text " + std::to_string(seed),
                            day(2000, 5, 1));
    REQUIRE(store);
    auto all = graph::Projection::build(*store, graph::ProjectionOptions{});
    REQUIRE(all);
    for (int round = 0; round < 6; ++round) {
      graph::ProjectionOptions options;
      options.filter = random_filter(rng);
      options.filter.types.clear();
      options.filter.statuses.clear();
      options.affiliations = rng() % 2 == 0;
      INFO("round " << round);
      auto built = graph::Projection::build(*store, options);
      auto narrowed = (*all)->restrict(options);
      REQUIRE(built);
      REQUIRE(narrowed);
      CHECK((*narrowed)->same_as(**built));
      CHECK((*narrowed)->edge_count() == (*built)->edge_count());
      CHECK((*narrowed)->weighted_degree() == (*built)->weighted_degree());
    }
    // A type filter, or denied events, cannot be narrowed from it.
    graph::ProjectionOptions typed;
    typed.filter.types = {EventType::kCall};
    CHECK_FALSE((*all)->restrict(typed));
  }
}

TEST_CASE("Graph: the persisted projection maps back equal, and only for its stamp and options",
          "[graph]") {
  TempDir dir;
  Afghanistan2021 g;
  auto opened = GraphStore::open(dir.str());
  REQUIRE(opened);
  REQUIRE(g.ingest(**opened));
  auto stamp = (*opened)->state_stamp();
  REQUIRE(stamp);
  auto built = graph::Projection::build(**opened, graph::ProjectionOptions{});
  REQUIRE(built);
  const std::string file = (dir.path() / "projection.dgp").string();
  REQUIRE((*built)->save(file, *stamp));
  CHECK(graph::Projection::verify_file(file));

  auto loaded = graph::Projection::load(file, *stamp, graph::ProjectionOptions{});
  REQUIRE(loaded);
  CHECK((*loaded)->same_as(**built));
  CHECK((*loaded)->fewest_hops(g.blinken.id, g.taliban.id, 6) ==
        (*built)->fewest_hops(g.blinken.id, g.taliban.id, 6));

  // Another stamp or other options: stale, not used.
  auto stale = graph::Projection::load(file, *stamp + "x", graph::ProjectionOptions{});
  REQUIRE_FALSE(stale);
  CHECK(stale.error().code() == StatusCode::kNotFound);
  graph::ProjectionOptions other;
  other.affiliations = false;
  CHECK(graph::Projection::load(file, *stamp, other).error().code() == StatusCode::kNotFound);

  // Damage: a flipped byte fails the checksum; a cut file fails the load.
  std::string bytes = read_file(file);
  std::string flipped = bytes;
  flipped[flipped.size() - 9] ^= 0x40;
  write_file(file, flipped);
  CHECK(graph::Projection::verify_file(file).code() == StatusCode::kCorruption);
  write_file(file, bytes.substr(0, bytes.size() / 2));
  CHECK(graph::Projection::load(file, *stamp, graph::ProjectionOptions{}).error().code() ==
        StatusCode::kCorruption);
  write_file(file, "");
  CHECK_FALSE(graph::Projection::load(file, *stamp, graph::ProjectionOptions{}));
}

TEST_CASE("Query: the engine uses a current persisted projection, never a stale or damaged one",
          "[graph][query]") {
  TempDir dir;
  Afghanistan2021 g;
  const std::string file = (dir.path() / "projection.dgp").string();
  PathQuery q;
  q.from = "Antony Blinken";
  q.to = "Taliban";
  {
    auto opened = GraphStore::open(dir.str());
    REQUIRE(opened);
    REQUIRE(g.ingest(**opened));
    QueryEngine engine(**opened);
    REQUIRE(engine.find_paths(q));  // builds the projection and writes it
    CHECK(std::filesystem::exists(file));
    auto problems = engine.check_projection();
    REQUIRE(problems);
    CHECK(problems->empty());
  }
  // A file of the present stamp holding the projection of another window (no edge at all): its
  // header names the window, so it is never taken for the projection of all time.
  {
    auto opened = GraphStore::open(dir.str());
    REQUIRE(opened);
    auto stamp = (*opened)->state_stamp();
    REQUIRE(stamp);
    graph::ProjectionOptions narrow;
    narrow.filter.window = {0, 1};  // 1970
    auto edgeless = graph::Projection::build(**opened, narrow);
    REQUIRE(edgeless);
    REQUIRE((*edgeless)->save(file, *stamp));
    auto problems = QueryEngine(**opened).check_projection();
    REQUIRE(problems);
    CHECK(problems->empty());
    auto r = QueryEngine(**opened).find_paths(q);
    REQUIRE(r);
    CHECK(r->front().hops.size() == 3);
  }
  // The store changes after the file was written: the next engine sees the new edge.
  {
    auto opened = GraphStore::open(dir.str());
    REQUIRE(opened);
    REQUIRE(QueryEngine(**opened).save_projection());
    Extraction x;
    x.actors = {g.blinken, g.taliban};
    x.events.push_back(make_event(EventType::kMeeting, g.blinken, &g.taliban, day(2021, 8, 20),
                                  EventStatus::kOccurred, "late", 0));
    REQUIRE((*opened)->ingest(make_doc("late", "Blinken met the Taliban.", day(2021, 8, 20)), x));
    auto r = QueryEngine(**opened).find_paths(q);
    REQUIRE(r);
    CHECK(r->front().hops.size() == 1);
  }
  // A damaged file (a write killed half way is never renamed into place, but a disk may cut
  // one): the engine rebuilds, answers right, and check reports the damage first.
  {
    std::string bytes = read_file(file);
    write_file(file, bytes.substr(0, bytes.size() - 5));
    auto opened = GraphStore::open(dir.str());
    REQUIRE(opened);
    auto problems = QueryEngine(**opened).check_projection();
    REQUIRE(problems);
    CHECK(problems->size() == 1);
    write_file(dir.path() / "projection.dgp.tmp.1.0", bytes.substr(0, 100));  // a killed write
    auto r = QueryEngine(**opened).find_paths(q);
    REQUIRE(r);
    CHECK(r->front().hops.size() == 1);
    problems = QueryEngine(**opened).check_projection();
    REQUIRE(problems);
    CHECK(problems->empty());
  }
}
