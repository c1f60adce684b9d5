// GraphStore::ingest: one document, its actors and events, and every derived key in one atomic
// WriteBatch (the database holds all of a document or none of it).
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "diplograph/graph_store.hpp"
#include "store/impl.hpp"
#include "store/key_codec.hpp"
#include "store/merge.hpp"
#include "store/records.hpp"

namespace diplograph {

using namespace store;

namespace {

// The per-ingest working set: records as they will be written, read from the DB at most once.
class Staging {
 public:
  explicit Staging(const GraphStore::Impl& impl) : impl_(impl) {}

  struct PendingActor {
    Actor actor;
    bool existed = false;
    std::size_t old_affiliations = 0;
  };
  struct PendingEvent {
    Event event;
    bool existed = false;
    std::size_t added_mentions = 0;
  };

  Status upsert_actor(const Actor& a) {
    if (a.id == 0) return Status::ok();  // 0 means "none"
    auto p = load_actor(a.id);
    if (!p) return p.error();
    merge_actor((*p)->actor, a);
    return Status::ok();
  }

  // Ensures a record exists for an actor only known by reference (an event end, a topic, an
  // affiliation target), so that every vertex can be named and resolved.
  Status ensure_actor(const ActorRef& r) {
    return upsert_actor(r.to_actor());
  }

  Status upsert_event(const Event& e) {
    auto it = events_.find(e.id);
    if (it == events_.end()) {
      PendingEvent p;
      std::string v;
      Status s = impl_.get(kEvent, event_key(e.id), &v);
      if (s) {
        auto old = decode_event(v);
        if (!old) return Status::corruption("undecodable event record " + e.id.hex());
        p.event = std::move(*old);
        p.existed = true;
      } else if (s.code() != StatusCode::kNotFound) {
        return s;
      } else {
        p.event = e;
        p.event.mentions.clear();
      }
      it = events_.emplace(e.id, std::move(p)).first;
    }
    it->second.added_mentions += merge_mentions(it->second.event, e);
    return Status::ok();
  }

  // Adds every put to `batch` and returns the counter deltas.
  Status write(rocksdb::WriteBatch& batch, const std::string& doc_key, const DocRecord& doc,
               IngestResult& result) {
    std::uint64_t d_actors = 0, d_affiliations = 0, d_events = 0, d_edges = 0, d_mentions = 0;
    std::map<std::string, std::vector<ActorId>> aliases;
    for (auto& [id, p] : actors_) {
      if (!p.existed) ++d_actors;
      d_affiliations += p.actor.affiliations.size() - p.old_affiliations;
      put(batch, kActor, actor_key(id), encode_actor(p.actor));
      std::set<std::string> names{normalize_name(p.actor.name)};
      for (const auto& a : p.actor.aliases) names.insert(normalize_name(a));
      for (const auto& n : names) {
        if (n.empty()) continue;
        auto list = load_alias(aliases, n);
        if (!list) return list.error();
        auto& ids = **list;
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
          ids.push_back(id);
          std::sort(ids.begin(), ids.end());  // as the bulk path writes them: order-free
        }
      }
    }
    for (const auto& [name, ids] : aliases) put(batch, kAlias, name, encode_ids(ids));

    for (auto& [id, p] : events_) {
      const Event& e = p.event;
      d_mentions += p.added_mentions;
      put(batch, kEvent, event_key(id), encode_event(e));
      if (p.existed) {
        ++result.events_merged;
        // Derived keys depend only on the id's inputs, but for the pair value's direction, which
        // an undirected event's leading report may have changed (merge_mentions).
        if (is_undirected(e.type) && e.target) {
          PairRow r{std::min(e.source.id, e.target->id), std::max(e.source.id, e.target->id),
                    e.date.days, e.type, id, e.status, e.date.precision,
                    e.source.id <= e.target->id};
          put(batch, kPair, pair_key(r), pair_value(r));
        }
        continue;
      }
      ++result.events_new;
      ++d_events;
      ActorId target = e.target ? e.target->id : 0;
      AdjEntry a{e.source.id, e.date.days, e.type, true, target, id, e.status, e.date.precision};
      put(batch, kAdj, adj_key(a), adj_value(a));
      if (target != 0) {
        ++d_edges;
        AdjEntry b{target, e.date.days, e.type, is_undirected(e.type), e.source.id, id, e.status,
                   e.date.precision};
        put(batch, kAdj, adj_key(b), adj_value(b));
        PairRow r{std::min(e.source.id, target), std::max(e.source.id, target), e.date.days,
                  e.type, id, e.status, e.date.precision, e.source.id <= target};
        put(batch, kPair, pair_key(r), pair_value(r));
      }
      put(batch, kTime, time_key(e.date.days, id), "");
    }
    put(batch, kDoc, doc_key, encode_doc(doc));

    struct Delta {
      std::string_view name;
      std::uint64_t add;
    };
    for (Delta d : {Delta{kMetaDocuments, 1}, Delta{kMetaMentions, d_mentions},
                    Delta{kMetaActors, d_actors}, Delta{kMetaEvents, d_events},
                    Delta{kMetaEdges, d_edges}, Delta{kMetaAffiliations, d_affiliations}}) {
      auto n = impl_.counter(d.name);
      if (!n) return n.error();
      put(batch, kMeta, std::string(d.name), encode_counter(*n + d.add));
    }
    return Status::ok();
  }

  Status batch_status() const { return batch_status_; }

 private:
  Result<PendingActor*> load_actor(ActorId id) {
    auto it = actors_.find(id);
    if (it != actors_.end()) return &it->second;
    PendingActor p;
    p.actor.id = id;
    std::string v;
    Status s = impl_.get(kActor, actor_key(id), &v);
    if (s) {
      auto old = decode_actor(v);
      if (!old) return Status::corruption("undecodable actor record");
      p.actor = std::move(*old);
      p.existed = true;
      p.old_affiliations = p.actor.affiliations.size();
    } else if (s.code() != StatusCode::kNotFound) {
      return s;
    }
    return &actors_.emplace(id, std::move(p)).first->second;
  }

  Result<std::vector<ActorId>*> load_alias(std::map<std::string, std::vector<ActorId>>& cache,
                                           const std::string& name) {
    auto it = cache.find(name);
    if (it != cache.end()) return &it->second;
    std::vector<ActorId> ids;
    std::string v;
    Status s = impl_.get(kAlias, name, &v);
    if (s) {
      auto old = decode_ids(v);
      if (!old) return Status::corruption("undecodable alias record '" + name + "'");
      ids = std::move(*old);
    } else if (s.code() != StatusCode::kNotFound) {
      return s;
    }
    return &cache.emplace(name, std::move(ids)).first->second;
  }

  void put(rocksdb::WriteBatch& batch, Cf family, const std::string& key,
           const std::string& value) {
    rocksdb::Status s = batch.Put(impl_.cf[family], key, value);
    if (!s.ok() && batch_status_) batch_status_ = from_rocks(s, "build write batch");
  }

  const GraphStore::Impl& impl_;
  std::map<ActorId, PendingActor> actors_;
  std::map<EventId, PendingEvent> events_;
  Status batch_status_;
};

}  // namespace

Result<IngestResult> GraphStore::ingest(const Document& doc, const Extraction& extraction) {
  if (impl_->read_only)
    return Status::invalid_input("the database '" + impl_->dir + "' is open read-only");
  std::lock_guard<std::recursive_mutex> writing(impl_->write_mutex);
  if (Status st = impl_->writable(); !st) return st;
  IngestResult result;
  const std::string doc_key = doc.content_key();
  std::string existing;
  Status s = impl_->get(kDoc, doc_key, &existing);
  if (s) {
    // Stored before: the same knowledge (or a caller without a version) changes nothing;
    // another version extracts it anew, so a store follows the extractor's improvements.
    auto old = decode_doc(existing);
    if (!old) return Status::corruption("document record " + doc_key + " does not decode");
    // Another copy of the article (the same text and date under another id) takes the stored
    // one's place when its id sorts first: which copy a store keeps does not depend on the order
    // they come in (the bulk merge of per-document records keeps the same one).
    const bool same_knowledge = extraction.knowledge.empty() || old->knowledge == extraction.knowledge;
    const bool supersedes = doc.id < old->id;
    if (same_knowledge && !supersedes) {
      result.already_present = true;
      return result;
    }
    auto removed = remove_document(doc_key);
    if (!removed) return removed.error();
    result.replaced = !same_knowledge;
    result.superseded = same_knowledge;
  } else if (s.code() != StatusCode::kNotFound) {
    return s;
  }

  Staging staging(*impl_);
  for (const Actor& a : extraction.actors)
    if (Status st = staging.upsert_actor(a); !st) return st;

  DocRecord record{doc.id, doc.title, doc.source, doc.url, doc.published, {}, extraction.knowledge};
  const std::string mention_doc = doc.id.empty() ? doc_key : doc.id;
  for (Event e : extraction.events) {
    // A mention without a document names this one, so sources() counts it.
    for (auto& m : e.mentions)
      if (m.doc.empty()) m.doc = mention_doc;
    for (const ActorRef* r : {&e.source, e.target ? &*e.target : nullptr}) {
      if (r)
        if (Status st = staging.ensure_actor(*r); !st) return st;
    }
    for (const ActorRef& t : e.topics)
      if (Status st = staging.ensure_actor(t); !st) return st;
    if (Status st = staging.upsert_event(e); !st) return st;
    if (std::find(record.events.begin(), record.events.end(), e.id) == record.events.end())
      record.events.push_back(e.id);
  }
  // Affiliation targets become vertices even when the extraction did not list them.
  for (const Actor& a : extraction.actors) {
    for (const Affiliation& f : a.affiliations) {
      if (f.target == 0 || f.target_name.empty()) continue;
      if (Status st = staging.ensure_actor(ActorRef{f.target, f.target_name, ActorKind::kOther, "",
                                                    ""});
          !st)
        return st;
    }
  }

  rocksdb::WriteBatch batch;
  if (Status st = staging.write(batch, doc_key, record, result); !st) return st;
  if (Status st = staging.batch_status(); !st) return st;
  rocksdb::WriteOptions wo;
  wo.disableWAL = false;  // the WAL is what makes a batch survive a crash
  if (Status st = impl_->wrote(impl_->db->Write(wo, &batch), "write document"); !st) return st;
  return result;
}

}  // namespace diplograph
