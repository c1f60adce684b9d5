// Projection: builds a Boost.Graph CSR from adj scans and searches it breadth-first.
#include "graph/projection.hpp"

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <utility>

namespace diplograph::graph {
namespace {

using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                               boost::no_property, boost::no_property,
                                               std::uint32_t, std::uint32_t>;

}  // namespace

struct Projection::Impl {
  std::vector<ActorId> ids;  // vertex index -> actor id, sorted
  Csr csr;

  std::optional<std::uint32_t> index_of(ActorId id) const {
    auto it = std::lower_bound(ids.begin(), ids.end(), id);
    if (it == ids.end() || *it != id) return std::nullopt;
    return static_cast<std::uint32_t>(it - ids.begin());
  }
};

Projection::Projection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Projection::~Projection() = default;

Result<std::unique_ptr<Projection>> Projection::build(const GraphStore& store,
                                                      const ProjectionOptions& options) {
  const Window& w = options.filter.window;
  std::vector<std::pair<ActorId, ActorId>> links;
  std::vector<ActorId> ids;
  std::vector<ActorId> actors;
  Status s = store.for_each_actor([&](const Actor& a) {
    actors.push_back(a.id);
    ids.push_back(a.id);
    if (!options.affiliations) return true;
    for (const Affiliation& f : a.affiliations) {
      if (f.target == 0 || f.target == a.id || !f.overlaps(w.from, w.to)) continue;
      links.emplace_back(a.id, f.target);
      links.emplace_back(f.target, a.id);
      ids.push_back(f.target);
    }
    return true;
  });
  if (!s) return s;
  // One seek per actor; the filter runs during the scan, so excluded events never become edges.
  for (ActorId a : actors) {
    s = store.scan_adjacency(a, w.from, w.to, [&](const AdjEntry& e) {
      if (e.other == 0 || e.other == a || !options.filter.admits(e)) return true;
      links.emplace_back(a, e.other);
      links.emplace_back(e.other, a);
      ids.push_back(e.other);
      return true;
    });
    if (!s) return s;
  }

  auto impl = std::make_unique<Impl>();
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  impl->ids = std::move(ids);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  edges.reserve(links.size());
  for (const auto& [a, b] : links) edges.emplace_back(*impl->index_of(a), *impl->index_of(b));
  // Sorted by (source, target): CSR wants sources sorted, and sorted targets make BFS visit
  // neighbours in id order, so answers are deterministic.
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  impl->csr = Csr(boost::edges_are_sorted, edges.begin(), edges.end(), impl->ids.size());
  return std::unique_ptr<Projection>(new Projection(std::move(impl)));
}

std::size_t Projection::vertex_count() const { return boost::num_vertices(impl_->csr); }

std::size_t Projection::edge_count() const { return boost::num_edges(impl_->csr) / 2; }

bool Projection::has_edge(ActorId a, ActorId b) const {
  auto ia = impl_->index_of(a), ib = impl_->index_of(b);
  if (!ia || !ib) return false;
  for (auto v : boost::make_iterator_range(boost::adjacent_vertices(*ia, impl_->csr)))
    if (v == *ib) return true;
  return false;
}

std::optional<std::vector<ActorId>> Projection::fewest_hops(ActorId from, ActorId to,
                                                             int max_hops) const {
  if (from == to) return std::vector<ActorId>{from};
  if (max_hops <= 0) return std::nullopt;
  auto s = impl_->index_of(from), t = impl_->index_of(to);
  if (!s || !t) return std::nullopt;

  // Plain BFS over the CSR, bounded by depth: boost::breadth_first_search cannot stop early or
  // at a depth without throwing from a visitor.
  const std::uint32_t none = UINT32_MAX;
  std::vector<std::uint32_t> parent(impl_->ids.size(), none);
  std::vector<int> depth(impl_->ids.size(), -1);
  std::deque<std::uint32_t> queue{*s};
  depth[*s] = 0;
  while (!queue.empty() && depth[*t] < 0) {
    std::uint32_t u = queue.front();
    queue.pop_front();
    if (depth[u] >= max_hops) continue;
    for (auto v : boost::make_iterator_range(boost::adjacent_vertices(u, impl_->csr))) {
      if (depth[v] >= 0) continue;
      depth[v] = depth[u] + 1;
      parent[v] = u;
      if (v == *t) break;
      queue.push_back(v);
    }
  }
  if (depth[*t] < 0) return std::nullopt;
  std::vector<ActorId> path;
  for (std::uint32_t v = *t; v != none; v = parent[v]) path.push_back(impl_->ids[v]);
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace diplograph::graph
