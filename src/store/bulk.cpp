// GraphStore::ingest_bulk: a chunk of imported records in one atomic step. Records fold into the
// stored actors and events in input order, as one ingest() per record would, so the result does
// not depend on where chunk boundaries fall (an interrupted import that is resumed ends equal to
// an uninterrupted one). Large chunks become sorted SST files, one per column family, handed to
// IngestExternalFiles in one call: RocksDB adds all of them to the MANIFEST at once or none.
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "diplograph/graph_store.hpp"
#include "store/derived.hpp"
#include "store/impl.hpp"
#include "store/key_codec.hpp"
#include "store/merge.hpp"
#include "store/records.hpp"

namespace diplograph {

using namespace store;

namespace {

struct EventIdHash {
  std::size_t operator()(const EventId& id) const { return id.hi ^ (id.lo * 0x9E3779B97F4A7C15ull); }
};

struct Pending {
  std::vector<std::pair<std::string, std::string>> kv[kCfCount];
  void put(Cf f, std::string k, std::string v) { kv[f].emplace_back(std::move(k), std::move(v)); }
};

// False when merge_actor(into, from) would change nothing, decided without normalizing names:
// the common case of a bulk import, where the same actor comes back record after record.
bool adds_something(const Actor& into, const Actor& from) {
  if (!from.aliases.empty() || !from.affiliations.empty()) return true;
  if (!from.name.empty() && from.name != into.name) return true;
  if (into.name.empty()) return true;
  if (into.kind == ActorKind::kOther && from.kind != ActorKind::kOther) return true;
  if (into.country.empty() && !from.country.empty()) return true;
  if (into.code.empty() && !from.code.empty()) return true;
  return false;
}

// Reads many keys of one family at once; missing ones come back as nullopt.
Status multi_get(const GraphStore::Impl& impl, Cf family, const std::vector<std::string>& keys,
                 std::vector<std::optional<std::string>>& out) {
  out.assign(keys.size(), std::nullopt);
  constexpr std::size_t kBatch = 4096;
  std::vector<rocksdb::Slice> slices;
  std::vector<rocksdb::PinnableSlice> values;
  std::vector<rocksdb::Status> statuses;
  for (std::size_t base = 0; base < keys.size(); base += kBatch) {
    std::size_t n = std::min(kBatch, keys.size() - base);
    slices.clear();
    for (std::size_t i = 0; i < n; ++i) slices.emplace_back(keys[base + i]);
    values.clear();
    values.resize(n);
    statuses.assign(n, rocksdb::Status());
    impl.db->MultiGet(rocksdb::ReadOptions(), impl.cf[family], n, slices.data(), values.data(),
                      statuses.data());
    for (std::size_t i = 0; i < n; ++i) {
      if (statuses[i].ok()) out[base + i] = values[i].ToString();
      else if (!statuses[i].IsNotFound()) return from_rocks(statuses[i], "bulk read");
    }
  }
  return Status::ok();
}

// Writes each family's pairs, sorted, to one SST file and ingests them all in one call.
Status write_ssts(GraphStore::Impl& impl, Pending& p) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(impl.dir) / "bulk.tmp";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::io_error("cannot create " + dir.string() + ": " + ec.message());
  std::vector<std::string> paths(kCfCount);
  std::vector<Status> results(kCfCount);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t f; (f = next++) < kCfCount;) {
      auto& kv = p.kv[f];
      if (kv.empty()) continue;
      std::sort(kv.begin(), kv.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      // The last put of a key wins, as in a WriteBatch: keep the later of equal keys.
      std::vector<std::pair<std::string, std::string>> uniq;
      uniq.reserve(kv.size());
      for (auto& e : kv) {
        if (!uniq.empty() && uniq.back().first == e.first) uniq.back() = std::move(e);
        else uniq.push_back(std::move(e));
      }
      rocksdb::Options opts(rocksdb::DBOptions(), family_options());
      rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), opts, impl.cf[f]);
      paths[f] = (dir / ("cf" + std::to_string(f) + "-" + std::to_string(::getpid()) + ".sst"))
                     .string();
      rocksdb::Status s = writer.Open(paths[f]);
      for (std::size_t i = 0; s.ok() && i < uniq.size(); ++i) s = writer.Put(uniq[i].first, uniq[i].second);
      if (s.ok()) s = writer.Finish();
      results[f] = from_rocks(s, "write SST file");
    }
  };
  unsigned threads = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  for (const Status& s : results)
    if (!s) return s;

  std::vector<rocksdb::IngestExternalFileArg> args;
  for (std::size_t f = 0; f < kCfCount; ++f) {
    if (paths[f].empty()) continue;
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = impl.cf[f];
    arg.external_files = {paths[f]};
    arg.options.move_files = true;  // hard links: no copy
    arg.options.allow_blocking_flush = true;
    args.push_back(std::move(arg));
  }
  Status st = from_rocks(impl.db->IngestExternalFiles(args), "ingest SST files");
  for (const auto& path : paths)
    if (!path.empty()) fs::remove(path, ec);
  return st;
}

Status write_batch(GraphStore::Impl& impl, const Pending& p) {
  rocksdb::WriteBatch batch;
  for (std::size_t f = 0; f < kCfCount; ++f)
    for (const auto& [k, v] : p.kv[f])
      if (auto s = batch.Put(impl.cf[f], k, v); !s.ok()) return from_rocks(s, "build write batch");
  rocksdb::WriteOptions wo;
  wo.disableWAL = false;  // the WAL is what makes the chunk survive a crash
  return from_rocks(impl.db->Write(wo, &batch), "write chunk");
}

}  // namespace

Result<BulkIngestResult> GraphStore::ingest_bulk(const std::vector<ImportedRecord>& records,
                                                 std::size_t sst_min_records) {
  if (impl_->read_only)
    return Status::invalid_input("the database '" + impl_->dir + "' is open read-only");
  BulkIngestResult result;

  // 1. Which records are new: not stored, and not earlier in this chunk.
  std::vector<std::string> doc_keys;
  doc_keys.reserve(records.size());
  for (const auto& r : records) doc_keys.push_back(r.record_key());
  std::vector<std::optional<std::string>> found;
  if (Status s = multi_get(*impl_, kDoc, doc_keys, found); !s) return s;
  std::vector<bool> fresh(records.size(), false);
  {
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (found[i] || !seen.insert(doc_keys[i]).second) ++result.already_present;
      else fresh[i] = true;
    }
  }

  // 2. Every actor and event the new records touch, loaded once.
  std::unordered_map<ActorId, std::size_t> actor_at;
  std::vector<Actor> actors;
  std::vector<char> actor_existed;
  std::vector<std::size_t> old_affiliations;
  std::vector<std::string> actor_old_bytes;
  std::unordered_map<EventId, std::size_t, EventIdHash> event_at;
  std::vector<Event> events;
  std::vector<char> event_existed;
  std::vector<std::size_t> added_mentions;
  auto note_actor = [&](ActorId id) {
    if (id != 0 && actor_at.emplace(id, actors.size()).second) {
      actors.emplace_back();
      actors.back().id = id;
    }
  };
  for (std::size_t i = 0; i < records.size(); ++i) {
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
      if (event_at.emplace(e.id, events.size()).second) {
        events.emplace_back();
        events.back().id = e.id;
      }
    }
  }
  {
    std::vector<std::string> keys;
    keys.reserve(actors.size());
    for (const Actor& a : actors) keys.push_back(actor_key(a.id));
    std::vector<std::optional<std::string>> vals;
    if (Status s = multi_get(*impl_, kActor, keys, vals); !s) return s;
    actor_existed.assign(actors.size(), 0);
    old_affiliations.assign(actors.size(), 0);
    actor_old_bytes.assign(actors.size(), std::string());
    for (std::size_t i = 0; i < actors.size(); ++i) {
      if (!vals[i]) continue;
      auto a = decode_actor(*vals[i]);
      if (!a) return Status::corruption("undecodable actor record " + keys[i]);
      actors[i] = std::move(*a);
      actor_existed[i] = 1;
      old_affiliations[i] = actors[i].affiliations.size();
      actor_old_bytes[i] = std::move(*vals[i]);
    }
  }
  {
    std::vector<std::string> keys;
    keys.reserve(events.size());
    for (const Event& e : events) keys.push_back(event_key(e.id));
    std::vector<std::optional<std::string>> vals;
    if (Status s = multi_get(*impl_, kEvent, keys, vals); !s) return s;
    event_existed.assign(events.size(), 0);
    added_mentions.assign(events.size(), 0);
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (!vals[i]) continue;
      auto e = decode_event(*vals[i]);
      if (!e) return Status::corruption("undecodable event record " + events[i].id.hex());
      events[i] = std::move(*e);
      event_existed[i] = 1;
    }
  }

  // 3. Fold the records in order, exactly as ingest() folds one document.
  Pending out;
  std::vector<char> event_started(events.size(), 0);
  for (std::size_t i = 0; i < events.size(); ++i) event_started[i] = event_existed[i];
  std::uint64_t d_docs = 0, d_mentions = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!fresh[i]) continue;
    const ImportedRecord& r = records[i];
    ++d_docs;
    ++result.records;
    for (const Actor& a : r.extraction.actors)
      if (a.id != 0) {
        Actor& into = actors[actor_at[a.id]];
        if (adds_something(into, a)) merge_actor(into, a);
      }
    auto ensure = [&](const ActorRef& ref) {
      if (ref.id == 0) return;
      Actor& into = actors[actor_at[ref.id]];
      Actor a = ref.to_actor();
      if (adds_something(into, a)) merge_actor(into, a);
    };
    DocRecord doc{r.doc.id, r.doc.title, r.doc.source, r.doc.url, r.doc.published, {}};
    const std::string mention_doc = r.doc.id.empty() ? doc_keys[i] : r.doc.id;
    for (Event e : r.extraction.events) {
      for (auto& m : e.mentions)
        if (m.doc.empty()) m.doc = mention_doc;
      ensure(e.source);
      if (e.target) ensure(*e.target);
      for (const auto& t : e.topics) ensure(t);
      std::size_t at = event_at[e.id];
      if (!event_started[at]) {
        events[at] = e;
        events[at].mentions.clear();
        event_started[at] = 1;
      }
      added_mentions[at] += merge_mentions(events[at], e);
      if (std::find(doc.events.begin(), doc.events.end(), e.id) == doc.events.end())
        doc.events.push_back(e.id);
    }
    for (const Actor& a : r.extraction.actors)
      for (const auto& f : a.affiliations)
        if (f.target != 0 && !f.target_name.empty())
          ensure(ActorRef{f.target, f.target_name, ActorKind::kOther, "", ""});
    out.put(kDoc, doc_keys[i], encode_doc(doc));
  }

  // 4. Records and derived keys.
  std::uint64_t d_actors = 0, d_affiliations = 0, d_events = 0, d_edges = 0;
  std::unordered_set<std::string> alias_names;
  std::vector<std::pair<std::string, ActorId>> alias_adds;
  for (std::size_t i = 0; i < actors.size(); ++i) {
    const Actor& a = actors[i];
    std::string bytes = encode_actor(a);
    if (actor_existed[i] && bytes == actor_old_bytes[i]) continue;  // nothing new
    if (!actor_existed[i]) ++d_actors;
    d_affiliations += a.affiliations.size() - old_affiliations[i];
    out.put(kActor, actor_key(a.id), std::move(bytes));
    std::unordered_set<std::string> names{normalize_name(a.name)};
    for (const auto& al : a.aliases) names.insert(normalize_name(al));
    for (const auto& n : names) {
      if (n.empty()) continue;
      alias_names.insert(n);
      alias_adds.emplace_back(n, a.id);
    }
  }
  {
    std::vector<std::string> keys(alias_names.begin(), alias_names.end());
    std::vector<std::optional<std::string>> vals;
    if (Status s = multi_get(*impl_, kAlias, keys, vals); !s) return s;
    std::unordered_map<std::string, std::vector<ActorId>> lists;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      auto& ids = lists[keys[i]];
      if (!vals[i]) continue;
      auto old = decode_ids(*vals[i]);
      if (!old) return Status::corruption("undecodable alias record '" + keys[i] + "'");
      ids = std::move(*old);
    }
    std::unordered_set<std::string> changed;
    for (const auto& [n, id] : alias_adds) {
      auto& ids = lists[n];
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
        ids.push_back(id);
        changed.insert(n);
      }
    }
    for (const auto& n : changed) {
      auto& ids = lists[n];
      std::sort(ids.begin(), ids.end());  // a set: the same whatever the chunking
      out.put(kAlias, n, encode_ids(ids));
    }
  }
  for (std::size_t i = 0; i < events.size(); ++i) {
    d_mentions += added_mentions[i];
    if (event_existed[i]) {
      ++result.events_merged;
      continue;
    }
    ++result.events_new;
    ++d_events;
    if (events[i].target) ++d_edges;
  }
  // Encoding is most of the CPU of a chunk: split it over the cores, then concatenate (the SST
  // writer sorts; a WriteBatch needs no order).
  {
    unsigned threads = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
    std::vector<Pending> parts(threads);
    auto work = [&](unsigned t) {
      for (std::size_t i = t; i < events.size(); i += threads) {
        const Event& e = events[i];
        parts[t].put(kEvent, event_key(e.id), encode_event(e));
        if (event_existed[i]) continue;  // derived keys depend only on the id's inputs
        for (auto& d : derived_keys(e)) parts[t].put(d.family, std::move(d.key), std::move(d.value));
      }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& th : pool) th.join();
    for (auto& part : parts)
      for (std::size_t f = 0; f < kCfCount; ++f)
        for (auto& kv : part.kv[f]) out.kv[f].push_back(std::move(kv));
  }
  if (result.records == 0) return result;

  struct Delta {
    std::string_view name;
    std::uint64_t add;
  };
  for (Delta d : {Delta{kMetaDocuments, d_docs}, Delta{kMetaMentions, d_mentions},
                  Delta{kMetaActors, d_actors}, Delta{kMetaEvents, d_events},
                  Delta{kMetaEdges, d_edges}, Delta{kMetaAffiliations, d_affiliations}}) {
    auto n = impl_->counter(d.name);
    if (!n) return n.error();
    out.put(kMeta, std::string(d.name), encode_counter(*n + d.add));
  }

  if (result.records >= sst_min_records) {
    result.used_sst = true;
    if (Status s = write_ssts(*impl_, out); !s) return s;
  } else if (Status s = write_batch(*impl_, out); !s) {
    return s;
  }
  return result;
}

}  // namespace diplograph
