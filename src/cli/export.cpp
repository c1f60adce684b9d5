// diplograph export : the graph, a window of it or an ego network, in any export format
// (dot, svg, png, graphml, gexf, json, csv, nebula) or as event JSON Lines (jsonl).
#include <sstream>

#include "cli/common.hpp"
#include "cli/graph_output.hpp"

namespace diplograph::cli {

int run_export(int argc, char** argv) {
  cxxopts::Options options("export", "Write the graph (or part of it) for other tools.");
  add_db_option(options);
  add_filter_options(options, "all three");
  options.add_options()(
      "format", "dot, svg, png, graphml, gexf, json (node-link), jsonl (events), csv, nebula",
      cxxopts::value<std::string>()->default_value("dot"))(
      "actor", "export the ego network of this actor", cxxopts::value<std::string>())(
      "depth", "ego network depth", cxxopts::value<int>()->default_value("1"))(
      "no-affiliations", "leave out affiliation edges")(
      "collapse",
      "dot/svg/png: one edge per pair and event type, with a count; --collapse=pair: one edge "
      "per actor pair, all types together",
      cxxopts::value<std::string>()->implicit_value("type"))(
      "cluster-by", "dot/svg/png: group nodes (country)", cxxopts::value<std::string>())(
      "no-legend", "dot/svg/png: leave out the legend")(
      "title", "dot/svg/png: a title on top", cxxopts::value<std::string>())(
      "gexf-version", "gexf: 1.2draft (NetworkX 2.x and 3.x, Gephi) or 1.3",
      cxxopts::value<std::string>()->default_value("1.2draft"))(
      "replica-factor",
      "nebula: the space's replica factor (odd, at most the storage hosts; default 1)",
      cxxopts::value<std::string>())(
      "o,output",
      "output file, or directory for csv and nebula (default: standard output; png: only when "
      "it is not a terminal)",
      cxxopts::value<std::string>());
  add_size_options(options);
  options.add_options()("h,help", "show this help");
  auto args = parse(options, argc, argv);
  if (!args) return kExitBadInput;
  auto filter = filter_from(*args);
  if (!filter) return fail(filter.error());
  ExportOptions opts;
  // An export shows every status unless --status says otherwise (denied events are drawn dotted),
  // so that a whole-graph export has the edges `stats` counts.
  if (args->count("status")) opts.filter.statuses = filter->statuses;
  opts.filter.window = filter->window;
  opts.filter.types = filter->types;
  if (args->count("actor")) opts.actor = (*args)["actor"].as<std::string>();
  opts.depth = (*args)["depth"].as<int>();
  if (opts.depth < 0) return usage_error("export: --depth must not be negative");
  opts.affiliations = args->count("no-affiliations") == 0;

  GraphOutput out;
  out.format = (*args)["format"].as<std::string>();
  if (args->count("output")) out.output = (*args)["output"].as<std::string>();
  if (args->count("collapse")) {
    const std::string how = (*args)["collapse"].as<std::string>();
    if (how != "type" && how != "pair")
      return usage_error("export: --collapse is --collapse (per type) or --collapse=pair");
    out.dot.collapse = how == "type";
    out.dot.collapse_pairs = how == "pair";
  }
  out.dot.legend = args->count("no-legend") == 0;
  if (args->count("title")) out.dot.title = (*args)["title"].as<std::string>();
  if (args->count("cluster-by")) {
    if ((*args)["cluster-by"].as<std::string>() != "country")
      return usage_error("export: --cluster-by takes 'country'");
    out.dot.cluster_by_country = true;
  }
  if (auto bad = size_options_from(*args, out)) return *bad;
  out.gexf_version = (*args)["gexf-version"].as<std::string>();
  if (out.gexf_version != "1.2draft" && out.gexf_version != "1.2" && out.gexf_version != "1.3")
    return usage_error("export: --gexf-version is 1.2draft or 1.3");
  if (args->count("replica-factor")) {
    const std::string rf = (*args)["replica-factor"].as<std::string>();
    if (out.format != "nebula")
      return usage_error("export: --replica-factor is for --format nebula");
    if (rf.empty() || rf.size() > 2 || rf.find_first_not_of("0123456789") != std::string::npos ||
        std::stoi(rf) < 1)
      return usage_error("export: --replica-factor takes a number from 1 to 99, not '" + rf +
                         "'");
    out.nebula.replica_factor = std::stoi(rf);
  }
  if (out.format != "jsonl" && !is_graph_format(out.format))
    return usage_error("export: unknown --format '" + out.format + "' (" + kGraphFormats +
                       ", jsonl)");
  if (is_directory_format(out.format) && !out.output)
    return usage_error("export: --format " + out.format + " writes files: give -o DIR");

  auto store = open_for_reading(*args);
  if (!store) return fail(store.error());

  if (out.format == "jsonl") {
    std::ostringstream text;
    Status st = write_event_jsonl(**store, opts, text);
    if (!st) return fail(st);
    st = write_text_output(out.output, text.str());
    return st ? kExitOk : fail(st);
  }

  auto graph = select_graph(**store, opts);
  if (!graph) return fail(graph.error());
  return write_graph_output(*graph, out);
}

}  // namespace diplograph::cli
