// The clause keywords of the statement grammar (statement.cpp), for the resolver's hint when an
// "actor" is a misspelt keyword ("timeline Iran form 2019"). Internal.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace diplograph::detail {

// The clause keyword (of four letters or more) a lower-case `word` is one edit from, or nullopt:
// "form" -> "from", "wiht" -> "with"; a capitalized "Modi" is a name, not a misspelt "mode".
std::optional<std::string> misspelt_clause(std::string_view word);

}  // namespace diplograph::detail
