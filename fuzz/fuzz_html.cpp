// libFuzzer target: an HTML page end to end, as `ingest page.html` reads it: the page reader
// (gumbo, boilerplate, nesting cap) and then the extractor on the text it gives. Run with
// -dict=fuzz/html.dict so the fuzzer builds tags, not just bytes.
#include <unistd.h>

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
  if (!extractor) return 0;
  static const std::string path = "/tmp/diplograph-fuzz-html-" + std::to_string(::getpid());
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  diplograph::ReadOptions options;
  options.format = diplograph::InputFormat::kHtml;
  options.date = diplograph::Date::from_ymd(2021, 8, 16);
  (void)diplograph::read_documents(
      path, options, [&](diplograph::Document&& d) { (void)extractor->extract(d); },
      [](diplograph::RecordError&& e) { (void)e.to_string(); });
  return 0;
}
