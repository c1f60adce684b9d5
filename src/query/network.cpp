// Ego networks and rankings (query.hpp): both read the window's cached projection; neighbors then
// loads the actors, the events among them and their affiliations from the store.
#include <algorithm>
#include <set>

#include "query/engine_impl.hpp"

namespace diplograph {

Result<NeighborsResult> QueryEngine::neighbors(const NeighborsQuery& q) const {
  const GraphStore& store = impl_->store;
  auto center = resolve_actor(store, q.actor);
  if (!center) return center.error();
  if (q.depth < 0) return Status::invalid_input("depth must not be negative");
  auto projection = impl_->projection(q.filter, q.affiliations);
  if (!projection) return projection.error();

  NeighborsResult result;
  result.center = *center;
  auto ego = (*projection)->ego(center->id, q.depth, graph::kind_mask(q.kinds));
  if (ego.empty()) ego.emplace_back(center->id, 0);  // no admitted events: a network of one
  std::vector<ActorId> members;
  for (const auto& [id, depth] : ego) {
    auto a = actor_or_placeholder(store, id);
    if (!a) return a.error();
    result.actors.push_back({std::move(*a), depth});
    members.push_back(id);
  }
  std::sort(result.actors.begin() + 1, result.actors.end(),
            [](const NeighborActor& a, const NeighborActor& b) {
              return std::tie(a.depth, a.actor.name, a.actor.id) <
                     std::tie(b.depth, b.actor.name, b.actor.id);
            });
  std::sort(members.begin(), members.end());
  auto member = [&](ActorId id) { return std::binary_search(members.begin(), members.end(), id); };

  const Window& w = q.filter.window;
  if (q.load_events) {
    std::set<EventId> seen;
    std::vector<std::pair<std::int32_t, EventId>> rows;
    for (ActorId id : members) {
      Status s = store.scan_adjacency(id, w.from, w.to, [&](const AdjEntry& e) {
        if (e.other == 0 || !member(e.other) || !q.filter.admits(e)) return true;
        if (seen.insert(e.event).second) rows.emplace_back(e.day, e.event);
        return true;
      });
      if (!s) return s;
    }
    std::sort(rows.begin(), rows.end());
    for (const auto& [day, id] : rows) {
      auto e = store.get_event(id);
      if (!e) return e.error();
      result.events.push_back(std::move(*e));
    }
  }
  if (q.affiliations) {
    for (const NeighborActor& n : result.actors)
      for (const Affiliation& f : n.actor.affiliations)
        if (f.target != n.actor.id && member(f.target) && f.overlaps(w.from, w.to))
          result.affiliations.push_back({n.actor.id, f.target, f});
  }
  return result;
}

Result<RankResult> QueryEngine::rank(const RankQuery& q) const {
  const GraphStore& store = impl_->store;
  auto projection = impl_->projection(q.filter, q.affiliations);
  if (!projection) return projection.error();
  const graph::Projection& g = **projection;
  if (g.edge_count() == 0) return Status::not_found("no events connect two actors in that window");

  RankResult result;
  result.by = q.by;
  std::vector<double> scores;
  if (q.by == RankBy::kDegree) scores = g.degree();
  if (q.by == RankBy::kWeightedDegree) scores = g.weighted_degree();
  if (q.by == RankBy::kBetweenness) {
    // Only actors with an edge count; isolated vertices neither lie on paths nor sample well.
    std::size_t active = 0;
    for (double d : g.degree()) active += d > 0;
    result.pivots = active <= q.exact_limit ? 0 : std::min(q.pivots, g.vertex_count());
    scores = g.betweenness(result.pivots);
  }
  std::vector<ActorId> ids = g.vertex_ids();
  std::vector<double> degree = g.degree();
  std::vector<std::size_t> order;
  for (std::size_t v = 0; v < ids.size(); ++v)
    if (degree[v] > 0) order.push_back(v);
  result.vertices = order.size();
  const std::uint32_t mask = graph::kind_mask(q.kinds);
  // Kinds and names need the records; read them for the candidates in score order only.
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  std::vector<RankedActor> picked;
  for (std::size_t i = 0; i < order.size(); ++i) {
    // Past the limit, only ties with the last kept score can still change the order by name.
    if (q.limit && picked.size() >= q.limit && scores[order[i]] < picked.back().score) break;
    auto a = actor_or_placeholder(store, ids[order[i]]);
    if (!a) return a.error();
    if (mask && !((mask >> static_cast<unsigned>(a->kind)) & 1u)) continue;
    picked.push_back({ActorRef::of(*a), scores[order[i]]});
  }
  std::stable_sort(picked.begin(), picked.end(), [](const RankedActor& a, const RankedActor& b) {
    return a.score != b.score ? a.score > b.score : a.actor.name < b.actor.name;
  });
  if (q.limit && picked.size() > q.limit) picked.resize(q.limit);
  result.actors = std::move(picked);
  return result;
}

}  // namespace diplograph
