// The window-filtered in-memory projection of the store: actors as vertices, admitted events and
// (optionally) affiliations as undirected edges in a Boost.Graph compressed sparse row graph, each
// edge carrying the sorted days of its events and the validity of its affiliations; and the
// searches over it (fewest hops with Yen's k paths, the temporal modes, ego networks, centrality).
// Immutable after build(); concurrent searches are safe (scratch space is pooled under a lock).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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
  // A window with fewer events than this is read event by event (through the `time` family), so
  // its projection costs in proportion to it; a wider one by one sweep of `adj`, which costs a seek
  // per actor at most. 0: max(1024, actors / 10), about where the two cost the same (an event
  // read costs about as much as ten seeks). Default: 0.
  std::size_t event_read_limit = 0;
};

// What a search may use: hop bound, kinds of intermediate vertices, and (for Yen's spur
// searches) vertices and edges taken out.
struct SearchLimits {
  int max_hops = 6;
  std::uint32_t kind_mask = 0;  // bit (1 << ActorKind) set: admitted; 0 admits every kind
  std::vector<ActorId> blocked_vertices;
  std::vector<std::pair<ActorId, ActorId>> blocked_edges;  // either direction
};

// One hop of a temporal path: the day it is crossed and whether it is an affiliation.
struct TemporalHop {
  ActorId to = 0;
  std::int32_t day = 0;
  bool affiliation = false;
};
struct TemporalPath {
  ActorId from = 0;
  std::vector<TemporalHop> hops;
  std::int32_t departure() const { return hops.front().day; }
  std::int32_t arrival() const { return hops.back().day; }
};

class Projection {
 public:
  // Scans every actor's adj entries in the window once. Edges are undirected: a visit from A to
  // B connects B to A as well. Errors are the store's. The caller owns the result.
  static Result<std::unique_ptr<Projection>> build(const GraphStore& store,
                                                   const ProjectionOptions& options);
  // The projection of a narrower window (and with or without affiliations), derived from this
  // one without reading the store: for a projection of all time with no type filter and the
  // default statuses, and options asking for no types and the default statuses (kInvalidInput
  // otherwise). Equal, array for array, to what build() gives for the same options.
  Result<std::unique_ptr<Projection>> restrict(const ProjectionOptions& options) const;
  // Whether `options` can be derived by restrict() from a projection built with `base`.
  static bool derivable(const ProjectionOptions& base, const ProjectionOptions& options);

  // The persisted form (projection_file.cpp), one file with every array: save() writes it
  // atomically (a temporary file beside it, fsync, rename), stamped with `stamp`
  // (GraphStore::state_stamp); load() maps it read-only when it holds a projection of `options`
  // stamped `stamp`, in time independent of its size. kNotFound: no such file, or one that is
  // stale (another stamp or options); kCorruption: a damaged file. verify_file() reads all of it
  // and checks its checksum.
  Status save(const std::string& path, std::string_view stamp) const;
  static Result<std::unique_ptr<Projection>> load(const std::string& path, std::string_view stamp,
                                                  const ProjectionOptions& options);
  static Status verify_file(const std::string& path);
  // Array for array equality (what `check` compares a persisted projection with).
  bool same_as(const Projection& other) const;

  ~Projection();
  Projection(const Projection&) = delete;
  Projection& operator=(const Projection&) = delete;

  const ProjectionOptions& options() const;
  std::size_t vertex_count() const;
  // Distinct connected (unordered) actor pairs.
  std::size_t edge_count() const;
  bool has_edge(ActorId a, ActorId b) const;
  // Approximate heap bytes held (vectors' capacities).
  std::size_t memory_bytes() const;

  // A path with the fewest hops from `from` to `to` (both ends included), using at most
  // `max_hops` edges; nullopt when there is none. Bidirectional BFS; deterministic.
  // from == to gives {from}.
  std::optional<std::vector<ActorId>> fewest_hops(ActorId from, ActorId to, int max_hops) const;
  std::optional<std::vector<ActorId>> fewest_hops(ActorId from, ActorId to,
                                                  const SearchLimits& limits) const;
  // Up to k distinct loopless fewest-hops paths, shortest first (Yen's algorithm).
  std::vector<std::vector<ActorId>> k_fewest_hops(ActorId from, ActorId to, std::size_t k,
                                                  const SearchLimits& limits) const;

  // Temporal modes (Wu et al.): every hop is crossed on a day, days never decrease along the path
  // (same-day hops allowed), each gap is at most `max_wait` days when given, an event hop is
  // crossed on one of its events' days and an affiliation hop on a day of its term. Earliest
  // arrival minimises the last day, latest departure maximises the first, fastest minimises their
  // difference. nullopt when no such path exists within the limits. from == to: no hops.
  std::optional<TemporalPath> earliest_arrival(ActorId from, ActorId to, const SearchLimits& limits,
                                               std::optional<int> max_wait) const;
  std::optional<TemporalPath> latest_departure(ActorId from, ActorId to, const SearchLimits& limits,
                                               std::optional<int> max_wait) const;
  std::optional<TemporalPath> fastest(ActorId from, ActorId to, const SearchLimits& limits,
                                      std::optional<int> max_wait) const;

  // Actors within `depth` hops of `center` (kinds limit the others), with their depth, by depth
  // then id. Empty when the centre is not a vertex.
  std::vector<std::pair<ActorId, int>> ego(ActorId center, int depth, std::uint32_t kind_mask) const;

  // Per vertex (id order): distinct neighbours, events on incident edges, and betweenness
  // (exact when pivots == 0, else sampled from `pivots` evenly spread sources and scaled by n/k).
  std::vector<ActorId> vertex_ids() const;
  std::vector<double> degree() const;
  std::vector<double> weighted_degree() const;
  std::vector<double> betweenness(std::size_t pivots) const;

  struct Impl;

 private:
  explicit Projection(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

std::uint32_t kind_mask(const std::vector<ActorKind>& kinds);

}  // namespace diplograph::graph
