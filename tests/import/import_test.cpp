// Importers of coded event data: GDELT and ICEWS parsers, bad lines, compressed input, the shared
// samples (skipped without ../shared), concurrent readers and the writer lock.
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <cmath>
#include <map>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <spawn.h>

#include "diplograph/graph_store.hpp"
#include "diplograph/import.hpp"
#include "support/test_support.hpp"

extern char** environ;

using namespace diplograph;
using namespace diplograph::test;

namespace {

// A GDELT row with `cols` columns (57, 58 or 61); the fields not given stay empty.
std::string gdelt_row(std::size_t cols, const std::string& id, const std::string& day,
                      const std::string& a1_code, const std::string& a1_name,
                      const std::string& a1_country, const std::string& a2_code,
                      const std::string& a2_name, const std::string& a2_country,
                      const std::string& code) {
  std::vector<std::string> f(cols);
  f[0] = id;
  f[1] = day;
  f[5] = a1_code, f[6] = a1_name, f[7] = a1_country;
  f[15] = a2_code, f[16] = a2_name, f[17] = a2_country;
  f[26] = code;
  f[cols == 61 ? 59 : 56] = cols == 61 ? day + "143000" : day;
  if (cols != 57) f[cols - 1] = "https://example.org/" + id;
  std::string out;
  for (std::size_t i = 0; i < cols; ++i) out += (i ? "\t" : "") + f[i];
  return out;
}

// `row` with its tab-separated field `at` set to `value`.
std::string with_field(const std::string& row, std::size_t at, const std::string& value) {
  std::vector<std::string> f;
  std::size_t s = 0;
  for (std::size_t t; (t = row.find('\t', s)) != std::string::npos; s = t + 1)
    f.push_back(row.substr(s, t - s));
  f.push_back(row.substr(s));
  f.at(at) = value;
  std::string out;
  for (std::size_t i = 0; i < f.size(); ++i) out += (i ? "\t" : "") + f[i];
  return out;
}

const Event* find_event(const std::vector<Event>& events, const std::string& doc) {
  for (const auto& e : events)
    for (const auto& m : e.mentions)
      if (m.doc == doc) return &e;
  return nullptr;
}

std::vector<Event> all_events(const std::string& db) {
  StoreOptions ro;
  ro.read_only = true;
  auto store = GraphStore::open(db, ro);
  REQUIRE(store);
  std::vector<Event> out;
  REQUIRE((*store)->for_each_event([&](const Event& e) {
    out.push_back(e);
    return true;
  }));
  return out;
}

nlohmann::json stats_of(const std::string& db) {
  auto r = run_cli("stats --json --db " + quote(db));
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("Import: GDELT rows of 57, 58 and 61 columns parse, codes stay strings", "[import]") {
  for (std::size_t cols : {57u, 58u, 61u}) {
    auto r = parse_gdelt_line(gdelt_row(cols, "42", "20181024", "RUS", "RUSSIA", "RUS", "USAGOV",
                                        "ANTONY BLINKEN", "USA", "042"));
    REQUIRE(r);
    REQUIRE(r->extraction.events.size() == 1);
    const Event& e = r->extraction.events[0];
    CHECK(r->doc.id == "gdelt:42");
    CHECK(e.cameo == "042");
    CHECK(e.type == EventType::kVisit);
    CHECK(e.date.to_string() == "2018-10-24");
    CHECK(e.source.kind == ActorKind::kState);
    CHECK(e.source.country == "RUS");
    REQUIRE(e.target);
    CHECK(e.target->name == "Antony Blinken");
    CHECK(e.target->country == "USA");
    REQUIRE(e.mentions.size() == 1);
    CHECK(e.mentions[0].doc == "gdelt:42");
    CHECK(r->doc.url == (cols == 57 ? "" : "https://example.org/42"));
  }
  SECTION("a generic agent is a body of its state") {
    auto r = parse_gdelt_line(gdelt_row(61, "7", "20181024", "RUSGOV", "RUSSIA", "RUS", "", "", "",
                                        "010"));
    REQUIRE(r);
    const Event& e = r->extraction.events[0];
    CHECK(e.source.kind == ActorKind::kGovernment);
    CHECK(e.source.code == "RUSGOV");
    CHECK_FALSE(e.target);
    bool affiliated = false;
    for (const auto& a : r->extraction.actors)
      if (a.id == e.source.id)
        for (const auto& f : a.affiliations) affiliated |= f.target_name == "Russia";
    CHECK(affiliated);
  }
  SECTION("bad rows say what is wrong") {
    CHECK(parse_gdelt_line("1\t2\t3").error().code() == StatusCode::kInvalidInput);
    CHECK(parse_gdelt_line(gdelt_row(58, "x1", "20181024", "RUS", "RUSSIA", "RUS", "", "", "", "042"))
              .error().message().find("GLOBALEVENTID") != std::string::npos);
    CHECK(parse_gdelt_line(gdelt_row(58, "1", "20181324", "RUS", "RUSSIA", "RUS", "", "", "", "042"))
              .error().message().find("SQLDATE") != std::string::npos);
    CHECK(parse_gdelt_line(gdelt_row(58, "1", "20181024", "RUS", "RUSSIA", "RUS", "", "", "", "42x"))
              .error().message().find("EventCode") != std::string::npos);
  }
}

TEST_CASE("Import: a GDELT row keeps its own QuadClass and Goldstein score", "[import]") {
  // Root 09 is material cooperation (2) in GDELT; a row's own values win over our table anyway.
  std::string row = gdelt_row(61, "9", "20181024", "RUS", "RUSSIA", "RUS", "USA", "UNITED STATES",
                              "USA", "090");
  auto r = parse_gdelt_line(with_field(with_field(row, 29, "2"), 30, "-2.0"));
  REQUIRE(r);
  CHECK(r->extraction.events[0].quad_class == 2);
  CHECK(r->extraction.events[0].goldstein == Approx(-2.0));
  r = parse_gdelt_line(with_field(with_field(row, 29, "4"), 30, "7.5"));
  REQUIRE(r);
  CHECK(r->extraction.events[0].quad_class == 4);
  CHECK(r->extraction.events[0].goldstein == Approx(7.5));
  SECTION("empty: our table's") {
    r = parse_gdelt_line(row);
    REQUIRE(r);
    CHECK(r->extraction.events[0].quad_class == cameo_lookup("090")->quad_class);
    CHECK(r->extraction.events[0].goldstein == Approx(cameo_lookup("090")->goldstein));
  }
  SECTION("bad values say which column") {
    CHECK(parse_gdelt_line(with_field(row, 29, "5")).error().message() == "bad QuadClass '5'");
    CHECK(parse_gdelt_line(with_field(row, 30, "11")).error().message() ==
          "bad GoldsteinScale '11'");
    CHECK(parse_gdelt_line(with_field(row, 30, "x")).error().code() ==
          StatusCode::kInvalidInput);
  }
  SECTION("CAMEO's country codes name the ISO state: country ROU, code ROM") {
    auto ro = parse_gdelt_line(gdelt_row(61, "10", "20181024", "ROM", "ROMANIA", "ROM", "ROMGOV",
                                         "ROMANIA", "ROM", "040"));
    REQUIRE(ro);
    const Event& e = ro->extraction.events[0];
    CHECK(e.source.name == "Romania");
    CHECK(e.source.country == "ROU");
    CHECK(e.source.code == "ROM");
    REQUIRE(e.target);
    CHECK(e.target->country == "ROU");
    CHECK(e.target->code == "ROMGOV");
  }
}

TEST_CASE("Import: ICEWS rows and quadruples", "[import]") {
  auto h = parse_icews_header(
      "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO "
      "Code\tIntensity\tTarget Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number");
  REQUIRE(h);
  auto r = parse_icews_line(*h, "9\t2018-06-01\tForeign Affairs (Bangladesh)\tGovernment\t"
                                "Bangladesh\tMake a visit\t042\t1\tRussia\tNA\tRussia\t77\t3");
  REQUIRE(r);
  const Event& e = r->extraction.events[0];
  CHECK(r->doc.id == "icews:9");
  CHECK(e.cameo == "042");
  CHECK(e.source.name == "Foreign Affairs (Bangladesh)");
  CHECK(e.source.kind == ActorKind::kGovernment);
  CHECK(e.source.country == "BGD");
  CHECK(e.target->kind == ActorKind::kState);
  CHECK(e.mentions[0].sentence == 3);
  CHECK(e.mentions[0].text.find("story 77") != std::string::npos);

  auto q = parse_icews_quadruple("John Kerry\tMake a visit\tChina\t2014-11-04", "f:1");
  REQUIRE(q);
  CHECK(q->extraction.events[0].cameo == "042");
  CHECK(q->extraction.events[0].type == EventType::kVisit);
  CHECK(parse_icews_quadruple("A\tNo such relation\tB\t2014-11-04", "f:2").error().message().find(
            "unknown relation") != std::string::npos);
  CHECK(detect_event_format("John Kerry\tConsult\tChina\t2014-11-04") ==
        EventFileFormat::kIcewsQuadruples);
  CHECK(detect_event_format("Lavrov called Blinken.") == EventFileFormat::kUnknown);
}

TEST_CASE("Import: bad lines are reported with file and line, the rest imported, exit 2",
          "[import]") {
  TempDir tmp;
  std::string file = (tmp.path() / "events.CSV").string();
  write_file(file, gdelt_row(61, "1", "20190101", "RUS", "RUSSIA", "RUS", "USA", "UNITED STATES",
                             "USA", "040") + "\n" +
                       "not\ta\tgdelt\trow\n" +
                       gdelt_row(61, "2", "20190102", "RUS", "RUSSIA", "RUS", "USA",
                                 "UNITED STATES", "USA", "041") + "\n");
  std::string db = (tmp.path() / "db").string();
  auto r = run_cli("ingest --format gdelt --db " + quote(db) + " " + quote(file));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(file + ":2: ") != std::string::npos);
  CHECK(stats_of(db)["mentions"] == 2);
  SECTION("importing again changes nothing") {
    auto again = run_cli("ingest --format gdelt --db " + quote(db) + " " + quote(file));
    CHECK(again.exit_code == 2);
    CHECK(stats_of(db)["mentions"] == 2);
    CHECK(run_cli("check --db " + quote(db)).exit_code == 0);
  }
}

TEST_CASE("Import: .gz and .zip files are read directly", "[import]") {
  TempDir tmp;
  std::string rows;
  for (int i = 1; i <= 3; ++i)
    rows += gdelt_row(58, std::to_string(i), "2016072" + std::to_string(i), "CHN", "CHINA", "CHN",
                      "JPN", "JAPAN", "JPN", "036") + "\n";
  std::string gz = (tmp.path() / "a.export.CSV.gz").string();
  gzFile g = gzopen(gz.c_str(), "wb");
  REQUIRE(g);
  gzwrite(g, rows.data(), static_cast<unsigned>(rows.size()));
  gzclose(g);
  // A zip of one stored member, as written by hand: local header, name, data, then the central
  // directory and its end record (tests/import/archive_test.cpp has more).
  std::string zip = (tmp.path() / "b.export.CSV.zip").string();
  {
    std::string z, name = "b.export.CSV";
    auto le = [&](std::uint32_t v, int n) { for (int i = 0; i < n; ++i) z += char((v >> (8 * i)) & 0xff); };
    uLong crc = crc32(0, reinterpret_cast<const Bytef*>(rows.data()), static_cast<uInt>(rows.size()));
    le(0x04034b50, 4); le(20, 2); le(0, 2); le(0, 2); le(0, 2); le(0, 2);
    le(static_cast<std::uint32_t>(crc), 4); le(rows.size(), 4); le(rows.size(), 4);
    le(name.size(), 2); le(0, 2);
    z += name + rows;
    const std::uint32_t directory = static_cast<std::uint32_t>(z.size());
    le(0x02014b50, 4); le(20, 2); le(20, 2); le(0, 2); le(0, 2); le(0, 2); le(0, 2);
    le(static_cast<std::uint32_t>(crc), 4); le(rows.size(), 4); le(rows.size(), 4);
    le(name.size(), 2); le(0, 2); le(0, 2); le(0, 2); le(0, 2); le(0, 4); le(0, 4);
    z += name;
    const std::uint32_t directory_size = static_cast<std::uint32_t>(z.size()) - directory;
    le(0x06054b50, 4); le(0, 2); le(0, 2); le(1, 2); le(1, 2); le(directory_size, 4);
    le(directory, 4); le(0, 2);
    write_file(zip, z);
  }
  std::string db = (tmp.path() / "db").string();
  auto r = run_cli("ingest --db " + quote(db) + " " + quote(gz));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(stats_of(db)["mentions"] == 3);
  std::string db2 = (tmp.path() / "db2").string();
  r = run_cli("ingest --db " + quote(db2) + " " + quote(zip));
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(stats_of(db2)["mentions"] == 3);
}

TEST_CASE("Import: the GDELT samples import completely", "[import]") {
  auto dir = shared_path("corpus/gdelt-events-samples");
  if (!dir) DIPLOGRAPH_SKIP("../shared/corpus/gdelt-events-samples is absent");
  TempDir tmp;
  std::string db = (tmp.path() / "db").string();
  std::string files;
  for (const char* f : {"20191024143000.export.CSV", "20180326044500.export.CSV",
                        "gdelt1_daily_20160728.sample.tsv", "gdelt1_historical_1982.sample.tsv"})
    files += " " + quote((*dir / f).string());
  auto r = run_cli("ingest --db " + quote(db) + files);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto st = stats_of(db);
  CHECK(st["mentions"] == 2111 + 1540 + 509 + 201);
  CHECK(st["documents"] == 2111 + 1540 + 509 + 201);
  CHECK(st["events"] < st["mentions"]);  // same-event records merged
  auto events = all_events(db);
  // The README's example row: Actor1 empty, Actor2 the EU, 040 on 2018-10-24.
  const Event* e = find_event(events, "gdelt:881990833");
  REQUIRE(e);
  CHECK(e->cameo == "040");
  CHECK(e->type == EventType::kConsult);
  CHECK(e->date.to_string() == "2018-10-24");
  CHECK(e->source.code == "IGOEUREEC");
  bool merged = false;
  for (const auto& ev : events) merged |= ev.mentions.size() > 1;
  CHECK(merged);
  CHECK(run_cli("check --db " + quote(db)).exit_code == 0);
}

TEST_CASE("Import: the GDELT samples keep QuadClass and Goldstein per row, as the file has them",
          "[import]") {
  auto dir = shared_path("corpus/gdelt-events-samples");
  if (!dir) DIPLOGRAPH_SKIP("../shared/corpus/gdelt-events-samples is absent");
  TempDir tmp;
  std::string db = (tmp.path() / "db").string();
  const std::vector<std::string> names = {"20191024143000.export.CSV", "20180326044500.export.CSV",
                                          "gdelt1_daily_20160728.sample.tsv",
                                          "gdelt1_historical_1982.sample.tsv"};
  std::string files;
  for (const auto& f : names) files += " " + quote((*dir / f).string());
  auto r = run_cli("ingest --quiet --db " + quote(db) + files);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto events = all_events(db);
  std::map<std::string, const Event*> by_doc;
  for (const auto& e : events)
    for (const auto& m : e.mentions) by_doc[m.doc] = &e;
  std::size_t rows = 0, code_differs = 0, quad_differs = 0, goldstein_differs = 0,
              table_differs = 0;
  for (const auto& f : names) {
    std::istringstream in(read_file(*dir / f));
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      std::vector<std::string> c;
      std::size_t s = 0;
      for (std::size_t t; (t = line.find('\t', s)) != std::string::npos; s = t + 1)
        c.push_back(line.substr(s, t - s));
      c.push_back(line.substr(s));
      auto it = by_doc.find("gdelt:" + c[0]);
      REQUIRE(it != by_doc.end());
      ++rows;
      code_differs += it->second->cameo != c[26];
      quad_differs += std::to_string(it->second->quad_class) != c[29];
      goldstein_differs += std::abs(it->second->goldstein - std::stod(c[30])) > 1e-9;
      // Our own events' mapping (data/cameo.tsv) agrees with every row too.
      table_differs += std::to_string(cameo_lookup(c[26])->quad_class) != c[29];
    }
  }
  CHECK(rows == 2111 + 1540 + 509 + 201);
  CHECK(code_differs == 0);  // rows of one type but other codes stay other events
  CHECK(quad_differs == 0);
  CHECK(goldstein_differs == 0);
  CHECK(table_differs == 0);
}

TEST_CASE("Import: the ICEWS sample imports completely", "[import]") {
  auto file = shared_path("corpus/icews-events-sample/events.2018.sample.tab");
  if (!file) DIPLOGRAPH_SKIP("../shared/corpus/icews-events-sample is absent");
  TempDir tmp;
  std::string db = (tmp.path() / "db").string();
  auto r = run_cli("ingest --format icews --db " + quote(db) + " " + quote(file->string()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(stats_of(db)["mentions"] == 3705);
  auto events = all_events(db);
  // The README's example row 32889836.
  const Event* e = find_event(events, "icews:32889836");
  REQUIRE(e);
  CHECK(e->cameo == "040");
  CHECK(e->date.to_string() == "2018-06-01");
  CHECK(e->source.name == "Foreign Affairs (Bangladesh)");
  CHECK(e->source.kind == ActorKind::kGovernment);
  REQUIRE(e->target);
  CHECK(e->target->name == "High Ranking Military Personnel (Vietnam)");
  for (const auto& m : e->mentions)
    if (m.doc == "icews:32889836") CHECK(m.sentence == 2);
  // Every row keeps its own Goldstein score (ICEWS's Intensity) and code.
  std::map<std::string, const Event*> by_doc;
  for (const auto& ev : events)
    for (const auto& m : ev.mentions) by_doc[m.doc] = &ev;
  std::istringstream in(read_file(*file));
  std::string line;
  std::getline(in, line);  // the header: Event ID, ..., CAMEO Code (6), Intensity (7)
  std::size_t rows = 0, differ = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> c;
    std::size_t s = 0;
    for (std::size_t t; (t = line.find('\t', s)) != std::string::npos; s = t + 1)
      c.push_back(line.substr(s, t - s));
    c.push_back(line.substr(s));
    auto it = by_doc.find("icews:" + c[0]);
    if (it == by_doc.end()) continue;  // a row skipped as bad
    ++rows;
    differ += it->second->cameo != c[6] || std::abs(it->second->goldstein - std::stod(c[7])) > 1e-9;
  }
  CHECK(rows > 3000);
  CHECK(differ == 0);
}

TEST_CASE("Import: ICEWS quadruples give Kerry and Lavrov's 2014 meetings and calls in order",
          "[import]") {
  auto dir = shared_path("corpus/icews-tkg-quadruples");
  if (!dir) DIPLOGRAPH_SKIP("../shared/corpus/icews-tkg-quadruples is absent");
  TempDir tmp;
  std::string db = (tmp.path() / "db").string();
  auto r = run_cli("ingest --db " + quote(db) + " " +
                   quote((*dir / "icews_2014_test.txt").string()) + " " +
                   quote((*dir / "icews_2014_valid.txt").string()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(stats_of(db)["mentions"] == 8963 + 8941);
  auto t = run_cli("timeline \"John Kerry\" --with \"Sergey Lavrov\" --from 2014-01-01 --to "
                   "2014-12-31 --type meeting,call --json --db " + quote(db));
  INFO(t.err);
  REQUIRE(t.exit_code == 0);
  std::string last;
  int meetings = 0, calls = 0;
  std::istringstream lines(t.out);
  for (std::string line; std::getline(lines, line);) {
    auto j = nlohmann::json::parse(line);
    std::string date = j["date"];
    CHECK(date >= last);
    last = date;
    CHECK(date.substr(0, 4) == "2014");
    meetings += j["type"] == "meeting";
    calls += j["type"] == "call";
  }
  CHECK(meetings > 0);
  CHECK(calls > 0);
}

TEST_CASE("Import: queries run while another process ingests, and a second writer is told who writes",
          "[import]") {
  TempDir tmp;
  std::string file = (tmp.path() / "quads.txt").string();
  {
    std::string rows;
    for (int i = 0; i < 150000; ++i)
      rows += "Person " + std::to_string(i % 997) + "\tConsult\tPerson " +
              std::to_string((i * 7 + 1) % 991) + "\t2014-" + (i % 12 < 9 ? "0" : "") +
              std::to_string(i % 12 + 1) + "-1" + std::to_string(i % 9) + "\n";
    write_file(file, rows);
  }
  std::string db = (tmp.path() / "db").string();
  // A first small import, so readers find a database from the start.
  std::string seed = (tmp.path() / "seed.txt").string();
  write_file(seed, "Person 1\tConsult\tPerson 8\t2014-01-01\n");
  REQUIRE(run_cli("ingest --db " + quote(db) + " " + quote(seed)).exit_code == 0);

  std::string bin = DIPLOGRAPH_BINARY;
  std::vector<std::string> argv_s = {bin, "ingest", "--quiet", "--db", db, file};
  std::vector<char*> argv;
  for (auto& s : argv_s) argv.push_back(s.data());
  argv.push_back(nullptr);
  pid_t child = 0;
  REQUIRE(posix_spawn(&child, bin.c_str(), nullptr, nullptr, argv.data(), environ) == 0);

  int reads = 0, failures = 0;
  bool saw_lock = false;
  for (;;) {
    int status = 0;
    pid_t done = waitpid(child, &status, WNOHANG);
    auto s = run_cli("stats --json --db " + quote(db));
    auto t = run_cli("timeline \"Person 1\" --db " + quote(db));
    ++reads;
    if (s.exit_code != 0 || (t.exit_code != 0 && t.exit_code != 1)) {
      ++failures;
      WARN(s.err << t.err);
    }
    if (!saw_lock && done == 0) {
      auto w = run_cli("ingest --db " + quote(db) + " " + quote(seed));
      if (w.exit_code != 0) {
        CHECK(w.err.find("is being written by process " + std::to_string(child)) !=
              std::string::npos);
        saw_lock = true;
      }
    }
    if (done == child) {
      CHECK(WIFEXITED(status));
      CHECK(WEXITSTATUS(status) == 0);
      break;
    }
  }
  CHECK(failures == 0);
  CHECK(reads > 0);
  CHECK(stats_of(db)["mentions"] == 150001);
  CHECK(run_cli("check --db " + quote(db)).exit_code == 0);
}
