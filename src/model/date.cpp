#include "diplograph/date.hpp"

#include <cstdio>

namespace diplograph {
namespace {

// Howard Hinnant's civil-calendar algorithms (public domain), proleptic Gregorian.
std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

void civil_from_days(std::int32_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at s[pos]; -1 when they are not all digits.
int digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

std::string_view to_string(DatePrecision p) {
  switch (p) {
    case DatePrecision::kDay: return "day";
    case DatePrecision::kMonth: return "month";
    case DatePrecision::kYear: return "year";
  }
  return "day";
}

namespace {

// A time of day after a date, as ISO 8601 and RFC 3339 write it, validated field by field:
// HH:MM[:SS[.fraction]] then an optional zone (Z, UTC, GMT, +HH, +HHMM, +HH:MM; a space may precede
// the zone). "25:99:99" is no time.
bool valid_time(std::string_view t) {
  int h = digits(t, 0, 2), mi = digits(t, 3, 2);
  if (h < 0 || h > 23 || t.size() < 5 || t[2] != ':' || mi < 0 || mi > 59) return false;
  std::size_t i = 5;
  if (i < t.size() && t[i] == ':') {
    int sec = digits(t, i + 1, 2);
    if (sec < 0 || sec > 60) return false;  // 60: a leap second
    i += 3;
    if (i < t.size() && (t[i] == '.' || t[i] == ',')) {
      std::size_t start = ++i;
      while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
      if (i == start) return false;
    }
  }
  std::string_view zone = t.substr(i);
  if (!zone.empty() && zone.front() == ' ') zone.remove_prefix(1);
  if (zone.empty() || zone == "Z" || zone == "UTC" || zone == "GMT") return true;
  if (zone.front() != '+' && zone.front() != '-') return false;
  zone.remove_prefix(1);
  int zh = digits(zone, 0, 2);
  if (zh < 0 || zh > 14) return false;
  if (zone.size() == 2) return true;
  std::size_t at = zone[2] == ':' ? 3 : 2;
  int zm = digits(zone, at, 2);
  return zm >= 0 && zm <= 59 && zone.size() == at + 2;
}

}  // namespace

Date Date::from_ymd(int year, unsigned month, unsigned day, DatePrecision precision) {
  if (precision != DatePrecision::kDay) day = 1;
  if (precision == DatePrecision::kYear) month = 1;
  return Date{days_from_civil(year, month, day), precision};
}

Result<Date> Date::parse(std::string_view text) {
  auto bad = [&] {
    return Status::invalid_input("bad date '" + std::string(text) +
                                 "' (expected YYYY-MM-DD, YYYY-MM or YYYY)");
  };
  int y = digits(text, 0, 4);
  if (y < 0) return bad();
  if (text.size() == 4) return from_ymd(y, 1, 1, DatePrecision::kYear);
  if (text.size() < 7 || text[4] != '-') return bad();
  int m = digits(text, 5, 2);
  if (m < 1 || m > 12) return bad();
  if (text.size() == 7) return from_ymd(y, m, 1, DatePrecision::kMonth);
  if (text.size() < 10 || text[7] != '-') return bad();
  int d = digits(text, 8, 2);
  if (d < 1 || d > static_cast<int>(days_in_month(y, m))) return bad();
  if (text.size() > 10 && ((text[10] != 'T' && text[10] != ' ') || !valid_time(text.substr(11))))
    return bad();
  return from_ymd(y, m, d, DatePrecision::kDay);
}

int Date::year() const {
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  return y;
}

unsigned Date::month() const {
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  return m;
}

unsigned Date::day() const {
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  return d;
}

int Date::weekday() const {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  int w = (days % 7 + 7 + 3) % 7;
  return w;
}

std::string Date::to_string() const {
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[32];
  switch (precision) {
    case DatePrecision::kYear: std::snprintf(buf, sizeof buf, "%04d", y); break;
    case DatePrecision::kMonth: std::snprintf(buf, sizeof buf, "%04d-%02u", y, m); break;
    default: std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d); break;
  }
  return buf;
}

std::int32_t Date::last_day() const {
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  switch (precision) {
    case DatePrecision::kYear: return days_from_civil(y, 12, 31);
    case DatePrecision::kMonth: return days_from_civil(y, m, days_in_month(y, m));
    default: return days;
  }
}

Date Date::plus_months(int n) const {
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  int total = y * 12 + static_cast<int>(m) - 1 + n;
  int ny = total >= 0 ? total / 12 : (total - 11) / 12;
  unsigned nm = static_cast<unsigned>(total - ny * 12) + 1;
  return from_ymd(ny, nm, 1, DatePrecision::kMonth);
}

}  // namespace diplograph
