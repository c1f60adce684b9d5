#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>

#include "diplograph/diplograph.hpp"
#include "store/store_fixtures.hpp"
#include "support/test_support.hpp"

using namespace diplograph;

namespace {

Event event(EventType type, const Actor& s, const Actor& t, const char* date,
            EventStatus status = EventStatus::kOccurred) {
  Event e = test::make_event(type, s, &t, *Date::parse(date), status, "doc-1");
  e.mentions[0].text = "A sentence, with \"quotes\" & <tags>.";
  return e;
}

// Four actors, a statement without target (not an edge), three two-actor events (one denied, one
// at month precision), one affiliation: 4 nodes, 4 edges.
std::unique_ptr<GraphStore> filled(const test::TempDir& tmp) {
  auto store = GraphStore::open(tmp.str() + "/db");
  REQUIRE(store);
  Actor russia = test::make_actor("Russia", ActorKind::kState, "RUS", "RUS");
  Actor taliban = test::make_actor("Taliban", ActorKind::kArmedGroup, "AFG", "AFG");
  Actor lavrov = test::make_actor("Sergei Lavrov", ActorKind::kPerson, "RUS", "RUS");
  lavrov.affiliations.push_back(
      {russia.id, "Russia", "foreign minister", Date::from_ymd(2004, 3, 9), {}});
  Actor blinken = test::make_actor("Antony Blinken", ActorKind::kPerson, "USA", "USA");
  Document doc;
  doc.id = "doc-1";
  doc.published = Date::from_ymd(2021, 8, 16);
  doc.text = "test document";
  Extraction ex;
  ex.actors = {russia, taliban, lavrov, blinken};
  Event statement;
  statement.type = EventType::kStatement;
  statement.source = ActorRef::of(lavrov);
  statement.date = *Date::parse("2021-08-16");
  statement.finalize();
  ex.events = {event(EventType::kCall, lavrov, blinken, "2021-08-16"),
               event(EventType::kHost, russia, taliban, "2021-07", EventStatus::kPlanned),
               event(EventType::kCall, lavrov, blinken, "2021-08-20", EventStatus::kDenied),
               statement};
  REQUIRE((*store)->ingest(doc, ex));
  return std::move(*store);
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("Export: the whole graph has the nodes and edges stats counts", "[export]") {
  test::TempDir tmp;
  auto store = filled(tmp);
  auto stats = store->stats();
  REQUIRE(stats);
  auto g = select_graph(*store, {});
  REQUIRE(g);
  CHECK(g->actors.size() == stats->actors);
  CHECK(g->events.size() + g->affiliations.size() == stats->edges + stats->affiliations);
  CHECK(g->events.size() == 3);  // the denied call too; the statement has no target

  ExportOptions window;
  window.filter.window.from = Date::from_ymd(2021, 8, 1).days;
  auto w = select_graph(*store, window);
  REQUIRE(w);
  // The actors with an event in the window and the state Lavrov serves; the Taliban, whose only
  // event (the July hosting) is outside, is left out.
  CHECK(w->actors.size() == 3);
  for (const auto& a : w->actors) CHECK(a.name != "Taliban");
  CHECK(w->events.size() == 2);
  CHECK(w->affiliations.size() == 1);
}

TEST_CASE("Export: GraphML declares typed keys and marks undirected types", "[export]") {
  test::TempDir tmp;
  auto store = filled(tmp);
  auto g = select_graph(*store, {});
  REQUIRE(g);
  std::ostringstream a, b;
  REQUIRE(write_graphml(*g, a));
  REQUIRE(write_graphml(*g, b));
  CHECK(a.str() == b.str());
  const std::string x = a.str();
  CHECK(count(x, "<node id=") == 4);
  CHECK(count(x, "<edge id=") == 4);
  CHECK_THAT(x, Catch::Contains("attr.name=\"goldstein\" attr.type=\"double\""));
  CHECK_THAT(x, Catch::Contains("attr.name=\"undirected\" attr.type=\"boolean\""));
  CHECK_THAT(x, Catch::Contains("<data key=\"e_undir\">true</data>"));
  CHECK_THAT(x, Catch::Contains("<data key=\"e_role\">foreign minister</data>"));
  CHECK_THAT(x, !Catch::Contains("directed=\"false\""));
}

TEST_CASE("Export: GEXF is dynamic, each edge spanning its date", "[export]") {
  test::TempDir tmp;
  auto store = filled(tmp);
  auto g = select_graph(*store, {});
  REQUIRE(g);
  std::ostringstream out;
  REQUIRE(write_gexf(*g, out));
  const std::string x = out.str();
  CHECK_THAT(x, Catch::Contains("mode=\"dynamic\"") && Catch::Contains("timeformat=\"date\""));
  CHECK_THAT(x, Catch::Contains("start=\"2021-08-16\" end=\"2021-08-16\""));
  CHECK_THAT(x, Catch::Contains("start=\"2021-07-01\" end=\"2021-07-31\""));  // month precision
  CHECK_THAT(x, Catch::Contains("label=\"affiliation\" start=\"2004-03-09\">"));
  CHECK(count(x, "<edge id=") == 4);

  std::ostringstream v13;
  REQUIRE(write_gexf(*g, v13, "1.3"));
  CHECK_THAT(v13.str(), Catch::Contains("xmlns=\"http://gexf.net/1.3\""));
  std::ostringstream bad;
  CHECK(write_gexf(*g, bad, "2.0").code() == StatusCode::kInvalidInput);
}

TEST_CASE("Export: node-link JSON has nodes and keyed links", "[export]") {
  test::TempDir tmp;
  auto store = filled(tmp);
  auto g = select_graph(*store, {});
  REQUIRE(g);
  std::ostringstream out;
  REQUIRE(write_node_link_json(*g, out));
  auto j = nlohmann::json::parse(out.str());
  CHECK(j["directed"] == true);
  CHECK(j["multigraph"] == true);
  CHECK(j["nodes"].size() == 4);
  REQUIRE(j["links"].size() == 4);
  std::set<std::string> keys;
  for (const auto& l : j["links"]) keys.insert(l["key"].get<std::string>());
  CHECK(keys.size() == 4);
  CHECK(j["links"].back()["type"] == "affiliation");
}

TEST_CASE("Export: CSV and NebulaGraph files", "[export]") {
  test::TempDir tmp;
  auto store = filled(tmp);
  auto g = select_graph(*store, {});
  REQUIRE(g);
  auto dir = tmp.path() / "csv";
  REQUIRE(write_csv(*g, dir.string()));
  std::string nodes = test::read_file(dir / "nodes.csv");
  std::string edges = test::read_file(dir / "edges.csv");
  CHECK(count(nodes, "\n") == 5);  // header + 4
  CHECK(count(edges, "\n") == 5);  // header + 4
  CHECK_THAT(nodes, Catch::StartsWith("id,name,kind,country,code\n"));

  auto neb = tmp.path() / "nebula";
  REQUIRE(write_nebula(*g, neb.string()));
  CHECK(count(test::read_file(neb / "actor.csv"), "\n") == 4);
  CHECK(count(test::read_file(neb / "edge_call.csv"), "\n") == 2);
  CHECK(count(test::read_file(neb / "edge_host.csv"), "\n") == 1);
  CHECK(count(test::read_file(neb / "affiliation.csv"), "\n") == 1);
  // Rank: the event id's first 64 bits (tests/export/nebula_test.cpp has the rest).
  auto call = std::find_if(g->events.begin(), g->events.end(),
                           [](const Event& e) { return e.type == EventType::kCall; });
  REQUIRE(call != g->events.end());
  CHECK_THAT(test::read_file(neb / "edge_call.csv"),
             Catch::Contains("," + std::to_string(static_cast<std::int64_t>(call->id.hi)) + ","));
  CHECK_THAT(test::read_file(neb / "schema.ngql"), Catch::Contains("FIXED_STRING(16)"));
  CHECK_THAT(test::read_file(neb / "importer.yaml"), Catch::Contains("path: ./edge_call.csv"));
  CHECK(write_csv(*g, (neb / "actor.csv").string()).code() == StatusCode::kIoError);
}

TEST_CASE("Dot: collapsed edges carry a count, clusters group countries", "[export]") {
  test::TempDir tmp;
  auto store = filled(tmp);
  auto g = select_graph(*store, {});
  REQUIRE(g);
  DotOptions opts;
  opts.collapse = true;
  opts.cluster_by_country = true;
  std::ostringstream out;
  REQUIRE(write_dot(*g, opts, out));
  const std::string dot = out.str();
  CHECK_THAT(dot, Catch::Contains("call \xc3\x97" "2\\n2021-08-16 to 2021-08-20"));
  CHECK_THAT(dot, Catch::Contains("subgraph \"cluster_RUS\""));
  CHECK(count(dot, " -> ") == 3);  // two bundles and the affiliation
  if (std::system("command -v dot >/dev/null 2>&1") != 0) DIPLOGRAPH_SKIP("GraphViz is not installed");
  auto svg = tmp.path() / "c.svg";
  REQUIRE(render_graphviz(dot, "svg", svg.string()));
}

TEST_CASE("Export: a path answer as a selection", "[export]") {
  Actor blinken = test::make_actor("Antony Blinken", ActorKind::kPerson, "USA", "USA");
  Actor lavrov = test::make_actor("Sergei Lavrov", ActorKind::kPerson, "RUS", "RUS");
  Actor russia = test::make_actor("Russia", ActorKind::kState, "RUS", "RUS");
  PathResult p;
  p.actors = {ActorRef::of(blinken), ActorRef::of(lavrov), ActorRef::of(russia)};
  PathHop h1, h2;
  h1.a = ActorRef::of(blinken);
  h1.b = ActorRef::of(lavrov);
  h1.events = {event(EventType::kCall, lavrov, blinken, "2021-08-16")};
  h2.a = ActorRef::of(lavrov);
  h2.b = ActorRef::of(russia);
  h2.affiliation = Affiliation{russia.id, "Russia", "foreign minister", {}, {}};
  p.hops = {h1, h2};
  GraphSelection g = selection_of_path(p);
  CHECK(g.actors.size() == 3);
  CHECK(g.events.size() == 1);
  REQUIRE(g.affiliations.size() == 1);
  CHECK(g.affiliations[0].from == lavrov.id);
  CHECK(g.affiliations[0].to == russia.id);

  // Every DOT we write is accepted by GraphViz: the path drawing, and a titled one without legend.
  std::ostringstream path_dot, plain;
  REQUIRE(write_path_dot(p, path_dot));
  CHECK_THAT(path_dot.str(), Catch::Contains("2 hops (fewest-hops)"));
  DotOptions opts;
  opts.legend = false;
  opts.title = "A \"quoted\" title";
  REQUIRE(write_dot(g, opts, plain));
  CHECK_THAT(plain.str(), !Catch::Contains("legend"));
  if (std::system("command -v dot >/dev/null 2>&1") != 0) DIPLOGRAPH_SKIP("GraphViz is not installed");
  test::TempDir tmp;
  REQUIRE(render_graphviz(path_dot.str(), "svg", (tmp.path() / "p.svg").string()));
  REQUIRE(render_graphviz(plain.str(), "png", (tmp.path() / "p.png").string()));
}

TEST_CASE("Export CLI: formats, directories and usage errors", "[export][cli]") {
  test::TempDir tmp;
  std::string db = (tmp.path() / "db").string();
  std::string ex = std::string(DIPLOGRAPH_SOURCE_DIR) + "/examples/";
  REQUIRE(test::run_cli("ingest " + test::quote(ex + "afghanistan-2021-08-16.jsonl") + " " +
                            test::quote(ex + "taliban-delegations-2021-07.jsonl"),
                        db)
              .exit_code == 0);
  auto stats = nlohmann::json::parse(test::run_cli("stats --json", db).out);
  auto r = test::run_cli("export --format json", db);
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["nodes"].size() == stats["actors"].get<std::size_t>());
  CHECK(j["links"].size() ==
        stats["edges"].get<std::size_t>() + stats["affiliations"].get<std::size_t>());
  for (const char* f : {"graphml", "gexf", "dot", "json"}) {
    auto a = test::run_cli(std::string("export --format ") + f, db);
    auto b = test::run_cli(std::string("export --format ") + f, db);
    CHECK(a.exit_code == 0);
    CHECK(a.out == b.out);  // same graph, same bytes
  }
  CHECK(test::run_cli("export --format csv", db).exit_code == 2);  // needs -o DIR
  CHECK(test::run_cli("export --format yaml", db).exit_code == 2);
  CHECK(test::run_cli("export --cluster-by kind", db).exit_code == 2);
  auto dir = tmp.path() / "out";
  REQUIRE(test::run_cli("export --format csv -o " + test::quote(dir.string()), db).exit_code == 0);
  CHECK(std::filesystem::exists(dir / "edges.csv"));
  r = test::run_cli("export --format graphml --actor Taliban --depth 1", db);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("Taliban"));
  CHECK(test::run_cli("export --actor 'No Such Actor'", db).exit_code == 1);
  r = test::run_cli("export --format jsonl --actor Taliban", db);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("\"name\":\"Taliban\""));
}
