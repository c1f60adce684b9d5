// Extraction throughput over the news corpus in ../shared/corpus (issue 3): MB/s and sentences/s
// on 1 and 2 threads, through the same ordered pool `diplograph extract` uses, and the time to
// load the built-in knowledge. Skips (with a message) when the corpus is absent.
//   build/bench/extract_bench [--benchmark_filter=...] [google benchmark flags]
// DIPLOGRAPH_CORPUS_DIR overrides the corpus location.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "diplograph/diplograph.hpp"
#include "extract/ordered_pool.hpp"
#include "text/segment.hpp"

namespace {

struct Corpus {
  std::vector<diplograph::Document> docs;
  std::size_t bytes = 0, sentences = 0;
};

// The news article files of the corpus: JSON Lines records with a text.
const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus c;
    const char* env = std::getenv("DIPLOGRAPH_CORPUS_DIR");
    std::filesystem::path dir = env ? env : DIPLOGRAPH_CORPUS_DIR;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return c;
    std::vector<std::string> files;
    for (const auto& sub : {"kremlin-ukraine-president-press-2021-2022", "wikinews-2019-2020",
                            "reuters21578-diplomacy"})
      for (const auto& f : std::filesystem::directory_iterator(dir / sub, ec))
        if (f.path().extension() == ".jsonl") files.push_back(f.path().string());
    std::sort(files.begin(), files.end());
    diplograph::ReadOptions ro;
    ro.date = diplograph::Date::from_ymd(2021, 1, 1);
    for (const auto& f : files)
      (void)diplograph::read_documents(
          f, ro, [&](diplograph::Document&& d) { c.docs.push_back(std::move(d)); },
          [](diplograph::RecordError&&) {});
    for (const auto& d : c.docs) {
      c.bytes += d.text.size();
      c.sentences += diplograph::text::news_sentences(d.text).size();
    }
    return c;
  }();
  return c;
}

void BM_Extract(benchmark::State& state) {
  const Corpus& c = corpus();
  if (c.docs.empty()) {
    state.SkipWithError("no corpus (../shared/corpus or DIPLOGRAPH_CORPUS_DIR)");
    return;
  }
  auto ex = diplograph::Extractor::create();
  if (!ex) {
    state.SkipWithError(ex.error().message().c_str());
    return;
  }
  std::size_t threads = static_cast<std::size_t>(state.range(0));
  std::size_t events = 0;
  for (auto _ : state) {
    diplograph::extract::OrderedPool<const diplograph::Document*, std::size_t> pool(threads,
                                                                                    4 * threads);
    pool.run(
        [&](const std::function<void(const diplograph::Document*&&)>& push) {
          for (const auto& d : c.docs) push(&d);
        },
        [&](const diplograph::Document*& d) { return (*ex)->extract(*d).events.size(); },
        [&](std::size_t&& n) { events += n; });
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
  state.counters["sentences/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * c.sentences), benchmark::Counter::kIsRate);
  state.counters["docs"] = static_cast<double>(c.docs.size());
  state.counters["events"] = static_cast<double>(events / state.iterations());
}
BENCHMARK(BM_Extract)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// Loading the built-in knowledge (actors, roles, agents, lexicon, patterns): what every
// `extract` and `ingest` process pays before its first sentence.
void BM_LoadKnowledge(benchmark::State& state) {
  for (auto _ : state) {
    auto ex = diplograph::Extractor::create();
    if (!ex) {
      state.SkipWithError(ex.error().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(ex->get());
  }
}
BENCHMARK(BM_LoadKnowledge)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
