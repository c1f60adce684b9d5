// Derived keys of an event (derived.hpp); the layout itself is in key_codec.hpp.
#include "store/derived.hpp"

#include "diplograph/bulk_load.hpp"

#include <xxhash.h>

#include <algorithm>
#include <cassert>
#include <cstring>

namespace diplograph::store {

void derived_keys_to(const Event& e, FixedDerivedKeys& out) {
  derived_keys_to(e.id, e.type, e.status, e.date, e.source.id, e.target ? e.target->id : 0, out);
}

void derived_keys_to(const EventId& id, EventType type, EventStatus status, Date date,
                     ActorId source, ActorId target, FixedDerivedKeys& out) {
  out.count = 0;
  auto add = [&](Cf family, std::size_t key_size) -> FixedDerivedKeys::Entry& {
    auto& d = out.entries[out.count++];
    d.family = family;
    d.key_size = static_cast<std::uint8_t>(key_size);
    return d;
  };
  // Values as adj_value() and pair_value() write them.
  AdjEntry a{source, date.days, type, true, target, id, status, date.precision};
  auto& da = add(kAdj, kAdjKeySize);
  adj_key_to(da.key, a);
  da.value_size = 2;
  da.value[0] = static_cast<char>(status);
  da.value[1] = static_cast<char>(date.precision);
  if (target != 0) {
    AdjEntry b{target, date.days, type, is_undirected(type), source, id, status, date.precision};
    auto& db = add(kAdj, kAdjKeySize);
    adj_key_to(db.key, b);
    db.value_size = 2;
    db.value[0] = static_cast<char>(status);
    db.value[1] = static_cast<char>(date.precision);
    PairRow r{std::min(source, target), std::max(source, target), date.days, type, id, status,
              date.precision, source <= target};
    auto& dp = add(kPair, kPairKeySize);
    pair_key_to(dp.key, r);
    dp.value_size = 3;
    dp.value[0] = static_cast<char>(status);
    dp.value[1] = static_cast<char>(date.precision);
    dp.value[2] = static_cast<char>(r.lower_is_source ? 1 : 0);
  }
  auto& dt = add(kTime, kTimeKeySize);
  time_key_to(dt.key, date.days, id);
  dt.value_size = 0;
}

std::vector<DerivedKey> derived_keys(const Event& e) {
  FixedDerivedKeys fixed;
  derived_keys_to(e, fixed);
  std::vector<DerivedKey> out;
  out.reserve(fixed.count);
  for (std::size_t i = 0; i < fixed.count; ++i) {
    const auto& d = fixed.entries[i];
    out.push_back({d.family, std::string(d.key, d.key_size), std::string(d.value, d.value_size)});
  }
  return out;
}

std::uint64_t record_doc_hash(std::string_view id) {
  constexpr std::string_view kPrefix = "record|";
  char buf[256];
  if (id.size() <= sizeof buf - kPrefix.size()) {
    std::memcpy(buf, kPrefix.data(), kPrefix.size());
    std::memcpy(buf + kPrefix.size(), id.data(), id.size());
    return XXH3_64bits(buf, kPrefix.size() + id.size());
  }
  std::string key(kPrefix);
  key += id;
  return XXH3_64bits(key.data(), key.size());
}

void hex16_to(char* out, std::uint64_t v) {
  static const char* d = "0123456789abcdef";
  for (int i = 15; i >= 0; --i, v >>= 4) out[i] = d[v & 15];
}

std::uint64_t doc_key_hash(std::string_view key) {
  assert(key.size() == 16);
  std::uint64_t v = 0;
  for (char c : key) v = (v << 4) | static_cast<std::uint64_t>(c <= '9' ? c - '0' : c - 'a' + 10);
  return v;
}

std::string record_doc_key(std::string_view id) {
  std::string key(16, '0');
  hex16_to(key.data(), record_doc_hash(id));
  return key;
}

}  // namespace diplograph::store

namespace diplograph {
std::string ImportedRecord::record_key() const {
  return key.empty() ? store::record_doc_key(doc.id) : key;
}
}  // namespace diplograph
