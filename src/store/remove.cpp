// GraphStore::remove_document: retraction. A document's mentions leave their events; an event
// left with no mention goes, with its derived keys, in the same WriteBatch as everything else,
// so a crash leaves the document either fully present or fully retracted.
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <map>

#include "diplograph/graph_store.hpp"
#include "store/derived.hpp"
#include "store/impl.hpp"
#include "store/key_codec.hpp"
#include "store/records.hpp"

namespace diplograph {

using namespace store;

namespace {

bool is_doc_key(std::string_view s) {
  return s.size() == 16 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

}  // namespace

Result<RemoveResult> GraphStore::remove_document(std::string_view id) {
  if (impl_->read_only)
    return Status::invalid_input("the database '" + impl_->dir + "' is open read-only");
  std::lock_guard<std::recursive_mutex> writing(impl_->write_mutex);
  if (Status st = impl_->writable(); !st) return st;
  // The document keys `id` names: a store key, an imported record's id, or a document id.
  std::vector<std::string> keys;
  std::string v;
  for (std::string k : {is_doc_key(id) ? std::string(id) : std::string(), record_doc_key(id)}) {
    if (k.empty()) continue;
    Status s = impl_->get(kDoc, k, &v);
    if (s) {
      keys.push_back(k);
      break;
    }
    if (s.code() != StatusCode::kNotFound) return s;
  }
  if (keys.empty()) {
    std::unique_ptr<rocksdb::Iterator> it(
        impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->cf[kDoc]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      auto d = decode_doc(std::string_view(it->value().data(), it->value().size()));
      if (d && d->id == id) keys.push_back(it->key().ToString());
    }
    if (Status s = from_rocks(it->status(), "scan documents"); !s) return s;
  }
  if (keys.empty()) return Status::not_found("no document '" + std::string(id) + "'");

  RemoveResult result;
  rocksdb::WriteBatch batch;
  std::map<EventId, std::optional<Event>> events;  // working copies; nullopt = removed
  std::uint64_t d_edges = 0;
  for (const std::string& key : keys) {
    Status s = impl_->get(kDoc, key, &v);
    if (!s) return s;
    auto doc = decode_doc(v);
    if (!doc) return Status::corruption("undecodable doc record " + key);
    const std::string mention_doc = doc->id.empty() ? key : doc->id;
    for (const EventId& eid : doc->events) {
      auto it = events.find(eid);
      if (it == events.end()) {
        std::string ev;
        Status es = impl_->get(kEvent, event_key(eid), &ev);
        if (es.code() == StatusCode::kNotFound) continue;  // already gone
        if (!es) return es;
        auto e = decode_event(ev);
        if (!e) return Status::corruption("undecodable event record " + eid.hex());
        it = events.emplace(eid, std::move(*e)).first;
      }
      if (!it->second) continue;
      auto& ms = it->second->mentions;
      std::size_t before = ms.size();
      ms.erase(std::remove_if(ms.begin(), ms.end(),
                              [&](const Mention& m) { return m.doc == mention_doc; }),
               ms.end());
      result.mentions += before - ms.size();
      if (ms.empty()) {
        for (const auto& d : derived_keys(*it->second))
          if (auto st = batch.Delete(impl_->cf[d.family], d.key); !st.ok())
            return from_rocks(st, "build batch");
        if (it->second->target) ++d_edges;
        ++result.events_removed;
        it->second.reset();
      }
    }
    if (auto st = batch.Delete(impl_->cf[kDoc], key); !st.ok()) return from_rocks(st, "build batch");
    ++result.documents;
  }
  for (const auto& [eid, e] : events) {
    rocksdb::Status st = e ? batch.Put(impl_->cf[kEvent], event_key(eid), encode_event(*e))
                           : batch.Delete(impl_->cf[kEvent], event_key(eid));
    if (!st.ok()) return from_rocks(st, "build batch");
  }
  struct Delta {
    std::string_view name;
    std::uint64_t sub;
  };
  for (Delta d : {Delta{kMetaDocuments, result.documents}, Delta{kMetaMentions, result.mentions},
                  Delta{kMetaEvents, result.events_removed}, Delta{kMetaEdges, d_edges}}) {
    auto n = impl_->counter(d.name);
    if (!n) return n.error();
    std::uint64_t left = *n >= d.sub ? *n - d.sub : 0;
    if (auto st = batch.Put(impl_->cf[kMeta], std::string(d.name), encode_counter(left));
        !st.ok())
      return from_rocks(st, "build batch");
  }
  rocksdb::WriteOptions wo;
  if (Status s = impl_->wrote(impl_->db->Write(wo, &batch), "remove document"); !s) return s;
  return result;
}

}  // namespace diplograph
