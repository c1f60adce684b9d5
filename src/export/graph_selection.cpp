// Choosing what a graph export shows: the whole graph, a window, an ego network, or a path answer.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "diplograph/export.hpp"
#include "export/format_util.hpp"

namespace diplograph {
void GraphSelection::normalize() {
  std::sort(actors.begin(), actors.end(), [](const Actor& a, const Actor& b) {
    return std::tie(a.name, a.id) < std::tie(b.name, b.id);
  });
  actors.erase(std::unique(actors.begin(), actors.end(),
                           [](const Actor& a, const Actor& b) { return a.id == b.id; }),
               actors.end());
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return std::make_tuple(a.date.days, a.type, a.id) < std::make_tuple(b.date.days, b.type, b.id);
  });
  events.erase(std::unique(events.begin(), events.end(),
                           [](const Event& a, const Event& b) { return a.id == b.id; }),
               events.end());
  std::stable_sort(affiliations.begin(), affiliations.end(), [](const auto& a, const auto& b) {
    return std::tie(a.from, a.to, a.role) < std::tie(b.from, b.to, b.role);
  });
}

namespace {

// True for the default export filter: every day, every type, every status.
bool admits_everything(const EventFilter& f) {
  auto has = [&](EventStatus s) {
    return std::find(f.statuses.begin(), f.statuses.end(), s) != f.statuses.end();
  };
  return f.window == Window{} && f.types.empty() && has(EventStatus::kOccurred) &&
         has(EventStatus::kPlanned) && has(EventStatus::kDenied);
}

}  // namespace

Result<GraphSelection> select_graph(const GraphStore& store, const ExportOptions& options) {
  std::map<ActorId, Actor> actors;
  Status st = store.for_each_actor([&](const Actor& a) {
    actors.emplace(a.id, a);
    return true;
  });
  if (!st) return st;

  std::vector<Event> events;
  st = store.for_each_event([&](const Event& e) {
    if (e.target && options.filter.admits(e)) events.push_back(e);
    return true;
  });
  if (!st) return st;

  std::vector<AffiliationEdge> affs;
  if (options.affiliations) {
    for (const auto& [id, a] : actors)
      for (const auto& af : a.affiliations)
        if (af.overlaps(options.filter.window.from, options.filter.window.to))
          affs.push_back({id, af.target, af.role, af.from, af.to});
  }
  // An edge end the store has no record for (it always should) still becomes a node, so that no
  // edge dangles; it is named by its id.
  auto ensure = [&](ActorId id, const std::string& name) {
    if (actors.count(id)) return;
    Actor a;
    a.id = id;
    a.name = name;
    actors.emplace(id, std::move(a));
  };
  for (const auto& e : events) {
    ensure(e.source.id, e.source.name);
    ensure(e.target->id, e.target->name);
  }
  for (const auto& af : affs) ensure(af.to, "");

  std::set<ActorId> keep, served;
  if (options.actor) {
    auto centre = resolve_actor(store, *options.actor);
    if (!centre) return centre.error();
    // Breadth-first over event and affiliation edges, both directions, up to the depth.
    std::multimap<ActorId, ActorId> nbr;
    for (const auto& e : events) {
      nbr.emplace(e.source.id, e.target->id);
      nbr.emplace(e.target->id, e.source.id);
    }
    for (const auto& af : affs) {
      nbr.emplace(af.from, af.to);
      nbr.emplace(af.to, af.from);
    }
    std::vector<ActorId> frontier = {centre->id};
    keep.insert(centre->id);
    for (int d = 0; d < options.depth && !frontier.empty(); ++d) {
      std::vector<ActorId> next;
      for (ActorId u : frontier) {
        auto [lo, hi] = nbr.equal_range(u);
        for (auto it = lo; it != hi; ++it)
          if (keep.insert(it->second).second) next.push_back(it->second);
      }
      frontier = std::move(next);
    }
  } else if (admits_everything(options.filter)) {
    // The whole graph: every actor, with or without edges (stats().actors nodes).
    for (const auto& [id, a] : actors) keep.insert(id);
  } else {
    // A window, type or status filter: the actors with an event in it, and the states or bodies
    // they serve; an actor left without an edge would only crowd a drawing.
    for (const auto& e : events) {
      keep.insert(e.source.id);
      keep.insert(e.target->id);
    }
    for (const auto& af : affs)
      if (keep.count(af.from)) served.insert(af.to);
    keep.insert(served.begin(), served.end());
  }

  GraphSelection sel;
  for (ActorId id : keep) {
    Actor a = actors.at(id);
    if (a.name.empty()) a.name = detail::actor_hex(id);
    sel.actors.push_back(std::move(a));
  }
  for (auto& e : events)
    if (keep.count(e.source.id) && keep.count(e.target->id)) sel.events.push_back(std::move(e));
  for (auto& af : affs)
    if (keep.count(af.from) && keep.count(af.to)) sel.affiliations.push_back(std::move(af));
  sel.normalize();
  return sel;
}

GraphSelection selection_of_path(const PathResult& path) {
  GraphSelection sel;
  for (const auto& a : path.actors) sel.actors.push_back(a.to_actor());
  for (const auto& hop : path.hops) {
    sel.actors.push_back(hop.a.to_actor());
    sel.actors.push_back(hop.b.to_actor());
    if (hop.affiliation) {
      // The serving side is the one whose affiliation points at the other.
      bool a_serves = hop.affiliation->target == hop.b.id || hop.affiliation->target == 0;
      ActorId from = a_serves ? hop.a.id : hop.b.id;
      ActorId to = a_serves ? hop.b.id : hop.a.id;
      sel.affiliations.push_back(
          {from, to, hop.affiliation->role, hop.affiliation->from, hop.affiliation->to});
      continue;
    }
    for (const auto& e : hop.events)
      if (e.target) sel.events.push_back(e);
  }
  sel.normalize();
  return sel;
}

GraphSelection selection_of_paths(const std::vector<PathResult>& paths) {
  GraphSelection sel;
  for (const auto& path : paths) {
    GraphSelection one = selection_of_path(path);
    sel.actors.insert(sel.actors.end(), one.actors.begin(), one.actors.end());
    sel.events.insert(sel.events.end(), one.events.begin(), one.events.end());
    sel.affiliations.insert(sel.affiliations.end(), one.affiliations.begin(),
                            one.affiliations.end());
    std::vector<ActorId> ids;
    for (const auto& a : path.actors) ids.push_back(a.id);
    sel.paths.push_back(std::move(ids));
  }
  sel.normalize();
  // Two paths may cross the same affiliation.
  sel.affiliations.erase(
      std::unique(sel.affiliations.begin(), sel.affiliations.end(),
                  [](const auto& a, const auto& b) {
                    return std::tie(a.from, a.to, a.role) == std::tie(b.from, b.to, b.role);
                  }),
      sel.affiliations.end());
  return sel;
}

GraphSelection selection_of_neighbors(const NeighborsResult& result) {
  GraphSelection sel;
  for (const auto& n : result.actors) sel.actors.push_back(n.actor);
  for (const auto& e : result.events)
    if (e.target) sel.events.push_back(e);
  for (const auto& l : result.affiliations)
    sel.affiliations.push_back(
        {l.from, l.to, l.affiliation.role, l.affiliation.from, l.affiliation.to});
  sel.normalize();
  return sel;
}

}  // namespace diplograph
