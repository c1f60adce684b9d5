// Projection::build: one pass over the actors and their adj entries in the window, into CSR
// arrays. Searches live in hops.cpp, temporal.cpp and centrality.cpp.
#include <algorithm>
#include <cstdint>
#include <tuple>
#include <utility>

#include "graph/projection_impl.hpp"

namespace diplograph::graph {

std::uint32_t kind_mask(const std::vector<ActorKind>& kinds) {
  std::uint32_t m = 0;
  for (ActorKind k : kinds) m |= 1u << static_cast<unsigned>(k);
  return m;
}

Blocked blocked_of(const Projection::Impl& g, const SearchLimits& limits) {
  Blocked b;
  for (ActorId id : limits.blocked_vertices)
    if (auto v = g.index_of(id)) b.vertices.push_back(*v);
  for (const auto& [x, y] : limits.blocked_edges) {
    auto u = g.index_of(x), v = g.index_of(y);
    if (!u || !v) continue;
    b.edges.emplace_back(*u, *v);
    b.edges.emplace_back(*v, *u);
  }
  std::sort(b.vertices.begin(), b.vertices.end());
  std::sort(b.edges.begin(), b.edges.end());
  return b;
}

Projection::Projection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Projection::~Projection() = default;

Result<std::unique_ptr<Projection>> Projection::build(const GraphStore& store,
                                                      const ProjectionOptions& options) {
  const Window& w = options.filter.window;
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  struct Aff {
    ActorId a, b;
    std::int32_t from, to;
  };
  std::vector<Aff> affs;
  // for_each_actor runs in id order, so `ids` comes out sorted.
  Status s = store.for_each_actor([&](const Actor& a) {
    impl->ids.push_back(a.id);
    impl->kinds.push_back(static_cast<std::uint8_t>(a.kind));
    if (!options.affiliations) return true;
    for (const Affiliation& f : a.affiliations) {
      if (f.target == 0 || f.target == a.id || !f.overlaps(w.from, w.to)) continue;
      std::int32_t from = f.from ? std::max(w.from, f.from->days) : w.from;
      std::int32_t to = f.to ? std::min(w.to, f.to->last_day()) : w.to;
      affs.push_back({a.id, f.target, from, to});
    }
    return true;
  });
  if (!s) return s;
  if (!std::is_sorted(impl->ids.begin(), impl->ids.end()))
    return Status::internal("actors not in id order");

  // (u, v, day) from u's own adj entries: every event has an entry at both ends, so each
  // direction comes from one side's scan. The filter runs during the scan.
  struct Link {
    Vertex u, v;
    std::int32_t day;
    bool operator<(const Link& o) const { return std::tie(u, v, day) < std::tie(o.u, o.v, o.day); }
  };
  std::vector<Link> links;
  for (Vertex u = 0; u < impl->ids.size(); ++u) {
    const ActorId a = impl->ids[u];
    s = store.scan_adjacency(a, w.from, w.to, [&](const AdjEntry& e) {
      if (e.other == 0 || e.other == a || !options.filter.admits(e)) return true;
      auto v = impl->index_of(e.other);
      if (v) links.push_back({u, *v, e.day});
      return true;
    });
    if (!s) return s;
  }
  std::sort(links.begin(), links.end());
  struct AffLink {
    Vertex u, v;
    std::int32_t from, to;
    bool operator<(const AffLink& o) const {
      return std::tie(u, v, from, to) < std::tie(o.u, o.v, o.from, o.to);
    }
  };
  std::vector<AffLink> aff_links;
  for (const Aff& f : affs) {
    auto u = impl->index_of(f.a), v = impl->index_of(f.b);
    if (!u || !v) continue;
    aff_links.push_back({*u, *v, f.from, f.to});
    aff_links.push_back({*v, *u, f.from, f.to});
  }
  std::sort(aff_links.begin(), aff_links.end());

  // Merge the two sorted lists into edges (u, v) with their days and terms.
  std::vector<std::pair<Vertex, Vertex>> edges;
  edges.reserve(links.size() / 2 + aff_links.size());
  std::size_t i = 0, j = 0;
  impl->day_begin.push_back(0);
  impl->aff_begin.push_back(0);
  while (i < links.size() || j < aff_links.size()) {
    std::pair<Vertex, Vertex> key;
    if (j == aff_links.size() ||
        (i < links.size() && std::make_pair(links[i].u, links[i].v) <
                                 std::make_pair(aff_links[j].u, aff_links[j].v)))
      key = {links[i].u, links[i].v};
    else
      key = {aff_links[j].u, aff_links[j].v};
    std::uint32_t count = 0;
    for (; i < links.size() && links[i].u == key.first && links[i].v == key.second; ++i) {
      ++count;
      if (impl->days.size() == impl->day_begin.back() || impl->days.back() != links[i].day)
        impl->days.push_back(links[i].day);
    }
    for (; j < aff_links.size() && aff_links[j].u == key.first && aff_links[j].v == key.second; ++j)
      impl->affs.emplace_back(aff_links[j].from, aff_links[j].to);
    edges.push_back(key);
    impl->weight.push_back(count);
    impl->day_begin.push_back(static_cast<std::uint32_t>(impl->days.size()));
    impl->aff_begin.push_back(static_cast<std::uint32_t>(impl->affs.size()));
  }
  std::vector<Link>().swap(links);
  // Sorted by (source, target): CSR wants sources sorted, and sorted targets make searches visit
  // neighbours in id order, so answers are deterministic.
  impl->csr = Csr(boost::edges_are_sorted, edges.begin(), edges.end(), impl->ids.size());
  return std::unique_ptr<Projection>(new Projection(std::move(impl)));
}

const ProjectionOptions& Projection::options() const { return impl_->options; }
std::size_t Projection::vertex_count() const { return boost::num_vertices(impl_->csr); }
std::size_t Projection::edge_count() const { return boost::num_edges(impl_->csr) / 2; }

bool Projection::has_edge(ActorId a, ActorId b) const {
  auto ia = impl_->index_of(a), ib = impl_->index_of(b);
  return ia && ib && impl_->edge(*ia, *ib) != kNone;
}

std::size_t Projection::memory_bytes() const {
  const Impl& g = *impl_;
  return g.ids.capacity() * 8 + g.kinds.capacity() + g.csr.m_forward.m_rowstart.capacity() * 4 +
         g.csr.m_forward.m_column.capacity() * 4 + g.day_begin.capacity() * 4 +
         g.days.capacity() * 4 + g.weight.capacity() * 4 + g.aff_begin.capacity() * 4 +
         g.affs.capacity() * 8;
}

std::vector<ActorId> Projection::vertex_ids() const { return impl_->ids; }

}  // namespace diplograph::graph
