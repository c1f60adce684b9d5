// Aggregates over the adjacency (query.hpp): counts per period, an actor's partners, and the
// series of a pair. Each reads the adjacency of the actors asked about (or, for the whole store's
// counts, the adjacency sweep), never every event record.
#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "diplograph/query.hpp"
#include "query/engine_impl.hpp"
#include "query/periods.hpp"

namespace diplograph {
namespace {

// Every period from the one of day `first` to the one of day `last`, ascending.
std::vector<Date> periods_between(std::int32_t first, std::int32_t last, Period p) {
  std::vector<Date> out;
  const Date end = period_start(last, p);
  for (Date d = period_start(first, p); !(end < d); d = next_period(d, p)) out.push_back(d);
  return out;
}

std::size_t index_of(const std::vector<Date>& periods, std::int32_t day, Period p) {
  const Date d = period_start(day, p);
  return static_cast<std::size_t>(std::lower_bound(periods.begin(), periods.end(), d) -
                                  periods.begin());
}

// Cooperative (1) or conflictual (-1) by the quad class of the type's CAMEO root.
int tone_of(EventType type) {
  const CameoCode* c = cameo_lookup(default_cameo(type));
  if (!c) return 0;
  return c->quad_class == 1 || c->quad_class == 2 ? 1 : c->quad_class >= 3 ? -1 : 0;
}

}  // namespace

Result<std::vector<CountRow>> count_events(const GraphStore& store, const CountsQuery& query) {
  if (query.with && !query.actor) return Status::invalid_input("counts: 'with' needs an actor");
  const Window& w = query.filter.window;
  std::vector<std::pair<std::int32_t, EventType>> rows;  // day, type: one per event
  if (!query.actor) {
    Status s = store.scan_adjacency_window(w.from, w.to, [&](const AdjEntry& e) {
      // Each event once: from its source's outgoing entry; an undirected one (both ends
      // outgoing) from its smaller actor.
      if (!e.outgoing || !query.filter.admits(e)) return true;
      if (is_undirected(e.type) && e.other != 0 && e.other < e.actor) return true;
      rows.emplace_back(e.day, e.type);
      return true;
    });
    if (!s) return s;
  } else {
    auto actor = resolve_actor(store, *query.actor);
    if (!actor) return actor.error();
    std::optional<Actor> with;
    if (query.with) {
      auto a = resolve_actor(store, *query.with);
      if (!a) return a.error();
      with = std::move(*a);
    }
    const ActorId me = actor->id;
    auto collect = [&](const AdjEntry& e) {
      if (!query.filter.admits(e)) return true;
      // A self-directed event has an outgoing and an incoming entry: count one (as timeline).
      if (!with && e.other == me && !e.outgoing) return true;
      rows.emplace_back(e.day, e.type);
      return true;
    };
    Status s = with ? store.scan_pair(me, with->id, w.from, w.to, collect)
                    : store.scan_adjacency(me, w.from, w.to, collect);
    if (!s) return s;
  }
  std::vector<CountRow> out;
  if (rows.empty()) return out;
  auto [lo, hi] = std::minmax_element(rows.begin(), rows.end());
  const std::vector<Date> periods = periods_between(lo->first, hi->first, query.period);
  std::vector<EventType> types;  // the types present, in enum order
  if (query.by_type) {
    std::set<EventType> present;
    for (const auto& r : rows) present.insert(r.second);
    types.assign(present.begin(), present.end());
  }
  const std::size_t width = query.by_type ? types.size() : 1;
  std::vector<std::size_t> counts(periods.size() * width, 0);
  for (const auto& [day, type] : rows) {
    std::size_t col = 0;
    if (query.by_type)
      col = static_cast<std::size_t>(std::lower_bound(types.begin(), types.end(), type) -
                                     types.begin());
    ++counts[index_of(periods, day, query.period) * width + col];
  }
  out.reserve(counts.size());
  for (std::size_t i = 0; i < periods.size(); ++i)
    for (std::size_t j = 0; j < width; ++j) {
      CountRow r;
      r.period = periods[i];
      if (query.by_type) r.type = types[j];
      r.count = counts[i * width + j];
      out.push_back(r);
    }
  return out;
}

Result<PartnersResult> partners(const GraphStore& store, const PartnersQuery& query) {
  auto actor = resolve_actor(store, query.actor);
  if (!actor) return actor.error();
  PartnersResult result;
  result.actor = std::move(*actor);
  const ActorId me = result.actor.id;
  struct Acc {
    Partner p;
    std::size_t by_type[kEventTypeCount] = {};
  };
  std::unordered_map<ActorId, Acc> acc;
  const Window& w = query.filter.window;
  Status s = store.scan_adjacency(me, w.from, w.to, [&](const AdjEntry& e) {
    if (e.other == 0 || !query.filter.admits(e)) return true;
    if (e.other == me && !e.outgoing) return true;  // a self-directed event once
    Acc& a = acc[e.other];
    Partner& p = a.p;
    const Date d{e.day, DatePrecision::kDay};
    if (p.events == 0 || e.day < p.first.days) p.first = d;
    if (p.events == 0 || e.day > p.last.days) p.last = d;
    ++p.events;
    if (is_undirected(e.type))
      ++p.undirected;
    else if (e.outgoing)
      ++p.outgoing;
    else
      ++p.incoming;
    const int tone = tone_of(e.type);
    if (tone > 0) ++p.cooperative;
    if (tone < 0) ++p.conflictual;
    ++a.by_type[static_cast<int>(e.type)];
    return true;
  });
  if (!s) return s;
  result.partners.reserve(acc.size());
  for (auto& [id, a] : acc) {
    auto rec = actor_or_placeholder(store, id);
    if (!rec) return rec.error();
    a.p.actor = ActorRef::of(*rec);
    for (int t = 0; t < kEventTypeCount; ++t)
      if (a.by_type[t]) a.p.by_type.emplace_back(static_cast<EventType>(t), a.by_type[t]);
    std::stable_sort(a.p.by_type.begin(), a.p.by_type.end(),
                     [](const auto& x, const auto& y) { return x.second > y.second; });
    result.partners.push_back(std::move(a.p));
  }
  std::sort(result.partners.begin(), result.partners.end(), [](const Partner& x, const Partner& y) {
    if (x.events != y.events) return x.events > y.events;
    return x.actor.name != y.actor.name ? x.actor.name < y.actor.name : x.actor.id < y.actor.id;
  });
  return result;
}

Result<PairSeries> pair_series(const GraphStore& store, const PairSeriesQuery& query) {
  auto a = resolve_actor(store, query.a);
  if (!a) return a.error();
  auto b = resolve_actor(store, query.b);
  if (!b) return b.error();
  PairSeries result;
  result.a = std::move(*a);
  result.b = std::move(*b);
  result.period = query.period;
  const Window& w = query.filter.window;

  std::vector<EventId> ids;
  if (!query.by_country) {
    Status s = store.scan_pair(result.a.id, result.b.id, w.from, w.to, [&](const AdjEntry& e) {
      if (query.filter.admits(e)) ids.push_back(e.event);
      return true;
    });
    if (!s) return s;
  } else {
    for (const Actor* x : {&result.a, &result.b})
      if (x->country.empty())
        return Status::invalid_input(x->name + " has no country (is it a state?)");
    if (result.a.country == result.b.country)
      return Status::invalid_input(result.a.name + " and " + result.b.name +
                                   " have the same country (" + result.a.country + ")");
    // The two sides: every actor of each country. Scan the smaller side's adjacency and keep
    // the events whose other actor is on the other side.
    std::unordered_set<ActorId> side_a, side_b;
    Status s = store.for_each_actor([&](const Actor& x) {
      if (x.country == result.a.country) side_a.insert(x.id);
      if (x.country == result.b.country) side_b.insert(x.id);
      return true;
    });
    if (!s) return s;
    const auto& scan = side_a.size() <= side_b.size() ? side_a : side_b;
    const auto& other = &scan == &side_a ? side_b : side_a;
    std::set<EventId> seen;
    for (ActorId id : scan) {
      s = store.scan_adjacency(id, w.from, w.to, [&](const AdjEntry& e) {
        if (e.other != 0 && other.count(e.other) && query.filter.admits(e) &&
            seen.insert(e.event).second)
          ids.push_back(e.event);
        return true;
      });
      if (!s) return s;
    }
  }
  if (ids.empty()) return result;
  std::sort(ids.begin(), ids.end());  // a fixed order for the Goldstein sums

  std::vector<Event> events;
  events.reserve(ids.size());
  for (const EventId& id : ids) {
    auto e = store.get_event(id);
    if (!e) {
      if (e.error().code() == StatusCode::kNotFound)
        return Status::corruption("adjacency names a missing event " + id.hex());
      return e.error();
    }
    events.push_back(std::move(*e));
  }
  auto [lo, hi] =
      std::minmax_element(events.begin(), events.end(),
                          [](const Event& x, const Event& y) { return x.date.days < y.date.days; });
  std::vector<Date> periods = periods_between(lo->date.days, hi->date.days, query.period);
  result.periods.resize(periods.size());
  for (std::size_t i = 0; i < periods.size(); ++i) result.periods[i].period = periods[i];
  for (const Event& e : events) {
    PairPeriod& p = result.periods[index_of(periods, e.date.days, query.period)];
    ++p.events;
    if (e.quad_class == 1 || e.quad_class == 2) ++p.cooperative;
    if (e.quad_class == 3 || e.quad_class == 4) ++p.conflictual;
    p.goldstein += e.goldstein;
  }
  return result;
}

}  // namespace diplograph
