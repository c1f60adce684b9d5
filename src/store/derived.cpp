// Derived keys of an event (derived.hpp); the layout itself is in key_codec.hpp.
#include "store/derived.hpp"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>

#include "store/key_codec.hpp"

namespace diplograph::store {

std::vector<DerivedKey> derived_keys(const Event& e) {
  std::vector<DerivedKey> out;
  out.reserve(4);
  ActorId target = e.target ? e.target->id : 0;
  AdjEntry a{e.source.id, e.date.days, e.type, true, target, e.id, e.status, e.date.precision};
  out.push_back({kAdj, adj_key(a), adj_value(a)});
  if (target != 0) {
    AdjEntry b{target, e.date.days, e.type, is_undirected(e.type), e.source.id, e.id, e.status,
               e.date.precision};
    out.push_back({kAdj, adj_key(b), adj_value(b)});
    PairRow r{std::min(e.source.id, target), std::max(e.source.id, target), e.date.days, e.type,
              e.id, e.status, e.date.precision, e.source.id <= target};
    out.push_back({kPair, pair_key(r), pair_value(r)});
  }
  out.push_back({kTime, time_key(e.date.days, e.id), ""});
  return out;
}

std::string record_doc_key(std::string_view id) {
  std::string key = "record|";
  key += id;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(key.data(), key.size())));
  return buf;
}

}  // namespace diplograph::store

namespace diplograph {
std::string ImportedRecord::record_key() const { return store::record_doc_key(doc.id); }
}  // namespace diplograph
