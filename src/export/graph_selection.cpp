#include "export/graph_selection.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace diplograph::detail {
namespace {

bool admits(const EventFilter& f, const Event& e) {
  AdjEntry a;
  a.day = e.date.days;
  a.type = e.type;
  a.status = e.status;
  return f.admits(a);
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
    if (e.target && admits(options.filter, e)) events.push_back(e);
    return true;
  });
  if (!st) return st;

  std::vector<AffiliationEdge> affs;
  if (options.affiliations) {
    for (const auto& [id, a] : actors)
      for (const auto& af : a.affiliations)
        if (actors.count(af.target) &&
            af.overlaps(options.filter.window.from, options.filter.window.to))
          affs.push_back({id, af.target, af.role});
  }

  std::set<ActorId> keep;
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
  } else {
    // The whole graph: every actor that takes part in a selected edge, or that has events at all.
    for (const auto& e : events) {
      keep.insert(e.source.id);
      keep.insert(e.target->id);
    }
    for (const auto& af : affs) {
      keep.insert(af.from);
      keep.insert(af.to);
    }
    for (const auto& [id, a] : actors) keep.insert(id);
  }

  GraphSelection sel;
  for (ActorId id : keep)
    if (auto it = actors.find(id); it != actors.end()) sel.actors.push_back(it->second);
  std::sort(sel.actors.begin(), sel.actors.end(), [](const Actor& a, const Actor& b) {
    return std::tie(a.name, a.id) < std::tie(b.name, b.id);
  });
  for (auto& e : events)
    if (keep.count(e.source.id) && keep.count(e.target->id)) sel.events.push_back(std::move(e));
  std::sort(sel.events.begin(), sel.events.end(), [](const Event& a, const Event& b) {
    return std::make_tuple(a.date.days, a.type, a.id) < std::make_tuple(b.date.days, b.type, b.id);
  });
  for (auto& af : affs)
    if (keep.count(af.from) && keep.count(af.to)) sel.affiliations.push_back(std::move(af));
  std::sort(sel.affiliations.begin(), sel.affiliations.end(), [](const auto& a, const auto& b) {
    return std::tie(a.from, a.to, a.role) < std::tie(b.from, b.to, b.role);
  });
  return sel;
}

}  // namespace diplograph::detail
