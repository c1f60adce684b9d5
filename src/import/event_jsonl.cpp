// ingest --format events: event JSON Lines, grouped per mention document, each group stored as a
// document through the bulk loader.
#include "import/event_jsonl.hpp"

#include <map>
#include <set>

#include "diplograph/bulk_load.hpp"
#include "diplograph/export.hpp"
#include "import/gdelt_icews_source.hpp"

namespace diplograph::import {
namespace {

struct Group {
  Document doc;
  Extraction extraction;
  std::set<ActorId> actors;
};

}  // namespace

Status import_event_jsonl(GraphStore& store, const std::string& path,
                          std::size_t max_record_bytes,
                          const std::function<void(RecordError&&)>& on_error,
                          EventsImportSummary& summary) {
  // The event importers' reader: plain files, standard input, .gz and .zip; a line past
  // `max_record_bytes` is a bad record.
  auto reader = LineReader::open(path);
  if (!reader) return reader.error();
  (*reader)->set_max_line_bytes(max_record_bytes);
  // Groups in order of first appearance, so documents are written in file order.
  std::vector<Group> groups;
  std::map<std::string, std::size_t> index;
  std::size_t n = 0;  // the line's number
  auto take = [&](const std::string& line) {
    if (line.find_first_not_of(" \t") == std::string::npos) return;
    auto e = event_from_json(line);
    if (!e) {
      on_error(RecordError{path, n, e.error().message()});
      return;
    }
    ++summary.events;
    const std::string key = !e->mentions.empty() && !e->mentions[0].doc.empty()
                                ? e->mentions[0].doc
                                : path;
    auto [it, fresh] = index.emplace(key, groups.size());
    if (fresh) {
      groups.emplace_back();
      groups.back().doc.id = key;
      groups.back().doc.source = "events";
      groups.back().doc.published = e->date;
    }
    Group& g = groups[it->second];
    if (g.doc.published < e->date) g.doc.published = e->date;
    // The document key hashes the text: the group's records make it, so the same file imports
    // once and a changed record makes a new document.
    g.doc.text += line;
    g.doc.text += '\n';
    for (const ActorRef* r : {&e->source, e->target ? &*e->target : nullptr})
      if (r && g.actors.insert(r->id).second) g.extraction.actors.push_back(r->to_actor());
    g.extraction.events.push_back(std::move(*e));
  };
  std::vector<std::string> lines;
  for (;;) {
    lines.clear();
    auto got = (*reader)->read_lines(lines, 4096);
    if (!got) return Status::io_error(path + ": " + got.error().message());
    for (std::uint64_t bad : (*reader)->take_too_long())
      on_error(RecordError{path, static_cast<std::size_t>(bad), (*reader)->too_long_message()});
    if (*got == 0) break;
    for (const std::string& line : lines) {
      ++n;
      take(line);
    }
  }
  // Each group a keyed record (its content key, as GraphStore::ingest keys the document), stored
  // through the bulk loader in chunks: the store ingest() of each group would give.
  auto loader = BulkLoader::start(store);
  if (!loader) return loader.error();
  std::vector<ImportedRecord> chunk;
  std::size_t chunk_events = 0;
  auto flush = [&]() -> Status {
    if (chunk.empty()) return Status::ok();
    auto r = loader->add(chunk);
    if (!r) return r.error();
    summary.documents += chunk.size();
    summary.already_present += r->already_present;
    summary.events_new += r->events_new;
    summary.events_merged += r->events_merged;
    chunk.clear();
    chunk_events = 0;
    return Status::ok();
  };
  for (Group& g : groups) {
    ImportedRecord rec;
    rec.key = g.doc.content_key();
    g.doc.text.clear();
    g.doc.text.shrink_to_fit();
    rec.doc = std::move(g.doc);
    rec.extraction = std::move(g.extraction);
    chunk_events += rec.extraction.events.size();
    chunk.push_back(std::move(rec));
    if (chunk_events >= 100000)
      if (Status s = flush(); !s) return s;
  }
  if (Status s = flush(); !s) return s;
  if (auto merged = loader->finish(); !merged) return merged.error();
  return Status::ok();
}

}  // namespace diplograph::import
