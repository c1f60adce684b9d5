// ActorResolver: CAMEO actor codes and ICEWS agent names to actors. Generic agents (a country's
// government, police or foreign ministry) become bodies named the ICEWS way, "Police (Russia)",
// affiliated to their state, so GDELT's RUSGOV/"RUSSIA" and ICEWS's "Government (Russia)" meet.
#include "import/gdelt_icews_actors.hpp"

#include <cassert>
#include <unordered_map>

#include "extract/knowledge.hpp"
#include "model/data_rows.hpp"
#include "text/word_classes.hpp"

namespace diplograph::import {

namespace {

// A CAMEO actor type code and the body it names (data/import/actor_types.tsv).
struct TypeLabel {
  std::string label;
  ActorKind kind = ActorKind::kOther;
};

// Parts of an agent that make it a government body ("Foreign Affairs (Bangladesh)").
bool governmental(std::string_view agent, std::string_view sectors) {
  std::string a = normalize_name(agent);
  for (const auto& part : text::word_classes().words(text::kGovernmentPart))
    if (a.find(part) != std::string::npos) return true;
  return sectors.find("Government") != std::string_view::npos;
}

// Words of an unknown name that make it a body rather than a person.
bool body_like(std::string_view name) {
  const text::WordClasses& words = text::word_classes();
  for (const auto& w : detail::split(normalize_name(name), ' '))
    if (words.is(w, text::kBody | text::kInstitution)) return true;
  return false;
}

bool missing(std::string_view s) { return s.empty() || s == "NA"; }

}  // namespace

std::string title_case(std::string_view upper) {
  std::string out;
  out.reserve(upper.size());
  bool start = true;
  std::size_t word_start = 0;
  for (std::size_t i = 0; i < upper.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(upper[i]);
    if (c == ' ' || c == '-' || c == '/' || c == '(' || c == '\'') {
      out += static_cast<char>(c);
      start = true;
      continue;
    }
    if (start) word_start = i;
    if (c < 0x80) out += static_cast<char>(start ? std::toupper(c) : std::tolower(c));
    else out += static_cast<char>(c);
    start = false;
    // Short connecting words stay lower case after the first word.
    std::size_t len = i + 1 - word_start;
    bool word_end = i + 1 == upper.size() || upper[i + 1] == ' ';
    if (word_end && word_start > 0 && (len == 2 || len == 3)) {
      std::string w = normalize_name(upper.substr(word_start, len));
      if (text::word_classes().is(w, text::kMinorWord))
        for (std::size_t k = out.size() - len; k < out.size(); ++k)
          out[k] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[k])));
    }
  }
  return out;
}

struct ActorResolver::Impl {
  std::optional<extract::Knowledge> kb;
  std::unordered_map<std::string, TypeLabel> types;            // "GOV" -> Government
  std::unordered_map<std::string, std::string> state_by_iso;   // "RUS" -> "Russia"
  std::unordered_map<std::string, std::string> iso_by_name;    // normalized name/alias -> "RUS"
  std::unordered_map<std::string, std::string> event_codes;    // normalized event name -> code
  // Where CAMEO's country code differs from ISO's (data/actors/cameo_countries.tsv, states.tsv's
  // cameo column): "ROM" -> "ROU" and back.
  std::unordered_map<std::string, std::string> iso_by_cameo, cameo_by_iso;

  // "ROU" for "ROM" or "ROU".
  std::string iso_of_code(std::string_view code) const {
    auto it = iso_by_cameo.find(std::string(code));
    return it != iso_by_cameo.end() ? it->second : std::string(code);
  }
  // "ROM" for "ROU".
  std::string cameo_of_iso(const std::string& iso) const {
    auto it = cameo_by_iso.find(iso);
    return it != cameo_by_iso.end() ? it->second : iso;
  }

  // The state of country code `code`, CAMEO's or ISO's (name from our table, else `fallback`),
  // appended to `actors`: its country ISO's code, its code CAMEO's.
  ActorRef state(std::string_view code, std::string_view fallback,
                 std::vector<Actor>& actors) const {
    Actor a;
    auto it = state_by_iso.find(std::string(code));
    a.name = it != state_by_iso.end() ? it->second : title_case(fallback);
    if (a.name.empty()) a.name = std::string(code);
    a.id = actor_id_for(a.name);
    a.kind = ActorKind::kState;
    a.country = iso_of_code(code);
    a.code = cameo_of_iso(a.country);
    actors.push_back(a);
    return ActorRef::of(a);
  }

  // A known actor of the knowledge base named `name`, when exactly one is.
  std::optional<Actor> known(std::string_view name) const {
    if (!kb) return std::nullopt;
    const auto* found = kb->by_name.find(normalize_name(name));
    if (!found || found->size() != 1) return std::nullopt;
    return kb->actors[found->front()];
  }

  const TypeLabel* type_label(std::string_view code) const {
    auto it = types.find(std::string(code));
    return it == types.end() ? nullptr : &it->second;
  }

  ActorRef add(Actor a, std::vector<Actor>& actors, std::string_view alias) const {
    if (!alias.empty() && normalize_name(alias) != normalize_name(a.name))
      a.aliases.push_back(std::string(alias));
    ActorRef r = ActorRef::of(a);
    actors.push_back(std::move(a));
    return r;
  }

  // A body or person of a state, affiliated to it.
  ActorRef member(std::string name, ActorKind kind, std::string_view code, const ActorRef& state,
                  std::vector<Actor>& actors) const {
    Actor a;
    a.name = std::move(name);
    a.id = actor_id_for(a.name);
    a.kind = kind;
    a.country = state.country;
    a.code = std::string(code);
    Affiliation f;
    f.target = state.id;
    f.target_name = state.name;
    f.role = kind == ActorKind::kPerson ? "official" : "part of";
    if (kind != ActorKind::kPerson && kind != ActorKind::kGovernment) f.role = "member";
    a.affiliations.push_back(std::move(f));
    return add(std::move(a), actors, "");
  }
};

ActorResolver::ActorResolver() : impl_(std::make_unique<Impl>()) {
  // Without the knowledge base (a broken user build of data/) names still resolve, only not to
  // the extractor's actors.
  if (auto kb = extract::Knowledge::load({})) impl_->kb = std::move(*kb);
  // Columns are found by their header names, so the tables may gain columns.
  auto rows = [](std::string_view file, auto fn) {
    std::vector<std::string> header;
    auto row = [&](std::size_t line, std::vector<std::string>& cols) {
      auto col = [&](std::string_view name) -> std::string_view {
        for (std::size_t i = 0; i < header.size() && i < cols.size(); ++i)
          if (header[i] == name) return cols[i];
        return {};
      };
      return fn(line, col);
    };
    detail::require(detail::for_each_row(file, 1, row, &header));
  };
  // GDELT's and ICEWS's country codes are CAMEO's (ROM for Romania): they name the ISO state.
  std::map<std::string, std::string> cameo_of;
  rows("actors/cameo_countries.tsv", [&](std::size_t, auto col) {
    cameo_of.emplace(std::string(col("iso3")), std::string(col("cameo")));
    return Status();
  });
  rows("actors/states.tsv", [&](std::size_t, auto col) {
    std::string iso(col("iso3"));
    std::string_view name = col("name");
    if (iso.empty() || name.empty()) return Status();
    impl_->state_by_iso[iso] = std::string(name);
    impl_->iso_by_name[normalize_name(name)] = iso;
    std::string cameo(col("cameo"));
    if (cameo.empty())
      if (auto c = cameo_of.find(iso); c != cameo_of.end()) cameo = c->second;
    if (!cameo.empty() && cameo != iso) {
      impl_->state_by_iso.emplace(cameo, std::string(name));
      impl_->iso_by_cameo.emplace(cameo, iso);
      impl_->cameo_by_iso.emplace(iso, cameo);
    }
    std::string_view al = col("aliases");
    std::size_t s = 0;
    for (std::size_t t; s <= al.size(); s = t + 1) {
      t = al.find('|', s);
      if (t == std::string_view::npos) t = al.size();
      if (t > s) impl_->iso_by_name.emplace(normalize_name(al.substr(s, t - s)), iso);
    }
    return Status();
  });
  rows("import/icews_event_names.tsv", [&](std::size_t, auto col) {
    impl_->event_codes[normalize_name(col("name"))] = std::string(col("code"));
    return Status();
  });
  const char* types = "import/actor_types.tsv";
  rows(types, [&](std::size_t line, auto col) {
    auto kind = actor_kind_from_string(col("kind"));
    if (!kind) return Status::invalid_input(detail::where(types, line) + "bad kind");
    impl_->types[std::string(col("code"))] = TypeLabel{std::string(col("label")), *kind};
    return Status();
  });
}

ActorResolver::~ActorResolver() = default;

const ActorResolver& ActorResolver::instance() {
  static const ActorResolver resolver;
  return resolver;
}

std::optional<std::string> ActorResolver::icews_event_code(std::string_view name) const {
  auto it = impl_->event_codes.find(normalize_name(name));
  if (it == impl_->event_codes.end()) return std::nullopt;
  return it->second;
}

std::optional<ActorRef> ActorResolver::resolve_gdelt(const GdeltActor& g,
                                                     std::vector<Actor>& actors) const {
  if (g.code.empty() && g.name.empty()) return std::nullopt;
  std::string name = clean_name(title_case(g.name.empty() ? g.code : g.name));
  const std::string norm = normalize_name(name);
  const bool country = g.country.size() == 3;
  // A country code alone is the state.
  if (country && (g.code == g.country || g.code.empty()) && g.known_group.empty())
    return impl_->state(g.country, name, actors);
  if (auto k = impl_->known(name); k && !(country && k->kind == ActorKind::kState)) {
    if (k->code.empty()) k->code = std::string(g.code);
    return impl_->add(std::move(*k), actors, name);
  }
  const TypeLabel* type = impl_->type_label(g.type1);
  if (country) {
    ActorRef state = impl_->state(g.country, "", actors);
    // The name is the country, its capital or a role word: a generic body of that state.
    auto iso = impl_->iso_by_name.find(norm);
    bool generic = (iso != impl_->iso_by_name.end() && iso->second == state.country) ||
                   norm == normalize_name(state.name) || g.name.empty();
    if (!generic && type && norm.find(normalize_name(type->label)) != std::string::npos)
      generic = true;
    if (generic || (type && normalize_name(g.name).find(' ') == std::string::npos)) {
      std::string label = type ? std::string(type->label) : "Government";
      return impl_->member(label + " (" + state.name + ")",
                           type ? type->kind : ActorKind::kGovernment, g.code, state, actors);
    }
    ActorKind kind = body_like(name) ? (type ? type->kind : ActorKind::kOrganization)
                                     : ActorKind::kPerson;
    return impl_->member(name, kind, g.code, state, actors);
  }
  Actor a;
  a.name = name;
  a.id = actor_id_for(name);
  a.kind = type && type->kind == ActorKind::kArmedGroup ? ActorKind::kArmedGroup
                                                        : ActorKind::kOrganization;
  a.code = std::string(g.code);
  return impl_->add(std::move(a), actors, "");
}

std::optional<ActorRef> ActorResolver::resolve_icews(std::string_view name,
                                                     std::string_view sectors,
                                                     std::string_view country,
                                                     std::vector<Actor>& actors) const {
  std::string cleaned;
  if (needs_cleaning(name)) name = cleaned = clean_name(name);
  if (missing(name)) return std::nullopt;
  if (missing(sectors)) sectors = {};
  if (missing(country)) country = {};
  auto iso_of = [&](std::string_view n) -> std::string {
    auto it = impl_->iso_by_name.find(normalize_name(n));
    return it == impl_->iso_by_name.end() ? std::string() : it->second;
  };
  // "Foreign Affairs (Bangladesh)": a sector agent of a state.
  if (name.size() > 3 && name.back() == ')') {
    std::size_t open = name.rfind(" (");
    if (open != std::string_view::npos) {
      std::string_view agent = name.substr(0, open);
      std::string_view where = name.substr(open + 2, name.size() - open - 3);
      std::string iso = iso_of(where);
      Actor st;
      st.name = iso.empty() ? std::string(where) : impl_->state_by_iso.at(iso);
      st.id = actor_id_for(st.name);
      st.kind = ActorKind::kState;
      st.country = iso;
      st.code = impl_->cameo_of_iso(iso);
      actors.push_back(st);
      ActorKind kind = governmental(agent, sectors) ? ActorKind::kGovernment : ActorKind::kOther;
      return impl_->member(std::string(name), kind, "", ActorRef::of(st), actors);
    }
  }
  if (std::string iso = iso_of(name); !iso.empty()) return impl_->state(iso, name, actors);
  if (auto k = impl_->known(name)) return impl_->add(std::move(*k), actors, name);
  // ICEWS spells people in full, patronymics included ("Sergey Viktorovich Lavrov"); the news
  // and analysts say "Sergey Lavrov". That short form is looked up, and kept as an alias.
  std::string short_name;
  if (!body_like(name)) {
    std::size_t first = name.find(' '), last = name.rfind(' ');
    if (first != std::string_view::npos && first != last)
      short_name = std::string(name.substr(0, first)) + std::string(name.substr(last));
  }
  if (!short_name.empty())
    if (auto k = impl_->known(short_name)) return impl_->add(std::move(*k), actors, name);
  if (!country.empty() && normalize_name(name) == normalize_name(country)) {
    Actor a;  // a state our table does not list
    a.name = std::string(name);
    a.id = actor_id_for(a.name);
    a.kind = ActorKind::kState;
    return impl_->add(std::move(a), actors, "");
  }
  ActorKind kind = body_like(name) ? (governmental(name, sectors) ? ActorKind::kGovernment
                                                                  : ActorKind::kOrganization)
                                   : ActorKind::kPerson;
  if (!country.empty()) {
    std::string iso = iso_of(country);
    if (!iso.empty()) {
      ActorRef state = impl_->state(iso, "", actors);
      ActorRef r = impl_->member(std::string(name), kind, "", state, actors);
      if (kind == ActorKind::kPerson && !short_name.empty()) actors.back().aliases.push_back(short_name);
      return r;
    }
  }
  Actor a;
  a.name = std::string(name);
  a.id = actor_id_for(a.name);
  a.kind = kind;
  if (kind == ActorKind::kPerson && !short_name.empty()) a.aliases.push_back(short_name);
  return impl_->add(std::move(a), actors, "");
}

ActorRef ActorResolver::resolve_name(std::string_view name, std::vector<Actor>& actors) const {
  std::string cleaned;
  if (needs_cleaning(name)) name = cleaned = clean_name(name);
  const std::string key = normalize_name(name);
  auto iso = impl_->iso_by_name.find(key);
  if (iso != impl_->iso_by_name.end()) return impl_->state(iso->second, name, actors);
  if (auto k = impl_->known(name)) return impl_->add(std::move(*k), actors, name);
  ActorRef r;
  r.name = std::string(name);
  r.id = actor_id_for_key(key);
  return r;
}

}  // namespace diplograph::import
