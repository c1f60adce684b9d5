// End-to-end tests of the verbs that draw (export, neighbors, path): filtered exports without
// edgeless actors, --top / --min-events and the guard, every --k path, failed renders, and the
// one rule for standard output. Stores are built from small generated CSV edge lists.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support/test_support.hpp"

using namespace diplograph::test;

namespace {

bool has_graphviz() { return std::system("command -v dot >/dev/null 2>&1") == 0; }

// A star of `spokes` states around "Hub State" (spoke i meets the hub i+1 times, calls in 2021,
// meetings in 2022), plus three ways from "Alpha State" to "Delta State".
std::string build_store(const TempDir& tmp, int spokes) {
  std::ostringstream csv;
  csv << "source,target,date,type\n";
  for (int i = 0; i < spokes; ++i)
    for (int k = 0; k <= i % 6; ++k)
      csv << "Hub State,Spoke " << i << ",2021-0" << 1 + k << "-1" << i % 10 << ",call\n";
  csv << "Hub State,Spoke 0,2022-02-22,meeting\nHub State,Spoke 1,2022-02-23,meeting\n";
  for (const char* via : {"Bravo State", "Charlie State", "Echo State"})
    csv << "Alpha State," << via << ",2020-05-01,meeting\n"
        << via << ",Delta State,2020-05-02,call\n";
  write_file(tmp.path() / "events.csv", csv.str());
  std::string db = (tmp.path() / "db").string();
  auto r = run_cli("ingest --format csv " + quote((tmp.path() / "events.csv").string()), db);
  REQUIRE(r.exit_code == 0);
  return db;
}

nlohmann::json node_link(const std::string& text) { return nlohmann::json::parse(text); }

// Actors of a node-link document that no link touches.
std::set<std::string> edgeless(const nlohmann::json& g) {
  std::set<std::string> linked, out;
  for (const auto& l : g["links"]) {
    linked.insert(l["source"].get<std::string>());
    linked.insert(l["target"].get<std::string>());
  }
  for (const auto& n : g["nodes"])
    if (!linked.count(n["id"].get<std::string>())) out.insert(n["name"].get<std::string>());
  return out;
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("CLI drawing: a window or type filter leaves out actors without an edge",
          "[cli][drawing]") {
  TempDir tmp;
  std::string db = build_store(tmp, 12);
  auto whole = run_cli("export --format json", db);
  REQUIRE(whole.exit_code == 0);
  auto stats = nlohmann::json::parse(run_cli("stats --json", db).out);
  CHECK(node_link(whole.out)["nodes"].size() == stats["actors"].get<std::size_t>());

  auto r = run_cli("export --format json --type meeting --from 2022-02-20 --to 2022-02-28", db);
  REQUIRE(r.exit_code == 0);
  auto g = node_link(r.out);
  CHECK(g["nodes"].size() == 3);  // the hub and its two partners of that week
  CHECK(edgeless(g).empty());

  // Every graph format, not only pictures: the same three nodes in csv and dot.
  auto dir = tmp.path() / "csv";
  REQUIRE(
      run_cli("export --format csv --type meeting --from 2022-02-20 -o " + quote(dir.string()), db)
          .exit_code == 0);
  CHECK(count(read_file(dir / "nodes.csv"), "\n") == 1 + 3);
  auto dot = run_cli("export --format dot --type meeting --from 2022-02-20", db);
  CHECK(count(dot.out, ", shape=") == 3);  // node lines
}

TEST_CASE("CLI drawing: --top and --min-events trim every format", "[cli][drawing]") {
  TempDir tmp;
  std::string db = build_store(tmp, 12);
  auto r = run_cli("export --format json --top 4", db);
  REQUIRE(r.exit_code == 0);
  auto g = node_link(r.out);
  CHECK(g["nodes"].size() == 4);
  std::set<std::string> names;
  for (const auto& n : g["nodes"]) names.insert(n["name"]);
  CHECK(names.count("Hub State"));

  r = run_cli("export --format json --min-events 6", db);  // spokes 5 and 11 met the hub 6 times
  REQUIRE(r.exit_code == 0);
  g = node_link(r.out);
  CHECK(g["nodes"].size() == 3);
  CHECK(edgeless(g).empty());

  CHECK(run_cli("export --top many", db).exit_code == 2);
  CHECK(run_cli("export --min-events -1", db).exit_code == 2);
  auto bad = run_cli("export --format svg --layout nosuch", db);
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("sfdp"));
}

TEST_CASE("CLI drawing: the guard says what a large drawing left out", "[cli][drawing]") {
  if (!has_graphviz()) DIPLOGRAPH_SKIP("GraphViz is not installed");
  TempDir tmp;
  std::string db = build_store(tmp, 160);  // 166 actors: past the guard
  auto r = run_cli("export --format svg", db);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("--top 0") && Catch::Contains("of 166 actors"));
  CHECK_THAT(r.out, Catch::Contains("<svg") && Catch::Contains("of 166 actors"));
  CHECK(count(r.out, "class=\"node\"") <= 100);

  auto all = run_cli("export --format svg --top 0 --layout sfdp", db);
  REQUIRE(all.exit_code == 0);
  CHECK(all.err.empty());
  CHECK(count(all.out, "class=\"node\"") == 166);
  // Text formats are not drawings: no guard.
  CHECK(node_link(run_cli("export --format json", db).out)["nodes"].size() == 166);
}

TEST_CASE("CLI drawing: path --k 3 draws and exports all three paths", "[cli][drawing]") {
  TempDir tmp;
  std::string db = build_store(tmp, 3);
  auto json = run_cli("path \"Alpha State\" \"Delta State\" --k 3 --format json", db);
  REQUIRE(json.exit_code == 0);
  auto g = node_link(json.out);
  REQUIRE(g["graph"]["paths"].size() == 3);
  CHECK(g["nodes"].size() == 5);

  auto dot = run_cli("path \"Alpha State\" \"Delta State\" --k 3 --format dot", db);
  REQUIRE(dot.exit_code == 0);
  CHECK(count(dot.out, "subgraph cluster_path") == 3);
  for (const char* via : {"Bravo State", "Charlie State", "Echo State"})
    CHECK_THAT(dot.out, Catch::Contains(via));

  if (!has_graphviz()) DIPLOGRAPH_SKIP("GraphViz is not installed");
  auto svg = run_cli("path \"Alpha State\" \"Delta State\" --k 3 --format svg", db);
  REQUIRE(svg.exit_code == 0);
  CHECK(count(svg.out, "class=\"cluster\"") == 3);
}

TEST_CASE("CLI drawing: one rule for standard output in every verb that draws", "[cli][drawing]") {
  if (!has_graphviz()) DIPLOGRAPH_SKIP("GraphViz is not installed");
  TempDir tmp;
  std::string db = build_store(tmp, 3);
  // SVG (and every text format) goes to standard output without -o ...
  for (const char* cmd : {"export --format svg", "neighbors \"Hub State\" --format svg",
                          "path \"Alpha State\" \"Delta State\" --format svg"}) {
    auto r = run_cli(cmd, db);
    INFO(cmd << ": " << r.err);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("<svg"));
  }
  // ... and PNG too when standard output is not a terminal (a pipe, a file) ...
  for (const char* cmd : {"export --format png", "neighbors \"Hub State\" --format png",
                          "path \"Alpha State\" \"Delta State\" --format png"}) {
    auto r = run_cli(cmd, db);
    INFO(cmd << ": " << r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.substr(1, 3) == "PNG");
    auto file = tmp.path() / "out.png";
    std::filesystem::remove(file);
    CHECK(run_cli(std::string(cmd) + " -o " + quote(file.string()), db).exit_code == 0);
    CHECK(read_file(file).substr(1, 3) == "PNG");
  }
  // ... but never onto a terminal.
  if (std::system("command -v script >/dev/null 2>&1") != 0)
    DIPLOGRAPH_SKIP("util-linux 'script' is missing: no terminal to test PNG refusal on");
  for (const char* cmd : {"export --format png", "neighbors \"Hub State\" --format png",
                          "path \"Alpha State\" \"Delta State\" --format png"}) {
    std::string inner = std::string(DIPLOGRAPH_BINARY) + " " + cmd + " --db " + db;
    std::string run = "script -qec " + quote(inner) + " /dev/null > " +
                      quote((tmp.path() / "tty").string()) + " 2>&1 </dev/null";
    int rc = std::system(run.c_str());
    INFO(cmd << ": " << read_file(tmp.path() / "tty"));
    CHECK(WEXITSTATUS(rc) == 2);
    CHECK_THAT(read_file(tmp.path() / "tty"), Catch::Contains("-o FILE.png"));
  }
}

TEST_CASE("CLI drawing: a failed render leaves no file and says what to try", "[cli][drawing]") {
  TempDir tmp;
  std::string db = build_store(tmp, 3);
  // A GraphViz that writes half a picture and fails, as a big `dot` run can.
  auto bin = tmp.path() / "bin";
  std::filesystem::create_directories(bin);
  write_file(bin / "dot",
             "#!/bin/sh\nfor a; do case $a in -o*) printf 'partial' > \"${a#-o}\";; esac; done\n"
             "echo 'Error: trouble in init_rank' >&2\nexit 1\n");
  std::filesystem::permissions(bin / "dot", std::filesystem::perms::owner_all);
  const char* old = std::getenv("PATH");
  std::string saved = old ? old : "";
  setenv("PATH", (bin.string() + ":" + saved).c_str(), 1);
  auto target = tmp.path() / "g.png";
  auto r = run_cli(
      "export --format png --collapse --cluster-by country -o " + quote(target.string()), db);
  auto p = run_cli(
      "path \"Alpha State\" \"Delta State\" --k 3 --format svg -o " + quote(target.string()), db);
  setenv("PATH", saved.c_str(), 1);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains("trouble in init_rank") && Catch::Contains("--layout") &&
                        Catch::Contains("--cluster-by"));
  CHECK(p.exit_code == 3);
  CHECK_FALSE(std::filesystem::exists(target));
  for (const auto& f : std::filesystem::directory_iterator(tmp.path()))
    CHECK(f.path().filename().string().find("g.png") == std::string::npos);

  // An output directory that does not exist: exit 3, nothing written.
  auto missing = tmp.path() / "no-such-dir" / "g.png";
  auto m = run_cli("export --format png -o " + quote(missing.string()), db);
  CHECK(m.exit_code == 3);
  CHECK_FALSE(std::filesystem::exists(missing));
}

namespace {

// Width and height from a PNG's IHDR chunk; {0, 0} when it is not a PNG.
std::pair<unsigned, unsigned> png_size(const std::string& png) {
  if (png.size() < 24 || png.substr(1, 3) != "PNG") return {0, 0};
  auto be32 = [&](std::size_t at) {
    unsigned v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(png[at + i]);
    return v;
  };
  return {be32(16), be32(20)};
}

}  // namespace

TEST_CASE("CLI drawing: the corpus draws readable pictures", "[cli][drawing][shared]") {
  auto wikinews = shared_path("corpus/wikinews-2019-2020/articles.jsonl");
  auto reuters = shared_path("corpus/reuters21578-diplomacy/articles.jsonl");
  auto kremlin = shared_path("corpus/kremlin-ukraine-president-press-2021-2022/kremlin_en.jsonl");
  auto president =
      shared_path("corpus/kremlin-ukraine-president-press-2021-2022/president_gov_ua_en.jsonl");
  if (!wikinews || !reuters || !kremlin || !president)
    DIPLOGRAPH_SKIP("../shared is absent: the corpus drawing test needs it");
  if (!has_graphviz()) DIPLOGRAPH_SKIP("GraphViz is not installed");
  TempDir tmp;
  std::string news = (tmp.path() / "news").string();
  REQUIRE(
      run_cli("ingest --quiet " + quote(wikinews->string()) + " " + quote(reuters->string()), news)
          .exit_code == 0);
  // The whole graph: guarded, at most 4000 px, and it says what it left out.
  auto png = tmp.path() / "whole.png";
  auto r = run_cli("export --format png -o " + quote(png.string()), news);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("--top 0"));
  auto [w, h] = png_size(read_file(png));
  CHECK(w > 0);
  CHECK(w <= 4000);
  CHECK(h <= 4000);

  std::string press = (tmp.path() / "press").string();
  REQUIRE(run_cli("ingest --quiet " + quote(kremlin->string()) + " " + quote(president->string()),
                  press)
              .exit_code == 0);
  // The window of the issue: only actors with an edge.
  r = run_cli(
      "export --type call,meeting --from 2022-02-20 --to 2022-02-28 --no-affiliations "
      "--format json",
      press);
  REQUIRE(r.exit_code == 0);
  auto g = node_link(r.out);
  CHECK(g["nodes"].size() < 60);
  CHECK(edgeless(g).empty());
  // Clusters by country with collapsed edges, drawn by `dot`: "trouble in init_rank" before
  // newrank=true.
  auto clustered = tmp.path() / "clustered.png";
  r = run_cli("export --collapse --cluster-by country --layout dot --top 40 --format png -o " +
                  quote(clustered.string()),
              press);
  CHECK(r.exit_code == 0);
  CHECK(png_size(read_file(clustered)).first > 0);
}
