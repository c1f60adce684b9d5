// Builders for test graphs: Documents and Extractions made by hand, so store, graph and query
// tests do not depend on the extractor. Header-only; used by tests/store, tests/graph, tests/query.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diplograph/bulk_load.hpp"
#include "diplograph/event.hpp"
#include "diplograph/extract.hpp"
#include "diplograph/graph_store.hpp"

namespace diplograph::test {

inline Date day(int y, unsigned m, unsigned d) { return Date::from_ymd(y, m, d); }

inline Actor make_actor(const std::string& name, ActorKind kind, const std::string& country = "",
                        const std::string& code = "", std::vector<std::string> aliases = {}) {
  Actor a;
  a.id = actor_id_for(name);
  a.name = name;
  a.kind = kind;
  a.country = country;
  a.code = code;
  a.aliases = std::move(aliases);
  return a;
}

inline Affiliation serves(const Actor& target, const std::string& role,
                          std::optional<Date> from = std::nullopt,
                          std::optional<Date> to = std::nullopt) {
  Affiliation f;
  f.target = target.id;
  f.target_name = target.name;
  f.role = role;
  f.from = from;
  f.to = to;
  return f;
}

inline Event make_event(EventType type, const Actor& source, const Actor* target, Date date,
                        EventStatus status = EventStatus::kOccurred,
                        const std::string& doc = "doc", std::uint32_t sentence = 0) {
  Event e;
  e.type = type;
  e.source = ActorRef::of(source);
  if (target) e.target = ActorRef::of(*target);
  e.date = date;
  e.status = status;
  Mention m;
  m.doc = doc;
  m.sentence = sentence;
  m.offset = sentence * 100;
  m.length = 50;
  m.pattern = "test." + std::string(to_string(type));
  m.text = source.name + " " + std::string(to_string(type)) + " sentence " +
           std::to_string(sentence);
  e.mentions.push_back(m);
  e.finalize();
  return e;
}

inline Document make_doc(const std::string& id, const std::string& text, Date published) {
  Document d;
  d.id = id;
  d.title = "title of " + id;
  d.source = "Test Wire";
  d.url = "https://example.org/" + id;
  d.published = published;
  d.text = text;
  return d;
}

// A new store in `dir` holding `actors` and `events` as one document (its text makes it unique);
// null when the open or the ingest fails.
inline std::unique_ptr<GraphStore> store_with(const std::string& dir, std::vector<Actor> actors,
                                              std::vector<Event> events, const std::string& text,
                                              Date published) {
  auto opened = GraphStore::open(dir);
  if (!opened) return nullptr;
  Extraction x;
  x.actors = std::move(actors);
  x.events = std::move(events);
  if (!(*opened)->ingest(make_doc("d", text, published), x)) return nullptr;
  return std::move(*opened);
}

// The running example of DESIGN.md: Blinken calls Lavrov, Lavrov serves Russia, Russia hosts the
// Taliban. All of August 2021.
struct Afghanistan2021 {
  Actor usa = make_actor("United States", ActorKind::kState, "USA", "USA");
  Actor russia = make_actor("Russia", ActorKind::kState, "RUS", "RUS");
  Actor taliban = make_actor("Taliban", ActorKind::kArmedGroup, "AFG", "AFGREB");
  Actor blinken = make_actor("Antony Blinken", ActorKind::kPerson, "USA", "USAGOV", {"Blinken"});
  Actor lavrov = make_actor("Sergei Lavrov", ActorKind::kPerson, "RUS", "RUSGOV", {"Lavrov"});

  Afghanistan2021() {
    blinken.affiliations.push_back(serves(usa, "secretary of state", day(2021, 1, 26)));
    lavrov.affiliations.push_back(serves(russia, "foreign minister", day(2004, 3, 9)));
  }

  // Document 1: the call (2021-08-16) and Russia hosting the Taliban (2021-08-20).
  Status ingest(GraphStore& store) const {
    Extraction x;
    x.events.push_back(make_event(EventType::kCall, lavrov, &blinken, day(2021, 8, 16),
                                  EventStatus::kOccurred, "tass-1", 0));
    x.events.push_back(make_event(EventType::kHost, russia, &taliban, day(2021, 8, 20),
                                  EventStatus::kOccurred, "tass-1", 3));
    x.actors = {lavrov, blinken, russia, usa, taliban};
    auto r = store.ingest(make_doc("tass-1", "Lavrov and Blinken spoke; Moscow hosted the Taliban.",
                                   day(2021, 8, 21)),
                          x);
    return r ? Status::ok() : r.error();
  }
};

// One chunk (records or edge rows) in a bulk load of its own: start, add, finish.
template <class Chunk>
Result<BulkIngestResult> bulk_add(GraphStore& store, const Chunk& chunk,
                                  std::size_t sst_min_records = 20000) {
  auto loader = BulkLoader::start(store);
  if (!loader) return loader.error();
  auto r = loader->add(chunk, sst_min_records);
  if (!r) return r;
  if (auto f = loader->finish(); !f) return f.error();
  return r;
}

}  // namespace diplograph::test
