// Per-document extraction records (`extract --emit documents`, `ingest --format documents`): the
// codec is lossless, a merge of records is the store `ingest` of the articles makes (in any order,
// twice), bad records name their field, and records of another knowledge version are refused.
// The CLI end to end: extract, merge, compare stats and every export; a bad line named and skipped.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "diplograph/document.hpp"
#include "diplograph/extract.hpp"
#include "diplograph/bulk_load.hpp"
#include "diplograph/graph_store.hpp"
#include "diplograph/import.hpp"
#include "store/records.hpp"
#include "store/store_fixtures.hpp"
#include "support/test_support.hpp"

using namespace diplograph;
using namespace diplograph::test;

namespace {

// The documents of the examples (read as the CLI reads them) and their extractions.
struct Articles {
  std::vector<Document> docs;
  std::vector<Extraction> extractions;
};

const Articles& articles() {
  static const Articles a = [] {
    Articles out;
    auto ex = Extractor::create();
    REQUIRE(ex);
    for (const char* f : {"afghanistan-2021-08-16.jsonl", "taliban-delegations-2021-07.jsonl",
                          "merkel-moscow-2021-08-20.jsonl"}) {
      Status st = read_documents(
          std::string(DIPLOGRAPH_SOURCE_DIR) + "/examples/" + f, ReadOptions{},
          [&](Document&& d) {
            out.extractions.push_back((*ex)->extract(d));
            out.docs.push_back(std::move(d));
          },
          [](RecordError&&) { FAIL("bad example record"); });
      REQUIRE(st);
    }
    return out;
  }();
  return a;
}

std::vector<ImportedRecord> records_of(const Articles& a) {
  std::vector<ImportedRecord> out;
  for (std::size_t i = 0; i < a.docs.size(); ++i) {
    auto r = parse_document_record(document_record_json(a.docs[i], a.extractions[i]));
    REQUIRE(r);
    out.push_back(std::move(*r));
  }
  return out;
}

// Every record of the store, encoded: equal dumps are equal stores.
std::vector<std::string> dump(const GraphStore& s) {
  std::vector<std::string> out;
  REQUIRE(s.for_each_event([&](const Event& e) {
    out.push_back(store::encode_event(e));
    return true;
  }));
  REQUIRE(s.for_each_actor([&](const Actor& a) {
    out.push_back(store::encode_actor(a));
    return true;
  }));
  auto st = s.stats();
  REQUIRE(st);
  out.push_back(std::to_string(st->documents) + " " + std::to_string(st->mentions) + " " +
                std::to_string(st->actors) + " " + std::to_string(st->events) + " " +
                std::to_string(st->edges) + " " + std::to_string(st->affiliations));
  auto versions = s.knowledge_versions();
  REQUIRE(versions);
  for (const auto& [v, n] : *versions) out.push_back(v + ":" + std::to_string(n));
  return out;
}

}  // namespace

TEST_CASE("Document records: what extract writes reads back field for field", "[import]") {
  const Articles& a = articles();
  REQUIRE(a.docs.size() >= 3);
  for (std::size_t i = 0; i < a.docs.size(); ++i) {
    const std::string line = document_record_json(a.docs[i], a.extractions[i]);
    CHECK(line.rfind("{\"format\":\"diplograph.document/1\"", 0) == 0);
    CHECK(looks_like_document_record(line));
    CHECK(detect_event_format(line) == EventFileFormat::kDocuments);
    auto r = parse_document_record(line);
    REQUIRE(r);
    CHECK(r->key == a.docs[i].content_key());
    CHECK(r->record_key() == a.docs[i].content_key());
    CHECK(r->doc.id == a.docs[i].id);
    CHECK(r->doc.title == a.docs[i].title);
    CHECK(r->doc.url == a.docs[i].url);
    CHECK(r->doc.source == a.docs[i].source);
    CHECK(r->doc.published == a.docs[i].published);
    CHECK(r->extraction.knowledge == a.extractions[i].knowledge);
    REQUIRE(r->extraction.events.size() == a.extractions[i].events.size());
    for (std::size_t k = 0; k < r->extraction.events.size(); ++k)
      CHECK(store::encode_event(r->extraction.events[k]) ==
            store::encode_event(a.extractions[i].events[k]));
    REQUIRE(r->extraction.actors.size() == a.extractions[i].actors.size());
    for (std::size_t k = 0; k < r->extraction.actors.size(); ++k)
      CHECK(store::encode_actor(r->extraction.actors[k]) ==
            store::encode_actor(a.extractions[i].actors[k]));
    // Written again from what was read: the same line.
    Document again = r->doc;
    CHECK(document_record_json(again, r->extraction).size() > 0);
  }
  // An article record is no document record.
  CHECK_FALSE(looks_like_document_record(R"({"id":"a","text":"format","date":"2021-08-16"})"));
}

TEST_CASE("Document records: a bad record says which field", "[import]") {
  const Articles& a = articles();
  auto j = nlohmann::json::parse(document_record_json(a.docs[0], a.extractions[0]));
  SECTION("not JSON") {
    auto r = parse_document_record("{\"format\":");
    REQUIRE_FALSE(r);
    CHECK(r.error().code() == StatusCode::kInvalidInput);
  }
  SECTION("another format") {
    j["format"] = "diplograph.document/9";
    auto r = parse_document_record(j.dump());
    REQUIRE_FALSE(r);
    CHECK(r.error().code() == StatusCode::kInvalidInput);
    CHECK_THAT(r.error().message(), Catch::Contains("'format'"));
  }
  SECTION("a bad key") {
    j["key"] = "xyz";
    auto r = parse_document_record(j.dump());
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message(), Catch::Contains("'key'"));
  }
  SECTION("a bad event id") {
    REQUIRE_FALSE(j["events"].empty());
    j["events"][0]["id"] = "e1";
    auto r = parse_document_record(j.dump());
    REQUIRE_FALSE(r);
    CHECK_THAT(r.error().message(), Catch::Contains("events[0].id"));
  }
  SECTION("an unknown actor kind") {
    REQUIRE_FALSE(j["actors"].empty());
    j["actors"][0]["kind"] = "wizard";
    auto r = parse_document_record(j.dump());
    REQUIRE_FALSE(r);
    CHECK(r.error().code() == StatusCode::kInvalidInput);
    CHECK_THAT(r.error().message(), Catch::Contains("actors[0].kind"));
  }
}

TEST_CASE("Document records: the reader is strict JSON, escapes and all", "[import]") {
  const std::string head =
      R"({"format":"diplograph.document/1","knowledge":"k","key":"0123456789abcdef","id":)";
  auto parse = [&](const std::string& rest) { return parse_document_record(head + rest); };
  auto r = parse(
      R"("a\"b\\\u00e9\ud83d\ude00\n","date":"2021-08-16","unknown":{"x":[1,-2,3.5e1,true,null]}} )");
  REQUIRE(r);
  CHECK(r->doc.id == "a\"b\\\xc3\xa9\xf0\x9f\x98\x80\n");
  CHECK(r->doc.published == Date::from_ymd(2021, 8, 16));
  for (const char* bad :
       {R"("a","date":"2021-08-16"} x)", R"("a,"date":"2021-08-16"})", R"("a\q","date":"2021-08-16"})",
        "\"a\x01\",\"date\":\"2021-08-16\"}", R"("a","date":"2021-08-16",})",
        R"("a","date":"2021-08-16")", R"("\ud800","date":"2021-08-16"})",
        R"(01,"date":"2021-08-16"})"}) {
    auto b = parse(bad);
    CHECK_FALSE(b);
    if (!b) CHECK(b.error().code() == StatusCode::kInvalidInput);
  }
  CHECK_FALSE(parse_document_record(std::string(10000, '[') + std::string(10000, ']')));
  CHECK_FALSE(parse_document_record(""));
  auto missing = parse(R"("a"})");
  REQUIRE_FALSE(missing);
  CHECK_THAT(missing.error().message(), Catch::Contains("missing field 'date'"));
  auto no_source = parse(
      R"("a","date":"2021-08-16","events":[{"id":"0123456789abcdef0123456789abcdef","type":"call","cameo":"041","date":"2021-08-16"}]})");
  REQUIRE_FALSE(no_source);
  CHECK_THAT(no_source.error().message(), Catch::Contains("missing field 'events[0].source'"));
}

TEST_CASE("Document records: merged in bulk, in any order or twice, they are the ingested store",
          "[import]") {
  const Articles& a = articles();
  TempDir dir;
  auto ingested = GraphStore::open((dir.path() / "ingest").string());
  REQUIRE(ingested);
  for (std::size_t i = 0; i < a.docs.size(); ++i) REQUIRE((*ingested)->ingest(a.docs[i], a.extractions[i]));
  const auto want = dump(**ingested);

  std::vector<ImportedRecord> recs = records_of(a);
  SECTION("in order, as one chunk") {
    auto merged = GraphStore::open((dir.path() / "m").string());
    REQUIRE(merged);
    auto r = bulk_add(**merged, recs);
    REQUIRE(r);
    CHECK(r->records == a.docs.size());
    CHECK(dump(**merged) == want);
    CHECK((*merged)->check()->problem_count == 0);
    SECTION("and twice") {
      auto again = bulk_add(**merged, recs, 1);
      REQUIRE(again);
      CHECK(again->records == 0);
      CHECK(dump(**merged) == want);
    }
  }
  SECTION("reversed, one record a chunk, as SST files") {
    std::reverse(recs.begin(), recs.end());
    auto merged = GraphStore::open((dir.path() / "r").string());
    REQUIRE(merged);
    for (const auto& r : recs) REQUIRE(bulk_add(**merged, std::vector<ImportedRecord>{r}, 1));
    CHECK(dump(**merged) == want);
    CHECK((*merged)->check()->problem_count == 0);
  }
  SECTION("the articles ingested in reverse give the same store too") {
    auto reversed = GraphStore::open((dir.path() / "i").string());
    REQUIRE(reversed);
    for (std::size_t i = a.docs.size(); i-- > 0;)
      REQUIRE((*reversed)->ingest(a.docs[i], a.extractions[i]));
    CHECK(dump(**reversed) == want);
  }
}

TEST_CASE("Document records: shards of another knowledge version are refused unless allowed",
          "[import]") {
  const Articles& a = articles();
  TempDir dir;
  const auto one = dir.path() / "one.jsonl", other = dir.path() / "other.jsonl";
  {
    std::ofstream f(one), g(other);
    f << document_record_json(a.docs[0], a.extractions[0]) << "\n";
    Extraction changed = a.extractions[1];
    changed.knowledge = "0000000000000000";
    g << document_record_json(a.docs[1], changed) << "\n";
  }
  auto store = GraphStore::open((dir.path() / "db").string());
  REQUIRE(store);
  ImportOptions options;
  options.format = InputFormat::kDocuments;
  auto r = import_event_files(**store, {one.string(), other.string()}, options,
                              [](RecordError&&) { FAIL("no bad record here"); });
  REQUIRE_FALSE(r);
  CHECK(r.error().code() == StatusCode::kInvalidInput);
  CHECK_THAT(r.error().message(), Catch::Contains("other.jsonl:1"));
  CHECK_THAT(r.error().message(), Catch::Contains("--allow-mixed-knowledge"));
  CHECK((*store)->stats()->documents == 0);  // refused before anything was stored

  options.allow_mixed_knowledge = true;
  r = import_event_files(**store, {one.string(), other.string()}, options,
                         [](RecordError&&) { FAIL("no bad record here"); });
  REQUIRE(r);
  CHECK((*store)->stats()->documents == 2);
}

TEST_CASE("CLI: extract --emit documents merged with ingest --format documents is ingest",
          "[cli]") {
  TempDir tmp;
  std::string examples;
  for (const char* f : {"afghanistan-2021-08-16.jsonl", "taliban-delegations-2021-07.jsonl",
                        "merkel-moscow-2021-08-20.jsonl"})
    examples += quote(std::string(DIPLOGRAPH_SOURCE_DIR) + "/examples/" + f) + " ";
  const std::string one = (tmp.path() / "one.db").string(), merged = (tmp.path() / "m.db").string();
  REQUIRE(run_cli("ingest --quiet " + examples, one).exit_code == 0);

  auto docs = run_cli("extract --emit documents " + examples);
  REQUIRE(docs.exit_code == 0);
  auto events = run_cli("extract --emit events " + examples);
  REQUIRE(events.exit_code == 0);
  CHECK(events.out == run_cli("extract --json " + examples).out);  // --json is --emit events
  CHECK(events.out != docs.out);
  const auto shard = tmp.path() / "shard.jsonl";
  write_file(shard, docs.out);
  auto r = run_cli("ingest --quiet --format documents " + quote(shard.string()), merged);
  REQUIRE(r.exit_code == 0);

  CHECK(run_cli("stats", merged).out == run_cli("stats", one).out);
  for (const char* format : {"json", "graphml", "jsonl"})
    CHECK(run_cli(std::string("export --format ") + format, merged).out ==
          run_cli(std::string("export --format ") + format, one).out);
  REQUIRE(run_cli("export --format csv -o " + quote((tmp.path() / "c1").string()), one).exit_code == 0);
  REQUIRE(run_cli("export --format csv -o " + quote((tmp.path() / "c2").string()), merged).exit_code == 0);
  for (const auto& f : std::filesystem::directory_iterator(tmp.path() / "c1"))
    CHECK(read_file(f.path()) == read_file(tmp.path() / "c2" / f.path().filename()));

  SECTION("auto-detected, again: nothing changes") {
    auto again = run_cli("ingest " + quote(shard.string()), merged);
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.err, Catch::Contains("already present"));
    CHECK(run_cli("stats", merged).out == run_cli("stats", one).out);
  }
  SECTION("a malformed record is named by file and line, skipped, and the run exits 2") {
    std::string lines = docs.out;
    lines.insert(lines.find('\n') + 1, "{\"format\":\"diplograph.document/1\",\"id\":3}\n");
    const auto bad = tmp.path() / "bad.jsonl";
    write_file(bad, lines);
    const std::string db = (tmp.path() / "bad.db").string();
    auto b = run_cli("ingest --format documents " + quote(bad.string()), db);
    CHECK(b.exit_code == 2);
    CHECK_THAT(b.err, Catch::Contains("bad.jsonl:2: "));
    CHECK(run_cli("stats", db).out == run_cli("stats", one).out);
  }
  SECTION("a shard of another knowledge version is refused, unless --allow-mixed-knowledge") {
    std::string other = docs.out;
    const std::string field = "\"knowledge\":\"";
    for (std::size_t at = other.find(field); at != std::string::npos; at = other.find(field, at + 1))
      other.replace(at + field.size(), 16, "0000000000000000");
    const auto old = tmp.path() / "old.jsonl";
    write_file(old, other);
    const std::string db = (tmp.path() / "mixed.db").string();
    auto refused = run_cli("ingest --quiet " + quote(shard.string()) + " " + quote(old.string()), db);
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Catch::Contains("old.jsonl:1: extracted with knowledge version"));
    CHECK_THAT(refused.err, Catch::Contains("--allow-mixed-knowledge"));
    auto allowed = run_cli("ingest --quiet --allow-mixed-knowledge " + quote(old.string()), db);
    CHECK(allowed.exit_code == 0);
  }
  SECTION("--emit takes events or documents") {
    auto u = run_cli("extract --emit tables " + examples);
    CHECK(u.exit_code == 2);
    CHECK_THAT(u.err, Catch::Contains("--emit"));
  }
}
