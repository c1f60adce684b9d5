#include <catch2/catch.hpp>

#include "diplograph/extract.hpp"
#include "extract/knowledge.hpp"
#include "support/test_support.hpp"

using namespace diplograph;

namespace {
std::string fixture(const char* name) { return test::data_path(std::string("extract/") + name).string(); }
const Actor* find(const extract::Knowledge& kb, std::string_view name) {
  auto idx = kb.find(name);
  return idx ? &kb.actors[*idx] : nullptr;
}
}  // namespace

TEST_CASE("Dictionary: our JSON format adds states, people and roles", "[extract]") {
  auto kb = extract::Knowledge::load({fixture("user_dict.json")});
  REQUIRE(kb.has_value());
  const Actor* r = find(kb.value(), "Ruritania");
  REQUIRE(r);
  CHECK(r->kind == ActorKind::kState);
  const Actor* king = find(kb.value(), "Rassendyll");
  REQUIRE(king);
  CHECK(king->name == "Rudolf Rassendyll");
  CHECK(king->code == "RURGOV");
  REQUIRE(king->affiliations.size() == 1);
  CHECK(king->affiliations[0].target_name == "Ruritania");
  auto h = kb.value().holder("king", "RUR", Date::from_ymd(2021, 5, 1));
  REQUIRE(h);
  CHECK(kb.value().actors[*h].name == "Rudolf Rassendyll");
  CHECK_FALSE(kb.value().holder("king", "RUR", Date::from_ymd(2024, 5, 1)));
}

TEST_CASE("Dictionary: the extractor uses user dictionaries", "[extract]") {
  ExtractorOptions o;
  o.dict_files = {fixture("user_dict.json")};
  auto ex = Extractor::create(o);
  REQUIRE(ex.has_value());
  Document doc;
  doc.id = "d";
  doc.published = Date::from_ymd(2021, 5, 3);
  doc.text = "Rudolf Rassendyll held a phone call with Sergei Lavrov on Monday.\n";
  auto out = ex.value()->extract(doc);
  REQUIRE(out.events.size() == 1);
  CHECK(out.events[0].source.name == "Rudolf Rassendyll");
  CHECK(out.events[0].source.country == "RUR");
}

TEST_CASE("Dictionary: bad JSON dictionaries name the file and line", "[extract]") {
  SECTION("a bad field") {
    auto kb = extract::Knowledge::load({fixture("bad_dict.json")});
    REQUIRE_FALSE(kb.has_value());
    CHECK(kb.error().code() == StatusCode::kInvalidInput);
    CHECK(kb.error().message().rfind(fixture("bad_dict.json") + ":4: ", 0) == 0);
  }
  SECTION("broken JSON") {
    auto kb = extract::Knowledge::load({fixture("broken_dict.json")});
    REQUIRE_FALSE(kb.has_value());
    CHECK(kb.error().code() == StatusCode::kInvalidInput);
    CHECK(kb.error().message().rfind(fixture("broken_dict.json") + ":4: ", 0) == 0);
  }
  SECTION("a missing file") {
    auto ex = Extractor::create(ExtractorOptions{{fixture("no_such_dict.json")}});
    REQUIRE_FALSE(ex.has_value());
    CHECK(ex.error().code() == StatusCode::kInvalidInput);
  }
}

TEST_CASE("Dictionary: TABARI/PETRARCH actor dictionaries with synonyms and dated codes", "[extract]") {
  auto kb = extract::Knowledge::load({fixture("cameo_dict.txt")});
  REQUIRE(kb.has_value());
  const Actor* r = find(kb.value(), "Ruritania");
  REQUIRE(r);
  CHECK(r->kind == ActorKind::kState);
  CHECK(r->code == "RUR");
  CHECK(find(kb.value(), "Strelsau") == r);         // a phrase coded as the state names it
  CHECK(find(kb.value(), "Roumania")->name == "Romania");  // synonyms of a known state
  const Actor* king = find(kb.value(), "King Rudolf");
  REQUIRE(king);
  CHECK(king->name == "Rudolf Rassendyll");
  CHECK(king->kind == ActorKind::kPerson);
  CHECK(king->code == "RURGOV");
  REQUIRE(king->affiliations.size() == 2);
  CHECK(king->affiliations[1].from->to_string() == "2020-01-01");
  CHECK_FALSE(king->affiliations[1].to.has_value());
  CHECK(king->affiliations[0].to->to_string() == "2019-12-31");
  CHECK(find(kb.value(), "Black Elphberg Brigade")->kind == ActorKind::kArmedGroup);
  CHECK(find(kb.value(), "New Flag") == nullptr);  // [---]: no actor
  CHECK(find(kb.value(), "Sheep") == nullptr);     // <NOUN> blocks are not actors
}

TEST_CASE("Dictionary: a bad CAMEO code block names the file and line", "[extract]") {
  auto kb = extract::Knowledge::load({fixture("bad_cameo_dict.txt")});
  REQUIRE_FALSE(kb.has_value());
  CHECK(kb.error().code() == StatusCode::kInvalidInput);
  CHECK(kb.error().message().rfind(fixture("bad_cameo_dict.txt") + ":3: ", 0) == 0);
}

TEST_CASE("Dictionary: the real Phoenix country dictionary loads", "[extract]") {
  auto path = test::shared_path("peers/petrarch2/Phoenix.Countries.actors.txt");
  if (!path) DIPLOGRAPH_SKIP("../shared/peers/petrarch2 is absent");
  auto kb = extract::Knowledge::load({path->string()});
  REQUIRE(kb.has_value());
  CHECK(find(kb.value(), "Rumania")->name == "Romania");
  CHECK(find(kb.value(), "Bucuresti")->name == "Romania");
  const Actor* putin = find(kb.value(), "Vladimir Vladimirovich Putin");
  REQUIRE(putin);
  CHECK(putin->name == "Vladimir Putin");  // merged into our actor, not a twin
  const Actor* basescu = find(kb.value(), "Traian Basescu");
  REQUIRE(basescu);
  CHECK(basescu->kind == ActorKind::kPerson);
  CHECK(basescu->country == "ROU");
}

namespace {
// The events of `text`, published on `date`, with the user dictionary `dict`.
Extraction extract_with(const char* dict, const std::string& text, const std::string& date) {
  ExtractorOptions o;
  o.dict_files = {fixture(dict)};
  auto ex = Extractor::create(o);
  REQUIRE(ex.has_value());
  Document doc;
  doc.id = "d";
  doc.published = *Date::parse(date);
  doc.text = text;
  return ex.value()->extract(doc);
}
}  // namespace

TEST_CASE("Dictionary: a CAMEO dictionary's <!-- --> comments end at -->", "[extract]") {
  auto kb = extract::Knowledge::load({fixture("cameo_comments_dict.txt")});
  REQUIRE(kb.has_value());
  // Entries after one-line, multi-line and sloppy ("<! --") comments all load.
  CHECK(find(kb.value(), "Graustark"));
  CHECK(find(kb.value(), "Zombie Army"));
  CHECK(find(kb.value(), "Count Marlanx"));
  CHECK(find(kb.value(), "Baron Von Drekt"));
  CHECK(find(kb.value(), "Fake Entry Inside Comment") == nullptr);
}

TEST_CASE("Dictionary: an unclosed <!-- comment names its line", "[extract]") {
  auto kb = extract::Knowledge::load({fixture("unclosed_comment_dict.txt")});
  REQUIRE_FALSE(kb.has_value());
  CHECK(kb.error().code() == StatusCode::kInvalidInput);
  CHECK(kb.error().message().rfind(fixture("unclosed_comment_dict.txt") + ":3: ", 0) == 0);
  CHECK(kb.error().message().find("unclosed comment") != std::string::npos);
}

TEST_CASE("Dictionary: a name opening with \"The\" is found in text", "[extract]") {
  for (const char* text : {"The Zombie Army criticized Graustark.",
                           "Graustark criticized the Zombie Army."}) {
    INFO(text);
    auto x = extract_with("cameo_comments_dict.txt", text, "2021-05-03");
    REQUIRE(x.events.size() == 1);
    const auto& e = x.events[0];
    REQUIRE(e.target);
    const ActorRef& army = e.source.code == "GRKREB" ? e.source : *e.target;
    CHECK(army.code == "GRKREB");
    CHECK(army.name == "The Zombie Army");
  }
}

TEST_CASE("Dictionary: dated codes code events by the date", "[extract]") {
  auto code_on = [](const std::string& date) {
    auto x = extract_with("cameo_comments_dict.txt", "Count Marlanx criticized Luxembourg.", date);
    REQUIRE(x.events.size() == 1);
    return x.events[0].source.code;
  };
  CHECK(code_on("2019-06-01") == "GRKELI");  // <200101
  CHECK(code_on("2020-06-01") == "GRKGOV");  // 200101-210101
  CHECK(code_on("2021-01-01") == "GRKMIL");  // the range ends before its last day; >210101
  CHECK(code_on("2023-06-01") == "GRKMIL");
}

TEST_CASE("Dictionary: a user entry recodes the built-in actor of its name", "[extract]") {
  auto builtin = extract::Knowledge::load({});
  REQUIRE(builtin.has_value());
  REQUIRE(find(builtin.value(), "Luxembourg")->code == "LUX");
  for (const char* dict : {"cameo_comments_dict.txt", "recode_dict.json"}) {
    INFO(dict);
    auto kb = extract::Knowledge::load({fixture(dict)});
    REQUIRE(kb.has_value());
    const Actor* lux = find(kb.value(), "Luxembourg");
    REQUIRE(lux);
    CHECK(lux->code == "LXB");
    CHECK(lux->country == "LUX");  // a code, not a country: the ISO country stays
    CHECK(lux->id == find(builtin.value(), "Luxembourg")->id);
    auto x = extract_with(dict, "Luxembourg criticized Graustark.", "2021-05-03");
    REQUIRE(x.events.size() == 1);
    CHECK(x.events[0].source.code == "LXB");
  }
}

TEST_CASE("Dictionary: a user's alias the actor has already keeps its kind", "[extract]") {
  // "Luxembourgish" is Luxembourg's demonym: listed again as an alias it stays one, so
  // "Luxembourgish officials" remain a group of the state, not the state and a noun.
  auto kb = extract::Knowledge::load({fixture("recode_dict.json")});
  REQUIRE(kb.has_value());
  const auto* list = kb.value().gazetteer.find("luxembourgish");
  REQUIRE(list != nullptr);
  REQUIRE_FALSE(list->empty());
  CHECK(list->front().kind == extract::NameKind::kDemonym);
  CHECK(list->front().actor == *kb.value().find("Luxembourg"));
}
