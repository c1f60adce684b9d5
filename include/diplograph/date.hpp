// Calendar dates with a precision (day, month, year), stored as days since 1970-01-01.
// A month-precision date holds the first day of its month, a year-precision one 1 January.
// Value type; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "diplograph/status.hpp"

namespace diplograph {

// Stored on disk: do not renumber.
enum class DatePrecision : std::uint8_t { kDay = 0, kMonth = 1, kYear = 2 };

std::string_view to_string(DatePrecision p);  // "day", "month", "year"

struct Date {
  std::int32_t days = 0;  // days since 1970-01-01 (may be negative)
  DatePrecision precision = DatePrecision::kDay;

  // REQUIRES: a valid Gregorian date. Month and year precision normalise the day (and month) to 1.
  static Date from_ymd(int year, unsigned month, unsigned day,
                       DatePrecision precision = DatePrecision::kDay);
  // Parses "YYYY-MM-DD", "YYYY-MM", "YYYY", and ISO date-times ("2022-02-28T18:20:00", read as the
  // day). kInvalidInput names the text when it is not a real calendar date.
  static Result<Date> parse(std::string_view text);

  int year() const;
  unsigned month() const;  // 1..12
  unsigned day() const;    // 1..31
  int weekday() const;     // 0 = Monday .. 6 = Sunday
  // "YYYY-MM-DD", "YYYY-MM" or "YYYY" by precision.
  std::string to_string() const;
  // The last day this date covers: itself at day precision, the month's or year's last day.
  std::int32_t last_day() const;

  Date plus_days(int n) const { return Date{days + n, DatePrecision::kDay}; }
  // First day of the month `n` months away (n may be negative), at month precision.
  Date plus_months(int n) const;

  friend bool operator==(const Date& a, const Date& b) {
    return a.days == b.days && a.precision == b.precision;
  }
  friend bool operator<(const Date& a, const Date& b) {
    return a.days != b.days ? a.days < b.days : a.precision < b.precision;
  }
};

}  // namespace diplograph
