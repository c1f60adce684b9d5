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

// Per-search working arrays, sized to the vertex count; `stamp` marks which entries belong to the
// current search, so nothing is cleared between searches.
struct Scratch {
  std::uint32_t epoch = 0;
  std::vector<std::uint32_t> stamp_a, stamp_b;
  std::vector<std::uint32_t> val_a, val_b;  // parents, label heads, ...
  std::vector<int> depth_a, depth_b;
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

}  // namespace diplograph::graph
