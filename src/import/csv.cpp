// CSV event edge lists (csv.hpp).
#include "import/csv.hpp"

#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <string>

#include "import/gdelt_icews_actors.hpp"

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

// What a name resolves to: its reference, and the actor records to store with it when the
// knowledge base knows more than the name (aliases, affiliations, the state it belongs to).
struct Resolved {
  ActorRef ref;
  std::vector<Actor> actors;
};

// Names repeat line after line: each parser thread resolves a name once. Open addressing on
// the name's XXH3 hash (a node-based map costs a cache miss per probe at 100k names).
class NameCache {
 public:
  const Resolved& get(std::string_view name) {
    const std::uint64_t h = XXH3_64bits(name.data(), name.size());
    if ((entries_.size() + 1) * 2 > slots_.size()) rehash();
    std::size_t i = h & (slots_.size() - 1);
    for (;; i = (i + 1) & (slots_.size() - 1)) {
      std::uint32_t at = slots_[i];
      if (at == 0) break;
      Entry& e = entries_[at - 1];
      if (e.hash == h && e.name == name) return e.resolved;
    }
    if (entries_.size() >= (1u << 20)) {  // bounded: a huge file of distinct names
      entries_.clear();
      slots_.assign(slots_.size(), 0);
      i = h & (slots_.size() - 1);
    }
    Entry e{h, std::string(name), {}};
    e.resolved.ref = ActorResolver::instance().resolve_name(name, e.resolved.actors);
    entries_.push_back(std::move(e));
    slots_[i] = static_cast<std::uint32_t>(entries_.size());
    return entries_.back().resolved;
  }

 private:
  struct Entry {
    std::uint64_t hash;
    std::string name;
    Resolved resolved;
  };
  void rehash() {
    slots_.assign(std::max<std::size_t>(1024, slots_.size() * 2), 0);
    for (std::size_t k = 0; k < entries_.size(); ++k) {
      std::size_t i = entries_[k].hash & (slots_.size() - 1);
      while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = static_cast<std::uint32_t>(k + 1);
    }
  }
  std::vector<std::uint32_t> slots_;  // 1 + index into entries_; 0 is empty
  std::deque<Entry> entries_;         // a deque: references handed out stay valid
};

const Resolved& resolve(std::string_view name) {
  thread_local NameCache cache;
  return cache.get(name);
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

Result<ImportedRecord> parse_csv_line(const CsvHeader& h, std::string_view line,
                                      std::string_view record_id) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  thread_local std::vector<std::string_view> c;
  thread_local std::vector<std::string> scratch;
  if (Status s = split_csv(line, c, scratch); !s) return s;
  if (c.size() != h.columns)
    return Status::invalid_input("expected " + std::to_string(h.columns) + " columns, found " +
                                 std::to_string(c.size()));
  auto col = [&](int i) { return i < 0 ? std::string_view() : c[static_cast<std::size_t>(i)]; };

  Event e;
  std::string_view type = col(h.type);
  bool code = !type.empty() && type.find_first_not_of("0123456789") == std::string_view::npos;
  if (code) {
    auto t = event_type_for_cameo(type);
    if (!t || !cameo_lookup(type))
      return Status::invalid_input("bad CAMEO code '" + std::string(type) + "'");
    e.type = *t;
    e.cameo = std::string(type);
  } else {
    auto t = event_type_from_string(type);
    if (!t) return Status::invalid_input("unknown event type '" + std::string(type) + "'");
    e.type = *t;
    e.cameo = std::string(default_cameo(*t));
  }
  auto date = Date::parse(col(h.date));
  if (!date || col(h.date).size() > 10)
    return Status::invalid_input("bad date '" + std::string(col(h.date)) + "'");
  e.date = *date;
  if (std::string_view s = col(h.status); !s.empty()) {
    auto st = event_status_from_string(s);
    if (!st) return Status::invalid_input("unknown status '" + std::string(s) + "'");
    e.status = *st;
  }
  std::optional<EventId> id;
  if (std::string_view s = col(h.id); !s.empty()) {
    id = EventId::from_hex(s);
    if (!id || s.size() != 32) return Status::invalid_input("bad event id '" + std::string(s) + "'");
  }
  std::string_view source = col(h.source), target = col(h.target);
  if (source.empty()) return Status::invalid_input("empty source");

  ImportedRecord rec;
  const Resolved& s = resolve(source);
  e.source = s.ref;
  rec.extraction.actors = s.actors;
  if (!target.empty()) {
    const Resolved& t = resolve(target);
    e.target = t.ref;
    rec.extraction.actors.insert(rec.extraction.actors.end(), t.actors.begin(), t.actors.end());
  }
  e.finalize();
  if (id) e.id = *id;
  rec.doc.id = std::string(record_id);
  rec.doc.source = "CSV";
  rec.doc.published = e.date;
  // An edge list has no sentence to quote: the mention is the line (its doc is left empty, and
  // the store names it by the record id, FILE:LINE).
  Mention m;
  m.pattern = "csv";
  e.mentions.push_back(std::move(m));
  rec.extraction.events.push_back(std::move(e));
  return rec;
}

}  // namespace diplograph::import
