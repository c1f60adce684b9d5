// GraphStore::check: every derived key and counter against the records, read from one snapshot.
// Forward: each event's adj/pair/time keys exist with the right values (looked up in sorted
// batches); each actor's names are in `alias`. Backward: the derived families hold no more keys
// than the events imply (when a count differs, each key is looked up to name the strays), each
// alias id is a known actor of that name.
#include <algorithm>
#include <cstring>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "diplograph/graph_store.hpp"
#include "store/derived.hpp"
#include "store/impl.hpp"
#include "store/key_codec.hpp"
#include "store/records.hpp"

namespace diplograph {

using namespace store;

Result<CheckReport> GraphStore::check(std::size_t max_problems) const {
  CheckReport report;
  auto problem = [&](std::string msg) {
    ++report.problem_count;
    if (report.problems.size() < max_problems) report.problems.push_back(std::move(msg));
  };
  struct SnapshotGuard {
    rocksdb::DB* db;
    const rocksdb::Snapshot* snap;
    ~SnapshotGuard() { db->ReleaseSnapshot(snap); }
  } guard{impl_->db.get(), impl_->db->GetSnapshot()};
  rocksdb::ReadOptions ro;
  ro.snapshot = guard.snap;
  auto iter = [&](Cf f) { return std::unique_ptr<rocksdb::Iterator>(impl_->db->NewIterator(ro, impl_->cf[f])); };
  auto get = [&](Cf f, const std::string& k, std::string* v) { return impl_->get(f, k, v, guard.snap); };

  // Actors: names and aliases, affiliations.
  std::unordered_map<ActorId, std::unordered_set<std::string>> names;
  std::uint64_t affiliations = 0;
  {
    auto it = iter(kActor);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string key = it->key().ToString();
      auto a = decode_actor(std::string_view(it->value().data(), it->value().size()));
      if (!a) {
        problem("actor " + hex_of(key) + ": record does not decode");
        continue;
      }
      ++report.actors;
      if (key != actor_key(a->id)) problem("actor " + hex_of(key) + ": record holds id " + hex_of(actor_key(a->id)));
      affiliations += a->affiliations.size();
      auto& n = names[a->id];
      n.insert(normalize_name(a->name));
      for (const auto& al : a->aliases) n.insert(normalize_name(al));
      n.erase("");
    }
    if (Status s = from_rocks(it->status(), "scan actors"); !s) return s;
  }
  // Aliases, backward and forward.
  {
    std::unordered_map<std::string, std::unordered_set<ActorId>> alias;
    auto it = iter(kAlias);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string name = it->key().ToString();
      ++report.derived_keys;
      auto ids = decode_ids(std::string_view(it->value().data(), it->value().size()));
      if (!ids) {
        problem("alias '" + name + "': value does not decode");
        continue;
      }
      for (ActorId id : *ids) {
        auto n = names.find(id);
        if (n == names.end()) problem("alias '" + name + "': names unknown actor " + hex_of(actor_key(id)));
        else if (!n->second.count(name)) problem("alias '" + name + "': actor " + hex_of(actor_key(id)) + " has no such name");
      }
      alias[name].insert(ids->begin(), ids->end());
    }
    if (Status s = from_rocks(it->status(), "scan aliases"); !s) return s;
    for (const auto& [id, ns] : names)
      for (const auto& n : ns)
        if (!alias[n].count(id)) problem("actor " + hex_of(actor_key(id)) + ": name '" + n + "' missing from alias");
  }
  // Events and their derived keys. The keys the events imply are gathered in batches, sorted,
  // and looked up in key order with one iterator per family: a Get per key, in the events'
  // order, hit a different block each time (a 10M-event store took 15 minutes).
  static const char* kName[] = {"actor", "alias", "event", "adj", "pair", "time", "doc", "meta"};
  std::uint64_t mentions = 0, edges = 0;
  std::uint64_t expected[kCfCount] = {};
  {
    struct Implied {  // no allocation: a 10M-event store implies 40M of them
      FixedDerivedKeys::Entry entry;
      EventId event;
      std::string_view key() const { return {entry.key, entry.key_size}; }
    };
    std::vector<Implied> implied[kCfCount];
    std::size_t batch = 0;
    auto verify = [&]() -> Status {
      for (Cf f : {kAdj, kPair, kTime}) {
        auto& keys = implied[f];
        std::sort(keys.begin(), keys.end(),
                  [](const Implied& a, const Implied& b) { return a.key() < b.key(); });
        auto it = iter(f);
        for (const Implied& x : keys) {
          const rocksdb::Slice want(x.entry.key, x.entry.key_size);
          // The next key in the family is often the one wanted: Next is cheaper than Seek.
          if (it->Valid() && it->key().compare(want) < 0) it->Next();
          if (!it->Valid() || it->key().compare(want) < 0) it->Seek(want);
          if (!it->Valid() || it->key() != want) {
            if (Status s = from_rocks(it->status(), "read derived keys"); !s) return s;
            problem("event " + x.event.hex() + ": missing " + kName[f] + " key " + hex_of(x.key()));
          } else if (it->value() != rocksdb::Slice(x.entry.value, x.entry.value_size)) {
            problem("event " + x.event.hex() + ": " + kName[f] + " key " + hex_of(x.key()) +
                    " holds a stale value");
          }
        }
        keys.clear();
      }
      batch = 0;
      return Status::ok();
    };
    FixedDerivedKeys derived;
    auto it = iter(kEvent);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string key = it->key().ToString();
      auto e = decode_event(std::string_view(it->value().data(), it->value().size()));
      if (!e) {
        problem("event " + hex_of(key) + ": record does not decode");
        continue;
      }
      ++report.events;
      const std::string id = e->id.hex();
      if (key != event_key(e->id)) problem("event " + hex_of(key) + ": record holds id " + id);
      if (e->mentions.empty()) problem("event " + id + ": no mentions");
      mentions += e->mentions.size();
      if (e->target) ++edges;
      for (const ActorRef* r : {&e->source, e->target ? &*e->target : nullptr})
        if (r && !names.count(r->id)) problem("event " + id + ": unknown actor " + hex_of(actor_key(r->id)));
      derived_keys_to(*e, derived);
      for (std::size_t d = 0; d < derived.count; ++d) {
        const auto& x = derived.entries[d];
        bool repeat = false;  // a self-loop's two adj keys are one
        for (std::size_t k = 0; k < d && !repeat; ++k)
          repeat = derived.entries[k].family == x.family && derived.entries[k].key_size == x.key_size &&
                   std::memcmp(derived.entries[k].key, x.key, x.key_size) == 0;
        if (repeat) continue;
        ++expected[x.family];
        implied[x.family].push_back({x, e->id});
        ++batch;
      }
      if (batch >= (std::size_t{1} << 20))
        if (Status s = verify(); !s) return s;
    }
    if (Status s = from_rocks(it->status(), "scan events"); !s) return s;
    if (Status s = verify(); !s) return s;
  }
  // Backward: no stray derived keys.
  for (Cf f : {kAdj, kPair, kTime}) {
    std::uint64_t n = 0;
    auto it = iter(f);
    for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
    if (Status s = from_rocks(it->status(), "scan derived keys"); !s) return s;
    report.derived_keys += n;
    if (n == expected[f]) continue;
    // Name the strays: keys whose event is gone or does not imply them.
    std::string v;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string_view k(it->key().data(), it->key().size());
      std::string_view ev = f == kAdj ? k.substr(23) : f == kPair ? k.substr(22) : k.substr(4);
      bool ok = ev.size() == 16 && get(kEvent, std::string(ev), &v).is_ok();
      if (ok) {
        auto e = decode_event(v);
        ok = false;
        if (e)
          for (const auto& d : derived_keys(*e)) ok = ok || (d.family == f && d.key == k);
      }
      if (!ok) problem(std::string(kName[f]) + " key " + hex_of(k) + ": no event implies it");
    }
  }
  // Documents.
  {
    auto it = iter(kDoc);
    std::string v;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string key = it->key().ToString();
      auto d = decode_doc(std::string_view(it->value().data(), it->value().size()));
      if (!d) {
        problem("doc " + key + ": record does not decode");
        continue;
      }
      ++report.documents;
    }
    if (Status s = from_rocks(it->status(), "scan documents"); !s) return s;
  }
  // Counters.
  struct Expect {
    std::string_view name;
    std::uint64_t value;
  };
  for (Expect x : {Expect{kMetaDocuments, report.documents}, Expect{kMetaMentions, mentions},
                   Expect{kMetaActors, report.actors}, Expect{kMetaEvents, report.events},
                   Expect{kMetaEdges, edges}, Expect{kMetaAffiliations, affiliations}}) {
    auto n = impl_->counter(x.name, guard.snap);
    if (!n) return n.error();
    if (*n != x.value)
      problem("counter " + std::string(x.name) + " is " + std::to_string(*n) + ", records say " +
              std::to_string(x.value));
  }
  return report;
}

}  // namespace diplograph
