// The window-filtered in-memory projection of the store: actors as vertices, admitted events and
// (optionally) affiliations as edges, in a Boost.Graph compressed sparse row graph hidden behind a
// pimpl. Immutable after build(); concurrent reads are safe.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "diplograph/graph_store.hpp"
#include "diplograph/query.hpp"
#include "diplograph/status.hpp"

namespace diplograph::graph {

struct ProjectionOptions {
  // Applied while the adjacency is scanned: window, types, statuses. Default: EventFilter{}.
  EventFilter filter;
  // Add person -> state/body edges for affiliations whose term overlaps the window. Default: true.
  bool affiliations = true;
};

class Projection {
 public:
  // Scans every actor's adj entries in the window once. Edges are undirected for reachability:
  // a visit from A to B connects B to A as well. Errors are the store's. The caller owns the result.
  static Result<std::unique_ptr<Projection>> build(const GraphStore& store,
                                                   const ProjectionOptions& options);
  ~Projection();
  Projection(const Projection&) = delete;
  Projection& operator=(const Projection&) = delete;

  std::size_t vertex_count() const;
  // Distinct connected (unordered) actor pairs.
  std::size_t edge_count() const;
  bool has_edge(ActorId a, ActorId b) const;

  // A path with the fewest hops from `from` to `to` (both ends included), using at most
  // `max_hops` edges; nullopt when there is none. Deterministic: neighbours are visited in actor id
  // order. from == to gives {from} when the actor is a vertex, or even when it is not.
  std::optional<std::vector<ActorId>> fewest_hops(ActorId from, ActorId to, int max_hops) const;

  struct Impl;

 private:
  explicit Projection(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace diplograph::graph
