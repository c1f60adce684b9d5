// The converter of the PETRARCH/Phoenix dictionaries (scripts/convert_petrarch.py) reproduces the
// committed data files byte for byte, and what it converted is loaded.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "extract/knowledge.hpp"
#include "support/test_support.hpp"

using namespace diplograph;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("Converter: reproduces the committed data from the peers' dictionaries", "[extract]") {
  auto peers = test::shared_path("peers/petrarch2");
  if (!peers) DIPLOGRAPH_SKIP("../shared/peers/petrarch2 is absent: the converter has no input");
  if (std::system("python3 --version >/dev/null 2>&1") != 0) DIPLOGRAPH_SKIP("no python3");
  test::TempDir out;
  const fs::path source = DIPLOGRAPH_SOURCE_DIR;
  std::string cmd = "python3 '" + (source / "scripts/convert_petrarch.py").string() + "' --peers '" +
                    peers->string() + "' --out '" + out.str() + "' 2>/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  int compared = 0;
  for (const auto& e : fs::recursive_directory_iterator(out.path())) {
    if (!e.is_regular_file()) continue;
    const fs::path rel = fs::relative(e.path(), out.path());
    INFO("data/" << rel.string());
    const fs::path committed = source / "data" / rel;
    REQUIRE(fs::exists(committed));
    CHECK(slurp(e.path()) == slurp(committed));
    ++compared;
  }
  CHECK(compared >= 2);
}

TEST_CASE("Converter: reproduces data/actors/cameo_countries.tsv from GDELT's CAMEO table",
          "[extract]") {
  auto peers = test::shared_path("peers/cameo/cameoCountry.txt");
  if (!peers) DIPLOGRAPH_SKIP("../shared/peers/cameo is absent: the converter has no input");
  if (std::system("python3 --version >/dev/null 2>&1") != 0) DIPLOGRAPH_SKIP("no python3");
  test::TempDir out;
  const fs::path source = DIPLOGRAPH_SOURCE_DIR;
  const fs::path written = out.path() / "cameo_countries.tsv";
  std::string cmd = "python3 '" + (source / "scripts/convert_cameo_countries.py").string() +
                    "' --peers '" + peers->parent_path().string() + "' --out '" +
                    written.string() + "' 2>/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  const std::string text = slurp(written);
  CHECK(text == slurp(source / "data/actors/cameo_countries.tsv"));
  CHECK(text.find("ROU\tROM\tRomania\n") != std::string::npos);
}

TEST_CASE("Converter: the converted verb patterns are loaded after ours", "[extract]") {
  auto kb = extract::Knowledge::load({});
  REQUIRE(kb);
  std::size_t ours = 0, converted = 0, null = 0;
  bool ordered = true;
  for (const auto& p : kb->patterns) {
    if (p.tier == 0) {
      ++ours;
      ordered &= converted == 0;
    } else {
      ++converted;
      null += p.null;
      CHECK(p.id.rfind("cameo2:", 0) == 0);
    }
  }
  CHECK(ordered);
  CHECK(ours > 100);
  CHECK(converted >= 4000);
  CHECK(null > 0);
}

TEST_CASE("Knowledge: a user pattern file is tried first, a bad one names its line", "[extract]") {
  auto kb = extract::Knowledge::load({}, {test::data_path("extract/user_patterns.tsv").string()});
  REQUIRE(kb);
  REQUIRE(!kb->patterns.empty());
  CHECK(kb->patterns.front().id == "user.parley");
  CHECK(kb->patterns.front().type == EventType::kMeeting);

  auto bad = extract::Knowledge::load({}, {test::data_path("extract/bad_patterns.tsv").string()});
  REQUIRE(!bad);
  CHECK(bad.error().code() == StatusCode::kInvalidInput);
  CHECK(bad.error().message().find("bad_patterns.tsv:2:") != std::string::npos);

  auto missing = extract::Knowledge::load({}, {"/nonexistent/patterns.tsv"});
  REQUIRE(!missing);
  CHECK(missing.error().code() == StatusCode::kInvalidInput);
}

TEST_CASE("Knowledge: a pattern's code must be a CAMEO code, named in the error", "[extract]") {
  auto load = [](const char* name) {
    return extract::Knowledge::load({}, {test::data_path(std::string("extract/") + name).string()});
  };
  SECTION("with the type given by the code") {
    auto kb = load("bad_pattern_codes.tsv");
    REQUIRE(!kb);
    CHECK(kb.error().code() == StatusCode::kInvalidInput);
    CHECK(kb.error().message() == test::data_path("extract/bad_pattern_codes.tsv").string() +
                                      ":2: '075A' is not a CAMEO event code");
  }
  SECTION("with a type given explicitly") {
    auto kb = load("bad_pattern_typed_code.tsv");
    REQUIRE(!kb);
    CHECK(kb.error().message() == test::data_path("extract/bad_pattern_typed_code.tsv").string() +
                                      ":3: '075A' is not a CAMEO event code");
  }
  SECTION("an unknown type") {
    auto kb = load("bad_pattern_type.tsv");
    REQUIRE(!kb);
    CHECK(kb.error().message() == test::data_path("extract/bad_pattern_type.tsv").string() +
                                      ":2: unknown event type 'meetng'");
  }
  SECTION("every code of the codebook, four digits too") {
    CHECK(cameo_lookup("0211"));
    CHECK(cameo_lookup("0211")->code == "0211");
    CHECK(cameo_lookup("075A")->code == "075");  // imports still fall back to the prefix
  }
}

TEST_CASE("CLI: extract --patterns codes a verb the built-in knowledge lacks", "[extract][cli]") {
  test::TempDir dir;
  const fs::path text = dir.path() / "note.txt";
  std::ofstream(text) << "Chile parleyed with Peru on Monday.\n";
  const std::string file = "'" + text.string() + "' --date 2021-03-03 --json";
  auto without = test::run_cli("extract " + file);
  CHECK(without.exit_code == 0);
  CHECK(without.out.find("user.parley") == std::string::npos);
  auto with = test::run_cli("extract " + file + " --patterns '" +
                            test::data_path("extract/user_patterns.tsv").string() + "'");
  CHECK(with.exit_code == 0);
  CHECK(with.out.find("\"pattern\":\"user.parley\"") != std::string::npos);
  auto bad = test::run_cli("extract " + file + " --patterns '" +
                           test::data_path("extract/bad_patterns.tsv").string() + "'");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("bad_patterns.tsv:2: '999x' is not a CAMEO event code") != std::string::npos);
}
