// The built-in actors: states (ISO 3166-1 from Debian's iso-codes, embedded at build time, plus
// data/actors/states.tsv for what ISO lacks), international bodies and groups
// (organizations.tsv) and people with their terms (people.tsv), then the same tables converted
// from PETRARCH's Phoenix dictionaries (phoenix.*.tsv, scripts/petrarch/actors.py), where ours win.
#include <algorithm>
#include <cassert>
#include <map>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "extract/kb_build.hpp"
#include "model/embedded_data.hpp"
#include "text/segment.hpp"

namespace diplograph::extract::detail {

std::optional<Date> opt_date(const std::string& s) {
  if (s.empty()) return std::nullopt;
  auto d = Date::parse(s);
  if (!d) return std::nullopt;
  return *d;
}

std::string role_key(std::string_view role) {
  std::string n = normalize_name(role);
  n.erase(std::remove(n.begin(), n.end(), ' '), n.end());
  return n;
}

bool plain_norms(std::string_view text, std::vector<std::string>& out) {
  out.clear();
  if (text.empty() || text.front() == ' ' || text.back() == ' ') return false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ' ') {
      if (i == start) return false;  // two spaces
      out.emplace_back(text.substr(start, i - start));
      for (char& c : out.back())
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      start = i + 1;
    } else if (!((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z'))) {
      return false;
    }
  }
  // normalize_name drops a leading "the": such names take the general path.
  return out.front() != "the";
}

namespace {

// Reads the optional from/to columns c[k], c[k + 1] (YYYY-MM-DD, empty: open) into `out`.
Status read_span(const std::vector<std::string>& c, std::size_t k, const std::string& where,
                 Lifespan& out) {
  std::optional<Date>* ends[2] = {&out.from, &out.to};
  for (std::size_t e = 0; e < 2; ++e) {
    if (c.size() <= k + e || c[k + e].empty()) continue;
    auto d = Date::parse(c[k + e]);
    if (!d) return Status::invalid_input(where + "bad date " + c[k + e]);
    *ends[e] = *d;
  }
  return Status();
}

// Short all-capital aliases ("US", "WHO", "DPR") must be written so: "us" is a pronoun.
bool all_caps_short(std::string_view s) {
  int letters = 0;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters > 0 && letters <= 4 && s.find('.') == std::string_view::npos;
}

// normalize_name(text), with the plain names' shortcut.
std::string name_key(std::string_view text) {
  thread_local std::vector<std::string> words;
  if (!plain_norms(text, words)) return normalize_name(text);
  std::string key = join(words, 0, words.size());
  assert(key == normalize_name(text));
  return key;
}

}  // namespace

std::size_t Builder::add_actor(Actor a) {
  std::string key = name_key(a.name);
  return add_actor(std::move(a), std::move(key));
}

std::size_t Builder::add_actor(Actor a, std::string key) {
  if (const auto* ids = kb.by_name.find(key))
    for (std::size_t h : *ids)
      if (kb.actors[h].kind == a.kind && normalize_name(kb.actors[h].name) == key) {
        if (user) {
          recode(h, a);
          add_name(h, kb.actors[h].name, NameKind::kName, key);  // first for its name
        }
        return h;
      }
  a.id = actor_id_for_key(key);
  kb.actors.push_back(std::move(a));
  kb.demonym.emplace_back();
  std::size_t idx = kb.actors.size() - 1;
  add_name(idx, kb.actors[idx].name, NameKind::kName, std::move(key));
  return idx;
}

void Builder::recode(std::size_t idx, const Actor& a) {
  Actor& known = kb.actors[idx];
  if (!a.code.empty() && a.code != known.code) {
    known.code = a.code;
    // Codes by term that the built-in data gave would override the user's code on their days.
    kb.dated_codes.erase(idx);
  }
  if (!a.country.empty()) known.country = a.country;
}

void Builder::name(std::size_t idx, const std::string& text, NameKind kind) {
  if (text.empty()) return;
  add_name(idx, text, kind, kind == NameKind::kName ? name_key(text) : std::string());
}

void Builder::add_name(std::size_t idx, const std::string& text, NameKind kind, std::string key) {
  thread_local std::vector<std::string> norms;
  if (!plain_norms(text, norms)) norms = text::token_norms(text);
  assert(norms == text::token_norms(text));
  // The annotator looks a name up past a determiner ("the Zombie Army" from "zombie"), as
  // normalize_name compares names without "the": a name keeps no determiner of its own, or it
  // would never be found.
  if (norms.size() > 1 && kb.word_classes && kb.is(norms.front(), kDeterminer))
    norms.erase(norms.begin());
  if (norms.empty()) return;
  auto& list = kb.gazetteer.slot(norms);
  GazetteerEntry entry{idx, kind, kind == NameKind::kName && all_caps_short(text)};
  auto same = [&](const GazetteerEntry& e) { return e.actor == idx; };
  if (user && kind == NameKind::kName) {
    // The user's actor first: the annotator takes the first entry a name has. An entry it has
    // already keeps its kind ("Australian" stays a demonym of Australia).
    list.put_first(entry, same);
  } else if (std::none_of(list.begin(), list.end(), same)) {
    list.push_back(entry);
  }
  if (kind == NameKind::kName) {
    // add_actor passes the actor's own name: no alias, and no second normalize_name.
    bool canonical = &text == &kb.actors[idx].name;
    bool alias = !canonical && key != name_key(kb.actors[idx].name);
    auto& ids = kb.by_name[key];
    if (user)
      ids.put_first(idx, [&](std::size_t h) { return h == idx; });  // Knowledge::find answers the first
    else if (std::find(ids.begin(), ids.end(), idx) == ids.end())
      ids.push_back(idx);
    if (alias) {
      auto& al = kb.actors[idx].aliases;
      if (std::find(al.begin(), al.end(), text) == al.end()) al.push_back(text);
    }
  }
}

void Builder::add_term(std::size_t person, const std::string& role, std::size_t affiliation,
                       std::optional<Date> from, std::optional<Date> to) {
  const Actor& target = kb.actors[affiliation];
  kb.actors[person].affiliations.push_back({target.id, target.name, role, from, to});
  kb.terms.push_back({person, role_key(role), affiliation, from, to});
}

namespace {

struct IsoEntry {
  std::string name, official, common, alpha2;
};

// The ISO 3166-1 entries of iso-codes by alpha-3.
Result<std::map<std::string, IsoEntry>> iso_entries() {
  const char* file = "iso-codes/iso_3166-1.json";
  auto content = diplograph::detail::embedded_file(file);
  if (!content) return Status::internal(std::string("missing built-in data file ") + file);
  auto j = nlohmann::json::parse(*content, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("3166-1") || !j["3166-1"].is_array())
    return Status::internal(std::string(file) + ": not the iso-codes ISO 3166-1 table");
  std::map<std::string, IsoEntry> out;
  for (const auto& e : j["3166-1"]) {
    if (!e.is_object() || !e.contains("alpha_3") || !e["alpha_3"].is_string()) continue;
    IsoEntry i;
    i.name = e.value("name", "");
    i.official = e.value("official_name", "");
    i.common = e.value("common_name", "");
    i.alpha2 = e.value("alpha_2", "");
    out.emplace(e["alpha_3"].get<std::string>(), std::move(i));
  }
  return out;
}

using IsoTable = std::map<std::string, IsoEntry>;

// ISO alpha-3 -> CAMEO country code, where they differ ("ROU" -> "ROM"): converted from GDELT's
// CAMEO country table (data/actors/cameo_countries.tsv).
using CameoCountries = std::map<std::string, std::string>;

Result<CameoCountries> cameo_countries() {
  CameoCountries cameo_of;
  Status st = for_each_row("actors/cameo_countries.tsv", 2,
                           [&](std::size_t, std::vector<std::string>& c) {
                             cameo_of.emplace(c[0], c[1]);
                             return Status::ok();
                           });
  if (!st) return st;
  return cameo_of;
}

// An actor's code follows CAMEO (DESIGN.md, Conventions): a code opening with an ISO alpha-3 code
// that CAMEO writes otherwise opens with CAMEO's ("ROUGOV" -> "ROMGOV"). The converted tables
// carry Phoenix's codes, which use ISO's.
void to_cameo_code(std::string& code, const CameoCountries& cameo_of) {
  if (code.size() < 3) return;
  if (auto it = cameo_of.find(code.substr(0, 3)); it != cameo_of.end())
    code.replace(0, 3, it->second);
}

// A state's actor code is CAMEO's (Romania ROM), its country ISO's (ROU): GDELT writes CAMEO's.
Status load_states(Builder& b, const IsoTable& iso, const CameoCountries& cameo_of) {
  auto& kb = b.kb;
  const char* file = "actors/states.tsv";
  return for_each_row(file, 8, [&](std::size_t line, std::vector<std::string>& c) {
    auto where = std::string(file) + ":" + std::to_string(line) + ": ";
    const std::string& code = c[0];
    auto it = iso.find(code);
    if (c[1] != "un" && c[1] != "observer" && c[1] != "territory" && c[1] != "former")
      return Status::invalid_input(where + "bad status " + c[1]);
    Lifespan span;
    if (auto st = read_span(c, 8, where, span); !st) return st;
    // A former state (the Soviet Union) has an ISO 3166-3 code, no longer in ISO 3166-1, and an
    // end; XXK/XKX-style user-assigned codes (Kosovo) are the only others allowed outside ISO.
    bool former = c[1] == "former";
    if (former && (it != iso.end() || !span.to))
      return Status::invalid_input(where + "a former state needs a withdrawn code and an end date");
    bool user_assigned = code.size() == 3 && code[0] == 'X';
    if (it == iso.end() && !user_assigned && !former)
      return Status::invalid_input(where + "not an ISO 3166-1 code: " + code);
    Actor a;
    a.kind = ActorKind::kState;
    a.country = code;
    // states.tsv's own cameo column first (Kosovo KSV), then the converted table.
    auto cameo = cameo_of.find(code);
    a.code = !c[7].empty() ? c[7] : cameo != cameo_of.end() ? cameo->second : code;
    a.name = c[2];
    if (a.name.empty() && it != iso.end())
      a.name = !it->second.common.empty() ? it->second.common : it->second.name;
    if (a.name.empty()) return Status::invalid_input(where + "no name for " + code);
    std::size_t idx = b.add_actor(std::move(a));
    if (it != iso.end()) {
      // "Korea, Republic of" is a catalogue form that news never writes.
      for (const auto* n : {&it->second.name, &it->second.official, &it->second.common})
        if (!n->empty() && n->find(',') == std::string::npos) b.name(idx, *n, NameKind::kName);
    }
    for (auto& s : split(c[3], '|')) b.name(idx, s, NameKind::kName);
    auto dem = split(c[4], '|');
    if (!dem.empty()) kb.demonym[idx] = dem[0];
    for (auto& s : dem) b.name(idx, s, NameKind::kDemonym);
    auto met = split(c[6], '|');
    bool capital_metonym = met.empty() || met[0] != "-";
    if (capital_metonym) b.name(idx, c[5], NameKind::kMetonym);
    for (auto& s : met)
      if (s != "-") b.name(idx, s, NameKind::kMetonym);
    if (span.from || span.to) kb.lifespans[idx] = span;
    kb.states[code] = StateFacts{c[1], c[5]};
    kb.state_by_country.emplace(code, idx);
    return Status();
  });
}

// Loads organizations.tsv, or with `converted` a table converted from another project's
// dictionary: there an organization whose name an actor already holds is skipped (ours win).
Status load_organizations(Builder& b, const char* file, bool converted) {
  auto& kb = b.kb;
  std::vector<std::tuple<std::size_t, std::string, std::size_t>> parents;
  auto st = for_each_row(file, 5, [&](std::size_t line, std::vector<std::string>& c) {
    std::string key = name_key(c[0]);
    if (converted && kb.by_name.contains(key)) return Status();
    Actor a;
    a.name = c[0];
    auto kind = actor_kind_from_string(c[1]);
    if (!kind) return Status::invalid_input(std::string(file) + ":" + std::to_string(line) + ": bad kind " + c[1]);
    a.kind = *kind;
    a.country = c[2];
    a.code = c[3];
    Lifespan span;
    if (auto st = read_span(c, 6, std::string(file) + ":" + std::to_string(line) + ": ", span); !st)
      return st;
    std::size_t idx = b.add_actor(std::move(a), std::move(key));
    if (span.from || span.to) kb.lifespans[idx] = span;
    // Most rows name no alias: no split then.
    if (!c[4].empty())
      for (auto& s : split(c[4], '|')) b.name(idx, s, NameKind::kName);
    if (c.size() > 5 && !c[5].empty()) parents.emplace_back(idx, c[5], line);
    return Status();
  });
  if (!st) return st;
  for (auto& [idx, parent, line] : parents) {
    auto p = kb.find(parent);
    if (!p)
      return Status::invalid_input(std::string(file) + ":" + std::to_string(line) + ": unknown parent " + parent);
    kb.actors[idx].affiliations.push_back({kb.actors[*p].id, kb.actors[*p].name, "member", {}, {}});
  }
  return Status();
}

// Loads people.tsv, or with `converted` a table converted from another project's dictionary:
// there a person whose name an actor already holds is skipped, rows and aliases alike (ours win,
// and gain no terms). A person's rows are consecutive and a few hundred affiliations serve tens of
// thousands of rows, so each name and each affiliation is looked up once.
Status load_people(Builder& b, const char* file, bool converted) {
  auto& kb = b.kb;
  std::string last_name, last_aff;
  std::optional<std::size_t> idx, target;
  std::unordered_map<std::string, std::optional<std::size_t>> affiliations;  // name -> actor
  bool skip = false;
  // The current person's codes by term, kept when they are not all its own code.
  std::vector<DatedCode> codes;
  auto flush = [&] {
    bool differ = false;
    for (const auto& dc : codes) differ |= dc.code != kb.actors[*idx].code;
    if (differ) {
      auto& kept = kb.dated_codes[*idx];
      kept.insert(kept.end(), codes.begin(), codes.end());
    }
    codes.clear();
  };
  auto st = for_each_row(file, 8, [&](std::size_t line, std::vector<std::string>& c) {
    auto where = [&] { return std::string(file) + ":" + std::to_string(line) + ": "; };
    if (c[0] != last_name || last_name.empty()) {
      if (idx && !skip) flush();
      last_name = c[0];
      idx.reset();
      skip = false;
      std::string key = name_key(c[0]);
      if (const auto* ids = kb.by_name.find(key)) {
        if (converted) {
          skip = true;
        } else {
          for (std::size_t h : *ids)
            if (kb.actors[h].kind == ActorKind::kPerson && normalize_name(kb.actors[h].name) == key)
              idx = h;
        }
      }
      if (!skip && !idx) {
        Actor a;
        a.name = c[0];
        a.kind = ActorKind::kPerson;
        a.country = c[1];
        a.code = c[2];
        idx = b.add_actor(std::move(a), std::move(key));
      }
    }
    if (skip) return Status();
    // Aliases stand on a person's first row only: no split for the others.
    if (!c[3].empty())
      for (auto& s : split(c[3], '|')) b.name(*idx, s, NameKind::kName);
    if (c[5] != last_aff || !target) {
      last_aff = c[5];
      auto [it, fresh] = affiliations.try_emplace(c[5]);
      if (fresh) it->second = kb.find(c[5]);
      target = it->second;
    }
    if (!target) return Status::invalid_input(where() + "unknown affiliation " + c[5]);
    Lifespan term;
    if (auto st = read_span(c, 6, where(), term); !st) return st;
    // A person's rows may code them differently by term (Shevardnadze SUNGOV as the Soviet
    // foreign minister, GEOGOV as Georgia's president): kept as dated codes.
    if (term.from || term.to) codes.push_back({term.from, term.to, c[2]});
    if (converted) {
      // Converted roles are sector labels ("government") that no title asks Knowledge::holder
      // for: an affiliation edge, no term.
      const Actor& t = kb.actors[*target];
      kb.actors[*idx].affiliations.push_back({t.id, t.name, c[4], term.from, term.to});
    } else {
      b.add_term(*idx, c[4], *target, term.from, term.to);
    }
    return Status();
  });
  if (st && idx && !skip) flush();
  return st;
}

// Reads the (code, name) pairs of the objects of iso-codes' "3166-2" array without building the
// document: 5,000 small objects as a json tree cost more than all the rest of the places.
struct SubdivisionSax : nlohmann::json_sax<nlohmann::json> {
  std::vector<std::pair<std::string, std::string>> rows;
  bool table = false;  // the "3166-2" array was seen
  int depth = 0;       // 1: the top object, 2: the array, 3: a subdivision
  std::string last_key, code, name;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool string(string_t& v) override {
    if (depth == 3 && last_key == "code") code = std::move(v);
    if (depth == 3 && last_key == "name") name = std::move(v);
    return true;
  }
  bool key(string_t& k) override {
    last_key = std::move(k);
    return true;
  }
  bool start_object(std::size_t) override {
    if (++depth == 3) code.clear(), name.clear();
    return true;
  }
  bool end_object() override {
    if (depth-- == 3 && !code.empty() && !name.empty()) rows.emplace_back(code, name);
    return true;
  }
  bool start_array(std::size_t) override {
    if (++depth == 2 && last_key == "3166-2") table = true;
    return true;
  }
  bool end_array() override {
    --depth;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }
};

// Places inside states: the ISO 3166-2 subdivisions, filtered as data/actors/places.tsv says,
// and that table's own rows. Loaded last: a name any other actor holds is not a place.
Status load_places(Builder& b, const IsoTable& iso) {
  auto& kb = b.kb;
  const char* file = "actors/places.tsv";
  std::map<std::string, std::string> listed;  // normalized name -> iso3, "" never a place
  std::vector<std::pair<std::string, std::string>> extra;
  auto st = for_each_row(file, 1, [&](std::size_t line, std::vector<std::string>& c) {
    std::string country = c.size() > 1 ? c[1] : "";
    if (!country.empty() && !kb.state_by_country.count(country))
      return Status::invalid_input(std::string(file) + ":" + std::to_string(line) + ": unknown state " + country);
    listed[normalize_name(c[0])] = country;
    if (!country.empty()) extra.emplace_back(c[0], country);
    return Status();
  });
  if (!st) return st;
  std::map<std::string, std::string> alpha3;
  for (const auto& [code, e] : iso) alpha3[e.alpha2] = code;
  const char* sub_file = "iso-codes/iso_3166-2.json";
  auto content = diplograph::detail::embedded_file(sub_file);
  if (!content) return Status::internal(std::string("missing built-in data file ") + sub_file);
  SubdivisionSax sax;
  if (!nlohmann::json::sax_parse(*content, &sax) || !sax.table)
    return Status::internal(std::string(sub_file) + ": not the iso-codes ISO 3166-2 table");
  // The subdivisions by normalized name, each name's in file order: the first is the form to
  // match. A sorted vector rather than maps of sets: five thousand names.
  struct Subdivision {
    std::string key;          // normalize_name(name)
    const std::string* name;  // as written
    const std::string* state;  // ISO alpha-3
  };
  std::vector<Subdivision> subs;
  subs.reserve(sax.rows.size());
  for (const auto& [code, name] : sax.rows) {
    auto a3 = alpha3.find(code.substr(0, code.find('-')));
    if (a3 == alpha3.end() || !kb.state_by_country.count(a3->second)) continue;
    subs.push_back({normalize_name(name), &name, &a3->second});
  }
  std::stable_sort(subs.begin(), subs.end(),
                   [](const Subdivision& x, const Subdivision& y) { return x.key < y.key; });
  auto add = [&](const std::string& name, const std::string& country) {
    auto norms = text::token_norms(name);
    if (norms.empty() || kb.gazetteer.find(join(norms, 0, norms.size()))) return;
    b.name(kb.state_by_country.at(country), name, NameKind::kPlace);
  };
  for (const auto& [name, country] : extra) add(name, country);
  for (std::size_t i = 0, next = 0; i < subs.size(); i = next) {
    // A name that subdivisions of several states use is no state's.
    const std::string& key = subs[i].key;
    bool one_state = true;
    for (next = i; next < subs.size() && subs[next].key == key; ++next)
      one_state &= *subs[next].state == *subs[i].state;
    if (!one_state || listed.count(key)) continue;
    std::size_t letters = 0;
    bool all_generic = true, bad_word = false;
    for (const auto& w : split(key, ' ')) {
      letters += w.size();
      all_generic &= kb.is(w, kGenericPlace);
      bad_word |= kb.is(w, kWater);
    }
    if (letters <= 4 || all_generic) continue;
    if (bad_word || subs[i].name->find_first_of(",()") != std::string::npos) continue;
    add(*subs[i].name, *subs[i].state);
  }
  return Status();
}

}  // namespace

namespace {

// Rows of an embedded table (an upper bound: comment lines count too).
std::size_t rows_of(std::string_view file) {
  auto content = diplograph::detail::embedded_file(file);
  return content ? static_cast<std::size_t>(std::count(content->begin(), content->end(), '\n')) : 0;
}

}  // namespace

Status load_builtin_actors(Builder& b) {
  // The converted tables hold tens of thousands of names: sized once, the tables neither rehash
  // nor move their actors while they grow.
  std::size_t actors = rows_of("actors/states.tsv") + rows_of("actors/organizations.tsv") +
                       rows_of("actors/people.tsv") + rows_of("actors/phoenix.organizations.tsv") +
                       rows_of("actors/phoenix.people.tsv");
  b.kb.actors.reserve(actors);
  b.kb.demonym.reserve(actors);
  b.kb.terms.reserve(rows_of("actors/people.tsv"));
  b.kb.by_name.reserve(actors);
  b.kb.gazetteer.reserve(actors);
  // ISO 3166-1, read once for the states and the places.
  auto iso = iso_entries();
  if (!iso) return iso.error();
  auto cameo_of = cameo_countries();
  if (!cameo_of) return cameo_of.error();
  if (auto st = load_states(b, *iso, *cameo_of); !st) return st;
  if (auto st = load_organizations(b, "actors/organizations.tsv", false); !st) return st;
  if (auto st = load_people(b, "actors/people.tsv", false); !st) return st;
  if (auto st = load_organizations(b, "actors/phoenix.organizations.tsv", true); !st) return st;
  if (auto st = load_people(b, "actors/phoenix.people.tsv", true); !st) return st;
  for (Actor& a : b.kb.actors)
    if (a.kind != ActorKind::kState) to_cameo_code(a.code, *cameo_of);
  for (auto& [idx, codes] : b.kb.dated_codes)
    for (DatedCode& dc : codes) to_cameo_code(dc.code, *cameo_of);
  return load_places(b, *iso);
}

}  // namespace diplograph::extract::detail
