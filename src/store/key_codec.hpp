// The RocksDB key layout of the store: THE one place that documents and encodes it.
// Pure functions on byte strings; thread-safe.
//
// Every integer is fixed-width big-endian, so the default bytewise comparator orders keys
// numerically. Days are int32 with the sign bit flipped (day ^ 0x80000000), so negative days
// (before 1970) sort before positive ones and key order is time order.
//
// column family | key                                                        | value
// --------------|------------------------------------------------------------|---------------------
// actor         | actor id (8)                                               | actor record (CBOR)
// alias         | normalized name (UTF-8 bytes)                              | CBOR array of actor ids
// event         | event id (16: hi, lo)                                      | event record (CBOR)
// adj           | actor (8) day (4) type (2) direction (1) other (8) event (16) | status (1) precision (1)
// pair          | lower id (8) higher id (8) day (4) type (2) event (16)     | status (1) precision (1)
//               |                                                            |   flags (1)
// time          | day (4) event id (16)                                      | empty
// doc           | Document::content_key() (16 hex chars)                     | doc record (CBOR)
// meta          | name ("schema_version", "documents", "mentions", ...)      | u64 (8, big-endian)
//
// adj direction: 0 = the actor is the source (outgoing; both ends of an undirected event use 0),
// 1 = the actor is the target (incoming). `other` is 0 when the event has no target.
// pair flags: bit 0 set = the lower id is the event's source.
// Enum values in keys and values (EventType, EventStatus, DatePrecision, the direction byte) are
// stored on disk: never renumber them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "diplograph/event.hpp"
#include "diplograph/graph_store.hpp"

namespace diplograph::store {

// Bumped when the layout changes incompatibly; kept in meta under kMetaSchemaVersion.
inline constexpr std::uint64_t kSchemaVersion = 1;

inline constexpr const char* kCfActor = "actor";
inline constexpr const char* kCfAlias = "alias";
inline constexpr const char* kCfEvent = "event";
inline constexpr const char* kCfAdj = "adj";
inline constexpr const char* kCfPair = "pair";
inline constexpr const char* kCfTime = "time";
inline constexpr const char* kCfDoc = "doc";
inline constexpr const char* kCfMeta = "meta";

inline constexpr std::string_view kMetaSchemaVersion = "schema_version";
inline constexpr std::string_view kMetaDocuments = "documents";
inline constexpr std::string_view kMetaMentions = "mentions";
inline constexpr std::string_view kMetaActors = "actors";
inline constexpr std::string_view kMetaEvents = "events";
inline constexpr std::string_view kMetaEdges = "edges";
inline constexpr std::string_view kMetaAffiliations = "affiliations";

// Direction byte of an adj key. Stored on disk: do not renumber.
enum class Direction : std::uint8_t { kOutgoing = 0, kIncoming = 1 };

inline constexpr std::size_t kAdjKeySize = 8 + 4 + 2 + 1 + 8 + 16;
inline constexpr std::size_t kPairKeySize = 8 + 8 + 4 + 2 + 16;
inline constexpr std::size_t kTimeKeySize = 4 + 16;

void put_u64(std::string& out, std::uint64_t v);
void put_u32(std::string& out, std::uint32_t v);
void put_u16(std::string& out, std::uint16_t v);
std::uint64_t get_u64(std::string_view in, std::size_t pos);
std::uint32_t get_u32(std::string_view in, std::size_t pos);
std::uint16_t get_u16(std::string_view in, std::size_t pos);

// Day <-> its 4-byte order-preserving form.
std::uint32_t encode_day(std::int32_t day);
std::int32_t decode_day(std::uint32_t v);

std::string actor_key(ActorId id);
std::string event_key(const EventId& id);
std::optional<EventId> decode_event_key(std::string_view key);

std::string adj_key(const AdjEntry& e);
// The fixed-size keys also written into a caller's buffer (kAdjKeySize, kPairKeySize,
// kTimeKeySize bytes below), for the bulk path, which writes millions without allocating.
void adj_key_to(char* out, const AdjEntry& e);
// The first adj key of `actor` on or after `day`: where a timeline scan seeks.
std::string adj_seek_key(ActorId actor, std::int32_t day);
std::string adj_value(const AdjEntry& e);
// nullopt when the key or value has the wrong size (corruption).
std::optional<AdjEntry> decode_adj(std::string_view key, std::string_view value);

struct PairRow {
  ActorId lower = 0, higher = 0;
  std::int32_t day = 0;
  EventType type = EventType::kStatement;
  EventId event;
  EventStatus status = EventStatus::kOccurred;
  DatePrecision precision = DatePrecision::kDay;
  bool lower_is_source = true;
};
std::string pair_key(const PairRow& r);
void pair_key_to(char* out, const PairRow& r);
std::string pair_seek_key(ActorId a, ActorId b, std::int32_t day);  // order of a, b irrelevant
std::string pair_value(const PairRow& r);
std::optional<PairRow> decode_pair(std::string_view key, std::string_view value);

// Lower-case hex of raw key bytes, for messages that name a key.
std::string hex_of(std::string_view bytes);

std::string time_key(std::int32_t day, const EventId& id);
void time_key_to(char* out, std::int32_t day, const EventId& id);

std::string encode_counter(std::uint64_t v);
std::optional<std::uint64_t> decode_counter(std::string_view v);

}  // namespace diplograph::store
