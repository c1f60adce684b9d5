// The part of the graph an export shows: actors, two-actor events and affiliation edges, chosen
// by window, types, statuses and an optional ego network. Sorted for stable output.
#pragma once

#include <vector>

#include "diplograph/export.hpp"

namespace diplograph::detail {

struct AffiliationEdge {
  ActorId from = 0;  // the person (or body)
  ActorId to = 0;    // the state or body served
  std::string role;
};

struct GraphSelection {
  std::vector<Actor> actors;                  // by name, then id
  std::vector<Event> events;                  // two-actor events, by date, type, id
  std::vector<AffiliationEdge> affiliations;  // by from, to, role
};

Result<GraphSelection> select_graph(const GraphStore& store, const ExportOptions& options);

}  // namespace diplograph::detail
