// libFuzzer target: documents of hostile shape, read and extracted as `ingest` does. The input is
// grown to a long document (its bytes repeated to at least 64 KB) and then, by the first byte,
// made one line (newlines to spaces), stripped of sentence punctuation, or both, so every stage
// sees a sentence that never ends, a line that never breaks and many mentions of the same actors.
// Run with -timeout: a stage that is not linear shows as a slow unit.
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "diplograph/document.hpp"
#include "diplograph/extract.hpp"
#include "extractor_once.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& extractor = fuzz_extractor();
  if (!extractor || size < 2) return 0;
  const std::uint8_t shape = data[0];
  const std::string unit(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string text;
  constexpr std::size_t kMinBytes = 64 * 1024;
  text.reserve(kMinBytes + unit.size());
  while (text.size() < kMinBytes) text += unit;
  if (shape & 1) std::replace(text.begin(), text.end(), '\n', ' ');
  if (shape & 2)
    text.erase(std::remove_if(text.begin(), text.end(),
                              [](char c) { return c == '.' || c == '!' || c == '?' || c == ';'; }),
               text.end());
  static const std::string path = "/tmp/diplograph-fuzz-long-" + std::to_string(::getpid());
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  diplograph::ReadOptions options;
  options.format = (shape & 4) ? diplograph::InputFormat::kAuto : diplograph::InputFormat::kText;
  options.date = diplograph::Date::from_ymd(2021, 8, 16);
  (void)diplograph::read_documents(
      path, options, [&](diplograph::Document&& d) { (void)extractor->extract(d); },
      [](diplograph::RecordError&& e) { (void)e.to_string(); });
  return 0;
}
