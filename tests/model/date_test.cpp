#include <catch2/catch.hpp>

#include "diplograph/date.hpp"

using diplograph::Date;
using diplograph::DatePrecision;

TEST_CASE("Date: parses and prints each precision", "[model]") {
  auto d = Date::parse("2021-08-16");
  REQUIRE(d);
  CHECK(d->to_string() == "2021-08-16");
  CHECK(d->weekday() == 0);  // a Monday
  CHECK(d->year() == 2021);
  CHECK(d->month() == 8);
  CHECK(d->day() == 16);
  auto m = Date::parse("2021-07");
  REQUIRE(m);
  CHECK(m->precision == DatePrecision::kMonth);
  CHECK(m->to_string() == "2021-07");
  CHECK(m->last_day() == Date::from_ymd(2021, 7, 31).days);
  auto y = Date::parse("2021");
  REQUIRE(y);
  CHECK(y->to_string() == "2021");
  auto t = Date::parse("2022-02-28T18:20:00");
  REQUIRE(t);
  CHECK(t->to_string() == "2022-02-28");
}

TEST_CASE("Date: rejects what is not a calendar date", "[model]") {
  for (const char* bad : {"2021-02-30", "2021-13-01", "21-08-16", "yesterday", "", "2021-8-16"}) {
    auto r = Date::parse(bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().code() == diplograph::StatusCode::kInvalidInput);
  }
}

TEST_CASE("Date: a time after the day is checked field by field", "[model]") {
  for (const char* good : {"2021-08-16T10:00", "2021-08-16T23:59:60", "2021-08-16 10:00:00",
                           "2021-08-16T10:00:00Z", "2021-08-16T10:00:00.123Z",
                           "2021-08-16T10:00:00+03:00", "2021-08-16T10:00:00-0500",
                           "2021-08-16T10:00:00+01", "2021-08-16 10:00:00 UTC",
                           "2021-08-16T00:00:00,5"}) {
    INFO(good);
    auto r = Date::parse(good);
    REQUIRE(r);
    CHECK(r->to_string() == "2021-08-16");
  }
  for (const char* bad : {"2021-08-16T25:99:99Z", "2021-08-16T24:00", "2021-08-16T10:60",
                          "2021-08-16T10:00:61", "2021-08-16T", "2021-08-16Tnoon",
                          "2021-08-16T10:00:00.Z", "2021-08-16T10:00:00+15:00",
                          "2021-08-16T10:00:00+03:0", "2021-08-16T10:00:00 EST",
                          "2021-08-16T1:00"}) {
    INFO(bad);
    auto r = Date::parse(bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().message().find(bad) != std::string::npos);
  }
}

TEST_CASE("Date: day arithmetic crosses months and the epoch", "[model]") {
  CHECK(Date::from_ymd(1970, 1, 1).days == 0);
  CHECK(Date::from_ymd(1969, 12, 31).days == -1);
  CHECK(Date::from_ymd(1969, 12, 31).to_string() == "1969-12-31");
  CHECK(Date::from_ymd(2021, 8, 16).plus_months(-1).to_string() == "2021-07");
  CHECK(Date::from_ymd(2021, 1, 16).plus_months(-1).to_string() == "2020-12");
  CHECK(Date::from_ymd(2020, 2, 28).plus_days(1).to_string() == "2020-02-29");
}
