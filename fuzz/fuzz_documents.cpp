// libFuzzer target: the document readers (plain text, HTML, JSON Lines). The first byte picks the
// format; the rest is written to a file, since read_documents reads paths.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "diplograph/document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const std::string path = "/tmp/diplograph-fuzz-doc-" + std::to_string(::getpid());
  static const diplograph::InputFormat kFormats[] = {
      diplograph::InputFormat::kAuto, diplograph::InputFormat::kText,
      diplograph::InputFormat::kHtml, diplograph::InputFormat::kJsonl};
  diplograph::ReadOptions options;
  options.format = kFormats[data[0] % 4];
  if (data[0] & 4) options.date = diplograph::Date::from_ymd(2021, 8, 16);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data + 1, 1, size - 1, f);
  std::fclose(f);
  (void)diplograph::read_documents(
      path, options, [](diplograph::Document&& d) { (void)d.content_key(); },
      [](diplograph::RecordError&& e) { (void)e.to_string(); });
  return 0;
}
