// Temporal path searches on the projection (Wu et al., PVLDB 2014): earliest arrival by one pass
// over the hops in time order (temporal_stream.cpp) or, with a waiting bound, by the label-setting
// search below; latest departure as earliest arrival with time reversed; fastest as earliest
// arrival from each candidate departure day.
//
// A label is "at vertex v, the next hop may be crossed on a day in [L, U]" after `hops` hops.
// An event hop on day d (L <= d <= U) gives [d, d + max_wait]; an affiliation with term [a, b]
// takes no time and is crossed on some day c in [max(L, a), min(U, b)], giving
// [max(L, a), min(U, b) + max_wait]. The first hop is free (U = infinity). Labels leave their
// parent with L never smaller, so popping them in L order settles the earliest arrival first.
// Walks may revisit actors (a later visit can carry a later waiting bound).
#include <algorithm>
#include <limits>
#include <queue>
#include <tuple>

#include "graph/projection_impl.hpp"

namespace diplograph::graph {
namespace {

using Time = std::int64_t;
constexpr Time kInf = std::numeric_limits<Time>::max() / 4;

struct Label {
  Vertex v;
  Time lo, hi;  // next hop's day range
  int hops;
  std::uint32_t parent;
  std::uint32_t next_here;  // the previous label at v (a per-vertex list)
  Time day;                 // the hop into v: its day (affiliations: earliest crossing)
  Time aff_hi;              // affiliations: latest crossing day
  bool aff;
};

struct Search {
  const Projection::Impl& g;
  bool reverse;  // times negated: latest departure from the other end
  std::optional<int> max_wait;
  Time win_lo, win_hi;  // the window in search time

  Time eff(std::int32_t day) const { return reverse ? -Time(day) : Time(day); }

  // The first event day of edge e at or after `lo` (search time), or kInf.
  Time first_day(std::uint32_t e, Time lo) const {
    auto b = g.days.begin() + g.day_begin[e], en = g.days.begin() + g.day_begin[e + 1];
    if (!reverse) {
      auto it = std::lower_bound(b, en, lo);
      return it == en ? kInf : Time(*it);
    }
    // Real days <= -lo, the latest of them.
    auto it = std::upper_bound(b, en, -lo);
    return it == b ? kInf : -Time(*(it - 1));
  }
};

}  // namespace

namespace detail {

// Earliest arrival at t from s (in search time), starting no earlier than `start`; stops when the
// arrival would exceed `give_up`. Hops in search order with search-time days.
std::optional<std::vector<TemporalHop>> earliest_labels(const Projection::Impl& g, Vertex s,
                                                        Vertex t, const SearchLimits& limits,
                                                        std::optional<int> max_wait, bool reverse,
                                                        Time start, Time give_up, bool hop_bound) {
  Search S{g, reverse, max_wait, 0, 0};
  const Window& w = g.options.filter.window;
  S.win_lo = reverse ? -Time(w.to) : Time(w.from);
  S.win_hi = reverse ? -Time(w.from) : Time(w.to);
  const Time wait = max_wait ? Time(*max_wait) : kInf;
  // A waiting bound past the last day on which a hop can start (the last event day, the latest
  // known start of an affiliation) allows nothing more than one at that day: capping it there
  // ends walks that bounce between a state and its officials, each affiliation crossing waiting
  // max_wait days more, once the bound reaches the cap.
  Time cap = kInf;
  if (max_wait && !g.stream_days.empty()) {
    cap = reverse ? -Time(g.stream_days.front()) : Time(g.stream_days.back());
    for (const auto& [from, to] : g.affs) {
      std::int32_t start = reverse ? to : from;
      if (start != std::numeric_limits<std::int32_t>::min() &&
          start != std::numeric_limits<std::int32_t>::max())
        cap = std::max(cap, reverse ? -Time(start) : Time(start));
    }
  }
  auto bound = [&](Time day) { return max_wait ? std::min(day + wait, std::max(cap, day)) : kInf; };
  // Without a hop bound a label is dominated on (lo, hi) alone: one label per vertex and bound.
  const int max_hops = hop_bound ? std::min(limits.max_hops, 64) : 1 << 20;
  Blocked blocked = blocked_of(g, limits);
  auto sc = g.take();
  const std::uint32_t ep = sc->epoch;
  std::vector<Label> labels;
  using Item = std::tuple<Time, int, std::uint32_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> pq;

  auto add = [&](Label l) {
    // Dominated by a label at the same vertex that is no later, waits no less, used no more hops?
    if (sc->stamp_a[l.v] == ep) {
      for (std::uint32_t i = sc->val_a[l.v]; i != kNone; i = labels[i].next_here) {
        const Label& o = labels[i];
        // Unbounded, an equally early label with fewer hops still counts: ties go to fewer hops.
        if (o.lo <= l.lo && o.hi >= l.hi &&
            (o.hops <= l.hops || (!hop_bound && (o.lo < l.lo || o.hi > l.hi))))
          return;
      }
      l.next_here = sc->val_a[l.v];
    } else {
      sc->stamp_a[l.v] = ep;
      l.next_here = kNone;
    }
    sc->val_a[l.v] = static_cast<std::uint32_t>(labels.size());
    pq.emplace(l.lo, l.hops, static_cast<std::uint32_t>(labels.size()));
    labels.push_back(l);
  };
  add(Label{s, std::max(start, S.win_lo), kInf, 0, kNone, kNone, 0, 0, false});

  std::optional<std::uint32_t> found;
  while (!pq.empty()) {
    auto [lo, hops, idx] = pq.top();
    pq.pop();
    if (lo > give_up) break;
    if (labels[idx].v == t && idx != 0) {
      found = idx;
      break;
    }
    if (hops >= max_hops) continue;
    const Label cur = labels[idx];
    for (std::uint32_t e = g.row_begin(cur.v); e < g.row_end(cur.v); ++e) {
      Vertex v = g.target(e);
      if (blocked.edge(cur.v, v)) continue;
      if (v != t && v != s && (!g.admits_kind(v, limits.kind_mask) || blocked.vertex(v))) continue;
      const Time hi = std::min(cur.hi, S.win_hi);
      // Event hops: without a waiting bound the earliest day is enough (arriving earlier never
      // hurts); with one, every day in range gives a different bound.
      for (Time d = S.first_day(e, cur.lo); d <= hi; d = S.first_day(e, d + 1)) {
        add(Label{v, d, bound(d), hops + 1, idx, 0, d, d, false});
        if (!max_wait) break;
      }
      for (std::uint32_t a = g.aff_begin[e]; a < g.aff_begin[e + 1]; ++a) {
        Time from = reverse ? -Time(g.affs[a].second) : Time(g.affs[a].first);
        Time to = reverse ? -Time(g.affs[a].first) : Time(g.affs[a].second);
        Time c_lo = std::max(cur.lo, from), c_hi = std::min(hi, to);
        if (c_lo > c_hi) continue;
        add(Label{v, c_lo, bound(c_hi), hops + 1, idx, 0, c_lo, c_hi, true});
      }
    }
  }
  g.give(std::move(sc));
  if (!found) {
    if (s == t) return std::vector<TemporalHop>{};
    return std::nullopt;
  }
  // Back from the target: affiliation hops are crossed as late as their range and the next hop
  // allow, which keeps every gap within the waiting bound and the walk as short as it can be.
  std::vector<const Label*> chain;
  for (std::uint32_t i = *found; i != 0; i = labels[i].parent) chain.push_back(&labels[i]);
  std::vector<TemporalHop> hops(chain.size());
  Time next = kInf;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const Label& l = *chain[i];
    Time day = l.day;
    if (l.aff) day = i == 0 ? l.day : std::max(l.day, std::min(l.aff_hi, next));
    hops[chain.size() - 1 - i] = {g.ids[l.v], static_cast<std::int32_t>(day), l.aff};
    next = day;
  }
  return hops;
}

// Without a waiting bound, the one-pass search over the hops in time order (temporal_stream.cpp).
// With one, the label search without the hop bound first: its answer is a lower bound on the
// bounded one, so when it fits within max_hops it is the answer; only otherwise is the costlier
// search (a label per hop count at each vertex) run.
std::optional<std::vector<TemporalHop>> earliest(const Projection::Impl& g, Vertex s, Vertex t,
                                                 const SearchLimits& limits,
                                                 std::optional<int> max_wait, bool reverse,
                                                 Time start, Time give_up) {
  if (!max_wait) return stream_earliest(g, s, t, limits, reverse, start, give_up);
  auto free = earliest_labels(g, s, t, limits, max_wait, reverse, start, give_up, false);
  if (!free || static_cast<int>(free->size()) <= limits.max_hops) return free;
  return earliest_labels(g, s, t, limits, max_wait, reverse, start, give_up, true);
}

}  // namespace detail

namespace {

std::optional<TemporalPath> to_path(ActorId from, std::optional<std::vector<TemporalHop>> hops) {
  if (!hops) return std::nullopt;
  TemporalPath p{from, std::move(*hops)};
  return p;
}

}  // namespace

std::optional<TemporalPath> Projection::earliest_arrival(ActorId from, ActorId to,
                                                         const SearchLimits& limits,
                                                         std::optional<int> max_wait) const {
  auto s = impl_->index_of(from), t = impl_->index_of(to);
  if (from == to) return TemporalPath{from, {}};
  if (!s || !t) return std::nullopt;
  return to_path(from, detail::earliest(*impl_, *s, *t, limits, max_wait, false,
                                        std::numeric_limits<Time>::min() / 4, kInf));
}

std::optional<TemporalPath> Projection::latest_departure(ActorId from, ActorId to,
                                                         const SearchLimits& limits,
                                                         std::optional<int> max_wait) const {
  auto s = impl_->index_of(from), t = impl_->index_of(to);
  if (from == to) return TemporalPath{from, {}};
  if (!s || !t) return std::nullopt;
  // Earliest arrival at `from` walking back in time from `to`; reversed, that is the latest
  // departure from `from`.
  auto back = detail::earliest(*impl_, *t, *s, limits, max_wait, true,
                               std::numeric_limits<Time>::min() / 4, kInf);
  if (!back) return std::nullopt;
  TemporalPath p{from, {}};
  const auto& h = *back;
  for (std::size_t i = h.size(); i-- > 0;) {
    ActorId target = i == 0 ? to : h[i - 1].to;
    p.hops.push_back({target, static_cast<std::int32_t>(-Time(h[i].day)), h[i].affiliation});
  }
  return p;
}

std::optional<TemporalPath> Projection::fastest(ActorId from, ActorId to,
                                                const SearchLimits& limits,
                                                std::optional<int> max_wait) const {
  auto s = impl_->index_of(from), t = impl_->index_of(to);
  if (from == to) return TemporalPath{from, {}};
  if (!s || !t) return std::nullopt;
  const Impl& g = *impl_;
  // The best departure day is the day of a first event hop from `from`, or from an actor reached
  // from it by affiliations alone, or the last day of one of those affiliations: try each, latest
  // first, and keep the shortest duration.
  std::vector<Time> starts;
  std::vector<Vertex> reach{*s}, todo{*s};
  while (!todo.empty()) {
    Vertex u = todo.back();
    todo.pop_back();
    for (std::uint32_t e = g.row_begin(u); e < g.row_end(u); ++e) {
      for (std::uint32_t i = g.day_begin[e]; i < g.day_begin[e + 1]; ++i) starts.push_back(g.days[i]);
      for (std::uint32_t a = g.aff_begin[e]; a < g.aff_begin[e + 1]; ++a) {
        starts.push_back(g.affs[a].second);
        Vertex v = g.target(e);
        if (std::find(reach.begin(), reach.end(), v) == reach.end()) {
          reach.push_back(v);
          todo.push_back(v);
        }
      }
    }
  }
  std::sort(starts.begin(), starts.end(), std::greater<>());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  if (!max_wait) {
    // Departures after the latest departure lead nowhere: skip them (each would scan to the end
    // of the window before giving up).
    auto back = detail::stream_earliest(g, *t, *s, limits, true,
                                        std::numeric_limits<Time>::min() / 4, kInf);
    if (!back) return std::nullopt;
    const Time latest = -back->back().day;
    starts.erase(starts.begin(), std::find_if(starts.begin(), starts.end(),
                                              [&](Time d) { return d <= latest; }));
  }
  std::optional<TemporalPath> best;
  Time best_len = kInf;
  for (Time d : starts) {
    auto hops = detail::earliest(g, *s, *t, limits, max_wait, false, d,
                                 best_len == kInf ? kInf : d + best_len - 1);
    if (!hops || hops->empty()) continue;
    Time len = Time(hops->back().day) - Time(hops->front().day);
    if (len < best_len) {
      best_len = len;
      best = TemporalPath{from, std::move(*hops)};
    }
    if (best_len == 0) break;
  }
  return best;
}

}  // namespace diplograph::graph
