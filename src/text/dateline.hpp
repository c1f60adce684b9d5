// Publication dates written in the text itself: datelines such as "Monday, August 16, 2021" or
// "16 August 2021" at the start of an article. Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "diplograph/date.hpp"

namespace diplograph::text {

// The month number (1..12) of a normalized month name or abbreviation ("aug", "august"), or 0.
int month_number(std::string_view norm);

// The first full date (with a year) in the opening of `text` (its first ~400 bytes): "August
// 16, 2021", "16 August 2021", "2021-08-16". nullopt when there is none; a day and month without
// a year ("Aug 16 (Reuters)") is not enough.
std::optional<Date> find_dateline(std::string_view text);

}  // namespace diplograph::text
