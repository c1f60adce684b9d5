// libFuzzer target: the CSV edge-list reader of `ingest --format csv` (any bytes; the first line is
// the header, each later line an event; never crashes, bad headers and lines are errors).
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
  std::size_t pos = nl + 1, line = 2;
  while (pos <= in.size()) {
    std::size_t e = in.find('\n', pos);
    if (e == std::string_view::npos) e = in.size();
    auto r = diplograph::import::parse_csv_line(*header, in.substr(pos, e - pos),
                                                "fuzz.csv:" + std::to_string(line++));
    if (r) (void)r->record_key();
    pos = e + 1;
  }
  return 0;
}
