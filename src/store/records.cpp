// CBOR encoding of the stored records. Field names are short because every event carries them;
// they are part of the on-disk format, so rename none without bumping kSchemaVersion.
#include "store/records.hpp"

#include <nlohmann/json.hpp>

namespace diplograph::store {
namespace {

using json = nlohmann::json;

json date_json(const Date& d) { return json::array({d.days, static_cast<int>(d.precision)}); }
Date date_from(const json& j) {
  return Date{j.at(0).get<std::int32_t>(), static_cast<DatePrecision>(j.at(1).get<int>())};
}

json ref_json(const ActorRef& r) {
  return {{"i", r.id}, {"n", r.name}, {"k", static_cast<int>(r.kind)}, {"c", r.country},
          {"a", r.code}};
}
ActorRef ref_from(const json& j) {
  ActorRef r;
  r.id = j.at("i").get<ActorId>();
  r.name = j.at("n").get<std::string>();
  r.kind = static_cast<ActorKind>(j.at("k").get<int>());
  r.country = j.at("c").get<std::string>();
  r.code = j.at("a").get<std::string>();
  return r;
}

json id_json(const EventId& id) { return json::array({id.hi, id.lo}); }
EventId id_from(const json& j) {
  return EventId{j.at(0).get<std::uint64_t>(), j.at(1).get<std::uint64_t>()};
}

std::string to_bytes(const json& j) {
  std::vector<std::uint8_t> v = json::to_cbor(j);
  return std::string(v.begin(), v.end());
}

// Parses CBOR without throwing, then runs `fn`, which may throw on a missing or mistyped field:
// both end as nullopt, i.e. kCorruption for the caller.
template <class T, class Fn>
std::optional<T> from_bytes(std::string_view bytes, Fn fn) {
  json j = json::from_cbor(bytes.begin(), bytes.end(), true, false);
  if (j.is_discarded()) return std::nullopt;
  try {
    return fn(j);
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::string encode_actor(const Actor& a) {
  json affs = json::array();
  for (const auto& f : a.affiliations) {
    affs.push_back({{"t", f.target},
                    {"n", f.target_name},
                    {"r", f.role},
                    {"f", f.from ? date_json(*f.from) : json(nullptr)},
                    {"u", f.to ? date_json(*f.to) : json(nullptr)}});
  }
  return to_bytes({{"i", a.id},
                   {"n", a.name},
                   {"k", static_cast<int>(a.kind)},
                   {"c", a.country},
                   {"a", a.code},
                   {"s", a.aliases},
                   {"f", affs}});
}

std::optional<Actor> decode_actor(std::string_view bytes) {
  return from_bytes<Actor>(bytes, [](const json& j) {
    Actor a;
    a.id = j.at("i").get<ActorId>();
    a.name = j.at("n").get<std::string>();
    a.kind = static_cast<ActorKind>(j.at("k").get<int>());
    a.country = j.at("c").get<std::string>();
    a.code = j.at("a").get<std::string>();
    a.aliases = j.at("s").get<std::vector<std::string>>();
    for (const auto& f : j.at("f")) {
      Affiliation aff;
      aff.target = f.at("t").get<ActorId>();
      aff.target_name = f.at("n").get<std::string>();
      aff.role = f.at("r").get<std::string>();
      if (!f.at("f").is_null()) aff.from = date_from(f.at("f"));
      if (!f.at("u").is_null()) aff.to = date_from(f.at("u"));
      a.affiliations.push_back(std::move(aff));
    }
    return a;
  });
}

std::string encode_event(const Event& e) {
  json topics = json::array();
  for (const auto& t : e.topics) topics.push_back(ref_json(t));
  json mentions = json::array();
  for (const auto& m : e.mentions) {
    mentions.push_back({{"d", m.doc},
                        {"s", m.sentence},
                        {"o", m.offset},
                        {"l", m.length},
                        {"p", m.pattern},
                        {"t", m.text}});
  }
  return to_bytes({{"i", id_json(e.id)},
                   {"y", static_cast<int>(e.type)},
                   {"c", e.cameo},
                   {"q", e.quad_class},
                   {"g", e.goldstein},
                   {"s", ref_json(e.source)},
                   {"t", e.target ? ref_json(*e.target) : json(nullptr)},
                   {"o", topics},
                   {"d", date_json(e.date)},
                   {"u", static_cast<int>(e.status)},
                   {"m", mentions}});
}

std::optional<Event> decode_event(std::string_view bytes) {
  return from_bytes<Event>(bytes, [](const json& j) {
    Event e;
    e.id = id_from(j.at("i"));
    e.type = static_cast<EventType>(j.at("y").get<int>());
    e.cameo = j.at("c").get<std::string>();
    e.quad_class = j.at("q").get<int>();
    e.goldstein = j.at("g").get<double>();
    e.source = ref_from(j.at("s"));
    if (!j.at("t").is_null()) e.target = ref_from(j.at("t"));
    for (const auto& t : j.at("o")) e.topics.push_back(ref_from(t));
    e.date = date_from(j.at("d"));
    e.status = static_cast<EventStatus>(j.at("u").get<int>());
    for (const auto& m : j.at("m")) {
      Mention mm;
      mm.doc = m.at("d").get<std::string>();
      mm.sentence = m.at("s").get<std::uint32_t>();
      mm.offset = m.at("o").get<std::uint32_t>();
      mm.length = m.at("l").get<std::uint32_t>();
      mm.pattern = m.at("p").get<std::string>();
      mm.text = m.at("t").get<std::string>();
      e.mentions.push_back(std::move(mm));
    }
    return e;
  });
}

std::string encode_doc(const DocRecord& d) {
  json events = json::array();
  for (const auto& id : d.events) events.push_back(id_json(id));
  return to_bytes({{"i", d.id},
                   {"t", d.title},
                   {"s", d.source},
                   {"u", d.url},
                   {"p", date_json(d.published)},
                   {"e", events}});
}

std::optional<DocRecord> decode_doc(std::string_view bytes) {
  return from_bytes<DocRecord>(bytes, [](const json& j) {
    DocRecord d;
    d.id = j.at("i").get<std::string>();
    d.title = j.at("t").get<std::string>();
    d.source = j.at("s").get<std::string>();
    d.url = j.at("u").get<std::string>();
    d.published = date_from(j.at("p"));
    for (const auto& e : j.at("e")) d.events.push_back(id_from(e));
    return d;
  });
}

std::string encode_ids(const std::vector<ActorId>& ids) { return to_bytes(json(ids)); }

std::optional<std::vector<ActorId>> decode_ids(std::string_view bytes) {
  return from_bytes<std::vector<ActorId>>(
      bytes, [](const json& j) { return j.get<std::vector<ActorId>>(); });
}

}  // namespace diplograph::store
