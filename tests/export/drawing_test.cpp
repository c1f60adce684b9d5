// Drawings of real-sized graphs: size limits and the guard, layouts, several paths in one drawing,
// and a render that fails leaving no file.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>

#include "diplograph/diplograph.hpp"
#include "support/test_support.hpp"

using namespace diplograph;

namespace {

Actor make_actor(const std::string& name) {
  Actor a;
  a.id = actor_id_for(name);
  a.name = name;
  a.kind = ActorKind::kState;
  return a;
}

Event make_event(const Actor& s, const Actor& t, int day) {
  Event e;
  e.type = EventType::kMeeting;
  e.source = ActorRef::of(s);
  e.target = ActorRef::of(t);
  e.date = Date{day, DatePrecision::kDay};
  e.mentions.push_back({"doc", 0, 0, 10, "test", "A sentence."});
  e.finalize();
  return e;
}

// A hub with `spokes` partners: partner i meets the hub i+1 times; one actor has no edge.
GraphSelection star(int spokes) {
  GraphSelection g;
  Actor hub = make_actor("Hub");
  g.actors.push_back(hub);
  g.actors.push_back(make_actor("Loner"));
  int day = 18000;
  for (int i = 0; i < spokes; ++i) {
    Actor p = make_actor("Partner " + std::to_string(i));
    g.actors.push_back(p);
    for (int k = 0; k <= i; ++k) g.events.push_back(make_event(hub, p, day++));
  }
  g.normalize();
  return g;
}

std::set<std::string> names(const GraphSelection& g) {
  std::set<std::string> s;
  for (const auto& a : g.actors) s.insert(a.name);
  return s;
}

bool has_graphviz() { return std::system("command -v dot >/dev/null 2>&1") == 0; }

}  // namespace

TEST_CASE("Drawing: --top keeps the actors with the most events", "[export][drawing]") {
  GraphSelection g = star(10);
  SizeLimits limits;
  limits.top = 3;  // the hub and the two busiest partners
  SizeReport r = limit_size(g, limits);
  CHECK(names(g) == std::set<std::string>{"Hub", "Partner 9", "Partner 8"});
  CHECK(g.events.size() == 10 + 9);
  CHECK(r.actors_before == 12);
  CHECK(r.actors_after == 3);
  CHECK(r.top == 3);
  CHECK_FALSE(r.guarded);
  CHECK(r.summary() == "the 3 of 12 actors with the most events, 19 of 55 events and affiliations");
}

TEST_CASE("Drawing: --min-events drops rare pairs and the actors they leave alone",
          "[export][drawing]") {
  GraphSelection g = star(10);
  SizeLimits limits;
  limits.min_events = 8;  // partners 7, 8 and 9 met the hub 8, 9 and 10 times
  SizeReport r = limit_size(g, limits);
  CHECK(names(g) == std::set<std::string>{"Hub", "Partner 7", "Partner 8", "Partner 9"});
  CHECK(r.edges_after == 27);
  CHECK_FALSE(r.guarded);
}

TEST_CASE("Drawing: nothing asked, nothing left out", "[export][drawing]") {
  GraphSelection g = star(10);
  SizeReport r = limit_size(g, {});
  CHECK(g.actors.size() == 12);  // the loner too: no limit, no trimming
  CHECK_FALSE(r.trimmed());
  CHECK(r.summary().empty());
}

TEST_CASE("Drawing: the guard keeps the largest top that fits", "[export][drawing]") {
  GraphSelection g = star(30);
  SizeLimits limits;
  limits.max_nodes = 10;
  limits.max_edges = 1000;
  SizeReport r = limit_size(g, limits);
  CHECK(r.guarded);
  CHECK(g.actors.size() == 10);
  CHECK(names(g).count("Hub"));
  CHECK(names(g).count("Partner 29"));

  // Edges bind too: collapsed, each partner is one edge.
  GraphSelection h = star(30);
  limits.max_nodes = 100;
  limits.max_edges = 5;
  limits.collapsed = true;
  r = limit_size(h, limits);
  CHECK(r.guarded);
  CHECK(h.actors.size() == 6);  // the hub and five partners: five drawn edges
  // A graph that fits is left alone.
  GraphSelection small = star(3);
  r = limit_size(small, limits = SizeLimits{0, 0, 100, 100, false});
  CHECK_FALSE(r.guarded);
  CHECK(small.actors.size() == 5);
}

TEST_CASE("Drawing: the caption and the legend are in the drawing", "[export][drawing]") {
  GraphSelection g = star(3);
  DotOptions opts;
  opts.note = "showing 3 of 5 actors";
  opts.layout = "sfdp";
  std::ostringstream out;
  REQUIRE(write_dot(g, opts, out));
  CHECK_THAT(out.str(), Catch::Contains("layout=sfdp"));
  CHECK_THAT(out.str(), Catch::Contains("showing 3 of 5 actors"));
  CHECK_THAT(out.str(), Catch::Contains("<b>Legend</b>"));
  CHECK_THAT(out.str(), Catch::Contains("bgcolor=\"#a01010\""));  // a swatch, not a glyph
  if (!has_graphviz()) {
    WARN("SKIPPED: GraphViz is not installed");
    return;
  }
  test::TempDir tmp;
  REQUIRE(render_graphviz(out.str(), "svg", (tmp.path() / "g.svg").string(), "sfdp"));
  std::string svg = test::read_file(tmp.path() / "g.svg");
  CHECK_THAT(svg, Catch::Contains("showing 3 of 5 actors"));
  CHECK_THAT(svg, Catch::Contains("fill=\"#a01010\""));  // the swatch is drawn
}

TEST_CASE("Drawing: a failed render leaves no file and keeps an old one", "[export][drawing]") {
  if (!has_graphviz()) {
    WARN("SKIPPED: GraphViz is not installed");
    return;
  }
  test::TempDir tmp;
  auto target = tmp.path() / "g.png";
  Status st = render_graphviz("digraph { a -> b }", "png", target.string(), "nosuchengine");
  CHECK(st.code() == StatusCode::kIoError);
  CHECK_THAT(st.message(), Catch::Contains("nothing was written to"));
  CHECK_FALSE(std::filesystem::exists(target));
  CHECK(std::filesystem::is_empty(tmp.path()));  // no temporary file left either

  test::write_file(target, "an older drawing");
  CHECK_FALSE(render_graphviz("digraph { a -> b ", "png", target.string()));  // a syntax error
  CHECK(test::read_file(target) == "an older drawing");
  REQUIRE(render_graphviz("digraph { a -> b }", "png", target.string()));
  CHECK(test::read_file(target).substr(1, 3) == "PNG");
  CHECK(std::distance(std::filesystem::directory_iterator(tmp.path()),
                      std::filesystem::directory_iterator()) == 1);
  CHECK(render_graphviz("digraph {}", "png", target.string(), "dot; rm").code() ==
        StatusCode::kInvalidInput);
}

TEST_CASE("Drawing: clusters by country render with collapsed edges", "[export][drawing]") {
  // Edges inside and between clusters, both ways: what made `dot` fail in init_rank.
  GraphSelection g;
  const char* countries[] = {"RUS", "USA", "UKR", "FRA"};
  std::vector<Actor> actors;
  for (int i = 0; i < 16; ++i) {
    Actor a = make_actor("Actor " + std::to_string(i));
    a.kind = i % 2 ? ActorKind::kPerson : ActorKind::kState;
    a.country = countries[i % 4];
    actors.push_back(a);
  }
  int day = 18000;
  for (int i = 0; i < 16; ++i)
    for (int j = 0; j < 16; ++j)
      if (i != j && (i * 7 + j * 3) % 5 == 0)
        g.events.push_back(make_event(actors[i], actors[j], day++));
  g.actors = actors;
  g.normalize();
  DotOptions opts;
  opts.collapse = true;
  opts.cluster_by_country = true;
  std::ostringstream out;
  REQUIRE(write_dot(g, opts, out));
  CHECK_THAT(out.str(), Catch::Contains("newrank=true"));
  if (!has_graphviz()) {
    WARN("SKIPPED: GraphViz is not installed");
    return;
  }
  test::TempDir tmp;
  CHECK(render_graphviz(out.str(), "png", (tmp.path() / "c.png").string()));
}

TEST_CASE("Drawing: every path of a --k answer is drawn", "[export][drawing]") {
  Actor a = make_actor("Alpha"), d = make_actor("Delta");
  std::vector<PathResult> paths;
  for (const char* via : {"Bravo", "Charlie", "Echo"}) {
    Actor m = make_actor(via);
    PathResult p;
    p.actors = {ActorRef::of(a), ActorRef::of(m), ActorRef::of(d)};
    PathHop h1, h2;
    h1.a = ActorRef::of(a);
    h1.b = ActorRef::of(m);
    h1.events = {make_event(a, m, 18000)};
    h2.a = ActorRef::of(m);
    h2.b = ActorRef::of(d);
    h2.events = {make_event(m, d, 18001)};
    p.hops = {h1, h2};
    paths.push_back(p);
  }
  std::ostringstream dot;
  REQUIRE(write_paths_dot(paths, dot));
  for (const char* c :
       {"cluster_path1", "cluster_path2", "cluster_path3", "Bravo", "Charlie", "Echo"})
    CHECK_THAT(dot.str(), Catch::Contains(c));
  CHECK_THAT(dot.str(), Catch::Contains("Alpha to Delta: 3 paths"));

  GraphSelection sel = selection_of_paths(paths);
  CHECK(sel.paths.size() == 3);
  CHECK(sel.actors.size() == 5);
  CHECK(sel.events.size() == 6);
  std::ostringstream json;
  REQUIRE(write_node_link_json(sel, json));
  CHECK_THAT(json.str(), Catch::Contains("\"paths\":[["));
}
