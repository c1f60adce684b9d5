// libFuzzer target: `ingest --format events` (our event JSON Lines) into one store kept for the
// whole run, so merging into existing records is exercised too.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "diplograph/graph_store.hpp"
#include "import/event_jsonl.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string dir = "/tmp/diplograph-fuzz-events-" + std::to_string(::getpid());
  static std::unique_ptr<diplograph::GraphStore> store = [] {
    std::filesystem::remove_all(dir);
    auto s = diplograph::GraphStore::open(dir + "/db");
    return s ? std::move(*s) : nullptr;
  }();
  if (!store) return 0;
  const std::string path = dir + "/in.jsonl";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  diplograph::import::EventsImportSummary summary;
  (void)diplograph::import::import_event_jsonl(*store, path, diplograph::kDefaultMaxRecordBytes,
                                               [](diplograph::RecordError&&) {}, summary);
  return 0;
}
