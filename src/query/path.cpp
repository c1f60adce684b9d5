// Paths (query.hpp): the search runs on the window's cached projection; each hop's evidence is
// then read from the store (the pair's events in the window, or on the day the hop is crossed).
#include <algorithm>

#include "query/engine_impl.hpp"

namespace diplograph {
namespace {

// The affiliation linking a and b (either way) whose term overlaps [from, to].
std::optional<Affiliation> affiliation_between(const Actor& a, const Actor& b, std::int32_t from,
                                               std::int32_t to) {
  for (const Actor* p : {&a, &b}) {
    const Actor& other = p == &a ? b : a;
    for (const Affiliation& f : p->affiliations)
      if (f.target == other.id && f.overlaps(from, to)) return f;
  }
  return std::nullopt;
}

// Fills actors and hops of a path given as actor ids (and, in temporal modes, hop days).
Result<PathResult> describe(const GraphStore& store, const PathQuery& q,
                            const std::vector<ActorId>& ids,
                            const std::vector<std::optional<std::int32_t>>& days,
                            const std::vector<bool>& affiliation_hops) {
  PathResult result;
  result.mode = q.mode;
  std::vector<Actor> actors;
  for (ActorId id : ids) {
    auto a = actor_or_placeholder(store, id);
    if (!a) return a.error();
    actors.push_back(std::move(*a));
    result.actors.push_back(ActorRef::of(actors.back()));
  }
  const Window& w = q.filter.window;
  for (std::size_t i = 0; i + 1 < actors.size(); ++i) {
    PathHop hop;
    hop.a = result.actors[i];
    hop.b = result.actors[i + 1];
    if (!days.empty()) hop.day = days[i];
    const std::int32_t from = hop.day ? *hop.day : w.from, to = hop.day ? *hop.day : w.to;
    if (!hop.day || !affiliation_hops[i]) {
      std::vector<EventId> support;
      Status s = store.scan_pair(hop.a.id, hop.b.id, from, to, [&](const AdjEntry& e) {
        if (q.filter.admits(e)) support.push_back(e.event);
        return true;
      });
      if (!s) return s;
      for (const EventId& id : support) {
        auto e = store.get_event(id);
        if (!e) return e.error();
        hop.events.push_back(std::move(*e));
      }
    }
    if (hop.events.empty()) {
      if (q.affiliations) hop.affiliation = affiliation_between(actors[i], actors[i + 1], from, to);
      if (!hop.affiliation)
        return Status::internal("path hop " + hop.a.name + " - " + hop.b.name +
                                " has neither events nor an affiliation");
    }
    result.hops.push_back(std::move(hop));
  }
  if (!days.empty()) {
    result.departure = days.front();
    result.arrival = days.back();
  }
  return result;
}

}  // namespace

Result<std::vector<PathResult>> QueryEngine::find_paths(const PathQuery& q) const {
  const GraphStore& store = impl_->store;
  auto from = resolve_actor(store, q.from);
  if (!from) return from.error();
  auto to = resolve_actor(store, q.to);
  if (!to) return to.error();
  if (q.k == 0) return Status::invalid_input("k must be at least 1");
  if (q.k > 1 && q.mode != PathMode::kFewestHops)
    return Status::invalid_input("k " + std::to_string(q.k) + " needs mode fewest-hops (" +
                                 std::string(to_string(q.mode)) + " gives one path)");
  if (q.max_wait && *q.max_wait < 0) return Status::invalid_input("max-wait must not be negative");

  std::vector<PathResult> out;
  if (from->id == to->id) {  // zero hops: an actor reaches itself
    PathResult r;
    r.mode = q.mode;
    r.actors.push_back(ActorRef::of(*from));
    out.push_back(std::move(r));
    return out;
  }
  auto no_path = [&](std::string why) {
    std::string msg = "no path from " + from->name + " to " + to->name;
    if (!why.empty()) msg += " " + why;
    return Status::not_found(msg);
  };
  if (q.max_hops <= 0) return no_path("");

  auto projection = impl_->projection(q.filter, q.affiliations);
  if (!projection) return projection.error();
  const graph::Projection& g = **projection;
  graph::SearchLimits limits;
  limits.max_hops = q.max_hops;
  limits.kind_mask = graph::kind_mask(q.kinds);

  if (q.mode == PathMode::kFewestHops) {
    auto paths = g.k_fewest_hops(from->id, to->id, q.k, limits);
    if (paths.empty()) return no_path("");
    for (const auto& ids : paths) {
      auto r = describe(store, q, ids, {}, {});
      if (!r) return r.error();
      out.push_back(std::move(*r));
    }
    return out;
  }

  std::optional<graph::TemporalPath> tp;
  if (q.mode == PathMode::kEarliestArrival) tp = g.earliest_arrival(from->id, to->id, limits, q.max_wait);
  if (q.mode == PathMode::kLatestDeparture) tp = g.latest_departure(from->id, to->id, limits, q.max_wait);
  if (q.mode == PathMode::kFastest) tp = g.fastest(from->id, to->id, limits, q.max_wait);
  if (!tp) {
    // Say whether time order is what rules the connection out.
    bool untimed = g.fewest_hops(from->id, to->id, limits).has_value();
    std::string why = "that respects time order (" + std::string(to_string(q.mode)) + ")";
    if (q.max_wait) why += " with at most " + std::to_string(*q.max_wait) + " days between hops";
    if (untimed) why += "; they are connected only by hops that go back in time";
    return no_path(why);
  }
  std::vector<ActorId> ids{tp->from};
  std::vector<std::optional<std::int32_t>> days;
  std::vector<bool> aff;
  for (const auto& h : tp->hops) {
    ids.push_back(h.to);
    days.push_back(h.day);
    aff.push_back(h.affiliation);
  }
  auto r = describe(store, q, ids, days, aff);
  if (!r) return r.error();
  out.push_back(std::move(*r));
  return out;
}

}  // namespace diplograph
