#include <catch2/catch.hpp>

#include "diplograph/query.hpp"
#include "store/store_fixtures.hpp"
#include "support/test_support.hpp"

using namespace diplograph;
using namespace diplograph::test;

namespace {

std::vector<std::string> names_of(const PathResult& r) {
  std::vector<std::string> out;
  for (const auto& a : r.actors) out.push_back(a.name);
  return out;
}

struct PathFixture {
  TempDir dir;
  Afghanistan2021 g;
  std::unique_ptr<GraphStore> store;
  PathFixture() {
    auto s = GraphStore::open(dir.str());
    REQUIRE(s);
    store = std::move(*s);
    REQUIRE(g.ingest(*store));
  }
  PathQuery query(std::string from = "Antony Blinken", std::string to = "Taliban") {
    PathQuery q;
    q.from = std::move(from);
    q.to = std::move(to);
    return q;
  }
};

}  // namespace

TEST_CASE("Query: Blinken reaches the Taliban through Lavrov and Russia", "[query]") {
  PathFixture f;
  auto r = find_path(*f.store, f.query());
  INFO((r ? "" : r.error().message()));
  REQUIRE(r);
  CHECK(names_of(*r) ==
        std::vector<std::string>{"Antony Blinken", "Sergei Lavrov", "Russia", "Taliban"});
  REQUIRE(r->hops.size() == 3);

  const PathHop& call = r->hops[0];
  CHECK(call.a.id == f.g.blinken.id);
  CHECK(call.b.id == f.g.lavrov.id);
  CHECK_FALSE(call.affiliation);
  REQUIRE(call.events.size() == 1);
  CHECK(call.events[0].type == EventType::kCall);
  CHECK(call.events[0].date == day(2021, 8, 16));
  REQUIRE_FALSE(call.events[0].mentions.empty());
  CHECK_FALSE(call.events[0].mentions[0].text.empty());

  const PathHop& serves = r->hops[1];
  REQUIRE(serves.affiliation);
  CHECK(serves.affiliation->role == "foreign minister");
  CHECK(serves.affiliation->target == f.g.russia.id);
  CHECK(serves.events.empty());

  const PathHop& host = r->hops[2];
  REQUIRE(host.events.size() == 1);
  CHECK(host.events[0].type == EventType::kHost);

  SECTION("the reverse direction works too (edges connect both ways)") {
    auto back = find_path(*f.store, f.query("the taliban", "blinken"));
    REQUIRE(back);
    CHECK(back->hops.size() == 3);
  }
}

TEST_CASE("Query: path variants and failures", "[query]") {
  PathFixture f;
  auto not_found = [](const Result<PathResult>& r) {
    REQUIRE_FALSE(r);
    CHECK(r.error().code() == StatusCode::kNotFound);
  };

  SECTION("without affiliations there is no path") {
    PathQuery q = f.query();
    q.affiliations = false;
    auto r = find_path(*f.store, q);
    not_found(r);
    CHECK(r.error().message() == "no path from Antony Blinken to Taliban");
  }
  SECTION("a window that cuts the call") {
    PathQuery q = f.query();
    q.filter.window = {day(2021, 8, 17).days, day(2021, 8, 31).days};
    not_found(find_path(*f.store, q));
    q.filter.window = {day(2021, 8, 16).days, day(2021, 8, 20).days};
    auto r = find_path(*f.store, q);
    REQUIRE(r);
    CHECK(r->hops.size() == 3);
  }
  SECTION("a type filter that drops the host") {
    PathQuery q = f.query();
    q.filter.types = {EventType::kCall};
    not_found(find_path(*f.store, q));
  }
  SECTION("max_hops") {
    PathQuery q = f.query();
    q.max_hops = 2;
    not_found(find_path(*f.store, q));
    q.max_hops = 3;
    CHECK(find_path(*f.store, q));
  }
  SECTION("path to oneself is zero hops") {
    auto r = find_path(*f.store, f.query("Lavrov", "sergei lavrov"));
    REQUIRE(r);
    CHECK(names_of(*r) == std::vector<std::string>{"Sergei Lavrov"});
    CHECK(r->hops.empty());
  }
  SECTION("unknown and ambiguous ends") {
    auto r = find_path(*f.store, f.query("Antony Blinken", "Atlantis"));
    not_found(r);
    CHECK(r.error().message() == "unknown actor 'Atlantis'");
    Extraction x;
    x.actors = {make_actor("Alexander Lavrov", ActorKind::kPerson, "", "", {"Lavrov"})};
    REQUIRE(f.store->ingest(make_doc("sport", "Lavrov scored", day(2021, 9, 3)), x));
    auto a = find_path(*f.store, f.query("Lavrov", "Taliban"));
    REQUIRE_FALSE(a);
    CHECK(a.error().code() == StatusCode::kAmbiguous);
  }
  SECTION("an isolated actor has no path") {
    Extraction x;
    x.actors = {make_actor("Tuvalu", ActorKind::kState, "TUV")};
    REQUIRE(f.store->ingest(make_doc("tv", "Tuvalu", day(2021, 9, 3)), x));
    not_found(find_path(*f.store, f.query("Antony Blinken", "Tuvalu")));
  }
}

TEST_CASE("Query: denied events never connect unless asked for", "[query]") {
  PathFixture f;
  Extraction x;
  x.events.push_back(make_event(EventType::kMeeting, f.g.blinken, &f.g.taliban, day(2021, 8, 18),
                                EventStatus::kDenied, "denial", 0));
  x.actors = {f.g.blinken, f.g.taliban};
  REQUIRE(f.store->ingest(make_doc("denial", "No meeting took place.", day(2021, 8, 19)), x));

  auto r = find_path(*f.store, f.query());
  REQUIRE(r);
  CHECK(r->hops.size() == 3);  // not the denied direct meeting

  PathQuery q = f.query();
  q.filter.statuses = {EventStatus::kOccurred, EventStatus::kPlanned, EventStatus::kDenied};
  auto d = find_path(*f.store, q);
  REQUIRE(d);
  REQUIRE(d->hops.size() == 1);
  REQUIRE(d->hops[0].events.size() == 1);
  CHECK(d->hops[0].events[0].status == EventStatus::kDenied);
}

TEST_CASE("Query: an affiliation counts only when its term overlaps the window", "[query]") {
  TempDir dir;
  auto opened = GraphStore::open(dir.str());
  REQUIRE(opened);
  GraphStore& store = **opened;
  Actor russia = make_actor("Russia", ActorKind::kState, "RUS");
  Actor ivanov = make_actor("Igor Ivanov", ActorKind::kPerson, "RUS");
  Actor powell = make_actor("Colin Powell", ActorKind::kPerson, "USA");
  ivanov.affiliations.push_back(serves(russia, "foreign minister", day(1998, 9, 11),
                                       Date::from_ymd(2004, 3, 1, DatePrecision::kMonth)));
  Extraction x;
  x.events.push_back(make_event(EventType::kMeeting, powell, &ivanov, day(2003, 5, 14)));
  x.events.push_back(make_event(EventType::kMeeting, powell, &ivanov, day(2006, 5, 14)));
  x.actors = {russia, ivanov, powell};
  REQUIRE(store.ingest(make_doc("d", "Powell met Ivanov", day(2006, 5, 15)), x));

  PathQuery q;
  q.from = "Colin Powell";
  q.to = "Russia";
  q.filter.window = {day(2003, 1, 1).days, day(2003, 12, 31).days};
  auto in_term = find_path(store, q);
  REQUIRE(in_term);
  CHECK(in_term->hops.size() == 2);
  REQUIRE(in_term->hops[1].affiliation);

  // The term ends with March 2004 (month precision: its last day counts).
  q.filter.window = {day(2004, 3, 31).days, day(2006, 12, 31).days};
  CHECK(find_path(store, q));
  q.filter.window = {day(2004, 4, 1).days, day(2006, 12, 31).days};
  auto after = find_path(store, q);
  REQUIRE_FALSE(after);
  CHECK(after.error().code() == StatusCode::kNotFound);
}
