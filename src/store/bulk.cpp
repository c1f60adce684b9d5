// GraphStore::ingest_bulk: a chunk of imported records in one atomic step. Records fold into the
// stored actors and events in input order, as one ingest() per record would, so the result does
// not depend on where chunk boundaries fall (an interrupted import that is resumed ends equal to
// an uninterrupted one). What can be done per record or per event runs on all cores: hashing the
// doc keys, encoding records and derived keys; the fold itself is one pass with flat hash maps
// and copies nothing for the usual record (one event, reported once). bulk_write.cpp sorts and
// writes the result.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "diplograph/graph_store.hpp"
#include "store/bulk_write.hpp"
#include "store/derived.hpp"
#include "store/impl.hpp"
#include "store/key_codec.hpp"
#include "store/merge.hpp"
#include "store/records.hpp"

namespace diplograph {

using namespace store;

namespace {

constexpr std::uint32_t kNone = 0xffffffffu;

// Open addressing with linear probing, from 64-bit hash keys to indexes. The keys are ids that
// are hashes already (XXH3), so their bits are used as they are.
template <class Key, class KeyHash>
class FlatIndex {
 public:
  explicit FlatIndex(std::size_t expected) {
    std::size_t cap = 16;
    while (cap < expected * 2) cap <<= 1;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
  }
  // The index of `key`, inserting `value` when absent; the bool says whether it was inserted.
  std::pair<std::uint32_t, bool> emplace(const Key& key, std::uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    for (std::size_t i = KeyHash{}(key) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.value == kNone) {
        s.key = key;
        s.value = value;
        ++size_;
        return {value, true};
      }
      if (s.key == key) return {s.value, false};
    }
  }
  std::uint32_t find(const Key& key) const {
    for (std::size_t i = KeyHash{}(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value == kNone) return kNone;
      if (s.key == key) return s.value;
    }
  }

 private:
  struct Slot {
    Key key{};
    std::uint32_t value = kNone;
  };
  void grow() {
    std::vector<Slot> old(slots_.size() * 2, Slot{});
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (const Slot& s : old)
      if (s.value != kNone) emplace(s.key, s.value);
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0, size_ = 0;
};

struct U64Hash {
  std::size_t operator()(std::uint64_t v) const { return v ^ (v >> 29); }
};
struct EventIdHash {
  std::size_t operator()(const EventId& id) const { return id.hi ^ (id.lo * 0x9E3779B97F4A7C15ull); }
};

unsigned worker_count() {
  return std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
}

// A record's events and id text live in heap blocks of their own, scattered: each pass over the
// records fetches a few records ahead, or it waits on memory for every one.
constexpr std::size_t kAhead = 8;
void prefetch(const ImportedRecord& r) {
  __builtin_prefetch(r.doc.id.data());
  if (r.extraction.events.empty()) return;
  const char* p = reinterpret_cast<const char*>(r.extraction.events.data());
  for (std::size_t off = 0; off < sizeof(Event); off += 64) __builtin_prefetch(p + off);
}
void prefetch(const Event* e) {
  const char* p = reinterpret_cast<const char*>(e);
  for (std::size_t off = 0; off < sizeof(Event); off += 64) __builtin_prefetch(p + off);
}

// Runs fn(begin, end, t) over [0, n) cut into `threads` contiguous ranges.
template <class Fn>
void parallel_for(std::size_t n, unsigned threads, Fn fn) {
  if (n < 4096 || threads <= 1) {
    fn(std::size_t{0}, n, 0u);
    return;
  }
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back([&, t] { fn(n * t / threads, n * (t + 1) / threads, t); });
  fn(std::size_t{0}, n / threads, 0u);
  for (auto& th : pool) th.join();
}

// False when merge_actor(into, from) would change nothing, decided without normalizing names:
// the common case of a bulk import, where the same actor comes back record after record.
template <class From>  // Actor or ActorRef: the fields both carry
bool adds_fields(const Actor& into, const From& from) {
  if (!from.name.empty() && from.name != into.name) return true;
  if (into.name.empty()) return true;
  if (into.kind == ActorKind::kOther && from.kind != ActorKind::kOther) return true;
  if (into.country.empty() && !from.country.empty()) return true;
  if (into.code.empty() && !from.code.empty()) return true;
  return false;
}
bool adds_something(const Actor& into, const Actor& from) {
  return !from.aliases.empty() || !from.affiliations.empty() || adds_fields(into, from);
}
bool adds_something(const Actor& into, const ActorRef& from) { return adds_fields(into, from); }
bool blank(const Actor& a) {
  return a.name.empty() && a.kind == ActorKind::kOther && a.country.empty() && a.code.empty() &&
         a.aliases.empty() && a.affiliations.empty();
}
// merge_actor(into, from.to_actor()), without building the Actor.
void merge_ref(Actor& into, const ActorRef& from) {
  if (!adds_something(into, from)) return;
  if (blank(into)) {  // what merge_actor gives for a blank record: the reference's fields
    into.name = from.name;
    into.kind = from.kind;
    into.country = from.country;
    into.code = from.code;
    return;
  }
  merge_actor(into, from.to_actor());
}

// Reads many keys of one family at once (split over the threads); missing ones are nullopt.
Status multi_get(const GraphStore::Impl& impl, Cf family, const std::vector<std::string>& keys,
                 std::vector<std::optional<std::string>>& out, unsigned threads) {
  out.assign(keys.size(), std::nullopt);
  std::vector<Status> results(threads);
  parallel_for(keys.size(), threads, [&](std::size_t begin, std::size_t end, unsigned t) {
    constexpr std::size_t kBatch = 4096;
    std::vector<rocksdb::Slice> slices;
    std::vector<rocksdb::PinnableSlice> values;
    std::vector<rocksdb::Status> statuses;
    for (std::size_t base = begin; base < end; base += kBatch) {
      std::size_t n = std::min(kBatch, end - base);
      slices.clear();
      for (std::size_t i = 0; i < n; ++i) slices.emplace_back(keys[base + i]);
      values.clear();
      values.resize(n);
      statuses.assign(n, rocksdb::Status());
      impl.db->MultiGet(rocksdb::ReadOptions(), impl.cf[family], n, slices.data(), values.data(),
                        statuses.data());
      for (std::size_t i = 0; i < n; ++i) {
        if (statuses[i].ok()) {
          out[base + i] = values[i].ToString();
        } else if (!statuses[i].IsNotFound()) {
          results[t] = from_rocks(statuses[i], "bulk read");
          return;
        }
      }
    }
  });
  for (const Status& s : results)
    if (!s) return s;
  return Status::ok();
}

// True when the family holds no key: then nothing needs looking up in it.
bool family_empty(const GraphStore::Impl& impl, Cf family) {
  std::unique_ptr<rocksdb::Iterator> it(impl.db->NewIterator(rocksdb::ReadOptions(), impl.cf[family]));
  it->SeekToFirst();
  return !it->Valid() && it->status().ok();
}

// An event as the chunk has it: the stored record or a materialized merge (`merged`), or, for
// an event only this chunk reports, once, its one report as the record gives it (`first`).
struct EventState {
  const Event* first = nullptr;
  std::uint32_t first_record = 0;
  std::uint32_t merged = kNone;
  bool existed = false;
  std::size_t added_mentions = 0;
};

}  // namespace

Result<BulkIngestResult> GraphStore::ingest_bulk(const std::vector<ImportedRecord>& records,
                                                 std::size_t sst_min_records) {
  if (impl_->read_only)
    return Status::invalid_input("the database '" + impl_->dir + "' is open read-only");
  BulkIngestResult result;
  const unsigned threads = worker_count();
  const std::size_t n = records.size();
  // DIPLOGRAPH_BULK_TRACE set: each phase's wall time on stderr, for profiling an import.
  static const bool trace = std::getenv("DIPLOGRAPH_BULK_TRACE") != nullptr;
  auto t0 = std::chrono::steady_clock::now();
  auto lap = [&](const char* what) {
    if (!trace) return;
    auto t1 = std::chrono::steady_clock::now();
    std::fprintf(stderr, "bulk %-10s %8.1f ms\n", what,
                 std::chrono::duration<double, std::milli>(t1 - t0).count());
    t0 = t1;
  };

  // 1. Which records are new: not stored, and not earlier in this chunk.
  std::vector<std::uint64_t> doc_hash(n);
  parallel_for(n, threads, [&](std::size_t begin, std::size_t end, unsigned) {
    for (std::size_t i = begin; i < end; ++i) {
      if (i + kAhead < end) prefetch(records[i + kAhead]);
      doc_hash[i] = record_doc_hash(records[i].doc.id);
    }
  });
  auto doc_key = [&](std::size_t i) {
    std::string k(16, '0');
    hex16_to(k.data(), doc_hash[i]);
    return k;
  };
  // Only chunks of this process have written since the store was empty: the memo says which
  // keys can be stored (bulk_memo in impl.hpp).
  if (impl_->bulk_memo && impl_->bulk_memo->sequence != impl_->db->GetLatestSequenceNumber())
    impl_->bulk_memo.reset();
  if (!impl_->bulk_memo && family_empty(*impl_, kDoc) && family_empty(*impl_, kEvent) &&
      family_empty(*impl_, kActor)) {
    impl_->bulk_memo.emplace();
    impl_->bulk_memo->sequence = impl_->db->GetLatestSequenceNumber();
  }
  BulkMemo* memo = impl_->bulk_memo ? &*impl_->bulk_memo : nullptr;
  // Whether a key of `family` with this hash may be stored, so must be looked up.
  const bool empty[kCfCount] = {memo ? false : family_empty(*impl_, kActor), false,
                                memo ? false : family_empty(*impl_, kEvent), false, false, false,
                                memo ? false : family_empty(*impl_, kDoc), false};
  auto may_exist = [&](Cf family, std::uint64_t hash) {
    if (!memo) return !empty[family];
    const auto& bits = family == kDoc ? memo->docs : family == kEvent ? memo->events : memo->actors;
    return BulkMemo::may_contain(bits, hash);
  };
  auto event_hash = [](const EventId& id) { return id.hi ^ (id.lo * 0x9E3779B97F4A7C15ull); };

  std::vector<char> fresh(n, 1);
  {
    std::vector<std::size_t> ask;
    for (std::size_t i = 0; i < n; ++i)
      if (may_exist(kDoc, doc_hash[i])) ask.push_back(i);
    std::vector<std::string> keys;
    keys.reserve(ask.size());
    for (std::size_t i : ask) keys.push_back(doc_key(i));
    std::vector<std::optional<std::string>> found;
    if (Status s = multi_get(*impl_, kDoc, keys, found, threads); !s) return s;
    for (std::size_t k = 0; k < ask.size(); ++k) fresh[ask[k]] = !found[k];
  }
  {
    FlatIndex<std::uint64_t, U64Hash> seen(n);
    for (std::size_t i = 0; i < n; ++i)
      if (fresh[i] && !seen.emplace(doc_hash[i], 0).second) fresh[i] = 0;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (fresh[i]) ++result.records;
    else ++result.already_present;
  }
  if (result.records == 0) return result;
  lap("docs");

  // 2. Every actor and event the new records touch, loaded once.
  FlatIndex<std::uint64_t, U64Hash> actor_at(n / 4 + 16);
  std::vector<Actor> actors;
  FlatIndex<EventId, EventIdHash> event_at(n + 16);
  std::vector<EventState> events;
  std::vector<EventId> event_ids;
  auto note_actor = [&](ActorId id) {
    if (id != 0 && actor_at.emplace(id, static_cast<std::uint32_t>(actors.size())).second) {
      actors.emplace_back();
      actors.back().id = id;
    }
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) prefetch(records[i + kAhead]);
    if (!fresh[i]) continue;
    for (const Actor& a : records[i].extraction.actors) {
      note_actor(a.id);
      for (const auto& f : a.affiliations)
        if (!f.target_name.empty()) note_actor(f.target);
    }
    for (const Event& e : records[i].extraction.events) {
      note_actor(e.source.id);
      if (e.target) note_actor(e.target->id);
      for (const auto& t : e.topics) note_actor(t.id);
      if (event_at.emplace(e.id, static_cast<std::uint32_t>(events.size())).second) {
        events.emplace_back();
        event_ids.push_back(e.id);
      }
    }
  }
  std::vector<char> actor_existed(actors.size(), 0);
  std::vector<std::size_t> old_affiliations(actors.size(), 0);
  std::vector<std::string> actor_old_bytes(actors.size());
  {
    std::vector<std::size_t> ask;
    for (std::size_t i = 0; i < actors.size(); ++i) {
      if (memo) {  // the memo's copy is the stored record: nothing else has written since
        auto known = memo->actor_records.find(actors[i].id);
        if (known != memo->actor_records.end()) {
          actors[i] = known->second.first;
          actor_existed[i] = 1;
          old_affiliations[i] = actors[i].affiliations.size();
          actor_old_bytes[i] = known->second.second;
          continue;
        }
      }
      if (may_exist(kActor, actors[i].id)) ask.push_back(i);
    }
    std::vector<std::string> keys;
    keys.reserve(ask.size());
    for (std::size_t i : ask) keys.push_back(actor_key(actors[i].id));
    std::vector<std::optional<std::string>> vals;
    if (Status s = multi_get(*impl_, kActor, keys, vals, threads); !s) return s;
    for (std::size_t k = 0; k < ask.size(); ++k) {
      const std::size_t i = ask[k];
      if (!vals[k]) continue;
      auto a = decode_actor(*vals[k]);
      if (!a) return Status::corruption("undecodable actor record " + hex_of(keys[k]));
      actors[i] = std::move(*a);
      actor_existed[i] = 1;
      old_affiliations[i] = actors[i].affiliations.size();
      actor_old_bytes[i] = std::move(*vals[k]);
    }
  }
  std::vector<Event> merged;  // stored events and events reported more than once
  {
    std::vector<std::size_t> ask;
    for (std::size_t i = 0; i < events.size(); ++i)
      if (may_exist(kEvent, event_hash(event_ids[i]))) ask.push_back(i);
    std::vector<std::string> keys;
    keys.reserve(ask.size());
    for (std::size_t i : ask) keys.push_back(event_key(event_ids[i]));
    std::vector<std::optional<std::string>> vals;
    if (Status s = multi_get(*impl_, kEvent, keys, vals, threads); !s) return s;
    for (std::size_t k = 0; k < ask.size(); ++k) {
      const std::size_t i = ask[k];
      if (!vals[k]) continue;
      auto e = decode_event(*vals[k]);
      if (!e) return Status::corruption("undecodable event record " + event_ids[i].hex());
      events[i].existed = true;
      events[i].merged = static_cast<std::uint32_t>(merged.size());
      merged.push_back(std::move(*e));
    }
  }

  lap("load");
  // 3. Fold the records in order, exactly as ingest() folds one document.
  // A record without an id names its mentions by its doc key.
  std::unordered_map<std::size_t, std::string> unnamed;
  for (std::size_t i = 0; i < n; ++i)
    if (fresh[i] && records[i].doc.id.empty()) unnamed.emplace(i, doc_key(i));
  auto mention_doc = [&](std::size_t i) -> const std::string& {
    return records[i].doc.id.empty() ? unnamed.at(i) : records[i].doc.id;
  };
  auto with_docs = [](Event e, std::string_view doc) {
    for (auto& m : e.mentions)
      if (m.doc.empty()) m.doc = doc;
    return e;
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) prefetch(records[i + kAhead]);
    if (!fresh[i]) continue;
    const ImportedRecord& r = records[i];
    for (const Actor& a : r.extraction.actors)
      if (a.id != 0) {
        Actor& into = actors[actor_at.find(a.id)];
        if (adds_something(into, a)) merge_actor(into, a);
      }
    for (const Event& e : r.extraction.events) {
      for (const ActorRef* ref : {&e.source, e.target ? &*e.target : nullptr})
        if (ref && ref->id != 0) merge_ref(actors[actor_at.find(ref->id)], *ref);
      for (const auto& t : e.topics)
        if (t.id != 0) merge_ref(actors[actor_at.find(t.id)], t);
      EventState& st = events[event_at.find(e.id)];
      if (st.merged == kNone && st.first == nullptr && e.mentions.size() <= 1) {
        // The usual case: encoded later straight from the record.
        st.first = &e;
        st.first_record = static_cast<std::uint32_t>(i);
        st.added_mentions = e.mentions.size();
        continue;
      }
      if (st.merged == kNone) {
        st.merged = static_cast<std::uint32_t>(merged.size());
        if (st.first) {
          merged.push_back(with_docs(*st.first, mention_doc(st.first_record)));
        } else {
          merged.push_back(e);
          merged.back().mentions.clear();
        }
        st.first = nullptr;
      }
      st.added_mentions += merge_mentions(merged[st.merged], with_docs(e, mention_doc(i)));
    }
    for (const Actor& a : r.extraction.actors)
      for (const auto& f : a.affiliations)
        if (f.target != 0 && !f.target_name.empty())
          merge_ref(actors[actor_at.find(f.target)],
                    ActorRef{f.target, f.target_name, ActorKind::kOther, "", ""});
  }

  lap("fold");
  // 4. Records and derived keys, encoded on all cores into per-thread sinks.
  std::vector<KvSink> sinks(threads);
  for (auto& sink : sinks) {
    const std::size_t per_thread = events.size() / threads + 1;
    sink.reserve(kEvent, per_thread);
    sink.reserve(kAdj, 2 * per_thread);
    sink.reserve(kPair, per_thread);
    sink.reserve(kTime, per_thread);
    sink.reserve(kDoc, n / threads + 1);
  }
  std::vector<char> actor_changed(actors.size(), 0);
  std::vector<std::string> actor_new_bytes(memo ? actors.size() : 0);
  std::vector<std::vector<std::pair<std::string, ActorId>>> names(threads);
  parallel_for(actors.size(), threads, [&](std::size_t begin, std::size_t end, unsigned t) {
    std::string bytes;
    for (std::size_t i = begin; i < end; ++i) {
      const Actor& a = actors[i];
      bytes.clear();
      append_actor(bytes, a);
      if (actor_existed[i] && bytes == actor_old_bytes[i]) continue;  // nothing new
      actor_changed[i] = 1;
      sinks[t].put(kActor, actor_key(a.id), bytes);
      if (memo) actor_new_bytes[i] = bytes;
      std::string first = normalize_name(a.name);
      if (!first.empty()) names[t].emplace_back(first, a.id);
      for (const auto& al : a.aliases) {
        std::string name = normalize_name(al);
        if (!name.empty() && name != first) names[t].emplace_back(std::move(name), a.id);
      }
    }
  });
  parallel_for(events.size(), threads, [&](std::size_t begin, std::size_t end, unsigned t) {
    std::string bytes;
    FixedDerivedKeys derived;
    for (std::size_t i = begin; i < end; ++i) {
      if (i + kAhead < end) {
        const EventState& ahead = events[i + kAhead];
        prefetch(ahead.merged != kNone ? &merged[ahead.merged] : ahead.first);
      }
      const EventState& st = events[i];
      const Event& e = st.merged != kNone ? merged[st.merged] : *st.first;
      bytes.clear();
      if (st.merged != kNone) append_event(bytes, e);
      else append_event(bytes, e, mention_doc(st.first_record));
      char key[16];
      for (int b = 0; b < 8; ++b) {
        key[b] = static_cast<char>(e.id.hi >> (56 - 8 * b));
        key[8 + b] = static_cast<char>(e.id.lo >> (56 - 8 * b));
      }
      sinks[t].put(kEvent, std::string_view(key, 16), bytes);
      if (st.existed) continue;  // derived keys depend only on the id's inputs: unchanged
      derived_keys_to(e, derived);
      for (std::size_t d = 0; d < derived.count; ++d) {
        const auto& x = derived.entries[d];
        sinks[t].put(x.family, std::string_view(x.key, x.key_size),
                     std::string_view(x.value, x.value_size));
      }
    }
  });
  parallel_for(n, threads, [&](std::size_t begin, std::size_t end, unsigned t) {
    std::string bytes;
    std::vector<EventId> ids;
    char key[16];
    for (std::size_t i = begin; i < end; ++i) {
      if (i + kAhead < end) prefetch(records[i + kAhead]);
      if (!fresh[i]) continue;
      const ImportedRecord& r = records[i];
      ids.clear();
      for (const Event& e : r.extraction.events)
        if (std::find(ids.begin(), ids.end(), e.id) == ids.end()) ids.push_back(e.id);
      bytes.clear();
      append_doc(bytes, DocView{r.doc.id, r.doc.title, r.doc.source, r.doc.url, r.doc.published,
                                ids.data(), ids.size()});
      hex16_to(key, doc_hash[i]);
      sinks[t].put(kDoc, std::string_view(key, 16), bytes);
    }
  });

  lap("encode");
  // 5. Aliases: each changed actor's names join their lists (sets, so chunking does not matter).
  {
    std::unordered_map<std::string, std::vector<ActorId>> lists;
    for (auto& part : names)
      for (auto& [name, id] : part) lists[name];
    std::vector<std::string> keys;
    keys.reserve(lists.size());
    for (const auto& [name, ids] : lists) keys.push_back(name);
    if (!family_empty(*impl_, kAlias)) {
      std::vector<std::optional<std::string>> vals;
      if (Status s = multi_get(*impl_, kAlias, keys, vals, threads); !s) return s;
      for (std::size_t i = 0; i < keys.size(); ++i) {
        if (!vals[i]) continue;
        auto old = decode_ids(*vals[i]);
        if (!old) return Status::corruption("undecodable alias record '" + keys[i] + "'");
        lists[keys[i]] = std::move(*old);
      }
    }
    std::unordered_set<std::string> changed;
    for (auto& part : names)
      for (auto& [name, id] : part) {
        auto& ids = lists[name];
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
          ids.push_back(id);
          changed.insert(name);
        }
      }
    for (const auto& name : changed) {
      auto& ids = lists[name];
      std::sort(ids.begin(), ids.end());
      sinks[0].put(kAlias, name, encode_ids(ids));
    }
  }

  // 6. Counters.
  std::uint64_t d_mentions = 0, d_actors = 0, d_affiliations = 0, d_events = 0, d_edges = 0;
  for (std::size_t i = 0; i < actors.size(); ++i) {
    if (!actor_changed[i]) continue;
    if (!actor_existed[i]) ++d_actors;
    d_affiliations += actors[i].affiliations.size() - old_affiliations[i];
  }
  for (const EventState& st : events) {
    d_mentions += st.added_mentions;
    if (st.existed) {
      ++result.events_merged;
      continue;
    }
    ++result.events_new;
    ++d_events;
    const Event& e = st.merged != kNone ? merged[st.merged] : *st.first;
    if (e.target) ++d_edges;
  }
  struct Delta {
    std::string_view name;
    std::uint64_t add;
  };
  for (Delta d : {Delta{kMetaDocuments, result.records}, Delta{kMetaMentions, d_mentions},
                  Delta{kMetaActors, d_actors}, Delta{kMetaEvents, d_events},
                  Delta{kMetaEdges, d_edges}, Delta{kMetaAffiliations, d_affiliations}}) {
    auto c = impl_->counter(d.name);
    if (!c) return c.error();
    sinks[0].put(kMeta, d.name, encode_counter(*c + d.add));
  }

  lap("aliases");
  result.used_sst = result.records >= sst_min_records;
  if (Status s = write_chunk(*impl_, sinks, result.used_sst, threads); !s) {
    impl_->bulk_memo.reset();  // what was written is not known
    return s;
  }
  if (memo) {
    for (std::size_t i = 0; i < n; ++i)
      if (fresh[i]) BulkMemo::add(memo->docs, doc_hash[i]);
    for (const EventId& id : event_ids) BulkMemo::add(memo->events, event_hash(id));
    for (const Actor& a : actors) BulkMemo::add(memo->actors, a.id);
    for (std::size_t i = 0; i < actors.size(); ++i) {
      if (!actor_changed[i]) continue;
      if (memo->actor_records.size() >= BulkMemo::kActorRecords &&
          !memo->actor_records.count(actors[i].id))
        continue;  // full: later chunks look this one up
      memo->actor_records[actors[i].id] = {std::move(actors[i]), std::move(actor_new_bytes[i])};
    }
    memo->sequence = impl_->db->GetLatestSequenceNumber();
  }
  lap("write");
  return result;
}

}  // namespace diplograph
