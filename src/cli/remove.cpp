// diplograph remove --doc ID : retract a document (its mentions, and events no other document
// reports) in one atomic batch.
#include <iostream>

#include "cli/common.hpp"

namespace diplograph::cli {

int run_remove(int argc, char** argv) {
  cxxopts::Options options("remove", "Retract a document: its mentions, and the events no other "
                                     "document reports.");
  add_db_option(options);
  add_projection_option(options);
  options.add_options()("doc", "document id (as ingested: record id such as gdelt:123, JSON id or "
                               "file path; or the 16-hex-digit store key)",
                        cxxopts::value<std::vector<std::string>>())("q,quiet", "print no summary")(
      "h,help", "show this help");
  auto args = parse(options, argc, argv);
  if (!args) return kExitBadInput;
  if (!args->count("doc")) return usage_error("remove: give --doc ID");
  StoreOptions so;
  so.create_if_missing = false;
  auto store = GraphStore::open(database_dir(*args), so);
  if (!store) return fail(store.error());
  for (const auto& id : (*args)["doc"].as<std::vector<std::string>>()) {
    auto r = (*store)->remove_document(id);
    if (!r) return fail(r.error());
    if (!args->count("quiet"))
      std::cerr << "removed " << r->documents << " document(s) '" << id << "': " << r->mentions
                << " mention(s), " << r->events_removed << " event(s)\n";
  }
  refresh_projection(**store, *args);
  return kExitOk;
}

}  // namespace diplograph::cli
