// Periods (weeks, months, years) shared by timeline counts, count_events and pair_series. Internal.
#pragma once

#include "diplograph/query.hpp"

namespace diplograph {

// The first day of the period after the one starting at `d` (a period_start result).
Date next_period(Date d, Period p);

}  // namespace diplograph
