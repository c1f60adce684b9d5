// Event patterns, roles, passives, coordinations, status, reported speech, topics, coreference
// and dates, on sentences written for these tests (fictional people, real states).
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "diplograph/document.hpp"
#include "diplograph/extract.hpp"
#include "extract/ordered_pool.hpp"
#include "support/test_support.hpp"

using namespace diplograph;

namespace {

const Extractor& extractor() {
  static auto ex = Extractor::create();
  REQUIRE(ex.has_value());
  return **ex;
}

// 2021-08-16 is a Monday.
Extraction run(const std::string& text, const std::string& date = "2021-08-16") {
  Document d;
  d.id = "doc";
  d.published = *Date::parse(date);
  d.text = text;
  return extractor().extract(d);
}

std::string who(const ActorRef& a) { return a.country.empty() ? a.code.substr(0, 3) : a.country; }

// The first event of `type` between countries `s` and `t` (either order for undirected types;
// t empty: no target).
const Event* find(const Extraction& x, EventType type, const std::string& s, const std::string& t) {
  for (const auto& e : x.events) {
    if (e.type != type) continue;
    std::string es = who(e.source), et = e.target ? who(*e.target) : "";
    if ((es == s && et == t) || (is_undirected(type) && es == t && et == s)) return &e;
  }
  return nullptr;
}

// Each text, published 2021-08-16, gives an event of `type` between `s` and `t` (as find()) on
// the expected date (YYYY-MM-DD, YYYY-MM or YYYY: the precision too).
void expect_dates(EventType type, const std::string& s, const std::string& t,
                  std::initializer_list<std::pair<const char*, const char*>> cases) {
  for (const auto& [text, date] : cases) {
    INFO(text);
    auto x = run(text);
    const Event* e = find(x, type, s, t);
    REQUIRE(e);
    CHECK(e->date.to_string() == date);
  }
}

}  // namespace

// Status names as the event JSON writes them.
std::optional<EventStatus> status_named(const std::string& s) {
  if (s == "occurred") return EventStatus::kOccurred;
  if (s == "planned") return EventStatus::kPlanned;
  if (s == "denied") return EventStatus::kDenied;
  return std::nullopt;
}

bool names(const ActorRef& a, const std::string& want) {
  return a.name == want || (!a.country.empty() && a.country == want) ||
         (a.country.empty() && a.code.substr(0, 3) == want);
}

// The rows of a table of tests/data (tab-separated; '#' comments and the header skipped), each
// with the line as written.
std::vector<std::pair<std::string, std::vector<std::string>>> table_rows(const std::string& name) {
  std::ifstream in(test::data_path(name));
  REQUIRE(in);
  std::vector<std::pair<std::string, std::vector<std::string>>> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> c;
    std::size_t pos = 0;
    for (;;) {
      std::size_t tab = line.find('\t', pos);
      c.push_back(line.substr(pos, tab == std::string::npos ? tab : tab - pos));
      if (tab == std::string::npos) break;
      pos = tab + 1;
    }
    rows.emplace_back(line, std::move(c));
  }
  return rows;
}

TEST_CASE("Events: the regression cases of tests/data/extract/regression.tsv", "[extract]") {
  int cases = 0;
  for (const auto& [line, c] : table_rows("extract/regression.tsv")) {
    INFO("regression.tsv: " << line);
    REQUIRE(c.size() == 6);
    auto type = event_type_from_string(c[2]);
    // "absent": no event of the type between the actors, whatever its status.
    bool absent = c[5] == "absent";
    auto status = status_named(absent ? "occurred" : c[5]);
    REQUIRE(type);
    REQUIRE(status);
    auto x = run(c[0], c[1]);
    bool found = false;
    for (const auto& e : x.events) {
      if (e.type != *type || (!absent && e.status != *status)) continue;
      bool forward = names(e.source, c[3]) && (c[4].empty() || (e.target && names(*e.target, c[4])));
      bool backward = is_undirected(*type) && e.target && names(*e.target, c[3]) &&
                      (c[4].empty() || names(e.source, c[4]));
      found = found || forward || backward;
    }
    CHECK(found != absent);
    ++cases;
  }
  CHECK(cases >= 40);
}

TEST_CASE("Events: mentions name the pattern and point at the sentence", "[extract]") {
  std::string text = "Nothing happened here. Chile's foreign minister spoke by phone with Peru's "
                     "foreign minister.";
  auto x = run(text);
  const Event* e = find(x, EventType::kCall, "CHL", "PER");
  REQUIRE(e);
  REQUIRE(e->mentions.size() == 1);
  const auto& m = e->mentions[0];
  CHECK(m.pattern.rfind("call.", 0) == 0);
  CHECK(m.sentence == 1);
  CHECK(text.substr(m.offset, m.length) == m.text);
  CHECK(m.text.rfind("Chile's", 0) == 0);
}

TEST_CASE("Events: a run-on sentence is cited around its match, not whole", "[extract]") {
  // 200 clauses and no full stop: each event would otherwise copy about 8 KB.
  std::string text;
  for (int i = 0; i < 200; ++i) text += "Chile praised Peru and Bolivia thanked Ecuador and ";
  text += "Kenya met Uganda";
  auto x = run(text);
  REQUIRE(x.events.size() > 3);
  for (const auto& e : x.events)
    for (const auto& m : e.mentions) {
      CHECK(m.length < 1000);
      CHECK(text.substr(m.offset, m.length) == m.text);
      CHECK(m.text.find("praised") != std::string::npos);  // the match and context around it
    }
}

TEST_CASE("Events: a statement's date is its own, not that of what it reports", "[extract]") {
  expect_dates(EventType::kStatement, "CHL", "",
               {{"Chile said the economy grew faster in 2019 than in 2018.", "2021-08-16"},
                {"Chile said the border was more open than 18 months ago.", "2021-08-16"},
                {"Chile said on Friday that the talks had failed.", "2021-08-13"},
                {"Chile said in Santiago last Friday that the talks had failed.", "2021-08-13"},
                {"The Chilean minister, who two days ago was ill, said the talks had failed.", "2021-08-16"}});
}

TEST_CASE("Events: a meeting dated by its month and by its day in one report is one event", "[extract]") {
  auto x = run("Chile will meet Peru on August 29. Chile will meet Peru this month to discuss trade.");
  int meetings = 0;
  for (const auto& e : x.events)
    if (e.type == EventType::kMeeting) {
      ++meetings;
      CHECK(e.date.to_string() == "2021-08-29");
      CHECK(e.mentions.size() == 2);
    }
  CHECK(meetings == 1);
  // Statements stay apart.
  auto y = run("Chile said on August 2 that the border was open. Chile said this month that it would stay open.");
  int statements = 0;
  for (const auto& e : y.events) statements += e.type == EventType::kStatement;
  CHECK(statements == 2);
}

TEST_CASE("Events: passives put the agent first", "[extract]") {
  SECTION("visited by") {
    auto x = run("Kenya was visited by Ugandan officials on Friday.");
    CHECK(find(x, EventType::kVisit, "UGA", "KEN"));
    CHECK_FALSE(find(x, EventType::kVisit, "KEN", "UGA"));
  }
  SECTION("sanctions imposed by") {
    auto x = run("New sanctions were imposed on Belarus by Canada.");
    CHECK(find(x, EventType::kReduceRelations, "CAN", "BLR"));
  }
}

TEST_CASE("Events: coordinated actors each take part", "[extract]") {
  SECTION("country words sharing a group") {
    auto x = run("Senior Kenyan and Ugandan officials agreed on Tuesday to work together.");
    CHECK(find(x, EventType::kAgreement, "KEN", "UGA"));
  }
  SECTION("two states as subject of an undirected event") {
    auto x = run("Chile and Peru have agreed upon a joint fishing accord.");
    CHECK(find(x, EventType::kAgreement, "CHL", "PER"));
  }
  SECTION("a directed event with two objects") {
    auto x = run("Norway praised Kenya and Ghana.");
    CHECK(find(x, EventType::kPraise, "NOR", "KEN"));
    CHECK(find(x, EventType::kPraise, "NOR", "GHA"));
  }
  // Lists of four or more lost their members before the last two.
  SECTION("a list of four objects") {
    for (const char* text : {"Norway criticized Kenya, Ghana, Peru and Chile.",
                             "Norway criticized Kenya, Ghana, Peru, and Chile."}) {
      INFO(text);
      auto x = run(text);
      for (const char* t : {"KEN", "GHA", "PER", "CHL"}) CHECK(find(x, EventType::kCriticize, "NOR", t));
      CHECK(x.events.size() == 4);
    }
  }
  SECTION("a list of four subjects") {
    auto x = run("Kenya, Ghana, Peru and Chile criticized Norway.");
    for (const char* s : {"KEN", "GHA", "PER", "CHL"}) CHECK(find(x, EventType::kCriticize, s, "NOR"));
    CHECK(x.events.size() == 4);
  }
  SECTION("commas without a closing \"and\" join nothing") {
    auto x = run("Norway criticized Kenya, Ghana, Peru.");
    CHECK(find(x, EventType::kCriticize, "NOR", "KEN"));
    CHECK_FALSE(find(x, EventType::kCriticize, "NOR", "PER"));
  }
}

TEST_CASE("Events: planned and denied status", "[extract]") {
  auto planned = run("The Chilean president will visit Peru on Friday.");
  const Event* e = find(planned, EventType::kVisit, "CHL", "PER");
  REQUIRE(e);
  CHECK(e->status == EventStatus::kPlanned);
  CHECK(e->date.to_string() == "2021-08-20");  // the coming Friday

  auto expected = run("Ghana's foreign minister is expected to meet Togo's foreign minister.");
  e = find(expected, EventType::kMeeting, "GHA", "TGO");
  REQUIRE(e);
  CHECK(e->status == EventStatus::kPlanned);

  auto denied = run("Norway's prime minister did not meet Sweden's prime minister.");
  e = find(denied, EventType::kMeeting, "NOR", "SWE");
  REQUIRE(e);
  CHECK(e->status == EventStatus::kDenied);

  auto maybe = run("Norway may meet Sweden.");
  CHECK_FALSE(find(maybe, EventType::kMeeting, "NOR", "SWE"));
}

TEST_CASE("Events: reported speech gives the report and the statement", "[extract]") {
  auto x = run("Kenya said on Monday that Uganda met Tanzania last week.");
  CHECK(find(x, EventType::kMeeting, "UGA", "TZA"));
  CHECK(find(x, EventType::kStatement, "KEN", ""));
  // A trailing attribution sources the news; it is not coded as a statement.
  auto y = run("Uganda met Tanzania on Friday, officials said.");
  CHECK(find(y, EventType::kMeeting, "UGA", "TZA"));
  CHECK(y.events.size() == 1);
}

TEST_CASE("Events: topics after the event", "[extract]") {
  auto x = run("Pakistan's foreign minister met China's foreign minister to discuss Afghanistan.");
  const Event* e = find(x, EventType::kMeeting, "PAK", "CHN");
  REQUIRE(e);
  REQUIRE(e->topics.size() == 1);
  CHECK(e->topics[0].name == "Afghanistan");
}

TEST_CASE("Events: a sentence with no event gives nothing", "[extract]") {
  CHECK(run("The weather in Nairobi was warm and dry on Sunday.").events.empty());
  CHECK(run("Kenya is a country in East Africa.").events.empty());
}

TEST_CASE("Events: coreference across sentences", "[extract]") {
  SECTION("surname and pronoun") {
    auto x = run("Kenya's Foreign Minister Wanjiru Otieno arrived in Ghana on Sunday. Otieno met "
                 "the President of Ghana Kofi Mensah on Monday. He also visited Togo.");
    const Event* m = find(x, EventType::kMeeting, "KEN", "GHA");
    REQUIRE(m);
    CHECK(m->source.name == "Wanjiru Otieno");
    CHECK(m->date.to_string() == "2021-08-16");
    const Event* v = find(x, EventType::kVisit, "KEN", "TGO");
    REQUIRE(v);
    CHECK(v->source.name == "Wanjiru Otieno");
  }
  SECTION("the two sides") {
    auto x = run("Chile's foreign minister spoke by phone with Peru's foreign minister. The two "
                 "sides agreed to meet again.");
    CHECK(find(x, EventType::kAgreement, "CHL", "PER"));
  }
}

TEST_CASE("Events: dates against the publication day", "[extract]") {
  expect_dates(EventType::kMeeting, "CHL", "PER", {
      {"Chile met Peru on Friday.", "2021-08-13"},
      {"Chile met Peru yesterday.", "2021-08-15"},
      {"Chile met Peru today.", "2021-08-16"},
      {"Chile met Peru last month.", "2021-07"},
      {"Chile met Peru earlier this month.", "2021-08"},
      {"Chile met Peru last year.", "2020"},
      {"Chile met Peru on August 2.", "2021-08-02"},
      {"Chile met Peru on Aug. 2.", "2021-08-02"},
      {"Chile met Peru on 2 August 2020.", "2020-08-02"},
      {"Chile met Peru on December 20.", "2020-12-20"},  // past event, no year: last December
      {"Chile will meet Peru tomorrow.", "2021-08-17"},
      {"Chile will meet Peru on Friday.", "2021-08-20"},
  });
}

TEST_CASE("Events: one event per real-world event", "[extract]") {
  auto x = run("Chile's foreign minister spoke by phone with Peru's foreign minister on Friday. "
               "On Friday, Peru's foreign minister had a phone call with Chile's foreign "
               "minister.");
  std::size_t calls = 0;
  for (const auto& e : x.events) calls += e.type == EventType::kCall;
  CHECK(calls == 1);
  const Event* e = find(x, EventType::kCall, "CHL", "PER");
  REQUIRE(e);
  CHECK(e->mentions.size() == 2);
}

TEST_CASE("Events: the ordered parallel extraction equals the sequential one", "[extract]") {
  std::vector<Document> docs;
  const char* texts[] = {"Chile met Peru on Friday.", "Norway hosted a delegation from Sudan.",
                         "The weather was fine.", "Canada imposed new sanctions on Belarus.",
                         "Japan praised Vietnam.", "Kenya said that Uganda met Tanzania."};
  for (int round = 0; round < 20; ++round)
    for (const char* t : texts) {
      Document d;
      d.id = "doc" + std::to_string(docs.size());
      d.published = *Date::parse("2021-08-16");
      d.text = t;
      docs.push_back(d);
    }
  auto key = [](const Extraction& x) {
    std::string out;
    for (const auto& e : x.events) out += e.id.hex() + e.mentions.front().doc + ";";
    return out;
  };
  std::vector<std::string> sequential;
  for (const auto& d : docs) sequential.push_back(key(extractor().extract(d)));
  for (std::size_t threads : {1, 2, 4}) {
    std::vector<std::string> parallel;
    extract::OrderedPool<const Document*, std::string> pool(threads, 3);
    pool.run(
        [&](const std::function<void(const Document*&&)>& push) {
          for (const auto& d : docs) push(&d);
        },
        [&](const Document*& d) { return key(extractor().extract(*d)); },
        [&](std::string&& s) { parallel.push_back(std::move(s)); });
    CHECK(parallel == sequential);
  }
}

TEST_CASE("Events: years, vague times and infinitives", "[extract]") {
  auto year = run("In 1995, Chile met Peru in Lima.");
  const Event* e = find(year, EventType::kMeeting, "CHL", "PER");
  REQUIRE(e);
  CHECK(e->date.to_string() == "1995");
  CHECK(e->date.precision == DatePrecision::kYear);

  auto vague = run("Chile met Peru several times in recent years.");
  e = find(vague, EventType::kMeeting, "CHL", "PER");
  REQUIRE(e);
  CHECK(e->date.to_string() == "2021-08-16");  // nothing finer than the publication day

  // "agreed to meet": the agreement happened, the meeting is yet to come.
  auto inf = run("Chile and Peru agreed on Monday to meet in Lima.");
  CHECK(find(inf, EventType::kAgreement, "CHL", "PER"));
  e = find(inf, EventType::kMeeting, "CHL", "PER");
  if (e) CHECK(e->status == EventStatus::kPlanned);
}

TEST_CASE("Events: a person's country comes from a title or the knowledge base, not nearby names",
          "[extract]") {
  // The country of another person's title and a seat of government inside a body's name ("the
  // Paris Club") are no country of the unknown person's.
  auto x = run("Fisheries Minister Tomas Valdur said he will meet Peru's Trade Secretary Ana Quispe "
               "and the Paris Club in May.",
               "1999-03-01");
  bool seen = false;
  for (const auto& e : x.events)
    for (const ActorRef* a : {&e.source, e.target ? &*e.target : nullptr})
      if (a && a->name == "Tomas Valdur") {
        seen = true;
        CHECK(a->country.empty());
      }
  CHECK(seen);
  // Nor is the one state a sentence names: "in Niger" does not say whose president Kessi is.
  x = run("President Amadou Kessi shortened the curfew imposed in Niger.", "2003-05-01");
  REQUIRE(!x.events.empty());
  CHECK(x.events[0].source.name == "Amadou Kessi");
  CHECK(x.events[0].source.country.empty());
}

TEST_CASE("Events: an actor does not act on itself", "[extract]") {
  const char* texts[] = {
      "Chile is ready to expand these commitments.",
      "Norway has pledged to review its spending plans.",
      "Peru withdrew its ambassador's candidacy for the post.",
      "The Chilean government said Chile was prepared to respond.",
      "Kenya exported 1.2 mln tonnes of tea last year.",
      "Colombian police arrested a man in Bogota.",
  };
  for (const char* t : texts) {
    INFO(t);
    auto x = run(t);
    for (const auto& e : x.events) {
      INFO(to_string(e.type) << " " << e.source.name);
      CHECK((!e.target || e.target->id != e.source.id));
    }
  }
  // The intent stays, with no object.
  auto x = run("Chile is ready to expand these commitments.");
  CHECK(find(x, EventType::kIntent, "CHL", ""));
}

TEST_CASE("Events: word sense: nouns, naming and months trigger nothing", "[extract]") {
  struct Case {
    const char* text;
    EventType type;
  };
  const Case absent[] = {
      // Noun readings of pattern verbs.
      {"Chile wants to stimulate domestic demand and imports.", EventType::kDemand},
      {"Peru has to meet peak demand this winter.", EventType::kYield},
      {"Chile rejected the creditors' claims.", EventType::kAccuse},
      {"Chile's president spoke at a campaign rally in Santiago.", EventType::kProtest},
      {"Peru praised the political rallies held by Chile.", EventType::kProtest},
      {"The EU member states met in Brussels.", EventType::kStatement},
      // Naming, not calling.
      {"Chile called Peru's decision unacceptable.", EventType::kCall},
      {"Chile called Peru a reliable partner.", EventType::kCall},
      // A month name is a date.
      {"Chile met Peru in March.", EventType::kProtest},
      {"Peru signed a deal with Chile on March 5.", EventType::kProtest},
  };
  for (const auto& c : absent) {
    INFO(c.text);
    auto x = run(c.text);
    for (const auto& e : x.events) {
      INFO(to_string(e.type) << " " << e.mentions.front().pattern);
      CHECK(e.type != c.type);
    }
  }
  // The verbs themselves still fire.
  CHECK(find(run("Chile demanded that Peru withdraw its troops."), EventType::kDemand, "CHL", "PER"));
  CHECK(find(run("Hundreds of Chilean students rallied against the government of Peru."),
             EventType::kProtest, "CHL", "PER"));
  CHECK(find(run("Chile called Peru on Monday."), EventType::kCall, "CHL", "PER"));
  auto met = run("Chile met Peru on March 5.");
  const Event* e = find(met, EventType::kMeeting, "CHL", "PER");
  REQUIRE(e);
  CHECK(e->date.to_string() == "2021-03-05");
}

TEST_CASE("Events: the time expressions of tests/data/extract/dates.tsv", "[extract]") {
  int cases = 0;
  for (const auto& [line, c] : table_rows("extract/dates.tsv")) {
    INFO("dates.tsv: " << line);
    REQUIRE(c.size() == 3);
    auto x = run(c[0], c[1]);
    const Event* e = find(x, EventType::kMeeting, "CHL", "PER");
    REQUIRE(e);
    CHECK(e->date.to_string() == c[2]);
    // What the text says has happened is never dated after the publication day.
    if (e->status == EventStatus::kOccurred) CHECK(e->date.days <= Date::parse(c[1])->last_day());
    ++cases;
  }
  CHECK(cases >= 40);
}
