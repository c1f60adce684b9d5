// libFuzzer target: the CSV edge-list reader of `ingest --format csv` (any bytes; the first line is
// the header, each later line an event; never crashes, bad headers and lines are errors): line by
// line into records, and as one block into edge rows, as the import reads it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "import/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::size_t nl = in.find('\n');
  std::string_view head = in.substr(0, nl);
  (void)diplograph::import::looks_like_csv_header(head);
  auto header = diplograph::import::parse_csv_header(head);
  if (!header || nl == std::string_view::npos) return 0;
  diplograph::import::CsvNames names;
  diplograph::import::CsvBlock block;
  diplograph::import::parse_csv_block(*header, in.substr(nl + 1), names, block);
  diplograph::EdgeChunk chunk;
  chunk.rows = block.rows;
  diplograph::import::CsvNames::Listed listed;
  names.take_used(chunk.actors, listed);
  for (std::size_t i = 0; i < chunk.rows.size() && i < 64; ++i) (void)chunk.record(i);
  std::size_t pos = nl + 1, line = 2, good = 0;
  while (pos <= in.size()) {
    std::size_t e = in.find('\n', pos);
    if (e == std::string_view::npos) e = in.size();
    std::string_view text = in.substr(pos, e - pos);
    pos = e + 1;
    if (text.empty() || text == "\r") continue;  // skipped by the block reader too
    auto r = diplograph::import::parse_csv_line(*header, text, "fuzz.csv:" + std::to_string(line++));
    if (r) {
      (void)r->record_key();
      ++good;
    }
  }
  // Both readers take the same lines.
  if (good != block.rows.size()) __builtin_trap();
  return 0;
}
