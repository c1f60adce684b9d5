// Sentence annotation: actor mentions (gazetteer, title + name, country + body, role mentions,
// pronouns, surnames, "the two sides"), time expressions and status modifiers over the tokens of
// one sentence, and the document-level actor table they resolve into. Not thread-safe: one
// DocContext per extract() call.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "extract/knowledge.hpp"
#include "text/segment.hpp"

namespace diplograph::extract {

constexpr std::size_t kNoActor = static_cast<std::size_t>(-1);

// Actors of one document: the knowledge base's, then those met only in this document (a person
// named after a title, a ministry named by a country word). Handles index both.
class DocActors {
 public:
  explicit DocActors(const Knowledge& kb) : kb_(kb) {}
  const Actor& get(std::size_t h) const {
    return h < kb_.actors.size() ? kb_.actors[h] : local_[h - kb_.actors.size()];
  }
  // The handle of the actor with this canonical name, creating it from `a` when new.
  std::size_t intern(Actor a);
  // The part of state `state` named `noun` ("Sudanese Civilians", "Russian Foreign Ministry"):
  // code the state's country and `sector`, affiliated "part of" the state.
  std::size_t part_of(std::size_t state, const std::string& noun, const std::string& sector,
                      ActorKind kind);
  const Knowledge& kb() const { return kb_; }
  std::size_t size() const { return kb_.actors.size() + local_.size(); }
  // normalize_name of actor h's name, and the last of its token norms: computed once an actor,
  // as surnames are looked up among many persons.
  const std::string& normalized_name(std::size_t h);
  const std::string& last_norm(std::size_t h);
  // Gives a group met only in this document ("ethnic Hungarians"), with no country yet, the
  // country `c`. Never a person: a person's country comes from a title or the knowledge base.
  void set_country(std::size_t h, const std::string& c) {
    if (h < kb_.actors.size()) return;
    Actor& a = local_[h - kb_.actors.size()];
    if (a.kind != ActorKind::kOther || !a.country.empty() || !a.code.empty()) return;
    a.country = c;
    a.code = c + "CVL";
  }

 private:
  const Knowledge& kb_;
  std::vector<Actor> local_;
  // local_ by normalize_name (the first of a name): intern looks a name up once, not per actor.
  std::unordered_map<std::string, std::size_t> local_index_;
  std::unordered_map<std::size_t, std::string> normalized_, last_norm_;
};

struct Unit {
  enum Kind { kActor, kRole, kPronoun, kSurname, kPair, kTime, kModifier } kind = kActor;
  std::size_t begin = 0, end = 0;  // token range [begin, end)
  std::size_t actor = kNoActor;    // kActor (after resolution: every actor kind)
  std::size_t actor2 = kNoActor;   // kPair: the second actor
  // A coordination ("Hungary and Romania", "Hungarian and Romanian officials"): the actors
  // after the first, each of which takes part in the events of the unit.
  std::vector<std::size_t> also;
  std::string role, country;       // kRole: "ambassador", "RUS"
  std::string word;                // kPronoun: the pronoun; kSurname: the token norm
  Modifier modifier = Modifier::kNone;
  std::optional<TimeWord> time;    // kTime: a relative time word
  std::optional<Date> date;        // kTime: an explicit date (year maybe from publication)
  bool month_day = false;          // kTime: an explicit day and month with the year guessed
  bool quoted = false;             // inside quotation marks
  bool after_preposition = false;  // the token before (past determiners) is a preposition
  // kPair: named by a compound ("U.S.-Soviet talks"), a modifier of the noun after it; it only
  // fills the opening {S} of a pattern of ours, never a subject or object found around a verb.
  bool compound = false;
};

struct AnnotatedSentence {
  const text::Sentence* sentence = nullptr;
  std::vector<std::string> norms;
  std::vector<std::uint64_t> classes;  // per token: its word classes (WordClass bits)
  std::vector<Unit> units;  // by position, non-overlapping
};

// Pass 1: finds the units of a sentence. New actors (persons after titles, bodies) are interned
// in `actors`; `persons` collects every person with the role and country a title gave it.
struct PersonRole {
  std::size_t actor;
  std::string role, country;
};
AnnotatedSentence annotate(std::string_view text, const text::Sentence& s, const Date& published,
                           DocActors& actors, std::vector<PersonRole>& persons);

}  // namespace diplograph::extract
