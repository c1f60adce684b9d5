// BulkLoader::add of edge rows (EdgeChunk, bulk_load.hpp). The same
// steps as bulk.cpp, on rows of ids instead of records: a row's event record is written straight
// from its fields (append_edge_event), and an Event is built only for an event that several rows
// or a stored record report, so a chunk costs a few flat arrays and its keys.
#include <algorithm>
#include <cstring>
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

// `line` in decimal, written at the end of `buf`.
std::string_view line_digits(std::uint64_t line, char (&buf)[24]) {
  char* end = buf + sizeof buf;
  char* p = end;
  do {
    *--p = static_cast<char>('0' + line % 10);
    line /= 10;
  } while (line);
  return {p, static_cast<std::size_t>(end - p)};
}

// The record id of row `r`: the chunk's prefix and the line number, into `out`.
void record_id_to(std::string& out, const EdgeChunk& chunk, const EdgeChunk::Row& r) {
  out.assign(chunk.doc_prefix);
  char digits[24];
  out.append(line_digits(r.line, digits));
}

void event_key_to(char* key, const EventId& id) {
  for (int b = 0; b < 8; ++b) {
    key[b] = static_cast<char>(id.hi >> (56 - 8 * b));
    key[8 + b] = static_cast<char>(id.lo >> (56 - 8 * b));
  }
}

// Row `r` as the event its record reports, into `e` (whose strings keep their capacity from
// row to row).
void fill_event(const EdgeChunk& chunk, const EdgeChunk::Row& r, const ActorRef& source,
                const ActorRef* target, Event& e) {
  e.id = r.id;
  e.type = r.type;
  e.cameo.assign(r.cameo);
  e.quad_class = 0;
  e.goldstein = 0.0;
  if (const CameoCode* c = cameo_lookup(e.cameo)) {
    e.quad_class = c->quad_class;
    e.goldstein = c->goldstein;
  }
  e.source = source;
  if (target) e.target = *target;
  else e.target.reset();
  e.topics.clear();
  e.date = r.date;
  e.status = r.status;
  e.mentions.resize(1);
  Mention& m = e.mentions[0];
  record_id_to(m.doc, chunk, r);
  m.sentence = m.offset = m.length = 0;
  m.pattern = chunk.pattern;
  m.text.clear();
}

struct EdgeEventState {
  std::uint32_t first = kNone;   // the one row reporting it, while it is the only one
  std::uint32_t merged = kNone;  // else its materialized merge
  bool existed = false;
  std::uint32_t added_mentions = 0;
  std::uint32_t reports = 0;  // new rows folded into it
};

}  // namespace

ImportedRecord EdgeChunk::record(std::size_t i) const {
  const Row& r = rows[i];
  auto named = [&](ActorId id) -> const Named* {
    for (const Named& n : actors)
      if (n.ref.id == id) return &n;
    return nullptr;
  };
  const Named* s = named(r.source);
  const Named* t = r.target ? named(r.target) : nullptr;
  ImportedRecord rec;
  rec.doc.id = record_id(i);
  rec.doc.source = source;
  rec.doc.published = r.date;
  static const ActorRef kUnknown;
  Event e;
  fill_event(*this, r, s ? s->ref : kUnknown, t ? &t->ref : nullptr, e);
  e.mentions[0].doc.clear();  // a record's mention names the record by leaving its doc empty
  if (s) rec.extraction.actors = s->records;
  if (t) rec.extraction.actors.insert(rec.extraction.actors.end(), t->records.begin(), t->records.end());
  rec.extraction.events.push_back(std::move(e));
  return rec;
}

Result<BulkIngestResult> BulkLoader::add(const EdgeChunk& chunk, std::size_t sst_min_records,
                                         unsigned requested_threads) {
  if (!store_) return Status::invalid_input("the bulk load is finished");
  GraphStore::Impl* impl_ = store_->impl_.get();
  if (impl_->read_only)
    return Status::invalid_input("the database '" + impl_->dir + "' is open read-only");
  std::lock_guard<std::recursive_mutex> writing(impl_->write_mutex);
  BulkIngestResult result;
  const unsigned threads = worker_count(requested_threads);
  const auto& rows = chunk.rows;
  const std::size_t n = rows.size();
  BulkTrace lap(impl_->trace_bulk);

  // The chunk's actors by id; every row must name two of them (or none as its target).
  FlatIndex<std::uint64_t, U64Hash> named_at(chunk.actors.size() + 16);
  for (std::size_t k = 0; k < chunk.actors.size(); ++k)
    named_at.emplace(chunk.actors[k].ref.id, static_cast<std::uint32_t>(k));
  {
    std::vector<std::size_t> first_bad(threads, n);
    parallel_for(n, threads, [&](std::size_t begin, std::size_t end, unsigned t) {
      for (std::size_t i = begin; i < end && first_bad[t] == n; ++i)
        if (named_at.find(rows[i].source) == kNone ||
            (rows[i].target != 0 && named_at.find(rows[i].target) == kNone))
          first_bad[t] = i;
    });
    const std::size_t bad = *std::min_element(first_bad.begin(), first_bad.end());
    if (bad != n)
      return Status::invalid_input("edge row of line " + std::to_string(rows[bad].line) +
                                   " names an actor the chunk does not list");
  }

  // 1. Which records are new.
  std::vector<std::uint64_t> doc_hash(n);
  parallel_for(n, threads, [&](std::size_t begin, std::size_t end, unsigned) {
    std::string id;
    for (std::size_t i = begin; i < end; ++i) {
      record_id_to(id, chunk, rows[i]);
      doc_hash[i] = record_doc_hash(id);
    }
  });
  BulkScope scope(*impl_);
  auto fresh_or = fresh_records(*impl_, scope, doc_hash, threads, result);
  if (!fresh_or) return fresh_or.error();
  const std::vector<char>& fresh = *fresh_or;
  if (result.records == 0) return result;
  lap("docs");

  // 2. The actors, loaded and merged: each name's records, then its reference. A bare name an
  // earlier chunk of this import stored as it is would change nothing: most names, after the
  // first chunk, are skipped without copying their records.
  const BulkMemo* memo = scope.memo();
  std::vector<char> settled(chunk.actors.size(), 0);
  if (memo)
    parallel_for(chunk.actors.size(), threads, [&](std::size_t begin, std::size_t end, unsigned) {
      for (std::size_t k = begin; k < end; ++k) {
        const EdgeChunk::Named& a = chunk.actors[k];
        if (!a.records.empty()) continue;
        auto known = memo->actor_records.find(a.ref.id);
        settled[k] =
            known != memo->actor_records.end() && !merge_changes(known->second.first, a.ref);
      }
    });
  ChunkActors actors(2 * chunk.actors.size() + 16);
  for (std::size_t k = 0; k < chunk.actors.size(); ++k) {
    if (settled[k]) continue;
    const EdgeChunk::Named& a = chunk.actors[k];
    actors.note(a.ref.id);
    for (const Actor& rec : a.records) {
      actors.note(rec.id);
      for (const auto& f : rec.affiliations)
        if (!f.target_name.empty()) actors.note(f.target);
    }
  }
  if (Status s = actors.load(*impl_, scope, threads); !s) return s;
  for (std::size_t k = 0; k < chunk.actors.size(); ++k) {
    if (settled[k]) continue;
    const EdgeChunk::Named& a = chunk.actors[k];
    for (const Actor& rec : a.records) actors.merge_record(rec);
    if (a.ref.id != 0) merge_into(actors.get(a.ref.id), a.ref);
  }
  auto ref_of = [&](ActorId id) -> const ActorRef* {
    return id == 0 ? nullptr : &chunk.actors[named_at.find(id)].ref;
  };

  // 3. The events, folded in row order: a row whose event no other row or stored record has is
  // left as it is; the rest merge their mentions.
  FlatIndex<EventId, EventIdHash> event_at(n + 16);
  std::vector<EdgeEventState> events;
  ChunkOutput out;
  events.reserve(result.records);
  out.event_ids.reserve(result.records);
  for (std::size_t i = 0; i < n; ++i)
    if (fresh[i] && event_at.emplace(rows[i].id, static_cast<std::uint32_t>(events.size())).second) {
      events.emplace_back();
      out.event_ids.push_back(rows[i].id);
    }
  std::vector<Event> merged;  // stored events and events reported more than once
  {
    auto stored = load_events(*impl_, scope, out.event_ids, merged, threads);
    if (!stored) return stored.error();
    for (std::size_t i = 0; i < events.size(); ++i)
      if ((*stored)[i] != kNone) {
        events[i].existed = true;
        events[i].merged = (*stored)[i];
      }
  }
  auto event_of = [&](std::size_t i) {
    Event e;
    fill_event(chunk, rows[i], *ref_of(rows[i].source), ref_of(rows[i].target), e);
    return e;
  };
  std::unordered_map<std::uint32_t, MentionIndex> indexed;  // by index into merged
  for (std::size_t i = 0; i < n; ++i) {
    if (!fresh[i]) continue;
    EdgeEventState& st = events[event_at.find(rows[i].id)];
    ++st.reports;
    if (st.merged == kNone && st.first == kNone) {
      st.first = static_cast<std::uint32_t>(i);
      st.added_mentions = 1;
      continue;
    }
    if (st.merged == kNone) {
      st.merged = static_cast<std::uint32_t>(merged.size());
      merged.push_back(event_of(st.first));
      st.first = kNone;
    }
    Event& into = merged[st.merged];
    auto index = indexed.try_emplace(st.merged, into).first;
    st.added_mentions += static_cast<std::uint32_t>(index->second.merge(into, event_of(i)));
  }
  for (const auto& merged_at : indexed) MentionIndex::finish(merged[merged_at.first]);
  lap("fold");

  // 4. Event records with their derived keys, and doc records, on all cores.
  out.take_sinks(*impl_, threads, events.size(), n);
  parallel_for(events.size(), threads, [&](std::size_t begin, std::size_t end, unsigned t) {
    std::string bytes;
    FixedDerivedKeys derived;
    std::unordered_map<std::uint64_t, const CameoCode*> cameos;  // by the code's bytes
    KvSink& sink = out.sinks[t];
    for (std::size_t i = begin; i < end; ++i) {
      const EdgeEventState& st = events[i];
      bytes.clear();
      if (st.merged != kNone) {
        const Event& e = merged[st.merged];
        append_event(bytes, e);
        put_event(sink, e, bytes, st.existed, derived);
        continue;
      }
      // The usual row: its record written from the row's fields, no Event built.
      const EdgeChunk::Row& r = rows[st.first];
      std::uint64_t code_key = 0;
      std::memcpy(&code_key, r.cameo, std::min(sizeof code_key, sizeof r.cameo));
      auto [at, added] = cameos.emplace(code_key, nullptr);
      if (added) at->second = cameo_lookup(r.cameo);
      const CameoCode* code = at->second;
      char digits[24];
      EdgeEventView v;
      v.id = r.id;
      v.type = r.type;
      v.cameo = r.cameo;
      v.quad_class = code ? code->quad_class : 0;
      v.goldstein = code ? code->goldstein : 0.0;
      v.source = ref_of(r.source);
      v.target = ref_of(r.target);
      v.date = r.date;
      v.status = r.status;
      v.doc_prefix = chunk.doc_prefix;
      v.doc_suffix = line_digits(r.line, digits);
      v.pattern = chunk.pattern;
      append_edge_event(bytes, v);
      char key[16];
      event_key_to(key, r.id);
      sink.put(kEvent, std::string_view(key, 16), bytes);
      if (st.existed) continue;
      derived_keys_to(r.id, r.type, r.status, r.date, r.source, r.target, derived);
      for (std::size_t d = 0; d < derived.count; ++d) {
        const auto& x = derived.entries[d];
        sink.put(x.family, std::string_view(x.key, x.key_size),
                 std::string_view(x.value, x.value_size));
      }
    }
  });
  parallel_for(n, threads, [&](std::size_t begin, std::size_t end, unsigned t) {
    std::string bytes, id;
    char key[16];
    for (std::size_t i = begin; i < end; ++i) {
      if (!fresh[i]) continue;
      const EdgeChunk::Row& r = rows[i];
      record_id_to(id, chunk, r);
      bytes.clear();
      append_doc(bytes, DocView{id, {}, chunk.source, {}, r.date, &r.id, 1, {}});
      hex16_to(key, doc_hash[i]);
      out.sinks[t].put(kDoc, std::string_view(key, 16), bytes);
    }
  });
  out.note_fresh(fresh, doc_hash);
  for (const EdgeEventState& st : events)
    out.count_event(result, st.added_mentions, st.reports, st.existed,
                    st.merged != kNone ? merged[st.merged].target.has_value()
                                       : rows[st.first].target != 0);
  lap("encode");

  if (Status s = finish_chunk(*impl_, scope, actors, out, threads, sst_min_records, result); !s)
    return s;
  lap("write");
  return result;
}

}  // namespace diplograph
