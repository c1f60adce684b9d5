// Actor resolution, EventFilter and timelines (query.hpp). Paths live in path.cpp.
#include "diplograph/query.hpp"

#include <algorithm>
#include <set>

namespace diplograph {

bool EventFilter::admits(const AdjEntry& e) const {
  if (!window.contains(e.day)) return false;
  if (!types.empty() && std::find(types.begin(), types.end(), e.type) == types.end()) return false;
  // An empty status list means the default (occurred, planned): denied events must be asked for
  // explicitly, never let in by an unset field.
  if (statuses.empty()) return e.status != EventStatus::kDenied;
  return std::find(statuses.begin(), statuses.end(), e.status) != statuses.end();
}

Result<Actor> resolve_actor(const GraphStore& store, std::string_view name) {
  auto found = store.find_actors(name);
  if (!found) return found.error();
  std::vector<Actor>& actors = *found;
  if (actors.empty()) return Status::not_found("unknown actor '" + std::string(name) + "'");
  if (actors.size() == 1) return std::move(actors[0]);
  // find_actors returns exact matches when there are any, else word matches: either way several
  // candidates of one rank are ambiguous.
  std::sort(actors.begin(), actors.end(), [](const Actor& a, const Actor& b) {
    return a.name != b.name ? a.name < b.name : a.id < b.id;
  });
  std::string msg = "ambiguous actor '" + std::string(name) + "': ";
  for (std::size_t i = 0; i < actors.size(); ++i) {
    const Actor& a = actors[i];
    if (i) msg += ", ";
    msg += a.name + " (" + std::string(to_string(a.kind));
    if (!a.country.empty()) msg += ", " + a.country;
    msg += ")";
  }
  return Status::ambiguous(std::move(msg));
}

Result<TimelineResult> timeline(const GraphStore& store, const TimelineQuery& query) {
  auto actor = resolve_actor(store, query.actor);
  if (!actor) return actor.error();
  TimelineResult result;
  result.actor = std::move(*actor);
  if (query.with) {
    auto with = resolve_actor(store, *query.with);
    if (!with) return with.error();
    result.with = std::move(*with);
  }

  // Rows come off one bounded scan, filtered as they pass; full events are loaded afterwards,
  // only for the rows kept.
  std::vector<EventId> rows;
  std::set<EventId> seen;  // a self-directed event has two entries for one actor
  auto collect = [&](const AdjEntry& e) {
    if (!query.filter.admits(e)) return true;
    if (!seen.insert(e.event).second) return true;
    rows.push_back(e.event);
    return query.limit == 0 || rows.size() < query.limit;
  };
  const Window& w = query.filter.window;
  Status s = result.with ? store.scan_pair(result.actor.id, result.with->id, w.from, w.to, collect)
                         : store.scan_adjacency(result.actor.id, w.from, w.to, collect);
  if (!s) return s;

  if (rows.empty()) {
    std::string msg = "no events for " + result.actor.name;
    if (result.with) msg += " with " + result.with->name;
    return Status::not_found(msg + " in that window");
  }
  result.events.reserve(rows.size());
  for (const EventId& id : rows) {
    auto e = store.get_event(id);
    if (!e) {
      // An adj entry without its event breaks the store's one-batch invariant.
      if (e.error().code() == StatusCode::kNotFound)
        return Status::corruption("adjacency names a missing event " + id.hex());
      return e.error();
    }
    result.events.push_back(std::move(*e));
  }
  return result;
}

}  // namespace diplograph
