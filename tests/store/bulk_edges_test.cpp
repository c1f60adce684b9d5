// BulkLoader::add of edge rows (what `ingest --format csv` stores) against add of the same rows
// as records: every key and value of the two databases must be the same bytes.
#include <rocksdb/db.h>

#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "diplograph/bulk_load.hpp"
#include "diplograph/graph_store.hpp"
#include "import/csv.hpp"
#include "store/store_fixtures.hpp"
#include "support/test_support.hpp"

using namespace diplograph;
using namespace diplograph::test;

namespace {

// Every key and value of every column family, by family name.
std::map<std::string, std::vector<std::pair<std::string, std::string>>> raw_dump(const std::string& dir) {
  std::vector<std::string> names;
  REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& n : names) families.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  REQUIRE(rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), dir, families, &handles, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> out;
  for (std::size_t i = 0; i < handles.size(); ++i) {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), handles[i]));
    for (it->SeekToFirst(); it->Valid(); it->Next())
      out[names[i]].emplace_back(it->key().ToString(), it->value().ToString());
    REQUIRE(it->status().ok());
  }
  for (auto* h : handles) REQUIRE(db->DestroyColumnFamilyHandle(h).ok());
  return out;
}

// A chunk of `lines` (CSV without header, columns source,target,date,type,status), numbered from
// `first_line`.
EdgeChunk chunk_of(const std::vector<std::string>& lines, std::uint64_t first_line,
                   import::CsvNames& names) {
  auto header = import::parse_csv_header("source,target,date,type,status");
  REQUIRE(header);
  EdgeChunk c;
  c.doc_prefix = "edges.csv:";
  c.source = "CSV";
  c.pattern = "csv";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EdgeChunk::Row row;
    Status s = import::parse_csv_row(*header, lines[i], names, row);
    INFO(lines[i]);
    REQUIRE(s);
    row.line = first_line + i;
    c.rows.push_back(row);
  }
  import::CsvNames::Listed listed;
  names.take_used(c.actors, listed);
  return c;
}

}  // namespace

TEST_CASE("GraphStore: edge rows store the same bytes as the same rows given as records",
          "[store]") {
  // Known states and a known person (records with aliases and affiliations), bare names, a row
  // without a target, the same event on several rows (ids computed from the fields), and a
  // second chunk that repeats rows of the first and reports its events again.
  std::vector<std::string> first = {
      "Russia,United States,2021-08-16,call,",     "Sergei Lavrov,Antony Blinken,2021-08-16,041,",
      "Actor 1,Actor 2,2021-08,meeting,planned",   "Actor 1,Actor 2,2021-08,meeting,planned",
      "Actor 3,,2021,statement,",                  "United States,Russia,2021-08-16,call,",
      "Actor 2,Sergei Lavrov,2021-08-17,0431,",    "Actor 4,Actor 1,2021-08-18,criticize,denied"};
  std::vector<std::string> second = {
      "Actor 1,Actor 2,2021-08,meeting,planned",   "Actor 5,Russia,2021-09-01,visit,",
      "Russia,United States,2021-08-16,call,",     "Actor 3,,2021,statement,"};
  for (std::size_t sst_min : {std::size_t{1}, std::size_t{1000}}) {  // SST files, WriteBatch
    TempDir tmp;
    const std::string edges_dir = (tmp.path() / "edges.db").string();
    const std::string records_dir = (tmp.path() / "records.db").string();
    import::CsvNames names;
    EdgeChunk a = chunk_of(first, 2, names);
    EdgeChunk b = chunk_of(second, 2 + first.size(), names);
    {
      auto edges = GraphStore::open(edges_dir);
      REQUIRE(edges);
      auto ra = bulk_add(**edges, a, sst_min);
      REQUIRE(ra);
      CHECK(ra->records == first.size());
      CHECK(ra->events_new == 6);  // the two calls are one event; so are the two meetings
      CHECK(ra->events_merged == 2);  // ... so two rows joined an event of their own chunk
      auto rb = bulk_add(**edges, b, sst_min);
      REQUIRE(rb);
      CHECK(rb->events_merged == 3);
      CHECK(bulk_add(**edges, a, sst_min)->already_present == first.size());

      auto records = GraphStore::open(records_dir);
      REQUIRE(records);
      for (const EdgeChunk* c : {&a, &b}) {
        std::vector<ImportedRecord> recs;
        for (std::size_t i = 0; i < c->rows.size(); ++i) recs.push_back(c->record(i));
        REQUIRE(bulk_add(**records, recs, sst_min));
      }
      auto stats = (*edges)->stats();
      REQUIRE(stats);
      CHECK(stats->documents == first.size() + second.size());
      CHECK(stats->mentions == first.size() + second.size());
    }
    auto from_edges = raw_dump(edges_dir);
    auto from_records = raw_dump(records_dir);
    for (const char* family : {"actor", "alias", "event", "adj", "pair", "time", "doc", "meta"}) {
      INFO(family << ", sst_min " << sst_min);
      CHECK_FALSE(from_edges[family].empty());
      CHECK(from_edges[family] == from_records[family]);
    }
  }
}

TEST_CASE("GraphStore: an edge row naming an actor its chunk does not list is refused", "[store]") {
  TempDir tmp;
  auto s = GraphStore::open((tmp.path() / "db").string());
  REQUIRE(s);
  EdgeChunk c;
  c.doc_prefix = "x.csv:";
  EdgeChunk::Row row;
  row.source = actor_id_for("Nobody");
  row.line = 7;
  c.rows.push_back(row);
  auto r = bulk_add(**s, c);
  REQUIRE_FALSE(r);
  CHECK(r.error().message().find("line 7") != std::string::npos);
  CHECK((*s)->stats()->documents == 0);
}

TEST_CASE("GraphStore: a large edge chunk written as SST files equals one written as a batch",
          "[store]") {
  // Enough rows that each family is radix-sorted (bulk_write.cpp), with few names so that many
  // keys share their first eight bytes (one actor's adj keys) and are ordered by the rest.
  std::vector<std::string> lines;
  const char* types[] = {"call", "meeting", "visit", "criticize", "041", "0431"};
  for (int i = 0; i < 5000; ++i)
    lines.push_back("Actor " + std::to_string(i % 37) + ",Actor " + std::to_string(i * 7 % 41 + 50) +
                    ",20" + std::to_string(10 + i % 12) + "-0" + std::to_string(1 + i % 9) + "-1" +
                    std::to_string(i % 10) + "," + types[i % 6] + ",");
  TempDir tmp;
  const std::string sst_dir = (tmp.path() / "sst.db").string();
  const std::string batch_dir = (tmp.path() / "batch.db").string();
  import::CsvNames names;
  EdgeChunk c = chunk_of(lines, 2, names);
  {
    auto sst = GraphStore::open(sst_dir);
    REQUIRE(sst);
    auto r = bulk_add(**sst, c, 1);
    REQUIRE(r);
    CHECK(r->used_sst);
    auto batch = GraphStore::open(batch_dir);
    REQUIRE(batch);
    auto b = bulk_add(**batch, c, lines.size() + 1);
    REQUIRE(b);
    CHECK_FALSE(b->used_sst);
    CHECK(r->events_new == b->events_new);
  }
  auto a = raw_dump(sst_dir), b = raw_dump(batch_dir);
  CHECK(a["adj"].size() > 1024);
  for (const char* family : {"actor", "alias", "event", "adj", "pair", "time", "doc", "meta"}) {
    INFO(family);
    CHECK(a[family] == b[family]);
  }
}

TEST_CASE("GraphStore: a bulk load merges the runs its chunks left, and keeps every key",
          "[store]") {
  TempDir tmp;
  const std::string dir = (tmp.path() / "db").string();
  import::CsvNames names;
  std::vector<EdgeChunk> chunks;
  for (int c = 0; c < 12; ++c) {  // twelve chunks over the same key range: runs pile up
    std::vector<std::string> lines;
    for (int i = 0; i < 50; ++i)
      lines.push_back("Actor " + std::to_string((c * 50 + i) % 23) + ",Actor " +
                      std::to_string((c * 7 + i) % 19 + 30) + ",2021-0" + std::to_string(1 + i % 9) +
                      "-1" + std::to_string(c % 10) + ",call,");
    chunks.push_back(chunk_of(lines, 2 + 50 * c, names));
  }
  // A load in one session, as import_event_files does it: `count` chunks into a new store
  // (opened for the load or not), ended with max_runs 3; how many families it merged. `told`:
  // the families finish() announced before merging ("" when it did not).
  std::string told;
  auto load = [&](std::size_t count, bool opened_for_load) {
    TempDir other;
    StoreOptions o;
    o.bulk_load = opened_for_load;
    auto s = GraphStore::open((other.path() / "db").string(), o);
    REQUIRE(s);
    auto loader = BulkLoader::start(**s);  // nothing left to do when opened for the load
    REQUIRE(loader);
    for (std::size_t c = 0; c < count; ++c) REQUIRE(loader->add(chunks[c], 1));
    told.clear();
    auto merged = loader->finish(3, [&](std::string_view f) { told = f; });
    REQUIRE(merged);
    CHECK((*s)->stats()->documents == 50 * count);
    // An ordinary store again: a second load starts and ends with nothing to merge.
    auto second = BulkLoader::start(**s);
    REQUIRE(second);
    auto again = second->finish(3, [](std::string_view) { FAIL("nothing to merge"); });
    REQUIRE(again);
    CHECK(*again == 0);
    return *merged;
  };
  CHECK(load(chunks.size(), false) > 0);
  CHECK(load(chunks.size(), true) > 0);
  // Five chunks land in five levels (ingestion puts each below the last): five runs each,
  // enough for a scanned family to merge, not for one read by key.
  CHECK(load(5, false) == 3);
  CHECK(told == "adj, pair, time");
  // The load ends in a later session, whose background compaction has started on the runs.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> before;
  {
    auto s = GraphStore::open(dir);
    REQUIRE(s);
    {
      // Given up unfinished: the store's options come back, nothing is merged.
      auto loader = BulkLoader::start(**s);
      REQUIRE(loader);
      for (const EdgeChunk& c : chunks) REQUIRE(loader->add(c, 1));
    }
    s->reset();
    before = raw_dump(dir);
    s = GraphStore::open(dir);
    REQUIRE(s);
    // Background compaction may have merged the runs already (then nothing is left to do), or
    // hold some of their files (then the family goes through CompactRange): no error either way.
    auto later = BulkLoader::start(**s);
    REQUIRE(later);
    REQUIRE(later->finish(3));
    auto last = BulkLoader::start(**s);
    REQUIRE(last);
    auto again = last->finish(3);  // nothing left to merge
    REQUIRE(again);
    CHECK(*again == 0);
    CHECK((*s)->stats()->documents == 600);
  }
  CHECK(raw_dump(dir) == before);
}
