// Per-document extraction records (import.hpp): written by `extract --emit documents`, read back
// by `ingest --format documents`. Lossless for everything GraphStore::ingest stores of a document
// (the text itself stays out: the record carries its content key), so a merge of records is the
// ingest of the articles.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>

#include "diplograph/import.hpp"

namespace diplograph {

namespace {

using ojson = nlohmann::ordered_json;
using nlohmann::json;

constexpr std::string_view kFormatTag = "diplograph.document/1";

std::string hex16(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

bool is_hex16(std::string_view s) {
  if (s.size() != 16) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

ojson ref_json(const ActorRef& a) {
  ojson j = ojson::object();
  j["id"] = hex16(a.id);
  j["name"] = a.name;
  j["kind"] = std::string(to_string(a.kind));
  if (!a.country.empty()) j["country"] = a.country;
  if (!a.code.empty()) j["code"] = a.code;
  return j;
}

ojson actor_json(const Actor& a) {
  ojson j = ojson::object();
  j["id"] = hex16(a.id);
  j["name"] = a.name;
  j["kind"] = std::string(to_string(a.kind));
  if (!a.country.empty()) j["country"] = a.country;
  if (!a.code.empty()) j["code"] = a.code;
  if (!a.aliases.empty()) j["aliases"] = a.aliases;
  if (!a.affiliations.empty()) {
    ojson affs = ojson::array();
    for (const Affiliation& f : a.affiliations) {
      ojson fj = ojson::object();
      fj["target"] = hex16(f.target);
      fj["name"] = f.target_name;
      fj["role"] = f.role;
      if (f.from) fj["from"] = f.from->to_string();
      if (f.to) fj["to"] = f.to->to_string();
      affs.push_back(std::move(fj));
    }
    j["affiliations"] = std::move(affs);
  }
  return j;
}

ojson event_json(const Event& e) {
  ojson j = ojson::object();
  j["id"] = e.id.hex();
  j["type"] = std::string(to_string(e.type));
  j["cameo"] = e.cameo;
  j["quad_class"] = e.quad_class;
  j["goldstein"] = e.goldstein;  // as stored: a merge writes the same double
  j["source"] = ref_json(e.source);
  j["target"] = e.target ? ref_json(*e.target) : ojson(nullptr);
  ojson topics = ojson::array();
  for (const auto& t : e.topics) topics.push_back(ref_json(t));
  j["topics"] = std::move(topics);
  j["date"] = e.date.to_string();
  j["date_precision"] = std::string(to_string(e.date.precision));
  j["status"] = std::string(to_string(e.status));
  ojson mentions = ojson::array();
  for (const auto& m : e.mentions) {
    ojson mj = ojson::object();
    mj["doc"] = m.doc;
    mj["sentence"] = m.sentence;
    mj["offset"] = m.offset;
    mj["length"] = m.length;
    mj["pattern"] = m.pattern;
    mj["text"] = m.text;
    mentions.push_back(std::move(mj));
  }
  j["mentions"] = std::move(mentions);
  return j;
}

// Readers: each throws nothing; a wrong field gives kInvalidInput naming it.
class Reader {
 public:
  Status error;

  std::string str(const json& j, const char* key, const std::string& where, bool required) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
      if (required) fail("missing field '" + where + key + "'");
      return {};
    }
    if (!it->is_string()) {
      fail("field '" + where + key + "': expected a string");
      return {};
    }
    return it->get<std::string>();
  }

  std::uint64_t id16(const json& j, const char* key, const std::string& where) {
    std::string s = str(j, key, where, true);
    if (!error) return 0;
    if (!is_hex16(s)) {
      fail("field '" + where + key + "': expected 16 hex digits");
      return 0;
    }
    return std::strtoull(s.c_str(), nullptr, 16);
  }

  std::uint32_t u32(const json& j, const char* key, const std::string& where) {
    auto it = j.find(key);
    if (it == j.end()) return 0;
    if (!it->is_number_unsigned() || it->get<std::uint64_t>() > 0xffffffffu) {
      fail("field '" + where + key + "': expected a count");
      return 0;
    }
    return static_cast<std::uint32_t>(it->get<std::uint64_t>());
  }

  Date date(const json& j, const char* key, const std::string& where, bool required) {
    std::string s = str(j, key, where, required);
    if (!error || s.empty()) return Date{};
    auto d = Date::parse(s);
    if (!d) fail("field '" + where + key + "': " + d.error().message());
    return d ? *d : Date{};
  }

  ActorKind kind(const json& j, const std::string& where) {
    std::string s = str(j, "kind", where, false);
    if (s.empty()) return ActorKind::kOther;
    auto k = actor_kind_from_string(s);
    if (!k) fail("field '" + where + "kind': unknown kind '" + s + "'");
    return k.value_or(ActorKind::kOther);
  }

  ActorRef ref(const json& j, const std::string& where) {
    ActorRef a;
    if (!j.is_object()) {
      fail("field '" + where + "': expected an actor object");
      return a;
    }
    const std::string in = where + ".";
    a.id = id16(j, "id", in);
    a.name = str(j, "name", in, true);
    a.kind = kind(j, in);
    a.country = str(j, "country", in, false);
    a.code = str(j, "code", in, false);
    return a;
  }

  Actor actor(const json& j, const std::string& where) {
    Actor a;
    ActorRef r = ref(j, where);
    a.id = r.id;
    a.name = std::move(r.name);
    a.kind = r.kind;
    a.country = std::move(r.country);
    a.code = std::move(r.code);
    if (!error) return a;
    if (auto al = j.find("aliases"); al != j.end()) {
      if (!al->is_array()) return fail("field '" + where + ".aliases': expected a list"), a;
      for (const auto& x : *al) {
        if (!x.is_string()) return fail("field '" + where + ".aliases': expected names"), a;
        a.aliases.push_back(x.get<std::string>());
      }
    }
    if (auto fs = j.find("affiliations"); fs != j.end()) {
      if (!fs->is_array()) return fail("field '" + where + ".affiliations': expected a list"), a;
      const std::string in = where + ".affiliations.";
      for (const auto& fj : *fs) {
        if (!fj.is_object()) return fail("field '" + in + "': expected objects"), a;
        Affiliation f;
        f.target = id16(fj, "target", in);
        f.target_name = str(fj, "name", in, false);
        f.role = str(fj, "role", in, false);
        if (fj.contains("from") && !fj["from"].is_null()) f.from = date(fj, "from", in, true);
        if (fj.contains("to") && !fj["to"].is_null()) f.to = date(fj, "to", in, true);
        if (!error) return a;
        a.affiliations.push_back(std::move(f));
      }
    }
    return a;
  }

  Event event(const json& j, std::size_t index) {
    Event e;
    const std::string where = "events[" + std::to_string(index) + "].";
    if (!j.is_object()) return fail("field 'events': expected objects"), e;
    std::string id = str(j, "id", where, true);
    if (!error) return e;
    auto eid = EventId::from_hex(id);
    if (!eid) return fail("field '" + where + "id': expected 32 hex digits"), e;
    e.id = *eid;
    std::string type = str(j, "type", where, true);
    if (!error) return e;
    auto t = event_type_from_string(type);
    if (!t) return fail("field '" + where + "type': " + unknown_event_type(type)), e;
    e.type = *t;
    e.cameo = str(j, "cameo", where, true);
    if (auto q = j.find("quad_class"); q != j.end()) {
      if (!q->is_number_integer()) return fail("field '" + where + "quad_class': expected 1-4"), e;
      e.quad_class = q->get<int>();
    }
    if (auto g = j.find("goldstein"); g != j.end()) {
      if (!g->is_number()) return fail("field '" + where + "goldstein': expected a number"), e;
      e.goldstein = g->get<double>();
    }
    if (!j.contains("source")) return fail("missing field '" + where + "source'"), e;
    e.source = ref(j["source"], where + "source");
    if (auto tg = j.find("target"); tg != j.end() && !tg->is_null())
      e.target = ref(*tg, where + "target");
    if (auto tp = j.find("topics"); tp != j.end()) {
      if (!tp->is_array()) return fail("field '" + where + "topics': expected a list"), e;
      for (const auto& x : *tp) e.topics.push_back(ref(x, where + "topics"));
    }
    e.date = date(j, "date", where, true);
    std::string status = str(j, "status", where, false);
    if (!status.empty()) {
      auto s = event_status_from_string(status);
      if (!s) return fail("field '" + where + "status': expected occurred, planned or denied"), e;
      e.status = *s;
    }
    if (auto ms = j.find("mentions"); ms != j.end()) {
      if (!ms->is_array()) return fail("field '" + where + "mentions': expected a list"), e;
      const std::string in = where + "mentions.";
      for (const auto& mj : *ms) {
        if (!mj.is_object()) return fail("field '" + where + "mentions': expected objects"), e;
        Mention m;
        m.doc = str(mj, "doc", in, false);
        m.sentence = u32(mj, "sentence", in);
        m.offset = u32(mj, "offset", in);
        m.length = u32(mj, "length", in);
        m.pattern = str(mj, "pattern", in, false);
        m.text = str(mj, "text", in, false);
        e.mentions.push_back(std::move(m));
      }
    }
    return e;
  }

 private:
  void fail(std::string message) {
    if (error) error = Status::invalid_input(std::move(message));
  }
};

}  // namespace

std::string document_record_json(const Document& doc, const Extraction& extraction) {
  ojson j = ojson::object();
  j["format"] = std::string(kFormatTag);
  j["knowledge"] = extraction.knowledge;
  j["key"] = doc.content_key();
  j["id"] = doc.id;
  if (!doc.title.empty()) j["title"] = doc.title;
  j["date"] = doc.published.to_string();
  if (!doc.source.empty()) j["source"] = doc.source;
  if (!doc.url.empty()) j["url"] = doc.url;
  ojson actors = ojson::array();
  for (const Actor& a : extraction.actors) actors.push_back(actor_json(a));
  j["actors"] = std::move(actors);
  ojson events = ojson::array();
  for (const Event& e : extraction.events) events.push_back(event_json(e));
  j["events"] = std::move(events);
  return j.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

bool looks_like_document_record(std::string_view line) {
  std::size_t i = line.find_first_not_of(" \t");
  if (i == std::string_view::npos || line[i] != '{') return false;
  // The writer puts the tag first; a record written by hand may put it anywhere.
  if (line.find("\"format\"") == std::string_view::npos) return false;
  json j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return false;
  auto f = j.find("format");
  return f != j.end() && f->is_string() &&
         f->get_ref<const std::string&>().rfind("diplograph.document/", 0) == 0;
}

Result<ImportedRecord> parse_document_record(std::string_view line) {
  json j = json::parse(line, nullptr, false);
  if (j.is_discarded()) return Status::invalid_input("not valid JSON");
  if (!j.is_object()) return Status::invalid_input("expected a JSON object");
  Reader r;
  std::string format = r.str(j, "format", "", true);
  if (!r.error) return r.error;
  if (format != kFormatTag)
    return Status::invalid_input("field 'format': '" + format + "' is not " +
                                 std::string(kFormatTag) + " (written by another diplograph?)");
  ImportedRecord rec;
  rec.extraction.knowledge = r.str(j, "knowledge", "", false);
  rec.key = r.str(j, "key", "", true);
  if (r.error && !is_hex16(rec.key))
    return Status::invalid_input("field 'key': expected 16 hex digits (the document's content key)");
  rec.doc.id = r.str(j, "id", "", true);
  rec.doc.title = r.str(j, "title", "", false);
  rec.doc.published = r.date(j, "date", "", true);
  rec.doc.source = r.str(j, "source", "", false);
  rec.doc.url = r.str(j, "url", "", false);
  if (!r.error) return r.error;
  if (auto as = j.find("actors"); as != j.end()) {
    if (!as->is_array()) return Status::invalid_input("field 'actors': expected a list");
    for (const auto& a : *as) {
      rec.extraction.actors.push_back(
          r.actor(a, "actors[" + std::to_string(rec.extraction.actors.size()) + "]"));
      if (!r.error) return r.error;
    }
  }
  if (auto es = j.find("events"); es != j.end()) {
    if (!es->is_array()) return Status::invalid_input("field 'events': expected a list");
    for (const auto& e : *es) {
      rec.extraction.events.push_back(r.event(e, rec.extraction.events.size()));
      if (!r.error) return r.error;
    }
  }
  return rec;
}

}  // namespace diplograph
