// diplograph check : verify that every derived key and counter agrees with the records.
// Read-only, so it runs beside an ingest. Exit 0 when consistent, 2 when problems were found.
#include <iostream>

#include "cli/common.hpp"

namespace diplograph::cli {

int run_check(int argc, char** argv) {
  cxxopts::Options options("check", "Verify the derived keys (adj, pair, time, alias), counters "
                                    "and the persisted projection against the records.");
  add_db_option(options);
  options.add_options()("max", "problems to list",
                        cxxopts::value<std::size_t>()->default_value("50"))("h,help",
                                                                            "show this help");
  auto args = parse(options, argc, argv);
  if (!args) return kExitBadInput;
  auto store = open_for_reading(*args);
  if (!store) return fail(store.error());
  auto r = (*store)->check((*args)["max"].as<std::size_t>());
  if (!r) return fail(r.error());
  // The persisted projection, when current, must equal what the records give.
  auto projection = QueryEngine(**store).check_projection();
  if (!projection) return fail(projection.error());
  for (auto& p : *projection) {
    ++r->problem_count;
    if (r->problems.size() < (*args)["max"].as<std::size_t>()) r->problems.push_back(std::move(p));
  }
  for (const auto& p : r->problems) std::cerr << "diplograph: check: " << p << "\n";
  if (r->problem_count > r->problems.size())
    std::cerr << "diplograph: check: ... and " << r->problem_count - r->problems.size()
              << " more\n";
  std::cout << "checked " << r->events << " event(s), " << r->actors << " actor(s), "
            << r->documents << " document(s), " << r->derived_keys << " derived key(s): "
            << (r->problem_count ? std::to_string(r->problem_count) + " problem(s)" : "consistent")
            << "\n";
  return r->problem_count ? kExitBadInput : kExitOk;
}

}  // namespace diplograph::cli
