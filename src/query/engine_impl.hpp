// QueryEngine::Impl: the store and the cache of window projections, shared by the query files.
// Internal. Thread-safety: the cache is guarded by `mutex`; projections are immutable and shared.
#pragma once

#include <memory>
#include <mutex>
#include <tuple>
#include <vector>

#include "diplograph/query.hpp"
#include "graph/projection.hpp"

namespace diplograph {

struct QueryEngine::Impl {
  const GraphStore& store;
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

  // The projection of `filter` (with or without affiliation edges), built once and cached.
  Result<std::shared_ptr<const graph::Projection>> projection(const EventFilter& filter,
                                                              bool affiliations) const;
};

// An actor on a path or in a network; a vertex without a record is named by its id.
Result<Actor> actor_or_placeholder(const GraphStore& store, ActorId id);

}  // namespace diplograph
