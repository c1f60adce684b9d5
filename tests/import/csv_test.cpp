// CSV event edge lists (`ingest --format csv`, what bench/gen_events writes): the line parser,
// and whole files through the CLI: bad lines reported and skipped, re-import a no-op, auto
// detection, and the given event ids kept (ours as they are, any other hashed to ours).
#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "diplograph/graph_store.hpp"
#include "import/csv.hpp"
#include "support/test_support.hpp"

using namespace diplograph;
using namespace diplograph::test;

namespace {

nlohmann::json stats_of(const std::string& db) {
  auto r = run_cli("stats --json --db " + quote(db));
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("CSV: header columns by name, types as names or CAMEO codes, quotes, ids kept",
          "[import]") {
  auto h = import::parse_csv_header("Source,TARGET,date,type,id,status,extra");
  REQUIRE(h);
  CHECK(h->columns == 7);
  CHECK_FALSE(import::parse_csv_header("source,target,date"));
  CHECK(import::parse_csv_header("source,target,date").error().message().find("'type'") !=
        std::string::npos);

  auto r = import::parse_csv_line(
      *h, "\"Lavrov, Sergei\",Actor B,2021-08-16,call,0123456789abcdef0123456789abcdef,planned,x",
      "f.csv:2");
  REQUIRE(r);
  REQUIRE(r->extraction.events.size() == 1);
  const Event& e = r->extraction.events[0];
  CHECK(e.source.name == "Lavrov, Sergei");
  CHECK(e.source.id == actor_id_for("Lavrov, Sergei"));
  REQUIRE(e.target);
  CHECK(e.target->name == "Actor B");
  CHECK(e.type == EventType::kCall);
  CHECK(e.cameo == "041");
  CHECK(e.status == EventStatus::kPlanned);
  CHECK(e.date == Date::from_ymd(2021, 8, 16));
  CHECK(e.id.hex() == "0123456789abcdef0123456789abcdef");
  CHECK(r->doc.id == "f.csv:2");
  REQUIRE(e.mentions.size() == 1);
  CHECK(e.mentions[0].pattern == "csv");

  // A CAMEO code, month precision, no id: the id is computed; a quoted quote.
  r = import::parse_csv_line(*h, "\"Say \"\"hi\"\"\",Russia,2021-08,0431,,,", "f.csv:3");
  REQUIRE(r);
  const Event& f = r->extraction.events[0];
  CHECK(f.source.name == "Say \"hi\"");
  CHECK(f.type == EventType::kHost);
  CHECK(f.cameo == "0431");
  CHECK(f.date.precision == DatePrecision::kMonth);
  CHECK(f.status == EventStatus::kOccurred);
  Event g = f;
  g.finalize();
  CHECK(f.id == g.id);
  // A state's name resolves to the state, which comes with its record.
  CHECK(f.target->kind == ActorKind::kState);
  CHECK(f.target->country == "RUS");
  CHECK_FALSE(r->extraction.actors.empty());

  for (const char* bad : {"A,B,2021-13-01,call,,,", "A,B,2021-08-16,chat,,,",
                          "A,B,2021-08-16,999,,,",
                          "A,B,2021-08-16,call,,maybe,", "A,B,2021-08-16,call", ",B,2021-08-16,call,,,",
                          "\"A,B,2021-08-16,call,,,"})
    CHECK_FALSE(import::parse_csv_line(*h, bad, "f.csv:9"));

  // An id of the user's own is hashed to ours, the same each time, and differs from another.
  auto e0 = import::parse_csv_line(*h, "A,B,2021-08-16,call,e0,,", "f.csv:4");
  auto e0again = import::parse_csv_line(*h, "A,B,2021-08-16,call,e0,,", "f.csv:5");
  auto e1 = import::parse_csv_line(*h, "A,B,2021-08-16,call,e1,,", "f.csv:6");
  REQUIRE(e0);
  REQUIRE(e0again);
  REQUIRE(e1);
  CHECK(e0->extraction.events[0].id == e0again->extraction.events[0].id);
  CHECK_FALSE(e0->extraction.events[0].id == e1->extraction.events[0].id);
  CHECK(e0->extraction.events[0].id == EventId::of_external("e0"));
}

TEST_CASE("CSV: an edge list with ids of its own (e0, e1, ...) is stored whole, once", "[import]") {
  TempDir tmp;
  std::string file = (tmp.path() / "edges.csv").string();
  std::string text = "source,target,date,type,id\n";
  for (int i = 0; i < 50; ++i)  // one pair, one day, one type: without the ids, one event
    text += "a1,a2,2010-01-0" + std::to_string(1 + i % 3) + ",call,e" + std::to_string(i) + "\n";
  write_file(file, text);
  std::string db = (tmp.path() / "db").string();
  REQUIRE(run_cli("ingest --format csv --db " + quote(db) + " " + quote(file)).exit_code == 0);
  auto s = stats_of(db);
  CHECK(s["events"] == 50);
  REQUIRE(run_cli("ingest --format csv --db " + quote(db) + " " + quote(file)).exit_code == 0);
  CHECK(stats_of(db) == s);
  CHECK(run_cli("check --db " + quote(db)).exit_code == 0);
}

TEST_CASE("CSV: ingest --format csv imports every good line, reports bad ones, once", "[import]") {
  TempDir tmp;
  std::string file = (tmp.path() / "edges.csv").string();
  write_file(file,
             "source,target,date,type,id,status\n"
             "Actor 000001,Actor 000002,2015-03-01,call,,occurred\n"
             "Actor 000002,Actor 000001,2015-03-01,call,,occurred\n"  // the same call: merged
             "Actor 000001,Actor 000003,2015-13-01,visit,,occurred\n"  // bad date
             "Actor 000003,Russia,2016-01-02,visit,,planned\n");
  std::string db = (tmp.path() / "db").string();
  auto r = run_cli("ingest --format csv --db " + quote(db) + " " + quote(file));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(file + ":4: bad date") != std::string::npos);
  auto s = stats_of(db);
  CHECK(s["mentions"] == 3);
  CHECK(s["events"] == 2);
  CHECK(s["documents"] == 3);
  CHECK(run_cli("check --db " + quote(db)).exit_code == 0);
  auto t = run_cli("timeline \"Actor 000001\" --json --db " + quote(db));
  REQUIRE(t.exit_code == 0);
  auto row = nlohmann::json::parse(t.out.substr(0, t.out.find('\n')));
  CHECK(row["type"] == "call");
  CHECK(row["sources"] == 2);

  SECTION("importing again changes nothing") {
    auto again = run_cli("ingest --format csv --db " + quote(db) + " " + quote(file));
    CHECK(again.exit_code == 2);
    CHECK(stats_of(db) == s);
  }
  SECTION("--format auto knows the file by its header") {
    std::string db2 = (tmp.path() / "db2").string();
    auto a = run_cli("ingest --db " + quote(db2) + " " + quote(file));
    CHECK(a.exit_code == 2);
    CHECK(stats_of(db2) == s);
  }
  SECTION("a file without the header is no CSV edge list") {
    std::string other = (tmp.path() / "other.csv").string();
    write_file(other, "a,b,c\n1,2,3\n");
    auto bad = run_cli("ingest --format csv --db " + quote(db) + " " + quote(other));
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("no 'source' column") != std::string::npos);
  }
}

TEST_CASE("CSV: a quoted field may hold line breaks (RFC 4180)", "[import]") {
  std::string_view text = "a,\"two\nlines\",c\nd,e,f\n\"x\"\"\ny\",z\n";
  CHECK(import::csv_record_end(text, 0) == 15);
  CHECK(import::csv_record_end(text, 16) == 21);
  CHECK(import::csv_record_end(text, 22) == text.size() - 1);
  CHECK(import::csv_quote_open("a,\"b\nc"));
  CHECK_FALSE(import::csv_quote_open("a,\"b\"\"c\""));

  TempDir tmp;
  std::string file = (tmp.path() / "edges.csv").string();
  // Many records, so that blocks and the parts of a block end inside a quoted field somewhere;
  // one of them unterminated at the end of the file.
  std::string csv = "source,target,date,type\n";
  for (int i = 0; i < 300; ++i)
    csv += i % 7 == 3 ? "\"Actor\nLine " + std::to_string(i) + "\",Russia,2015-03-01,call\n"
                      : "Actor " + std::to_string(i) + ",Russia,2015-03-01,call\n";
  csv += "\"Never closed,Russia,2015-03-01,call\nA,B,2015-03-01,call\n";
  write_file(file, csv);
  for (const char* chunk : {"", "5"}) {  // whole, and in blocks of 5 lines (then read on)
    INFO(chunk);
    if (*chunk) ::setenv("DIPLOGRAPH_IMPORT_CHUNK", chunk, 1);
    std::string db = (tmp.path() / ("db" + std::string(chunk))).string();
    auto r = run_cli("ingest --format csv --db " + quote(db) + " " + quote(file));
    ::unsetenv("DIPLOGRAPH_IMPORT_CHUNK");
    CHECK(r.exit_code == 2);
    // The unterminated record is one bad record, numbered by its first line (345: 1 header +
    // 300 records + 43 quoted line breaks before it), and swallows the lines after it.
    CHECK(r.err.find(file + ":345: unterminated quote") != std::string::npos);
    CHECK(r.err.find("1 bad record(s) skipped") != std::string::npos);
    CHECK(r.err.find("Line\"") == std::string::npos);
    auto s = stats_of(db);
    CHECK(s["events"] == 300);
    CHECK(s["documents"] == 300);
  }
}
