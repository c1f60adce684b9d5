// bulk_ingest_bench: `ingest --format csv` of the synthetic heavy-tailed event set, timed end to
// end (reading and parsing the file on all cores, bulk ingest as sorted SST files), then the
// one-year timeline of a median-degree actor. Make the CSV with bench/gen_events, e.g.
//   gen_events --csv /tmp/events1m.csv                                  (1M events, 100k actors)
//   gen_events --events 10000000 --actors 1000000 --csv /tmp/events10m.csv
//   bulk_ingest_bench --csv /tmp/events1m.csv [--db DIR] [--benchmark_repetitions=3 ...]
// Counters: events/s (items_per_second; real time, and the process's CPU time on all threads),
// bytes on disk per event after the store is closed and its column families compacted, and the
// median actor's degree and one-year row count. The database (default /tmp/bulk_ingest_bench.db)
// is left for the timeline benchmark and removed at the start of each ingest.
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "diplograph/graph_store.hpp"
#include "diplograph/import.hpp"

using namespace diplograph;

namespace {

std::string g_csv;
std::string g_db = "/tmp/bulk_ingest_bench.db";
std::uint64_t g_records = 0;

std::uint64_t dir_bytes(const std::string& dir) {
  std::uint64_t total = 0;
  for (const auto& f : std::filesystem::recursive_directory_iterator(dir))
    if (f.is_regular_file()) total += f.file_size();
  return total;
}

// What `diplograph compact` would do: every column family compacted (with the store's table
// options: bloom filters, default compression), so the size is that of a settled database.
void compact(const std::string& dir) {
  std::vector<std::string> names;
  if (!rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names).ok()) return;
  rocksdb::ColumnFamilyOptions cf;
  rocksdb::BlockBasedTableOptions t;
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& n : names) families.emplace_back(n, cf);
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  if (!rocksdb::DB::Open(rocksdb::DBOptions(), dir, families, &handles, &db).ok()) return;
  for (auto* h : handles) {
    db->CompactRange(rocksdb::CompactRangeOptions(), h, nullptr, nullptr).PermitUncheckedError();
    db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  }
  db->Close().PermitUncheckedError();
  delete db;
}

void BM_IngestCsv(benchmark::State& state) {
  // As `diplograph ingest` sets it (src/cli/import_events.cpp): freed chunks stay in the heap.
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  ImportSummary last;
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove_all(g_db);
    state.ResumeTiming();
    auto store = GraphStore::open(g_db);
    if (!store) {
      state.SkipWithError(store.error().message().c_str());
      return;
    }
    ImportOptions options;
    options.format = InputFormat::kCsv;
    auto r = import_event_files(**store, {g_csv}, options, [](RecordError&& e) {
      std::cerr << e.to_string() << "\n";
    });
    if (!r) {
      state.SkipWithError(r.error().message().c_str());
      return;
    }
    last = *r;
    store->reset();  // closed: everything durable, memtables flushed
  }
  g_records = last.records;
  std::uint64_t closed = dir_bytes(g_db);
  compact(g_db);
  std::uint64_t compacted = dir_bytes(g_db);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * last.records));
  state.counters["events"] = static_cast<double>(last.records);
  state.counters["bytes_per_event_closed"] = static_cast<double>(closed) / last.records;
  state.counters["bytes_per_event"] = static_cast<double>(compacted) / last.records;
}

// The one-year timeline of median-degree actors. A median actor has a handful of events over
// twenty years, so a fixed year would mostly find none: each actor's own busiest year is timed
// instead, over up to 64 actors of the median degree taken in turn (their degrees from a sample
// of actors by name, "Actor NNNNNN" in bench/synthetic.hpp).
void BM_MedianActorYear(benchmark::State& state) {
  StoreOptions ro;
  ro.read_only = true;
  auto store = GraphStore::open(g_db, ro);
  if (!store) {
    state.SkipWithError("run BM_IngestCsv first (no database)");
    return;
  }
  auto st = (*store)->stats();
  const std::size_t actors = st ? st->actors : 0;
  struct Sampled {
    std::size_t degree;
    ActorId id;
    std::int32_t from, to;  // its busiest calendar year
  };
  std::vector<Sampled> sampled;
  for (std::size_t i = 0; i < actors; i += std::max<std::size_t>(1, actors / 4000)) {
    char name[32];
    std::snprintf(name, sizeof name, "Actor %06zu", i);
    const ActorId id = actor_id_for(name);
    std::map<int, std::size_t> per_year;
    std::size_t d = 0;
    (void)(*store)->scan_adjacency(id, INT32_MIN, INT32_MAX, [&](const AdjEntry& e) {
      ++d;
      ++per_year[Date{e.day, DatePrecision::kDay}.year()];
      return true;
    });
    if (d == 0) continue;
    auto busiest = std::max_element(per_year.begin(), per_year.end(),
                                    [](const auto& a, const auto& b) { return a.second < b.second; });
    sampled.push_back({d, id, Date::from_ymd(busiest->first, 1, 1).days,
                       Date::from_ymd(busiest->first, 12, 31).days});
  }
  if (sampled.empty()) {
    state.SkipWithError("no synthetic actors found");
    return;
  }
  std::sort(sampled.begin(), sampled.end(),
            [](const Sampled& a, const Sampled& b) { return a.degree < b.degree; });
  const std::size_t median_degree = sampled[sampled.size() / 2].degree;
  std::vector<Sampled> median;
  for (const Sampled& a : sampled)
    if (a.degree == median_degree && median.size() < 64) median.push_back(a);
  std::size_t rows = 0, scans = 0, k = 0;
  for (auto _ : state) {
    const Sampled& a = median[k++ % median.size()];
    (void)(*store)->scan_adjacency(a.id, a.from, a.to, [&](const AdjEntry&) {
      ++rows;
      return true;
    });
    ++scans;
  }
  benchmark::DoNotOptimize(rows);
  state.counters["events"] = st ? static_cast<double>(st->events) : 0;
  state.counters["degree"] = static_cast<double>(median_degree);
  state.counters["actors_timed"] = static_cast<double>(median.size());
  state.counters["rows"] = scans ? static_cast<double>(rows) / static_cast<double>(scans) : 0;
}

BENCHMARK(BM_IngestCsv)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime()->Iterations(1);
BENCHMARK(BM_MedianActorYear)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--csv" && i + 1 < argc) g_csv = argv[++i];
    else if (a == "--db" && i + 1 < argc) g_db = argv[++i];
    else rest.push_back(argv[i]);
  }
  if (g_csv.empty() || !std::filesystem::exists(g_csv)) {
    std::cerr << "usage: bulk_ingest_bench --csv FILE [--db DIR] [benchmark flags]\n"
                 "  (make FILE with bench/gen_events --csv FILE)\n";
    return 2;
  }
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
