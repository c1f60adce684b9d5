// GraphStore bulk ingest, retraction and integrity checking.
#include <rocksdb/db.h>

#include <unistd.h>

#include <filesystem>

#include <catch2/catch.hpp>

#include "diplograph/bulk_load.hpp"
#include "diplograph/graph_store.hpp"
#include "store/key_codec.hpp"
#include "store/records.hpp"
#include "store/store_fixtures.hpp"
#include "support/test_support.hpp"

using namespace diplograph;
using namespace diplograph::test;

namespace {

Actor person(const std::string& name) {
  Actor a;
  a.name = name;
  a.id = actor_id_for(name);
  a.kind = ActorKind::kPerson;
  return a;
}

// Record `n`: one of a few actor pairs and days, so that many records report the same event.
ImportedRecord record(int n) {
  ImportedRecord r;
  r.doc.id = "rec:" + std::to_string(n);
  r.doc.published = Date::from_ymd(2020, 1, 1 + n % 5);
  Actor a = person("Person " + std::to_string(n % 7));
  Actor b = person("Person " + std::to_string(n % 3 + 10));
  Event e;
  e.type = n % 2 ? EventType::kCall : EventType::kVisit;
  e.source = ActorRef::of(a);
  e.target = ActorRef::of(b);
  e.date = r.doc.published;
  e.finalize();
  Mention m;
  m.doc = r.doc.id;
  m.text = "record " + std::to_string(n);
  e.mentions.push_back(m);
  r.extraction.events.push_back(e);
  r.extraction.actors = {a, b};
  return r;
}

std::vector<std::string> dump(GraphStore& s) {
  std::vector<std::string> out;
  REQUIRE(s.for_each_event([&](const Event& e) {
    out.push_back(store::encode_event(e));
    return true;
  }));
  return out;
}

}  // namespace

TEST_CASE("GraphStore: bulk chunks give the same store whatever the chunking", "[store]") {
  std::vector<ImportedRecord> all;
  for (int i = 0; i < 300; ++i) all.push_back(record(i));
  TempDir a, b;
  auto one = GraphStore::open(a.str());
  auto many = GraphStore::open(b.str());
  REQUIRE(one);
  REQUIRE(many);
  auto r = bulk_add(**one, all);  // one WriteBatch
  REQUIRE(r);
  CHECK(r->records == 300);
  CHECK_FALSE(r->used_sst);
  for (std::size_t i = 0; i < all.size(); i += 37) {
    std::vector<ImportedRecord> chunk(all.begin() + i, all.begin() + std::min(all.size(), i + 37));
    auto c = bulk_add(**many, chunk, 1);  // SST files every time
    REQUIRE(c);
    CHECK(c->used_sst);
  }
  CHECK(dump(**one) == dump(**many));
  auto s1 = (*one)->stats(), s2 = (*many)->stats();
  CHECK(s1->mentions == 300);
  CHECK(s2->mentions == 300);
  CHECK(s1->events == s2->events);
  CHECK((*many)->check()->problem_count == 0);
  SECTION("a repeated chunk is skipped") {
    auto again = bulk_add(**many, all, 1);
    REQUIRE(again);
    CHECK(again->records == 0);
    CHECK(again->already_present == 300);
    CHECK((*many)->stats()->mentions == 300);
  }
}

TEST_CASE("GraphStore: bulk chunks into a new store still merge what ingest() wrote between them",
          "[store]") {
  // The first chunk into an empty store starts the memo that spares later chunks their lookups;
  // a document ingested in between must end it, or its event would be taken for a new one.
  std::vector<ImportedRecord> all;
  for (int i = 0; i < 60; ++i) all.push_back(record(i));
  TempDir a, b;
  auto mixed = GraphStore::open(a.str());
  auto plain = GraphStore::open(b.str());
  REQUIRE(mixed);
  REQUIRE(plain);
  std::vector<ImportedRecord> first(all.begin(), all.begin() + 30), second(all.begin() + 30, all.end());
  REQUIRE(bulk_add(**mixed, first, 1));
  Document doc;
  doc.id = "between";
  doc.text = "between";
  doc.published = all[45].doc.published;
  Extraction ex = all[45].extraction;  // an event the second chunk reports too
  ex.events[0].mentions[0].doc = doc.id;
  REQUIRE((*mixed)->ingest(doc, ex));
  REQUIRE(bulk_add(**mixed, second, 1));
  CHECK((*mixed)->check()->problem_count == 0);
  REQUIRE(bulk_add(**plain, first, 1));
  REQUIRE(bulk_add(**plain, second, 1));
  CHECK((*mixed)->stats()->events == (*plain)->stats()->events);
  CHECK((*mixed)->stats()->mentions == 61);
  auto e = (*mixed)->get_event(all[45].extraction.events[0].id);
  REQUIRE(e);
  CHECK(e->sources() >= 2);
}

TEST_CASE("GraphStore: remove_document takes out mentions, and events no one else reports",
          "[store]") {
  TempDir dir;
  auto s = GraphStore::open(dir.str());
  REQUIRE(s);
  // Records 0 and 210 describe the same event (same pair, type and day); 1 another.
  std::vector<ImportedRecord> recs = {record(0), record(210), record(1)};
  REQUIRE(recs[0].extraction.events[0].id == recs[1].extraction.events[0].id);
  REQUIRE(bulk_add(**s, recs));
  CHECK((*s)->stats()->events == 2);

  auto r = (*s)->remove_document("rec:0");
  REQUIRE(r);
  CHECK(r->mentions == 1);
  CHECK(r->events_removed == 0);
  auto e = (*s)->get_event(recs[0].extraction.events[0].id);
  REQUIRE(e);
  CHECK(e->mentions.size() == 1);
  CHECK(e->mentions[0].doc == "rec:210");

  r = (*s)->remove_document("rec:210");
  REQUIRE(r);
  CHECK(r->events_removed == 1);
  CHECK((*s)->get_event(recs[0].extraction.events[0].id).error().code() == StatusCode::kNotFound);
  auto st = (*s)->stats();
  CHECK(st->documents == 1);
  CHECK(st->mentions == 1);
  CHECK(st->events == 1);
  CHECK(st->edges == 1);
  auto c = (*s)->check();
  REQUIRE(c);
  INFO((c->problems.empty() ? "" : c->problems[0]));
  CHECK(c->problem_count == 0);
  CHECK((*s)->remove_document("rec:210").error().code() == StatusCode::kNotFound);
}

TEST_CASE("GraphStore: check names a missing derived key, a stale one and a wrong counter",
          "[store]") {
  TempDir dir;
  std::vector<ImportedRecord> recs = {record(0), record(1)};
  const std::string other_id = recs[1].extraction.events[0].id.hex();
  {
    auto s = GraphStore::open(dir.str());
    REQUIRE(s);
    REQUIRE(bulk_add(**s, recs));
    CHECK((*s)->check()->problem_count == 0);
  }
  {
    // Damage the store behind its back: drop one adj key, change a time key's (empty) value and
    // bump a counter.
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
    for (const char* n : {"default", "actor", "alias", "event", "adj", "pair", "time", "doc", "meta"})
      cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> h;
    rocksdb::DB* raw = nullptr;
    REQUIRE(rocksdb::DB::Open(rocksdb::DBOptions(), dir.str(), cfs, &h, &raw).ok());
    const Event& e = recs[0].extraction.events[0];
    AdjEntry a{e.source.id, e.date.days, e.type, true, e.target->id, e.id, e.status, e.date.precision};
    REQUIRE(raw->Delete(rocksdb::WriteOptions(), h[4], store::adj_key(a)).ok());
    const Event& other = recs[1].extraction.events[0];
    REQUIRE(raw->Put(rocksdb::WriteOptions(), h[6], store::time_key(other.date.days, other.id), "x").ok());
    REQUIRE(raw->Put(rocksdb::WriteOptions(), h[8], "events", store::encode_counter(9)).ok());
    for (auto* x : h) REQUIRE(raw->DestroyColumnFamilyHandle(x).ok());
    delete raw;
  }
  StoreOptions ro;
  ro.read_only = true;
  auto s = GraphStore::open(dir.str(), ro);
  REQUIRE(s);
  auto c = (*s)->check();
  REQUIRE(c);
  CHECK(c->problem_count == 3);
  std::string all;
  for (const auto& p : c->problems) all += p + "\n";
  CHECK(all.find("missing adj key") != std::string::npos);
  CHECK(all.find("event " + other_id + ": time key") != std::string::npos);
  CHECK(all.find("holds a stale value") != std::string::npos);
  CHECK(all.find("counter events is 9, records say 2") != std::string::npos);
  auto cli = run_cli("check --db " + quote(dir.str()));
  CHECK(cli.exit_code == 2);
  CHECK(cli.err.find("missing adj key") != std::string::npos);
}

TEST_CASE("GraphStore: a second writer is told which process writes", "[store]") {
  TempDir dir;
  auto first = GraphStore::open(dir.str());
  REQUIRE(first);
  // flock() locks belong to the open file, so a second open in this process conflicts too.
  auto second = GraphStore::open(dir.str());
  REQUIRE_FALSE(second);
  CHECK(second.error().code() == StatusCode::kIoError);
  CHECK(second.error().message().find("is being written by process " + std::to_string(::getpid())) !=
        std::string::npos);
  StoreOptions ro;
  ro.read_only = true;
  CHECK(GraphStore::open(dir.str(), ro));  // readers take no lock
}

namespace {

// The options RocksDB last recorded for the store's `family` (the newest OPTIONS file, which
// every SetOptions rewrites): "key=value" lines of its [CFOptions "family"] section.
std::string family_options_text(const std::filesystem::path& dir, const std::string& family) {
  std::filesystem::path newest;
  std::uint64_t number = 0;
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    const std::string name = f.path().filename().string();
    if (name.rfind("OPTIONS-", 0) != 0 || name.find(".dbtmp") != std::string::npos) continue;
    const std::uint64_t n = std::stoull(name.substr(8));
    if (n >= number) number = n, newest = f.path();
  }
  const std::string text = read_file(newest);
  const std::size_t at = text.find("[CFOptions \"" + family + "\"]");
  REQUIRE(at != std::string::npos);
  return text.substr(at, text.find("\n[", at + 1) - at);
}

}  // namespace

TEST_CASE("GraphStore: a bulk load starts from RocksDB's bulk-load options and ends with the "
          "store's own",
          "[store]") {
  TempDir tmp;
  const auto dir = tmp.path() / "db";
  auto s = GraphStore::open(dir.string());
  REQUIRE(s);
  auto before = family_options_text(dir, "event");
  CHECK_THAT(before, Catch::Contains("disable_auto_compactions=false"));
  CHECK_THAT(before, Catch::Contains("level0_file_num_compaction_trigger=4"));
  auto loader = BulkLoader::start(**s);
  REQUIRE(loader);
  // Options::PrepareForBulkLoad's: no compaction triggered by level-0 files, no stall on them
  // or on pending compaction bytes.
  auto loading = family_options_text(dir, "event");
  CHECK_THAT(loading, Catch::Contains("disable_auto_compactions=true"));
  CHECK_THAT(loading, Catch::Contains("level0_file_num_compaction_trigger=1073741824"));
  CHECK_THAT(loading, Catch::Contains("level0_stop_writes_trigger=1073741824"));
  CHECK_THAT(loading, Catch::Contains("hard_pending_compaction_bytes_limit=0"));
  CHECK_THAT(loading, Catch::Contains("num_levels=7"));  // fixed when the store was made
  std::vector<ImportedRecord> recs;
  for (int i = 0; i < 50; ++i) recs.push_back(record(i));
  REQUIRE(loader->add(recs, 1));
  REQUIRE(loader->finish());
  CHECK(family_options_text(dir, "event") == before);
  CHECK_FALSE(loader->add(recs));  // finished

  // A loader given up unfinished (a failed import) brings the options back too.
  {
    auto given_up = BulkLoader::start(**s);
    REQUIRE(given_up);
    CHECK(family_options_text(dir, "event") == loading);
  }
  CHECK(family_options_text(dir, "event") == before);
}
