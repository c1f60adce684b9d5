#include "extract/knowledge.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "model/embedded_data.hpp"
#include "text/segment.hpp"

namespace diplograph::extract {

std::string join(const std::vector<std::string>& toks, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) out += ' ';
    out += toks[i];
  }
  return out;
}

template <class T>
void PhraseTable<T>::add(const std::vector<std::string>& toks, T value) {
  if (toks.empty()) return;
  max_len = std::max(max_len, toks.size());
  map.insert_or_assign(join(toks, 0, toks.size()), std::move(value));
}

template <class T>
std::size_t PhraseTable<T>::longest(const std::vector<std::string>& norms, std::size_t i,
                                    const T** out) const {
  for (std::size_t len = std::min(max_len, norms.size() - i); len > 0; --len) {
    auto it = map.find(join(norms, i, i + len));
    if (it != map.end()) {
      *out = &it->second;
      return len;
    }
  }
  return 0;
}

template struct PhraseTable<std::vector<GazetteerEntry>>;
template struct PhraseTable<Title>;
template struct PhraseTable<Body>;
template struct PhraseTable<Modifier>;
template struct PhraseTable<TimeWord>;
template struct PhraseTable<std::string>;

namespace {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  for (;;) {
    std::size_t e = s.find(sep, pos);
    out.emplace_back(s.substr(pos, e == std::string_view::npos ? std::string_view::npos : e - pos));
    if (e == std::string_view::npos) break;
    pos = e + 1;
  }
  return out;
}

// Calls fn(line_no, columns) for each data row of a TSV file: comments and the header skipped.
Status for_each_row(std::string_view file, std::size_t min_cols,
                    const std::function<Status(std::size_t, std::vector<std::string>&)>& fn) {
  auto content = detail::embedded_file(file);
  if (!content) return Status::internal("missing built-in data file " + std::string(file));
  std::size_t pos = 0, line_no = 0;
  bool header = true;
  while (pos < content->size()) {
    std::size_t nl = content->find('\n', pos);
    if (nl == std::string_view::npos) nl = content->size();
    std::string_view line = content->substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    auto cols = split(line, '\t');
    if (cols.size() < min_cols)
      return Status::invalid_input(std::string(file) + ":" + std::to_string(line_no) +
                                   ": expected " + std::to_string(min_cols) + " columns");
    if (auto st = fn(line_no, cols); !st) return st;
  }
  return Status();
}

bool all_caps_short(std::string_view s) {
  int letters = 0;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters > 0 && letters <= 4 && s.find('.') == std::string_view::npos;
}

struct Builder {
  Knowledge& kb;

  std::size_t add_actor(Actor a) {
    a.id = actor_id_for(a.name);
    kb.actors.push_back(std::move(a));
    kb.demonym.emplace_back();
    std::size_t idx = kb.actors.size() - 1;
    name(idx, kb.actors[idx].name, NameKind::kName);
    return idx;
  }

  void name(std::size_t idx, const std::string& text, NameKind kind) {
    if (text.empty()) return;
    auto norms = text::token_norms(text);
    auto& list = kb.gazetteer.map[join(norms, 0, norms.size())];
    kb.gazetteer.max_len = std::max(kb.gazetteer.max_len, norms.size());
    for (const auto& e : list)
      if (e.actor == idx) return;
    list.push_back({idx, kind, kind == NameKind::kName && all_caps_short(text)});
    if (kind == NameKind::kName) {
      auto& ids = kb.by_name[normalize_name(text)];
      if (std::find(ids.begin(), ids.end(), idx) == ids.end()) ids.push_back(idx);
      if (text != kb.actors[idx].name) {
        auto& al = kb.actors[idx].aliases;
        if (std::find(al.begin(), al.end(), text) == al.end()) al.push_back(text);
      }
    }
  }
};

std::optional<Date> opt_date(const std::string& s) {
  if (s.empty()) return std::nullopt;
  auto d = Date::parse(s);
  if (!d) return std::nullopt;
  return *d;
}

Status load_actors(Builder& b) {
  auto& kb = b.kb;
  auto st = for_each_row("actors/states.tsv", 5, [&](std::size_t, std::vector<std::string>& c) {
    Actor a;
    a.name = c[1];
    a.kind = ActorKind::kState;
    a.country = c[0];
    a.code = c[0];
    std::size_t idx = b.add_actor(std::move(a));
    for (auto& s : split(c[2], '|')) b.name(idx, s, NameKind::kName);
    auto dem = split(c[3], '|');
    if (!dem.empty()) kb.demonym[idx] = dem[0];
    for (auto& s : dem) b.name(idx, s, NameKind::kDemonym);
    for (auto& s : split(c[4], '|')) b.name(idx, s, NameKind::kMetonym);
    return Status();
  });
  if (!st) return st;
  std::vector<std::pair<std::size_t, std::string>> parents;
  st = for_each_row("actors/organizations.tsv", 5, [&](std::size_t line, std::vector<std::string>& c) {
    Actor a;
    a.name = c[0];
    auto kind = actor_kind_from_string(c[1]);
    if (!kind)
      return Status::invalid_input("actors/organizations.tsv:" + std::to_string(line) + ": bad kind " + c[1]);
    a.kind = *kind;
    a.country = c[2];
    a.code = c[3];
    std::size_t idx = b.add_actor(std::move(a));
    for (auto& s : split(c[4], '|')) b.name(idx, s, NameKind::kName);
    if (c.size() > 5 && !c[5].empty()) parents.emplace_back(idx, c[5]);
    return Status();
  });
  if (!st) return st;
  for (auto& [idx, parent] : parents) {
    auto p = kb.find(parent);
    if (!p) return Status::invalid_input("actors/organizations.tsv: unknown parent " + parent);
    kb.actors[idx].affiliations.push_back({kb.actors[*p].id, kb.actors[*p].name, "member", {}, {}});
  }
  return for_each_row("actors/people.tsv", 8, [&](std::size_t line, std::vector<std::string>& c) {
    auto existing = kb.find(c[0]);
    std::size_t idx;
    if (existing && kb.actors[*existing].kind == ActorKind::kPerson) {
      idx = *existing;
    } else {
      Actor a;
      a.name = c[0];
      a.kind = ActorKind::kPerson;
      a.country = c[1];
      a.code = c[2];
      idx = b.add_actor(std::move(a));
      for (auto& s : split(c[3], '|')) b.name(idx, s, NameKind::kName);
    }
    auto target = kb.find(c[5]);
    if (!target)
      return Status::invalid_input("actors/people.tsv:" + std::to_string(line) + ": unknown " + c[5]);
    kb.actors[idx].affiliations.push_back(
        {kb.actors[*target].id, kb.actors[*target].name, c[4], opt_date(c[6]), opt_date(c[7])});
    return Status();
  });
}

Status load_user_dict(Builder& b, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::invalid_input(path + ": cannot open dictionary");
  std::stringstream ss;
  ss << in.rdbuf();
  auto j = nlohmann::json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("actors") || !j["actors"].is_array())
    return Status::invalid_input(path + ": expected {\"actors\": [...]}");
  std::size_t n = 0;
  for (const auto& e : j["actors"]) {
    ++n;
    auto where = path + ": actors[" + std::to_string(n - 1) + "]";
    if (!e.is_object() || !e.contains("name") || !e["name"].is_string())
      return Status::invalid_input(where + ": needs a \"name\"");
    Actor a;
    a.name = e["name"].get<std::string>();
    auto kind = actor_kind_from_string(e.value("kind", "other"));
    if (!kind) return Status::invalid_input(where + ": bad \"kind\"");
    a.kind = *kind;
    a.country = e.value("country", "");
    a.code = e.value("code", "");
    std::size_t idx = b.add_actor(std::move(a));
    if (e.contains("aliases") && e["aliases"].is_array())
      for (const auto& al : e["aliases"])
        if (al.is_string()) b.name(idx, al.get<std::string>(), NameKind::kName);
  }
  return Status();
}

Status load_lexicon(Knowledge& kb) {
  auto st = for_each_row("lexicon/titles.tsv", 3, [&](std::size_t, std::vector<std::string>& c) {
    kb.titles.add(text::token_norms(c[0]), Title{c[1], c[2]});
    return Status();
  });
  if (!st) return st;
  st = for_each_row("lexicon/bodies.tsv", 3, [&](std::size_t, std::vector<std::string>& c) {
    kb.bodies.add(text::token_norms(c[0]), Body{c[1] == "-" ? "" : c[1], c[2]});
    return Status();
  });
  if (!st) return st;
  st = for_each_row("lexicon/modifiers.tsv", 2, [&](std::size_t line, std::vector<std::string>& c) {
    Modifier m = c[1] == "planned" ? Modifier::kPlanned
                 : c[1] == "denied" ? Modifier::kDenied
                 : c[1] == "speculative" ? Modifier::kSpeculative
                 : Modifier::kNone;
    kb.modifiers.add(text::token_norms(c[0]), m);
    return Status();
  });
  if (!st) return st;
  st = for_each_row("lexicon/references.tsv", 2, [&](std::size_t, std::vector<std::string>& c) {
    kb.references.add(text::token_norms(c[0]), c[1]);
    return Status();
  });
  if (!st) return st;
  return for_each_row("lexicon/time.tsv", 3, [&](std::size_t line, std::vector<std::string>& c) {
    TimeUnit u = c[1] == "weekday" ? TimeUnit::kWeekday
                 : c[1] == "month" ? TimeUnit::kMonth
                 : c[1] == "year" ? TimeUnit::kYear
                 : TimeUnit::kDay;
    kb.times.add(text::token_norms(c[0]), TimeWord{u, std::stoi(c[2])});
    return Status();
  });
}

Status load_patterns(Knowledge& kb) {
  std::unordered_map<std::string, std::vector<std::string>> verbs;
  auto st = for_each_row("lexicon/verbs.tsv", 2, [&](std::size_t, std::vector<std::string>& c) {
    verbs[c[0]] = split(c[1], '|');
    for (auto& f : verbs[c[0]]) kb.verb_forms.insert(f);
    return Status();
  });
  if (!st) return st;
  return for_each_row("patterns/events.tsv", 4, [&](std::size_t line, std::vector<std::string>& c) {
    auto where = "patterns/events.tsv:" + std::to_string(line) + ": ";
    Pattern p;
    p.id = c[0];
    auto type = event_type_from_string(c[1]);
    if (!type) return Status::invalid_input(where + "bad type " + c[1]);
    p.type = *type;
    p.cameo = c[2];
    if (!cameo_lookup(p.cameo)) return Status::invalid_input(where + "bad CAMEO code " + c[2]);
    for (auto& raw : split(c[3], ' ')) {
      if (raw.empty()) continue;
      PatternElement e;
      std::string tok = raw;
      if (tok.size() > 1 && tok.back() == '?') {
        e.optional = true;
        tok.pop_back();
      }
      if (tok == "{S}") {
        e.kind = PatternElement::kSource;
        p.explicit_source = true;
      } else if (tok == "{O}") {
        e.kind = PatternElement::kTarget;
      } else if (tok[0] == '*') {
        e.kind = PatternElement::kGap;
        e.gap = std::atoi(tok.c_str() + 1);
      } else if (tok.front() == '<' && tok.back() == '>') {
        for (auto& lemma : split(tok.substr(1, tok.size() - 2), '|')) {
          auto it = verbs.find(lemma);
          if (it == verbs.end()) return Status::invalid_input(where + "unknown verb " + lemma);
          for (auto& form : it->second) e.words.push_back(text::token_norms(form));
        }
      } else if (tok.find_first_of("<>{}") != std::string::npos) {
        return Status::invalid_input(where + "bad element " + tok);
      } else {
        for (auto& w : split(tok, '|')) e.words.push_back(text::token_norms(w));
      }
      p.elements.push_back(std::move(e));
    }
    if (p.elements.empty()) return Status::invalid_input(where + "empty pattern");
    kb.patterns.push_back(std::move(p));
    return Status();
  });
}

}  // namespace

std::optional<std::size_t> Knowledge::find(std::string_view name) const {
  auto it = by_name.find(normalize_name(name));
  if (it == by_name.end() || it->second.empty()) return std::nullopt;
  return it->second.front();
}

Result<Knowledge> Knowledge::load(const std::vector<std::string>& dict_files) {
  Knowledge kb;
  Builder b{kb};
  if (auto st = load_actors(b); !st) return st;
  if (auto st = load_lexicon(kb); !st) return st;
  if (auto st = load_patterns(kb); !st) return st;
  if (auto words = detail::embedded_file("lexicon/clause_words.txt")) {
    std::size_t pos = 0;
    while (pos < words->size()) {
      std::size_t nl = words->find('\n', pos);
      if (nl == std::string_view::npos) nl = words->size();
      std::string_view w = words->substr(pos, nl - pos);
      pos = nl + 1;
      if (!w.empty() && w[0] != '#') kb.clause_words.insert(std::string(w));
    }
  }
  for (const auto& f : dict_files)
    if (auto st = load_user_dict(b, f); !st) return st;
  return kb;
}

}  // namespace diplograph::extract
