// diplograph stats : counts only.
#include <iostream>
#include <map>
#include <string>

#include "cli/common.hpp"

namespace diplograph::cli {

int run_stats(int argc, char** argv) {
  cxxopts::Options options("stats", "Counts of documents, mentions, actors, events and edges.");
  add_db_option(options);
  options.add_options()("json", "print one JSON object")(
      "versions", "count the documents of each knowledge version even in a large store (reads "
                  "every document record)")("h,help", "show this help");
  auto args = parse(options, argc, argv);
  if (!args) return kExitBadInput;
  auto store = open_for_reading(*args);
  if (!store) return fail(store.error());
  auto s = (*store)->stats();
  if (!s) return fail(s.error());
  // The knowledge versions the documents were extracted with: a scan of the document records,
  // done unasked up to a million documents (about a second).
  constexpr std::uint64_t kScanUnasked = 1'000'000;
  std::map<std::string, std::uint64_t> versions;
  const bool scan = args->count("versions") || s->documents <= kScanUnasked;
  if (scan) {
    auto v = (*store)->knowledge_versions();
    if (!v) return fail(v.error());
    versions = std::move(*v);
  }
  auto label = [](const std::string& v) { return v.empty() ? std::string("none") : v; };
  if (args->count("json")) {
    std::cout << dump(stats_json(*s, scan ? &versions : nullptr)) << "\n";
    return kExitOk;
  }
  std::cout << "documents     " << s->documents << "\n"
            << "mentions      " << s->mentions << "\n"
            << "actors        " << s->actors << "\n"
            << "events        " << s->events << "\n"
            << "edges         " << s->edges << "\n"
            << "affiliations  " << s->affiliations << "\n";
  if (!scan) {
    std::cout << "knowledge     not counted (" << s->documents
              << " documents: --versions counts them)\n";
  } else {
    for (const auto& [v, n] : versions)
      std::cout << "knowledge     " << label(v) << ": " << n << " document(s)"
                << (v.empty() ? " (imported records, or stored before versions were kept)" : "")
                << "\n";
  }
  return kExitOk;
}

}  // namespace diplograph::cli
