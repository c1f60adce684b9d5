// Small helpers shared by the GDELT and ICEWS line parsers. Pure functions; thread-safe.
#pragma once

#include <charconv>
#include <optional>
#include <system_error>
#include <string_view>
#include <vector>

#include "diplograph/date.hpp"
#include "diplograph/event.hpp"

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

// A coded record reports one CAMEO event: its code is part of what makes two records the same
// event, so rows of 050 and 060 (both `cooperate`) between one pair on one day stay two events,
// each with its own code, QuadClass and Goldstein score. A record with its type's default code
// keeps the id Event::finalize() gives it, as every record had before codes counted.
// REQUIRES: `e` finalized.
inline void key_by_code(Event& e) {
  if (e.cameo == default_cameo(e.type)) return;
  e.id = EventId::of_external("diplograph.cameo:" + e.id.hex() + ":" + e.cameo);
}

// A Goldstein score as GDELT and ICEWS write it ("-5.0", "7", "3.4"): a number from -10 to 10.
inline std::optional<double> parse_goldstein(std::string_view s) {
  if (s.empty() || s.size() > 16) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !(v >= -10.0 && v <= 10.0))
    return std::nullopt;
  return v;
}

}  // namespace diplograph::import
