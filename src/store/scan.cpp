// Ordered, resumable scans of `adj` and `pair` (GraphStore::scan_adjacency / scan_pair with a
// direction and a resume point): what timelines with `order desc` and cursors read; and the
// window-wide scans of `adj` and `time` that projections read.
#include <rocksdb/iterator.h>

#include <limits>

#include "diplograph/graph_store.hpp"
#include "store/impl.hpp"
#include "store/key_codec.hpp"

namespace diplograph {

using namespace store;

namespace {

// Key prefix (actor, or lower/higher pair) plus a day: where a window starts or ends.
std::string day_bound(std::string prefix, std::int32_t day) {
  put_u32(prefix, encode_day(day));
  return prefix;
}

// The pair key of an entry seen from `a` (scan_pair's AdjEntry form).
std::string pair_key_of(const AdjEntry& e) {
  PairRow r;
  r.lower = std::min(e.actor, e.other);
  r.higher = std::max(e.actor, e.other);
  r.day = e.day;
  r.type = e.type;
  r.event = e.event;
  return pair_key(r);
}

// One seek and a bounded scan in either direction. `decode` turns a key/value into an entry
// (nullopt: corrupt); `start` is the resume key (exclusive) or empty.
template <class Decode>
Status ordered_scan(const GraphStore::Impl& impl, Cf family, const std::string& prefix,
                    std::int32_t from_day, std::int32_t to_day, bool descending,
                    const std::string& start, Decode decode,
                    const std::function<bool(const AdjEntry&)>& fn) {
  if (from_day > to_day) return Status::ok();
  rocksdb::ReadOptions ro;
  // Bounds let RocksDB stop at the window's edge instead of reading the next block.
  std::string lower = day_bound(prefix, from_day);
  std::string upper;
  rocksdb::Slice upper_slice;
  if (to_day < std::numeric_limits<std::int32_t>::max()) {
    upper = day_bound(prefix, to_day + 1);
  } else {
    upper = prefix;
    // The prefix's successor: ids are fixed-width, so increment with carry.
    int i = static_cast<int>(upper.size()) - 1;
    while (i >= 0 && static_cast<unsigned char>(upper[i]) == 0xFF) upper[i--] = '\0';
    if (i >= 0) upper[i] = static_cast<char>(static_cast<unsigned char>(upper[i]) + 1);
    else upper.clear();
  }
  rocksdb::Slice lower_slice(lower);
  ro.iterate_lower_bound = &lower_slice;
  if (!upper.empty()) {
    upper_slice = rocksdb::Slice(upper);
    ro.iterate_upper_bound = &upper_slice;
  }
  std::unique_ptr<rocksdb::Iterator> it(impl.db->NewIterator(ro, impl.cf[family]));
  if (!descending) {
    it->Seek(start.empty() ? lower : start);
    if (!start.empty() && it->Valid() && it->key() == rocksdb::Slice(start)) it->Next();
  } else if (!start.empty()) {
    it->SeekForPrev(start);
    if (it->Valid() && it->key() == rocksdb::Slice(start)) it->Prev();
  } else if (upper.empty()) {
    it->SeekToLast();
  } else {
    it->SeekForPrev(upper);  // the bound is exclusive: SeekForPrev lands on the last key below
  }
  for (; it->Valid(); descending ? it->Prev() : it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (key.substr(0, prefix.size()) != prefix) break;
    auto e = decode(key, std::string_view(it->value().data(), it->value().size()));
    if (!e) return Status::corruption("undecodable scan entry");
    if (e->day < from_day || e->day > to_day) break;
    if (!fn(*e)) return Status::ok();
  }
  return from_rocks(it->status(), "ordered scan");
}

}  // namespace

Status GraphStore::scan_adjacency(ActorId actor, std::int32_t from_day, std::int32_t to_day,
                                  bool descending, const AdjEntry* after,
                                  const std::function<bool(const AdjEntry&)>& fn) const {
  std::string start = after ? adj_key(*after) : std::string();
  return ordered_scan(*impl_, kAdj, actor_key(actor), from_day, to_day, descending, start,
                      [](std::string_view k, std::string_view v) { return decode_adj(k, v); },
                      fn);
}

Status GraphStore::scan_pair(ActorId a, ActorId b, std::int32_t from_day, std::int32_t to_day,
                             bool descending, const AdjEntry* after,
                             const std::function<bool(const AdjEntry&)>& fn) const {
  std::string prefix = pair_seek_key(a, b, 0).substr(0, 16);
  std::string start = after ? pair_key_of(*after) : std::string();
  auto decode = [a, b](std::string_view k, std::string_view v) -> std::optional<AdjEntry> {
    auto r = decode_pair(k, v);
    if (!r) return std::nullopt;
    AdjEntry e;
    e.actor = a;
    e.other = b;
    e.day = r->day;
    e.type = r->type;
    e.event = r->event;
    e.status = r->status;
    e.precision = r->precision;
    bool a_is_source = (a == r->lower) == r->lower_is_source;
    e.outgoing = is_undirected(r->type) || a_is_source;
    return e;
  };
  return ordered_scan(*impl_, kPair, prefix, from_day, to_day, descending, start, decode, fn);
}

Status GraphStore::scan_adjacency_window(std::int32_t from_day, std::int32_t to_day,
                                         const std::function<bool(const AdjEntry&)>& fn) const {
  if (from_day > to_day) return Status::ok();
  rocksdb::ReadOptions ro;
  ro.fill_cache = false;
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(ro, impl_->cf[kAdj]));
  const std::uint32_t lo = encode_day(from_day), hi = encode_day(to_day);
  // Seeks to `actor` (8 bytes, big-endian) on from_day.
  std::string seek;
  auto seek_to = [&](std::string_view actor) {
    seek.assign(actor);
    put_u32(seek, lo);
    it->Seek(seek);
  };
  for (it->SeekToFirst(); it->Valid();) {
    std::string_view key(it->key().data(), it->key().size());
    if (key.size() != kAdjKeySize) return Status::corruption("undecodable adj key " + hex_of(key));
    const std::uint32_t day = get_u32(key, 8);
    if (day < lo) {
      seek_to(key.substr(0, 8));
      continue;
    }
    if (day > hi) {
      // The next actor: the id plus one, with carry; past the last id the sweep is done.
      std::string next(key.substr(0, 8));
      int i = 7;
      while (i >= 0 && static_cast<unsigned char>(next[i]) == 0xFF) next[i--] = '\0';
      if (i < 0) break;
      next[i] = static_cast<char>(static_cast<unsigned char>(next[i]) + 1);
      seek_to(next);
      continue;
    }
    auto e = decode_adj(key, std::string_view(it->value().data(), it->value().size()));
    if (!e) return Status::corruption("undecodable adj entry " + hex_of(key));
    if (!fn(*e)) return Status::ok();
    it->Next();
  }
  return from_rocks(it->status(), "scan adjacency window");
}

Status GraphStore::scan_event_days(
    std::int32_t from_day, std::int32_t to_day,
    const std::function<bool(std::int32_t, const EventId&)>& fn) const {
  if (from_day > to_day) return Status::ok();
  rocksdb::ReadOptions ro;
  std::string lower, upper;
  put_u32(lower, encode_day(from_day));
  rocksdb::Slice upper_slice;
  if (to_day < std::numeric_limits<std::int32_t>::max()) {
    put_u32(upper, encode_day(to_day + 1));
    upper_slice = rocksdb::Slice(upper);
    ro.iterate_upper_bound = &upper_slice;
  }
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(ro, impl_->cf[kTime]));
  for (it->Seek(lower); it->Valid(); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (key.size() != kTimeKeySize)
      return Status::corruption("undecodable time key " + hex_of(key));
    const std::int32_t day = decode_day(get_u32(key, 0));
    if (day > to_day) break;
    if (!fn(day, EventId{get_u64(key, 4), get_u64(key, 12)})) return Status::ok();
  }
  return from_rocks(it->status(), "scan event days");
}

}  // namespace diplograph
