#include <catch2/catch.hpp>

#include <filesystem>

#include "diplograph/graph_store.hpp"
#include "store/store_fixtures.hpp"
#include "support/test_support.hpp"

using namespace diplograph;
using namespace diplograph::test;

namespace {

std::unique_ptr<GraphStore> open_store(const std::string& dir, bool read_only = false) {
  StoreOptions o;
  o.read_only = read_only;
  auto s = GraphStore::open(dir, o);
  INFO((s ? std::string() : s.error().message()));
  REQUIRE(s);
  return std::move(*s);
}

StoreStats stats_of(const GraphStore& store) {
  auto s = store.stats();
  REQUIRE(s);
  return *s;
}

}  // namespace

TEST_CASE("GraphStore: round trip of events, actors and mentions", "[store]") {
  TempDir dir;
  Afghanistan2021 g;
  auto store = open_store(dir.str());
  REQUIRE(g.ingest(*store));

  auto lavrov = store->get_actor(g.lavrov.id);
  REQUIRE(lavrov);
  CHECK(lavrov->name == "Sergei Lavrov");
  CHECK(lavrov->kind == ActorKind::kPerson);
  CHECK(lavrov->country == "RUS");
  CHECK(lavrov->code == "RUSGOV");
  CHECK(lavrov->aliases == std::vector<std::string>{"Lavrov"});
  REQUIRE(lavrov->affiliations.size() == 1);
  CHECK(lavrov->affiliations[0].target == g.russia.id);
  CHECK(lavrov->affiliations[0].role == "foreign minister");
  CHECK(lavrov->affiliations[0].from == day(2004, 3, 9));
  CHECK_FALSE(lavrov->affiliations[0].to);

  Event call = make_event(EventType::kCall, g.lavrov, &g.blinken, day(2021, 8, 16),
                          EventStatus::kOccurred, "tass-1", 0);
  auto got = store->get_event(call.id);
  REQUIRE(got);
  CHECK(got->type == EventType::kCall);
  CHECK(got->cameo == "041");
  CHECK(got->quad_class == call.quad_class);
  CHECK(got->goldstein == Approx(call.goldstein));
  CHECK(got->source.name == "Sergei Lavrov");
  REQUIRE(got->target);
  CHECK(got->target->id == g.blinken.id);
  CHECK(got->date == day(2021, 8, 16));
  CHECK(got->status == EventStatus::kOccurred);
  REQUIRE(got->mentions.size() == 1);
  CHECK(got->mentions[0].doc == "tass-1");
  CHECK(got->mentions[0].pattern == "test.call");
  CHECK(got->mentions[0].text == call.mentions[0].text);
  CHECK(got->sources() == 1);

  auto st = stats_of(*store);
  CHECK(st.documents == 1);
  CHECK(st.events == 2);
  CHECK(st.edges == 2);
  CHECK(st.mentions == 2);
  CHECK(st.actors == 5);
  CHECK(st.affiliations == 2);

  CHECK(store->get_actor(12345).error().code() == StatusCode::kNotFound);
  CHECK(store->get_event(EventId{1, 2}).error().code() == StatusCode::kNotFound);

  int n = 0;
  REQUIRE(store->for_each_event([&](const Event&) { return ++n, true; }));
  CHECK(n == 2);
  n = 0;
  REQUIRE(store->for_each_actor([&](const Actor&) { return ++n, true; }));
  CHECK(n == 5);
}

TEST_CASE("GraphStore: re-ingest is a no-op", "[store]") {
  TempDir dir;
  Afghanistan2021 g;
  auto store = open_store(dir.str());
  REQUIRE(g.ingest(*store));
  auto before = stats_of(*store);

  Extraction x;
  x.events.push_back(make_event(EventType::kCall, g.lavrov, &g.blinken, day(2021, 8, 16),
                                EventStatus::kOccurred, "tass-1", 0));
  x.actors = {g.lavrov, g.blinken};
  auto again = store->ingest(
      make_doc("tass-1", "Lavrov and Blinken spoke; Moscow hosted the Taliban.", day(2021, 8, 21)),
      x);
  REQUIRE(again);
  CHECK(again->already_present);
  CHECK(again->events_new == 0);
  auto after = stats_of(*store);
  CHECK(after.documents == before.documents);
  CHECK(after.mentions == before.mentions);
  CHECK(after.events == before.events);
  CHECK(after.actors == before.actors);
}

TEST_CASE("GraphStore: a document extracted by other knowledge replaces its old extraction",
          "[store]") {
  TempDir dir;
  Afghanistan2021 g;
  auto store = open_store(dir.str());
  const Document doc = make_doc("k-1", "Lavrov spoke with Blinken.", day(2021, 8, 21));
  Extraction v1;
  v1.knowledge = "00000000000000a1";
  v1.events.push_back(make_event(EventType::kStatement, g.lavrov, nullptr, day(2021, 8, 21),
                                 EventStatus::kOccurred, "k-1", 0));
  v1.actors = {g.lavrov};
  auto first = store->ingest(doc, v1);
  REQUIRE(first);
  CHECK(first->events_new == 1);

  SECTION("the same version changes nothing") {
    auto again = store->ingest(doc, v1);
    REQUIRE(again);
    CHECK(again->already_present);
    CHECK_FALSE(again->replaced);
  }
  SECTION("another version takes the old events out and stores the new ones") {
    Extraction v2;
    v2.knowledge = "00000000000000b2";
    v2.events.push_back(make_event(EventType::kCall, g.lavrov, &g.blinken, day(2021, 8, 20),
                                   EventStatus::kOccurred, "k-1", 0));
    v2.actors = {g.lavrov, g.blinken};
    auto again = store->ingest(doc, v2);
    REQUIRE(again);
    CHECK_FALSE(again->already_present);
    CHECK(again->replaced);
    CHECK(again->events_new == 1);
    auto st = stats_of(*store);
    CHECK(st.documents == 1);
    CHECK(st.events == 1);
    CHECK(st.mentions == 1);
    auto versions = store->knowledge_versions();
    REQUIRE(versions);
    CHECK(versions->size() == 1);
    CHECK(versions->count("00000000000000b2") == 1);
    auto check = store->check();
    REQUIRE(check);
    CHECK(check->problems.empty());
  }
}

TEST_CASE("GraphStore: two documents reporting one event merge into one event", "[store]") {
  TempDir dir;
  Afghanistan2021 g;
  auto store = open_store(dir.str());
  REQUIRE(g.ingest(*store));

  Extraction x;
  x.events.push_back(make_event(EventType::kCall, g.blinken, &g.lavrov, day(2021, 8, 16),
                                EventStatus::kOccurred, "state-1", 2));
  Actor blinken2 = g.blinken;
  blinken2.aliases.push_back("Tony Blinken");
  x.actors = {blinken2, g.lavrov};
  auto r = store->ingest(
      make_doc("state-1", "Secretary Blinken spoke with Foreign Minister Lavrov.", day(2021, 8, 16)),
      x);
  REQUIRE(r);
  CHECK_FALSE(r->already_present);
  CHECK(r->events_new == 0);
  CHECK(r->events_merged == 1);

  // Blinken -> Lavrov is the same undirected call as Lavrov -> Blinken.
  auto e = store->get_event(x.events[0].id);
  REQUIRE(e);
  CHECK(e->mentions.size() == 2);
  CHECK(e->sources() == 2);

  auto st = stats_of(*store);
  CHECK(st.documents == 2);
  CHECK(st.events == 2);
  CHECK(st.mentions == 3);
  CHECK(st.actors == 5);

  // The merged alias resolves.
  auto found = store->find_actors("tony blinken");
  REQUIRE(found);
  REQUIRE(found->size() == 1);
  CHECK((*found)[0].id == g.blinken.id);
  CHECK((*found)[0].aliases.size() == 2);

  // The call still has one adj entry per end.
  int rows = 0;
  REQUIRE(store->scan_adjacency(g.blinken.id, INT32_MIN, INT32_MAX, [&](const AdjEntry& a) {
    CHECK(a.outgoing);  // undirected: both ends outgoing
    CHECK(a.other == g.lavrov.id);
    return ++rows, true;
  }));
  CHECK(rows == 1);
}

TEST_CASE("GraphStore: one document mentioning an event twice gives one event", "[store]") {
  TempDir dir;
  Afghanistan2021 g;
  auto store = open_store(dir.str());
  Extraction x;
  x.events.push_back(make_event(EventType::kMeeting, g.lavrov, &g.blinken, day(2021, 9, 1),
                                EventStatus::kOccurred, "d", 1));
  x.events.push_back(make_event(EventType::kMeeting, g.blinken, &g.lavrov, day(2021, 9, 1),
                                EventStatus::kOccurred, "d", 5));
  x.actors = {g.lavrov, g.blinken};
  auto r = store->ingest(make_doc("d", "met; met again", day(2021, 9, 2)), x);
  REQUIRE(r);
  CHECK(r->events_new == 1);
  auto st = stats_of(*store);
  CHECK(st.events == 1);
  CHECK(st.mentions == 2);
  auto e = store->get_event(x.events[0].id);
  REQUIRE(e);
  CHECK(e->mentions.size() == 2);
  CHECK(e->sources() == 1);
}

TEST_CASE("GraphStore: reopen keeps edges", "[store]") {
  TempDir dir;
  Afghanistan2021 g;
  {
    auto store = open_store(dir.str());
    REQUIRE(g.ingest(*store));
  }
  auto store = open_store(dir.str(), /*read_only=*/true);
  auto st = stats_of(*store);
  CHECK(st.documents == 1);
  CHECK(st.edges == 2);

  std::vector<AdjEntry> rows;
  REQUIRE(store->scan_adjacency(g.russia.id, INT32_MIN, INT32_MAX, [&](const AdjEntry& a) {
    rows.push_back(a);
    return true;
  }));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].type == EventType::kHost);
  CHECK(rows[0].outgoing);
  CHECK(rows[0].other == g.taliban.id);
  CHECK(rows[0].day == day(2021, 8, 20).days);

  rows.clear();
  REQUIRE(store->scan_adjacency(g.taliban.id, INT32_MIN, INT32_MAX, [&](const AdjEntry& a) {
    rows.push_back(a);
    return true;
  }));
  REQUIRE(rows.size() == 1);
  CHECK_FALSE(rows[0].outgoing);  // directed: the target's entry is incoming
  CHECK(rows[0].other == g.russia.id);

  // scan_pair sees the event from either side with the right direction.
  rows.clear();
  REQUIRE(store->scan_pair(g.taliban.id, g.russia.id, INT32_MIN, INT32_MAX, [&](const AdjEntry& a) {
    rows.push_back(a);
    return true;
  }));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].actor == g.taliban.id);
  CHECK_FALSE(rows[0].outgoing);
  rows.clear();
  REQUIRE(store->scan_pair(g.russia.id, g.taliban.id, INT32_MIN, INT32_MAX, [&](const AdjEntry& a) {
    rows.push_back(a);
    return true;
  }));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].outgoing);
}

TEST_CASE("GraphStore: read-only open", "[store]") {
  TempDir dir;
  SECTION("a missing directory is kNotFound") {
    StoreOptions o;
    o.read_only = true;
    auto s = GraphStore::open((dir.path() / "nope").string(), o);
    REQUIRE_FALSE(s);
    CHECK(s.error().code() == StatusCode::kNotFound);
    CHECK(s.error().message().find("nope") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "nope"));
  }
  SECTION("works beside a writer and rejects ingest") {
    Afghanistan2021 g;
    auto writer = open_store(dir.str());
    REQUIRE(g.ingest(*writer));
    auto reader = open_store(dir.str(), /*read_only=*/true);
    CHECK(stats_of(*reader).events == 2);
    auto r = reader->ingest(make_doc("x", "text", day(2021, 1, 1)), Extraction{});
    REQUIRE_FALSE(r);
    CHECK(r.error().code() == StatusCode::kInvalidInput);
  }
  SECTION("create_if_missing=false on a missing database is kNotFound") {
    StoreOptions o;
    o.create_if_missing = false;
    auto s = GraphStore::open((dir.path() / "nope").string(), o);
    REQUIRE_FALSE(s);
    CHECK(s.error().code() == StatusCode::kNotFound);
  }
}

TEST_CASE("GraphStore: find_actors matches exact names first, then whole words", "[store]") {
  TempDir dir;
  Afghanistan2021 g;
  auto store = open_store(dir.str());
  REQUIRE(g.ingest(*store));

  auto exact = store->find_actors("SERGEI  Lavrov");
  REQUIRE(exact);
  REQUIRE(exact->size() == 1);
  CHECK((*exact)[0].id == g.lavrov.id);

  auto alias = store->find_actors("lavrov");  // an alias: exact
  REQUIRE(alias);
  REQUIRE(alias->size() == 1);

  auto word = store->find_actors("sergei");  // no exact name: whole-word match
  REQUIRE(word);
  REQUIRE(word->size() == 1);
  CHECK((*word)[0].id == g.lavrov.id);

  auto part = store->find_actors("serg");  // not a whole word
  REQUIRE(part);
  CHECK(part->empty());

  auto states = store->find_actors("the Taliban");
  REQUIRE(states);
  REQUIRE(states->size() == 1);
  CHECK((*states)[0].code == "AFGREB");

  auto none = store->find_actors("");
  REQUIRE(none);
  CHECK(none->empty());
}

TEST_CASE("GraphStore: adjacency scans honour the window and time order", "[store]") {
  TempDir dir;
  Afghanistan2021 g;
  auto store = open_store(dir.str());
  Extraction x;
  // Days before 1970 must sort before later ones (sign-flipped day keys).
  for (Date d : {day(2021, 8, 3), day(1965, 5, 1), day(2021, 7, 30), day(2021, 8, 31)})
    x.events.push_back(make_event(EventType::kVisit, g.lavrov, &g.taliban, d));
  x.events.push_back(make_event(EventType::kStatement, g.lavrov, nullptr, day(2021, 8, 10)));
  x.actors = {g.lavrov, g.taliban};
  REQUIRE(store->ingest(make_doc("d", "many visits", day(2021, 9, 1)), x));
  CHECK(stats_of(*store).edges == 4);
  CHECK(stats_of(*store).events == 5);

  std::vector<std::int32_t> days;
  REQUIRE(store->scan_adjacency(g.lavrov.id, INT32_MIN, INT32_MAX, [&](const AdjEntry& a) {
    days.push_back(a.day);
    return true;
  }));
  REQUIRE(days.size() == 5);
  CHECK(std::is_sorted(days.begin(), days.end()));
  CHECK(days.front() == day(1965, 5, 1).days);

  days.clear();
  REQUIRE(store->scan_adjacency(g.lavrov.id, day(2021, 8, 1).days, day(2021, 8, 31).days,
                                [&](const AdjEntry& a) {
                                  days.push_back(a.day);
                                  return true;
                                }));
  CHECK(days == std::vector<std::int32_t>{day(2021, 8, 3).days, day(2021, 8, 10).days,
                                          day(2021, 8, 31).days});

  int n = 0;  // stops early
  REQUIRE(store->scan_adjacency(g.lavrov.id, INT32_MIN, INT32_MAX,
                                [&](const AdjEntry&) { return ++n < 2; }));
  CHECK(n == 2);

  days.clear();
  REQUIRE(store->scan_pair(g.taliban.id, g.lavrov.id, day(2021, 7, 30).days,
                           day(2021, 8, 30).days, [&](const AdjEntry& a) {
                             days.push_back(a.day);
                             return true;
                           }));
  CHECK(days == std::vector<std::int32_t>{day(2021, 7, 30).days, day(2021, 8, 3).days});
}
