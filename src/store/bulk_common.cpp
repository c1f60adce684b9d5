// The parts both bulk paths share (bulk_common.hpp).
#include "store/bulk_common.hpp"

#include <xxhash.h>

#include <cstdio>
#include <cstdlib>
#include <new>
#include <unordered_map>

#include "store/derived.hpp"
#include "store/key_codec.hpp"
#include "store/merge.hpp"
#include "store/records.hpp"
#include "util/threads.hpp"

namespace diplograph::store {

namespace {

// False when merge_actor(into, from) would change nothing, decided without normalizing names.
template <class From>  // Actor or ActorRef: the fields both carry
bool adds_fields(const Actor& into, const From& from) {
  if (!from.name.empty() && from.name != into.name) return true;
  if (into.name.empty()) return true;
  if (into.kind == ActorKind::kOther && from.kind != ActorKind::kOther) return true;
  if (into.country.empty() && !from.country.empty()) return true;
  if (into.code.empty() && !from.code.empty()) return true;
  return false;
}

bool blank(const Actor& a) {
  return a.name.empty() && a.kind == ActorKind::kOther && a.country.empty() && a.code.empty() &&
         a.aliases.empty() && a.affiliations.empty();
}

// True when the family holds no key: then nothing needs looking up in it.
bool family_empty(const GraphStore::Impl& impl, Cf family) {
  std::unique_ptr<rocksdb::Iterator> it(impl.db->NewIterator(rocksdb::ReadOptions(), impl.cf[family]));
  it->SeekToFirst();
  return !it->Valid() && it->status().ok();
}

}  // namespace

void put_event(KvSink& sink, const Event& e, std::string_view bytes, bool existed,
               FixedDerivedKeys& derived) {
  char key[16];
  for (int b = 0; b < 8; ++b) {
    key[b] = static_cast<char>(e.id.hi >> (56 - 8 * b));
    key[8 + b] = static_cast<char>(e.id.lo >> (56 - 8 * b));
  }
  sink.put(kEvent, std::string_view(key, 16), bytes);
  // A stored undirected event may have changed ends (merge_mentions): its pair value with them.
  if (existed && !(is_undirected(e.type) && e.target)) return;
  derived_keys_to(e, derived);
  for (std::size_t d = 0; d < derived.count; ++d) {
    const auto& x = derived.entries[d];
    sink.put(x.family, std::string_view(x.key, x.key_size), std::string_view(x.value, x.value_size));
  }
}

unsigned worker_count(unsigned requested) { return util::thread_count(requested, 8); }

void merge_into(Actor& into, const Actor& from) {
  if (!from.aliases.empty() || !from.affiliations.empty() || adds_fields(into, from))
    merge_actor(into, from);
}

bool merge_changes(const Actor& into, const ActorRef& from) { return adds_fields(into, from); }

void merge_into(Actor& into, const ActorRef& from) {
  if (!adds_fields(into, from)) return;
  if (blank(into)) {  // what merge_actor gives for a blank record: the reference's fields
    into.name = from.name;
    into.kind = from.kind;
    into.country = from.country;
    into.code = from.code;
    return;
  }
  merge_actor(into, from.to_actor());
}

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

BulkScope::BulkScope(GraphStore::Impl& impl) {
  // Only chunks of this process have written since the store was empty: the memo says which
  // keys can be stored (BulkMemo in impl.hpp).
  if (impl.bulk_memo && impl.bulk_memo->sequence != impl.db->GetLatestSequenceNumber())
    impl.bulk_memo.reset();
  if (!impl.bulk_memo && family_empty(impl, kDoc) && family_empty(impl, kEvent) &&
      family_empty(impl, kActor)) {
    impl.bulk_memo.emplace();
    impl.bulk_memo->sequence = impl.db->GetLatestSequenceNumber();
    impl.bulk_memo->actor_records.reserve(std::size_t{1} << 17);
  }
  memo_ = impl.bulk_memo ? &*impl.bulk_memo : nullptr;
  if (!memo_)
    for (Cf f : {kActor, kEvent, kDoc}) empty_[f] = family_empty(impl, f);
}

bool BulkScope::may_exist(Cf family, std::uint64_t hash) const {
  if (!memo_) return !empty_[family];
  const auto& bits = family == kDoc ? memo_->docs : family == kEvent ? memo_->events : memo_->actors;
  return BulkMemo::may_contain(bits, hash);
}

Result<std::vector<char>> fresh_records(const GraphStore::Impl& impl, const BulkScope& scope,
                                        const std::vector<std::uint64_t>& doc_hash,
                                        unsigned threads, BulkIngestResult& result,
                                        std::vector<std::optional<std::string>>* stored) {
  const std::size_t n = doc_hash.size();
  std::vector<char> fresh(n, 1);
  std::vector<char> maybe(n, 0);
  parallel_for(n, threads, [&](std::size_t begin, std::size_t end, unsigned) {
    for (std::size_t i = begin; i < end; ++i) maybe[i] = scope.may_exist(kDoc, doc_hash[i]);
  });
  std::vector<std::size_t> ask;
  for (std::size_t i = 0; i < n; ++i)
    if (maybe[i]) ask.push_back(i);
  std::vector<std::string> keys;
  keys.reserve(ask.size());
  for (std::size_t i : ask) {
    std::string k(16, '0');
    hex16_to(k.data(), doc_hash[i]);
    keys.push_back(std::move(k));
  }
  std::vector<std::optional<std::string>> found;
  if (Status s = multi_get(impl, kDoc, keys, found, threads); !s) return s;
  for (std::size_t k = 0; k < ask.size(); ++k) fresh[ask[k]] = !found[k];
  if (stored) {
    stored->assign(n, std::nullopt);
    for (std::size_t k = 0; k < ask.size(); ++k)
      if (found[k]) (*stored)[ask[k]] = std::move(found[k]);
  }
  FlatIndex<std::uint64_t, U64Hash> seen(n);
  for (std::size_t i = 0; i < n; ++i)
    if (fresh[i] && !seen.emplace(doc_hash[i], 0).second) fresh[i] = 0;
  for (char f : fresh) {
    if (f) ++result.records;
    else ++result.already_present;
  }
  return fresh;
}

void ChunkOutput::take_sinks(GraphStore::Impl& impl, unsigned threads, std::size_t events,
                             std::size_t records) {
  sinks = bulk_buffers(impl).take_sinks(threads);
  for (auto& sink : sinks) {
    const std::size_t per_thread = events / threads + 1;
    sink.reserve(kEvent, per_thread);
    sink.reserve(kAdj, 2 * per_thread);
    sink.reserve(kPair, per_thread);
    sink.reserve(kTime, per_thread);
    sink.reserve(kDoc, records / threads + 1);
  }
}

Result<std::vector<std::uint32_t>> load_events(const GraphStore::Impl& impl, const BulkScope& scope,
                                               const std::vector<EventId>& ids,
                                               std::vector<Event>& stored, unsigned threads) {
  std::vector<std::uint32_t> at(ids.size(), kNone);
  std::vector<std::size_t> ask;
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (scope.may_exist(kEvent, event_hash(ids[i]))) ask.push_back(i);
  std::vector<std::string> keys;
  keys.reserve(ask.size());
  for (std::size_t i : ask) keys.push_back(event_key(ids[i]));
  std::vector<std::optional<std::string>> vals;
  if (Status s = multi_get(impl, kEvent, keys, vals, threads); !s) return s;
  // Each found record gets its place in `stored`, then all decode on all cores.
  std::vector<std::size_t> found;  // indexes into ask
  for (std::size_t k = 0; k < ask.size(); ++k)
    if (vals[k]) {
      at[ask[k]] = static_cast<std::uint32_t>(stored.size() + found.size());
      found.push_back(k);
    }
  const std::size_t base = stored.size();
  stored.resize(base + found.size());
  std::vector<std::size_t> bad(threads, found.size());
  parallel_for(found.size(), threads, [&](std::size_t begin, std::size_t end, unsigned t) {
    for (std::size_t j = begin; j < end; ++j) {
      auto e = decode_event(*vals[found[j]]);
      if (!e) {
        bad[t] = j;
        return;
      }
      stored[base + j] = std::move(*e);
    }
  });
  const std::size_t first_bad = *std::min_element(bad.begin(), bad.end());
  if (first_bad != found.size())
    return Status::corruption("undecodable event record " + ids[ask[found[first_bad]]].hex());
  return at;
}

Status ChunkActors::load(const GraphStore::Impl& impl, const BulkScope& scope, unsigned threads) {
  existed_.assign(actors_.size(), 0);
  old_affiliations_.assign(actors_.size(), 0);
  old_bytes_.assign(actors_.size(), std::string());
  BulkMemo* memo = scope.memo();
  std::vector<std::size_t> ask;
  for (std::size_t i = 0; i < actors_.size(); ++i) {
    if (memo) {  // the memo's copy is the stored record: nothing else has written since
      auto known = memo->actor_records.find(actors_[i].id);
      if (known != memo->actor_records.end()) {
        actors_[i] = known->second.first;
        existed_[i] = 1;
        old_affiliations_[i] = actors_[i].affiliations.size();
        old_bytes_[i] = known->second.second;
        continue;
      }
    }
    if (scope.may_exist(kActor, actors_[i].id)) ask.push_back(i);
  }
  std::vector<std::string> keys;
  keys.reserve(ask.size());
  for (std::size_t i : ask) keys.push_back(actor_key(actors_[i].id));
  std::vector<std::optional<std::string>> vals;
  if (Status s = multi_get(impl, kActor, keys, vals, threads); !s) return s;
  for (std::size_t k = 0; k < ask.size(); ++k) {
    const std::size_t i = ask[k];
    if (!vals[k]) continue;
    auto a = decode_actor(*vals[k]);
    if (!a) return Status::corruption("undecodable actor record " + hex_of(keys[k]));
    actors_[i] = std::move(*a);
    existed_[i] = 1;
    old_affiliations_[i] = actors_[i].affiliations.size();
    old_bytes_[i] = std::move(*vals[k]);
  }
  return Status::ok();
}

void ChunkActors::merge_record(const Actor& a) {
  if (a.id == 0) return;
  merge_into(get(a.id), a);
  for (const auto& f : a.affiliations)
    if (f.target != 0 && !f.target_name.empty())
      merge_into(get(f.target), ActorRef{f.target, f.target_name, ActorKind::kOther, "", ""});
}

Status finish_chunk(GraphStore::Impl& impl, BulkScope& scope, ChunkActors& chunk_actors,
                    ChunkOutput& out, unsigned threads, std::size_t sst_min_records,
                    BulkIngestResult& result) {
  out.sst = result.records >= sst_min_records;
  std::vector<Actor>& actors = chunk_actors.actors_;
  BulkMemo* memo = scope.memo();
  BulkTrace lap(impl.trace_bulk);
  auto& sinks = out.sinks;
  // 1. Actor records that changed, and their names.
  std::vector<char> changed(actors.size(), 0);
  std::vector<std::string> new_bytes(memo ? actors.size() : 0);
  std::vector<std::vector<std::pair<std::string, ActorId>>> names(sinks.size());
  const unsigned workers = static_cast<unsigned>(std::min<std::size_t>(threads, sinks.size()));
  parallel_for(actors.size(), workers, [&](std::size_t begin, std::size_t end, unsigned t) {
    std::string bytes;
    for (std::size_t i = begin; i < end; ++i) {
      const Actor& a = actors[i];
      bytes.clear();
      append_actor(bytes, a);
      if (chunk_actors.existed_[i] && bytes == chunk_actors.old_bytes_[i]) continue;  // nothing new
      changed[i] = 1;
      sinks[t].put(kActor, actor_key(a.id), bytes);
      if (memo) new_bytes[i] = bytes;
      std::string first = normalize_name(a.name);
      if (!first.empty()) names[t].emplace_back(first, a.id);
      for (const auto& al : a.aliases) {
        std::string name = normalize_name(al);
        if (!name.empty() && name != first) names[t].emplace_back(std::move(name), a.id);
      }
    }
  });

  lap("actors");
  // 2. Aliases: each changed actor's names join their lists (sets, so chunking does not matter).
  // The (name, actor) pairs are sorted by the name's hash, so that each name's pairs sit
  // together: no map with a node per name (a new import's first chunk brings 100k of them).
  {
    struct NameId {
      std::uint64_t hash;
      const std::string* name;
      ActorId id;
    };
    std::vector<NameId> all;
    for (const auto& part : names)
      for (const auto& [name, id] : part) all.push_back({XXH3_64bits(name.data(), name.size()), &name, id});
    std::sort(all.begin(), all.end(), [](const NameId& a, const NameId& b) {
      if (a.hash != b.hash) return a.hash < b.hash;
      if (int c = a.name->compare(*b.name)) return c < 0;
      return a.id < b.id;
    });
    std::vector<std::size_t> starts;  // of each name's run in `all`
    for (std::size_t i = 0; i < all.size(); ++i)
      if (i == 0 || all[i].hash != all[i - 1].hash || *all[i].name != *all[i - 1].name)
        starts.push_back(i);
    std::vector<std::vector<ActorId>> lists(starts.size());
    if (!family_empty(impl, kAlias)) {
      std::vector<std::string> keys;
      keys.reserve(starts.size());
      for (std::size_t g : starts) keys.push_back(*all[g].name);
      std::vector<std::optional<std::string>> vals;
      if (Status s = multi_get(impl, kAlias, keys, vals, threads); !s) return s;
      for (std::size_t k = 0; k < keys.size(); ++k) {
        if (!vals[k]) continue;
        auto old = decode_ids(*vals[k]);
        if (!old) return Status::corruption("undecodable alias record '" + keys[k] + "'");
        lists[k] = std::move(*old);
      }
    }
    for (std::size_t k = 0; k < starts.size(); ++k) {
      const std::size_t end = k + 1 < starts.size() ? starts[k + 1] : all.size();
      std::vector<ActorId>& ids = lists[k];
      bool grew = false;
      for (std::size_t i = starts[k]; i < end; ++i)
        if (std::find(ids.begin(), ids.end(), all[i].id) == ids.end()) {
          ids.push_back(all[i].id);
          grew = true;
        }
      if (!grew) continue;
      std::sort(ids.begin(), ids.end());
      sinks[0].put(kAlias, *all[starts[k]].name, encode_ids(ids));
    }
  }

  // 3. Counters.
  std::uint64_t d_actors = 0, d_affiliations = 0;
  for (std::size_t i = 0; i < actors.size(); ++i) {
    if (!changed[i]) continue;
    if (!chunk_actors.existed_[i]) ++d_actors;
    d_affiliations += actors[i].affiliations.size() - chunk_actors.old_affiliations_[i];
  }
  struct Delta {
    std::string_view name;
    std::uint64_t add;
  };
  for (Delta d : {Delta{kMetaDocuments, result.records}, Delta{kMetaMentions, out.mentions},
                  Delta{kMetaActors, d_actors}, Delta{kMetaEvents, out.events},
                  Delta{kMetaEdges, out.edges}, Delta{kMetaAffiliations, d_affiliations}}) {
    auto c = impl.counter(d.name);
    if (!c) return c.error();
    sinks[0].put(kMeta, d.name, encode_counter(*c + d.add));
  }

  lap("aliases");
  // 4. The write, and what the memo learns from it.
  result.used_sst = out.sst;
  Status written = write_chunk(impl, sinks, out.sst, threads);
  bulk_buffers(impl).put_sinks(std::move(sinks));
  if (!written) {
    impl.bulk_memo.reset();  // what was written is not known
    return written;
  }
  lap("write");
  if (memo) {
    parallel_for(out.fresh_docs.size(), threads, [&](std::size_t begin, std::size_t end, unsigned) {
      for (std::size_t i = begin; i < end; ++i) BulkMemo::add_shared(memo->docs, out.fresh_docs[i]);
    });
    parallel_for(out.event_ids.size(), threads, [&](std::size_t begin, std::size_t end, unsigned) {
      for (std::size_t i = begin; i < end; ++i)
        BulkMemo::add_shared(memo->events, event_hash(out.event_ids[i]));
    });
    for (const Actor& a : actors) BulkMemo::add(memo->actors, a.id);
    for (std::size_t i = 0; i < actors.size(); ++i) {
      if (!changed[i]) continue;
      if (memo->actor_records.size() >= BulkMemo::kActorRecords &&
          !memo->actor_records.count(actors[i].id))
        continue;  // full: later chunks look this one up
      memo->actor_records[actors[i].id] = {std::move(actors[i]), std::move(new_bytes[i])};
    }
    memo->sequence = impl.db->GetLatestSequenceNumber();
  }
  lap("memo");
  return Status::ok();
}

}  // namespace diplograph::store
