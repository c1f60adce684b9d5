// Timelines (query.hpp): rows come off one seek and one bounded scan of `adj` (one actor) or
// `pair` (two), each row read from its entry alone; full events are loaded afterwards, only for
// the rows returned. A set of actors merges one scan per actor.
#include <algorithm>
#include <cstdio>
#include <set>
#include <unordered_map>
#include <tuple>

#include "diplograph/query.hpp"
#include "query/engine_impl.hpp"
#include "query/periods.hpp"

namespace diplograph {
namespace {

// A cursor names the last row of a page: actor, day, type, direction, other actor, event id, as
// fixed-width hex, so it survives copy and paste and the next page seeks straight after it; and
// the page's order ('a' or 'd'), since a row is only a resume point in the order that gave it.
std::string encode_cursor(const TimelineRow& r, bool descending) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%016llx%08x%04x%d%016llx%016llx%016llx%c",
                static_cast<unsigned long long>(r.actor), static_cast<unsigned>(r.day) ^ 0x80000000u,
                static_cast<unsigned>(r.type), r.outgoing ? 0 : 1,
                static_cast<unsigned long long>(r.other),
                static_cast<unsigned long long>(r.event.hi),
                static_cast<unsigned long long>(r.event.lo), descending ? 'd' : 'a');
  return buf;
}

struct Cursor {
  AdjEntry after;
  bool descending = false;
};

std::optional<Cursor> decode_cursor(const std::string& c) {
  if (c.size() != 16 + 8 + 4 + 1 + 16 + 32 + 1 || (c.back() != 'a' && c.back() != 'd'))
    return std::nullopt;
  auto hex = [&](std::size_t pos, std::size_t len) -> std::optional<std::uint64_t> {
    std::uint64_t v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      char ch = c[i];
      int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
      if (d < 0) return std::nullopt;
      v = v << 4 | static_cast<unsigned>(d);
    }
    return v;
  };
  auto actor = hex(0, 16), day = hex(16, 8), type = hex(24, 4), dir = hex(28, 1),
       other = hex(29, 16), hi = hex(45, 16), lo = hex(61, 16);
  if (!actor || !day || !type || !dir || !other || !hi || !lo || *type >= kEventTypeCount ||
      *dir > 1)
    return std::nullopt;
  Cursor cursor;
  AdjEntry& e = cursor.after;
  e.actor = *actor;
  e.day = static_cast<std::int32_t>(static_cast<std::uint32_t>(*day) ^ 0x80000000u);
  e.type = static_cast<EventType>(*type);
  e.outgoing = *dir == 0;
  e.other = *other;
  e.event = {*hi, *lo};
  cursor.descending = c.back() == 'd';
  return cursor;
}

TimelineRow row_of(const AdjEntry& e) {
  TimelineRow r;
  r.day = e.day;
  r.precision = e.precision;
  r.type = e.type;
  r.status = e.status;
  r.actor = e.actor;
  r.outgoing = e.outgoing;
  r.other = e.other;
  r.event = e.event;
  return r;
}

// Rows gathered in fixed-size chunks, then copied once into a vector of the exact size. Growing
// one vector by doubling trades ever larger blocks with the allocator, which hands them back to
// the kernel and faults them in again: a third of a busy actor's timeline went to page faults.
class RowChunks {
 public:
  void push(const TimelineRow& r) {
    if (chunks_.empty() || chunks_.back().size() == kChunk) {
      chunks_.emplace_back();
      chunks_.back().reserve(kChunk);
    }
    chunks_.back().push_back(r);
    ++size_;
  }
  std::size_t size() const { return size_; }
  void append_to(std::vector<TimelineRow>& out) const {
    out.reserve(out.size() + size_);
    for (const auto& c : chunks_) out.insert(out.end(), c.begin(), c.end());
  }

 private:
  static constexpr std::size_t kChunk = 256;  // about 12 KB, well below malloc's mmap threshold
  std::vector<std::vector<TimelineRow>> chunks_;
  std::size_t size_ = 0;
};

// Order of rows in a set timeline: day, type, event.
auto set_key(const TimelineRow& r) { return std::make_tuple(r.day, r.type, r.event); }

// Fills each row's actor_ref and other_ref: from `events` (the rows' loaded events) when they
// name the actor, else from one record lookup per distinct actor.
Status name_rows(const GraphStore& store, const std::vector<Event>& events,
                 std::vector<TimelineRow>& rows) {
  std::unordered_map<ActorId, ActorRef> refs;
  for (const Event& e : events) {
    refs.emplace(e.source.id, e.source);
    if (e.target) refs.emplace(e.target->id, *e.target);
  }
  auto ref = [&](ActorId id) -> Result<ActorRef> {
    auto it = refs.find(id);
    if (it != refs.end()) return it->second;
    auto a = actor_or_placeholder(store, id);
    if (!a) return a.error();
    return refs.emplace(id, ActorRef::of(*a)).first->second;
  };
  for (TimelineRow& r : rows) {
    auto self = ref(r.actor);
    if (!self) return self.error();
    r.actor_ref = std::move(*self);
    if (r.other == 0) continue;
    auto other = ref(r.other);
    if (!other) return other.error();
    r.other_ref = std::move(*other);
  }
  return Status::ok();
}

}  // namespace

Date period_start(std::int32_t day, Period p) {
  Date d{day, DatePrecision::kDay};
  switch (p) {
    case Period::kWeek: return d.plus_days(-d.weekday());
    case Period::kMonth: return Date::from_ymd(d.year(), d.month(), 1, DatePrecision::kMonth);
    case Period::kYear: return Date::from_ymd(d.year(), 1, 1, DatePrecision::kYear);
  }
  return d;
}

Date next_period(Date d, Period p) {
  switch (p) {
    case Period::kWeek: return d.plus_days(7);
    case Period::kMonth: return d.plus_months(1);
    case Period::kYear: return Date::from_ymd(d.year() + 1, 1, 1, DatePrecision::kYear);
  }
  return d;
}

std::string_view to_string(Period p) {
  switch (p) {
    case Period::kWeek: return "week";
    case Period::kMonth: return "month";
    case Period::kYear: return "year";
  }
  return "month";
}

std::optional<Period> period_from_string(std::string_view text) {
  for (Period p : {Period::kWeek, Period::kMonth, Period::kYear})
    if (to_string(p) == text) return p;
  return std::nullopt;
}

Result<TimelineResult> timeline(const GraphStore& store, const TimelineQuery& query) {
  auto actor = resolve_actor(store, query.actor);
  if (!actor) return actor.error();
  TimelineResult result;
  result.actor = std::move(*actor);
  if (query.with) {
    auto with = resolve_actor(store, *query.with);
    if (!with) return with.error();
    result.with = std::move(*with);
  }
  for (const auto& name : query.also) {
    auto a = resolve_actor(store, name);
    if (!a) return a.error();
    if (a->id != result.actor.id) result.also.push_back(std::move(*a));
  }
  if (result.with && !result.also.empty())
    return Status::invalid_input("a timeline of several actors takes no 'with'");
  std::optional<AdjEntry> after;
  if (query.cursor) {
    auto cursor = decode_cursor(*query.cursor);
    if (!cursor) return Status::invalid_input("bad cursor '" + *query.cursor + "'");
    if (cursor->descending != query.descending)
      return Status::invalid_input(std::string("the cursor is from a page in ") +
                                   (cursor->descending ? "descending" : "ascending") +
                                   " order: give --order " + (cursor->descending ? "desc" : "asc"));
    bool ours = cursor->after.actor == result.actor.id;
    for (const Actor& a : result.also) ours = ours || cursor->after.actor == a.id;
    if (!ours)
      return Status::invalid_input("the cursor is from another actor's timeline, not " +
                                   result.actor.name + "'s");
    after = cursor->after;
  }

  // Counting periods needs every row; a page needs one more than its size to know if more follow.
  const std::size_t want = query.by || query.limit == 0 ? 0 : query.limit + 1;
  const Window& w = query.filter.window;
  std::vector<TimelineRow>& rows = result.rows;
  if (result.also.empty()) {
    const ActorId me = result.actor.id;
    RowChunks chunks;
    auto collect = [&](const AdjEntry& e) {
      if (!query.filter.admits(e)) return true;
      // A self-directed event has an outgoing and an incoming entry: keep one.
      if (e.other == me && !e.outgoing && !result.with) return true;
      chunks.push(row_of(e));
      return want == 0 || chunks.size() < want;
    };
    const AdjEntry* start = after ? &*after : nullptr;
    Status s = result.with ? store.scan_pair(me, result.with->id, w.from, w.to, query.descending,
                                             start, collect)
                           : store.scan_adjacency(me, w.from, w.to, query.descending, start,
                                                  collect);
    if (!s) return s;
    chunks.append_to(rows);
  } else {
    std::set<EventId> seen;
    std::vector<const Actor*> members{&result.actor};
    for (const Actor& a : result.also) members.push_back(&a);
    for (const Actor* a : members) {
      Status s = store.scan_adjacency(a->id, w.from, w.to, [&](const AdjEntry& e) {
        if (query.filter.admits(e) && seen.insert(e.event).second) rows.push_back(row_of(e));
        return true;
      });
      if (!s) return s;
    }
    auto before = [&](const TimelineRow& a, const TimelineRow& b) {
      return query.descending ? set_key(b) < set_key(a) : set_key(a) < set_key(b);
    };
    std::sort(rows.begin(), rows.end(), before);
    if (after) {
      TimelineRow c = row_of(*after);
      rows.erase(rows.begin(), std::upper_bound(rows.begin(), rows.end(), c, before));
    }
    if (want && rows.size() > want) rows.resize(want);
  }

  if (rows.empty()) {
    std::string msg = "no events for " + result.actor.name;
    for (const Actor& a : result.also) msg += ", " + a.name;
    if (result.with) msg += " with " + result.with->name;
    return Status::not_found(msg + (query.cursor ? " after that cursor" : " in that window"));
  }
  if (want && rows.size() == want) {
    rows.pop_back();
    result.next_cursor = encode_cursor(rows.back(), query.descending);
  }
  if (query.by) {
    // Counting needs no names: the rows stay unnamed (a lookup per partner would be wasted).
    std::vector<Date> periods;
    for (const auto& r : rows) periods.push_back(period_start(r.day, *query.by));
    std::sort(periods.begin(), periods.end());
    for (Date p = periods.front(); !(periods.back() < p); p = next_period(p, *query.by)) {
      auto range = std::equal_range(periods.begin(), periods.end(), p);
      result.counts.push_back({p, static_cast<std::size_t>(range.second - range.first)});
    }
    if (query.descending) std::reverse(result.counts.begin(), result.counts.end());
    return result;
  }
  if (!query.load_events) {
    Status named = name_rows(store, {}, rows);
    if (!named) return named;
    return result;
  }
  result.events.reserve(rows.size());
  for (const TimelineRow& r : rows) {
    auto e = store.get_event(r.event);
    if (!e) {
      // An adj entry without its event breaks the store's one-batch invariant.
      if (e.error().code() == StatusCode::kNotFound)
        return Status::corruption("adjacency names a missing event " + r.event.hex());
      return e.error();
    }
    result.events.push_back(std::move(*e));
  }
  Status named = name_rows(store, result.events, rows);
  if (!named) return named;
  return result;
}

}  // namespace diplograph
