// The event JSON of DESIGN.md (one object a line): written by extract/timeline --json and
// export --format jsonl, read back by ingest --format events.
#include <nlohmann/json.hpp>

#include <cmath>

#include "diplograph/answers.hpp"
#include "diplograph/export.hpp"

namespace diplograph {
namespace {

using nlohmann::json;

// Reads an actor object (or a plain name); the id is always recomputed from the name so that
// actors given by name alone land on the same vertex as extracted ones.
Result<ActorRef> actor_from_json(const json& j, const std::string& field) {
  ActorRef a;
  if (j.is_string()) {
    a.name = j.get<std::string>();
  } else if (j.is_object() && j.contains("name") && j["name"].is_string()) {
    a.name = j["name"].get<std::string>();
    if (auto k = j.find("kind"); k != j.end() && k->is_string()) {
      auto kind = actor_kind_from_string(k->get<std::string>());
      if (!kind) return Status::invalid_input("field '" + field + ".kind': unknown kind '" +
                                              k->get<std::string>() + "'");
      a.kind = *kind;
    }
    if (auto c = j.find("country"); c != j.end() && c->is_string()) a.country = c->get<std::string>();
    if (auto c = j.find("code"); c != j.end() && c->is_string()) a.code = c->get<std::string>();
  } else {
    return Status::invalid_input("field '" + field + "': expected an actor object with a name");
  }
  if (needs_cleaning(a.name)) a.name = clean_name(a.name);
  if (normalize_name(a.name).empty())
    return Status::invalid_input("field '" + field + "': empty actor name");
  a.id = actor_id_for(a.name);
  return a;
}

}  // namespace

std::string event_to_json(const Event& e) { return dump(event_json(e)); }

namespace {

Result<Event> event_from_json_unchecked(std::string_view line) {
  json j = json::parse(line, nullptr, false);
  if (j.is_discarded()) return Status::invalid_input("not valid JSON");
  if (!j.is_object()) return Status::invalid_input("expected a JSON object");
  Event e;
  // Type from "type", else from "cameo"; the CAMEO code defaults to the type's.
  auto t = j.find("type");
  auto c = j.find("cameo");
  if (c != j.end() && !c->is_null()) {
    if (!c->is_string()) return Status::invalid_input("field 'cameo': expected a string like \"041\"");
    auto type = event_type_for_cameo(c->get<std::string>());
    if (!type) return Status::invalid_input("field 'cameo': " + type.error().message());
    e.cameo = c->get<std::string>();
    e.type = *type;
  }
  if (t != j.end() && !t->is_null()) {
    if (!t->is_string()) return Status::invalid_input("field 'type': expected a string");
    auto type = event_type_from_string(t->get<std::string>());
    if (!type) return Status::invalid_input("field 'type': unknown event type '" +
                                            t->get<std::string>() + "'");
    if (!e.cameo.empty() && *type != e.type)
      return Status::invalid_input("field 'cameo': " + e.cameo + " is not of type " +
                                   t->get<std::string>());
    e.type = *type;
  } else if (e.cameo.empty()) {
    return Status::invalid_input("missing field 'type' (or 'cameo')");
  }
  if (!j.contains("source")) return Status::invalid_input("missing field 'source'");
  auto src = actor_from_json(j["source"], "source");
  if (!src) return src.error();
  e.source = std::move(*src);
  if (auto tg = j.find("target"); tg != j.end() && !tg->is_null()) {
    auto target = actor_from_json(*tg, "target");
    if (!target) return target.error();
    e.target = std::move(*target);
  }
  if (auto tp = j.find("topics"); tp != j.end() && tp->is_array()) {
    for (const auto& topic : *tp) {
      auto a = actor_from_json(topic, "topics");
      if (!a) return a.error();
      e.topics.push_back(std::move(*a));
    }
  }
  auto d = j.find("date");
  if (d == j.end() || !d->is_string()) return Status::invalid_input("missing field 'date'");
  auto date = Date::parse(d->get<std::string>());
  if (!date) return Status::invalid_input("field 'date': " + date.error().message());
  e.date = *date;
  if (auto s = j.find("status"); s != j.end() && !s->is_null()) {
    auto status = s->is_string() ? event_status_from_string(s->get<std::string>()) : std::nullopt;
    if (!status) return Status::invalid_input("field 'status': expected occurred, planned or denied");
    e.status = *status;
  }
  if (auto ms = j.find("mentions"); ms != j.end() && ms->is_array()) {
    for (const auto& mj : *ms) {
      if (!mj.is_object()) return Status::invalid_input("field 'mentions': expected objects");
      Mention m;
      m.doc = mj.value("doc", "");
      m.sentence = mj.value("sentence", 0u);
      m.offset = mj.value("offset", 0u);
      m.length = mj.value("length", 0u);
      m.pattern = mj.value("pattern", "");
      m.text = mj.value("text", "");
      e.mentions.push_back(std::move(m));
    }
  }
  e.finalize();
  // A given id is kept (DESIGN.md: ingest --format events keeps a given id); one that is not
  // ours (32 hex digits) is hashed to one, the same each time.
  if (auto id = j.find("id"); id != j.end() && id->is_string()) {
    const auto& text = id->get_ref<const std::string&>();
    if (text.empty()) return Status::invalid_input("field 'id': empty");
    e.id = EventId::of_external(text);
  }
  return e;
}

}  // namespace

Result<Event> event_from_json(std::string_view line) {
  // nlohmann's typed accessors throw on a field of the wrong type: turn that into bad input here.
  try {
    return event_from_json_unchecked(line);
  } catch (const nlohmann::json::exception& ex) {
    return Status::invalid_input(std::string("bad field: ") + ex.what());
  }
}

Status write_event_jsonl(const GraphStore& store, const ExportOptions& options,
                         std::ostream& out) {
  if (options.actor) {
    auto graph = select_graph(store, options);
    if (!graph) return graph.error();
    for (const Event& e : graph->events) out << event_to_json(e) << "\n";
  } else {
    Status st = store.for_each_event([&](const Event& e) {
      if (options.filter.admits(e)) out << event_to_json(e) << "\n";
      return true;
    });
    if (!st) return st;
  }
  return out ? Status::ok() : Status::io_error("cannot write the event JSON Lines");
}

}  // namespace diplograph
