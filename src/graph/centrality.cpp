// Centrality on the projection: degree, weighted degree (events on incident edges) and
// betweenness — exact through Boost.Graph's Brandes, or sampled from k pivot sources.
#include <boost/graph/betweenness_centrality.hpp>

#include <deque>

#include "graph/projection_impl.hpp"

namespace diplograph::graph {

std::vector<double> Projection::degree() const {
  std::vector<double> out(impl_->n());
  for (Vertex v = 0; v < impl_->n(); ++v) out[v] = impl_->row_end(v) - impl_->row_begin(v);
  return out;
}

std::vector<double> Projection::weighted_degree() const {
  std::vector<double> out(impl_->n());
  for (Vertex v = 0; v < impl_->n(); ++v)
    for (std::uint32_t e = impl_->row_begin(v); e < impl_->row_end(v); ++e)
      out[v] += impl_->weight[e] + (impl_->aff_begin[e + 1] - impl_->aff_begin[e]);
  return out;
}

std::vector<double> Projection::betweenness(std::size_t pivots) const {
  const Impl& g = *impl_;
  const std::size_t n = g.n();
  std::vector<double> c(n, 0.0);
  std::vector<Vertex> active;  // sources worth sampling: vertices with an edge
  for (Vertex v = 0; v < n; ++v)
    if (g.row_end(v) > g.row_begin(v)) active.push_back(v);
  if (pivots == 0 || pivots >= active.size()) {
    std::vector<std::pair<Vertex, Vertex>> edges;
    edges.reserve(g.edges());
    for (Vertex v = 0; v < n; ++v)
      for (std::uint32_t e = g.row_begin(v); e < g.row_end(v); ++e) edges.emplace_back(v, g.target(e));
    const Csr csr(boost::edges_are_sorted, edges.begin(), edges.end(), n);
    boost::brandes_betweenness_centrality(
        csr, boost::make_iterator_property_map(c.begin(), boost::get(boost::vertex_index, csr)));
    // Each undirected edge is stored both ways, so every pair is counted from both ends.
    for (double& x : c) x /= 2;
    return c;
  }
  // Sampled Brandes: the dependency accumulation from evenly spread sources among the vertices
  // with an edge, scaled by their number over k.
  std::vector<int> dist(n);
  std::vector<double> sigma(n), delta(n);
  std::vector<Vertex> order;
  std::deque<Vertex> queue;
  for (std::size_t p = 0; p < pivots; ++p) {
    Vertex s = active[p * active.size() / pivots];
    std::fill(dist.begin(), dist.end(), -1);
    std::fill(sigma.begin(), sigma.end(), 0.0);
    std::fill(delta.begin(), delta.end(), 0.0);
    order.clear();
    dist[s] = 0, sigma[s] = 1;
    queue.push_back(s);
    while (!queue.empty()) {
      Vertex u = queue.front();
      queue.pop_front();
      order.push_back(u);
      for (std::uint32_t e = g.row_begin(u); e < g.row_end(u); ++e) {
        Vertex v = g.target(e);
        if (dist[v] < 0) {
          dist[v] = dist[u] + 1;
          queue.push_back(v);
        }
        if (dist[v] == dist[u] + 1) sigma[v] += sigma[u];
      }
    }
    for (std::size_t i = order.size(); i-- > 0;) {
      Vertex v = order[i];
      for (std::uint32_t e = g.row_begin(v); e < g.row_end(v); ++e) {
        Vertex u = g.target(e);
        if (dist[u] == dist[v] - 1) delta[u] += sigma[u] / sigma[v] * (1 + delta[v]);
      }
      if (v != s) c[v] += delta[v];
    }
  }
  const double scale = static_cast<double>(active.size()) / static_cast<double>(pivots) / 2;
  for (double& x : c) x *= scale;
  return c;
}

}  // namespace diplograph::graph
