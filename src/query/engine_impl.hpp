// QueryEngine::Impl: the store and the cache of window projections, shared by the query files.
// Internal. Thread-safety: the cache is guarded by `mutex`; projections are immutable and shared.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "diplograph/query.hpp"
#include "graph/projection.hpp"

namespace diplograph {

struct QueryEngine::Impl {
  const GraphStore& store;
  bool persist = true;  // write the base projection beside the store when it is built
  explicit Impl(const GraphStore& s) : store(s) {}

  // What a projection depends on; actor kinds and hop limits apply at search time instead.
  struct Key {
    Window window;
    std::vector<EventType> types;
    std::vector<EventStatus> statuses;
    bool affiliations = true;
    friend bool operator==(const Key&, const Key&) = default;
  };
  static constexpr std::size_t kCacheSize = 4;
  mutable std::mutex mutex;
  mutable std::vector<std::pair<Key, std::shared_ptr<const graph::Projection>>> cache;  // MRU first
  // The store's state when the cache was filled (GraphStore::state_stamp): a write, through this
  // handle or any other, empties the cache.
  mutable std::string cache_stamp;
  // The projection of all time (no type filter, the default statuses, affiliations), which every
  // window projection of the default types and statuses is derived from. Null until needed.
  mutable std::shared_ptr<const graph::Projection> base;

  // The projection of `filter` (with or without affiliation edges), built once and cached.
  Result<std::shared_ptr<const graph::Projection>> projection(const EventFilter& filter,
                                                              bool affiliations) const;
  // The base projection: mapped from the store's projection file when that is current, else
  // built from the store and (`persist`) written there for the next process. With
  // `only_if_persisted`, null instead of a build when no current file exists.
  Result<std::shared_ptr<const graph::Projection>> base_projection(const std::string& stamp,
                                                                   bool only_if_persisted) const;
};

// An actor on a path or in a network; a vertex without a record is named by its id.
Result<Actor> actor_or_placeholder(const GraphStore& store, ActorId id);

}  // namespace diplograph
