// Projection::build: one pass over the actors, one over the window's adj entries (or its events),
// into CSR arrays and time-ordered hop streams. Searches live in hops.cpp, temporal.cpp,
// temporal_stream.cpp and centrality.cpp.
#include <algorithm>
#include <cstring>
#include <cstdint>
#include <limits>
#include <optional>
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

namespace {

// Actor id -> vertex, by open addressing (ids are hashes already): the projection looks one up
// for every adj entry it reads.
class VertexIndex {
 public:
  explicit VertexIndex(const std::vector<ActorId>& ids) {
    std::size_t cap = 16;
    while (cap < ids.size() * 2) cap <<= 1;
    mask_ = cap - 1;
    keys_.assign(cap, 0);
    vertices_.assign(cap, kNone);
    for (Vertex v = 0; v < ids.size(); ++v) {
      if (ids[v] == 0) continue;
      std::size_t i = slot(ids[v]);
      while (keys_[i] != 0) i = (i + 1) & mask_;
      keys_[i] = ids[v];
      vertices_[i] = v;
    }
  }
  // Starts loading the slot of `id`: lookups of a batch, prefetched first, wait for memory once.
  void prefetch(ActorId id) const { __builtin_prefetch(&keys_[slot(id)]); }
  std::optional<Vertex> find(ActorId id) const {
    if (id == 0) return std::nullopt;
    for (std::size_t i = slot(id);; i = (i + 1) & mask_) {
      if (keys_[i] == id) return vertices_[i];
      if (keys_[i] == 0) return std::nullopt;
    }
  }

 private:
  std::size_t slot(ActorId id) const {
    return static_cast<std::size_t>((id * 0x9E3779B97F4A7C15ull) >> 32) & mask_;
  }
  std::size_t mask_ = 0;
  std::vector<ActorId> keys_;
  std::vector<Vertex> vertices_;
};

// The time-ordered hop streams of the one-pass temporal searches, from the merged edges: a
// counting sort by day keeps CSR order within a day.
template <class AffLinks>
void build_streams(ProjectionArrays& g, const std::vector<std::pair<Vertex, Vertex>>& edges,
                   const AffLinks& aff_links) {
  std::int32_t lo = std::numeric_limits<std::int32_t>::max(),
               hi = std::numeric_limits<std::int32_t>::min();
  std::size_t total = 0;
  for (std::size_t e = 0; e < edges.size(); ++e) {
    if (edges[e].first > edges[e].second || g.day_begin[e] == g.day_begin[e + 1]) continue;
    lo = std::min(lo, g.days[g.day_begin[e]]);
    hi = std::max(hi, g.days[g.day_begin[e + 1] - 1]);
    total += g.day_begin[e + 1] - g.day_begin[e];
  }
  if (total > 0) {
    std::vector<std::uint32_t> at(static_cast<std::size_t>(hi - lo) + 2, 0);
    for (std::size_t e = 0; e < edges.size(); ++e) {
      if (edges[e].first > edges[e].second) continue;
      for (std::uint32_t k = g.day_begin[e]; k < g.day_begin[e + 1]; ++k) ++at[g.days[k] - lo + 1];
    }
    for (std::size_t d = 0; d + 1 < at.size(); ++d)
      if (at[d + 1] != 0) g.stream_days.push_back(lo + static_cast<std::int32_t>(d));
    for (std::size_t d = 1; d < at.size(); ++d) at[d] += at[d - 1];
    for (std::int32_t day : g.stream_days) g.stream_begin.push_back(at[day - lo]);
    g.stream_begin.push_back(static_cast<std::uint32_t>(total));
    g.stream.resize(total);
    for (std::size_t e = 0; e < edges.size(); ++e) {
      if (edges[e].first > edges[e].second) continue;
      for (std::uint32_t k = g.day_begin[e]; k < g.day_begin[e + 1]; ++k)
        g.stream[at[g.days[k] - lo]++] = edges[e];
    }
  } else {
    g.stream_begin.push_back(0);
  }
  g.vaff_begin.assign(g.ids.size() + 1, 0);
  for (const auto& a : aff_links) {
    ++g.vaff_begin[a.u + 1];
    if (a.u < a.v) {
      g.aff_opens.push_back({a.from, a.u, a.v});
      g.aff_closes.push_back({a.to, a.u, a.v});
    }
  }
  for (std::size_t v = 1; v < g.vaff_begin.size(); ++v) g.vaff_begin[v] += g.vaff_begin[v - 1];
  g.vaff.resize(aff_links.size());
  std::vector<std::uint32_t> next(g.vaff_begin.begin(), g.vaff_begin.end() - 1);
  for (const auto& a : aff_links) g.vaff[next[a.u]++] = {a.v, a.from, a.to};
  auto by_day = [](const StreamEdge& a, const StreamEdge& b) { return a.day < b.day; };
  std::stable_sort(g.aff_opens.begin(), g.aff_opens.end(), by_day);
  std::stable_sort(g.aff_closes.begin(), g.aff_closes.end(), by_day);
}

// The compressed sparse rows of `edges`, sorted by (source, target).
void set_rows(ProjectionArrays& A, const std::vector<std::pair<Vertex, Vertex>>& edges) {
  A.rowstart.assign(A.ids.size() + 1, 0);
  for (const auto& [u, v] : edges) ++A.rowstart[u + 1];
  for (std::size_t v = 1; v < A.rowstart.size(); ++v) A.rowstart[v] += A.rowstart[v - 1];
  A.column.reserve(edges.size());
  for (const auto& [u, v] : edges) A.column.push_back(v);
}

}  // namespace

Projection::Projection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Projection::~Projection() = default;

Result<std::unique_ptr<Projection>> Projection::build(const GraphStore& store,
                                                      const ProjectionOptions& options) {
  const Window& w = options.filter.window;
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  auto arrays = std::make_shared<ProjectionArrays>();
  ProjectionArrays& A = *arrays;
  struct Aff {
    ActorId a, b;
    std::int32_t from, to;
  };
  std::vector<Aff> affs;
  // for_each_actor runs in id order, so `ids` comes out sorted.
  Status s = store.for_each_actor([&](const Actor& a) {
    A.ids.push_back(a.id);
    A.kinds.push_back(static_cast<std::uint8_t>(a.kind));
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
  if (!std::is_sorted(A.ids.begin(), A.ids.end()))
    return Status::internal("actors not in id order");

  struct AffLink {
    Vertex u, v;
    std::int32_t from, to;
    bool operator<(const AffLink& o) const {
      return std::tie(u, v, from, to) < std::tie(o.u, o.v, o.from, o.to);
    }
  };
  const VertexIndex index(A.ids);
  std::vector<AffLink> aff_links;
  for (const Aff& f : affs) {
    auto u = index.find(f.a), v = index.find(f.b);
    if (!u || !v) continue;
    aff_links.push_back({*u, *v, f.from, f.to});
    aff_links.push_back({*v, *u, f.from, f.to});
  }
  std::sort(aff_links.begin(), aff_links.end());

  // Edges (u, v) with their days and terms, appended in (u, v) order from runs of links sorted
  // by (u, v, day), merged with the affiliation links: `append` takes one run and the
  // affiliation links of vertices up to `through`.
  struct Link {
    Vertex u, v;
    std::int32_t day;
    bool operator<(const Link& o) const { return std::tie(u, v, day) < std::tie(o.u, o.v, o.day); }
  };
  std::vector<std::pair<Vertex, Vertex>> edges;
  std::size_t j = 0;
  A.day_begin.push_back(0);
  A.aff_begin.push_back(0);
  auto append = [&](const Link* i, const Link* end, Vertex through) {
    auto aff_next = [&] { return j < aff_links.size() && aff_links[j].u <= through; };
    while (i != end || aff_next()) {
      std::pair<Vertex, Vertex> key;
      if (!aff_next() ||
          (i != end && std::make_pair(i->u, i->v) < std::make_pair(aff_links[j].u, aff_links[j].v)))
        key = {i->u, i->v};
      else
        key = {aff_links[j].u, aff_links[j].v};
      std::uint32_t count = 0;
      for (; i != end && i->u == key.first && i->v == key.second; ++i) {
        ++count;
        if (A.days.size() == A.day_begin.back() || A.days.back() != i->day) {
          A.days.push_back(i->day);
          A.day_events.push_back(0);
        }
        ++A.day_events.back();
      }
      for (; j < aff_links.size() && aff_links[j].u == key.first && aff_links[j].v == key.second;
           ++j)
        A.affs.emplace_back(aff_links[j].from, aff_links[j].to);
      edges.push_back(key);
      A.weight.push_back(count);
      A.day_begin.push_back(static_cast<std::uint32_t>(A.days.size()));
      A.aff_begin.push_back(static_cast<std::uint32_t>(A.affs.size()));
    }
  };

  // Links (u, v, day) for each admitted event between two vertices, in both directions: from the
  // events themselves in a narrow window, else from one sweep of `adj` (every event has an entry
  // at both ends, so each direction comes from one side's entry; entries come in actor order,
  // which is vertex order, so each actor's run is sorted and appended on its own). The filter
  // runs during the scan.
  std::vector<Link> links;
  const std::size_t few = options.event_read_limit
                              ? options.event_read_limit
                              : std::max<std::size_t>(1024, A.ids.size() / 10);
  std::vector<EventId> window_events;
  s = store.scan_event_days(w.from, w.to, [&](std::int32_t, const EventId& id) {
    window_events.push_back(id);
    return window_events.size() < few;
  });
  if (!s) return s;
  if (window_events.size() < few) {
    for (const EventId& id : window_events) {
      auto e = store.get_event(id);
      if (!e) return e.error();
      if (!e->target || e->target->id == e->source.id || !options.filter.admits(*e)) continue;
      auto u = index.find(e->source.id), v = index.find(e->target->id);
      if (!u || !v) continue;
      links.push_back({*u, *v, e->date.days});
      links.push_back({*v, *u, e->date.days});
    }
    std::sort(links.begin(), links.end());
    append(links.data(), links.data() + links.size(), kNone);
  } else {
    std::vector<EventId>().swap(window_events);
    // Room for every edge the store holds, so the arrays never move while they grow (copies and
    // page faults were a fifth of a whole-graph build); untouched room costs no memory, and what
    // a narrower window leaves unused is given back below.
    auto stats = store.stats();
    if (!stats) return stats.error();
    const std::size_t most = 2 * static_cast<std::size_t>(stats->edges) + aff_links.size();
    edges.reserve(most);
    A.days.reserve(most);
    A.day_events.reserve(most);
    A.weight.reserve(most);
    A.day_begin.reserve(most + 1);
    A.aff_begin.reserve(most + 1);
    Vertex u = kNone;
    ActorId actor = 0;
    std::vector<std::pair<ActorId, std::int32_t>> others;  // the current actor's (other, day)
    auto flush = [&] {
      for (const auto& [other, day] : others) index.prefetch(other);
      for (const auto& [other, day] : others)
        if (auto v = index.find(other)) links.push_back({u, *v, day});
      others.clear();
      std::sort(links.begin(), links.end());
      append(links.data(), links.data() + links.size(), u);
      links.clear();
    };
    s = store.scan_adjacency_window(w.from, w.to, [&](const AdjEntry& e) {
      if (e.actor != actor) {
        if (u != kNone) flush();
        actor = e.actor;
        auto found = index.find(actor);
        u = found ? *found : kNone;
      }
      if (u == kNone || e.other == 0 || e.other == actor || !options.filter.admits(e)) return true;
      others.emplace_back(e.other, e.day);
      return true;
    });
    if (!s) return s;
    if (u != kNone) flush();
    append(nullptr, nullptr, kNone);
  }
  std::vector<Link>().swap(links);
  auto trim = [](auto& v) {
    if (v.capacity() > v.size() + v.size() / 2) v.shrink_to_fit();
  };
  trim(A.days), trim(A.day_events), trim(A.weight), trim(A.day_begin), trim(A.aff_begin);
  build_streams(A, edges, aff_links);
  // Edges come sorted by (source, target): sorted targets make searches visit neighbours in id
  // order, so answers are deterministic.
  set_rows(A, edges);
  impl->adopt(std::move(arrays));
  return std::unique_ptr<Projection>(new Projection(std::move(impl)));
}

namespace {

bool default_statuses(std::vector<EventStatus> s) {
  std::sort(s.begin(), s.end());
  s.erase(std::unique(s.begin(), s.end()), s.end());
  return s.empty() || s == std::vector<EventStatus>{EventStatus::kOccurred, EventStatus::kPlanned};
}

}  // namespace

bool Projection::derivable(const ProjectionOptions& base, const ProjectionOptions& options) {
  return base.filter.window == Window{} && base.filter.types.empty() &&
         default_statuses(base.filter.statuses) && base.affiliations &&
         options.filter.types.empty() && default_statuses(options.filter.statuses);
}

Result<std::unique_ptr<Projection>> Projection::restrict(const ProjectionOptions& options) const {
  if (!derivable(impl_->options, options))
    return Status::invalid_input("this projection cannot be narrowed to those options");
  const Impl& b = *impl_;
  const Window& w = options.filter.window;
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  auto arrays = std::make_shared<ProjectionArrays>();
  ProjectionArrays& A = *arrays;
  A.ids.assign(b.ids.begin(), b.ids.end());
  A.kinds.assign(b.kinds.begin(), b.kinds.end());
  struct AffLink {
    Vertex u, v;
    std::int32_t from, to;
  };
  std::vector<AffLink> aff_links;
  std::vector<std::pair<Vertex, Vertex>> edges;
  std::vector<std::pair<std::int32_t, std::int32_t>> terms;  // of the current edge
  A.day_begin.push_back(0);
  A.aff_begin.push_back(0);
  for (Vertex u = 0; u < b.n(); ++u) {
    for (std::uint32_t e = b.row_begin(u); e < b.row_end(u); ++e) {
      const std::int32_t* first = b.days.begin() + b.day_begin[e];
      const std::int32_t* last = b.days.begin() + b.day_begin[e + 1];
      const std::int32_t* lo = std::lower_bound(first, last, w.from);
      const std::int32_t* hi = std::upper_bound(lo, last, w.to);
      terms.clear();
      if (options.affiliations)
        for (std::uint32_t a = b.aff_begin[e]; a < b.aff_begin[e + 1]; ++a) {
          auto [from, to] = b.affs[a];
          if (from > w.to || to < w.from) continue;
          terms.emplace_back(std::max(from, w.from), std::min(to, w.to));
        }
      if (lo == hi && terms.empty()) continue;
      const Vertex v = b.target(e);
      std::uint32_t count = 0;
      for (const std::int32_t* d = lo; d != hi; ++d) {
        A.days.push_back(*d);
        A.day_events.push_back(b.day_events[static_cast<std::size_t>(d - b.days.begin())]);
        count += A.day_events.back();
      }
      std::sort(terms.begin(), terms.end());
      for (const auto& t : terms) {
        A.affs.push_back(t);
        aff_links.push_back({u, v, t.first, t.second});
      }
      edges.emplace_back(u, v);
      A.weight.push_back(count);
      A.day_begin.push_back(static_cast<std::uint32_t>(A.days.size()));
      A.aff_begin.push_back(static_cast<std::uint32_t>(A.affs.size()));
    }
  }
  build_streams(A, edges, aff_links);
  set_rows(A, edges);
  impl->adopt(std::move(arrays));
  return std::unique_ptr<Projection>(new Projection(std::move(impl)));
}

bool Projection::same_as(const Projection& other) const {
  bool same = true;
  zip_arrays(*impl_, *other.impl_, [&](const auto& a, const auto& b) {
    same = same && a.size() == b.size() &&
           (a.size() == 0 || std::memcmp(a.data(), b.data(), a.size() * sizeof(a[0])) == 0);
  });
  return same;
}

const ProjectionOptions& Projection::options() const { return impl_->options; }
std::size_t Projection::vertex_count() const { return impl_->n(); }
std::size_t Projection::edge_count() const { return impl_->edges() / 2; }

bool Projection::has_edge(ActorId a, ActorId b) const {
  auto ia = impl_->index_of(a), ib = impl_->index_of(b);
  return ia && ib && impl_->edge(*ia, *ib) != kNone;
}

std::size_t Projection::memory_bytes() const {
  const Impl& g = *impl_;
  auto bytes = [](const auto& a) { return a.size() * sizeof(a[0]); };
  return bytes(g.ids) + bytes(g.kinds) + bytes(g.rowstart) + bytes(g.column) + bytes(g.day_begin) +
         bytes(g.days) + bytes(g.day_events) + bytes(g.weight) + bytes(g.aff_begin) +
         bytes(g.affs) + bytes(g.stream) + bytes(g.stream_days) + bytes(g.stream_begin) +
         bytes(g.aff_opens) + bytes(g.aff_closes) + bytes(g.vaff_begin) + bytes(g.vaff);
}

std::vector<ActorId> Projection::vertex_ids() const {
  return std::vector<ActorId>(impl_->ids.begin(), impl_->ids.end());
}
}  // namespace diplograph::graph
