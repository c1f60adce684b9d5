// End-to-end: `diplograph export --format nebula`, as a user would run it before nebula-importer.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <sstream>

#include "support/test_support.hpp"

using namespace diplograph::test;

namespace {

std::set<std::string> edge_keys(const std::filesystem::path& dir, std::size_t& rows) {
  std::set<std::string> keys;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("edge_", 0) != 0 && name != "affiliation.csv") continue;
    std::istringstream in(read_file(entry.path()));
    for (std::string line; std::getline(in, line);) {
      // source, target, rank: the first three fields (hex ids and an integer, never quoted).
      std::size_t third = line.find(',', line.find(',') + 1);
      keys.insert(name + ":" + line.substr(0, line.find(',', third + 1)));
      ++rows;
    }
  }
  return keys;
}

}  // namespace

TEST_CASE("CLI: export --format nebula keeps every event of one day and pair", "[cli][nebula]") {
  TempDir tmp;
  const std::string db = (tmp.path() / "db").string();
  auto r = run_cli("ingest --quiet --format events " +
                       quote(data_path("export/same-day.events.jsonl").string()),
                   db);
  REQUIRE(r.exit_code == 0);
  const auto dir = tmp.path() / "nebula";
  r = run_cli("export --format nebula -o " + quote(dir.string()), db);
  REQUIRE(r.exit_code == 0);
  std::size_t rows = 0;
  auto keys = edge_keys(dir, rows);
  CHECK(rows == 4);  // an occurred, a planned and a denied call, a meeting: one day, one pair
  CHECK(keys.size() == rows);
  CHECK_THAT(read_file(dir / "schema.ngql"), Catch::Contains("replica_factor = 1,"));

  SECTION("--replica-factor") {
    r = run_cli("export --format nebula --replica-factor 3 -o " + quote(dir.string()), db);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(read_file(dir / "schema.ngql"), Catch::Contains("replica_factor = 3,"));
    CHECK_THAT(read_file(dir / "importer.yaml"), Catch::Contains("replica_factor = 3,"));
  }
  SECTION("a bad --replica-factor is a usage error") {
    r = run_cli("export --format nebula --replica-factor 0 -o " + quote(dir.string()), db);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "diplograph: export: --replica-factor takes a number from 1 to 99, not '0'\n");
    r = run_cli("export --format csv --replica-factor 3 -o " + quote(dir.string()), db);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "diplograph: export: --replica-factor is for --format nebula\n");
  }
}
