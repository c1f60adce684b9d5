// libFuzzer target: the extractor on arbitrary text (sentences, actors, patterns, dates).
#include <cstddef>
#include <cstdint>
#include <memory>

#include "diplograph/extract.hpp"
#include "extractor_once.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& extractor = fuzz_extractor();
  if (!extractor) return 0;
  diplograph::Document doc;
  doc.id = "fuzz";
  doc.published = diplograph::Date::from_ymd(2021, 8, 16);
  doc.text.assign(reinterpret_cast<const char*>(data), size);
  (void)extractor->extract(doc);
  return 0;
}
