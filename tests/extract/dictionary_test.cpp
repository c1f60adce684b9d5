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
