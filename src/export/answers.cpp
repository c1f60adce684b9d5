// The JSON answers (diplograph/answers.hpp): one writer each for the CLI's --json and the Python
// module.
#include "diplograph/answers.hpp"

#include <cmath>
#include <cstdio>

namespace diplograph {

using nlohmann::json;

namespace {

std::string hex_id(ActorId id) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(id));
  return buf;
}

json date_or_null(const std::optional<Date>& d) { return d ? json(d->to_string()) : json(nullptr); }

std::string day_text(std::int32_t day) { return Date{day, DatePrecision::kDay}.to_string(); }

// Goldstein scores have one decimal; print them without binary noise (1.9, not 1.8999999).
double round1(double v) { return std::round(v * 10.0) / 10.0; }

}  // namespace

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json actor_ref_json(const ActorRef& a) {
  json j = json::object();
  j["id"] = hex_id(a.id);
  j["name"] = a.name;
  j["kind"] = std::string(to_string(a.kind));
  if (!a.country.empty()) j["country"] = a.country;
  if (!a.code.empty()) j["code"] = a.code;
  return j;
}

json event_json(const Event& e) {
  json j = json::object();
  j["id"] = e.id.hex();
  j["type"] = std::string(to_string(e.type));
  j["cameo"] = e.cameo;
  j["quad_class"] = e.quad_class;
  j["goldstein"] = round1(e.goldstein);
  j["source"] = actor_ref_json(e.source);
  j["target"] = e.target ? actor_ref_json(*e.target) : json(nullptr);
  json topics = json::array();
  for (const auto& t : e.topics) topics.push_back(actor_ref_json(t));
  j["topics"] = std::move(topics);
  j["date"] = e.date.to_string();
  j["date_precision"] = std::string(to_string(e.date.precision));
  j["status"] = std::string(to_string(e.status));
  j["sources"] = e.sources();
  json mentions = json::array();
  for (const auto& m : e.mentions)
    mentions.push_back({{"doc", m.doc},
                        {"sentence", m.sentence},
                        {"offset", m.offset},
                        {"length", m.length},
                        {"pattern", m.pattern},
                        {"text", m.text}});
  j["mentions"] = std::move(mentions);
  return j;
}

json actor_json(const Actor& a) {
  json j = {{"id", hex_id(a.id)},
            {"name", a.name},
            {"kind", std::string(to_string(a.kind))},
            {"country", a.country.empty() ? json(nullptr) : json(a.country)},
            {"code", a.code.empty() ? json(nullptr) : json(a.code)},
            {"aliases", a.aliases}};
  json affs = json::array();
  for (const auto& f : a.affiliations)
    affs.push_back({{"target", f.target_name},
                    {"target_id", hex_id(f.target)},
                    {"role", f.role},
                    {"valid_from", date_or_null(f.from)},
                    {"valid_to", date_or_null(f.to)}});
  j["affiliations"] = std::move(affs);
  return j;
}

json path_json(const PathResult& p) {
  json j;
  j["mode"] = std::string(to_string(p.mode));
  if (p.departure) j["departure"] = day_text(*p.departure);
  if (p.arrival) j["arrival"] = day_text(*p.arrival);
  j["actors"] = json::array();
  for (const auto& a : p.actors) j["actors"].push_back(actor_ref_json(a));
  j["hops"] = json::array();
  for (const auto& h : p.hops) {
    json hop = {{"from", actor_ref_json(h.a)}, {"to", actor_ref_json(h.b)}};
    if (h.day) hop["day"] = day_text(*h.day);
    hop["events"] = json::array();
    if (h.affiliation) {
      hop["kind"] = "affiliation";
      hop["role"] = h.affiliation->role;
      hop["valid_from"] = date_or_null(h.affiliation->from);
      hop["valid_to"] = date_or_null(h.affiliation->to);
    } else {
      hop["kind"] = "events";
      for (const auto& e : h.events) hop["events"].push_back(event_json(e));
    }
    j["hops"].push_back(std::move(hop));
  }
  return j;
}

json neighbors_json(const NeighborsResult& r) {
  json j;
  j["center"] = actor_ref_json(ActorRef::of(r.center));
  j["center"]["depth"] = 0;
  j["actors"] = json::array();
  for (const auto& n : r.actors) {
    json a = actor_ref_json(ActorRef::of(n.actor));
    a["depth"] = n.depth;
    j["actors"].push_back(std::move(a));
  }
  j["events"] = json::array();
  for (const auto& e : r.events) j["events"].push_back(event_json(e));
  j["affiliations"] = json::array();
  for (const auto& a : r.affiliations)
    j["affiliations"].push_back({{"from", hex_id(a.from)},
                                 {"to", hex_id(a.to)},
                                 {"role", a.affiliation.role},
                                 {"valid_from", date_or_null(a.affiliation.from)},
                                 {"valid_to", date_or_null(a.affiliation.to)}});
  return j;
}

json rank_json(const RankResult& r) {
  json rows = json::array();
  for (std::size_t i = 0; i < r.actors.size(); ++i) {
    const auto& a = r.actors[i];
    json j = {{"rank", i + 1},
              {"id", hex_id(a.actor.id)},
              {"name", a.actor.name},
              {"kind", std::string(to_string(a.actor.kind))},
              {"by", std::string(to_string(r.by))},
              {"score", a.score}};
    if (r.by == RankBy::kBetweenness) j["pivots"] = r.pivots;
    rows.push_back(std::move(j));
  }
  return rows;
}

json counts_json(const std::vector<CountRow>& rows) {
  json out = json::array();
  for (const auto& c : rows) {
    json j = {{"period", c.period.to_string()}, {"count", c.count}};
    if (c.type) j["type"] = std::string(to_string(*c.type));
    out.push_back(std::move(j));
  }
  return out;
}

json counts_json(const std::vector<PeriodCount>& rows) {
  json out = json::array();
  for (const auto& c : rows) out.push_back({{"period", c.period.to_string()}, {"count", c.count}});
  return out;
}

json stats_json(const StoreStats& s, const std::map<std::string, std::uint64_t>* versions) {
  json j = {{"documents", s.documents}, {"mentions", s.mentions}, {"actors", s.actors},
            {"events", s.events},       {"edges", s.edges},       {"affiliations", s.affiliations}};
  if (versions) {
    json k = json::object();
    for (const auto& [v, n] : *versions) k[v.empty() ? "none" : v] = n;
    j["knowledge"] = std::move(k);
  }
  return j;
}

}  // namespace diplograph
