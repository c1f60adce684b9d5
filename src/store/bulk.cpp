// BulkLoader::add of records: a chunk of imported records in one atomic step. Records fold into the
// stored actors and events in input order, as one ingest() per record would, so the result does
// not depend on where chunk boundaries fall (an interrupted import that is resumed ends equal to
// an uninterrupted one). What can be done per record or per event runs on all cores: hashing the
// doc keys, encoding records and derived keys; the fold itself is one pass with flat hash maps
// and copies nothing for the usual record (one event, reported once). bulk_common.cpp holds
// what this shares with the edge rows' add (bulk_edges.cpp); bulk_write.cpp sorts and writes the result.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "diplograph/bulk_load.hpp"
#include "diplograph/graph_store.hpp"
#include "store/bulk_common.hpp"
#include "store/derived.hpp"
#include "store/impl.hpp"
#include "store/key_codec.hpp"
#include "store/merge.hpp"
#include "store/records.hpp"

namespace diplograph {

using namespace store;

namespace {

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

// An event as the chunk has it: the stored record or a materialized merge (`merged`), or, for
// an event only this chunk reports, once, its one report as the record gives it (`first`).
struct EventState {
  const Event* first = nullptr;
  std::uint32_t first_record = 0;
  std::uint32_t merged = kNone;
  bool existed = false;
  std::size_t added_mentions = 0;
  std::uint32_t reports = 0;  // new records' events folded into it
};

}  // namespace

Result<BulkIngestResult> BulkLoader::add(const std::vector<ImportedRecord>& records,
                                         std::size_t sst_min_records, unsigned requested_threads) {
  if (!store_) return Status::invalid_input("the bulk load is finished");
  GraphStore::Impl* impl_ = store_->impl_.get();
  if (impl_->read_only)
    return Status::invalid_input("the database '" + impl_->dir + "' is open read-only");
  std::lock_guard<std::recursive_mutex> writing(impl_->write_mutex);
  BulkIngestResult result;
  const unsigned threads = worker_count(requested_threads);
  const std::size_t n = records.size();
  BulkTrace lap(impl_->trace_bulk);

  // 1. Which records are new: not stored, and not earlier in this chunk.
  std::vector<std::uint64_t> doc_hash(n);
  parallel_for(n, threads, [&](std::size_t begin, std::size_t end, unsigned) {
    for (std::size_t i = begin; i < end; ++i) {
      if (i + kAhead < end) prefetch(records[i + kAhead]);
      const std::string& key = records[i].key;
      doc_hash[i] = key.empty() ? record_doc_hash(records[i].doc.id) : doc_key_hash(key);
    }
  });
  BulkScope scope(*impl_);
  const bool keyed = std::any_of(records.begin(), records.end(),
                                 [](const ImportedRecord& r) { return !r.key.empty(); });
  std::vector<std::optional<std::string>> stored_docs;
  auto fresh_or =
      fresh_records(*impl_, scope, doc_hash, threads, result, keyed ? &stored_docs : nullptr);
  if (!fresh_or) return fresh_or.error();
  std::vector<char>& fresh = *fresh_or;
  if (keyed) {
    // Copies of one article (records with one content key under different ids) are one document:
    // the copy whose id sorts first, as GraphStore::ingest keeps it, whatever order they come in.
    struct Copies {
      std::size_t best;  // the record kept
      std::size_t count = 1;
    };
    std::vector<Copies> copies;                       // one per content key
    FlatIndex<std::uint64_t, U64Hash> copies_at(n);  // by content key: index into copies
    for (std::size_t i = 0; i < n; ++i) {
      if (records[i].key.empty()) continue;
      auto [at, added] = copies_at.emplace(doc_hash[i], static_cast<std::uint32_t>(copies.size()));
      if (added) {
        copies.push_back(Copies{i});
        continue;
      }
      Copies& c = copies[at];
      ++c.count;
      if (records[i].doc.id < records[c.best].doc.id) c.best = i;
    }
    std::vector<std::string> superseded;  // stored copies a record of this chunk sorts before
    for (std::size_t i = 0; i < n; ++i) {
      if (records[i].key.empty()) continue;
      const Copies& c = copies[copies_at.find(doc_hash[i])];
      if (stored_docs[i]) {
        if (c.best != i) continue;
        auto doc = decode_doc(*stored_docs[i]);
        if (!doc) return Status::corruption("undecodable doc record " + records[i].key);
        if (records[i].doc.id < doc->id) superseded.push_back(records[i].key);
      } else if (c.count > 1 && fresh[i] && c.best != i) {
        fresh[i] = 0;  // the first copy in the chunk: its place goes to the one kept
        fresh[c.best] = 1;
      }
    }
    if (!superseded.empty()) {
      // Rare: take the stored copies out (each its own atomic batch), then store the chunk.
      for (const std::string& key : superseded)
        if (auto r = store_->remove_document(key); !r) return r.error();
      return add(records, sst_min_records, requested_threads);
    }
  }
  if (result.records == 0) return result;
  lap("docs");

  // 2. Every actor and event the new records touch, loaded once. An event's source or target
  // that an earlier chunk of this load stored as the event names it would change nothing: most
  // of them, after the first chunk. They are neither loaded nor merged (`settled`, one flag per
  // event's source and target, in fold order), as bulk_edges.cpp skips settled names.
  const BulkMemo* memo = scope.memo();
  auto unchanged = [memo](const ActorRef& ref) {
    if (!memo || ref.id == 0) return false;
    auto known = memo->actor_records.find(ref.id);
    return known != memo->actor_records.end() && !merge_changes(known->second.first, ref);
  };
  std::vector<char> settled;
  ChunkActors actors(n / 4 + 16);
  FlatIndex<EventId, EventIdHash> event_at(n + 16);
  std::vector<EventState> events;
  ChunkOutput out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) prefetch(records[i + kAhead]);
    if (!fresh[i]) continue;
    for (const Actor& a : records[i].extraction.actors) {
      actors.note(a.id);
      for (const auto& f : a.affiliations)
        if (!f.target_name.empty()) actors.note(f.target);
    }
    for (const Event& e : records[i].extraction.events) {
      const char source_settled = unchanged(e.source);
      const char target_settled = e.target && unchanged(*e.target);
      settled.push_back(source_settled);
      settled.push_back(target_settled);
      if (!source_settled) actors.note(e.source.id);
      if (e.target && !target_settled) actors.note(e.target->id);
      for (const auto& t : e.topics) actors.note(t.id);
      if (event_at.emplace(e.id, static_cast<std::uint32_t>(events.size())).second) {
        events.emplace_back();
        out.event_ids.push_back(e.id);
      }
    }
  }
  if (Status s = actors.load(*impl_, scope, threads); !s) return s;
  std::vector<Event> merged;  // stored events and events reported more than once
  std::unordered_map<std::uint32_t, MentionIndex> indexed;  // by index into merged
  {
    auto stored = load_events(*impl_, scope, out.event_ids, merged, threads);
    if (!stored) return stored.error();
    for (std::size_t i = 0; i < events.size(); ++i)
      if ((*stored)[i] != kNone) {
        events[i].existed = true;
        events[i].merged = (*stored)[i];
      }
  }
  lap("load");

  // 3. Fold the records in order, exactly as ingest() folds one document.
  // A record without an id names its mentions by its doc key.
  std::unordered_map<std::size_t, std::string> unnamed;
  for (std::size_t i = 0; i < n; ++i)
    if (fresh[i] && records[i].doc.id.empty()) {
      std::string k(16, '0');
      hex16_to(k.data(), doc_hash[i]);
      unnamed.emplace(i, std::move(k));
    }
  auto mention_doc = [&](std::size_t i) -> const std::string& {
    return records[i].doc.id.empty() ? unnamed.at(i) : records[i].doc.id;
  };
  auto with_docs = [](Event e, std::string_view doc) {
    for (auto& m : e.mentions)
      if (m.doc.empty()) m.doc = doc;
    return e;
  };
  std::size_t next_settled = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) prefetch(records[i + kAhead]);
    if (!fresh[i]) continue;
    const ImportedRecord& r = records[i];
    for (const Actor& a : r.extraction.actors)
      if (a.id != 0) merge_into(actors.get(a.id), a);
    for (const Event& e : r.extraction.events) {
      if (!settled[next_settled++] && e.source.id != 0) merge_into(actors.get(e.source.id), e.source);
      if (!settled[next_settled++] && e.target && e.target->id != 0)
        merge_into(actors.get(e.target->id), *e.target);
      for (const auto& t : e.topics)
        if (t.id != 0) merge_into(actors.get(t.id), t);
      EventState& st = events[event_at.find(e.id)];
      ++st.reports;
      if (st.merged == kNone && st.first == nullptr && e.mentions.size() <= 1 &&
          in_canonical_order(e)) {
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
      Event& into = merged[st.merged];
      auto index = indexed.try_emplace(st.merged, into).first;
      st.added_mentions += index->second.merge(into, with_docs(e, mention_doc(i)));
    }
    for (const Actor& a : r.extraction.actors)
      for (const auto& f : a.affiliations)
        if (f.target != 0 && !f.target_name.empty())
          merge_into(actors.get(f.target),
                     ActorRef{f.target, f.target_name, ActorKind::kOther, "", ""});
  }
  for (const auto& merged_at : indexed) MentionIndex::finish(merged[merged_at.first]);
  lap("fold");

  // 4. Event records, derived keys and doc records, encoded on all cores into per-thread sinks.
  out.take_sinks(*impl_, threads, events.size(), n);
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
      put_event(out.sinks[t], e, bytes, st.existed, derived);
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
                                ids.data(), ids.size(), r.extraction.knowledge});
      hex16_to(key, doc_hash[i]);
      out.sinks[t].put(kDoc, std::string_view(key, 16), bytes);
    }
  });
  out.note_fresh(fresh, doc_hash);
  for (const EventState& st : events)
    out.count_event(result, st.added_mentions, st.reports, st.existed,
                    (st.merged != kNone ? merged[st.merged] : *st.first).target.has_value());
  lap("encode");

  if (Status s = finish_chunk(*impl_, scope, actors, out, threads, sst_min_records, result); !s)
    return s;
  lap("write");
  return result;
}

}  // namespace diplograph
