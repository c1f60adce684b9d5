// query_bench: the query layer on the synthetic 1M-event heavy-tailed set (bench/synthetic.hpp),
// in one process: timelines (busiest and median actor, one year), projection build time and
// memory, each path mode, neighbors and rank. The database is built once through
// a BulkLoader under $DIPLOGRAPH_BENCH_DIR (default /tmp/diplograph-bench) and reused.
//   query_bench [--benchmark_repetitions=5 ...]   (Google Benchmark flags)
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>

#include "diplograph/bulk_load.hpp"
#include "diplograph/query.hpp"
#include "graph/projection.hpp"
#include "synthetic.hpp"

using namespace diplograph;

namespace {

std::unique_ptr<GraphStore> g_store;
std::unique_ptr<QueryEngine> g_engine;
const bench::SyntheticSpec kSpec;
EventFilter g_year;  // 2020
EventFilter g_all;
std::vector<std::pair<ActorId, ActorId>> g_pairs_year, g_pairs_all;
std::vector<std::pair<std::string, std::string>> g_named_pairs_year;
std::map<const EventFilter*, std::unique_ptr<graph::Projection>> g_projections;

double rss_mb(const char* field = "VmRSS:") {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field, 0) == 0) return std::stod(line.substr(std::string(field).size())) / 1024;
  return 0;
}

// Builds the store through a BulkLoader (one record per event, 200k-record chunks
// written as SST files): the fastest way in, about a minute instead of ingest()'s minutes.
void load(const std::string& dir) {
  auto opened = GraphStore::open(dir);
  if (!opened) throw std::runtime_error(opened.error().message());
  auto t0 = std::chrono::steady_clock::now();
  std::vector<ImportedRecord> chunk;
  std::size_t n = 0;
  auto loader = BulkLoader::start(**opened);
  if (!loader) throw std::runtime_error(loader.error().message());
  auto flush = [&] {
    if (chunk.empty()) return;
    auto r = loader->add(chunk);
    if (!r) throw std::runtime_error(r.error().message());
    chunk.clear();
  };
  bench::generate(kSpec, [&](const Event& e) {
    ImportedRecord r;
    r.doc.id = "syn:" + std::to_string(n++);
    r.doc.published = e.date;
    r.extraction.actors.push_back(e.source.to_actor());
    if (e.target) r.extraction.actors.push_back(e.target->to_actor());
    r.extraction.events.push_back(e);
    chunk.push_back(std::move(r));
    if (chunk.size() >= 200000) flush();
  });
  flush();
  if (auto r = loader->finish(); !r) throw std::runtime_error(r.error().message());
  auto t1 = std::chrono::steady_clock::now();
  // One sorted run per family, as a store settles into once RocksDB has compacted it: without
  // this, every scan merges one run per chunk.
  if (Status s = (*opened)->compact(); !s) throw std::runtime_error(s.message());
  auto t2 = std::chrono::steady_clock::now();
  std::cerr << "loaded " << kSpec.events << " events in "
            << std::chrono::duration<double>(t1 - t0).count() << " s, compacted in "
            << std::chrono::duration<double>(t2 - t1).count() << " s\n";
}

void setup() {
  const char* env = std::getenv("DIPLOGRAPH_BENCH_DIR");
  std::string dir = std::string(env ? env : "/tmp/diplograph-bench") + "/db";
  // The store is generated once and kept; `complete` marks a load that finished.
  if (!std::filesystem::exists(dir + "/complete")) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    load(dir);
    std::ofstream(dir + "/complete") << "1\n";
  }
  StoreOptions ro;
  ro.read_only = true;
  auto opened = GraphStore::open(dir, ro);
  if (!opened) throw std::runtime_error(opened.error().message());
  g_store = std::move(*opened);
  g_engine = std::make_unique<QueryEngine>(*g_store);
  g_year.window = {Date::from_ymd(2020, 1, 1).days, Date::from_ymd(2020, 12, 31).days};

  // Query pairs: random actors with an event in the window (a path question about an actor with
  // no events there is answered before any search).
  std::mt19937_64 rng(7);
  for (auto [filter, out] : {std::pair{&g_year, &g_pairs_year}, std::pair{&g_all, &g_pairs_all}}) {
    std::vector<ActorId> active;
    for (std::size_t i = 0; i < kSpec.actors && active.size() < 2000; i += 37) {
      ActorId id = bench::synthetic_actor(i).id;
      bool any = false;
      Status s = g_store->scan_adjacency(id, filter->window.from, filter->window.to,
                                         [&](const AdjEntry&) { return !(any = true); });
      if (s && any) active.push_back(id);
    }
    for (int i = 0; i < 64; ++i)
      out->emplace_back(active[rng() % active.size()], active[rng() % active.size()]);
  }
  for (int i = 0; i < 16; ++i) {
    auto a = g_store->get_actor(g_pairs_year[i].first), b = g_store->get_actor(g_pairs_year[i].second);
    g_named_pairs_year.emplace_back(a->name, b->name);
  }
}

void timeline_rows(benchmark::State& state, std::size_t actor_index) {
  TimelineQuery q;
  q.actor = bench::actor_name(actor_index);
  q.filter = g_year;
  q.load_events = false;  // rows only: what a page of a long timeline reads before printing
  std::size_t rows = 0;
  for (auto _ : state) {
    auto r = timeline(*g_store, q);
    rows = r ? r->rows.size() : 0;
    benchmark::DoNotOptimize(rows);
  }
  state.counters["rows"] = static_cast<double>(rows);
}

void BM_TimelineBusiestYear(benchmark::State& s) { timeline_rows(s, 0); }
void BM_TimelineMedianYear(benchmark::State& s) { timeline_rows(s, kSpec.actors / 2); }
void BM_TimelineBusiestYearPage50WithEvents(benchmark::State& state) {
  TimelineQuery q;
  q.actor = bench::actor_name(0);
  q.filter = g_year;
  q.limit = 50;
  for (auto _ : state) benchmark::DoNotOptimize(timeline(*g_store, q));
}

void projection(benchmark::State& state, const EventFilter& f) {
  graph::ProjectionOptions o;
  o.filter = f;
  // Resident memory (VmRSS) and its peak so far (VmHWM) before the first build and with the last
  // projection still held.
  const double before = rss_mb(), peak_before = rss_mb("VmHWM:");
  double held = 0;
  std::size_t bytes = 0, edges = 0;
  for (auto _ : state) {
    auto p = graph::Projection::build(*g_store, o);
    bytes = (*p)->memory_bytes();
    edges = (*p)->edge_count();
    held = rss_mb();
  }
  state.counters["csr_MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["edges"] = static_cast<double>(edges);
  state.counters["rss_before_MB"] = before;
  state.counters["rss_held_MB"] = held;
  state.counters["hwm_before_MB"] = peak_before;
  state.counters["hwm_after_MB"] = rss_mb("VmHWM:");
}
void BM_ProjectionYear(benchmark::State& s) { projection(s, g_year); }
void BM_ProjectionAll(benchmark::State& s) { projection(s, g_all); }

// Searches on the cached projection of the window (the engine's), cycling through 64 pairs.
template <class Fn>
void search(benchmark::State& state, const EventFilter& f, const std::vector<std::pair<ActorId, ActorId>>& pairs, Fn fn) {
  if (!g_engine->prepare(f, true)) state.SkipWithError("projection failed");
  graph::ProjectionOptions o;
  o.filter = f;
  auto& p = g_projections[&f];
  if (!p) p = graph::Projection::build(*g_store, o).value();
  graph::SearchLimits limits;
  std::size_t i = 0, found = 0, n = 0;
  for (auto _ : state) {
    const auto& [a, b] = pairs[i++ % pairs.size()];
    found += fn(*p, a, b, limits);
    ++n;
  }
  state.counters["found_pct"] = n ? 100.0 * static_cast<double>(found) / static_cast<double>(n) : 0;
}
bool fewest(const graph::Projection& p, ActorId a, ActorId b, const graph::SearchLimits& l) {
  return p.fewest_hops(a, b, l).has_value();
}
bool earliest(const graph::Projection& p, ActorId a, ActorId b, const graph::SearchLimits& l) {
  return p.earliest_arrival(a, b, l, std::nullopt).has_value();
}
bool latest(const graph::Projection& p, ActorId a, ActorId b, const graph::SearchLimits& l) {
  return p.latest_departure(a, b, l, std::nullopt).has_value();
}
bool fastest(const graph::Projection& p, ActorId a, ActorId b, const graph::SearchLimits& l) {
  return p.fastest(a, b, l, std::nullopt).has_value();
}
void BM_FewestHopsYear(benchmark::State& s) { search(s, g_year, g_pairs_year, fewest); }
void BM_EarliestArrivalYear(benchmark::State& s) { search(s, g_year, g_pairs_year, earliest); }
void BM_LatestDepartureYear(benchmark::State& s) { search(s, g_year, g_pairs_year, latest); }
void BM_FastestYear(benchmark::State& s) { search(s, g_year, g_pairs_year, fastest); }
void BM_FewestHopsAll(benchmark::State& s) { search(s, g_all, g_pairs_all, fewest); }
void BM_EarliestArrivalAll(benchmark::State& s) { search(s, g_all, g_pairs_all, earliest); }

// The whole public call: names resolved, cached projection, evidence of every hop from the store.
void BM_FindPathQueryYear(benchmark::State& state, PathMode mode) {
  std::size_t i = 0;
  for (auto _ : state) {
    PathQuery q;
    q.from = g_named_pairs_year[i % g_named_pairs_year.size()].first;
    q.to = g_named_pairs_year[i++ % g_named_pairs_year.size()].second;
    q.filter = g_year;
    q.mode = mode;
    benchmark::DoNotOptimize(g_engine->find_paths(q));
  }
}

void BM_NeighborsMedianDepth2(benchmark::State& state) {
  NeighborsQuery q;
  q.actor = g_store->get_actor(g_pairs_year[0].first)->name;
  q.filter = g_year;
  q.depth = 2;
  q.load_events = false;
  std::size_t n = 0;
  for (auto _ : state) n = g_engine->neighbors(q)->actors.size();
  state.counters["actors"] = static_cast<double>(n);
}
void BM_NeighborsMedianDepth1WithEvents(benchmark::State& state) {
  NeighborsQuery q;
  q.actor = g_store->get_actor(g_pairs_year[0].first)->name;
  q.filter = g_year;
  std::size_t n = 0;
  for (auto _ : state) n = g_engine->neighbors(q)->events.size();
  state.counters["events"] = static_cast<double>(n);
}
void BM_Rank(benchmark::State& state, RankBy by) {
  RankQuery q;
  q.filter = g_year;
  q.by = by;
  std::size_t pivots = 0;
  for (auto _ : state) pivots = g_engine->rank(q)->pivots;
  state.counters["pivots"] = static_cast<double>(pivots);
}

}  // namespace

int main(int argc, char** argv) {
  setup();
  using benchmark::RegisterBenchmark;
  auto ms = benchmark::kMillisecond;
  auto us = benchmark::kMicrosecond;
  RegisterBenchmark("timeline/busiest/one-year/rows", BM_TimelineBusiestYear)->Unit(us);
  RegisterBenchmark("timeline/median/one-year/rows", BM_TimelineMedianYear)->Unit(us);
  RegisterBenchmark("timeline/busiest/one-year/page50+events", BM_TimelineBusiestYearPage50WithEvents)->Unit(us);
  RegisterBenchmark("projection/one-year", BM_ProjectionYear)->Unit(ms)->Iterations(3);
  RegisterBenchmark("projection/all-1M", BM_ProjectionAll)->Unit(ms)->Iterations(2);
  RegisterBenchmark("path/fewest-hops/one-year", BM_FewestHopsYear)->Unit(us);
  RegisterBenchmark("path/earliest-arrival/one-year", BM_EarliestArrivalYear)->Unit(us);
  RegisterBenchmark("path/latest-departure/one-year", BM_LatestDepartureYear)->Unit(us);
  RegisterBenchmark("path/fastest/one-year", BM_FastestYear)->Unit(us);
  RegisterBenchmark("path/fewest-hops/all-1M", BM_FewestHopsAll)->Unit(us);
  RegisterBenchmark("path/earliest-arrival/all-1M", BM_EarliestArrivalAll)->Unit(us);
  RegisterBenchmark("find_paths/fewest-hops/one-year+evidence", BM_FindPathQueryYear, PathMode::kFewestHops)->Unit(us);
  RegisterBenchmark("find_paths/earliest-arrival/one-year+evidence", BM_FindPathQueryYear, PathMode::kEarliestArrival)->Unit(us);
  RegisterBenchmark("neighbors/depth2/one-year", BM_NeighborsMedianDepth2)->Unit(us);
  RegisterBenchmark("neighbors/depth1+events/one-year", BM_NeighborsMedianDepth1WithEvents)->Unit(us);
  RegisterBenchmark("rank/degree/one-year", BM_Rank, RankBy::kDegree)->Unit(ms);
  RegisterBenchmark("rank/betweenness-sampled/one-year", BM_Rank, RankBy::kBetweenness)->Unit(ms);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  // Released before static destruction, while RocksDB's own statics still exist.
  g_projections.clear();
  g_engine.reset();
  g_store.reset();
  return 0;
}
