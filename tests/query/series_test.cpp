#include <catch2/catch.hpp>

#include "diplograph/query.hpp"
#include "store/store_fixtures.hpp"
#include "support/test_support.hpp"

using namespace diplograph;
using namespace diplograph::test;

namespace {

// Afghanistan2021 plus a second document: Russia and the United States, their people and
// bodies, over July-September 2021 (one planned, one denied event, and a statement without a
// target), and China for a third party.
struct SeriesGraph : Afghanistan2021 {
  Actor china = make_actor("China", ActorKind::kState, "CHN", "CHN");
  Actor kremlin = make_actor("Kremlin", ActorKind::kGovernment, "RUS", "RUSGOV");
  Actor pentagon = make_actor("Pentagon", ActorKind::kGovernment, "USA", "USAMIL");

  void ingest_all(GraphStore& store) {
    REQUIRE(ingest(store));  // Lavrov-Blinken call 08-16, Russia hosts the Taliban 08-20
    Extraction x;
    x.events.push_back(make_event(EventType::kMeeting, lavrov, &blinken, day(2021, 7, 14),
                                  EventStatus::kOccurred, "wire-1", 0));
    x.events.push_back(make_event(EventType::kCriticize, usa, &russia, day(2021, 7, 20),
                                  EventStatus::kOccurred, "wire-1", 1));
    x.events.push_back(make_event(EventType::kThreaten, kremlin, &pentagon, day(2021, 9, 3),
                                  EventStatus::kOccurred, "wire-1", 2));
    x.events.push_back(make_event(EventType::kVisit, blinken, &russia, day(2021, 9, 10),
                                  EventStatus::kPlanned, "wire-1", 3));
    x.events.push_back(make_event(EventType::kMeeting, lavrov, &blinken, day(2021, 9, 12),
                                  EventStatus::kDenied, "wire-1", 4));
    x.events.push_back(make_event(EventType::kStatement, lavrov, nullptr, day(2021, 8, 17),
                                  EventStatus::kOccurred, "wire-1", 5));
    x.events.push_back(make_event(EventType::kCall, lavrov, &china, day(2021, 8, 18),
                                  EventStatus::kOccurred, "wire-1", 6));
    x.actors = {lavrov, blinken, usa, russia, kremlin, pentagon, china};
    REQUIRE(store.ingest(make_doc("wire-1", "Moscow and Washington ...", day(2021, 9, 13)), x));
  }
};

std::vector<std::string> periods_of(const std::vector<CountRow>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows)
    out.push_back(r.period.to_string() + (r.type ? " " + std::string(to_string(*r.type)) : "") +
                  " " + std::to_string(r.count));
  return out;
}

}  // namespace

TEST_CASE("Query: Window::of takes dates inclusive at both ends, as the CLI", "[query]") {
  Window w = Window::of(Date::from_ymd(2021, 8, 1), Date::from_ymd(2021, 8, 31));
  CHECK(w.contains(Date::from_ymd(2021, 8, 1).days));
  CHECK(w.contains(Date::from_ymd(2021, 8, 31).days));
  CHECK_FALSE(w.contains(Date::from_ymd(2021, 9, 1).days));
  CHECK_FALSE(w.contains(Date::from_ymd(2021, 7, 31).days));
  // A month as the end covers the whole month; open ends are unbounded.
  Window month = Window::of(std::nullopt, Date::from_ymd(2021, 8, 1, DatePrecision::kMonth));
  CHECK(month.contains(Date::from_ymd(2021, 8, 31).days));
  CHECK_FALSE(month.contains(Date::from_ymd(2021, 9, 1).days));
  CHECK(month.contains(Date::from_ymd(1900, 1, 1).days));
  CHECK(Window::of(std::nullopt, std::nullopt) == Window{});
  CHECK(Window::of(Date::from_ymd(2021, 9, 1), Date::from_ymd(2021, 8, 1)).empty());
  CHECK_FALSE(w.empty());
}

TEST_CASE("Query: timeline rows carry both actors' names, kinds and codes", "[query]") {
  TempDir dir;
  SeriesGraph g;
  auto store = GraphStore::open(dir.str());
  REQUIRE(store);
  g.ingest_all(**store);
  TimelineQuery q;
  q.actor = "Lavrov";
  q.filter.window = Window::of(Date::from_ymd(2021, 8, 16), Date::from_ymd(2021, 8, 18));
  for (bool load : {true, false}) {
    q.load_events = load;
    auto r = timeline(**store, q);
    REQUIRE(r);
    REQUIRE(r->rows.size() == 3);  // call with Blinken, statement, call with China
    for (const auto& row : r->rows) {
      CHECK(row.actor_ref.name == "Sergei Lavrov");
      CHECK(row.actor_ref.code == "RUSGOV");
    }
    REQUIRE(r->rows[0].other_ref);
    CHECK(r->rows[0].other_ref->name == "Antony Blinken");
    CHECK(r->rows[0].other_ref->kind == ActorKind::kPerson);
    CHECK(r->rows[0].other_ref->country == "USA");
    CHECK_FALSE(r->rows[1].other_ref);  // the statement has no other actor
    REQUIRE(r->rows[2].other_ref);
    CHECK(r->rows[2].other_ref->name == "China");
    CHECK(r->rows[2].other_ref->kind == ActorKind::kState);
    CHECK(r->rows[2].date().to_string() == "2021-08-18");
  }
}

TEST_CASE("Query: count_events per period for an actor, a pair and the store", "[query]") {
  TempDir dir;
  SeriesGraph g;
  auto store = GraphStore::open(dir.str());
  REQUIRE(store);
  g.ingest_all(**store);
  CountsQuery q;
  SECTION("an actor, by month, empty months included") {
    q.actor = "Lavrov";
    auto r = count_events(**store, q);
    REQUIRE(r);
    // 07-14 meeting; 08-16 call, 08-17 statement, 08-18 call; the denied 09-12 meeting is out.
    CHECK(periods_of(*r) == std::vector<std::string>{"2021-07 1", "2021-08 3"});
    q.filter.statuses = {EventStatus::kOccurred, EventStatus::kPlanned, EventStatus::kDenied};
    r = count_events(**store, q);
    REQUIRE(r);
    CHECK(periods_of(*r) == std::vector<std::string>{"2021-07 1", "2021-08 3", "2021-09 1"});
  }
  SECTION("a pair, by type") {
    q.actor = "Lavrov";
    q.with = "Blinken";
    q.by_type = true;
    auto r = count_events(**store, q);
    REQUIRE(r);
    CHECK(periods_of(*r) == std::vector<std::string>{"2021-07 call 0", "2021-07 meeting 1",
                                                     "2021-08 call 1", "2021-08 meeting 0"});
  }
  SECTION("the whole store, by year and by week: each event once") {
    q.period = Period::kYear;
    auto r = count_events(**store, q);
    REQUIRE(r);
    // 9 events, less the denied meeting: an undirected meeting is not counted for both actors.
    CHECK(periods_of(*r) == std::vector<std::string>{"2021 8"});
    q.period = Period::kWeek;
    q.filter.window = Window::of(Date::from_ymd(2021, 8, 16), Date::from_ymd(2021, 8, 31));
    r = count_events(**store, q);
    REQUIRE(r);
    // Monday 2021-08-16: the call, the statement, the call with China, the hosting of the Taliban.
    CHECK(periods_of(*r) == std::vector<std::string>{"2021-08-16 4"});
  }
  SECTION("nothing in the window is an empty list; an unknown actor is kNotFound") {
    q.actor = "Lavrov";
    q.filter.window = Window::of(Date::from_ymd(1990, 1, 1), Date::from_ymd(1990, 12, 31));
    auto r = count_events(**store, q);
    REQUIRE(r);
    CHECK(r->empty());
    q.actor = "Nobody At All";
    r = count_events(**store, q);
    REQUIRE_FALSE(r);
    CHECK(r.error().code() == StatusCode::kNotFound);
    CountsQuery bad;
    bad.with = "Lavrov";
    CHECK(count_events(**store, bad).error().code() == StatusCode::kInvalidInput);
  }
}

TEST_CASE("Query: partners counts each partner's events, dates and tone", "[query]") {
  TempDir dir;
  SeriesGraph g;
  auto store = GraphStore::open(dir.str());
  REQUIRE(store);
  g.ingest_all(**store);
  PartnersQuery q;
  q.actor = "Russia";
  auto r = partners(**store, q);
  REQUIRE(r);
  CHECK(r->actor.name == "Russia");
  REQUIRE(r->partners.size() == 3);
  // Antony Blinken, Taliban and United States have one event each: ties by name.
  CHECK(r->partners[0].actor.name == "Antony Blinken");
  CHECK(r->partners[0].incoming == 1);  // the planned visit
  CHECK(r->partners[1].actor.name == "Taliban");
  CHECK(r->partners[1].outgoing == 1);  // Russia hosted them
  CHECK(r->partners[1].cooperative == 1);
  CHECK(r->partners[2].actor.name == "United States");
  CHECK(r->partners[2].conflictual == 1);  // criticism
  CHECK(r->partners[2].first.to_string() == "2021-07-20");

  q.actor = "Lavrov";
  r = partners(**store, q);
  REQUIRE(r);
  REQUIRE(r->partners.size() == 2);  // the statement has no partner, the denied meeting is out
  const Partner& b = r->partners[0];
  CHECK(b.actor.name == "Antony Blinken");
  CHECK(b.actor.code == "USAGOV");
  CHECK(b.events == 2);
  CHECK(b.undirected == 2);
  CHECK(b.cooperative == 2);
  CHECK(b.first.to_string() == "2021-07-14");
  CHECK(b.last.to_string() == "2021-08-16");
  CHECK(b.by_type == std::vector<std::pair<EventType, std::size_t>>{{EventType::kCall, 1},
                                                                    {EventType::kMeeting, 1}});
  q.filter.window = Window::of(Date::from_ymd(2021, 8, 1), std::nullopt);
  r = partners(**store, q);
  REQUIRE(r);
  REQUIRE(r->partners.size() == 2);
  CHECK(r->partners[0].events == 1);

  q.actor = "Nobody At All";
  CHECK(partners(**store, q).error().code() == StatusCode::kNotFound);
}

TEST_CASE("Query: pair_series of two actors and of two states with their people", "[query]") {
  TempDir dir;
  SeriesGraph g;
  auto store = GraphStore::open(dir.str());
  REQUIRE(store);
  g.ingest_all(**store);
  PairSeriesQuery q;
  q.a = "Russia";
  q.b = "United States";
  SECTION("the two actors alone") {
    auto r = pair_series(**store, q);
    REQUIRE(r);
    REQUIRE(r->periods.size() == 1);
    CHECK(r->periods[0].period.to_string() == "2021-07");
    CHECK(r->periods[0].events == 1);
    CHECK(r->periods[0].conflictual == 1);
    CHECK(r->periods[0].goldstein < 0);
  }
  SECTION("by country: every actor of each state, each event once, empty months included") {
    q.by_country = true;
    auto r = pair_series(**store, q);
    REQUIRE(r);
    REQUIRE(r->periods.size() == 3);
    // July: the meeting and the criticism; August: the call; September: the threat and the
    // planned visit (the denied meeting is out).
    CHECK(r->periods[0].period.to_string() == "2021-07");
    CHECK(r->periods[0].events == 2);
    CHECK(r->periods[0].cooperative == 1);
    CHECK(r->periods[0].conflictual == 1);
    CHECK(r->periods[1].events == 1);
    CHECK(r->periods[2].events == 2);
    CHECK(r->periods[2].conflictual == 1);
    double sum = 0;
    for (const Event& e : {make_event(EventType::kMeeting, g.lavrov, &g.blinken, day(2021, 7, 14)),
                           make_event(EventType::kCriticize, g.usa, &g.russia, day(2021, 7, 20))})
      sum += e.goldstein;
    CHECK(r->periods[0].goldstein == Approx(sum));
    CHECK(r->periods[0].goldstein_mean() == Approx(sum / 2));
    q.period = Period::kYear;
    r = pair_series(**store, q);
    REQUIRE(r);
    REQUIRE(r->periods.size() == 1);
    CHECK(r->periods[0].events == 5);
  }
  SECTION("errors") {
    q.by_country = true;
    q.b = "Taliban";  // AFG: fine
    CHECK(pair_series(**store, q));
    q.b = "Kremlin";  // the same country as Russia
    CHECK(pair_series(**store, q).error().code() == StatusCode::kInvalidInput);
    q.b = "Nobody At All";
    CHECK(pair_series(**store, q).error().code() == StatusCode::kNotFound);
  }
}

TEST_CASE("Query: suggest_actors finds close names and aliases", "[query]") {
  TempDir dir;
  SeriesGraph g;
  auto store = GraphStore::open(dir.str());
  REQUIRE(store);
  g.ingest_all(**store);
  auto names = [&](std::string_view text) {
    std::vector<std::string> out;
    auto r = suggest_actors(**store, text, 5);
    REQUIRE(r);
    for (const auto& s : *r) out.push_back(s.actor.name);
    return out;
  };
  CHECK(names("Lavrof") == std::vector<std::string>{"Sergei Lavrov"});    // a word of the name
  CHECK(names("Blinkin") == std::vector<std::string>{"Antony Blinken"});  // an alias
  CHECK(names("Rusia") == std::vector<std::string>{"Russia"});
  CHECK(names("Sergey Lavrov") == std::vector<std::string>{"Sergei Lavrov"});
  CHECK(names("Zzyzx Qwerty").empty());
  auto r = suggest_actors(**store, "Blinkin", 5);
  REQUIRE(r);
  REQUIRE(r->size() == 1);
  CHECK((*r)[0].matched == "Antony Blinken");  // its word "blinken", before the alias
  CHECK((*r)[0].distance == 1);
  r = suggest_actors(**store, "Russia", 0);
  REQUIRE(r);
  CHECK(r->empty());
}

TEST_CASE("Query: parse_statements checks every line and run_query answers each verb", "[query]") {
  TempDir dir;
  SeriesGraph g;
  auto store = GraphStore::open(dir.str());
  REQUIRE(store);
  g.ingest_all(**store);
  auto parsed = parse_statements(
      "# a comment\n\ntimeline \"Lavrov\" with \"Blinken\"\nrank by degree limit 3\n"
      "actors \"Russia\"\npath \"Antony Blinken\" to \"Taliban\"\ntimeline \"Lavrov\" by month\n");
  REQUIRE(parsed);
  REQUIRE(parsed->size() == 5);
  CHECK((*parsed)[0].line == 3);
  CHECK((*parsed)[4].line == 7);
  QueryEngine engine(**store);
  auto timeline = run_query(engine, (*parsed)[0].query);
  REQUIRE(timeline);
  CHECK(std::get<TimelineResult>(*timeline).events.size() == 2);
  auto rank = run_query(engine, (*parsed)[1].query);
  REQUIRE(rank);
  CHECK(std::get<RankResult>(*rank).actors.size() == 3);
  auto actors = run_query(engine, (*parsed)[2].query);
  REQUIRE(actors);
  REQUIRE(std::get<std::vector<Actor>>(*actors).size() == 1);
  auto path = run_query(engine, (*parsed)[3].query);
  REQUIRE(path);
  CHECK(std::get<std::vector<PathResult>>(*path).front().actors.back().name == "Taliban");
  auto counts = run_query(engine, (*parsed)[4].query);
  REQUIRE(counts);
  CHECK(std::get<TimelineResult>(*counts).counts.size() == 2);

  auto none = run_query(engine, Query(ActorsQuery{std::string("Zzyzx")}));
  CHECK(none.error().code() == StatusCode::kNotFound);

  auto bad = parse_statements("timeline \"Lavrov\"\nrank by nothing\n", "q.dgq");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code() == StatusCode::kInvalidInput);
  CHECK(bad.error().message().rfind("q.dgq:2: by:", 0) == 0);
  auto unnamed = parse_statements("timeline \"Lavrov\" limit x\n");
  CHECK(unnamed.error().message().rfind("line 1: limit:", 0) == 0);
  auto empty = parse_statements("# nothing\n\n", "e.dgq");
  CHECK(empty.error().message() == "e.dgq: no statements");
}
