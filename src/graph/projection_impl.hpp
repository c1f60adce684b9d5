// Projection::Impl: the CSR arrays behind a Projection, shared by the files of src/graph.
// Internal; includes Boost. Thread-safety: immutable after build, except the scratch pool (locked).
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "graph/projection.hpp"

namespace diplograph::graph {

using Vertex = std::uint32_t;
constexpr Vertex kNone = UINT32_MAX;

using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                               boost::no_property, boost::no_property, Vertex,
                                               std::uint32_t>;

// A label of the one-pass temporal search (temporal_stream.cpp): v reached on `day` (real day)
// from the label `parent`, by an affiliation or an event.
struct StreamLabel {
  std::uint32_t v;
  std::uint32_t parent;
  std::int32_t day;
  bool aff;
};

// Per-search working arrays, sized to the vertex count; `stamp` marks which entries belong to the
// current search, so nothing is cleared between searches. `hops` (one byte a vertex, cleared by
// the search that uses it) and `labels` keep their memory from search to search.
struct Scratch {
  std::uint32_t epoch = 0;
  std::vector<std::uint32_t> stamp_a, stamp_b;
  std::vector<std::uint32_t> val_a, val_b;  // parents, label heads, ...
  std::vector<int> depth_a, depth_b;
  std::vector<std::uint8_t> hops;
  std::vector<StreamLabel> labels;
  explicit Scratch(std::size_t n)
      : stamp_a(n, 0), stamp_b(n, 0), val_a(n), val_b(n), depth_a(n), depth_b(n) {}
  void next() {
    if (++epoch == 0) {  // wrapped: clear once every 4 billion searches
      std::fill(stamp_a.begin(), stamp_a.end(), 0);
      std::fill(stamp_b.begin(), stamp_b.end(), 0);
      epoch = 1;
    }
  }
};

// A hop in the time-ordered streams of the one-pass temporal searches (temporal_stream.cpp).
struct StreamEdge {
  std::int32_t day;
  Vertex u, v;
};
// An affiliation seen from one end: the other end and the term (clamped to the window).
struct AffHop {
  Vertex to_vertex;
  std::int32_t from, to;
};

struct Projection::Impl {
  ProjectionOptions options;
  std::vector<ActorId> ids;         // vertex -> actor id, sorted
  std::vector<std::uint8_t> kinds;  // vertex -> ActorKind
  Csr csr;                          // both directions of every undirected edge
  // Edge index e (CSR order): its distinct event days days[day_begin[e] .. day_begin[e+1]),
  // ascending; its event count; its affiliation terms (clamped to the window).
  std::vector<std::uint32_t> day_begin;
  std::vector<std::int32_t> days;
  std::vector<std::uint32_t> weight;
  std::vector<std::uint32_t> aff_begin;
  std::vector<std::pair<std::int32_t, std::int32_t>> affs;
  // The same hops in time order: each (pair, event day) once as (u, v), u < v, in CSR order
  // within a day; stream_days holds the distinct days, ascending, and the hops of stream_days[k]
  // are stream[stream_begin[k] .. stream_begin[k+1]). Each affiliation once, u < v, by the first
  // and by the last day of its term; and per vertex its affiliations,
  // vaff[vaff_begin[v] .. vaff_begin[v+1]).
  std::vector<std::pair<Vertex, Vertex>> stream;
  std::vector<std::int32_t> stream_days;
  std::vector<std::uint32_t> stream_begin;
  std::vector<StreamEdge> aff_opens, aff_closes;
  std::vector<std::uint32_t> vaff_begin;
  std::vector<AffHop> vaff;

  mutable std::mutex pool_mutex;
  mutable std::vector<std::unique_ptr<Scratch>> pool;

  std::size_t n() const { return ids.size(); }
  std::uint32_t row_begin(Vertex v) const { return csr.m_forward.m_rowstart[v]; }
  std::uint32_t row_end(Vertex v) const { return csr.m_forward.m_rowstart[v + 1]; }
  Vertex target(std::uint32_t e) const { return csr.m_forward.m_column[e]; }

  std::optional<Vertex> index_of(ActorId id) const {
    auto it = std::lower_bound(ids.begin(), ids.end(), id);
    if (it == ids.end() || *it != id) return std::nullopt;
    return static_cast<Vertex>(it - ids.begin());
  }
  // The edge u -> v, or kNone.
  std::uint32_t edge(Vertex u, Vertex v) const {
    const auto& col = csr.m_forward.m_column;
    auto b = col.begin() + row_begin(u), e = col.begin() + row_end(u);
    auto it = std::lower_bound(b, e, v);
    return it != e && *it == v ? static_cast<std::uint32_t>(it - col.begin()) : kNone;
  }
  bool admits_kind(Vertex v, std::uint32_t mask) const {
    return mask == 0 || (mask >> kinds[v]) & 1u;
  }

  std::unique_ptr<Scratch> take() const {
    {
      std::lock_guard<std::mutex> lock(pool_mutex);
      if (!pool.empty()) {
        auto s = std::move(pool.back());
        pool.pop_back();
        s->next();
        return s;
      }
    }
    auto s = std::make_unique<Scratch>(n());
    s->next();
    return s;
  }
  void give(std::unique_ptr<Scratch> s) const {
    std::lock_guard<std::mutex> lock(pool_mutex);
    pool.push_back(std::move(s));
  }
};

// Blocked vertices and edges of a search, as vertex indexes (unknown ids dropped).
struct Blocked {
  std::vector<Vertex> vertices;                     // sorted
  std::vector<std::pair<Vertex, Vertex>> edges;     // sorted, both directions
  bool vertex(Vertex v) const { return std::binary_search(vertices.begin(), vertices.end(), v); }
  bool edge(Vertex u, Vertex v) const {
    return !edges.empty() && std::binary_search(edges.begin(), edges.end(), std::make_pair(u, v));
  }
};
Blocked blocked_of(const Projection::Impl& g, const SearchLimits& limits);

namespace detail {
// Earliest arrival at t from s without a waiting bound, by one pass over the time-ordered hops
// (temporal_stream.cpp); `reverse` walks back in time (latest departure from the other end).
// `start` and `give_up` bound the hop days in search time (negated days when reversed). Hops in
// search order with search-time days, as the label search gives them.
std::optional<std::vector<TemporalHop>> stream_earliest(const Projection::Impl& g, Vertex s,
                                                        Vertex t, const SearchLimits& limits,
                                                        bool reverse, std::int64_t start,
                                                        std::int64_t give_up);
}  // namespace detail

}  // namespace diplograph::graph
