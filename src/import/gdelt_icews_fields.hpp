// Small helpers shared by the GDELT and ICEWS line parsers. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "diplograph/date.hpp"

namespace diplograph::import {

// Splits on tabs into views of `line` (which must outlive them).
inline void split_tabs(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t s = 0;
  for (std::size_t t; (t = line.find('\t', s)) != std::string_view::npos; s = t + 1)
    out.push_back(line.substr(s, t - s));
  out.push_back(line.substr(s));
}

inline bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// "20181024" or "2018-10-24" (the first 8 digits of a GDELT 2.0 DATEADDED too) as a day.
inline std::optional<Date> parse_day(std::string_view s) {
  std::string iso;
  if (s.size() >= 8 && all_digits(s.substr(0, 8))) {
    iso.append(s.substr(0, 4)).append("-").append(s.substr(4, 2)).append("-").append(s.substr(6, 2));
  } else if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    iso = std::string(s);
  } else {
    return std::nullopt;
  }
  auto d = Date::parse(iso);
  if (!d || d->precision != DatePrecision::kDay) return std::nullopt;
  return *d;
}

}  // namespace diplograph::import
