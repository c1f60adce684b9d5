// Event edge lists as CSV (`ingest --format csv`): a header line naming the columns, then one
// event a line. Columns, by name (case-insensitive, any order; others are ignored):
//   source  the acting actor's name (required)
//   target  the other actor's name (required column; an empty field is an event with no target)
//   date    YYYY-MM-DD, YYYY-MM or YYYY (required)
//   type    our event type ("call") or a CAMEO event code ("041") (required)
//   status  occurred (default), planned or denied
//   id      the record's own id, any text: 32 hex digits are kept as our event id, anything
//           else is hashed to one (EventId::of_external), so a re-import is a no-op
// This is what bench/gen_events writes with --csv. Fields may be quoted ("Smith, John"; "" is a
// quote; a quoted field may hold line breaks, RFC 4180, and its record is numbered by its first
// line). Names resolve like the importers' (a state by its name, a unique knowledge-base actor),
// else become an actor of that name. Each line is one record (id "FILE:LINE") with one mention
// of pattern "csv" and no text (there is no sentence; the record id names the line): an
// EdgeChunk row (bulk_load.hpp), which is how the importer hands a block of lines to the store.
// Thread-safety: the functions are pure; a CsvNames belongs to one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/bulk_load.hpp"
#include "diplograph/graph_store.hpp"
#include "diplograph/import.hpp"
#include "diplograph/status.hpp"
#include "util/flat_index.hpp"
#include "util/huge_pages.hpp"

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
// Names repeat line after line: a parser resolves each once (ActorResolver::resolve_name) and
// keeps the answer. It also collects the names a chunk of rows uses, for EdgeChunk::actors.
class CsvNames {
 public:
  // The actor `name` resolves to; noted as used by the current chunk.
  ActorId resolve(std::string_view name);
  // A set of actor ids (the values are unused).
  using Listed = util::FlatIndex<ActorId, util::U64Hash>;
  // Moves the actors used since the last call into `out`, skipping ids in `listed` (and adding
  // theirs): the chunk's list of actors, when each parser thread adds its own.
  void take_used(std::vector<EdgeChunk::Named>& out, Listed& listed);
  // How many actors the current chunk has used.
  std::size_t used() const { return used_.size(); }

 private:
  // Open addressing on the name's XXH3 hash, all a lookup needs in the slot but the name's bytes
  // (one cache miss for them, instead of a node's).
  struct Slot {
    std::uint64_t hash = 0;
    ActorId id = 0;
    std::uint32_t name_at = 0, name_size = 0;  // in names_
    std::uint32_t entry = 0;                   // 1 + index into entries_; 0: empty
    std::uint32_t chunk = 0;                   // the last chunk that used it
  };
  void rehash();
  util::HugeVector<Slot> slots_;
  util::HugeVector<char> names_;
  util::HugeVector<EdgeChunk::Named> entries_;
  std::vector<std::uint32_t> used_;  // entries used by the current chunk
  std::uint32_t chunk_ = 1;
};

// One event line into `row` (its line number left as it was). kInvalidInput says what is wrong.
Status parse_csv_row(const CsvHeader& header, std::string_view line, CsvNames& names,
                     EdgeChunk::Row& row);
// One event line as a record; `record_id` is the record's id ("FILE:LINE").
Result<ImportedRecord> parse_csv_line(const CsvHeader& header, std::string_view line,
                                      std::string_view record_id);

// Lines of a CSV edge list parsed: rows and bad lines, numbered from 0 at the block's first line
// (a row's `line` is that number); `lines` counts every line, empty ones too.
struct CsvBlock {
  std::vector<EdgeChunk::Row> rows;
  std::vector<std::pair<std::uint64_t, std::string>> errors;
  std::uint64_t lines = 0;
};
// The end of the CSV record that starts at text[pos]: the first '\n' outside a quoted field
// (RFC 4180: a quoted field may hold line breaks), else text.size(). `quoted`: text[pos] lies
// inside a quoted field already.
std::size_t csv_record_end(std::string_view text, std::size_t pos, bool quoted = false);
// Whether `text` ends inside a quoted field (an odd number of quotes).
bool csv_quote_open(std::string_view text);
// Parses the records (csv_record_end) of `text` (the last may lack its '\n') into `out`.
void parse_csv_block(const CsvHeader& header, std::string_view text, CsvNames& names,
                     CsvBlock& out);

}  // namespace diplograph::import
