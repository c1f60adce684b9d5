// Earliest arrival without a waiting bound, in one pass over the projection's hops in time order
// (Wu et al., PVLDB 2014, "one-pass" algorithm), with the hop bound folded in: walking forward
// through the days, each vertex keeps the fewest hops of any time-respecting walk from the source
// that reaches it by the current day. An event hop (u, v) on day d lowers v's count to u's + 1; an
// affiliation hop does the same on every day of its term. The first day the target gets a count
// within the bound is the earliest arrival (and that day's fewest hops). Same-day hops chain: a
// day's hops are relaxed again while that changes anything. The cost is the number of hops
// between the source's first and the target's last day, however large the graph. Latest
// departure runs the same pass backwards in time from the target.
#include <algorithm>
#include <limits>

#include "graph/projection_impl.hpp"

namespace diplograph::graph::detail {

namespace {

using Time = std::int64_t;
constexpr std::uint8_t kUnreached = 0xFF;
// A vertex's degree up to which its first or last day is looked up to narrow the pass; hubs
// have hops every day anyway.
constexpr std::uint32_t kNarrowDegree = 4096;

}  // namespace

std::optional<std::vector<TemporalHop>> stream_earliest(const Projection::Impl& g, Vertex s,
                                                        Vertex t, const SearchLimits& limits,
                                                        bool reverse, Time start, Time give_up) {
  // Counts live in a byte; 255 marks "not reached".
  const unsigned max_hops = static_cast<unsigned>(std::clamp(limits.max_hops, 0, 250));
  if (max_hops == 0 || s == t) return std::nullopt;
  const Blocked blocked = blocked_of(g, limits);
  const bool checks = limits.kind_mask != 0 || !blocked.vertices.empty() || !blocked.edges.empty();
  auto eff = [&](std::int32_t day) { return reverse ? -Time(day) : Time(day); };
  auto real = [&](Time x) { return static_cast<std::int32_t>(reverse ? -x : x); };

  // The first day (search time) of edge e at or after x, and its last day.
  auto first_on = [&](std::uint32_t e, Time x) -> std::optional<Time> {
    auto b = g.days.begin() + g.day_begin[e], en = g.days.begin() + g.day_begin[e + 1];
    if (!reverse) {
      auto it = std::lower_bound(b, en, x);
      return it == en ? std::nullopt : std::optional<Time>(*it);
    }
    auto it = std::upper_bound(b, en, -x);
    return it == b ? std::nullopt : std::optional<Time>(-Time(*(it - 1)));
  };
  auto last_on = [&](std::uint32_t e) -> std::optional<Time> {
    if (g.day_begin[e] == g.day_begin[e + 1]) return std::nullopt;
    return reverse ? -Time(g.days[g.day_begin[e]]) : Time(g.days[g.day_begin[e + 1] - 1]);
  };
  // Nothing moves before the source's first hop, nor reaches the target after its last: narrow
  // the pass to that span when the two have few edges and no affiliations. nullopt: no hop at all.
  auto span_of = [&](Vertex v, bool first) -> std::optional<Time> {
    if (g.vaff_begin[v] != g.vaff_begin[v + 1] || g.row_end(v) - g.row_begin(v) > kNarrowDegree)
      return first ? start : give_up;
    std::optional<Time> best;
    for (std::uint32_t e = g.row_begin(v); e < g.row_end(v); ++e) {
      auto x = first ? first_on(e, start) : last_on(e);
      if (x && (!best || (first ? *x < *best : *x > *best))) best = x;
    }
    return best;
  };
  const auto from = span_of(s, true), until = span_of(t, false);
  if (!from || !until) return std::nullopt;
  start = std::max(start, *from);
  give_up = std::min(give_up, *until);
  if (start > give_up) return std::nullopt;

  auto sc = g.take();
  auto& hops = sc->hops;
  hops.assign(g.n(), kUnreached);
  auto& label_of = sc->val_a;
  auto& labels = sc->labels;
  labels.clear();
  labels.push_back({s, kNone, 0, false});
  hops[s] = 0, label_of[s] = 0;

  bool reached_t = false, changed = false;
  std::vector<Vertex> pending;  // vertices lowered today whose affiliations are still to relax
  // Lowers v's count to u's + 1 on `day` (the caller saw that it is fewer), if v may be used.
  auto lower = [&](Vertex u, Vertex v, std::int32_t day, bool aff) {
    const unsigned h = hops[u] + 1u;
    if (h > max_hops) return;
    if (checks) {
      if (v != s && v != t && (!g.admits_kind(v, limits.kind_mask) || blocked.vertex(v))) return;
      if (blocked.edge(u, v)) return;
    }
    hops[v] = static_cast<std::uint8_t>(h);
    label_of[v] = static_cast<std::uint32_t>(labels.size());
    labels.push_back({v, label_of[u], day, aff});
    changed = true;
    if (v == t) reached_t = true;
    if (g.vaff_begin[v] != g.vaff_begin[v + 1]) pending.push_back(v);
  };
  auto relax = [&](Vertex u, Vertex v, std::int32_t day, bool aff) {
    if (hops[u] + 1u < hops[v]) lower(u, v, day, aff);
  };
  // Affiliations of the vertices lowered on `day`, valid that day, to a fixpoint.
  auto close_affiliations = [&](std::int32_t day) {
    while (!pending.empty()) {
      Vertex u = pending.back();
      pending.pop_back();
      for (std::uint32_t i = g.vaff_begin[u]; i < g.vaff_begin[u + 1]; ++i) {
        const AffHop& a = g.vaff[i];
        if (a.from <= day && day <= a.to) relax(u, a.to_vertex, day, true);
      }
    }
  };

  // Positions run over the days and the affiliation ends in search order (backwards in time when
  // reversed); at(v, i) maps a position to its element.
  const auto& days = g.stream_days;
  const auto& opens = reverse ? g.aff_closes : g.aff_opens;
  auto at = [&](const auto& v, std::size_t i) -> const auto& {
    return reverse ? v[v.size() - 1 - i] : v[i];
  };
  auto day_of = [](std::int32_t d) { return Time(d); };
  auto day_of_edge = [](const StreamEdge& e) { return Time(e.day); };
  // The first position at or after search time x.
  auto first_at = [&](const auto& v, Time x, auto key) -> std::size_t {
    if (!reverse)
      return static_cast<std::size_t>(
          std::lower_bound(v.begin(), v.end(), x,
                           [&](const auto& e, Time y) { return key(e) < y; }) -
          v.begin());
    auto it =
        std::upper_bound(v.begin(), v.end(), -x, [&](Time y, const auto& e) { return y < key(e); });
    return static_cast<std::size_t>(v.end() - it);
  };
  const std::size_t n = days.size(), m = opens.size();
  std::size_t i = first_at(days, start, day_of), j = first_at(opens, start, day_of_edge);

  // On the first day it may move, the source can already cross the affiliations open that day.
  const Window& w = g.options.filter.window;
  const Time first = std::max(start, eff(reverse ? w.to : w.from));
  if (first <= std::min(give_up, eff(reverse ? w.from : w.to))) {
    pending.push_back(s);
    close_affiliations(real(first));
  }
  while (!reached_t && (i < n || j < m)) {
    Time day_t = std::numeric_limits<Time>::max();
    if (i < n) day_t = eff(at(days, i));
    if (j < m) day_t = std::min(day_t, eff(at(opens, j).day));
    if (day_t > give_up) break;
    const std::int32_t day = real(day_t);
    for (; j < m && at(opens, j).day == day; ++j) {
      const StreamEdge& e = at(opens, j);
      relax(e.u, e.v, day, true);
      relax(e.v, e.u, day, true);
    }
    close_affiliations(day);
    if (i == n || at(days, i) != day) continue;
    const std::size_t k = reverse ? n - 1 - i : i;
    const auto* hop = g.stream.data() + g.stream_begin[k];
    std::size_t end = g.stream_begin[k + 1] - g.stream_begin[k];
    // Relaxed again while something changes, but only up to the last change: the hops after it
    // have seen every change already.
    while (end > 0) {
      std::size_t last = 0;
      changed = false;
      for (std::size_t x = 0; x < end; ++x) {
        const auto [u, v] = hop[x];
        const unsigned hu = hops[u], hv = hops[v];
        const std::size_t labelled = labels.size();
        if (hu + 1 < hv) {
          lower(u, v, day, false);
        } else if (hv + 1 < hu) {
          lower(v, u, day, false);
        }
        if (labels.size() == labelled) continue;
        last = x;
        close_affiliations(day);
      }
      if (!changed) break;
      end = last;
    }
    ++i;
  }
  std::optional<std::vector<TemporalHop>> path;
  if (reached_t) {
    path.emplace();
    for (std::uint32_t k = label_of[t]; k != 0; k = labels[k].parent) {
      const StreamLabel& l = labels[k];
      path->push_back({g.ids[l.v], reverse ? -l.day : l.day, l.aff});
    }
    std::reverse(path->begin(), path->end());
  }
  g.give(std::move(sc));
  return path;
}

}  // namespace diplograph::graph::detail
