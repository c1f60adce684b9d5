// Encoders and decoders of the key layout documented in key_codec.hpp.
#include "store/key_codec.hpp"

#include <algorithm>

namespace diplograph::store {

void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}
void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 3; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}
void put_u16(std::string& out, std::uint16_t v) {
  out += static_cast<char>(v >> 8);
  out += static_cast<char>(v & 0xff);
}
std::uint64_t get_u64(std::string_view in, std::size_t pos) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(in[pos + i]);
  return v;
}
std::uint32_t get_u32(std::string_view in, std::size_t pos) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(in[pos + i]);
  return v;
}
std::uint16_t get_u16(std::string_view in, std::size_t pos) {
  return static_cast<std::uint16_t>((static_cast<unsigned char>(in[pos]) << 8) |
                                    static_cast<unsigned char>(in[pos + 1]));
}

std::uint32_t encode_day(std::int32_t day) {
  return static_cast<std::uint32_t>(day) ^ 0x80000000u;
}
std::int32_t decode_day(std::uint32_t v) { return static_cast<std::int32_t>(v ^ 0x80000000u); }

std::string actor_key(ActorId id) {
  std::string k;
  put_u64(k, id);
  return k;
}

std::string event_key(const EventId& id) {
  std::string k;
  put_u64(k, id.hi);
  put_u64(k, id.lo);
  return k;
}

std::optional<EventId> decode_event_key(std::string_view key) {
  if (key.size() != 16) return std::nullopt;
  return EventId{get_u64(key, 0), get_u64(key, 8)};
}

namespace {
char* be64(char* p, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) *p++ = static_cast<char>((v >> (8 * i)) & 0xff);
  return p;
}
char* be32(char* p, std::uint32_t v) {
  for (int i = 3; i >= 0; --i) *p++ = static_cast<char>((v >> (8 * i)) & 0xff);
  return p;
}
char* be16(char* p, std::uint16_t v) {
  *p++ = static_cast<char>(v >> 8);
  *p++ = static_cast<char>(v & 0xff);
  return p;
}
}  // namespace

void adj_key_to(char* p, const AdjEntry& e) {
  p = be64(p, e.actor);
  p = be32(p, encode_day(e.day));
  p = be16(p, static_cast<std::uint16_t>(e.type));
  *p++ = static_cast<char>(e.outgoing ? Direction::kOutgoing : Direction::kIncoming);
  p = be64(p, e.other);
  p = be64(p, e.event.hi);
  be64(p, e.event.lo);
}

void pair_key_to(char* p, const PairRow& r) {
  p = be64(p, r.lower);
  p = be64(p, r.higher);
  p = be32(p, encode_day(r.day));
  p = be16(p, static_cast<std::uint16_t>(r.type));
  p = be64(p, r.event.hi);
  be64(p, r.event.lo);
}

void time_key_to(char* p, std::int32_t day, const EventId& id) {
  p = be32(p, encode_day(day));
  p = be64(p, id.hi);
  be64(p, id.lo);
}

std::string adj_key(const AdjEntry& e) {
  std::string k(kAdjKeySize, '\0');
  adj_key_to(k.data(), e);
  return k;
}

std::string adj_seek_key(ActorId actor, std::int32_t day) {
  std::string k;
  put_u64(k, actor);
  put_u32(k, encode_day(day));
  return k;
}

std::string adj_value(const AdjEntry& e) {
  std::string v;
  v += static_cast<char>(e.status);
  v += static_cast<char>(e.precision);
  return v;
}

std::optional<AdjEntry> decode_adj(std::string_view key, std::string_view value) {
  if (key.size() != kAdjKeySize || value.size() < 2) return std::nullopt;
  AdjEntry e;
  e.actor = get_u64(key, 0);
  e.day = decode_day(get_u32(key, 8));
  e.type = static_cast<EventType>(get_u16(key, 12));
  e.outgoing = static_cast<Direction>(key[14]) == Direction::kOutgoing;
  e.other = get_u64(key, 15);
  e.event = EventId{get_u64(key, 23), get_u64(key, 31)};
  e.status = static_cast<EventStatus>(value[0]);
  e.precision = static_cast<DatePrecision>(value[1]);
  return e;
}

std::string pair_key(const PairRow& r) {
  std::string k(kPairKeySize, '\0');
  pair_key_to(k.data(), r);
  return k;
}

std::string pair_seek_key(ActorId a, ActorId b, std::int32_t day) {
  std::string k;
  put_u64(k, std::min(a, b));
  put_u64(k, std::max(a, b));
  put_u32(k, encode_day(day));
  return k;
}

std::string pair_value(const PairRow& r) {
  std::string v;
  v += static_cast<char>(r.status);
  v += static_cast<char>(r.precision);
  v += static_cast<char>(r.lower_is_source ? 1 : 0);
  return v;
}

std::optional<PairRow> decode_pair(std::string_view key, std::string_view value) {
  if (key.size() != kPairKeySize || value.size() < 3) return std::nullopt;
  PairRow r;
  r.lower = get_u64(key, 0);
  r.higher = get_u64(key, 8);
  r.day = decode_day(get_u32(key, 16));
  r.type = static_cast<EventType>(get_u16(key, 20));
  r.event = EventId{get_u64(key, 22), get_u64(key, 30)};
  r.status = static_cast<EventStatus>(value[0]);
  r.precision = static_cast<DatePrecision>(value[1]);
  r.lower_is_source = (value[2] & 1) != 0;
  return r;
}

std::string time_key(std::int32_t day, const EventId& id) {
  std::string k(kTimeKeySize, '\0');
  time_key_to(k.data(), day, id);
  return k;
}

std::string encode_counter(std::uint64_t v) {
  std::string s;
  put_u64(s, v);
  return s;
}

std::optional<std::uint64_t> decode_counter(std::string_view v) {
  if (v.size() != 8) return std::nullopt;
  return get_u64(v, 0);
}

std::string hex_of(std::string_view bytes) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += d[c >> 4];
    out += d[c & 15];
  }
  return out;
}

}  // namespace diplograph::store
