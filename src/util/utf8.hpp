// UTF-8 decoding shared by name normalization and the CLI's column widths. Header-only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace diplograph::util {

// Decodes one UTF-8 code point at s[i], advancing i; U+FFFD for malformed bytes.
inline std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
  if (extra < 0) return 0xFFFD;
  std::uint32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  }
  return cp;
}

}  // namespace diplograph::util
