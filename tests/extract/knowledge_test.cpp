#include <catch2/catch.hpp>

#include <set>
#include <tuple>

#include "extract/knowledge.hpp"

using namespace diplograph;

namespace {
const extract::Knowledge& kb() {
  static const extract::Knowledge k = [] {
    auto r = extract::Knowledge::load({});
    REQUIRE(r.has_value());
    return std::move(r.value());
  }();
  return k;
}
const Actor& actor(std::string_view name) {
  auto idx = kb().find(name);
  REQUIRE(idx.has_value());
  return kb().actors[*idx];
}
}  // namespace

TEST_CASE("Knowledge: every UN member state has an ISO code and a capital", "[extract]") {
  int members = 0, observers = 0;
  for (const auto& [code, facts] : kb().states) {
    members += facts.status == "un";
    observers += facts.status == "observer";
    CHECK(code.size() == 3);
    CHECK_FALSE(facts.capital.empty());
    auto it = kb().state_by_country.find(code);
    REQUIRE(it != kb().state_by_country.end());
    CHECK(kb().actors[it->second].kind == ActorKind::kState);
    CHECK(kb().actors[it->second].country == code);
  }
  CHECK(members == 193);
  CHECK(observers == 2);  // the Holy See and Palestine
  CHECK(kb().states.at("TWN").status == "territory");
}

TEST_CASE("Knowledge: ISO names, short forms, demonyms and seats of government", "[extract]") {
  CHECK(actor("Russian Federation").name == "Russia");  // ISO's name of RUS
  CHECK(actor("Britain").country == "GBR");
  CHECK(actor("Republic of Korea").country == "KOR");  // ISO's official name
  CHECK(actor("Bolivia").country == "BOL");             // ISO's common name
  CHECK(actor("Türkiye").country == "TUR");
  CHECK(actor("Kosovo").code == "KSV");                 // CAMEO differs from the user code XKX
  // Demonyms and metonyms are gazetteer names, not aliases for lookup.
  auto norms = std::vector<std::string>{"kremlin"};
  const extract::GazetteerList* list = nullptr;
  REQUIRE(kb().gazetteer.longest(norms, 0, &list) == 1);
  CHECK(kb().actors[list->front().actor].name == "Russia");
  CHECK(list->front().kind == extract::NameKind::kMetonym);
}

TEST_CASE("Knowledge: bodies, groups and people carry kind, country and CAMEO code", "[extract]") {
  CHECK(actor("NATO").code == "IGOWSTNAT");
  CHECK(actor("United Nations").code == "IGOUNO");
  CHECK(actor("European Commission").kind == ActorKind::kOrganization);
  CHECK(actor("Taliban").code == "AFGREB");
  CHECK(actor("ISIS").name == "Islamic State");
  CHECK(actor("Hezbollah").kind == ActorKind::kArmedGroup);
  const Actor& lavrov = actor("Sergey Lavrov");
  CHECK(lavrov.name == "Sergei Lavrov");
  CHECK(lavrov.code == "RUSGOV");
  CHECK(lavrov.kind == ActorKind::kPerson);
  // Accents and spellings fold to one person.
  CHECK(actor("Recep Tayyip Erdogan").name == actor("Recep Tayyip Erdoğan").name);
  CHECK(actor("Zelensky").name == "Volodymyr Zelenskyy");
  CHECK(actor("Zelenskiy").name == "Volodymyr Zelenskyy");
  CHECK(actor("Sauli Niinisto").country == "FIN");
}

TEST_CASE("Knowledge: every person's affiliation is a known actor, terms well ordered", "[extract]") {
  std::set<std::string> heads;
  for (const auto& t : kb().terms) {
    const Actor& p = kb().actors[t.person];
    CHECK(p.kind == ActorKind::kPerson);
    if (t.from && t.to) CHECK(t.from->days <= t.to->days);
    if (t.role == "president" || t.role == "primeminister" || t.role == "chancellor")
      heads.insert(kb().actors[t.affiliation].country);
  }
  // Heads of the G20 states and the P5 are known.
  for (const char* c : {"ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN",
                        "KOR", "MEX", "RUS", "ZAF", "TUR", "GBR", "USA"})
    CHECK(heads.count(c));
}

TEST_CASE("Knowledge: holder(role, country, day) follows the terms", "[extract]") {
  auto name = [](std::optional<std::size_t> h) { return h ? kb().actors[*h].name : std::string("-"); };
  CHECK(name(kb().holder("president", "FRA", Date::from_ymd(2021, 11, 12))) == "Emmanuel Macron");
  CHECK(name(kb().holder("chancellor", "DEU", Date::from_ymd(2021, 11, 12))) == "Angela Merkel");
  CHECK(name(kb().holder("chancellor", "DEU", Date::from_ymd(2021, 12, 8))) == "Olaf Scholz");
  CHECK(name(kb().holder("Prime Minister", "GBR", Date::from_ymd(2019, 1, 1))) == "Theresa May");
  CHECK(name(kb().holder("prime minister", "GBR", Date::from_ymd(2022, 10, 1))) == "Liz Truss");
  CHECK(name(kb().holder("president", "USA", Date::from_ymd(2021, 1, 20))) == "Joe Biden");
  CHECK(name(kb().holder("president", "USA", Date::from_ymd(2021, 1, 19))) == "Donald Trump");
  // Near-synonyms: the US foreign minister is the secretary of state.
  CHECK(name(kb().holder("foreign minister", "USA", Date::from_ymd(2021, 8, 16))) == "Antony Blinken");
  CHECK(name(kb().holder("foreign minister", "RUS", Date::from_ymd(2021, 8, 16))) == "Sergei Lavrov");
  auto nato = kb().find("NATO");
  REQUIRE(nato);
  CHECK(name(kb().holder("Secretary-General", *nato, Date::from_ymd(2022, 1, 7))) == "Jens Stoltenberg");
  CHECK(name(kb().holder("president", "FRA", Date::from_ymd(1990, 1, 1))) == "François Mitterrand");
  CHECK(name(kb().holder("president", "RUS", Date::from_ymd(2005, 1, 1))) == "Vladimir Putin");
  CHECK(name(kb().holder("secretary of state", "USA", Date::from_ymd(2010, 1, 1))) == "Hillary Clinton");
  CHECK_FALSE(kb().holder("president", "FRA", Date::from_ymd(1960, 1, 1)).has_value());
  CHECK_FALSE(kb().holder("president", "ZZZ", Date::from_ymd(2021, 1, 1)).has_value());
}

TEST_CASE("PhraseTable: longest match, prefixes and exact lookup", "[extract]") {
  extract::PhraseTable<std::uint32_t> t;  // a type the library instantiates
  t.add({"united", "arab", "emirates"}, 1);
  t.add({"united", "nations"}, 2);
  t.add({"arab"}, 3);
  const std::uint32_t* v = nullptr;
  auto norms = std::vector<std::string>{"the", "united", "arab", "emirates", "and", "united"};
  CHECK(t.longest(norms, 0, &v) == 0);  // "the" starts no phrase
  REQUIRE(t.longest(norms, 1, &v) == 3);
  CHECK(*v == 1u);
  REQUIRE(t.longest(norms, 2, &v) == 1);
  CHECK(*v == 3u);
  CHECK(t.longest(norms, 5, &v) == 0);  // a prefix only, at the end
  REQUIRE(t.find("united nations"));
  CHECK(*t.find("united nations") == 2u);
  CHECK(!t.find("united"));  // a prefix is no phrase
  CHECK(!t.find("nations"));
  // Growing past the first table keeps every phrase.
  for (std::uint32_t i = 0; i < 1000; ++i) t.add({"w" + std::to_string(i), "x"}, i);
  auto w = std::vector<std::string>{"w999", "x"};
  REQUIRE(t.longest(w, 0, &v) == 2u);
  CHECK(*v == 999u);
  CHECK(*t.find("united arab emirates") == 1u);
}

TEST_CASE("FlatStringMap and SmallList: values by key, one held inline", "[extract]") {
  extract::FlatStringMap<extract::SmallList<std::size_t>> m;
  for (std::size_t i = 0; i < 1000; ++i) m["k" + std::to_string(i)].push_back(i);
  m["k7"].push_back(70);
  CHECK(m.size() == 1000);
  CHECK(!m.find("k1000"));
  REQUIRE(m.find("k999"));
  CHECK(m.find("k999")->size() == 1);
  CHECK(m.find("k999")->front() == 999);
  const auto& seven = *m.find("k7");
  CHECK(std::vector<std::size_t>(seven.begin(), seven.end()) == std::vector<std::size_t>{7, 70});
  CHECK(m.contains("k0"));
}

TEST_CASE("SmallList::put_first: an element it has moves to the front, another is inserted there",
          "[extract]") {
  using List = extract::SmallList<std::size_t>;
  auto items = [](const List& l) { return std::vector<std::size_t>(l.begin(), l.end()); };
  auto is = [](std::size_t v) { return [v](std::size_t x) { return x == v; }; };
  List l;
  l.put_first(5, is(5));
  CHECK(items(l) == std::vector<std::size_t>{5});
  l.put_first(5, is(5));
  CHECK(items(l) == std::vector<std::size_t>{5});
  l.put_first(3, is(3));
  CHECK(items(l) == std::vector<std::size_t>{3, 5});
  l.push_back(8);
  l.put_first(8, is(8));
  CHECK(items(l) == std::vector<std::size_t>{8, 3, 5});
  l.put_first(5, is(5));
  CHECK(items(l) == std::vector<std::size_t>{5, 8, 3});
}

TEST_CASE("Knowledge: a state's country is ISO's, its code CAMEO's where they differ", "[extract]") {
  // From data/actors/cameo_countries.tsv, converted from GDELT's CAMEO country table.
  for (auto [name, iso, cameo] : {std::tuple{"Romania", "ROU", "ROM"},
                                  std::tuple{"Montenegro", "MNE", "MTN"},
                                  std::tuple{"East Timor", "TLS", "TMP"},
                                  std::tuple{"Russia", "RUS", "RUS"},
                                  std::tuple{"Kosovo", "XKX", "KSV"}}) {
    INFO(name);
    const Actor& a = actor(name);
    CHECK(a.kind == ActorKind::kState);
    CHECK(a.country == iso);
    CHECK(a.code == cameo);
  }
  // A converted person's code (Phoenix writes ISO's ROU) opens with CAMEO's too.
  const Actor& p = actor("Calin Popescu Tariceanu");
  CHECK(p.country == "ROU");
  CHECK(p.code.rfind("ROM", 0) == 0);
}
