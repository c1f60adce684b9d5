// The derived keys of an event (adj for each end, pair, time), computed in one place so that
// ingest, bulk ingest, remove and check agree on them. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "diplograph/event.hpp"
#include "store/impl.hpp"

namespace diplograph::store {

struct DerivedKey {
  Cf family;
  std::string key;
  std::string value;
};

// adj of the source, adj of the target (when there is one), pair (when there is a target), time.
std::vector<DerivedKey> derived_keys(const Event& e);

// 16 lower-case hex digits of XXH3-64 over "record|" + id: the doc key of an imported record.
std::string record_doc_key(std::string_view id);

}  // namespace diplograph::store
