// The derived keys of an event (adj for each end, pair, time), computed in one place so that
// ingest, bulk ingest, remove and check agree on them. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "diplograph/event.hpp"
#include "store/impl.hpp"
#include "store/key_codec.hpp"

namespace diplograph::store {

struct DerivedKey {
  Cf family;
  std::string key;
  std::string value;
};

// adj of the source, adj of the target (when there is one), pair (when there is a target), time.
std::vector<DerivedKey> derived_keys(const Event& e);

// The same keys, in the same order, in fixed arrays: for the bulk path, which must not allocate
// per key. derived_keys() is built on it.
struct FixedDerivedKeys {
  struct Entry {
    Cf family = kAdj;
    std::uint8_t key_size = 0, value_size = 0;
    char key[kAdjKeySize];
    char value[3];
  };
  Entry entries[4];
  std::size_t count = 0;
};
void derived_keys_to(const Event& e, FixedDerivedKeys& out);
// The same from the fields they are made of (target 0: none).
void derived_keys_to(const EventId& id, EventType type, EventStatus status, Date date,
                     ActorId source, ActorId target, FixedDerivedKeys& out);

// 16 lower-case hex digits of XXH3-64 over "record|" + id: the doc key of an imported record.
std::string record_doc_key(std::string_view id);
// The same key as the hash, and the hash written as those 16 digits into `out`.
std::uint64_t record_doc_hash(std::string_view id);
void hex16_to(char* out, std::uint64_t v);
// The hash a doc key of 16 hex digits writes (a content key given with a record): hex16_to's
// inverse. REQUIRES: 16 lower-case hex digits.
std::uint64_t doc_key_hash(std::string_view key);

}  // namespace diplograph::store
