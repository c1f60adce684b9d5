// Bulk ingest benchmark: N synthetic events with heavy-tailed actor degrees (a few hubs, a long
// tail; N/10 actors, so a median actor's degree stays put as N grows) through
// GraphStore::ingest_bulk in 200k-record chunks, then the one-year timeline of a median-degree
// actor. Prints events/s, bytes on disk per event and the timeline time.
//   bulk_ingest_bench N DB_DIR [chunk]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "diplograph/graph_store.hpp"

using namespace diplograph;
using Clock = std::chrono::steady_clock;

namespace {

struct Generator {
  std::mt19937_64 rng{42};
  std::size_t actors;
  std::vector<ActorRef> refs;
  explicit Generator(std::size_t n_actors) : actors(n_actors) {
    refs.reserve(actors);
    for (std::size_t i = 0; i < actors; ++i) {
      ActorRef r;
      r.name = "Actor " + std::to_string(i);
      r.id = actor_id_for(r.name);
      r.kind = i % 5 == 0 ? ActorKind::kState : ActorKind::kPerson;
      refs.push_back(r);
    }
  }
  // Heavy tail: index ~ actors * u^3 puts most events on low indexes.
  std::size_t pick() {
    double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return std::min(actors - 1, static_cast<std::size_t>(actors * u * u * u));
  }
  ImportedRecord make(std::uint64_t n) {
    static const char* kCodes[] = {"040", "041", "042", "043", "036", "057", "010", "111", "051", "046"};
    ImportedRecord r;
    r.doc.id = "syn:" + std::to_string(n);
    std::size_t a = pick(), b = pick();
    if (a == b) b = (b + 1) % actors;
    Event e;
    e.cameo = kCodes[rng() % 10];
    e.type = *event_type_for_cameo(e.cameo);
    e.source = refs[a];
    e.target = refs[b];
    // 2010-01-01 + up to 10 years.
    e.date = Date{14610 + static_cast<std::int32_t>(rng() % 3652), DatePrecision::kDay};
    r.doc.published = e.date;
    e.finalize();
    Mention m;
    m.doc = r.doc.id;
    m.pattern = "synthetic";
    e.mentions.push_back(std::move(m));
    r.extraction.events.push_back(std::move(e));
    for (std::size_t x : {a, b}) {
      Actor act;
      act.id = refs[x].id;
      act.name = refs[x].name;
      act.kind = refs[x].kind;
      r.extraction.actors.push_back(std::move(act));
    }
    return r;
  }
};

std::uint64_t dir_bytes(const std::string& dir) {
  std::uint64_t total = 0;
  for (const auto& f : std::filesystem::recursive_directory_iterator(dir))
    if (f.is_regular_file()) total += f.file_size();
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s N DB_DIR [chunk]\n", argv[0]);
    return 2;
  }
  const std::uint64_t n = std::strtoull(argv[1], nullptr, 10);
  const std::string dir = argv[2];
  const std::size_t chunk = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 200000;
  std::filesystem::remove_all(dir);
  auto store = GraphStore::open(dir);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().message().c_str());
    return 3;
  }
  Generator gen(std::max<std::uint64_t>(100, n / 10));
  double ingest_secs = 0;
  std::vector<ImportedRecord> recs;
  for (std::uint64_t done = 0; done < n;) {
    recs.clear();
    for (std::size_t i = 0; i < chunk && done < n; ++i, ++done) recs.push_back(gen.make(done));
    auto t0 = Clock::now();
    auto r = (*store)->ingest_bulk(recs);
    ingest_secs += std::chrono::duration<double>(Clock::now() - t0).count();
    if (!r) {
      std::fprintf(stderr, "%s\n", r.error().message().c_str());
      return 3;
    }
  }
  auto st = (*store)->stats();
  store->reset();  // close, so the size on disk is final (memtables flushed)
  std::uint64_t bytes = dir_bytes(dir);
  std::printf("events %llu (records %llu) in %.2f s of ingest: %.0f records/s; %.1f bytes/record "
              "on disk\n",
              static_cast<unsigned long long>(st->events),
              static_cast<unsigned long long>(n), ingest_secs, n / ingest_secs,
              static_cast<double>(bytes) / n);

  // The one-year timeline of a median-degree actor, on a reopened (read-only) store.
  StoreOptions ro;
  ro.read_only = true;
  auto reader = GraphStore::open(dir, ro);
  if (!reader) return 3;
  std::vector<std::pair<std::size_t, ActorId>> degree;
  for (std::size_t i = 0; i < gen.actors; i += std::max<std::size_t>(1, gen.actors / 2000)) {
    std::size_t d = 0;
    (void)(*reader)->scan_adjacency(gen.refs[i].id, INT32_MIN, INT32_MAX, [&](const AdjEntry&) {
      ++d;
      return true;
    });
    if (d) degree.emplace_back(d, gen.refs[i].id);
  }
  std::sort(degree.begin(), degree.end());
  auto [median_degree, median] = degree[degree.size() / 2];
  const std::int32_t from = Date::from_ymd(2015, 1, 1).days, to = Date::from_ymd(2015, 12, 31).days;
  std::size_t rows = 0;
  const int reps = 2000;
  auto t0 = Clock::now();
  for (int i = 0; i < reps; ++i) {
    rows = 0;
    (void)(*reader)->scan_adjacency(median, from, to, [&](const AdjEntry&) {
      ++rows;
      return true;
    });
  }
  double us = std::chrono::duration<double, std::micro>(Clock::now() - t0).count() / reps;
  std::printf("median actor: degree %zu, one-year timeline %zu rows in %.1f us\n", median_degree,
              rows, us);
  return 0;
}
