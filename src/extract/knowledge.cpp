#include "extract/knowledge.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

#include "extract/kb_build.hpp"
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

namespace {

// Whether `key` is toks[from, to) joined by single spaces.
bool joined_equals(std::string_view key, const std::vector<std::string>& toks, std::size_t from,
                   std::size_t to) {
  std::size_t pos = 0;
  for (std::size_t t = from; t < to; ++t) {
    if (t > from) {
      if (pos >= key.size() || key[pos] != ' ') return false;
      ++pos;
    }
    const std::string& w = toks[t];
    if (key.compare(pos, w.size(), w) != 0) return false;
    pos += w.size();
  }
  return pos == key.size();
}

}  // namespace

template <class T>
void PhraseTable<T>::add(const std::vector<std::string>& toks, T value) {
  if (toks.empty()) return;
  slot(toks) = std::move(value);
}

template <class T>
T& PhraseTable<T>::slot(const std::vector<std::string>& toks) {
  max_len_ = std::max(max_len_, toks.size());
  std::string key;
  for (std::size_t len = 1; len <= toks.size(); ++len) {
    if (len > 1) key += ' ';
    key += toks[len - 1];
    if (len < toks.size()) {
      Slot& p = insert(key);
      p.prefix = true;
      if (len == 1) mark_first(p);
    }
  }
  Slot& s = insert(key);
  if (s.value < 0) {
    s.value = static_cast<std::int32_t>(values_.size());
    values_.emplace_back();
  }
  if (toks.size() == 1) mark_first(s);
  return values_[static_cast<std::size_t>(s.value)];
}

template <class T>
const T* PhraseTable<T>::find(std::string_view phrase) const {
  if (slots_.empty()) return nullptr;
  std::uint32_t h = finish(feed(kSeed, phrase));
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.value < 0 && !s.prefix) return nullptr;
    if (s.hash == h && key_of(s) == phrase)
      return s.value < 0 ? nullptr : &values_[static_cast<std::size_t>(s.value)];
  }
}

template <class T>
const typename PhraseTable<T>::Slot* PhraseTable<T>::lookup(std::uint32_t hash,
                                                            const std::vector<std::string>& toks,
                                                            std::size_t from,
                                                            std::size_t to) const {
  if (slots_.empty()) return nullptr;
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.value < 0 && !s.prefix) return nullptr;
    if (s.hash == hash && joined_equals(key_of(s), toks, from, to)) return &s;
  }
}

template <class T>
typename PhraseTable<T>::Slot& PhraseTable<T>::insert(std::string_view key) {
  if (5 * (used_ + 1) > 3 * slots_.size()) grow(std::max<std::size_t>(16, 2 * slots_.size()));
  std::uint32_t h = finish(feed(kSeed, key));
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& s = slots_[i];
    if (s.value < 0 && !s.prefix) {
      // A new key: the caller marks the slot a phrase or a prefix.
      s.hash = h;
      s.key = static_cast<std::uint32_t>(keys_.size());
      s.length = static_cast<std::uint32_t>(key.size());
      keys_.append(key);
      ++used_;
      return s;
    }
    if (s.hash == h && key_of(s) == key) return s;
  }
}

template <class T>
void PhraseTable<T>::mark_first(Slot& s) {
  s.first = 1;
  std::size_t home = s.hash & (slots_.size() - 1);
  first_bits_[home / 64] |= std::uint64_t{1} << (home % 64);
}

template <class T>
void PhraseTable<T>::grow(std::size_t min_slots) {
  std::size_t n = 16;
  while (n < min_slots) n *= 2;
  if (n <= slots_.size()) return;
  std::vector<Slot> old(n);
  old.swap(slots_);
  std::size_t mask = n - 1;
  for (const Slot& s : old) {
    if (s.value < 0 && !s.prefix) continue;
    std::size_t i = s.hash & mask;
    while (slots_[i].value >= 0 || slots_[i].prefix) i = (i + 1) & mask;
    slots_[i] = s;
  }
  first_bits_.assign((n + 63) / 64, 0);
  for (Slot& s : slots_)
    if (s.first) mark_first(s);
}

template <class T>
void PhraseTable<T>::reserve(std::size_t phrases) {
  // At most 60% full, with as many prefixes as phrases.
  grow(2 * phrases * 5 / 3 + 1);
  values_.reserve(phrases);
}

template <class T>
std::size_t PhraseTable<T>::longest(const std::vector<std::string>& norms, std::size_t i,
                                    const T** out) const {
  std::size_t best = 0;
  std::uint64_t h = kSeed;
  for (std::size_t len = 1; i + len <= norms.size() && len <= max_len_; ++len) {
    if (len > 1) h = feed(h, " ");
    h = feed(h, norms[i + len - 1]);
    std::uint32_t hash = finish(h);
    if (len == 1) {
      std::size_t home = hash & (slots_.size() - 1);
      if (slots_.empty() || !(first_bits_[home / 64] >> (home % 64) & 1)) break;
    }
    const Slot* s = lookup(hash, norms, i, i + len);
    // A token sequence that is no phrase and starts none ends the search.
    if (!s) break;
    if (s->value >= 0) {
      *out = &values_[static_cast<std::size_t>(s->value)];
      best = len;
    }
    if (!s->prefix) break;
  }
  return best;
}

template class PhraseTable<GazetteerList>;
template class PhraseTable<Title>;
template class PhraseTable<Body>;
template class PhraseTable<Modifier>;
template class PhraseTable<TimeWord>;
template class PhraseTable<std::string>;
template class PhraseTable<std::uint32_t>;

namespace {

using detail::for_each_row;
using detail::split;
using detail::where;

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
  for (const char* file : {"lexicon/groups.tsv", "lexicon/agents.tsv"}) {
    bool ours = file == std::string_view("lexicon/groups.tsv");
    st = for_each_row(file, 3, [&](std::size_t, std::vector<std::string>& c) {
      auto toks = text::token_norms(c[0]);
      if (toks.empty() || (!ours && kb.groups.find(join(toks, 0, toks.size()))))
        return Status();
      kb.groups.add(toks, Body{c[1] == "-" ? "" : c[1], c[2]});
      return Status();
    });
    if (!st) return st;
  }
  const char* domestic = "lexicon/domestic.tsv";
  st = for_each_row(domestic, 3, [&](std::size_t line, std::vector<std::string>& c) {
    for (int k : {1, 2}) {
      if (c[k] != "yes" && c[k] != "no")
        return Status::invalid_input(where(domestic, line) + "expected yes or no, not " + c[k]);
      if (c[k] == "yes") (k == 1 ? kb.bare_domestic : kb.placed_domestic).insert(c[0]);
    }
    return Status();
  });
  if (!st) return st;
  st = for_each_row("lexicon/sector_roles.tsv", 2, [&](std::size_t, std::vector<std::string>& c) {
    kb.sector_roles[c[0]] = c[1];
    return Status();
  });
  if (!st) return st;
  st = for_each_row("lexicon/combining.tsv", 2, [&](std::size_t, std::vector<std::string>& c) {
    kb.combining_forms[c[0]] = c[1];
    return Status();
  });
  if (!st) return st;
  st = for_each_row("lexicon/offices.tsv", 2, [&](std::size_t, std::vector<std::string>& c) {
    kb.offices[detail::role_key(c[0])] = c[1];
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
  st = for_each_row("lexicon/time.tsv", 3, [&](std::size_t line, std::vector<std::string>& c) {
    TimeUnit u = c[1] == "weekday" ? TimeUnit::kWeekday
                 : c[1] == "month" ? TimeUnit::kMonth
                 : c[1] == "year" ? TimeUnit::kYear
                 : TimeUnit::kDay;
    const std::string kind = c.size() > 3 ? c[3] : std::string();
    kb.times.add(text::token_norms(c[0]), TimeWord{u, std::stoi(c[2]), kind == "future", kind == "count", kind == "anchored"});
    return Status();
  });
  if (!st) return st;
  return for_each_row("lexicon/numbers.tsv", 2, [&](std::size_t, std::vector<std::string>& c) {
    kb.numbers[c[0]] = std::stoi(c[1]);
    return Status();
  });
}

// One pattern file of data/patterns (format: data/patterns/events.tsv), appended to kb.patterns.
Status load_pattern_file(Knowledge& kb, std::string_view file, std::string_view content, int tier,
                         const std::unordered_map<std::string, std::vector<std::string>>& verbs) {
  std::unordered_map<std::string, std::shared_ptr<const WordSet>> sets;
  return detail::for_each_row_in(file, content, 4, [&](std::size_t line, std::vector<std::string>& c) {
    Pattern p;
    p.id = c[0];
    p.cameo = c[2];
    p.tier = tier;
    if (c[1] == "none") {
      p.null = true;
    } else {
      // A code of the CAMEO codebook (data/cameo.tsv lists them all), whatever the type.
      const CameoCode* listed = cameo_lookup(p.cameo);
      if (!listed || listed->code != p.cameo)
        return Status::invalid_input(where(file, line) + "'" + c[2] + "' is not a CAMEO event code");
      // "-": the type the CAMEO code belongs to.
      std::optional<EventType> type;
      if (c[1] == "-") {
        if (auto t = event_type_for_cameo(p.cameo)) type = *t;
      } else {
        type = event_type_from_string(c[1]);
      }
      if (!type) return Status::invalid_input(where(file, line) + "unknown event type '" + c[1] + "'");
      p.type = *type;
    }
    // An alternative's words are joined by '_' ("armed_forces"): one token sequence. The same
    // alternatives and verbs recur across thousands of converted patterns: each distinct
    // element is compiled once and shared.
    auto word_set = [&](const std::string& tok) -> Result<std::shared_ptr<const WordSet>> {
      auto& cached = sets[tok];
      if (cached) return cached;
      auto set = std::make_shared<WordSet>();
      auto add = [&](std::string w) {
        std::replace(w.begin(), w.end(), '_', ' ');
        auto norms = text::token_norms(w);
        if (norms.empty()) return;
        if (std::find(set->firsts.begin(), set->firsts.end(), norms.front()) == set->firsts.end())
          set->firsts.push_back(norms.front());
        set->alts.push_back(std::move(norms));
      };
      if (tok.front() == '<') {
        for (auto& lemma : split(tok.substr(1, tok.size() - 2), '|')) {
          auto it = verbs.find(lemma);
          if (it == verbs.end()) return Status::invalid_input(where(file, line) + "unknown verb " + lemma);
          for (auto& form : it->second) add(form);
        }
      } else {
        for (auto& w : split(tok, '|')) add(w);
      }
      for (const auto& w : set->firsts) set->first_set.insert(w);  // firsts is complete now
      cached = std::move(set);
      return cached;
    };
    p.elements.reserve(static_cast<std::size_t>(std::count(c[3].begin(), c[3].end(), ' ')) + 1);
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
      } else if (tok.find_first_of("{}") != std::string::npos ||
                 (tok.find_first_of("<>") != std::string::npos &&
                  !(tok.front() == '<' && tok.back() == '>'))) {
        return Status::invalid_input(where(file, line) + "bad element " + tok);
      } else {
        e.verb = tok.front() == '<';
        auto set = word_set(tok);
        if (!set) return set.error();
        e.words = *set;
      }
      p.elements.push_back(std::move(e));
    }
    if (p.elements.empty()) return Status::invalid_input(where(file, line) + "empty pattern");
    kb.patterns.push_back(std::move(p));
    return Status();
  });
}

// Verb forms by lemma: ours (data/lexicon/verbs.tsv, whose forms are the verb forms the
// annotator knows) and those converted from PETRARCH (lexicon/verbs.cameo2.tsv, lemmas c2.*,
// which only patterns use). Then the patterns: ours first, so that ours win a trigger.
using VerbTable = std::unordered_map<std::string, std::vector<std::string>>;

// Reads the verb table; with `kb`, our verb forms go into kb->verb_forms too.
Status read_verbs(VerbTable& verbs, Knowledge* kb) {
  for (const char* file : {"lexicon/verbs.tsv", "lexicon/verbs.cameo2.tsv"}) {
    bool ours = file == std::string_view("lexicon/verbs.tsv");
    auto st = for_each_row(file, 2, [&](std::size_t, std::vector<std::string>& c) {
      auto& forms = verbs[c[0]];
      forms = split(c[1], '|');
      if (ours && kb)
        for (auto& f : forms) kb->verb_forms.insert(f);
      return Status();
    });
    if (!st) return st;
  }
  return Status();
}

Status load_patterns(Knowledge& kb, const std::vector<std::string>& user_files) {
  VerbTable verbs;
  if (auto st = read_verbs(verbs, &kb); !st) return st;
  // A user's pattern files first: they win a trigger over the built-in ones.
  for (const auto& path : user_files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::invalid_input("cannot read pattern file " + path);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (auto st = load_pattern_file(kb, path, content, 0, verbs); !st) return st;
  }
  const std::pair<const char*, int> builtin[] = {{"patterns/events.tsv", 0}, {"patterns/cameo2.tsv", 1}};
  std::size_t rows = kb.patterns.size();  // an upper bound: comment lines count too
  for (auto [file, tier] : builtin)
    if (auto content = diplograph::detail::embedded_file(file))
      rows += static_cast<std::size_t>(std::count(content->begin(), content->end(), '\n'));
  kb.patterns.reserve(rows);
  for (auto [file, tier] : builtin) {
    auto content = diplograph::detail::embedded_file(file);
    if (!content) return Status::internal(std::string("missing built-in data file ") + file);
    if (auto st = load_pattern_file(kb, file, *content, tier, verbs); !st) return st;
  }
  return Status();
}

}  // namespace

namespace detail {

Status load_pattern_text(Knowledge& kb, std::string_view file, std::string_view content) {
  static const Result<VerbTable> verbs = []() -> Result<VerbTable> {
    VerbTable v;
    if (auto st = read_verbs(v, nullptr); !st) return st;
    return v;
  }();
  if (!verbs) return verbs.error();
  return load_pattern_file(kb, file, content, 0, *verbs);
}

}  // namespace detail

std::optional<std::size_t> Knowledge::find(std::string_view name) const {
  const auto* ids = by_name.find(normalize_name(name));
  if (!ids || ids->empty()) return std::nullopt;
  return ids->front();
}

const std::string& Knowledge::code_on(std::size_t idx, const Date& day) const {
  auto it = dated_codes.find(idx);
  if (it == dated_codes.end()) return actors[idx].code;
  const DatedCode* best = nullptr;
  for (const auto& c : it->second) {
    if ((c.from && day.days < c.from->days) || (c.to && day.days >= c.to->days)) continue;
    if (!best || (c.from && (!best->from || best->from->days < c.from->days))) best = &c;
  }
  return best ? best->code : actors[idx].code;
}

bool Knowledge::active_on(std::size_t idx, const Date& day) const {
  if (auto it = lifespans.find(idx); it != lifespans.end()) return it->second.covers(day);
  const Actor& a = actors[idx];
  if (a.kind != ActorKind::kPerson) return true;
  bool dated = false;
  for (const auto& f : a.affiliations) {
    if (!f.from && !f.to) continue;
    dated = true;
    if (Lifespan{f.from, f.to}.covers(day)) return true;
  }
  return !dated;
}

Result<Knowledge> Knowledge::load(const std::vector<std::string>& dict_files,
                                  const std::vector<std::string>& pattern_files) {
  Knowledge kb;
  const auto& words = text::WordClasses::load();
  if (!words) return words.error();
  kb.word_classes = &*words;
  detail::Builder b{kb};
  if (auto st = detail::load_builtin_actors(b); !st) return st;
  if (auto st = load_lexicon(kb); !st) return st;
  if (auto st = load_patterns(kb, pattern_files); !st) return st;
  for (const auto& f : dict_files)
    if (auto st = detail::load_user_dictionary(b, f); !st) return st;
  // Persons by surname: a last word of ASCII letters, nearly every one, lower-cased without
  // the tokenizer (detail::plain_norms).
  std::size_t persons = 0;
  for (const auto& a : kb.actors) persons += a.kind == ActorKind::kPerson;
  kb.by_surname.reserve(persons);
  std::vector<std::string> last;
  for (std::size_t i = 0; i < kb.actors.size(); ++i) {
    if (kb.actors[i].kind != ActorKind::kPerson) continue;
    const std::string& name = kb.actors[i].name;
    std::string_view word = std::string_view(name).substr(name.rfind(' ') + 1);
    if (!detail::plain_norms(word, last)) last = text::token_norms(word);
    if (last.size() == 1) kb.by_surname[last[0]].push_back(i);
  }
  return kb;
}

std::optional<std::size_t> Knowledge::person_by_surname(const std::string& norm,
                                                        const std::string& country,
                                                        const Date& day) const {
  const auto* ids = by_surname.find(norm);
  if (!ids) return std::nullopt;
  std::optional<std::size_t> only, active;
  int n = 0, n_active = 0;
  for (std::size_t p : *ids) {
    if (!country.empty() && actors[p].country != country) continue;
    ++n, only = p;
    if (active_on(p, day)) ++n_active, active = p;
  }
  if (n_active == 1) return active;
  if (n == 1 && !country.empty()) return only;
  return std::nullopt;
}

std::optional<std::size_t> Knowledge::holder(std::string_view role, std::size_t affiliation,
                                             const Date& day) const {
  std::string key = detail::role_key(role);
  // The role's office: its other roles answer when nobody holds this one.
  auto office = offices.find(key);
  auto same_office = [&](const std::string& r) {
    auto it = offices.find(r);
    return it != offices.end() && it->second == office->second;
  };
  for (bool exact : {true, false}) {
    if (!exact && office == offices.end()) break;
    std::optional<std::size_t> found;
    bool several = false;
    for (const auto& t : terms) {
      if (t.affiliation != affiliation) continue;
      if (exact ? t.role != key : !same_office(t.role)) continue;
      if (t.from && day.days < t.from->days) continue;
      // A term ends the day the successor's begins: the handover day belongs to the successor.
      if (t.to && day.days >= t.to->days) continue;
      if (found && *found != t.person) several = true;
      found = t.person;
    }
    if (several) return std::nullopt;
    if (found) return found;
  }
  return std::nullopt;
}

std::optional<std::size_t> Knowledge::holder(std::string_view role, std::string_view country,
                                             const Date& day) const {
  auto it = state_by_country.find(std::string(country));
  if (it == state_by_country.end()) return std::nullopt;
  return holder(role, it->second, day);
}

}  // namespace diplograph::extract
