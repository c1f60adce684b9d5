#include <catch2/catch.hpp>

#include "diplograph/query.hpp"
#include "store/store_fixtures.hpp"
#include "support/test_support.hpp"

using namespace diplograph;
using namespace diplograph::test;

namespace {

// Afghanistan2021 plus a second document: more Lavrov events across July-September, a denied
// meeting, and a second "Lavrov" (a namesake) to make bare surnames ambiguous when asked.
struct TimelineGraph : Afghanistan2021 {
  Actor wang = make_actor("Wang Yi", ActorKind::kPerson, "CHN", "CHNGOV", {"Wang"});
  Actor china = make_actor("China", ActorKind::kState, "CHN", "CHN");

  TimelineGraph() { wang.affiliations.push_back(serves(china, "foreign minister")); }

  void ingest_all(GraphStore& store) {
    REQUIRE(ingest(store));
    Extraction x;
    x.events.push_back(make_event(EventType::kMeeting, lavrov, &wang, day(2021, 7, 14),
                                  EventStatus::kOccurred, "xinhua-1", 0));
    x.events.push_back(make_event(EventType::kCall, wang, &lavrov, day(2021, 8, 25),
                                  EventStatus::kOccurred, "xinhua-1", 1));
    x.events.push_back(make_event(EventType::kStatement, lavrov, nullptr, day(2021, 8, 17),
                                  EventStatus::kOccurred, "xinhua-1", 2));
    x.events.push_back(make_event(EventType::kMeeting, lavrov, &blinken, day(2021, 9, 2),
                                  EventStatus::kDenied, "xinhua-1", 3));
    x.events.push_back(make_event(EventType::kVisit, lavrov, &china, day(2021, 9, 10),
                                  EventStatus::kPlanned, "xinhua-1", 4));
    x.actors = {lavrov, wang, china};
    REQUIRE(store.ingest(make_doc("xinhua-1", "Wang and Lavrov ...", day(2021, 9, 1)), x));
  }
};

std::vector<std::string> dates_of(const TimelineResult& r) {
  std::vector<std::string> out;
  for (const auto& e : r.events) out.push_back(e.date.to_string() + " " + std::string(to_string(e.type)));
  return out;
}

}  // namespace

TEST_CASE("Query: timeline is ascending and honours window, type and status", "[query]") {
  TempDir dir;
  TimelineGraph g;
  auto store = GraphStore::open(dir.str());
  REQUIRE(store);
  g.ingest_all(**store);

  TimelineQuery q;
  q.actor = "Sergei Lavrov";
  SECTION("everything admitted by default (denied left out)") {
    auto r = timeline(**store, q);
    REQUIRE(r);
    CHECK(r->actor.id == g.lavrov.id);
    CHECK(dates_of(*r) == std::vector<std::string>{"2021-07-14 meeting", "2021-08-16 call",
                                                   "2021-08-17 statement", "2021-08-25 call",
                                                   "2021-09-10 visit"});
    REQUIRE(r->events[1].mentions.size() == 1);
    CHECK(r->events[1].mentions[0].doc == "tass-1");
  }
  SECTION("window") {
    q.filter.window = {day(2021, 8, 1).days, day(2021, 8, 31).days};
    auto r = timeline(**store, q);
    REQUIRE(r);
    CHECK(dates_of(*r) == std::vector<std::string>{"2021-08-16 call", "2021-08-17 statement",
                                                   "2021-08-25 call"});
  }
  SECTION("window edges are inclusive") {
    q.filter.window = {day(2021, 8, 16).days, day(2021, 8, 16).days};
    auto r = timeline(**store, q);
    REQUIRE(r);
    CHECK(dates_of(*r) == std::vector<std::string>{"2021-08-16 call"});
  }
  SECTION("types") {
    q.filter.types = {EventType::kCall, EventType::kVisit};
    auto r = timeline(**store, q);
    REQUIRE(r);
    CHECK(dates_of(*r) == std::vector<std::string>{"2021-08-16 call", "2021-08-25 call",
                                                   "2021-09-10 visit"});
  }
  SECTION("statuses") {
    q.filter.statuses = {EventStatus::kDenied};
    auto r = timeline(**store, q);
    REQUIRE(r);
    CHECK(dates_of(*r) == std::vector<std::string>{"2021-09-02 meeting"});
    CHECK(r->events[0].status == EventStatus::kDenied);
  }
  SECTION("limit keeps the earliest rows") {
    q.limit = 2;
    auto r = timeline(**store, q);
    REQUIRE(r);
    CHECK(dates_of(*r) == std::vector<std::string>{"2021-07-14 meeting", "2021-08-16 call"});
  }
  SECTION("with another actor, either direction, the undirected call once") {
    q.with = "wang yi";
    auto r = timeline(**store, q);
    REQUIRE(r);
    REQUIRE(r->with);
    CHECK(r->with->id == g.wang.id);
    CHECK(dates_of(*r) == std::vector<std::string>{"2021-07-14 meeting", "2021-08-25 call"});
    // Same pair seen from the other end.
    TimelineQuery back;
    back.actor = "Wang Yi";
    back.with = "Lavrov";
    auto b = timeline(**store, back);
    REQUIRE(b);
    CHECK(dates_of(*b) == dates_of(*r));
  }
  SECTION("with and type together") {
    q.with = "Wang Yi";
    q.filter.types = {EventType::kCall};
    auto r = timeline(**store, q);
    REQUIRE(r);
    CHECK(dates_of(*r) == std::vector<std::string>{"2021-08-25 call"});
  }
  SECTION("a directed event shows on the target's timeline") {
    TimelineQuery t;
    t.actor = "Taliban";
    auto r = timeline(**store, t);
    REQUIRE(r);
    CHECK(dates_of(*r) == std::vector<std::string>{"2021-08-20 host"});
  }
}

TEST_CASE("Query: empty timelines, unknown and ambiguous names", "[query]") {
  TempDir dir;
  TimelineGraph g;
  auto store = GraphStore::open(dir.str());
  REQUIRE(store);
  g.ingest_all(**store);

  SECTION("an empty window is kNotFound saying so") {
    TimelineQuery q;
    q.actor = "Sergei Lavrov";
    q.filter.window = {day(2020, 1, 1).days, day(2020, 12, 31).days};
    auto r = timeline(**store, q);
    REQUIRE_FALSE(r);
    CHECK(r.error().code() == StatusCode::kNotFound);
    CHECK(r.error().message() == "no events for Sergei Lavrov in that window");
  }
  SECTION("an unknown actor is kNotFound") {
    TimelineQuery q;
    q.actor = "Nobody Atall";
    auto r = timeline(**store, q);
    REQUIRE_FALSE(r);
    CHECK(r.error().code() == StatusCode::kNotFound);
    CHECK(r.error().message() == "unknown actor 'Nobody Atall'");
    q.actor = "Sergei Lavrov";
    q.with = "Nobody Atall";
    auto w = timeline(**store, q);
    REQUIRE_FALSE(w);
    CHECK(w.error().code() == StatusCode::kNotFound);
  }
  SECTION("resolution: case, accents, aliases and word matches") {
    auto a = resolve_actor(**store, "SERGEI LAVROV");
    REQUIRE(a);
    CHECK(a->id == g.lavrov.id);
    auto b = resolve_actor(**store, "antony");  // a whole word of one name only
    REQUIRE(b);
    CHECK(b->id == g.blinken.id);
  }
  SECTION("two actors sharing an alias are ambiguous, listing both") {
    Actor other = make_actor("Alexander Lavrov", ActorKind::kPerson, "", "", {"Lavrov"});
    Extraction x;
    x.actors = {other};
    REQUIRE(store.value()->ingest(make_doc("sport", "Lavrov scored", day(2021, 9, 3)), x));
    auto r = resolve_actor(**store, "lavrov");
    REQUIRE_FALSE(r);
    CHECK(r.error().code() == StatusCode::kAmbiguous);
    CHECK(r.error().message() ==
          "ambiguous actor 'lavrov': Alexander Lavrov (person), Sergei Lavrov (person, RUS)");
    TimelineQuery q;
    q.actor = "lavrov";
    auto t = timeline(**store, q);
    REQUIRE_FALSE(t);
    CHECK(t.error().code() == StatusCode::kAmbiguous);
    // The full name is exact, so it wins over the word match.
    auto exact = resolve_actor(**store, "Sergei Lavrov");
    REQUIRE(exact);
    CHECK(exact->id == g.lavrov.id);
  }
  SECTION("several word matches are ambiguous") {
    // "minister" is no name; "yi" matches only Wang Yi; "blinken" is an alias (exact).
    auto r = resolve_actor(**store, "yi");
    REQUIRE(r);
    CHECK(r->id == g.wang.id);
    Actor s1 = make_actor("Kim Jong Un", ActorKind::kPerson, "PRK");
    Actor s2 = make_actor("Kim Yo Jong", ActorKind::kPerson, "PRK");
    Extraction x;
    x.actors = {s1, s2};
    REQUIRE(store.value()->ingest(make_doc("kims", "Kims", day(2021, 9, 3)), x));
    auto k = resolve_actor(**store, "kim");
    REQUIRE_FALSE(k);
    CHECK(k.error().code() == StatusCode::kAmbiguous);
    CHECK(k.error().message().find("Kim Jong Un (person, PRK)") != std::string::npos);
    CHECK(k.error().message().find("Kim Yo Jong (person, PRK)") != std::string::npos);
  }
}

TEST_CASE("Query: EventFilter admits by window, type and status", "[query]") {
  AdjEntry e;
  e.day = 100;
  e.type = EventType::kCall;
  e.status = EventStatus::kOccurred;
  EventFilter f;
  CHECK(f.admits(e));
  f.window = {101, 200};
  CHECK_FALSE(f.admits(e));
  f.window = {100, 100};
  CHECK(f.admits(e));
  f.types = {EventType::kVisit};
  CHECK_FALSE(f.admits(e));
  f.types = {EventType::kVisit, EventType::kCall};
  CHECK(f.admits(e));
  e.status = EventStatus::kDenied;
  CHECK_FALSE(f.admits(e));
  f.statuses.push_back(EventStatus::kDenied);
  CHECK(f.admits(e));
}
