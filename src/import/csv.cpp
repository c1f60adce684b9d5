// CSV event edge lists (csv.hpp).
#include "import/csv.hpp"

#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <string>

#include "import/gdelt_icews_actors.hpp"
#include "import/gdelt_icews_source.hpp"

namespace diplograph::import {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // A header written by a spreadsheet may pad its names.
  while (!out.empty() && out.back() == ' ') out.pop_back();
  while (!out.empty() && out.front() == ' ') out.erase(out.begin());
  return out;
}

}  // namespace

Status split_csv(std::string_view line, std::vector<std::string_view>& fields,
                 std::vector<std::string>& scratch) {
  fields.clear();
  scratch.clear();
  // At most one unquoted copy per two quotes: reserved, so the copies never move.
  scratch.reserve(static_cast<std::size_t>(std::count(line.begin(), line.end(), '"')) / 2 + 1);
  std::size_t i = 0;
  for (;;) {
    if (i < line.size() && line[i] == '"') {
      // Quoted: up to the closing quote; "" stands for one quote.
      std::string& value = scratch.emplace_back();
      for (std::size_t j = i + 1;;) {
        std::size_t q = line.find('"', j);
        if (q == std::string_view::npos) return Status::invalid_input("unterminated quote");
        value.append(line.substr(j, q - j));
        if (q + 1 < line.size() && line[q + 1] == '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (i < line.size() && line[i] != ',')
        return Status::invalid_input("text after a closing quote");
      fields.push_back(value);
    } else {
      std::size_t end = std::min(line.find(',', i), line.size());
      fields.push_back(line.substr(i, end - i));
      i = end;
    }
    if (i >= line.size()) break;
    ++i;  // the comma
    if (i == line.size()) {
      fields.emplace_back();  // a trailing empty field
      break;
    }
  }
  return Status::ok();
}

bool looks_like_csv_header(std::string_view line) {
  auto h = parse_csv_header(line);
  return h.has_value();
}

Result<CsvHeader> parse_csv_header(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::vector<std::string_view> cols;
  std::vector<std::string> scratch;
  if (Status s = split_csv(line, cols, scratch); !s) return s;
  CsvHeader h;
  h.columns = cols.size();
  for (std::size_t i = 0; i < cols.size(); ++i) {
    std::string n = lower(cols[i]);
    int k = static_cast<int>(i);
    if (n == "source") h.source = k;
    else if (n == "target") h.target = k;
    else if (n == "date") h.date = k;
    else if (n == "type") h.type = k;
    else if (n == "status") h.status = k;
    else if (n == "id") h.id = k;
  }
  for (auto [col, name] : {std::pair{h.source, "source"}, std::pair{h.target, "target"},
                           std::pair{h.date, "date"}, std::pair{h.type, "type"}})
    if (col < 0) return Status::invalid_input(std::string("CSV header has no '") + name + "' column");
  return h;
}

ActorId CsvNames::resolve(std::string_view name) {
  const std::uint64_t h = XXH3_64bits(name.data(), name.size());
  if ((entries_.size() + 1) * 2 > slots_.size()) rehash();
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = h & mask;
  for (;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.entry == 0) break;
    if (s.hash == h && s.name_size == name.size() &&
        std::memcmp(names_.data() + s.name_at, name.data(), name.size()) == 0) {
      if (s.chunk != chunk_) {
        s.chunk = chunk_;
        used_.push_back(s.entry - 1);
      }
      return s.id;
    }
  }
  EdgeChunk::Named named;
  named.ref = ActorResolver::instance().resolve_name(name, named.records);
  Slot& s = slots_[i];
  s.hash = h;
  s.id = named.ref.id;
  s.name_at = static_cast<std::uint32_t>(names_.size());
  s.name_size = static_cast<std::uint32_t>(name.size());
  names_.insert(names_.end(), name.begin(), name.end());
  entries_.push_back(std::move(named));
  s.entry = static_cast<std::uint32_t>(entries_.size());
  s.chunk = chunk_;
  used_.push_back(s.entry - 1);
  return s.id;
}

void CsvNames::take_used(std::vector<EdgeChunk::Named>& out, Listed& listed) {
  for (std::uint32_t k : used_) {
    const EdgeChunk::Named& n = entries_[k];
    if (!listed.emplace(n.ref.id, 0).second) continue;
    out.push_back(n);
  }
  used_.clear();
  ++chunk_;
  // Bounded: a huge file of distinct names starts afresh (the chunk holds its own copies).
  if (entries_.size() >= (1u << 20) || names_.size() >= (1u << 30)) {
    entries_.clear();
    names_.clear();
    slots_.clear();
  }
}

void CsvNames::rehash() {
  util::HugeVector<Slot> old(std::max<std::size_t>(1024, slots_.size() * 2));
  old.swap(slots_);
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.entry == 0) continue;
    std::size_t i = s.hash & mask;
    while (slots_[i].entry != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

Status parse_csv_row(const CsvHeader& h, std::string_view line, CsvNames& names,
                     EdgeChunk::Row& row) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  thread_local std::vector<std::string_view> c;
  thread_local std::vector<std::string> scratch;
  if (Status s = split_csv(line, c, scratch); !s) return s;
  if (c.size() != h.columns)
    return Status::invalid_input("expected " + std::to_string(h.columns) + " columns, found " +
                                 std::to_string(c.size()));
  auto col = [&](int i) { return i < 0 ? std::string_view() : c[static_cast<std::size_t>(i)]; };

  std::string_view type = col(h.type);
  bool code = !type.empty() && type.find_first_not_of("0123456789") == std::string_view::npos;
  std::string_view cameo;
  if (code) {
    auto t = event_type_for_cameo(type);
    if (!t || !cameo_lookup(type) || type.size() >= sizeof row.cameo)
      return Status::invalid_input("bad CAMEO code '" + std::string(type) + "'");
    row.type = *t;
    cameo = type;
  } else {
    auto t = event_type_from_string(type);
    if (!t) return Status::invalid_input("unknown event type '" + std::string(type) + "'");
    row.type = *t;
    cameo = default_cameo(*t);
  }
  std::memset(row.cameo, 0, sizeof row.cameo);
  std::memcpy(row.cameo, cameo.data(), std::min(cameo.size(), sizeof row.cameo - 1));
  auto date = Date::parse(col(h.date));
  if (!date || col(h.date).size() > 10)
    return Status::invalid_input("bad date '" + std::string(col(h.date)) + "'");
  row.date = *date;
  row.status = EventStatus::kOccurred;
  if (std::string_view s = col(h.status); !s.empty()) {
    auto st = event_status_from_string(s);
    if (!st) return Status::invalid_input("unknown status '" + std::string(s) + "'");
    row.status = *st;
  }
  std::optional<EventId> id;
  if (std::string_view s = col(h.id); !s.empty()) id = EventId::of_external(s);
  std::string_view source = col(h.source), target = col(h.target);
  if (source.empty()) return Status::invalid_input("empty source");
  row.source = names.resolve(source);
  row.target = target.empty() ? 0 : names.resolve(target);
  row.id = id ? *id : make_event_id(row.type, row.source, row.target, row.date, row.status);
  return Status::ok();
}

Result<ImportedRecord> parse_csv_line(const CsvHeader& h, std::string_view line,
                                      std::string_view record_id) {
  CsvNames names;
  EdgeChunk chunk;
  chunk.source = "CSV";
  chunk.pattern = "csv";
  EdgeChunk::Row row;
  if (Status s = parse_csv_row(h, line, names, row); !s) return s;
  chunk.rows.push_back(row);
  CsvNames::Listed listed(names.used());
  names.take_used(chunk.actors, listed);
  ImportedRecord rec = chunk.record(0);
  rec.doc.id = std::string(record_id);
  return rec;
}

std::size_t csv_record_end(std::string_view text, std::size_t pos, bool quoted) {
  // quoted: inside a quoted field, where a newline is the field's
  for (;;) {
    const std::size_t nl = text.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    // Most lines hold no quote: one memchr tells.
    if (std::memchr(text.data() + pos, '"', end - pos) != nullptr)
      quoted ^= std::count(text.begin() + static_cast<std::ptrdiff_t>(pos),
                           text.begin() + static_cast<std::ptrdiff_t>(end), '"') % 2 == 1;
    if (!quoted || end == text.size()) return end;
    pos = end + 1;
  }
}

bool csv_quote_open(std::string_view text) {
  return std::count(text.begin(), text.end(), '"') % 2 == 1;
}

void parse_csv_block(const CsvHeader& h, std::string_view text, CsvNames& names,
                     CsvBlock& out) {
  std::size_t pos = 0;
  EdgeChunk::Row row;
  while (pos < text.size()) {
    const std::size_t end = csv_record_end(text, pos);
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    // The record's first line numbers it; a quoted field may hold line breaks (RFC 4180).
    const std::uint64_t at = out.lines;
    out.lines += 1 + static_cast<std::uint64_t>(std::count(line.begin(), line.end(), '\n'));
    if (line.empty() || line == "\r") continue;
    if (Status s = parse_csv_row(h, line, names, row); !s) {
      out.errors.emplace_back(at, s.message());
      continue;
    }
    row.line = at;
    out.rows.push_back(row);
  }
}

}  // namespace diplograph::import
