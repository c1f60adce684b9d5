// CBOR records stored as values in the actor, event and doc column families (the CBOR that
// nlohmann::json writes, with short field names). Decoders never throw: bad bytes give nullopt, which callers report as
// kCorruption. Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/event.hpp"

namespace diplograph::store {

// What the doc column family keeps of a document: its metadata and the events it produced.
struct DocRecord {
  std::string id;
  std::string title;
  std::string source;
  std::string url;
  Date published;
  std::vector<EventId> events;
  // The knowledge version that extracted the document (Extraction::knowledge); empty for
  // imported records and stores written before it was kept. Stored under key 'x' when set.
  std::string knowledge;
};

// The doc record's fields as views, for encoding without copying them into a DocRecord.
struct DocView {
  std::string_view id, title, source, url;
  Date published;
  const EventId* events = nullptr;
  std::size_t event_count = 0;
  std::string_view knowledge;
};

std::string encode_actor(const Actor& a);
std::optional<Actor> decode_actor(std::string_view bytes);

std::string encode_event(const Event& e);
std::optional<Event> decode_event(std::string_view bytes);

std::string encode_doc(const DocRecord& d);
std::optional<DocRecord> decode_doc(std::string_view bytes);

// The same encodings appended to `out` (a bulk import writes many records into one buffer).
// append_event writes `empty_doc` for a mention whose doc is empty.
void append_actor(std::string& out, const Actor& a);
void append_event(std::string& out, const Event& e, std::string_view empty_doc = {});
void append_doc(std::string& out, const DocView& d);

// An event's fields in views. With doc_prefix, doc_suffix and pattern, an event with one mention
// of no text (an edge row's, bulk_edges.cpp): append_edge_event writes what append_event writes
// for the Event these fields make, without building it. Both are one writer (records.cpp).
struct EdgeEventView {
  EventId id;
  EventType type = EventType::kStatement;
  std::string_view cameo;
  int quad_class = 0;
  double goldstein = 0.0;
  const ActorRef* source = nullptr;
  const ActorRef* target = nullptr;  // none when null
  Date date;
  EventStatus status = EventStatus::kOccurred;
  std::string_view doc_prefix, doc_suffix;  // the mention's doc: prefix + suffix
  std::string_view pattern;
};
void append_edge_event(std::string& out, const EdgeEventView& e);

// The alias value: a list of actor ids.
std::string encode_ids(const std::vector<ActorId>& ids);
std::optional<std::vector<ActorId>> decode_ids(std::string_view bytes);

}  // namespace diplograph::store
