// End-to-end tests: they run the real `diplograph` binary, as a user would.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <sstream>

#include "support/test_support.hpp"

using namespace diplograph::test;

namespace {

const char* const kSeed = "seeds/000_000a073d6dfb7b73.txt";

int count_lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace

TEST_CASE("CLI: usage errors exit 2 with one line", "[cli]") {
  auto r = run_cli("frobnicate");
  CHECK(r.exit_code == 2);
  r = run_cli("timeline");
  CHECK(r.exit_code == 2);
  CHECK(count_lines(r.err) == 1);
  r = run_cli("extract --date 2021-13-45 x.txt");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("--date"));
}

TEST_CASE("CLI: ingest of the examples answers timeline, path and export", "[cli]") {
  TempDir tmp;
  std::string db = (tmp.path() / "db").string();
  auto r = run_cli("ingest " + example_files(), db);
  REQUIRE(r.exit_code == 0);

  r = run_cli("timeline \"Sergei Lavrov\"", db);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("2021-08-16") && Catch::Contains("call") &&
                        Catch::Contains("Antony Blinken"));

  r = run_cli("timeline lavrov --with blinken --json", db);
  REQUIRE(r.exit_code == 0);
  auto first = nlohmann::json::parse(r.out.substr(0, r.out.find('\n')));
  CHECK(first["type"] == "call");
  CHECK(first["date"] == "2021-08-16");

  r = run_cli("path \"Antony Blinken\" Taliban", db);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("Antony Blinken") && Catch::Contains("Taliban"));

  r = run_cli("path \"Antony Blinken\" Taliban --json", db);
  REQUIRE(r.exit_code == 0);
  auto path = nlohmann::json::parse(r.out);
  CHECK(path["actors"].front()["name"] == "Antony Blinken");
  CHECK(path["actors"].back()["name"] == "Taliban");
  for (const auto& hop : path["hops"])
    CHECK((hop["kind"] == "affiliation" || !hop["events"].empty()));

  r = run_cli("export --format dot", db);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("digraph"));
  auto again = run_cli("export --format dot", db);
  CHECK(again.out == r.out);  // same graph, same bytes
}

TEST_CASE("CLI: unknown actors exit 1 with one line", "[cli]") {
  TempDir tmp;
  std::string db = (tmp.path() / "db").string();
  REQUIRE(run_cli("ingest " + example_files(), db).exit_code == 0);
  auto r = run_cli("timeline \"Nobody Atall\"", db);
  CHECK(r.exit_code == 1);
  CHECK(count_lines(r.err) == 1);
  CHECK_THAT(r.err, Catch::Contains("Nobody Atall"));
  r = run_cli("path \"Nobody Atall\" Russia", db);
  CHECK(r.exit_code == 1);
  CHECK(count_lines(r.err) == 1);
}

TEST_CASE("CLI: ingesting the same input twice leaves stats unchanged", "[cli]") {
  TempDir tmp;
  std::string db = (tmp.path() / "db").string();
  REQUIRE(run_cli("ingest " + example_files(), db).exit_code == 0);
  auto before = run_cli("stats --json", db);
  REQUIRE(before.exit_code == 0);
  REQUIRE(run_cli("ingest " + example_files(), db).exit_code == 0);
  auto after = run_cli("stats --json", db);
  CHECK(after.out == before.out);
  auto s = nlohmann::json::parse(before.out);
  CHECK(s["documents"] == 4);
  CHECK(s["events"].get<int>() > 0);
}

TEST_CASE("CLI: bad input exits 2 and leaves the database unchanged", "[cli]") {
  TempDir tmp;
  std::string db = (tmp.path() / "db").string();
  REQUIRE(run_cli("ingest " + example_files(), db).exit_code == 0);
  auto before = run_cli("stats --json", db).out;

  SECTION("a missing file") {
    auto r = run_cli("ingest " + quote((tmp.path() / "missing.txt").string()) +
                         " --date 2021-08-16", db);
    CHECK(r.exit_code == 2);
    CHECK(count_lines(r.err) == 1);
    CHECK_THAT(r.err, Catch::Contains("missing.txt"));
  }
  SECTION("a binary file") {
    auto bin = tmp.path() / "blob.txt";
    write_file(bin, std::string("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0", 20));
    auto r = run_cli("ingest " + quote(bin.string()) + " --date 2021-08-16", db);
    CHECK(r.exit_code == 2);
    CHECK(count_lines(r.err) == 1);
    CHECK_THAT(r.err, Catch::Contains("blob.txt"));
  }
  SECTION("a bad date") {
    auto txt = tmp.path() / "note.txt";
    write_file(txt, "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi.\n");
    auto r = run_cli("ingest " + quote(txt.string()) + " --date 2021-02-30", db);
    CHECK(r.exit_code == 2);
    CHECK(count_lines(r.err) == 1);
    CHECK_THAT(r.err, Catch::Contains("2021-02-30"));
  }
  CHECK(run_cli("stats --json", db).out == before);
}

TEST_CASE("CLI: a malformed JSON Lines record is reported with its line and skipped", "[cli]") {
  TempDir tmp;
  std::string db = (tmp.path() / "db").string();
  auto file = data_path("cli/one_bad_record.jsonl").string();
  auto r = run_cli("ingest " + quote(file), db);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("one_bad_record.jsonl:2"));
  auto s = nlohmann::json::parse(run_cli("stats --json", db).out);
  CHECK(s["documents"] == 2);
  auto t = run_cli("timeline lavrov", db);
  CHECK(t.exit_code == 0);
  CHECK_THAT(t.out, Catch::Contains("Antony Blinken") && Catch::Contains("Wang Yi"));
}

TEST_CASE("CLI: the seed article, extracted and scored", "[cli][shared]") {
  auto seed = shared_path(kSeed);
  auto gold = shared_path("gold/000_000a073d6dfb7b73.gold.json");
  auto scorer = shared_path("tools/score_events.py");
  if (!seed || !gold || !scorer) DIPLOGRAPH_SKIP("../shared is absent: the seed article test needs it");
  auto r = run_cli("extract " + quote(seed->string()) + " --date 2021-08-16 --json");
  REQUIRE(r.exit_code == 0);

  // The Lavrov-Blinken call of 2021-08-16 exactly once; nothing from the newsletter or appeal.
  std::string text = read_file(*seed);
  auto boilerplate_start = text.find("Sign up for our free weekly newsletter");
  REQUIRE(boilerplate_start != std::string::npos);
  int calls = 0;
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) {
    auto e = nlohmann::json::parse(line);
    if (e["type"] == "call" && e["date"] == "2021-08-16") {
      std::set<std::string> names = {e["source"]["name"], e["target"]["name"]};
      if (names == std::set<std::string>{"Sergei Lavrov", "Antony Blinken"}) ++calls;
    }
    for (const auto& m : e["mentions"]) CHECK(m["offset"].get<std::size_t>() < boilerplate_start);
  }
  CHECK(calls == 1);

  TempDir tmp;
  auto pred = tmp.path() / "seed.jsonl";
  write_file(pred, r.out);
  std::string cmd = "python3 " + quote(scorer->string()) + " --gold " + quote(gold->string()) +
                    " --pred " + quote(pred.string()) + " --quiet --min-f1 0.6 > " +
                    quote((tmp.path() / "score").string());
  int rc = std::system(cmd.c_str());
  INFO("score: " << read_file(tmp.path() / "score"));
  CHECK(rc == 0);
}

TEST_CASE("CLI: the seed article ingested answers the issue's questions", "[cli][shared]") {
  auto seed = shared_path(kSeed);
  if (!seed) DIPLOGRAPH_SKIP("../shared is absent: the seed article test needs it");
  TempDir tmp;
  std::string db = (tmp.path() / "db").string();
  REQUIRE(run_cli("ingest " + quote(seed->string()) + " --date 2021-08-16", db).exit_code == 0);

  auto r = run_cli("timeline Lavrov", db);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("2021-08-16") && Catch::Contains("call") &&
                        Catch::Contains("Antony Blinken") && Catch::Contains("phone call"));

  r = run_cli("path \"Antony Blinken\" Taliban", db);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("Taliban"));

  auto dot = tmp.path() / "graph.dot";
  REQUIRE(run_cli("export --format dot -o " + quote(dot.string()), db).exit_code == 0);
  if (std::system("command -v dot >/dev/null 2>&1") != 0) DIPLOGRAPH_SKIP("GraphViz is not installed");
  std::string cmd = "dot -Tsvg " + quote(dot.string()) + " -o " +
                    quote((tmp.path() / "graph.svg").string()) + " 2>/dev/null";
  CHECK(std::system(cmd.c_str()) == 0);

  auto before = run_cli("stats --json", db).out;
  REQUIRE(run_cli("ingest " + quote(seed->string()) + " --date 2021-08-16", db).exit_code == 0);
  CHECK(run_cli("stats --json", db).out == before);
}

TEST_CASE("CLI: a neighbors answer exports as a graph", "[cli]") {
  TempDir tmp;
  std::string db = (tmp.path() / "db").string();
  REQUIRE(run_cli("ingest " + example_files(), db).exit_code == 0);
  auto dot = run_cli("neighbors Russia --format dot", db);
  REQUIRE(dot.exit_code == 0);
  CHECK_THAT(dot.out, Catch::StartsWith("digraph") && Catch::Contains("label=\"Russia\""));
  auto graphml = run_cli("neighbors Russia --format graphml", db);
  REQUIRE(graphml.exit_code == 0);
  CHECK_THAT(graphml.out, Catch::Contains("<graphml") && Catch::Contains("Russia"));
  CHECK(run_cli("neighbors Russia --format dot", db).out == dot.out);  // stable bytes
  auto bad = run_cli("neighbors Russia --format bogus", db);
  CHECK(bad.exit_code == 2);
  CHECK(count_lines(bad.err) == 1);
}

TEST_CASE("CLI: a path after another process's ingest never uses the stale projection", "[cli]") {
  TempDir tmp;
  std::string db = (tmp.path() / "db").string();
  std::filesystem::path projection = std::filesystem::path(db) / "projection.dgp";
  write_file(tmp.path() / "a.txt", "Sergei Lavrov met Antony Blinken in Geneva on Monday.\n");
  write_file(tmp.path() / "b.txt", "Antony Blinken met Mohammad Javad Zarif in Vienna on Tuesday.\n");
  REQUIRE(run_cli("ingest --date 2021-08-16 " + quote((tmp.path() / "a.txt").string()), db).exit_code == 0);
  CHECK(std::filesystem::exists(projection));  // ingest leaves it current
  CHECK(run_cli("path Lavrov Zarif", db).exit_code == 1);
  // Another process adds an edge and leaves the projection as it was.
  REQUIRE(run_cli("ingest --no-projection --date 2021-08-16 " +
                      quote((tmp.path() / "b.txt").string()),
                  db)
              .exit_code == 0);
  auto r = run_cli("path Lavrov Zarif --json", db);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Blinken") != std::string::npos);
  auto check = run_cli("check", db);
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("consistent") != std::string::npos);
}
