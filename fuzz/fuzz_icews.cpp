// libFuzzer target: the ICEWS readers. The first line is tried as a header; when it is one, the
// rest are event rows, else every line is a quadruple.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "diplograph/import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::size_t nl = in.find('\n');
  std::string_view first = in.substr(0, nl);
  std::string_view rest = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
  auto header = diplograph::parse_icews_header(first);
  std::string_view body = header ? rest : in;
  std::size_t pos = 0;
  while (pos <= body.size()) {
    std::size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(pos, end - pos);
    if (header) (void)diplograph::parse_icews_line(*header, line);
    else (void)diplograph::parse_icews_quadruple(line, "fuzz:1");
    pos = end + 1;
  }
  return 0;
}
