// Event edge lists as CSV (`ingest --format csv`): a header line naming the columns, then one
// event a line. Columns, by name (case-insensitive, any order; others are ignored):
//   source  the acting actor's name (required)
//   target  the other actor's name (required column; an empty field is an event with no target)
//   date    YYYY-MM-DD, YYYY-MM or YYYY (required)
//   type    our event type ("call") or a CAMEO event code ("041") (required)
//   status  occurred (default), planned or denied
//   id      the event id, 32 hex digits: kept as given (as `ingest --format events` keeps it)
// This is what bench/gen_events writes with --csv. Fields may be quoted ("Smith, John"; "" is a
// quote). Names resolve like the importers' (a state by its name, a unique knowledge-base actor),
// else become an actor of that name. Each line is one record (id "FILE:LINE") with one mention
// of pattern "csv" and no text (there is no sentence; the record id names the line). Pure
// functions; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "diplograph/graph_store.hpp"
#include "diplograph/status.hpp"

namespace diplograph::import {

struct CsvHeader {
  int source = -1, target = -1, date = -1, type = -1, status = -1, id = -1;
  std::size_t columns = 0;
};

// True when `line` looks like the header of such a file (it names source, target, date, type).
bool looks_like_csv_header(std::string_view line);
// kInvalidInput naming the missing column.
Result<CsvHeader> parse_csv_header(std::string_view line);
// Splits one CSV line into fields (quotes removed; `scratch` holds unquoted copies, so the views
// live as long as `line` and `scratch`). kInvalidInput for an unterminated quote.
Status split_csv(std::string_view line, std::vector<std::string_view>& fields,
                 std::vector<std::string>& scratch);
// One event line; `record_id` is the record's id ("FILE:LINE"). kInvalidInput says what is wrong.
Result<ImportedRecord> parse_csv_line(const CsvHeader& header, std::string_view line,
                                      std::string_view record_id);

}  // namespace diplograph::import
