// Size limits for drawings: keep the actors with the most events, drop rare pairs, and the guard
// that chooses how many actors a drawing keeps when nobody said.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "diplograph/export.hpp"

namespace diplograph {
namespace {

using Pair = std::pair<ActorId, ActorId>;

Pair pair_of(ActorId a, ActorId b) { return a < b ? Pair{a, b} : Pair{b, a}; }

// The edges write_dot draws among `kept` (all when null): one per event, per pair and type
// (collapsed), or per pair (collapsed_pairs); plus the affiliations.
std::size_t drawn_edges(const GraphSelection& g, const std::unordered_set<ActorId>* kept,
                        const SizeLimits& limits) {
  auto in = [&](ActorId id) { return !kept || kept->count(id) > 0; };
  std::size_t n = 0;
  std::set<std::tuple<ActorId, ActorId, int>> bundles;
  for (const auto& e : g.events) {
    if (!in(e.source.id) || !in(e.target->id)) continue;
    ActorId s = e.source.id, t = e.target->id;
    if (limits.collapsed_pairs) {
      bundles.emplace(std::min(s, t), std::max(s, t), -1);
    } else if (limits.collapsed) {
      if (is_undirected(e.type) && t < s) std::swap(s, t);
      bundles.emplace(s, t, static_cast<int>(e.type));
    } else {
      ++n;
    }
  }
  n += bundles.size();
  for (const auto& af : g.affiliations)
    if (in(af.from) && in(af.to)) ++n;
  return n;
}

// Keeps the actors in `kept` and the edges among them; then, when `drop_isolated`, the actors
// left without an edge go too.
void keep_only(GraphSelection& g, const std::unordered_set<ActorId>& kept, bool drop_isolated) {
  auto in = [&](ActorId id) { return kept.count(id) > 0; };
  std::erase_if(g.events, [&](const Event& e) { return !in(e.source.id) || !in(e.target->id); });
  std::erase_if(g.affiliations, [&](const auto& af) { return !in(af.from) || !in(af.to); });
  std::unordered_set<ActorId> linked;
  for (const auto& e : g.events) linked.insert({e.source.id, e.target->id});
  for (const auto& af : g.affiliations) linked.insert({af.from, af.to});
  std::erase_if(g.actors, [&](const Actor& a) {
    return !in(a.id) || (drop_isolated && linked.count(a.id) == 0);
  });
}

}  // namespace

std::string SizeReport::summary() const {
  if (!trimmed()) return "";
  std::string s;
  if (top > 0 && actors_after < actors_before)
    s = "the " + std::to_string(actors_after) + " of " + std::to_string(actors_before) +
        " actors with the most events";
  else
    s = std::to_string(actors_after) + " of " + std::to_string(actors_before) + " actors";
  s += ", " + std::to_string(edges_after) + " of " + std::to_string(edges_before) +
       " events and affiliations";
  return s;
}

SizeReport limit_size(GraphSelection& g, const SizeLimits& limits) {
  SizeReport r;
  r.actors_before = g.actors.size();
  r.edges_before = g.events.size() + g.affiliations.size();
  bool changed = false;

  if (limits.min_events > 1) {
    std::map<Pair, std::size_t> count;
    for (const auto& e : g.events) ++count[pair_of(e.source.id, e.target->id)];
    std::size_t before = g.events.size();
    std::erase_if(g.events, [&](const Event& e) {
      return count[pair_of(e.source.id, e.target->id)] < limits.min_events;
    });
    changed = g.events.size() < before;
  }

  // Actors by weighted degree (events and affiliations), ties by the selection's order (name, id).
  std::unordered_map<ActorId, std::size_t> weight;
  for (const auto& e : g.events) {
    ++weight[e.source.id];
    ++weight[e.target->id];
  }
  for (const auto& af : g.affiliations) {
    ++weight[af.from];
    ++weight[af.to];
  }
  std::vector<std::size_t> order(g.actors.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return weight[g.actors[a].id] > weight[g.actors[b].id];
  });
  auto first = [&](std::size_t n) {
    std::unordered_set<ActorId> kept;
    for (std::size_t i = 0; i < n && i < order.size(); ++i) kept.insert(g.actors[order[i]].id);
    return kept;
  };

  std::size_t top = limits.top;
  if (top == 0 && (limits.max_nodes > 0 || limits.max_edges > 0)) {
    std::size_t max_nodes = limits.max_nodes ? limits.max_nodes : g.actors.size();
    std::size_t max_edges = limits.max_edges ? limits.max_edges : SIZE_MAX;
    if (g.actors.size() > max_nodes || drawn_edges(g, nullptr, limits) > max_edges) {
      // The drawn edges grow with the number of actors kept: the largest n that fits.
      std::size_t lo = 1, hi = std::min(max_nodes, g.actors.size());
      while (lo < hi) {
        std::size_t mid = lo + (hi - lo + 1) / 2;
        auto kept = first(mid);
        if (drawn_edges(g, &kept, limits) <= max_edges)
          lo = mid;
        else
          hi = mid - 1;
      }
      top = lo;
      r.guarded = true;
    }
  }
  if (top > 0 && top < g.actors.size()) {
    keep_only(g, first(top), true);
    changed = true;
  } else if (changed) {
    std::unordered_set<ActorId> all;
    for (const auto& a : g.actors) all.insert(a.id);
    keep_only(g, all, true);
  }
  if (top > 0 && top < r.actors_before)
    r.top = top;
  else
    r.guarded = false;
  r.actors_after = g.actors.size();
  r.edges_after = g.events.size() + g.affiliations.size();
  return r;
}

}  // namespace diplograph
