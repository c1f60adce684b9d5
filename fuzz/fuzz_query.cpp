// libFuzzer target: the query statement parser (.dgq lines and CLI flags share it).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "diplograph/query.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)diplograph::parse_statement(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
