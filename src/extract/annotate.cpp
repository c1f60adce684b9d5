#include "extract/annotate.hpp"

#include <mutex>

#include "text/dateline.hpp"

using namespace std::literals;

namespace diplograph::extract {
namespace {

// The country part of the code of a body or person of `s`: for a state its own code, which is
// CAMEO's (ROM for Romania, whose country is ROU); else its country.
const std::string& country_code(const Actor& s) {
  return s.kind == ActorKind::kState && !s.code.empty() ? s.code : s.country;
}

}  // namespace

std::size_t DocActors::intern(Actor a) {
  auto key = normalize_name(a.name);
  if (const auto* ids = kb_.by_name.find(key))
    for (std::size_t h : *ids)
      if (kb_.actors[h].kind == a.kind) return h;
  if (auto it = local_index_.find(key); it != local_index_.end()) return kb_.actors.size() + it->second;
  a.id = actor_id_for(a.name);
  local_.push_back(std::move(a));
  local_index_.emplace(std::move(key), local_.size() - 1);
  return kb_.actors.size() + local_.size() - 1;
}

const std::string& DocActors::normalized_name(std::size_t h) {
  auto it = normalized_.find(h);
  if (it == normalized_.end()) it = normalized_.emplace(h, normalize_name(get(h).name)).first;
  return it->second;
}

const std::string& DocActors::last_norm(std::size_t h) {
  auto it = last_norm_.find(h);
  if (it == last_norm_.end()) {
    auto words = text::token_norms(get(h).name);
    it = last_norm_.emplace(h, words.empty() ? std::string() : words.back()).first;
  }
  return it->second;
}

std::size_t DocActors::part_of(std::size_t state, const std::string& noun, const std::string& sector,
                               ActorKind kind) {
  const Actor& s = get(state);
  const std::string& dem = state < kb_.demonym.size() ? kb_.demonym[state] : std::string();
  Actor a;
  a.name = dem.empty() ? noun + " of " + s.name : dem + " " + noun;
  a.kind = kind;
  a.country = s.country;
  a.code = (s.country.empty() ? s.code : country_code(s)) + sector;
  a.affiliations.push_back({s.id, s.name, "part of", {}, {}});
  return intern(std::move(a));
}

namespace {

// How far back a surname looks for the person it names among the document's persons with a
// title (one entry a mention): far past any article, and linear time on a huge document.
constexpr std::ptrdiff_t kPersonLookback = 2000;

bool is_number(const std::string& s) {
  if (s.empty() || s.size() > 4) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::optional<Date> make_date(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  auto r = Date::parse(buf);
  if (!r) return std::nullopt;
  return *r;
}

class Annotator {
 public:
  Annotator(std::string_view text, const text::Sentence& s, const Date& published,
            DocActors& actors, std::vector<PersonRole>& persons)
      : text_(text), toks_(s.tokens), published_(published), actors_(actors), kb_(actors.kb()),
        persons_(persons) {
    out_.sentence = &s;
    for (const auto& t : toks_) {
      out_.norms.push_back(t.norm);
      // Asked many times per token: looked up once.
      out_.classes.push_back(kb_.word_classes->of(t.norm));
    }
    gaz_len_.assign(toks_.size(), -1);
    gaz_entry_.assign(toks_.size(), nullptr);
  }

  AnnotatedSentence run() {
    const auto& n = out_.norms;
    std::vector<bool> quoted(n.size());
    bool q = false;
    for (std::size_t i = 0; i < n.size(); ++i) {
      if (n[i] == "\"") q = !q;
      quoted[i] = q;
    }
    std::size_t i = 0;
    while (i < n.size()) {
      std::size_t before = out_.units.size();
      std::size_t next = step(i);
      if (out_.units.size() > before) {
        Unit& u = out_.units.back();
        u.quoted = quoted[u.begin];
        std::size_t p = u.begin;
        u.after_preposition = p > 0 && is(p - 1, kPreposition);
        // "on a tour of Europe and America": the second of a pair a preposition governs.
        if (!u.after_preposition && p > 1 && is(p - 1, kCoordinator) && out_.units.size() > 1) {
          const Unit& prev = out_.units[out_.units.size() - 2];
          u.after_preposition = prev.end == p - 1 && prev.after_preposition;
        }
        // "Hundreds of Kenyan students", "a group of Moroccan diplomats": the quantity is not
        // the head; the people are the subject.
        if (u.after_preposition && n[p - 1] == "of"sv && p >= 2 && is(p - 2, kQuantity))
          u.after_preposition = false;
        // A preposition that also opens a clause ("after", "before", "since") has a subject
        // after it when a verb follows the actor: "after Trump had a call with Erdogan".
        if (u.after_preposition && is(p - 1, kClauseWord | kSubordinator) && u.end < n.size() &&
            kb_.verb_like(n[u.end]))
          u.after_preposition = false;
      }
      i = next;
    }
    return std::move(out_);
  }

 private:
  // Whether token k has one of the word classes `c`.
  bool is(std::size_t k, std::uint64_t c) const { return (out_.classes[k] & c) != 0; }

  std::string raw(std::size_t b, std::size_t e) const {
    return std::string(text_.substr(toks_[b].begin, toks_[e - 1].end - toks_[b].begin));
  }

  // A gazetteer entry at i that passes the case rule; returns its length.
  std::size_t gazetteer(std::size_t i, const GazetteerEntry** out) const {
    // Asked several times per token (titles, affiliations, names): cached per position.
    if (i < gaz_len_.size() && gaz_len_[i] >= 0) {
      if (gaz_len_[i] > 0) *out = gaz_entry_[i];
      return static_cast<std::size_t>(gaz_len_[i]);
    }
    const GazetteerEntry* found = nullptr;
    std::size_t len = gazetteer_uncached(i, &found);
    if (i < gaz_len_.size()) {
      gaz_len_[i] = static_cast<int>(len);
      gaz_entry_[i] = found;
    }
    if (len) *out = found;
    return len;
  }

  std::size_t gazetteer_uncached(std::size_t i, const GazetteerEntry** out) const {
    const GazetteerList* list = nullptr;
    std::size_t len = kb_.gazetteer.longest(out_.norms, i, &list);
    if (len == 0) return 0;
    // Names are capitalized in news text: "us" is a pronoun, "turkey" a bird. Carelessly cased
    // text still names: a word with a capital inside ("iSrael"), a one-word demonym of the
    // unambiguous kinds ("tunisian", "pakistani"), a person's name of five letters or more
    // ("obama"); never common-word shapes ("polish", "french").
    bool lower = !toks_[i].upper;
    if (lower) {
      std::string r = raw(i, i + len);
      bool inner_cap = false;
      for (std::size_t k = 1; k < r.size(); ++k) inner_cap |= r[k] >= 'A' && r[k] <= 'Z';
      if (!inner_cap) {
        // The endings are written "-ian" in the word classes.
        auto demonym_ending = [&] {
          std::string_view w(out_.norms[i]);
          for (const auto& ending : kb_.word_classes->words(kDemonymEnding)) {
            std::string_view x = std::string_view(ending).substr(1);
            if (w.size() > x.size() + 3 && w.substr(w.size() - x.size()) == x) return true;
          }
          return false;
        };
        bool ok = false;
        if (len == 1)
          for (const auto& e : *list) {
            if (e.kind == NameKind::kDemonym && demonym_ending() && !is(i, kLooseDemonym))
              ok = true;
            if (e.kind == NameKind::kName && kb_.actors[e.actor].kind == ActorKind::kPerson &&
                out_.norms[i].size() >= 5)
              ok = true;
          }
        if (!ok) return 0;
      }
    }
    // Of the entries written as the case rule asks, the first of the document's time ("Moscow"
    // is the Soviet Union in 1987), else the first.
    const GazetteerEntry* first = nullptr;
    for (const auto& e : *list) {
      if (e.exact_case) {
        std::string r = raw(i, i + len);
        bool caps = true;
        for (char c : r)
          if (c >= 'a' && c <= 'z') caps = false;
        if (!caps) continue;
      }
      if (!first) first = &e;
      if (list->size() == 1 || kb_.active_on(e.actor, published_)) {
        first = &e;
        break;
      }
    }
    if (first) *out = first;
    return first ? len : 0;
  }

  bool name_word(std::size_t i) const {
    if (i >= toks_.size() || !toks_[i].upper || !toks_[i].word) return false;
    // A word in capitals ("SAYS", "EXTENDS") is a headline's, not a name's.
    if (all_caps(i)) return false;
    const Title* t;
    const TimeWord* tw;
    const GazetteerEntry* g;
    if (kb_.titles.longest(out_.norms, i, &t) || kb_.times.longest(out_.norms, i, &tw)) return false;
    if (text::month_number(out_.norms[i]) != 0) return false;
    // A capitalized function word opens a sentence ("The", "After"); it names no one.
    if (is(i, kDeterminer | kPreposition | kConjunction | kSubordinator | kModal | kBe | kRegionQualifier))
      return false;
    if (gazetteer(i, &g) && kb_.actors[g->actor].kind != ActorKind::kPerson) return false;
    return true;
  }

  bool all_caps(std::size_t i) const {
    std::string_view r = text_.substr(toks_[i].begin, toks_[i].end - toks_[i].begin);
    int letters = 0;
    for (char c : r) {
      if (c >= 'a' && c <= 'z') return false;
      letters += c >= 'A' && c <= 'Z';
    }
    return letters >= 2;
  }

  // Whether `word` (a token norm) is one of the words of a person's names.
  bool names_word(std::size_t actor, const std::string& word) const {
    const Actor& a = kb_.actors[actor];
    for (const std::string* name : {&a.name})
      for (const auto& w : text::token_norms(*name))
        if (w == word) return true;
    for (const auto& alias : a.aliases)
      for (const auto& w : text::token_norms(alias))
        if (w == word) return true;
    return false;
  }

  // The known person `person` named after a title of the state `aff`, or, when the title's state
  // is not theirs (the knowledge base has them elsewhere, with no tie to it), a namesake of that
  // state: "Deputy U.S. Trade Representative Michael Smith" is not the Irish minister Michael
  // Smith. The namesake is named "Michael Smith (United States)", one actor per state.
  std::size_t namesake(std::size_t person, std::size_t aff, const Title* title) {
    if (aff == kNoActor) return person;
    const Actor& p = kb_.actors[person];
    const Actor& s = actors_.get(aff);
    if (s.kind != ActorKind::kState || p.country.empty() || p.country == s.country) return person;
    // States of a time and their successors are one another's (the converted dictionaries code
    // Soviet officials RUS).
    auto home = kb_.state_by_country.find(p.country);
    if (kb_.lifespans.count(aff) ||
        (home != kb_.state_by_country.end() && kb_.lifespans.count(home->second)))
      return person;
    for (const auto& f : p.affiliations)
      if (f.target == s.id) return person;
    Actor a;
    a.name = p.name + " (" + s.name + ")";
    a.kind = ActorKind::kPerson;
    a.country = s.country;
    a.code = country_code(s) + title->sector;
    a.affiliations.push_back({s.id, s.name, title->role, {}, {}});
    return actors_.intern(std::move(a));
  }

  // A known person's one-word alias, a place or a seat of government that runs on into another
  // name word is part of another name: "Michel" of "President Michel Suleiman" is not Charles
  // Michel, the "New York Times" is no place, the "Paris Club" is not France.
  bool runs_on(std::size_t j, std::size_t len, const GazetteerEntry* g) const {
    bool person_word = len == 1 && kb_.actors[g->actor].kind == ActorKind::kPerson;
    if (!person_word && g->kind != NameKind::kPlace && g->kind != NameKind::kMetonym) return false;
    j += len - 1;
    if (j + 1 >= toks_.size() || !name_word(j + 1)) return false;
    const Body* body;
    return !bodies_at(j + 1, &body);
  }

  // The body and group phrases at each position, asked several times per token: looked up once.
  std::size_t bodies_at(std::size_t i, const Body** out) const { return memo(kb_.bodies, body_memo_, i, out); }
  std::size_t groups_at(std::size_t i, const Body** out) const {
    return memo(kb_.groups, group_memo_, i, out);
  }

  using Memo = std::vector<std::pair<int, const Body*>>;
  std::size_t memo(const PhraseTable<Body>& table, Memo& m, std::size_t i, const Body** out) const {
    if (i >= toks_.size()) return 0;
    if (m.empty()) m.assign(toks_.size(), {-1, nullptr});
    if (m[i].first < 0) {
      const Body* b = nullptr;
      std::size_t len = table.longest(out_.norms, i, &b);
      m[i] = {static_cast<int>(len), b};
    }
    if (m[i].first > 0) *out = m[i].second;
    return static_cast<std::size_t>(m[i].first);
  }

  void push(Unit u) { out_.units.push_back(std::move(u)); }

  // Pushes the person `actor` named by a title over tokens [begin, end); returns end.
  std::size_t push_person(std::size_t begin, std::size_t end, std::size_t actor,
                          const std::string& role, const std::string& country) {
    Unit u;
    u.kind = Unit::kActor;
    u.begin = begin;
    u.end = end;
    u.actor = actor;
    persons_.push_back({actor, role, country});
    push(u);
    return end;
  }

  // Pushes a time unit over tokens [begin, end) holding a calendar date; returns end.
  // `month_day`: the year was not written and was taken from the publication date.
  std::size_t push_date(std::size_t begin, std::size_t end, Date date, bool month_day = false) {
    Unit u;
    u.kind = Unit::kTime;
    u.begin = begin;
    u.end = end;
    u.date = date;
    u.month_day = month_day;
    push(u);
    return end;
  }

  // The year written after a date at e ("May 1987", "Aug. 16, 2021" with `comma`): moves e past
  // it and returns it; else leaves e and returns the publication's year.
  int year_at(std::size_t& e, bool comma) const {
    const auto& n = out_.norms;
    std::size_t k = comma && e < n.size() && n[e] == ","sv ? e + 1 : e;
    if (k < n.size() && is_number(n[k]) && n[k].size() == 4) {
      e = k + 1;
      return std::stoi(n[k]);
    }
    return published_.year();
  }

  std::size_t time_unit(std::size_t i) {
    const auto& n = out_.norms;
    std::size_t b = i;
    const TimeWord* tw = nullptr;
    // A phrase may open with a lead word ("last week", "earlier this month"); else the lead
    // belongs to what follows ("on Monday", "last October").
    std::size_t len = kb_.times.longest(n, i, &tw);
    if (len && tw->count) len = 0;  // "days ago" needs its number
    if (!len && is(i, kTimeLead) && i + 1 < n.size()) len = kb_.times.longest(n, ++i, &tw);
    // "two days ago", "18 months ago": a number, then a phrase the number multiplies.
    int count = 0;
    if (!len && i + 1 < n.size()) {
      auto w = kb_.numbers.find(n[i]);
      count = w != kb_.numbers.end() ? w->second : is_number(n[i]) && n[i].size() <= 4 ? std::stoi(n[i]) : 0;
      const TimeWord* c = nullptr;
      if (count > 0 && kb_.times.longest(n, i + 1, &c) && c->count) {
        len = 1 + kb_.times.longest(n, i + 1, &tw);
      }
    }
    if (len) {
      std::size_t e = i + len;
      if (tw->unit == TimeUnit::kWeekday && e < n.size() && is(e, kDayPart)) ++e;
      Unit u;
      u.kind = Unit::kTime;
      u.begin = b;
      u.end = e;
      u.time = *tw;
      if (tw->count) u.time->value *= count;
      push(u);
      return e;
    }
    // A bare year after "in" ("in 1905", "in 2019"): the year, at year precision.
    if (b < i && n[b] == "in"sv && is_number(n[i]) && n[i].size() == 4 &&
        (i + 1 >= n.size() || text::month_number(n[i + 1]) == 0)) {
      int y = std::stoi(n[i]);
      if (y >= 1800 && y <= 2100) {
        return push_date(b, i + 1, Date::from_ymd(y, 1, 1, DatePrecision::kYear));
      }
    }
    // Explicit dates: "August 16", "Aug. 16, 2021", "16 August 2021".
    int m = text::month_number(n[i]);
    if (m != 0 && toks_[i].upper) {
      std::size_t j = i + 1;
      if (j < n.size() && n[j] == "."sv) ++j;
      if (j < n.size() && is_number(n[j]) && std::stoi(n[j]) <= 31) {
        int d = std::stoi(n[j]);
        std::size_t e = j + 1;
        int y = year_at(e, true);
        if (auto d0 = make_date(y, m, d)) return push_date(b, e, *d0, e == j + 1);
      }
    }
    // A month after a time lead ("in May", "since March 1987"): the month, at month precision.
    // Capitalized: "in may" is no date. Without a year, the publication's, as for a month-day.
    if (m != 0 && b < i && toks_[i].upper) {
      std::size_t e = i + 1;
      int y = year_at(e, false);
      return push_date(b, e, Date::from_ymd(y, m, 1, DatePrecision::kMonth), e == i + 1);
    }
    if (is_number(n[i]) && i + 1 < n.size() && (m = text::month_number(n[i + 1])) != 0 &&
        toks_[i + 1].upper) {
      std::size_t e = i + 2;
      int y = year_at(e, false);
      if (auto d0 = make_date(y, m, std::stoi(n[i]))) return push_date(b, e, *d0, e == i + 2);
    }
    return 0;
  }

  std::size_t body_actor(std::size_t state, const Body& body) {
    if (body.name.empty()) return state;
    return actors_.part_of(state, body.name, body.sector, ActorKind::kGovernment);
  }

  // An affiliation actor (state or body or organization) at j: returns its length.
  std::size_t affiliation_at(std::size_t j, std::size_t* actor, bool* demonym = nullptr) const {
    const GazetteerEntry* g = nullptr;
    // "President of the French Republic": the article belongs to the name.
    std::size_t det = out_.norms[j] == "the"sv && j + 1 < out_.norms.size() ? 1 : 0;
    std::size_t len = gazetteer(j + det, &g);
    if (len) len += det;
    if (len && kb_.actors[g->actor].kind != ActorKind::kPerson && !runs_on(j + det, len - det, g)) {
      *actor = g->actor;
      if (demonym) *demonym = g->kind == NameKind::kDemonym;
      return len;
    }
    return 0;
  }

  // A body or group word at j, after at most two lower-case words ("peacekeeping troops",
  // "army bulldozers"); returns the length up to its end, 0 when none.
  std::size_t group_at(std::size_t j, const Body** out) const {
    const auto& n = out_.norms;
    for (std::size_t skip = 0; skip <= 2 && j + skip < n.size(); ++skip) {
      std::size_t k = j + skip;
      // A past form is a verb ("Russian said officials"); a base form may be a noun ("Japanese
      // farm officials", "Chilean trade ministers").
      if (skip > 0 && (!toks_[k - 1].word || toks_[k - 1].upper || is(k - 1, kPreposition) ||
                       n[k - 1] == "and"sv ||
                       (kb_.verb_forms.count(n[k - 1]) && (is(k - 1, kPastForm) ||
                                                          !text::base_form(n[k - 1])))))
        break;
      if (std::size_t l = bodies_at(k, out)) return skip + l;
      if (std::size_t l = groups_at(k, out)) return skip + l;
    }
    return 0;
  }

  std::size_t actor_unit(std::size_t i) {
    const auto& n = out_.norms;
    std::size_t b = i, j = i;
    if (is(j, kDeterminer)) ++j;
    if (j >= n.size()) return 0;
    std::size_t aff = kNoActor;
    bool demonym = false;
    std::size_t len = affiliation_at(j, &aff, &demonym);
    if (len) {
      j += len;
      if (j < n.size() && n[j] == "'s"sv) ++j;
    }
    const Body* body = nullptr;
    if (len && demonym && j < n.size()) {
      // "Hungarian and Romanian officials": the first country word shares the second's group.
      std::size_t a2 = kNoActor;
      bool dem2 = false;
      if (is(j, kCoordinator) && j + 1 < n.size()) {
        std::size_t l2 = affiliation_at(j + 1, &a2, &dem2);
        const Body* g2 = nullptr;
        if (l2 && dem2 && group_at(j + 1 + l2, &g2)) {
          Unit u;
          u.kind = Unit::kActor;
          u.begin = b;
          u.end = j;
          u.actor = body_actor(aff, *g2);
          push(u);
          return j;
        }
      }
      // "Israeli army bulldozers", "Palestinian refugees", "an Indian proposal".
      if (std::size_t glen = group_at(j, &body)) {
        Unit u;
        u.kind = Unit::kActor;
        u.begin = b;
        u.end = j + glen;
        u.actor = body_actor(aff, *body);
        push(u);
        return u.end;
      }
    }
    // "Rebels in the Ivory Coast", "opposition groups in Zimbabwe", "police in Egypt": groups
    // that are by nature domestic, placed by "in", belong to that country.
    if (aff == kNoActor && j < n.size()) {
      const Body* g = nullptr;
      std::size_t glen = groups_at(j, &g);
      bool from_bodies = false;
      if (!glen) glen = bodies_at(j, &g), from_bodies = true;
      std::size_t k = j + glen;
      if (glen && k < n.size() && is(k, kGroupNoun)) ++k;
      // "leaders of Romania's new government", "the army of Chad": "of" places any group.
      // ("the Foreign Ministry of Russia" is a body, read below, that may precede a title.)
      // "dissidents from Egypt", "refugees from Syria": "from" gives a people group's origin.
      bool of = glen && !from_bodies && k + 1 < n.size() &&
                (n[k] == "of"sv || (n[k] == "from"sv && !g->name.empty()));
      if (glen && k + 1 < n.size() &&
          (of || (n[k] == "in"sv && !g->name.empty() && kb_.placed_domestic.count(g->sector)))) {
        std::size_t st = kNoActor;
        if (std::size_t l = affiliation_at(k + 1, &st); l && !actors_.get(st).country.empty() &&
                                                          actors_.get(st).kind == ActorKind::kState) {
          Unit u;
          u.kind = Unit::kActor;
          u.begin = b;
          u.end = k + 1 + l;
          u.actor = body_actor(st, *g);
          push(u);
          return u.end;
        }
      }
    }
    // A bare domestic group ("protesters", "rebels", "police", "prisoners"): whose it is, the
    // sentence says by naming one country; settled after the sentence is read, else dropped.
    if (aff == kNoActor && j < n.size() && (j == b || is(b, kDeterminer))) {
      const Body* g = nullptr;
      const Title* title_after = nullptr;  // "opposition leader X" is a title
      const GazetteerEntry* after = nullptr;
      std::size_t glen = groups_at(j, &g);
      if (!glen) {
        glen = bodies_at(j, &g);
        if (glen && g->sector != "COP"sv) glen = 0;
      }
      if (glen && !g->name.empty() &&
          (kb_.bare_domestic.count(g->sector) || kb_.bare_domestic.count(g->name)) &&
          !(j + glen < n.size() && is(j + glen, kGenitive)) &&
          !(j + glen < n.size() && kb_.titles.longest(n, j + glen, &title_after)) &&
          // "Deputy U.S. Trade Representative X": a name after it makes it part of a title
          !(j + glen < n.size() && gazetteer(j + glen, &after)) &&
          // "the opposition politician", "police officers": a noun after it makes it an adjective
          !(j + glen < n.size() && toks_[j + glen].word && !toks_[j + glen].upper &&
            !kb_.verb_forms.count(n[j + glen]) && !is(j + glen, kPreposition | kGroupFollower))) {
        Actor a;
        a.name = "?" + g->name + "|" + g->sector;
        a.kind = ActorKind::kOther;
        Unit u;
        u.kind = Unit::kActor;
        u.begin = b;
        u.end = j + glen;
        u.actor = actors_.intern(std::move(a));
        push(u);
        return u.end;
      }
    }
    if (j < n.size()) {
      std::size_t blen = bodies_at(j, &body);
      // A body word only names a body next to its country ("Russian troops", "the Foreign
      // Ministry of Russia"), or before a title ("Foreign Ministry official").
      if (blen) {
        std::size_t k = j + blen;
        std::size_t of_aff = kNoActor;
        if (aff == kNoActor && k + 1 < n.size() && n[k] == "of"sv && affiliation_at(k + 1, &of_aff)) {
          aff = of_aff;
          k = k + 1 + affiliation_at(k + 1, &of_aff);
        }
        const Title* t;
        if (aff != kNoActor || kb_.titles.longest(n, k, &t)) j = k; else body = nullptr;
      }
    }
    const Title* title = nullptr;
    std::size_t tlen = j < n.size() ? kb_.titles.longest(n, j, &title) : 0;
    // A portfolio of one or two capitalized words before the title ("U.S. Agriculture Secretary
    // Richard Lyng", "Trade Minister X"): part of the title.
    // After a country, lower-case words do too ("the Chilean trade minister").
    for (std::size_t k = j, skip = 0; !tlen && skip < 2 && k < n.size(); ++k, ++skip) {
      const GazetteerEntry* g;
      bool portfolio = toks_[k].upper ? !all_caps(k)
                                      : aff != kNoActor && body == nullptr &&
                                            !is(k, kPreposition | kDeterminer | kConjunction | kBe | kModal |
                                                       kPastForm | kTimeLead | kTimeOpener | kSubordinator);
      if (!toks_[k].word || !portfolio || gazetteer(k, &g)) break;
      if (k + 1 < n.size() && (tlen = kb_.titles.longest(n, k + 1, &title))) j = k + 1;
    }
    if (tlen && toks_[j].upper == false && aff == kNoActor && body == nullptr &&
        !(j > b && is(b, kDeterminer)))
      tlen = 0, title = nullptr;  // "said" after "official" is not a title without context
    if (tlen) {
      j += tlen;
      const Title* t2;
      while (j < n.size() && kb_.titles.longest(n, j, &t2)) j += kb_.titles.longest(n, j, &t2), title = t2;
      std::size_t of_aff = kNoActor;
      if (j + 1 < n.size() && n[j] == "of"sv) {
        // "the mayor of the northern West Bank city of Nablus": a place after at most two
        // lower-case words.
        std::size_t k = j + 1;
        if (n[k] == "the"sv && k + 1 < n.size()) ++k;
        for (int skip = 0;
             skip < 2 && k < n.size() && !affiliation_at(k, &of_aff) && toks_[k].word &&
             !toks_[k].upper && !kb_.verb_forms.count(n[k]) && !is(k, kPreposition);
             ++skip)
          ++k;
        if (k > j + 2 && n[k - 1] == "the"sv) k = j + 1;
        if (std::size_t l = affiliation_at(k, &of_aff)) {
          if (aff == kNoActor) aff = of_aff;
          j = k + l;
        }
      }
      if (j < n.size() && n[j] == ","sv) {
        // "the foreign minister, Sergei Lavrov" is rare enough: keep the comma out.
      }
      const GazetteerEntry* g = nullptr;
      std::size_t plen = j < n.size() ? gazetteer(j, &g) : 0;
      std::size_t country_src = aff != kNoActor ? aff : kNoActor;
      std::string country = country_src != kNoActor ? actors_.get(country_src).country : "";
      if (plen && kb_.actors[g->actor].kind == ActorKind::kPerson && !runs_on(j, plen, g)) {
        Unit u;
        u.kind = Unit::kActor;
        u.begin = b;
        u.end = j + plen;
        u.actor = namesake(g->actor, aff, title);
        persons_.push_back({u.actor, title->role, country});
        push(u);
        return u.end;
      }
      std::size_t e = j;
      // Up to four name words, and the particles between them ("Ramiro de Abreu Sodre").
      for (int words = 0; e < n.size() && words < 4;) {
        if (name_word(e)) {
          ++e, ++words;
        } else if (e > j && is(e, kNameParticle) && !toks_[e].upper && e + 1 < n.size() &&
                   (name_word(e + 1) || (e + 2 < n.size() && is(e + 1, kNameParticle) &&
                                         !toks_[e + 1].upper && name_word(e + 2)))) {
          ++e;
        } else {
          break;
        }
      }
      // A body's or company's word ends no person's name: "General Dynamics Corp" is none, the
      // "Chess Federation Mehrdad Pahlavanzadeh" is the last two words.
      for (std::size_t k = j; k < e; ++k)
        if (is(k, kBody | kInstitution)) j = k + 1;
      // A surname after a title ("US Speaker Pelosi", "Prime Minister Johnson"): a person of the
      // title's state met earlier in the document, or the one the knowledge base has.
      if (e - j == 1) {
        std::optional<std::size_t> known;
        const std::string c = aff != kNoActor ? actors_.get(aff).country : "";
        const auto oldest = persons_.rbegin() + std::min<std::ptrdiff_t>(
                                                    kPersonLookback, persons_.rend() - persons_.rbegin());
        for (auto it = persons_.rbegin(); it != oldest && !known; ++it) {
          const Actor& p = actors_.get(it->actor);
          if (p.kind == ActorKind::kPerson && p.country == c && p.name.size() > n[j].size() &&
              actors_.normalized_name(it->actor).ends_with(" " + n[j]))
            known = it->actor;
        }
        if (!known) known = kb_.person_by_surname(n[j], c, published_);
        if (known) return push_person(b, e, *known, title->role, country);
      }
      if (e - j >= 2 || (e - j == 1 && aff != kNoActor)) {
        Actor a;
        a.name = raw(j, e);
        a.kind = ActorKind::kPerson;
        if (aff != kNoActor) {
          const Actor& s = actors_.get(aff);
          a.country = s.country;
          a.code = (s.country.empty() ? s.code : country_code(s)) +
                   (s.country.empty() ? "" : title->sector);
          a.affiliations.push_back({s.id, s.name, title->role, {}, {}});
        }
        Unit u;
        u.kind = Unit::kActor;
        u.begin = b;
        u.end = e;
        u.actor = actors_.intern(std::move(a));
        persons_.push_back({u.actor, title->role, country});
        push(u);
        return e;
      }
      if (aff != kNoActor && !kb_.is(title->role, kSharedRole)) {
        // "President of France", "the French president" with no name: the knowledge base knows
        // who held the office on the publication day (not for a "former" holder).
        bool former = b > 0 && is(b - 1, kFormer);
        for (std::size_t k = b; k < j && !former; ++k) former = is(k, kNonIncumbent);
        if (aff < kb_.actors.size() && !former)
          if (auto h = kb_.holder(title->role, aff, published_))
            return push_person(b, j, *h, title->role, country);
        Unit u;
        u.kind = Unit::kRole;
        u.begin = b;
        u.end = j;
        u.role = title->role;
        u.country = country;
        u.actor = aff;
        push(u);
        return j;
      }
      if (aff == kNoActor) return 0;
    }
    if (aff == kNoActor) {
      // A person or other actor of the gazetteer, with no title before it.
      return 0;
    }
    // "Ethnic Albanians demonstrated in Serbia": an ethnic group, not the state's people; it
    // lives where the sentence says (the country is settled after the sentence is read).
    if (!body && demonym && b > 0 && is(b - 1, kEthnic) && j == b + len) {
      Actor a;
      a.name = "Ethnic " + raw(b, j);
      a.kind = ActorKind::kOther;
      Unit u;
      u.kind = Unit::kActor;
      u.begin = b;
      u.end = j;
      u.actor = actors_.intern(std::move(a));
      push(u);
      return j;
    }
    // A demonym before a common noun is an adjective: "Russian state media" is not Russia.
    if (!body && demonym && j < n.size() && toks_[j].word && !toks_[j].upper) return 0;
    Unit u;
    u.kind = Unit::kActor;
    u.begin = b;
    u.end = j;
    u.actor = body ? body_actor(aff, *body) : aff;
    push(u);
    return j;
  }

  // A past-tense verb form ("blamed", "said"): unlike a base form ("state", "call") it is no noun.
  bool past_verb(std::size_t k) const {
    const std::string& w = out_.norms[k];
    if (!kb_.verb_forms.count(w)) return false;
    return is(k, kPastForm) || (w.size() > 3 && w.compare(w.size() - 2, 2, "ed") == 0);
  }

  // "U.S.-Soviet talks", "Franco-German meeting": a capitalized compound of two states' names,
  // demonyms or combining forms (lexicon/combining.tsv) names the pair of states.
  std::size_t hyphen_pair(std::size_t i) {
    if (!toks_[i].upper || !toks_[i].word) return 0;
    // The compound: one token ("Franco-German") or names joined by a bare dash ("U.S.-Soviet").
    std::size_t e = i + 1;
    while (e + 1 < toks_.size() && out_.norms[e] == "-"sv && toks_[e].begin == toks_[e - 1].end &&
           toks_[e + 1].begin == toks_[e].end && toks_[e + 1].word)
      e += 2;
    std::string_view r = text_.substr(toks_[i].begin, toks_[e - 1].end - toks_[i].begin);
    if (r.find('-') == std::string_view::npos) return 0;
    // A name the gazetteer knows whole is no pair: "Guinea-Bissau".
    const GazetteerEntry* whole = nullptr;
    if (gazetteer(i, &whole) >= e - i) return 0;
    std::size_t actors[2];
    std::size_t count = 0;
    std::string_view rest = r;
    while (!rest.empty()) {
      std::size_t dash = rest.find('-');
      std::string_view part = rest.substr(0, dash);
      rest = dash == std::string_view::npos ? std::string_view() : rest.substr(dash + 1);
      std::vector<std::string> key = text::token_norms(part);
      if (count == 2 || key.empty()) return 0;
      if (key.size() == 1)
        if (auto c = kb_.combining_forms.find(key[0]); c != kb_.combining_forms.end())
          key = text::token_norms(c->second);
      const GazetteerList* list = nullptr;
      if (kb_.gazetteer.longest(key, 0, &list) != key.size()) return 0;
      const GazetteerEntry* pick = nullptr;
      for (const auto& g : *list) {
        if (kb_.actors[g.actor].kind != ActorKind::kState) continue;
        if (!pick) pick = &g;
        if (kb_.active_on(g.actor, published_)) {
          pick = &g;
          break;
        }
      }
      if (!pick) return 0;
      actors[count++] = pick->actor;
    }
    if (count != 2 || actors[0] == actors[1]) return 0;
    Unit u;
    u.kind = Unit::kPair;
    u.begin = i;
    u.end = e;
    u.actor = actors[0];
    u.actor2 = actors[1];
    u.compound = true;
    push(u);
    return e;
  }

  std::size_t step(std::size_t i) {
    const auto& n = out_.norms;
    if (std::size_t e = time_unit(i)) return e;
    if (std::size_t e = hyphen_pair(i)) return e;
    if (is(i, kDeterminer) && i + 1 < n.size())
      if (std::size_t e = hyphen_pair(i + 1)) return e;
    const std::string* ref = nullptr;
    if (std::size_t len = kb_.references.longest(n, i, &ref)) {
      Unit u;
      u.kind = *ref == "pair"sv ? Unit::kPair : Unit::kPronoun;
      u.begin = i;
      u.end = i + len;
      u.word = *ref;
      push(u);
      return i + len;
    }
    // "Latin American officials", "North American": a region the qualifier makes with a state's
    // demonym (known names like "South Korean" were matched from the qualifier on) is not the
    // state. With a name it is a part of the state ("Eastern Ukraine", "South Lebanon"), but
    // "Latin" makes no part of one ("Latin America").
    if (i > 0 && toks_[i - 1].upper && is(i - 1, kRegionQualifier) &&
        (out_.units.empty() || out_.units.back().end < i || out_.units.back().kind == Unit::kSurname)) {
      const GazetteerEntry* r = nullptr;
      if (std::size_t len = gazetteer(i, &r);
          len && kb_.actors[r->actor].kind == ActorKind::kState &&
          (r->kind == NameKind::kDemonym || !is(i - 1, kGenericPlace))) {
        if (!out_.units.empty() && out_.units.back().kind == Unit::kSurname && out_.units.back().end == i)
          out_.units.pop_back();
        return i + len;
      }
    }
    if (std::size_t e = actor_unit(i)) return e;
    const GazetteerEntry* g = nullptr;
    std::size_t j = is(i, kDeterminer) && i + 1 < n.size() ? i + 1 : i;
    if (std::size_t len = gazetteer(j, &g); len && !runs_on(j, len, g)) {
      // A demonym before a common noun is an adjective ("Russian state media", "the Afghan
      // capital"): it names something of the state, not the state.
      // A plural ("Palestinians") or a demonym before a verb ("the French said") names people.
      const std::string& last = n[j + len - 1];
      bool plural = last.size() > 3 && last.back() == 's' && last[last.size() - 2] != 's';
      // "from the Syrian to the Israeli sector": the noun is left out; the demonym stands for
      // its state.
      bool elliptic = j > i && n[i] == "the"sv && j + len < n.size() && is(j + len, kPreposition);
      // "the Rwandan capital" is the seat of government, a metonym of the state.
      bool capital =
          j > i && n[i] == "the"sv && j + len < n.size() && is(j + len, kCapital) &&
          !(j + len + 1 < n.size() && toks_[j + len + 1].word && !toks_[j + len + 1].upper &&
            !is(j + len + 1, kPreposition) && !kb_.verb_forms.count(n[j + len + 1]));
      if (g->kind == NameKind::kDemonym && capital) {
        Unit u;
        u.kind = Unit::kActor;
        u.begin = i;
        u.end = j + len + 1;
        u.actor = g->actor;
        push(u);
        return u.end;
      }
      if (g->kind == NameKind::kDemonym && !plural && j + len < n.size() && toks_[j + len].word &&
          !toks_[j + len].upper && !past_verb(j + len) && !kb_.modifiers.find(n[j + len]) &&
          !elliptic)
        return i + len + (j - i);
      Unit u;
      u.kind = Unit::kActor;
      u.begin = i;
      u.end = j + len;
      if (u.end < n.size() && n[u.end] == "'s"sv) ++u.end;
      u.actor = g->actor;
      if (kb_.actors[g->actor].kind == ActorKind::kPerson && len == 1 && g->kind == NameKind::kName) {
        // A surname alone. Another first name before it makes it someone else ("Shintaro Abe"
        // is not Shinzo Abe): a surname for the document to resolve, not the famous one.
        if (j == i && j > 0 && name_word(j - 1) && !(j == 1 && is(0, kConjunction)) &&
            !names_word(g->actor, n[j - 1])) {
          push_surname(j);
          return j + 1;
        }
        // A person this document named in full earlier is who the surname means ("Carney"
        // after "Trade Minister Pat Carney").
        const auto oldest = persons_.rbegin() + std::min<std::ptrdiff_t>(
                                                    kPersonLookback, persons_.rend() - persons_.rbegin());
        for (auto it = persons_.rbegin(); it != oldest; ++it) {
          if (it->actor == g->actor) break;
          const std::string& last = actors_.last_norm(it->actor);
          if (!last.empty() && last == n[j]) {
            u.actor = it->actor;
            push(u);
            return u.end;
          }
        }
      }
      if (kb_.actors[g->actor].kind == ActorKind::kPerson)
        for (const auto& a : kb_.actors[g->actor].affiliations) {
          auto t = kb_.find(a.target_name);
          persons_.push_back({g->actor, a.role, t ? kb_.actors[*t].country : ""});
        }
      push(u);
      return u.end;
    }
    const Modifier* m = nullptr;
    if (std::size_t len = kb_.modifiers.longest(n, i, &m)) {
      Unit u;
      u.kind = Unit::kModifier;
      u.begin = i;
      u.end = i + len;
      u.modifier = *m;
      push(u);
      return i + len;
    }
    if (name_word(i)) push_surname(i);
    return i + 1;
  }

  // A capitalized word that may be a person's surname, for the document to resolve.
  void push_surname(std::size_t i) {
    Unit u;
    u.kind = Unit::kSurname;
    u.begin = i;
    u.end = i + 1;
    u.word = out_.norms[i];
    push(u);
  }

  std::string_view text_;
  const std::vector<text::Token>& toks_;
  Date published_;
  DocActors& actors_;
  const Knowledge& kb_;
  std::vector<PersonRole>& persons_;
  AnnotatedSentence out_;
  mutable std::vector<int> gaz_len_;  // per token: cached gazetteer() length, -1 unknown
  mutable std::vector<const GazetteerEntry*> gaz_entry_;
  mutable Memo body_memo_, group_memo_;
};

}  // namespace

AnnotatedSentence annotate(std::string_view text, const text::Sentence& s, const Date& published,
                           DocActors& actors, std::vector<PersonRole>& persons) {
  AnnotatedSentence out = Annotator(text, s, published, actors, persons).run();
  // The one country the sentence names, for groups without one: a people ("Hundreds of ethnic
  // Hungarians demonstrated in Slovakia") and bare domestic groups. Never for a person, whose
  // country comes from the knowledge base or a title, not from the text around it: in
  // "Agriculture Secretary Richard Lyng will visit Japan" or "President X shortened the curfew
  // imposed in Y" the sentence does not say whose official X is.
  std::string only;
  bool several = false;
  std::vector<std::size_t> groups;
  for (const Unit& u : out.units) {
    if (u.kind != Unit::kActor || u.actor == kNoActor) continue;
    const Actor& a = actors.get(u.actor);
    if (!a.name.empty() && a.name[0] == '?') continue;
    if (a.kind == ActorKind::kOther && a.country.empty() && a.code.empty() &&
        u.actor >= actors.kb().actors.size()) {
      groups.push_back(u.actor);
      continue;
    }
    if (a.country.empty()) continue;
    if (!only.empty() && only != a.country) several = true;
    only = a.country;
  }
  if (!several && !only.empty())
    for (std::size_t h : groups) actors.set_country(h, only);
  // Bare domestic groups take that one country ("Kenyan Protesters"), else are no actor.
  std::vector<Unit> kept;
  for (Unit& u : out.units) {
    if (u.kind == Unit::kActor && u.actor != kNoActor && u.actor >= actors.kb().actors.size()) {
      const Actor& a = actors.get(u.actor);
      if (!a.name.empty() && a.name[0] == '?') {
        auto bar = a.name.find('|');
        std::string base = a.name.substr(1, bar - 1), sector = a.name.substr(bar + 1);
        auto st = actors.kb().state_by_country.find(only);
        if (several || only.empty() || st == actors.kb().state_by_country.end()) continue;
        u.actor = actors.part_of(st->second, base, sector, ActorKind::kGovernment);
      }
    }
    kept.push_back(std::move(u));
  }
  out.units = std::move(kept);
  return out;
}

}  // namespace diplograph::extract
