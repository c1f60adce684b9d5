// libFuzzer target: the GDELT line parser (any bytes; never crashes, bad lines are errors).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "diplograph/import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  (void)diplograph::detect_event_format(in);
  auto r = diplograph::parse_gdelt_line(in);
  if (r) (void)r->record_key();
  return 0;
}
