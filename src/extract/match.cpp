#include "extract/match.hpp"

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

using namespace std::literals;

namespace diplograph::extract {

Date resolve_time(const Unit& u, const Date& published, bool planned, bool past_form,
                  const Date* anchor) {
  if (u.date) {
    Date d = *u.date;
    // "August 20" with no year in an article of 16 August 2021 is 2021 when planned, and when a
    // day at most three months ahead is not told in the past: news reports what is coming ("the
    // summit on June 29"). A past event after the publication day must be the year before.
    bool coming = !past_form && d.precision == DatePrecision::kDay && d.days <= published.days + 92;
    if (u.month_day && !planned && !coming && d.days > published.days) {
      auto r = Date::parse(std::to_string(d.year() - 1) + d.to_string().substr(4));
      if (r) d = *r;
    }
    return d;
  }
  if (!u.time) return published;
  const TimeWord& t = *u.time;
  switch (t.unit) {
    case TimeUnit::kWeekday: {
      int pw = published.weekday();
      if (t.future) return published.plus_days((t.value - pw + 6) % 7 + 1);
      if (planned) return published.plus_days((t.value - pw + 7) % 7);
      return published.plus_days(-((pw - t.value + 7) % 7));
    }
    case TimeUnit::kDay:
      // "the following day": from the last day the text named.
      return (t.anchored && anchor ? *anchor : published).plus_days(t.value);
    case TimeUnit::kMonth:
      return Date::from_ymd(published.year(), published.month(), 1).plus_months(t.value);
    case TimeUnit::kYear:
      return Date::from_ymd(published.year() + t.value, 1, 1, DatePrecision::kYear);
  }
  return published;
}

namespace {

// Whether token k of `s` has one of the word classes `c`.
bool is(const AnnotatedSentence& s, std::size_t k, std::uint64_t c) {
  return (s.classes[k] & c) != 0;
}

}  // namespace

void merge_coordinations(AnnotatedSentence& s) {
  auto is_actor = [](const Unit& u) {
    return (u.kind == Unit::kActor && u.actor != kNoActor) ||
           (u.kind == Unit::kPair && u.actor != kNoActor);
  };
  // Whether units[k] goes on into a list that "and" closes: "B, C, D and E" from B on (a comma
  // before the "and" too: "B, C, and D").
  // Returns the unit that closes the list, or 0 when none does.
  auto list_closes = [&](std::size_t k) -> std::size_t {
    const auto& n = s.norms;
    for (; k + 1 < s.units.size() && is_actor(s.units[k + 1]); ++k) {
      std::size_t gap_b = s.units[k].end, gap_e = s.units[k + 1].begin;
      if (gap_e == gap_b + 1 && is(s, gap_b, kListJoiner)) return k + 1;
      if (gap_e == gap_b + 2 && n[gap_b] == ","sv && n[gap_b + 1] == "and"sv) return k + 1;
      if (!(gap_e == gap_b + 1 && n[gap_b] == ","sv)) return 0;
    }
    return 0;
  };
  std::vector<Unit> out;
  for (std::size_t k = 0; k < s.units.size(); ++k) {
    Unit& u = s.units[k];
    if (!out.empty() && is_actor(u) && is_actor(out.back()) && u.kind == Unit::kActor &&
        out.back().kind == Unit::kActor && !u.quoted && u.begin >= out.back().end + 1 &&
        u.begin <= out.back().end + 2) {
      Unit& prev = out.back();
      // "A and B", "A, B", "A, and B"; a lone comma joins only inside a list that ends in "and".
      const auto& n = s.norms;
      std::size_t gap_b = prev.end, gap_e = u.begin;
      bool ok = false;
      if (gap_e - gap_b == 1 && is(s, gap_b, kListJoiner)) ok = true;
      // ", and" closes a list ("A, B, and C"); after a single actor it may join clauses ("X met
      // Ecuador, and Chile met Peru"): then a verb follows.
      if (gap_e - gap_b == 2 && n[gap_b] == ","sv && n[gap_b + 1] == "and"sv &&
          (!prev.also.empty() || u.end >= n.size() ||
           !(is(s, u.end, kPastForm | kBe | kModal | kAuxiliary) || text::regular_past(n[u.end]))))
        ok = true;
      // "During the call initiated by A, B and C met": the comma closes an opening phrase.
      const std::size_t closing = list_closes(k);
      bool opening = false;
      if (!n.empty() && is(s, 0, kPreposition | kPhraseOpener)) {
        std::size_t first_comma = 0;
        while (first_comma < n.size() && n[first_comma] != ","sv) ++first_comma;
        opening = first_comma == gap_b;
        // "After meetings with A, B and C, the minister left": a list the opening phrase ends
        // with is whole.
        if (opening && closing && s.units[closing].end < n.size() && n[s.units[closing].end] == ","sv)
          opening = false;
      }
      // Only when a later "and <actor>" closes the list: "Russia, China and Iran", "Russia,
      // China, India and Iran".
      if (gap_e - gap_b == 1 && n[gap_b] == ","sv && !opening && closing != 0) ok = true;
      // "between A and B" keeps working; an appositive "Putin, the president," does not join.
      if (ok && u.actor != prev.actor &&
          std::find(prev.also.begin(), prev.also.end(), u.actor) == prev.also.end()) {
        prev.also.push_back(u.actor);
        for (auto a : u.also) prev.also.push_back(a);
        prev.end = u.end;
        continue;
      }
    }
    out.push_back(std::move(u));
  }
  s.units = std::move(out);
}

namespace {

struct State {
  std::size_t source = kNoActor, source2 = kNoActor, target = kNoActor;
  std::vector<std::size_t> source_also, target_also;
  Modifier modifier = Modifier::kNone;
  std::size_t end = 0;
};

class Matcher {
 public:
  Matcher(const Knowledge& kb, const AnnotatedSentence& s) : kb_(kb), s_(s), n_(s.norms.size()) {
    unit_at_.assign(n_, -1);
    inside_.assign(n_, -1);
    verb_.resize(n_);
    clause_.resize(n_);
    for (std::size_t t = 0; t < n_; ++t) {
      verb_[t] = kb.verb_forms.count(s.norms[t]) > 0;
      clause_[t] = is(s, t, kClauseWord);
    }
    for (std::size_t k = 0; k < s.units.size(); ++k) {
      unit_at_[s.units[k].begin] = static_cast<int>(k);
      for (std::size_t t = s.units[k].begin; t < s.units[k].end; ++t) inside_[t] = static_cast<int>(k);
    }
  }

  bool run(const Pattern& p, std::size_t k, std::size_t pos, State st, State& out) const {
    if (k == p.elements.size()) {
      st.end = pos;
      out = st;
      return true;
    }
    const PatternElement& e = p.elements[k];
    if (element(p, k, e, pos, st, out)) return true;
    if (e.optional && run(p, k + 1, pos, st, out)) return true;
    // Time words, modifiers and auxiliaries are transparent between elements.
    if (k > 0 && pos < n_ && unit_at_[pos] >= 0) {
      const Unit& u = s_.units[unit_at_[pos]];
      if (u.kind == Unit::kTime || u.kind == Unit::kModifier) {
        if (u.kind == Unit::kModifier && u.modifier != Modifier::kNone) st.modifier = u.modifier;
        return run(p, k, u.end, st, out);
      }
    }
    return false;
  }

  const Unit* actor_unit(std::size_t pos) const {
    if (pos >= n_ || unit_at_[pos] < 0) return nullptr;
    const Unit& u = s_.units[unit_at_[pos]];
    if (u.kind == Unit::kActor && u.actor != kNoActor) return &u;
    if (u.kind == Unit::kPair && u.actor != kNoActor) return &u;
    return nullptr;
  }

 private:
  bool element(const Pattern& p, std::size_t k, const PatternElement& e, std::size_t pos,
               State st, State& out) const {
    switch (e.kind) {
      case PatternElement::kWord:
        if (pos >= n_ || !e.words->first_set.count(std::string_view(s_.norms[pos]))) return false;
        for (const auto& alt : e.words->alts) {
          if (pos + alt.size() > n_) continue;
          bool ok = true;
          for (std::size_t t = 0; t < alt.size() && ok; ++t) ok = s_.norms[pos + t] == alt[t];
          // A word inside an actor mention is part of a name, not a trigger.
          if (ok && inside_[pos] >= 0 && s_.units[inside_[pos]].kind == Unit::kActor) ok = false;
          if (ok && run(p, k + 1, pos + alt.size(), st, out)) return true;
        }
        return false;
      case PatternElement::kSource:
      case PatternElement::kTarget: {
        const Unit* u = actor_unit(pos);
        if (!u || u->quoted) return false;
        if (u->compound && (k != 0 || p.tier != 0 || e.kind != PatternElement::kSource)) return false;
        if (e.kind == PatternElement::kSource) {
          st.source = u->actor;
          st.source2 = u->actor2;
          st.source_also = u->also;
        } else {
          st.target = u->actor;
          st.target_also = u->also;
        }
        return run(p, k + 1, u->end, st, out);
      }
      case PatternElement::kGap:
        for (int g = 0; g <= e.gap && pos + g <= n_; ++g) {
          std::size_t q = pos + g;
          if (g > 0) {
            const std::string& w = s_.norms[q - 1];
            if (w == ";"sv || w == "."sv || w == ":"sv) break;
          }
          if (q < n_ && inside_[q] >= 0 && s_.units[inside_[q]].begin != q) continue;
          if (run(p, k + 1, q, st, out)) return true;
        }
        return false;
    }
    return false;
  }

  const Knowledge& kb_;
  const AnnotatedSentence& s_;
  std::size_t n_;

 public:
  std::vector<int> unit_at_, inside_;
  std::vector<char> verb_, clause_;  // per token: a verb form, a clause word
};

// Per knowledge base: patterns by the first tokens of their anchor (first mandatory word
// element), and the first tokens a pattern may start on. Built once per thread and knowledge base,
// so no lock is taken while extracting.
struct PatternIndex {
  static constexpr std::uint32_t kNoSet = static_cast<std::uint32_t>(-1);
  // What a word means to the patterns: those it anchors, and the word sets it is a first word
  // of. Looked up once per token, in one flat table.
  struct Word {
    std::vector<std::size_t> anchored;
    std::vector<std::uint32_t> sets;
  };
  const Knowledge* kb = nullptr;
  PhraseTable<std::uint32_t> word_number;  // a word (one token) -> index into words
  std::vector<Word> words;
  std::vector<std::size_t> unanchored;
  // Per pattern: the word set of its first element when that is a mandatory word, so that it can
  // only start on one of the set's first words; kNoSet otherwise.
  std::vector<std::uint32_t> first_set;
  // Per pattern: it opens with a verb (all the forms of its lemmas), so it cannot start right
  // after "a", "an" or "of".
  std::vector<char> verb_opening;
  // Per pattern: the word sets of its mandatory word elements; a sentence that lacks the first
  // word of every alternative of one of them cannot match it.
  std::vector<std::vector<std::uint32_t>> required;  // word set numbers
  std::unordered_map<const WordSet*, std::uint32_t> set_number;

  const Word* find(std::string_view w) const {
    const std::uint32_t* k = word_number.find(w);
    return k ? &words[*k] : nullptr;
  }
  Word& word(const std::string& w) {
    if (const std::uint32_t* k = word_number.find(w)) return words[*k];
    word_number.add({w}, static_cast<std::uint32_t>(words.size()));
    return words.emplace_back();
  }
};

const PatternIndex& pattern_index(const Knowledge& kb) {
  thread_local PatternIndex index;
  if (index.kb == &kb && index.first_set.size() == kb.patterns.size()) return index;
  index = PatternIndex();
  index.kb = &kb;
  for (std::size_t pi = 0; pi < kb.patterns.size(); ++pi) {
    const Pattern& p = kb.patterns[pi];
    // The anchor: the mandatory word element with the fewest first words ("aid" rather than
    // the forty forms of a verb block), so that few patterns are candidates in a sentence.
    // A function word ("to", "with") is in nearly every sentence: never the anchor when another
    // element can be.
    constexpr std::uint64_t kFunctionWord = kDeterminer | kNounOpener | kPreposition | kQuantity |
                                            kNumberWord | kModal | kBe | kSubordinator |
                                            kConjunction;
    auto cost = [&](const PatternElement& e) {
      std::size_t c = e.words->firsts.size();
      for (const auto& w : e.words->firsts)
        if (kb.is(w, kFunctionWord)) c += 100000;
      return c;
    };
    const PatternElement* anchor = nullptr;
    for (const auto& e : p.elements)
      if (e.kind == PatternElement::kWord && !e.optional && (!anchor || cost(e) < cost(*anchor)))
        anchor = &e;
    if (anchor) {
      for (const auto& w : anchor->words->firsts) index.word(w).anchored.push_back(pi);
    } else {
      index.unanchored.push_back(pi);
    }
    index.verb_opening.push_back(!p.elements.empty() && p.elements[0].verb);
    std::vector<std::uint32_t> required;
    for (const auto& e : p.elements) {
      if (e.kind != PatternElement::kWord || e.optional) continue;
      auto [it, fresh] = index.set_number.try_emplace(e.words.get(), index.set_number.size());
      if (fresh)
        for (const auto& w : e.words->firsts) index.word(w).sets.push_back(it->second);
      required.push_back(it->second);
    }
    const PatternElement& first = p.elements.front();
    index.first_set.push_back(first.kind == PatternElement::kWord && !first.optional
                                  ? index.set_number.at(first.words.get())
                                  : PatternIndex::kNoSet);
    index.required.push_back(std::move(required));
  }
  return index;
}

}  // namespace

std::vector<Match> match_sentence(const Knowledge& kb, const AnnotatedSentence& s,
                                  const Date& published, const Date& anchor) {
  std::vector<Match> out;
  Matcher m(kb, s);
  std::size_t n = s.norms.size();
  std::vector<bool> quoted(n);
  bool q = false;
  for (std::size_t i = 0; i < n; ++i) {
    if (s.norms[i] == "\"") q = !q;
    quoted[i] = q;
  }
  std::vector<bool> used(n, false);
  // A headline capitalizes its words; elsewhere a capital marks a name.
  bool headline = false;
  {
    std::size_t words = 0, upper = 0;
    for (const auto& t : s.sentence->tokens)
      if (t.word) ++words, upper += t.upper;
    headline = words > 0 && upper * 10 >= words * 6;
  }
  // Most patterns cannot match a given sentence: each has a mandatory word (its anchor), and only
  // patterns with an anchor word in the sentence are tried, in file order.
  const PatternIndex& index = pattern_index(kb);
  std::vector<const PatternIndex::Word*> word_of(n);
  for (std::size_t pos = 0; pos < n; ++pos) word_of[pos] = index.find(s.norms[pos]);
  std::vector<std::size_t> candidates = index.unanchored;
  for (const auto* w : word_of)
    if (w) candidates.insert(candidates.end(), w->anchored.begin(), w->anchored.end());
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  const std::vector<char>& verb_opening = index.verb_opening;
  std::vector<std::size_t> all(n);
  for (std::size_t pos = 0; pos < n; ++pos) all[pos] = pos;
  // Relative clauses set off by commas: ", who was the envoy until May,".
  std::vector<char> relative(n + 1, 0);
  for (std::size_t t = 0; t + 1 < n; ++t) {
    if (s.norms[t] != ","sv || !is(s, t + 1, kRelative)) continue;
    std::size_t e = t + 1;
    while (e < n && s.norms[e] != ","sv && s.norms[e] != "."sv && s.norms[e] != ";"sv) ++e;
    if (e >= n || s.norms[e] != ","sv) continue;  // runs to the end: it holds the main verb
    for (std::size_t k = t + 1; k < e; ++k) relative[k] = 1;
    t = e - 1;
  }
  // An actor in the possessive ("Brazil's") followed by a common noun that names no group or
  // body of it ("program", "order"): the noun phrase's head is that noun, not the actor.
  auto possessive_modifier = [&](const Unit& u) {
    if (u.end == 0 || u.end >= n || s.norms[u.end - 1] != "'s"sv) return false;
    std::size_t t = u.end;
    if (m.inside_[t] >= 0 || !s.sentence->tokens[t].word || s.sentence->tokens[t].upper ||
        m.verb_[t])
      return false;
    // The head may follow a word or two ("Argentina's chief debt negotiator", "England's
    // transport secretary").
    for (std::size_t h = t; h < n && h < t + 3 && m.inside_[h] < 0 && !m.verb_[h]; ++h) {
      const Body* body = nullptr;
      const Title* title = nullptr;
      if (kb.groups.longest(s.norms, h, &body) || kb.bodies.longest(s.norms, h, &body) ||
          kb.titles.longest(s.norms, h, &title) ||
          is(s, h, kBody | kGovernmentPart | kInstitution | kSharedRole))
        return false;
    }
    return true;
  };
  // Where a finite verb of the main clause may stand, for the converted patterns (Pattern::tier).
  auto main_clause_verb = [&](std::size_t pos) {
    if (pos > 0 && s.norms[pos - 1] == "to"sv) return false;  // an infinitive
    const std::string& w = s.norms[pos];
    if (w.size() > 4 && w.compare(w.size() - 3, 3, "ing") == 0 && !(pos > 0 && is(s, pos - 1, kBe)))
      return false;  // a gerund or participle: "killing one person", "a meeting"
    for (std::size_t k = pos; k-- > 0;) {
      if (s.norms[k] == ","sv) break;
      if (is(s, k, kSubordinator)) return false;  // "unless the president agrees"
    }
    return true;
  };
  // Which word sets have a first word in the sentence, marked with this sentence's stamp, and at
  // which positions (ascending): a pattern opening with a mandatory word can only start on one of
  // its set's first words.
  thread_local std::vector<std::uint32_t> present;
  thread_local std::vector<std::vector<std::size_t>> positions_of;
  thread_local std::uint32_t stamp = 0;
  if (present.size() != index.set_number.size()) {
    present.assign(index.set_number.size(), 0);
    positions_of.assign(index.set_number.size(), {});
    stamp = 0;
  }
  if (++stamp == 0) std::fill(present.begin(), present.end(), 0), stamp = 1;
  for (std::size_t pos = 0; pos < n; ++pos)
    if (word_of[pos])
      for (std::uint32_t k : word_of[pos]->sets) {
        if (present[k] != stamp) {
          present[k] = stamp;
          positions_of[k].clear();
        }
        positions_of[k].push_back(pos);
      }
  for (std::size_t pi : candidates) {
    const Pattern& p = kb.patterns[pi];
    bool possible = true;
    for (std::uint32_t k : index.required[pi])
      if (present[k] != stamp) {
        possible = false;
        break;
      }
    if (!possible) continue;
    // The converted patterns speak only where ours found nothing but a speech act.
    if (p.tier > 0) {
      bool event = false;
      for (const auto& mt : out) event |= kb.patterns[mt.pattern].type != EventType::kStatement;
      if (event) break;
    }
    std::uint32_t first = index.first_set[pi];
    const std::vector<std::size_t>& positions = first == PatternIndex::kNoSet ? all : positions_of[first];
    // A pattern opening with a word triggers on that word: one whose trigger another pattern
    // already took cannot add an event.
    const bool word_first = p.elements.front().kind == PatternElement::kWord;
    for (std::size_t pos : positions) {
      if (quoted[pos] || (word_first && used[pos])) continue;
      // A verb form where a noun stands is a noun: after a determiner or a preposition other
      // than "to" ("a series of bombs", "the attack", "in support of"), or capitalized inside a
      // sentence that is not a headline ("Finance Minister", "the Trade Representative").
      if (verb_opening[pi] && pos > 0) {
        const std::string& prev = s.norms[pos - 1];
        if (is(s, pos - 1, kDeterminer | kNounOpener | kNumberWord) ||
            (prev != "to"sv && is(s, pos - 1, kPreposition)))
          continue;
        // After a possessive: "Iran's demands", "creditors' claims".
        if (prev == "'s"sv || (prev == "'"sv && pos > 1 && s.norms[pos - 2].size() > 1 &&
                               s.norms[pos - 2].back() == 's' && s.sentence->tokens[pos - 2].end ==
                                                                     s.sentence->tokens[pos - 1].begin))
          continue;
        if (!headline && s.sentence->tokens[pos].upper) continue;
        // A form in -s before "from" is a plural noun: "calls from France".
        if (pos + 1 < n && is(s, pos + 1, kPluralFollower) && s.norms[pos].ends_with('s') &&
            !is(s, pos, kPastForm))
          continue;
        // After a word that only modifies nouns ("domestic demand", "member states"), or right
        // after another verb that is no auxiliary ("stimulate demand", "meet
        // peak demand"; "has demanded" stays a verb).
        if (m.inside_[pos - 1] < 0 && !s.sentence->tokens[pos - 1].upper) {
          if (is(s, pos - 1, kNounModifier)) continue;
          if (m.verb_[pos - 1] && !is(s, pos - 1, kBe | kModal | kAuxiliary)) continue;
          // A base form after a noun in the singular: the second noun of a compound ("a campaign
          // rally"; "the campaign said" stays a verb).
          if (text::base_form(s.norms[pos]) && !is(s, pos, kPastForm) && is(s, pos - 1, kCompoundNoun))
            continue;
        }
      }
      if (p.tier > 0 && verb_opening[pi] && !main_clause_verb(pos)) continue;
      State st, res;
      if (!m.run(p, 0, pos, st, res)) continue;
      // The trigger: the first word element's position.
      std::size_t trigger = pos;
      if (p.explicit_source && p.elements[0].kind == PatternElement::kSource) {
        const Unit* u = m.actor_unit(pos);
        trigger = u ? u->end : pos;
        while (trigger < n && m.unit_at_[trigger] >= 0 &&
               s.units[m.unit_at_[trigger]].kind != Unit::kActor)
          trigger = s.units[m.unit_at_[trigger]].end;
        if (p.elements.size() > 2 && p.elements[1].kind == PatternElement::kWord &&
            p.elements[2].kind == PatternElement::kTarget) {
          // "{S} and {O} <verb>": the verb is the trigger.
          const Unit* o = m.actor_unit(trigger + 1);
          if (o) trigger = o->end;
        }
      }
      if (trigger >= n || used[trigger]) continue;
      if (p.null) {
        used[trigger] = true;
        continue;
      }
      Match mt;
      mt.pattern = pi;
      mt.trigger = trigger;
      mt.begin = pos;
      mt.end = res.end;
      mt.source = res.source;
      mt.target = res.target;
      std::vector<std::size_t> source_also = res.source_also;
      if (res.source2 != kNoActor && mt.target == kNoActor) mt.target = res.source2;
      Modifier mod = res.modifier;
      std::size_t subject_end = 0;
      if (mt.source == kNoActor) {
        // Subject: the nearest actor left of the trigger not governed by a preposition. Another
        // verb in between means the actor is that verb's subject ("Moscow claimed the militants
        // vowed"), unless the trigger is coordinated with it ("reached out to X and hosted").
        std::size_t before = pos;
        while (before > 0 && m.inside_[before - 1] >= 0 &&
               s.units[m.inside_[before - 1]].kind != Unit::kActor)
          before = s.units[m.inside_[before - 1]].begin;
        bool coordinated = before > 0 && s.norms[before - 1] == "and"sv;
        // "Aliyev, who is on a visit to Russia": a relative clause's subject is the actor the
        // pronoun follows.
        for (std::size_t t = pos; t-- > 0 && t + 12 > pos;) {
          if (m.inside_[t] >= 0 && s.units[m.inside_[t]].kind == Unit::kActor) break;
          if (s.norms[t] == ";"sv || s.norms[t] == ":"sv) break;
          if (!is(s, t, kRelative)) continue;
          std::size_t a = t > 0 && s.norms[t - 1] == ","sv ? t - 1 : t;
          if (a > 0 && m.inside_[a - 1] >= 0) {
            const Unit& u = s.units[m.inside_[a - 1]];
            if (u.kind == Unit::kActor && u.actor != kNoActor && !u.quoted && u.end == a) {
              mt.source = u.actor;
              source_also = u.also;
              subject_end = u.end;
            }
          }
          break;
        }
        // A noun event announced or ordered by its actor ("Italy announced a suspension of air
        // links with Serbia") is the announcer's: those verbs do not block.
        const bool noun_trigger = pos > 0 && is(s, pos - 1, kNounMarker);
        // "X issued a declaration demanding that Y": the document's demand is X's.
        const bool document_trigger = pos > 0 && is(s, pos - 1, kDocumentNoun);
        // A pattern opening with a preposition is an adjunct of the clause ("said after talks
        // with Chile"): the clause's verb does not cut its subject off.
        const bool adjunct = is(s, pos, kPreposition);
        for (std::size_t k = s.units.size(); k-- > 0 && mt.source == kNoActor;) {
          const Unit& u = s.units[k];
          if (u.end > pos) continue;
          bool blocked = false;
          // A relative clause between commas ("X, who was Y's envoy until May, criticized") is
          // neither the subject nor a verb that cuts the subject off.
          if (relative[u.begin] && !relative[pos]) continue;
          for (std::size_t t = u.end; t < pos && !coordinated && !adjunct; ++t)
            if (!relative[t] && m.inside_[t] < 0 && m.verb_[t] && !(noun_trigger && is(s, t, kLightVerb)) &&
                !(document_trigger && is(s, t, kIssueVerb)))
              blocked = true;
          if (blocked) break;
          if ((u.kind != Unit::kActor && u.kind != Unit::kPair) || u.actor == kNoActor || u.compound)
            continue;
          if (u.quoted || u.after_preposition) continue;
          // "Funaro called Brazil's program strong, adding": a possessive actor modifies the noun
          // after it, which is the subject, unless that noun is a group or body of the actor
          // ("Iran's government said").
          if (possessive_modifier(u)) continue;
          // An appositive names its head again: "Pakistan, a key U.S. ally in the war, has
          // refused": the subject is the actor before the comma, not one inside the apposition.
          const Unit* head = &u;
          {
            std::size_t c1 = u.begin;
            while (c1 > 0 && u.begin - c1 < 5 && s.norms[c1 - 1] != ","sv) --c1;
            bool comma_after = false;
            for (std::size_t t = u.end; t < pos; ++t) comma_after |= s.norms[t] == ","sv;
            if (c1 > 1 && s.norms[c1 - 1] == ","sv && comma_after && c1 - 1 < u.begin &&
                is(s, c1, kArticle))
              for (std::size_t q = 0; q < k; ++q)
                if (s.units[q].end == c1 - 1 && s.units[q].kind == Unit::kActor &&
                    s.units[q].actor != kNoActor && !s.units[q].after_preposition)
                  head = &s.units[q];
          }
          mt.source = head->actor;
          source_also = head->also;
          if (u.kind == Unit::kPair && mt.target == kNoActor) mt.target = u.actor2;
          subject_end = u.end;
          break;
        }
        // "A report released in the Rwandan capital alleged that ...": a report opening the
        // sentence speaks for the place it was issued in.
        if (mt.source == kNoActor) {
          std::size_t doc = pos;
          for (std::size_t t = 0; t < pos && t < 6; ++t)
            if (is(s, t, kReportNoun)) {
              doc = t;
              break;
            }
          for (const auto& u : s.units) {
            if (doc == pos || u.begin <= doc || u.end > pos) continue;
            if (u.kind == Unit::kActor && u.actor != kNoActor && !u.quoted) {
              if (u.after_preposition && is(s, u.begin - 1, kReportPlace)) mt.source = u.actor;
              break;
            }
          }
        }
        if (mt.source == kNoActor) continue;
      } else {
        subject_end = pos;
      }
      // Modifiers between the subject and the trigger set the status.
      // A modifier phrase that holds the trigger ("would decide") speaks for it too, but a
      // refusal is the event itself, not its denial ("refused to" for the reject pattern).
      for (const auto& u : s.units)
        if (u.kind == Unit::kModifier && u.begin >= subject_end && u.begin <= pos &&
            u.modifier != Modifier::kNone && !(u.modifier == Modifier::kDenied && u.end > pos))
          mod = u.modifier;
      std::vector<std::size_t> fallback_also;
      // An event whose pattern names no object takes the first actor that follows in
      // the same clause ("demanded an immediate admission by Moscow", "withdraw its troops from
      // Lebanon"): the object of the verb or of its complement. Statements keep no addressee.
      // Pair patterns ("{S} met", undirected with an explicit source) are for coordinated
      // subjects only; a single subject leaves the trigger to the "met with {O}" patterns.
      bool pair_pattern = is_undirected(p.type) && p.explicit_source;
      if (mt.target == kNoActor && source_also.empty() && p.type != EventType::kStatement &&
          !pair_pattern) {
        for (std::size_t t = res.end; t < n && t < res.end + 15; ++t) {
          const std::string& w = s.norms[t];
          if (w == ","sv && t + 1 < n && is(s, t + 1, kClauseJoiner)) break;
          if (w == ";"sv || w == ":"sv || w == "."sv || (w != "that"sv && m.clause_[t]) ||
              is(s, t, kAttribution) || quoted[t])
            break;
          // A comma ends the object's phrase for the converted patterns: what follows is an
          // attribution (", the ministry said") or another clause.
          if (w == ","sv && p.tier > 0) break;
          const Unit* u = m.actor_unit(t);
          if (!u || u->begin != t || u->compound) continue;
          if (u->actor == mt.source) continue;
          // "a meeting on Afghanistan": a topic, not the other party.
          if (t > 0 && is(s, t - 1, kNotParty)) continue;
          mt.target = u->actor;
          fallback_also = u->also;
          break;
        }
      }
      // A converted pattern codes dyads only, as the peers' coders do by default
      // (PETRARCH's require_dyad): a verb without an object is too often no event.
      if (p.tier > 0 && mt.target == kNoActor && (source_also.empty() || !is_undirected(p.type)))
        continue;
      // An undirected event needs two parties: a lone subject of "met" with no one named leaves
      // the trigger to a later pattern ("met with X").
      // A body of many members meets on its own: "the Group of Seven met", "a meeting of OPEC".
      bool assembly = (p.type == EventType::kMeeting || p.type == EventType::kNegotiate) &&
                      mt.source < kb.actors.size() && kb.actors[mt.source].kind == ActorKind::kOrganization;
      if (is_undirected(p.type) && mt.target == kNoActor && source_also.empty() && !assembly)
        continue;
      mt.sources.push_back(mt.source);
      for (auto a : source_also) mt.sources.push_back(a);
      if (mt.target != kNoActor) {
        mt.targets.push_back(mt.target);
        for (auto a : res.target_also) mt.targets.push_back(a);
        for (auto a : fallback_also) mt.targets.push_back(a);
      }
      used[trigger] = true;
      if (mod == Modifier::kSpeculative) continue;
      // An infinitive ("agreed to meet", "asked Kiev to investigate", "wants to attack") names
      // an event that has not happened yet.
      if (mod == Modifier::kNone && pos > 0 && s.norms[pos - 1] == "to"sv &&
          m.verb_[pos])
        mod = Modifier::kPlanned;
      mt.status = mod == Modifier::kDenied    ? EventStatus::kDenied
                  : mod == Modifier::kPlanned ? EventStatus::kPlanned
                                              : EventStatus::kOccurred;
      // Topic: "to discuss Afghanistan", "on Afghanistan" right after the match.
      std::size_t e = res.end;
      if (e + 2 < n && s.norms[e] == "to"sv && is(s, e + 1, kTopicVerb))
        e += 2;
      else if (e + 1 < n && is(s, e, kTopic))
        e += 1;
      if (e != res.end)
        if (const Unit* u = m.actor_unit(e)) mt.topic = u->actor;
      out.push_back(mt);
    }
  }
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) { return a.trigger < b.trigger; });
  // A match nested in another ("phone call with X" inside "had a phone call with X") reports the
  // same event: keep the outer one only, or the two would split the sentence's date between them.
  {
    std::vector<Match> kept;
    for (const auto& mt : out) {
      bool nested = false;
      for (const auto& other : out)
        if (&other != &mt && other.begin < mt.begin && mt.end <= other.end &&
            kb.patterns[other.pattern].type != EventType::kStatement)
          nested = true;
      if (!nested) kept.push_back(mt);
    }
    out = std::move(kept);
  }
  // "Ghana urged Togo to lift sanctions": the news is the appeal; the act asked for has not
  // happened and may never happen, so the infinitive right after an appeal's object is no event.
  {
    // Where an appeal's object ends, its infinitive may begin (at most one word between).
    std::vector<char> asks(n + 2, 0);
    for (const auto& other : out) {
      EventType t = kb.patterns[other.pattern].type;
      if (t == EventType::kAppeal || t == EventType::kDemand) asks[other.end] = asks[other.end + 1] = 1;
    }
    std::vector<Match> kept;
    for (const auto& mt : out) {
      std::size_t to = mt.trigger;
      while (to > 0 && mt.trigger - to < 3 && s.norms[to - 1] != "to"sv) --to;
      if (to > 0 && s.norms[to - 1] == "to"sv && asks[to - 1]) continue;
      kept.push_back(mt);
    }
    out = std::move(kept);
  }
  // A trailing attribution ("..., officials said Monday") sources the news rather than being
  // news: like the CAMEO coders, we code the reported event and drop the bare "said" after it.
  // A leading "X said that Y met Z" keeps X's statement.
  {
    std::vector<Match> kept;
    for (const auto& mt : out) {
      const Pattern& p = kb.patterns[mt.pattern];
      bool bare_statement = p.type == EventType::kStatement && p.cameo == "010"sv &&
                            mt.target == kNoActor;
      bool after_event = false;
      for (const auto& other : out)
        if (other.trigger < mt.trigger && kb.patterns[other.pattern].type != EventType::kStatement)
          after_event = true;
      if (bare_statement && after_event) continue;
      // ", a UN official said on Monday." closing the sentence attributes what came before: a
      // source, not a statement, whether or not the reported event was recognized.
      if (bare_statement && mt.begin > 0) {
        bool closing = true;
        for (std::size_t t = mt.end; t < n && closing; ++t) {
          const std::string& w = s.norms[t];
          bool in_time = m.inside_[t] >= 0 && s.units[m.inside_[t]].kind == Unit::kTime;
          if (!in_time && w != "."sv && w != "\"" && !is(s, t, kClosingWord)) closing = false;
        }
        bool comma_before = false;
        for (std::size_t t = mt.begin; t-- > 0 && t + 12 > mt.begin;) {
          if (s.norms[t] == ","sv) {
            comma_before = true;
            break;
          }
        }
        if (closing && comma_before) continue;
      }
      kept.push_back(mt);
    }
    out = std::move(kept);
  }
  // Dates: each time expression belongs to the nearest trigger it is not cut off from by a
  // relative clause ("who fled on Sunday"); an event takes its nearest one, else the
  // publication date.
  auto dist = [](std::size_t a, std::size_t b) { return a > b ? a - b : b - a; };
  // "Following talks held in Moscow on February 22, A and B spoke": an opening phrase ending in
  // a comma keeps its time to itself.
  std::size_t opening_end = 0;
  if (n > 0 && is(s, 0, kTimeOpener)) {
    while (opening_end < n && s.norms[opening_end] != ","sv) ++opening_end;
    if (opening_end == n) opening_end = 0;
  }
  std::size_t first_comma = 0;
  while (first_comma < n && s.norms[first_comma] != ","sv) ++first_comma;
  auto cut_off = [&](const Unit& u, std::size_t trigger) {
    if (opening_end && (u.begin < opening_end) != (trigger < opening_end)) return true;
    // "X, who two days ago expressed doubts, said": a relative clause keeps its time.
    if (relative[u.begin] != relative[trigger]) return true;
    std::size_t lo = std::min(u.begin, trigger), hi = std::max(u.end, trigger);
    for (std::size_t t = lo; t < hi; ++t) {
      if (m.inside_[t] < 0 && m.clause_[t]) return true;
      // ", and Danish sources said": a new clause after a comma has its own time, unless the
      // time opens the sentence ("On Saturday, X ..., but Y withdrew").
      if (s.norms[t] == ","sv && t + 1 < hi && is(s, t + 1, kClauseJoiner) &&
          !(u.begin <= 3 && u.end <= first_comma))
        return true;
    }
    return false;
  };
  for (auto& mt : out) {
    const Unit* best = nullptr;
    // A statement's own time stands before its verb or after it with no verb or subject between
    // ("said in Canberra on Monday"); a later one belongs to what was said ("said the Congress
    // was less protectionist than 18 months ago").
    const bool statement = kb.patterns[mt.pattern].type == EventType::kStatement;
    auto reported = [&](const Unit& u) {
      for (std::size_t t = mt.trigger + 1; t < u.begin; ++t)
        if (m.verb_[t] || is(s, t, kPastForm | kBe | kModal | kAuxiliary) ||
            text::regular_past(s.norms[t]) || (m.inside_[t] >= 0 && s.units[m.inside_[t]].kind != Unit::kTime &&
                           s.units[m.inside_[t]].kind != Unit::kModifier &&
                           !(s.units[m.inside_[t]].after_preposition &&
                             s.units[m.inside_[t]].begin <= mt.trigger + 2)))
          return true;
      return false;
    };
    for (const auto& u : s.units) {
      if (u.kind != Unit::kTime || u.quoted || cut_off(u, mt.trigger)) continue;
      if (statement && u.begin > mt.trigger && reported(u)) continue;
      // A time opening the sentence ("On August 2, A met B, and C met D") dates all of it.
      const bool fronted = u.begin <= 1 && u.end < n && s.norms[u.end] == ","sv;
      bool nearer_other = false;
      for (std::size_t k = 0; k < out.size() && !fronted && !nearer_other; ++k)
        nearer_other = out[k].trigger != mt.trigger &&
                       dist(out[k].trigger, u.begin) < dist(mt.trigger, u.begin) && !cut_off(u, out[k].trigger);
      if (nearer_other) continue;
      if (!best || dist(u.begin, mt.trigger) < dist(best->begin, mt.trigger)) best = &u;
    }
    bool planned = mt.status == EventStatus::kPlanned;
    bool past_form = is(s, mt.trigger, kPastForm) || text::regular_past(s.norms[mt.trigger]);
    mt.date = best ? resolve_time(*best, published, planned, past_form, &anchor) : published;
    // A time ahead ("later this month") makes the event planned; a statement made today about
    // it is not (the time belongs to what was said).
    bool ahead = best && best->time && best->time->future &&
                 kb.patterns[mt.pattern].type != EventType::kStatement;
    if (mt.status == EventStatus::kOccurred && (mt.date.days > published.last_day() || ahead))
      mt.status = EventStatus::kPlanned;
  }
  return out;
}

}  // namespace diplograph::extract
