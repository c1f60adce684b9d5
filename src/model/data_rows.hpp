// The one reader of the tab-separated tables of data/ (built in: model/embedded_data.hpp) and of
// the user's files in their format (--patterns). Stateless; thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/status.hpp"

namespace diplograph::detail {

std::vector<std::string> split(std::string_view s, char sep);

// Called with a row's line number and its columns; an error stops the reading and is returned.
using RowFn = std::function<Status(std::size_t line, std::vector<std::string>& columns)>;

// Calls fn for each data row of `content`, a file named `name` in messages: empty lines and
// lines opening with '#' are skipped, and so is the first other line, the header naming the
// columns (stored in `header` when given). kInvalidInput "NAME:LINE: expected N columns" for a
// row with fewer than `min_cols`; fn's error is passed on (fn names the line with where()).
Status for_each_row_in(std::string_view name, std::string_view content, std::size_t min_cols,
                       const RowFn& fn, std::vector<std::string>* header = nullptr);
// The same over the built-in file data/`file`; kInternal "missing built-in data file FILE" when
// the library was built without it.
Status for_each_row(std::string_view file, std::size_t min_cols, const RowFn& fn,
                    std::vector<std::string>* header = nullptr);

// "FILE:LINE: ", the opening of a message about a row.
std::string where(std::string_view file, std::size_t line);

// For tables built once per process outside Knowledge::load (the text layer, the importers),
// which have no caller to report to: a bad built-in file is a bug in our data, which the tests
// catch. Prints the error and aborts rather than leaving the table empty.
void require(const Status& st);

}  // namespace diplograph::detail
