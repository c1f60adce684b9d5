// ingest_files (diplograph/ingest.hpp), the one function behind `diplograph ingest` and Python's
// Database.ingest: every kind of input in one call, its summary and JSON, the store source called
// only when something is stored, extraction on several threads storing what one thread stores,
// and the import loop numbering bad lines however blocks and threads cut a file.
#include <zlib.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "diplograph/graph_store.hpp"
#include "diplograph/ingest.hpp"
#include "support/test_support.hpp"

using namespace diplograph;
using namespace diplograph::test;

namespace {

// A GDELT 1.0 daily row (57 columns) reporting `code` between the US and Russia.
std::string gdelt_row(const std::string& id, const std::string& day, const std::string& code) {
  std::vector<std::string> f(57);
  f[0] = id;
  f[1] = day;
  f[5] = "USA", f[6] = "UNITED STATES", f[7] = "USA";
  f[15] = "RUS", f[16] = "RUSSIA", f[17] = "RUS";
  f[26] = code;
  f[56] = day;
  std::string out;
  for (std::size_t i = 0; i < f.size(); ++i) out += (i ? "\t" : "") + f[i];
  return out;
}

// An owned store opened at the first call of the source.
struct Opened {
  std::string dir;
  std::unique_ptr<GraphStore> store;
  int calls = 0;
  bool bulk = false;
  StoreSource source() {
    return [this](bool b) -> Result<GraphStore*> {
      ++calls;
      bulk = b;
      auto s = GraphStore::open(dir);
      if (!s) return s.error();
      store = std::move(*s);
      return store.get();
    };
  }
};

std::string export_of(const std::string& db, const std::string& format) {
  auto r = run_cli("export --format " + format, db);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

}  // namespace

TEST_CASE("ingest_files: event data and documents in one call, one summary with one JSON form",
          "[import][ingest]") {
  TempDir tmp;
  const auto gdelt = tmp.path() / "events.tsv";
  write_file(gdelt, gdelt_row("101", "20210816", "040") + "\n" +
                        gdelt_row("102", "20210816", "040") + "\nnot a row\n" +
                        gdelt_row("103", "20210817", "130") + "\n");
  const auto docs = tmp.path() / "news.jsonl";
  write_file(docs,
             "{\"id\":\"a1\",\"date\":\"2021-08-16\",\"text\":\"Russian Foreign Minister Sergei "
             "Lavrov spoke by phone with U.S. Secretary of State Antony Blinken on Monday.\"}\n"
             "{\"id\":\"a2\",\"date\":\"2021-08-16\"}\n");
  Opened db{(tmp.path() / "db").string()};
  std::vector<RecordError> errors;
  IngestOptions o;
  auto sum = ingest_files(db.source(), {gdelt.string(), docs.string()}, o,
                          [&](RecordError&& e) { errors.push_back(std::move(e)); });
  REQUIRE(sum);
  CHECK(db.calls == 1);
  CHECK(db.bulk);  // event data came: the store may be opened for a bulk load
  CHECK(sum->records.seen);
  CHECK(sum->records.stored == 3);
  CHECK(sum->records.events_new == 2);  // 101 and 102 report one event
  CHECK(sum->records.events_merged == 1);
  CHECK(sum->documents.seen);
  CHECK(sum->documents.stored == 1);
  CHECK(sum->documents.events_new >= 1);
  CHECK(sum->bad_records == 2);
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].file == gdelt.string());
  CHECK(errors[0].line == 3);
  CHECK(errors[1].file == docs.string());
  CHECK(errors[1].line == 2);
  auto j = nlohmann::json::parse(sum->to_json());
  CHECK(j["documents"] == 1);
  CHECK(j["records"] == 3);
  CHECK(j["already_present"] == 0);
  CHECK(j["events_new"] == 2 + sum->documents.events_new);
  CHECK(j["bad_records"] == 2);
  CHECK(j["warnings"].empty());
  CHECK_THAT(sum->to_text(), Catch::Contains("imported 3 record(s): 2 new event(s), 1 merged") &&
                                 Catch::Contains("ingested 1 document(s)"));

  // Again: everything is there already.
  db.store.reset();
  auto again = ingest_files(db.source(), {gdelt.string(), docs.string()}, o, nullptr);
  REQUIRE(again);
  auto k = nlohmann::json::parse(again->to_json());
  CHECK(k["documents"] == 0);
  CHECK(k["records"] == 0);
  CHECK(k["already_present"] == 4);
  CHECK(k["events_new"] == 0);

  // The CLI prints the same object.
  auto cli = run_cli("ingest --json " + quote(gdelt.string()) + " " + quote(docs.string()),
                     (tmp.path() / "cli").string());
  CHECK(cli.exit_code == 2);  // the bad records
  CHECK(nlohmann::json::parse(cli.out) == j);
}

TEST_CASE("ingest_files: nothing to store, no store opened", "[import][ingest]") {
  TempDir tmp;
  const auto bad = tmp.path() / "bad.jsonl";
  write_file(bad, "{\"id\":\"x\"}\n{\"text\":\"no date\"}\n");
  Opened db{(tmp.path() / "db").string()};
  std::size_t errors = 0;
  auto sum = ingest_files(db.source(), {bad.string()}, IngestOptions{},
                          [&](RecordError&&) { ++errors; });
  REQUIRE(sum);
  CHECK(sum->bad_records == 2);
  CHECK(errors == 2);
  CHECK(db.calls == 0);
  CHECK_FALSE(std::filesystem::exists(db.dir));

  auto missing = ingest_files(db.source(), {(tmp.path() / "absent.txt").string()},
                              IngestOptions{}, nullptr);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code() == StatusCode::kInvalidInput);
  CHECK(db.calls == 0);
}

TEST_CASE("ingest_files: documents extracted on 1 or 4 threads give the same store",
          "[import][ingest]") {
  TempDir tmp;
  std::vector<std::string> files;
  if (auto dev = shared_path("gold/docs-dev")) {
    for (const auto& f : std::filesystem::directory_iterator(*dev))
      if (f.path().extension() == ".jsonl") files.push_back(f.path().string());
    std::sort(files.begin(), files.end());
  }
  if (files.empty()) files = example_paths();  // without ../shared: the examples
  std::string dbs[2];
  const unsigned threads[2] = {1, 4};
  std::string json[2];
  for (int i = 0; i < 2; ++i) {
    dbs[i] = (tmp.path() / ("db" + std::to_string(i))).string();
    Opened db{dbs[i]};
    IngestOptions o;
    o.threads = threads[i];
    auto sum = ingest_files(db.source(), files, o, nullptr);
    REQUIRE(sum);
    CHECK(sum->documents.stored > 0);
    json[i] = sum->to_json();
  }
  CHECK(json[0] == json[1]);
  for (const char* format : {"json", "graphml"})
    CHECK(export_of(dbs[0], format) == export_of(dbs[1], format));
  CHECK(run_cli("stats --json", dbs[0]).out == run_cli("stats --json", dbs[1]).out);
}

TEST_CASE("ingest_files: bad lines keep their numbers however blocks and threads cut a file",
          "[import][ingest]") {
  TempDir tmp;
  // GDELT rows with bad ones among them, and a CSV edge list with quoted line breaks and bad
  // rows: each imported whole, in blocks of 1, 7 and 1000 lines, on 1 and 3 threads.
  std::string gdelt, csv = "source,target,date,type\n";
  std::vector<std::size_t> gdelt_bad, csv_bad;
  std::size_t csv_line = 2;
  for (int i = 0; i < 200; ++i) {
    if (i % 23 == 5) {
      gdelt += "broken row " + std::to_string(i) + "\n";
      gdelt_bad.push_back(static_cast<std::size_t>(i) + 1);
    } else {
      gdelt += gdelt_row(std::to_string(1000 + i), "2021081" + std::to_string(i % 10),
                         i % 2 ? "040" : "042") + "\n";
    }
    if (i % 19 == 7) {
      csv += "Only two,fields\n";
      csv_bad.push_back(csv_line);
      csv_line += 1;
    } else if (i % 5 == 2) {
      csv += "\"Actor\n" + std::to_string(i) + "\",Russia,2015-03-0" + std::to_string(1 + i % 9) +
             ",call\n";
      csv_line += 2;
    } else {
      csv += "Actor " + std::to_string(i) + ",Russia,2015-03-01,meeting\n";
      csv_line += 1;
    }
  }
  const auto gdelt_file = tmp.path() / "rows.tsv", csv_file = tmp.path() / "edges.csv";
  write_file(gdelt_file, gdelt);
  write_file(csv_file, csv);
  std::string first_export;
  for (std::size_t chunk : {1, 7, 1000})
    for (unsigned threads : {1u, 3u}) {
      INFO("chunk " << chunk << ", threads " << threads);
      Opened db{(tmp.path() / ("db-" + std::to_string(chunk) + "-" + std::to_string(threads)))
                    .string()};
      IngestOptions o;
      o.threads = threads;
      o.import.chunk_records = chunk;
      std::vector<std::size_t> bad_gdelt_lines, bad_csv_lines;
      auto sum = ingest_files(db.source(), {gdelt_file.string(), csv_file.string()}, o,
                              [&](RecordError&& e) {
                                (e.file == gdelt_file.string() ? bad_gdelt_lines : bad_csv_lines)
                                    .push_back(e.line);
                              });
      REQUIRE(sum);
      CHECK(bad_gdelt_lines == gdelt_bad);
      CHECK(bad_csv_lines == csv_bad);
      CHECK(sum->records.stored == 400 - gdelt_bad.size() - csv_bad.size());
      db.store.reset();
      std::string exported = export_of(db.dir, "json");
      if (first_export.empty()) first_export = exported;
      else CHECK(exported == first_export);
    }
}

TEST_CASE("ingest_files: event JSON Lines, plain or gzip, through the bulk loader, a missing file "
          "leaves no store",
          "[import][ingest]") {
  TempDir tmp;
  const std::string line =
      R"({"type":"call","source":{"name":"Sergei Lavrov","kind":"person"},)"
      R"("target":{"name":"Antony Blinken","kind":"person"},"date":"2021-08-16",)"
      R"("mentions":[{"doc":"a1","sentence":0,"offset":0,"length":5,"pattern":"p","text":"x"}]})";
  const std::string text = line + "\n{\"type\":\"call\"}\n";
  const auto plain = tmp.path() / "events.jsonl", packed = tmp.path() / "events.jsonl.gz";
  write_file(plain, text);
  gzFile gz = gzopen(packed.string().c_str(), "wb");
  REQUIRE(gz);
  REQUIRE(gzwrite(gz, text.data(), static_cast<unsigned>(text.size())) ==
          static_cast<int>(text.size()));
  REQUIRE(gzclose(gz) == Z_OK);
  std::string exported[2];
  int i = 0;
  for (const auto& file : {plain, packed}) {
    Opened db{(tmp.path() / ("db" + std::to_string(i))).string()};
    IngestOptions o;
    o.read.format = InputFormat::kEvents;
    std::vector<std::size_t> bad;
    auto sum = ingest_files(db.source(), {file.string()}, o,
                            [&](RecordError&& e) { bad.push_back(e.line); });
    REQUIRE(sum);
    CHECK(sum->event_lines.stored == 1);
    CHECK(sum->event_line_documents == 1);
    CHECK(sum->event_lines.events_new == 1);
    CHECK(bad == std::vector<std::size_t>{2});
    db.store.reset();
    exported[i++] = export_of(db.dir, "json");
  }
  CHECK(exported[0] == exported[1]);

  Opened none{(tmp.path() / "none").string()};
  IngestOptions o;
  o.read.format = InputFormat::kEvents;
  auto missing = ingest_files(none.source(), {(tmp.path() / "absent.jsonl").string()}, o, nullptr);
  CHECK_FALSE(missing);
  CHECK(none.calls == 0);
  CHECK_FALSE(std::filesystem::exists(none.dir));
}
