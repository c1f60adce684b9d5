// Queries over a GraphStore: actor resolution, timelines and paths. Filters (window, types,
// status) apply during the scan or search, never after. Thread-safety: the functions only read the
// store and may run concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "diplograph/event.hpp"
#include "diplograph/graph_store.hpp"
#include "diplograph/status.hpp"

namespace diplograph {

// An inclusive window of days. Default: all time.
struct Window {
  std::int32_t from = std::numeric_limits<std::int32_t>::min();
  std::int32_t to = std::numeric_limits<std::int32_t>::max();
  bool contains(std::int32_t day) const { return from <= day && day <= to; }
};

// What events a query admits. An empty type list admits every type.
struct EventFilter {
  Window window;
  std::vector<EventType> types;
  // Default: occurred and planned; denied events count only when asked for.
  std::vector<EventStatus> statuses = {EventStatus::kOccurred, EventStatus::kPlanned};
  bool admits(const AdjEntry& e) const;
};

// Resolves a name through names and aliases, case- and accent-insensitively. kNotFound: no actor
// has that name. kAmbiguous: several do; the message lists them (name, kind, country).
Result<Actor> resolve_actor(const GraphStore& store, std::string_view name);

struct TimelineQuery {
  std::string actor;
  std::optional<std::string> with;  // a second actor: only their events together
  EventFilter filter;
  std::size_t limit = 0;  // 0: no limit
};

struct TimelineResult {
  Actor actor;
  std::optional<Actor> with;
  std::vector<Event> events;  // ascending by date; full events with mentions
};

// kNotFound for an unknown actor (and for an empty timeline, with the result's message saying so),
// kAmbiguous for an ambiguous one.
Result<TimelineResult> timeline(const GraphStore& store, const TimelineQuery& query);

struct PathQuery {
  std::string from;
  std::string to;
  EventFilter filter;
  int max_hops = 6;
  bool affiliations = true;  // cross person -> state/body affiliation edges
};

struct PathHop {
  ActorRef a, b;
  // When set, the hop is an affiliation (a serves b, or b serves a) and `events` is empty.
  std::optional<Affiliation> affiliation;
  std::vector<Event> events;  // supporting events in the window, ascending by date
};

struct PathResult {
  std::vector<ActorRef> actors;  // from .. to
  std::vector<PathHop> hops;     // actors.size() - 1 hops
};

// The fewest-hops path. kNotFound when either actor is unknown or no path exists within the
// filter and max_hops; kAmbiguous for ambiguous names.
Result<PathResult> find_path(const GraphStore& store, const PathQuery& query);

}  // namespace diplograph
