// Line splitting for the readers of text formats (data/ tables, --patterns files, JSON Lines
// documents, CAMEO dictionaries). Stateless; thread-safe.
#pragma once

#include <cstddef>
#include <string_view>

namespace diplograph::util {

// Calls fn(line_no, line) for each line of `content`, numbered from 1, without its '\n' and one
// '\r' before it (CRLF files); a last line without '\n' counts, an empty content has no line.
// fn returns false to stop; for_each_line returns false when it did. `line` views `content`.
template <class Fn>
bool for_each_line(std::string_view content, Fn&& fn) {
  std::size_t pos = 0, line_no = 0;
  while (pos < content.size()) {
    std::size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = content.substr(pos, nl - pos);
    pos = nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!fn(++line_no, line)) return false;
  }
  return true;
}

}  // namespace diplograph::util
