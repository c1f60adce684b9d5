// find_path (query.hpp): fewest hops over the window's projection, then each hop's evidence.
#include <algorithm>

#include "diplograph/query.hpp"
#include "graph/projection.hpp"

namespace diplograph {
namespace {

// The affiliation linking a and b (either way) whose term overlaps the window.
std::optional<Affiliation> affiliation_between(const Actor& a, const Actor& b, const Window& w) {
  for (const Actor* p : {&a, &b}) {
    const Actor& other = p == &a ? b : a;
    for (const Affiliation& f : p->affiliations)
      if (f.target == other.id && f.overlaps(w.from, w.to)) return f;
  }
  return std::nullopt;
}

// An actor on the path; a vertex without a record (should not happen: ingest writes one for every
// endpoint) is named by its id rather than failing the whole answer.
Result<Actor> actor_on_path(const GraphStore& store, ActorId id) {
  auto a = store.get_actor(id);
  if (a || a.error().code() != StatusCode::kNotFound) return a;
  Actor fallback;
  fallback.id = id;
  fallback.name = "actor " + std::to_string(id);
  return fallback;
}

}  // namespace

Result<PathResult> find_path(const GraphStore& store, const PathQuery& query) {
  auto from = resolve_actor(store, query.from);
  if (!from) return from.error();
  auto to = resolve_actor(store, query.to);
  if (!to) return to.error();

  PathResult result;
  if (from->id == to->id) {  // zero hops: an actor reaches itself
    result.actors.push_back(ActorRef::of(*from));
    return result;
  }
  auto no_path = [&] {
    return Status::not_found("no path from " + from->name + " to " + to->name);
  };
  if (query.max_hops <= 0) return no_path();

  graph::ProjectionOptions options;
  options.filter = query.filter;
  options.affiliations = query.affiliations;
  auto projection = graph::Projection::build(store, options);
  if (!projection) return projection.error();
  auto ids = (*projection)->fewest_hops(from->id, to->id, query.max_hops);
  if (!ids) return no_path();

  std::vector<Actor> actors;
  for (ActorId id : *ids) {
    auto a = actor_on_path(store, id);
    if (!a) return a.error();
    actors.push_back(std::move(*a));
    result.actors.push_back(ActorRef::of(actors.back()));
  }
  const Window& w = query.filter.window;
  for (std::size_t i = 0; i + 1 < actors.size(); ++i) {
    PathHop hop;
    hop.a = result.actors[i];
    hop.b = result.actors[i + 1];
    std::vector<EventId> support;
    Status s = store.scan_pair(hop.a.id, hop.b.id, w.from, w.to, [&](const AdjEntry& e) {
      if (query.filter.admits(e)) support.push_back(e.event);
      return true;
    });
    if (!s) return s;
    for (const EventId& id : support) {
      auto e = store.get_event(id);
      if (!e) return e.error();
      hop.events.push_back(std::move(*e));
    }
    if (hop.events.empty()) {
      if (query.affiliations) hop.affiliation = affiliation_between(actors[i], actors[i + 1], w);
      if (!hop.affiliation)
        return Status::internal("path hop " + hop.a.name + " - " + hop.b.name +
                                " has neither events nor an affiliation");
    }
    result.hops.push_back(std::move(hop));
  }
  return result;
}

}  // namespace diplograph
