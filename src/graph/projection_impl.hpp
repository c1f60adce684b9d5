// Projection::Impl: the CSR arrays behind a Projection, shared by the files of src/graph.
// Internal; includes Boost. Thread-safety: immutable after build, except the scratch pool (locked).
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <algorithm>
#include <cstdlib>
#include <new>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>
#include <vector>

#include "graph/projection.hpp"

namespace diplograph::graph {

using Vertex = std::uint32_t;
constexpr Vertex kNone = UINT32_MAX;

using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                               boost::no_property, boost::no_property, Vertex,
                                               std::uint32_t>;

// A label of the one-pass temporal search (temporal_stream.cpp): v reached on `day` (real day)
// from the label `parent`, by an affiliation or an event.
struct StreamLabel {
  std::uint32_t v;
  std::uint32_t parent;
  std::int32_t day;
  bool aff;
};

// n zero elements from calloc: a large block comes as untouched zero pages, so a search that
// visits few vertices touches few pages instead of clearing every one (a fifth of a one-shot CLI
// path query on 100,000 actors went to clearing them).
template <class T>
class Zeroed {
  static_assert(std::is_trivial_v<T>);

 public:
  explicit Zeroed(std::size_t n) : p_(static_cast<T*>(std::calloc(n ? n : 1, sizeof(T)))), n_(n) {
    if (!p_) throw std::bad_alloc();
  }
  T& operator[](std::size_t i) { return p_.get()[i]; }
  const T& operator[](std::size_t i) const { return p_.get()[i]; }
  T* begin() { return p_.get(); }
  T* end() { return p_.get() + n_; }
  std::size_t size() const { return n_; }

 private:
  struct Free {
    void operator()(T* p) const { std::free(p); }
  };
  std::unique_ptr<T, Free> p_;
  std::size_t n_;
};

// Per-search working arrays, sized to the vertex count; `stamp` marks which entries belong to the
// current search, so nothing is cleared between searches. `hops` (one byte a vertex, cleared by
// the search that uses it) and `labels` keep their memory from search to search.
struct Scratch {
  std::uint32_t epoch = 0;
  Zeroed<std::uint32_t> stamp_a, stamp_b;
  Zeroed<std::uint32_t> val_a, val_b;  // parents, label heads, ...
  Zeroed<int> depth_a, depth_b;
  std::vector<std::uint8_t> hops;
  std::vector<StreamLabel> labels;
  explicit Scratch(std::size_t n)
      : stamp_a(n), stamp_b(n), val_a(n), val_b(n), depth_a(n), depth_b(n) {}
  void next() {
    if (++epoch == 0) {  // wrapped: clear once every 4 billion searches
      std::fill(stamp_a.begin(), stamp_a.end(), 0);
      std::fill(stamp_b.begin(), stamp_b.end(), 0);
      epoch = 1;
    }
  }
};

// A hop in the time-ordered streams of the one-pass temporal searches (temporal_stream.cpp).
struct StreamEdge {
  std::int32_t day;
  Vertex u, v;
};
// An affiliation seen from one end: the other end and the term (clamped to the window).
struct AffHop {
  Vertex to_vertex;
  std::int32_t from, to;
};

// A read-only array: a view of memory the projection owns (vectors it built) or maps (a persisted
// projection file), so searches read both alike.
template <class T>
class Array {
 public:
  Array() = default;
  Array(const T* data, std::size_t size) : data_(size ? data : nullptr), size_(size) {}
  template <class Vec>
  explicit Array(const Vec& v) : Array(v.data(), v.size()) {}
  const T& operator[](std::size_t i) const { return data_[i]; }
  const T* data() const { return data_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& front() const { return data_[0]; }
  const T& back() const { return data_[size_ - 1]; }

 private:
  const T* data_ = nullptr;
  std::size_t size_ = 0;
};

// The arrays of a projection as one builds them; Impl::adopt() takes them over.
struct ProjectionArrays {
  std::vector<ActorId> ids;
  std::vector<std::uint8_t> kinds;
  std::vector<std::uint32_t> rowstart, column;
  std::vector<std::uint32_t> day_begin;
  std::vector<std::int32_t> days;
  std::vector<std::uint32_t> day_events;  // events of each (edge, day) entry of `days`
  std::vector<std::uint32_t> weight;
  std::vector<std::uint32_t> aff_begin;
  std::vector<std::pair<std::int32_t, std::int32_t>> affs;
  std::vector<std::pair<Vertex, Vertex>> stream;
  std::vector<std::int32_t> stream_days;
  std::vector<std::uint32_t> stream_begin;
  std::vector<StreamEdge> aff_opens, aff_closes;
  std::vector<std::uint32_t> vaff_begin;
  std::vector<AffHop> vaff;
};

struct Projection::Impl {
  ProjectionOptions options;
  // Whatever holds the arrays' memory: a ProjectionArrays, or a mapped file.
  std::shared_ptr<const void> storage;
  Array<ActorId> ids;         // vertex -> actor id, sorted
  Array<std::uint8_t> kinds;  // vertex -> ActorKind
  // Compressed sparse rows: both directions of every undirected edge; the edges of v are
  // rowstart[v] .. rowstart[v+1], their other ends in `column`, ascending.
  Array<std::uint32_t> rowstart, column;
  // Edge index e (CSR order): its distinct event days days[day_begin[e] .. day_begin[e+1]),
  // ascending, with the number of events of each day in day_events; its event count; its
  // affiliation terms (clamped to the window).
  Array<std::uint32_t> day_begin;
  Array<std::int32_t> days;
  Array<std::uint32_t> day_events;
  Array<std::uint32_t> weight;
  Array<std::uint32_t> aff_begin;
  Array<std::pair<std::int32_t, std::int32_t>> affs;
  // The same hops in time order: each (pair, event day) once as (u, v), u < v, in CSR order
  // within a day; stream_days holds the distinct days, ascending, and the hops of stream_days[k]
  // are stream[stream_begin[k] .. stream_begin[k+1]). Each affiliation once, u < v, by the first
  // and by the last day of its term; and per vertex its affiliations,
  // vaff[vaff_begin[v] .. vaff_begin[v+1]).
  Array<std::pair<Vertex, Vertex>> stream;
  Array<std::int32_t> stream_days;
  Array<std::uint32_t> stream_begin;
  Array<StreamEdge> aff_opens, aff_closes;
  Array<std::uint32_t> vaff_begin;
  Array<AffHop> vaff;

  // Points the arrays at `a`, which the Impl then owns.
  void adopt(std::shared_ptr<ProjectionArrays> a);

  mutable std::mutex pool_mutex;
  mutable std::vector<std::unique_ptr<Scratch>> pool;

  std::size_t n() const { return ids.size(); }
  std::size_t edges() const { return column.size(); }  // directed
  std::uint32_t row_begin(Vertex v) const { return rowstart[v]; }
  std::uint32_t row_end(Vertex v) const { return rowstart[v + 1]; }
  Vertex target(std::uint32_t e) const { return column[e]; }

  std::optional<Vertex> index_of(ActorId id) const {
    auto it = std::lower_bound(ids.begin(), ids.end(), id);
    if (it == ids.end() || *it != id) return std::nullopt;
    return static_cast<Vertex>(it - ids.begin());
  }
  // The edge u -> v, or kNone.
  std::uint32_t edge(Vertex u, Vertex v) const {
    auto b = column.begin() + row_begin(u), e = column.begin() + row_end(u);
    auto it = std::lower_bound(b, e, v);
    return it != e && *it == v ? static_cast<std::uint32_t>(it - column.begin()) : kNone;
  }
  bool admits_kind(Vertex v, std::uint32_t mask) const {
    return mask == 0 || (mask >> kinds[v]) & 1u;
  }

  std::unique_ptr<Scratch> take() const {
    {
      std::lock_guard<std::mutex> lock(pool_mutex);
      if (!pool.empty()) {
        auto s = std::move(pool.back());
        pool.pop_back();
        s->next();
        return s;
      }
    }
    auto s = std::make_unique<Scratch>(n());
    s->next();
    return s;
  }
  void give(std::unique_ptr<Scratch> s) const {
    std::lock_guard<std::mutex> lock(pool_mutex);
    pool.push_back(std::move(s));
  }
};

// Calls f(a.x, b.x) for every array x of a projection, in one fixed order (the order of the
// persisted file): `a` and `b` are Impls or ProjectionArrays.
template <class A, class B, class F>
void zip_arrays(A& a, B& b, F&& f) {
  f(a.ids, b.ids), f(a.kinds, b.kinds), f(a.rowstart, b.rowstart), f(a.column, b.column);
  f(a.day_begin, b.day_begin), f(a.days, b.days), f(a.day_events, b.day_events);
  f(a.weight, b.weight), f(a.aff_begin, b.aff_begin), f(a.affs, b.affs), f(a.stream, b.stream);
  f(a.stream_days, b.stream_days), f(a.stream_begin, b.stream_begin);
  f(a.aff_opens, b.aff_opens), f(a.aff_closes, b.aff_closes), f(a.vaff_begin, b.vaff_begin);
  f(a.vaff, b.vaff);
}
constexpr std::size_t kArrayCount = 17;

inline void Projection::Impl::adopt(std::shared_ptr<ProjectionArrays> a) {
  zip_arrays(*this, *a, [](auto& view, const auto& vec) {
    view = std::remove_reference_t<decltype(view)>(vec.data(), vec.size());
  });
  storage = std::move(a);
}

// Blocked vertices and edges of a search, as vertex indexes (unknown ids dropped).
struct Blocked {
  std::vector<Vertex> vertices;                     // sorted
  std::vector<std::pair<Vertex, Vertex>> edges;     // sorted, both directions
  bool vertex(Vertex v) const { return std::binary_search(vertices.begin(), vertices.end(), v); }
  bool edge(Vertex u, Vertex v) const {
    return !edges.empty() && std::binary_search(edges.begin(), edges.end(), std::make_pair(u, v));
  }
};
Blocked blocked_of(const Projection::Impl& g, const SearchLimits& limits);

namespace detail {
// Earliest arrival at t from s without a waiting bound, by one pass over the time-ordered hops
// (temporal_stream.cpp); `reverse` walks back in time (latest departure from the other end).
// `start` and `give_up` bound the hop days in search time (negated days when reversed). Hops in
// search order with search-time days, as the label search gives them.
std::optional<std::vector<TemporalHop>> stream_earliest(const Projection::Impl& g, Vertex s,
                                                        Vertex t, const SearchLimits& limits,
                                                        bool reverse, std::int64_t start,
                                                        std::int64_t give_up);
}  // namespace detail

}  // namespace diplograph::graph
