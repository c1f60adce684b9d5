#include <catch2/catch.hpp>

#include <cstdlib>
#include <sstream>

#include "diplograph/diplograph.hpp"
#include "store/store_fixtures.hpp"
#include "support/test_support.hpp"

using namespace diplograph;

namespace {

Event make_event(EventType type, const Actor& s, const Actor& t, const char* date,
                 const char* doc, EventStatus status = EventStatus::kOccurred) {
  return test::make_event(type, s, &t, *Date::parse(date), status, doc);
}

// Lavrov (serving Russia) called Blinken; Russia hosted the Taliban (planned).
void fill(GraphStore& store) {
  Actor russia = test::make_actor("Russia", ActorKind::kState, "RUS", "RUS");
  Actor taliban = test::make_actor("Taliban", ActorKind::kArmedGroup, "AFG", "AFG");
  Actor lavrov = test::make_actor("Sergei Lavrov", ActorKind::kPerson, "RUS", "RUS");
  lavrov.affiliations.push_back({russia.id, "Russia", "foreign minister", Date::from_ymd(2004, 3, 9), {}});
  Actor blinken = test::make_actor("Antony Blinken", ActorKind::kPerson, "USA", "USA");
  Document doc;
  doc.id = "doc-1";
  doc.published = Date::from_ymd(2021, 8, 16);
  doc.text = "test document one";
  Extraction ex;
  ex.actors = {russia, taliban, lavrov, blinken};
  ex.events = {make_event(EventType::kCall, lavrov, blinken, "2021-08-16", "doc-1"),
               make_event(EventType::kHost, russia, taliban, "2021-08-17", "doc-1",
                          EventStatus::kPlanned)};
  REQUIRE(store.ingest(doc, ex));
}

}  // namespace

TEST_CASE("Dot: the whole graph, styled, stable and accepted by GraphViz", "[export]") {
  test::TempDir tmp;
  auto store = GraphStore::open(tmp.str() + "/db");
  REQUIRE(store);
  fill(**store);
  std::ostringstream a, b;
  REQUIRE(write_dot(**store, {}, a));
  REQUIRE(write_dot(**store, {}, b));
  CHECK(a.str() == b.str());
  const std::string dot = a.str();
  CHECK_THAT(dot, Catch::StartsWith("digraph diplograph {"));
  CHECK_THAT(dot, Catch::Contains("label=\"Sergei Lavrov\\n(RUS)\", shape=ellipse"));
  CHECK_THAT(dot, Catch::Contains("label=\"Taliban\", shape=octagon"));
  CHECK_THAT(dot, Catch::Contains("label=\"call\\n2021-08-16\""));
  CHECK_THAT(dot, Catch::Contains("dir=none"));        // a call is undirected
  CHECK_THAT(dot, Catch::Contains("style=dashed"));    // the planned hosting
  CHECK_THAT(dot, Catch::Contains("foreign minister"));  // the affiliation edge
  CHECK_THAT(dot, Catch::Contains("<b>Legend</b>"));

  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    WARN("SKIPPED: GraphViz is not installed");
    return;
  }
  auto svg = tmp.path() / "g.svg";
  REQUIRE(render_graphviz(dot, "svg", svg.string()));
  CHECK_THAT(test::read_file(svg), Catch::Contains("<svg"));
}

TEST_CASE("Dot: an ego network keeps only the actors within the depth", "[export]") {
  test::TempDir tmp;
  auto store = GraphStore::open(tmp.str() + "/db");
  REQUIRE(store);
  fill(**store);
  ExportOptions opts;
  opts.actor = "Antony Blinken";
  opts.depth = 1;
  std::ostringstream out;
  REQUIRE(write_dot(**store, opts, out));
  CHECK_THAT(out.str(), Catch::Contains("Sergei Lavrov"));
  CHECK_THAT(out.str(), !Catch::Contains("Taliban"));
  opts.depth = 3;  // Blinken - Lavrov - Russia - Taliban
  std::ostringstream deeper;
  REQUIRE(write_dot(**store, opts, deeper));
  CHECK_THAT(deeper.str(), Catch::Contains("Taliban"));
}

TEST_CASE("Dot: a path answer shows its actors and dated events", "[export]") {
  PathResult p;
  Actor blinken = test::make_actor("Antony Blinken", ActorKind::kPerson, "USA", "USA");
  Actor lavrov = test::make_actor("Sergei Lavrov", ActorKind::kPerson, "RUS", "RUS");
  Actor russia = test::make_actor("Russia", ActorKind::kState, "RUS", "RUS");
  p.actors = {ActorRef::of(blinken), ActorRef::of(lavrov), ActorRef::of(russia)};
  PathHop h1, h2;  // by field: PathHop grows fields for the temporal modes
  h1.a = ActorRef::of(blinken);
  h1.b = ActorRef::of(lavrov);
  h1.events = {make_event(EventType::kCall, lavrov, blinken, "2021-08-16", "d")};
  h2.a = ActorRef::of(lavrov);
  h2.b = ActorRef::of(russia);
  h2.affiliation = Affiliation{russia.id, "Russia", "foreign minister", {}, {}};
  p.hops = {h1, h2};
  std::ostringstream out;
  REQUIRE(write_path_dot(p, out));
  CHECK_THAT(out.str(), Catch::Contains("2021-08-16 call"));
  CHECK_THAT(out.str(), Catch::Contains("foreign minister"));
  CHECK_THAT(out.str(), Catch::Contains("Antony Blinken to Russia"));
}

TEST_CASE("Dot: rendering without GraphViz is a clear kNotFound", "[export]") {
  const char* old = std::getenv("PATH");
  std::string saved = old ? old : "";
  setenv("PATH", "/nonexistent-dir", 1);
  Status st = render_graphviz("digraph {}", "svg", "/tmp/never-written.svg");
  setenv("PATH", saved.c_str(), 1);
  CHECK(st.code() == StatusCode::kNotFound);
  CHECK_THAT(st.message(), Catch::Contains("dot"));
}
