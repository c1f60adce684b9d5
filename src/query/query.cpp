// Actor resolution, EventFilter, names of modes, and the QueryEngine with its projection cache.
// Timelines live in timeline.cpp, paths in path.cpp, neighbors and rank in network.cpp.
#include "diplograph/query.hpp"

#include <algorithm>
#include <set>

#include "diplograph/extract.hpp"
#include "query/clauses.hpp"
#include "query/engine_impl.hpp"

namespace diplograph {

Window Window::of(std::optional<Date> from, std::optional<Date> to) {
  Window w;
  if (from) w.from = from->days;
  if (to) w.to = to->last_day();
  return w;
}

bool EventFilter::admits(const AdjEntry& e) const {
  if (!window.contains(e.day)) return false;
  if (!types.empty() && std::find(types.begin(), types.end(), e.type) == types.end()) return false;
  // An empty status list means the default (occurred, planned): denied events must be asked for
  // explicitly, never let in by an unset field.
  if (statuses.empty()) return e.status != EventStatus::kDenied;
  return std::find(statuses.begin(), statuses.end(), e.status) != statuses.end();
}

bool EventFilter::admits(const Event& e) const {
  AdjEntry a;
  a.day = e.date.days;
  a.type = e.type;
  a.status = e.status;
  return admits(a);
}

namespace {

// The built-in knowledge, loaded on the first name no actor of the store has (about 0.1 s).
const Extractor* knowledge() {
  static const std::unique_ptr<Extractor> extractor = [] {
    auto x = Extractor::create();
    return x ? std::move(*x) : nullptr;
  }();
  return extractor.get();
}

// No actor has `name`: the stored actors a place names as extraction reads it ("Moscow" is
// Russia); else kNotFound with the names a few edits away and, for a misspelt clause keyword,
// what it was meant to be.
Result<std::vector<Actor>> unknown_name(const GraphStore& store, std::string_view name) {
  std::vector<Actor> places;
  if (const Extractor* x = knowledge()) {
    for (const Actor& place : x->lookup_place(name)) {
      auto a = store.get_actor(place.id);
      if (a) places.push_back(std::move(*a));
      else if (a.error().code() != StatusCode::kNotFound) return a.error();
    }
  }
  if (!places.empty()) return places;
  std::string msg = "unknown actor '" + std::string(name) + "'";
  auto near = suggest_actors(store, name, 3);
  if (!near) return near.error();
  if (!near->empty()) {
    msg += " (did you mean ";
    for (std::size_t i = 0; i < near->size(); ++i)
      msg += (i == 0 ? "'" : i + 1 == near->size() ? " or '" : ", '") + (*near)[i].actor.name + "'";
    msg += "?)";
  }
  if (auto clause = detail::misspelt_clause(name))
    msg += "; if '" + std::string(name) + "' was meant as the clause '" + *clause +
           "', spell it so (--" + *clause + " on the command line)";
  return Status::not_found(std::move(msg));
}

}  // namespace

Result<Actor> resolve_actor(const GraphStore& store, std::string_view name) {
  auto found = store.find_actors(name);
  if (!found) return found.error();
  if (found->empty()) found = unknown_name(store, name);
  if (!found) return found.error();
  std::vector<Actor>& actors = *found;
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

namespace {

std::vector<EventType> sorted(std::vector<EventType> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}
std::vector<EventStatus> sorted(std::vector<EventStatus> v) {
  if (v.empty()) v = {EventStatus::kOccurred, EventStatus::kPlanned};  // admits()'s default
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace

std::string_view to_string(PathMode mode) {
  switch (mode) {
    case PathMode::kFewestHops: return "fewest-hops";
    case PathMode::kEarliestArrival: return "earliest-arrival";
    case PathMode::kLatestDeparture: return "latest-departure";
    case PathMode::kFastest: return "fastest";
  }
  return "fewest-hops";
}

std::optional<PathMode> path_mode_from_string(std::string_view text) {
  for (PathMode m : {PathMode::kFewestHops, PathMode::kEarliestArrival, PathMode::kLatestDeparture,
                     PathMode::kFastest})
    if (to_string(m) == text) return m;
  return std::nullopt;
}

std::string_view to_string(RankBy by) {
  switch (by) {
    case RankBy::kDegree: return "degree";
    case RankBy::kWeightedDegree: return "weighted-degree";
    case RankBy::kBetweenness: return "betweenness";
  }
  return "degree";
}

std::optional<RankBy> rank_by_from_string(std::string_view text) {
  for (RankBy b : {RankBy::kDegree, RankBy::kWeightedDegree, RankBy::kBetweenness})
    if (to_string(b) == text) return b;
  return std::nullopt;
}

Result<Actor> actor_or_placeholder(const GraphStore& store, ActorId id) {
  auto a = store.get_actor(id);
  if (a || a.error().code() != StatusCode::kNotFound) return a;
  Actor fallback;
  fallback.id = id;
  fallback.name = "actor " + std::to_string(id);
  return fallback;
}

std::string projection_path(const GraphStore& store) {
  return store.directory() + "/" + std::string(kProjectionFile);
}

Result<std::shared_ptr<const graph::Projection>> QueryEngine::Impl::base_projection(
    const std::string& stamp, bool only_if_persisted) const {
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (base && cache_stamp == stamp) return base;
  }
  const graph::ProjectionOptions options;  // all time, every type, default statuses
  const std::string path = projection_path(store);
  std::shared_ptr<const graph::Projection> p;
  auto loaded = graph::Projection::load(path, stamp, options);
  if (loaded) {
    p = std::move(*loaded);
  } else if (only_if_persisted) {
    return std::shared_ptr<const graph::Projection>();
  } else {
    auto built = graph::Projection::build(store, options);
    if (!built) return built.error();
    p = std::move(*built);
    // For the next process; a store in a directory this process may not write to still answers.
    if (persist) (void)p->save(path, stamp);
  }
  std::lock_guard<std::mutex> lock(mutex);
  if (cache_stamp == stamp) base = p;
  return p;
}

Result<std::shared_ptr<const graph::Projection>> QueryEngine::Impl::projection(
    const EventFilter& filter, bool affiliations) const {
  Key key{filter.window, sorted(filter.types), sorted(filter.statuses), affiliations};
  auto stamp = store.state_stamp();
  if (!stamp) return stamp.error();
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (cache_stamp != *stamp) {  // the store changed: nothing cached describes it
      cache.clear();
      base.reset();
      cache_stamp = *stamp;
    }
    for (std::size_t i = 0; i < cache.size(); ++i) {
      if (!(cache[i].first == key)) continue;
      std::rotate(cache.begin(), cache.begin() + static_cast<long>(i),
                  cache.begin() + static_cast<long>(i) + 1);
      return cache.front().second;
    }
  }
  // Built outside the lock: a slow build must not hold up queries on other windows.
  graph::ProjectionOptions options;
  options.filter = filter;
  options.filter.types = key.types;
  options.filter.statuses = key.statuses;
  options.affiliations = affiliations;
  const graph::ProjectionOptions all;
  std::shared_ptr<const graph::Projection> p;
  if (options.filter.window == all.filter.window && graph::Projection::derivable(all, options) &&
      affiliations) {
    auto b = base_projection(*stamp, false);
    if (!b) return b.error();
    p = *b;
  } else if (graph::Projection::derivable(all, options)) {
    // A window of the default types and statuses: narrowed from the base projection when one is
    // at hand (in memory or current on disk), which costs a pass over memory, not over the store.
    auto b = base_projection(*stamp, true);
    if (!b) return b.error();
    if (*b) {
      auto narrowed = (*b)->restrict(options);
      if (!narrowed) return narrowed.error();
      p = std::move(*narrowed);
    }
  }
  if (!p) {
    auto built = graph::Projection::build(store, options);
    if (!built) return built.error();
    p = std::move(*built);
  }
  std::lock_guard<std::mutex> lock(mutex);
  if (cache_stamp != *stamp) return p;  // the store moved on while this was built
  cache.insert(cache.begin(), {key, p});
  if (cache.size() > kCacheSize) cache.pop_back();
  return p;
}

QueryEngine::QueryEngine(const GraphStore& store) : impl_(std::make_unique<Impl>(store)) {}
QueryEngine::~QueryEngine() = default;
const GraphStore& QueryEngine::store() const { return impl_->store; }

Status QueryEngine::prepare(const EventFilter& filter, bool affiliations) const {
  auto p = impl_->projection(filter, affiliations);
  return p ? Status::ok() : p.error();
}

void QueryEngine::set_persist(bool persist) { impl_->persist = persist; }

Status QueryEngine::save_projection() const {
  auto stamp = impl_->store.state_stamp();
  if (!stamp) return stamp.error();
  const std::string path = projection_path(impl_->store);
  if (graph::Projection::load(path, *stamp, graph::ProjectionOptions{})) return Status::ok();
  auto built = graph::Projection::build(impl_->store, graph::ProjectionOptions{});
  if (!built) return built.error();
  return (*built)->save(path, *stamp);
}

Result<std::vector<std::string>> QueryEngine::check_projection() const {
  std::vector<std::string> problems;
  const std::string path = projection_path(impl_->store);
  Status verified = graph::Projection::verify_file(path);
  if (verified.code() == StatusCode::kNotFound) return problems;  // absent, or another build's
  if (!verified) {
    problems.push_back(verified.message());
    return problems;
  }
  auto stamp = impl_->store.state_stamp();
  if (!stamp) return stamp.error();
  auto loaded = graph::Projection::load(path, *stamp, graph::ProjectionOptions{});
  if (!loaded) {
    if (loaded.error().code() != StatusCode::kNotFound) problems.push_back(loaded.error().message());
    return problems;  // stale: rebuilt when next needed
  }
  auto built = graph::Projection::build(impl_->store, graph::ProjectionOptions{});
  if (!built) return built.error();
  if (!(*loaded)->same_as(**built))
    problems.push_back(path + ": differs from the store it is stamped with");
  return problems;
}

std::size_t QueryEngine::cached_projections() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  return impl_->cache.size();
}

Result<TimelineResult> QueryEngine::timeline(const TimelineQuery& query) const {
  return diplograph::timeline(impl_->store, query);
}

Result<std::vector<PathResult>> find_paths(const GraphStore& store, const PathQuery& query) {
  return QueryEngine(store).find_paths(query);
}

Result<PathResult> find_path(const GraphStore& store, const PathQuery& query) {
  PathQuery one = query;
  one.k = 1;
  auto r = find_paths(store, one);
  if (!r) return r.error();
  return std::move(r->front());
}

Result<NeighborsResult> neighbors(const GraphStore& store, const NeighborsQuery& query) {
  return QueryEngine(store).neighbors(query);
}

Result<RankResult> rank(const GraphStore& store, const RankQuery& query) {
  return QueryEngine(store).rank(query);
}

namespace {

template <class T>
Result<QueryAnswer> answer_of(Result<T>&& r) {
  if (!r) return r.error();
  return QueryAnswer(std::move(*r));
}

// One verb each: what run_query does with a Query.
struct RunQuery {
  const QueryEngine& engine;
  Result<QueryAnswer> operator()(const TimelineQuery& q) const {
    return answer_of(engine.timeline(q));
  }
  Result<QueryAnswer> operator()(const PathQuery& q) const {
    return answer_of(engine.find_paths(q));
  }
  Result<QueryAnswer> operator()(const NeighborsQuery& q) const {
    return answer_of(engine.neighbors(q));
  }
  Result<QueryAnswer> operator()(const RankQuery& q) const { return answer_of(engine.rank(q)); }
  Result<QueryAnswer> operator()(const ActorsQuery& q) const {
    const GraphStore& store = engine.store();
    std::vector<Actor> actors;
    if (q.text) {
      auto found = store.find_actors(*q.text);
      if (!found) return found.error();
      if (found->empty()) return Status::not_found("no actor matches '" + *q.text + "'");
      actors = std::move(*found);
    } else {
      Status st = store.for_each_actor([&](const Actor& a) {
        actors.push_back(a);
        return true;
      });
      if (!st) return st;
    }
    return QueryAnswer(std::move(actors));
  }
};

}  // namespace

Result<QueryAnswer> run_query(const QueryEngine& engine, const Query& query) {
  return std::visit(RunQuery{engine}, query);
}

}  // namespace diplograph
