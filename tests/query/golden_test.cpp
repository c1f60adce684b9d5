// Golden tests of the saved queries (queries/*.dgq) over the example articles, through the real
// binary: each file's output must equal tests/data/query/<name>.out, its exit code the one its
// "# expect: exit N" line names, and each statement must print the same given as CLI flags.
// DIPLOGRAPH_UPDATE_GOLDEN=1 rewrites the .out files (review the diff, commit with the change).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "diplograph/query.hpp"
#include "support/test_support.hpp"

using namespace diplograph::test;
namespace fs = std::filesystem;

namespace {

// One database of the examples for the whole file, built by the binary like a user would.
const std::string& examples_db() {
  static TempDir dir;
  static std::string db = [] {
    std::string files;
    for (const auto& e : fs::directory_iterator(fs::path(DIPLOGRAPH_SOURCE_DIR) / "examples"))
      if (e.path().extension() == ".jsonl") files += quote(e.path().string()) + " ";
    std::string path = (dir.path() / "db").string();
    auto r = run_cli("ingest -q " + files, path);
    REQUIRE(r.exit_code == 0);
    return path;
  }();
  return db;
}

std::vector<fs::path> query_files() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(DIPLOGRAPH_SOURCE_DIR) / "queries"))
    if (e.path().extension() == ".dgq") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

int expected_exit(const std::string& text) {
  std::smatch m;
  if (std::regex_search(text, m, std::regex("# expect: exit ([0-9])"))) return std::stoi(m[1]);
  return 0;
}

// The command line that says what a statement says: positional arguments, then --clause value.
std::string as_command_line(const diplograph::Statement& st) {
  std::string cmd = st.verb;
  for (const auto& a : st.args) cmd += " " + quote(a);
  for (const auto& [name, value] : st.clauses) {
    cmd += " --" + name;
    if (!value.empty()) cmd += " " + quote(value);
  }
  return cmd;
}

}  // namespace

TEST_CASE("Query files: saved queries match their golden output", "[query][cli]") {
  const auto files = query_files();
  REQUIRE(files.size() >= 6);
  const bool update = std::getenv("DIPLOGRAPH_UPDATE_GOLDEN") != nullptr;
  for (const auto& file : files) {
    const std::string name = file.stem().string();
    INFO("query file " << name);
    const std::string text = read_file(file);
    CHECK(text.rfind("# ", 0) == 0);  // a purpose line on top
    auto r = run_cli("query " + quote(file.string()), examples_db());
    CHECK(r.exit_code == expected_exit(text));
    std::string golden_out = r.out;
    // Errors name the file as given ("/abs/path/q.dgq:3: ..."): keep the name, not this checkout.
    std::string err = r.err;
    const std::string dir = file.parent_path().string() + "/";
    for (std::size_t at; (at = err.find(dir)) != std::string::npos;) err.erase(at, dir.size());
    if (r.exit_code != 0) golden_out += "[stderr] " + err;
    const fs::path golden = data_path("query/" + name + ".out");
    if (update) write_file(golden, golden_out);
    REQUIRE(fs::exists(golden));
    CHECK(read_file(golden) == golden_out);

    auto json = run_cli("query --json " + quote(file.string()), examples_db());
    CHECK(json.exit_code == r.exit_code);

    // The same statements as CLI flags print the same, line for line.
    std::istringstream lines(text);
    std::string line, concatenated, concatenated_json;
    int statements = 0;
    while (std::getline(lines, line)) {
      auto st = diplograph::parse_statement(line);
      REQUIRE(st);
      if (st->verb.empty()) continue;
      auto cli = run_cli(as_command_line(*st), examples_db());
      INFO("as flags: " << as_command_line(*st));
      CHECK(cli.exit_code == r.exit_code);
      if (statements++) concatenated += "\n";
      concatenated += cli.out;
      concatenated_json += run_cli(as_command_line(*st) + " --json", examples_db()).out;
    }
    CHECK(concatenated == r.out);
    CHECK(concatenated_json == json.out);
  }
}

TEST_CASE("Query files: bad statements name file and line, exit 2", "[query][cli]") {
  TempDir tmp;
  auto f = tmp.path() / "bad.dgq";
  write_file(f, "# purpose\ntimeline \"Russia\"\npath \"A\" to \"B\" mode sideways\n");
  auto r = run_cli("query " + quote(f.string()), examples_db());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("bad.dgq:3:") && Catch::Contains("mode"));
  CHECK(r.out.empty());  // nothing runs when a line is bad
  write_file(f, "timeline \"Russia\" limit 0\n");
  CHECK(run_cli("query " + quote(f.string()), examples_db()).exit_code == 2);
  write_file(f, "frobnicate \"Russia\"\n");
  CHECK(run_cli("query " + quote(f.string()), examples_db()).exit_code == 2);
  write_file(f, "timeline \"Russia\n");
  CHECK_THAT(run_cli("query " + quote(f.string()), examples_db()).err, Catch::Contains("quote"));
}

TEST_CASE("CLI: query edge cases exit with the contract's codes", "[query][cli]") {
  const std::string& db = examples_db();
  SECTION("an ambiguous name lists the candidates, exit 2") {
    // Its own graph, from event JSON, so that it does not hang on what the extractor finds.
    TempDir tmp;
    std::string kdb = (tmp.path() / "db").string();
    REQUIRE(run_cli("ingest -q --format events " +
                        quote(data_path("query/ambiguous.events.jsonl").string()), kdb)
                .exit_code == 0);
    auto r = run_cli("timeline kim", kdb);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "diplograph: ambiguous actor 'kim': Kim Jong Un (person, PRK), Kim Yo Jong "
                   "(person, PRK)\n");
    CHECK(run_cli("path kim Moon", kdb).exit_code == 2);
    CHECK(run_cli("neighbors kim", kdb).exit_code == 2);
    CHECK(run_cli("path \"Kim Yo Jong\" \"Kim Jong Un\"", kdb).exit_code == 1);  // not connected
  }
  SECTION("an unknown name, exit 1") {
    auto r = run_cli("path Atlantis Taliban", db);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "diplograph: unknown actor 'Atlantis'\n");
    CHECK(run_cli("neighbors Atlantis", db).exit_code == 1);
  }
  SECTION("an empty window: no events, and from after to is bad input") {
    auto r = run_cli("timeline Russia --from 1990-01-01 --to 1990-12-31", db);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("no events for Russia in that window"));
    CHECK(run_cli("timeline Russia --from 2021-09-01 --to 2021-08-01", db).exit_code == 2);
    CHECK(run_cli("path Taliban Blinken --from 1990-01-01 --to 1990-12-31", db).exit_code == 1);
    CHECK(run_cli("rank --from 1990-01-01 --to 1990-12-31", db).exit_code == 1);
  }
  SECTION("an actor with no events") {
    auto r = run_cli("timeline \"United States\"", db);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("no events for United States"));
    auto n = run_cli("neighbors \"United States\" --no-affiliations --json", db);
    CHECK(n.exit_code == 0);
    CHECK_THAT(n.out, Catch::Contains("\"events\":[]"));
  }
  SECTION("k larger than the number of paths gives all of them") {
    auto r = run_cli("path Blinken Taliban --k 50 --json", db);
    CHECK(r.exit_code == 0);
    auto few = run_cli("path Blinken Taliban --k 2 --json", db);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') >= 2);
    CHECK(r.out.substr(0, few.out.size()) == few.out);
  }
  SECTION("a path to oneself is zero hops in every mode") {
    for (const char* mode : {"fewest-hops", "earliest-arrival", "latest-departure", "fastest"}) {
      auto r = run_cli(std::string("path Lavrov \"Sergei Lavrov\" --mode ") + mode, db);
      CHECK(r.exit_code == 0);
      CHECK_THAT(r.out, Catch::StartsWith("Sergei Lavrov  (0 hops"));
    }
  }
  SECTION("backwards in time: fewest hops finds it, earliest arrival does not") {
    CHECK(run_cli("path Blinken Taliban", db).exit_code == 0);
    auto r = run_cli("path Blinken Taliban --mode earliest-arrival", db);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("respects time order") &&
                          Catch::Contains("go back in time"));
  }
  SECTION("a cursor resumes a timeline where the page ended") {
    auto all = run_cli("timeline Russia --json", db);
    auto page = run_cli("timeline Russia --limit 2 --json", db);
    REQUIRE(page.exit_code == 0);
    std::smatch m;
    REQUIRE(std::regex_search(page.err, m, std::regex("cursor ([0-9a-f]+)")));
    auto rest = run_cli("timeline Russia --json --cursor " + m[1].str(), db);
    CHECK(page.out + rest.out == all.out);
    auto desc = run_cli("timeline Russia --order desc --limit 1 --json", db);
    CHECK(desc.out == all.out.substr(all.out.rfind('\n', all.out.size() - 2) + 1));
    CHECK(run_cli("timeline Russia --cursor zz", db).exit_code == 2);
  }
}
