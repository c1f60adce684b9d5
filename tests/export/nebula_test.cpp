// The NebulaGraph hand-off: a schema NebulaGraph 3.x parses (every identifier quoted), an importer
// config of nebula-importer 4.x's keys, and edge keys (source, type, rank, target) that keep every
// event.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <vector>

#include "diplograph/diplograph.hpp"
#include "store/store_fixtures.hpp"
#include "support/test_support.hpp"

using namespace diplograph;

namespace {

// A store where the old key (rank = the day) collided: an occurred, a planned and a denied call of
// one pair on one day, and two affiliations of one pair starting the same day.
std::unique_ptr<GraphStore> same_day_store(const test::TempDir& tmp) {
  auto store = GraphStore::open(tmp.str() + "/db");
  REQUIRE(store);
  Actor russia = test::make_actor("Russia", ActorKind::kState, "RUS", "RUS");
  Actor lavrov = test::make_actor("Sergei Lavrov", ActorKind::kPerson, "RUS", "RUS");
  lavrov.affiliations.push_back(
      {russia.id, "Russia", "foreign minister", Date::from_ymd(2004, 3, 9), {}});
  lavrov.affiliations.push_back(
      {russia.id, "Russia", "security council member", Date::from_ymd(2004, 3, 9), {}});
  Actor blinken = test::make_actor("Antony Blinken", ActorKind::kPerson, "USA", "USA");
  Document doc;
  doc.id = "doc-1";
  doc.published = Date::from_ymd(2021, 8, 16);
  doc.text = "test document";
  Extraction ex;
  ex.actors = {russia, lavrov, blinken};
  ex.events = {test::make_event(EventType::kCall, lavrov, &blinken, test::day(2021, 8, 16), EventStatus::kOccurred, "doc-1"),
               test::make_event(EventType::kCall, lavrov, &blinken, test::day(2021, 8, 16), EventStatus::kPlanned, "doc-1"),
               test::make_event(EventType::kCall, lavrov, &blinken, test::day(2021, 8, 16), EventStatus::kDenied, "doc-1")};
  REQUIRE((*store)->ingest(doc, ex));
  return std::move(*store);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.push_back(field);
      field.clear();
    } else {
      field += c;
    }
  }
  fields.push_back(field);
  return fields;
}

// The words of nGQL statements left once every `quoted` identifier is taken out: only keywords and
// type names may remain, so a property named date (a reserved word) unquoted shows up here.
std::set<std::string> unquoted_words(const std::string& statement) {
  std::string bare = std::regex_replace(statement, std::regex("`[^`]*`"), " ");
  std::set<std::string> words;
  std::regex word("[A-Za-z_][A-Za-z0-9_]*");
  for (auto it = std::sregex_iterator(bare.begin(), bare.end(), word); it != std::sregex_iterator();
       ++it)
    words.insert(it->str());
  return words;
}

const std::set<std::string> kNgqlKeywords = {
    "CREATE", "SPACE", "IF", "NOT", "EXISTS", "USE", "TAG", "EDGE", "INDEX", "ON",
    "partition_num", "replica_factor", "vid_type", "FIXED_STRING", "string", "int", "double",
    "bool"};

// The statements of schema.ngql (comments and the console's :sleep left out).
std::vector<std::string> schema_statements(const std::string& text) {
  std::vector<std::string> out;
  for (const std::string& line : lines_of(text))
    if (!line.empty() && line[0] != '#' && line[0] != ':') out.push_back(line);
  return out;
}

// Every key of a block-style YAML file as a dotted path, list levels left out
// ("sources.edges.rank.index"). Enough for the files write_nebula writes: no flow collections, no
// block scalars, no keys inside quotes.
std::vector<std::string> yaml_key_paths(const std::string& text) {
  std::vector<std::pair<std::size_t, std::string>> stack;  // indent, key
  std::vector<std::string> paths;
  std::regex key_line("([A-Za-z_][A-Za-z0-9_]*):( .*)?");
  for (const std::string& line : lines_of(text)) {
    std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string::npos || line[indent] == '#') continue;
    std::string rest = line.substr(indent);
    while (rest.rfind("- ", 0) == 0) {  // a list item: its key sits two columns in
      rest = rest.substr(2);
      indent += 2;
    }
    std::smatch m;
    if (!std::regex_match(rest, m, key_line)) continue;  // a scalar list item
    while (!stack.empty() && stack.back().first >= indent) stack.pop_back();
    std::string path;
    for (const auto& [i, k] : stack) path += k + ".";
    paths.push_back(path + m[1].str());
    stack.emplace_back(indent, m[1].str());
  }
  return paths;
}

std::set<std::string> documented_importer_keys() {
  std::set<std::string> keys;
  for (const std::string& line :
       lines_of(test::read_file(test::data_path("export/nebula-importer-4.x-keys.txt"))))
    if (!line.empty() && line[0] != '#') keys.insert(line);
  return keys;
}

// The statements of importer.yaml's hooks: the double-quoted list items under `statements:`.
std::vector<std::string> hook_statements(const std::string& yaml) {
  std::vector<std::string> out;
  bool in_statements = false;
  for (const std::string& line : lines_of(yaml)) {
    std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string::npos) continue;
    if (line.find("statements:") != std::string::npos) {
      in_statements = true;
      continue;
    }
    if (in_statements && line.compare(indent, 3, "- \"") == 0) {
      std::string s = line.substr(indent + 3);
      REQUIRE(s.back() == '"');
      s.pop_back();
      out.push_back(s);
    } else {
      in_statements = false;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("Nebula: every identifier in the schema is quoted", "[export][nebula]") {
  test::TempDir tmp;
  auto store = same_day_store(tmp);
  auto g = select_graph(*store, {});
  REQUIRE(g);
  const auto dir = tmp.path() / "nebula";
  REQUIRE(write_nebula(*g, dir.string()));

  SECTION("schema.ngql") {
    const std::string schema = test::read_file(dir / "schema.ngql");
    const auto statements = schema_statements(schema);
    REQUIRE(statements.size() == 2 + 1 + kEventTypeCount + 1 + 1);  // space, use, tag, edges, index
    for (const std::string& s : statements) {
      INFO(s);
      for (const std::string& w : unquoted_words(s)) CHECK(kNgqlKeywords.count(w) == 1);
    }
    CHECK_THAT(schema, Catch::Contains("`date` string") && Catch::Contains("`status` string"));
    // The wait NebulaGraph asks for after CREATE SPACE, before USE.
    CHECK_THAT(schema, Catch::Contains("FIXED_STRING(16));\n:sleep 20\nUSE `diplograph`;"));
    CHECK_THAT(schema, Catch::Contains(
                           "CREATE TAG INDEX IF NOT EXISTS `actor_name` ON `actor`(`name`(128));"));
    CHECK_THAT(schema, Catch::Contains("replica_factor = 1,"));
  }
  SECTION("the importer's hooks run the same statements, with a wait after each step") {
    const std::string yaml = test::read_file(dir / "importer.yaml");
    const auto hooks = hook_statements(yaml);
    const auto console = schema_statements(test::read_file(dir / "schema.ngql"));
    REQUIRE(hooks.size() == console.size());
    for (std::size_t i = 0; i < hooks.size(); ++i) CHECK(hooks[i] + ";" == console[i]);
    CHECK_THAT(yaml, Catch::Contains("  hooks:\n    before:\n      - statements:\n          - "
                                     "\"CREATE SPACE IF NOT EXISTS `diplograph`("));
    CHECK_THAT(yaml, Catch::Contains("))\"\n        wait: 20s\n      - statements:\n          - "
                                     "\"USE `diplograph`\"\n"));
    CHECK_THAT(yaml, Catch::EndsWith("\n") && Catch::Contains("(128))\"\n        wait: 20s\nlog:"));
  }
  SECTION("the old schema's unquoted `date` would have been caught") {
    CHECK(unquoted_words("CREATE EDGE IF NOT EXISTS `call`(event_id string, date string)")
              .count("date") == 1);
  }
}

TEST_CASE("Nebula: importer.yaml uses only nebula-importer 4.x's documented keys",
          "[export][nebula]") {
  test::TempDir tmp;
  auto store = same_day_store(tmp);
  auto g = select_graph(*store, {});
  REQUIRE(g);
  const auto dir = tmp.path() / "nebula";
  REQUIRE(write_nebula(*g, dir.string()));
  const std::set<std::string> documented = documented_importer_keys();
  REQUIRE(documented.count("manager.hooks.before.wait") == 1);
  const auto paths = yaml_key_paths(test::read_file(dir / "importer.yaml"));
  const std::set<std::string> used(paths.begin(), paths.end());
  for (const std::string& p : used) {
    INFO(p);
    CHECK(documented.count(p) == 1);
  }
  for (const char* needed :
       {"client.version", "client.address", "manager.spaceName",
        "manager.hooks.before.statements", "manager.hooks.before.wait", "sources.path",
        "sources.csv.withHeader", "sources.tags.id.index", "sources.edges.rank.index",
        "sources.edges.src.id.index", "sources.edges.props.index"}) {
    INFO(needed);
    CHECK(used.count(needed) == 1);
  }
  // The extractor itself: a misspelt key is one the list does not have.
  CHECK(yaml_key_paths(
            "manager:\n  hooks:\n    before:\n      - statments:\n          - \"x\"\n") ==
        std::vector<std::string>{"manager", "manager.hooks", "manager.hooks.before",
                                 "manager.hooks.before.statments"});
}

TEST_CASE("Nebula: no two edges share NebulaGraph's key", "[export][nebula]") {
  test::TempDir tmp;
  auto store = same_day_store(tmp);
  auto g = select_graph(*store, {});
  REQUIRE(g);
  REQUIRE(g->events.size() == 3);
  REQUIRE(g->affiliations.size() == 2);
  const auto dir = tmp.path() / "nebula";
  REQUIRE(write_nebula(*g, dir.string()));

  std::set<std::vector<std::string>> keys, day_keys;
  std::set<std::string> event_ids;
  std::size_t edges = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("edge_", 0) != 0 && name != "affiliation.csv") continue;
    for (const std::string& line : lines_of(test::read_file(entry.path()))) {
      const auto f = fields_of(line);
      keys.insert({name, f[0], f[1], f[2]});
      ++edges;
      if (name == "edge_call.csv") {
        event_ids.insert(f[3]);
        day_keys.insert({name, f[0], f[1], f[7]});  // the old rank: the day
      }
    }
  }
  CHECK(edges == 5);
  CHECK(keys.size() == edges);
  CHECK(event_ids.size() == 3);
  CHECK(day_keys.size() == 1);  // with the day as rank the three calls were one edge

  SECTION("the rank is the event id's first 64 bits, as a signed integer") {
    const auto rows = lines_of(test::read_file(dir / "edge_call.csv"));
    for (const std::string& row : rows) {
      const auto f = fields_of(row);
      auto id = EventId::from_hex(f[3]);
      REQUIRE(id);
      CHECK(f[2] == std::to_string(static_cast<std::int64_t>(id->hi)));
    }
  }
}

TEST_CASE("Nebula: events whose ids share their first 64 bits still get distinct ranks",
          "[export][nebula]") {
  Actor a = test::make_actor("Sergei Lavrov", ActorKind::kPerson, "RUS", "RUS");
  Actor b = test::make_actor("Antony Blinken", ActorKind::kPerson, "USA", "USA");
  GraphSelection g;
  g.actors = {a, b};
  for (std::uint64_t lo : {1, 2, 3}) {
    Event e = test::make_event(EventType::kCall, a, &b, test::day(2021, 8, 16), EventStatus::kOccurred, "doc-1");
    e.id = EventId{5, lo};  // ids of the user's own, 32 hex digits taken as they are
    g.events.push_back(e);
  }
  test::TempDir tmp;
  REQUIRE(write_nebula(g, tmp.str()));
  std::vector<std::string> ranks;
  for (const std::string& row : lines_of(test::read_file(tmp.path() / "edge_call.csv")))
    ranks.push_back(fields_of(row)[2]);
  CHECK(ranks == std::vector<std::string>{"5", "6", "7"});
}

TEST_CASE("Nebula: the replica factor is an option", "[export][nebula]") {
  GraphSelection g;
  test::TempDir tmp;
  NebulaOptions options;
  options.replica_factor = 3;
  REQUIRE(write_nebula(g, tmp.str(), options));
  CHECK_THAT(test::read_file(tmp.path() / "schema.ngql"), Catch::Contains("replica_factor = 3,"));
  CHECK_THAT(test::read_file(tmp.path() / "importer.yaml"),
             Catch::Contains("replica_factor = 3,"));
  options.replica_factor = 0;
  Status st = write_nebula(g, (tmp.path() / "zero").string(), options);
  CHECK(st.code() == StatusCode::kInvalidInput);
  CHECK(st.message() == "the replica factor must be 1 or more, not 0");
  CHECK_FALSE(std::filesystem::exists(tmp.path() / "zero"));
}
