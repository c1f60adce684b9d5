// Hop-count searches on the projection: bidirectional BFS, Yen's k shortest loopless paths, and
// ego networks.
#include <algorithm>
#include <deque>
#include <set>

#include "graph/projection_impl.hpp"

namespace diplograph::graph {
namespace {

// Bidirectional BFS from s and t, expanding the smaller frontier a whole level at a time, so the
// meeting point gives a shortest path. Vertices other than s and t must pass the kind mask and
// not be blocked. Returns vertex indexes s .. t.
std::optional<std::vector<Vertex>> bidirectional(const Projection::Impl& g, Vertex s, Vertex t,
                                                 int max_hops, std::uint32_t mask,
                                                 const Blocked& blocked, Scratch& sc) {
  if (s == t) return std::vector<Vertex>{s};
  if (max_hops <= 0) return std::nullopt;
  const std::uint32_t ep = sc.epoch;
  auto passes = [&](Vertex v) {
    return v == s || v == t || (g.admits_kind(v, mask) && !blocked.vertex(v));
  };
  std::vector<Vertex> fa{s}, fb{t}, next;
  sc.stamp_a[s] = ep, sc.val_a[s] = kNone, sc.depth_a[s] = 0;
  sc.stamp_b[t] = ep, sc.val_b[t] = kNone, sc.depth_b[t] = 0;
  int da = 0, db = 0;
  Vertex meet_u = kNone, meet_v = kNone;  // an edge meet_u (a side) - meet_v (b side)
  int best = max_hops + 1;
  while (!fa.empty() && !fb.empty() && da + db < best - 1 && da + db < max_hops) {
    // Expand the side whose frontier has fewer edges to look at.
    std::size_t wa = 0, wb = 0;
    for (Vertex v : fa) wa += g.row_end(v) - g.row_begin(v);
    for (Vertex v : fb) wb += g.row_end(v) - g.row_begin(v);
    const bool side_a = wa <= wb;
    auto& front = side_a ? fa : fb;
    auto& stamp = side_a ? sc.stamp_a : sc.stamp_b;
    auto& parent = side_a ? sc.val_a : sc.val_b;
    auto& depth = side_a ? sc.depth_a : sc.depth_b;
    const auto& other_stamp = side_a ? sc.stamp_b : sc.stamp_a;
    const auto& other_depth = side_a ? sc.depth_b : sc.depth_a;
    int& d = side_a ? da : db;
    next.clear();
    for (Vertex u : front) {
      if (u != (side_a ? s : t) && !passes(u)) continue;
      for (std::uint32_t e = g.row_begin(u); e < g.row_end(u); ++e) {
        Vertex v = g.target(e);
        if (blocked.edge(u, v) || !passes(v)) continue;
        if (other_stamp[v] == ep) {
          int len = d + 1 + other_depth[v];
          if (len < best) {
            best = len;
            meet_u = side_a ? u : v;
            meet_v = side_a ? v : u;
          }
        }
        if (stamp[v] == ep) continue;
        stamp[v] = ep, parent[v] = u, depth[v] = d + 1;
        next.push_back(v);
      }
    }
    front.swap(next);
    ++d;
    if (best <= max_hops) break;  // a level finished with a meeting: nothing shorter remains
  }
  if (best > max_hops) return std::nullopt;
  std::vector<Vertex> path;
  for (Vertex v = meet_u; v != kNone; v = sc.val_a[v]) path.push_back(v);
  std::reverse(path.begin(), path.end());
  for (Vertex v = meet_v; v != kNone; v = sc.val_b[v]) path.push_back(v);
  return path;
}

std::vector<ActorId> to_ids(const Projection::Impl& g, const std::vector<Vertex>& p) {
  std::vector<ActorId> out;
  out.reserve(p.size());
  for (Vertex v : p) out.push_back(g.ids[v]);
  return out;
}

}  // namespace

std::optional<std::vector<ActorId>> Projection::fewest_hops(ActorId from, ActorId to,
                                                             int max_hops) const {
  SearchLimits limits;
  limits.max_hops = max_hops;
  return fewest_hops(from, to, limits);
}

std::optional<std::vector<ActorId>> Projection::fewest_hops(ActorId from, ActorId to,
                                                             const SearchLimits& limits) const {
  if (from == to) return std::vector<ActorId>{from};
  auto s = impl_->index_of(from), t = impl_->index_of(to);
  if (!s || !t) return std::nullopt;
  Blocked blocked = blocked_of(*impl_, limits);
  auto sc = impl_->take();
  auto p = bidirectional(*impl_, *s, *t, limits.max_hops, limits.kind_mask, blocked, *sc);
  impl_->give(std::move(sc));
  if (!p) return std::nullopt;
  return to_ids(*impl_, *p);
}

std::vector<std::vector<ActorId>> Projection::k_fewest_hops(ActorId from, ActorId to,
                                                            std::size_t k,
                                                            const SearchLimits& limits) const {
  std::vector<std::vector<ActorId>> found;
  auto first = fewest_hops(from, to, limits);
  if (!first || k == 0) return found;
  found.push_back(*first);
  if (from == to) return found;
  // Candidates ordered by length, then by their actor ids: deterministic.
  auto shorter = [](const std::vector<ActorId>& a, const std::vector<ActorId>& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  };
  std::set<std::vector<ActorId>, decltype(shorter)> candidates(shorter);
  while (found.size() < k) {
    const std::vector<ActorId>& last = found.back();
    for (std::size_t i = 0; i + 1 < last.size(); ++i) {
      std::vector<ActorId> root(last.begin(), last.begin() + static_cast<long>(i) + 1);
      SearchLimits spur = limits;
      spur.max_hops = limits.max_hops - static_cast<int>(i);
      for (const auto& p : found)
        if (p.size() > i + 1 && std::equal(root.begin(), root.end(), p.begin()))
          spur.blocked_edges.emplace_back(p[i], p[i + 1]);
      for (std::size_t r = 0; r < i; ++r) spur.blocked_vertices.push_back(root[r]);
      auto tail = fewest_hops(root.back(), to, spur);
      if (!tail) continue;
      std::vector<ActorId> path = root;
      path.insert(path.end(), tail->begin() + 1, tail->end());
      if (std::find(found.begin(), found.end(), path) == found.end()) candidates.insert(path);
    }
    if (candidates.empty()) break;
    found.push_back(*candidates.begin());
    candidates.erase(candidates.begin());
  }
  return found;
}

std::vector<std::pair<ActorId, int>> Projection::ego(ActorId center, int depth,
                                                     std::uint32_t mask) const {
  std::vector<std::pair<ActorId, int>> out;
  auto c = impl_->index_of(center);
  if (!c) return out;
  auto sc = impl_->take();
  const std::uint32_t ep = sc->epoch;
  std::vector<Vertex> level{*c}, next;
  sc->stamp_a[*c] = ep;
  out.emplace_back(center, 0);
  for (int d = 1; d <= depth && !level.empty(); ++d) {
    next.clear();
    for (Vertex u : level)
      for (std::uint32_t e = impl_->row_begin(u); e < impl_->row_end(u); ++e) {
        Vertex v = impl_->target(e);
        if (sc->stamp_a[v] == ep || !impl_->admits_kind(v, mask)) continue;
        sc->stamp_a[v] = ep;
        next.push_back(v);
      }
    std::sort(next.begin(), next.end());
    for (Vertex v : next) out.emplace_back(impl_->ids[v], d);
    level.swap(next);
  }
  impl_->give(std::move(sc));
  return out;
}

}  // namespace diplograph::graph
