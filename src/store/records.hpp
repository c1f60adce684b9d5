// CBOR records stored as values in the actor, event and doc column families (nlohmann CBOR with
// short field names). Decoders never throw: bad bytes give nullopt, which callers report as
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
};

std::string encode_actor(const Actor& a);
std::optional<Actor> decode_actor(std::string_view bytes);

std::string encode_event(const Event& e);
std::optional<Event> decode_event(std::string_view bytes);

std::string encode_doc(const DocRecord& d);
std::optional<DocRecord> decode_doc(std::string_view bytes);

// The alias value: a list of actor ids.
std::string encode_ids(const std::vector<ActorId>& ids);
std::optional<std::vector<ActorId>> decode_ids(std::string_view bytes);

}  // namespace diplograph::store
