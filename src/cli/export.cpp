// diplograph export : the graph (or an ego network) as GraphViz DOT, SVG/PNG, or event JSON Lines.
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/common.hpp"
#include <unistd.h>

namespace diplograph::cli {
namespace {

Status write_text(const cxxopts::ParseResult& args, const std::string& text) {
  if (!args.count("output")) {
    std::cout << text;
    std::cout.flush();
    return std::cout ? Status::ok() : Status::io_error("cannot write to standard output");
  }
  const auto& path = args["output"].as<std::string>();
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  return out ? Status::ok() : Status::io_error("cannot write " + path);
}

}  // namespace

int run_export(int argc, char** argv) {
  cxxopts::Options options("export", "Write the graph as dot, svg, png or jsonl.");
  add_db_option(options);
  add_filter_options(options);
  options.add_options()("format", "dot, svg, png or jsonl",
                        cxxopts::value<std::string>()->default_value("dot"))(
      "actor", "export the ego network of this actor", cxxopts::value<std::string>())(
      "depth", "ego network depth", cxxopts::value<int>()->default_value("1"))(
      "no-affiliations", "leave out affiliation edges")(
      "o,output", "output file (default: standard output)", cxxopts::value<std::string>())(
      "h,help", "show this help");
  auto args = parse(options, argc, argv);
  if (!args) return kExitBadInput;
  auto filter = filter_from(*args);
  if (!filter) return fail(filter.error());
  ExportOptions opts;
  opts.filter = *filter;
  if (args->count("actor")) opts.actor = (*args)["actor"].as<std::string>();
  opts.depth = (*args)["depth"].as<int>();
  opts.affiliations = args->count("no-affiliations") == 0;
  std::string format = (*args)["format"].as<std::string>();
  if (format != "dot" && format != "svg" && format != "png" && format != "jsonl")
    return usage_error("export: unknown --format '" + format + "' (dot, svg, png, jsonl)");

  auto store = open_for_reading(*args);
  if (!store) return fail(store.error());

  if (format == "jsonl") {
    std::ostringstream out;
    Status st = (*store)->for_each_event([&](const Event& e) {
      AdjEntry a;
      a.day = e.date.days;
      a.type = e.type;
      a.status = e.status;
      if (opts.filter.admits(a)) out << event_to_json(e) << "\n";
      return true;
    });
    if (!st) return fail(st);
    st = write_text(*args, out.str());
    return st ? kExitOk : fail(st);
  }

  std::ostringstream dot;
  Status st = write_dot(**store, opts, dot);
  if (!st) return fail(st);
  if (format == "dot") {
    st = write_text(*args, dot.str());
    return st ? kExitOk : fail(st);
  }
  // SVG/PNG: GraphViz writes a file; without -o, render to a temporary file and copy it out.
  std::string target;
  std::string tmp;
  if (args->count("output")) {
    target = (*args)["output"].as<std::string>();
  } else {
    char name[] = "/tmp/diplograph-export-XXXXXX";
    int fd = ::mkstemp(name);
    if (fd < 0) return fail(Status::io_error("cannot create a temporary file"));
    ::close(fd);
    tmp = target = name;
  }
  st = render_graphviz(dot.str(), format, target);
  if (st && !tmp.empty()) {
    std::ifstream in(tmp, std::ios::binary);
    std::cout << in.rdbuf();
  }
  if (!tmp.empty()) ::unlink(tmp.c_str());
  return st ? kExitOk : fail(st);
}

}  // namespace diplograph::cli
