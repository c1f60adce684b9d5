// The tables converted from PETRARCH's Phoenix dictionaries (scripts/petrarch/actors.py): the
// committed files are the converter's output, and the loader makes their persons findable with
// the code of the day.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "extract/knowledge.hpp"
#include "support/test_support.hpp"

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

Date day(const char* text) {
  auto d = Date::parse(text);
  REQUIRE(d.has_value());
  return d.value();
}

}  // namespace

TEST_CASE("Phoenix: the converter reproduces the committed tables byte for byte", "[extract][shared]") {
  auto peers = test::shared_path("peers/petrarch2");
  if (!peers) DIPLOGRAPH_SKIP("../shared is absent: the Phoenix dictionaries are needed to convert");
  test::TempDir out;
  std::string source = DIPLOGRAPH_SOURCE_DIR;
  std::string cmd = "python3 " + test::quote(source + "/scripts/petrarch/actors.py") + " --peers " +
                    test::quote(peers->string()) + " --out " + test::quote(out.str()) + " 2>/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  for (const char* file : {"actors/phoenix.people.tsv", "actors/phoenix.organizations.tsv",
                           "lexicon/agents.tsv"}) {
    INFO(file);
    CHECK(test::read_file(out.path() / file) == test::read_file(source + "/data/" + file));
  }
}

TEST_CASE("Phoenix: a converted person is found by name with the code of the day", "[extract]") {
  // SULTAN_ALI_KESHTMAND_: [AFGELI 530101-810611] [AFGGOV 810611-880526]
  // [AFGGOV 890221-900508] [AFGELI]
  auto idx = kb().find("Sultan Ali Keshtmand");
  REQUIRE(idx.has_value());
  const Actor& a = kb().actors[*idx];
  CHECK(a.kind == ActorKind::kPerson);
  CHECK(a.country == "AFG");
  CHECK(a.code == "AFGELI");  // the undated default
  CHECK(kb().code_on(*idx, day("1985-03-01")) == "AFGGOV");
  CHECK(kb().code_on(*idx, day("1988-05-26")) == "AFGGOV");  // PETRARCH's limits are inclusive
  CHECK(kb().code_on(*idx, day("1988-12-01")) == "AFGELI");
  CHECK(kb().code_on(*idx, day("1970-01-02")) == "AFGELI");
  bool served = false;
  for (const auto& aff : a.affiliations)
    served |= aff.target_name == "Afghanistan" && aff.role == "government" && aff.valid_on(day("1985-03-01").days);
  CHECK(served);
}

TEST_CASE("Phoenix: our actors win over converted ones of the same name", "[extract]") {
  // people.tsv lists Hamid Karzai as president; the Phoenix entry adds no twin and no term.
  auto idx = kb().find("Hamid Karzai");
  REQUIRE(idx.has_value());
  CHECK(kb().code_on(*idx, day("2021-08-16")) == "AFGGOV");
  for (const auto& aff : kb().actors[*idx].affiliations) CHECK(aff.role != "elite");
  // organizations.tsv's United Nations keeps its code.
  auto un = kb().find("United Nations");
  REQUIRE(un.has_value());
  CHECK(kb().actors[*un].code == "IGOUNO");
  CHECK(kb().actors[*un].kind == ActorKind::kOrganization);
}
