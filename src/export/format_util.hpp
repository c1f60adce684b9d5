// Helpers the graph writers share: printed ids, escaping for XML, CSV and DOT, edge attributes.
// Internal to src/export/.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "diplograph/export.hpp"

namespace diplograph::detail {

// 16 lower-case hex digits: how every export prints an actor id.
std::string actor_hex(ActorId id);
// "aff:FROM:TO:N": a stable id for the n-th affiliation edge of a selection.
std::string affiliation_key(const AffiliationEdge& af, std::size_t index);

// XML text and attribute values: & < > " ' escaped; control characters other than tab and newline,
// which XML 1.0 forbids, are dropped.
std::string xml_escape(std::string_view s);
// One CSV field: quoted when it holds a comma, quote, CR or LF (quotes doubled), else as is.
std::string csv_field(std::string_view s);
// One CSV line: the fields as csv_field writes them, comma-separated, ending in "\n".
std::string csv_row(std::initializer_list<std::string_view> fields);

// The directory `dir` and its parents, created when missing. kInvalidInput when `dir` is a
// symbolic link (refuse_symlink); kIoError naming it otherwise.
Status make_dir(const std::string& dir);
// Writes `text` as the file `name` in `dir`, whole or not at all (write_file_atomically): errors
// as it gives them.
Status write_dir_file(const std::string& dir, const std::string& name, const std::string& text);

// Goldstein scores have one decimal; printed without binary noise ("1.9", "-10", "0").
std::string goldstein_text(double g);
// The last day an event's date covers, as YYYY-MM-DD (the day itself at day precision).
std::string date_end_text(const Date& d);
// The first day, as YYYY-MM-DD.
std::string date_start_text(const Date& d);

}  // namespace diplograph::detail
