// The knowledge base of the extractor, loaded from data/ (actors, titles, bodies, modifiers, time
// words, verbs, patterns) and user dictionaries. Immutable after load; thread-safe to read.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "diplograph/event.hpp"
#include "diplograph/status.hpp"

namespace diplograph::extract {

// How a gazetteer phrase names its actor.
enum class NameKind { kName, kDemonym, kMetonym };

struct GazetteerEntry {
  std::size_t actor = 0;  // index into Knowledge::actors
  NameKind kind = NameKind::kName;
  bool exact_case = false;  // short all-capital aliases ("US", "WHO") must be written so
};

struct Title {
  std::string role;
  std::string sector;  // CAMEO sector code: GOV, MIL, LEG
};

struct Body {
  std::string name;  // suffix of the body's name; empty: the state itself
  std::string sector;
};

enum class TimeUnit { kWeekday, kDay, kMonth, kYear };
struct TimeWord {
  TimeUnit unit = TimeUnit::kDay;
  int value = 0;
};

enum class Modifier { kNone, kPlanned, kDenied, kSpeculative };

// One element of a compiled pattern.
struct PatternElement {
  enum Kind { kWord, kSource, kTarget, kGap } kind = kWord;
  std::vector<std::vector<std::string>> words;  // alternatives, each a token sequence
  int gap = 0;
  bool optional = false;
};

struct Pattern {
  std::string id;
  EventType type = EventType::kStatement;
  std::string cameo;
  std::vector<PatternElement> elements;
  bool explicit_source = false;
};

// A table from normalized token sequences to values, with longest-match lookup.
template <class T>
struct PhraseTable {
  std::unordered_map<std::string, T> map;
  std::size_t max_len = 0;
  void add(const std::vector<std::string>& toks, T value);
  // The longest phrase starting at norms[i]; returns its length (0 when none) and the value.
  std::size_t longest(const std::vector<std::string>& norms, std::size_t i, const T** out) const;
};

struct Knowledge {
  std::vector<Actor> actors;
  std::vector<std::string> demonym;  // per actor: the adjective for body names ("Russian")
  std::unordered_map<std::string, std::vector<std::size_t>> by_name;  // normalize_name -> actors
  PhraseTable<std::vector<GazetteerEntry>> gazetteer;
  PhraseTable<Title> titles;
  PhraseTable<Body> bodies;
  PhraseTable<Modifier> modifiers;
  PhraseTable<TimeWord> times;
  PhraseTable<std::string> references;  // "he" -> person, "the two sides" -> pair
  std::vector<Pattern> patterns;
  std::unordered_set<std::string> verb_forms;
  std::unordered_set<std::string> clause_words;  // data/lexicon/clause_words.txt: who, which, that  // every form of data/lexicon/verbs.tsv

  // Builds from the embedded data, then each user dictionary (JSON: {"actors":[{name, kind,
  // country, code, aliases}]}). kInvalidInput names the file and line or field.
  static Result<Knowledge> load(const std::vector<std::string>& dict_files);

  std::optional<std::size_t> find(std::string_view name) const;
};

std::string join(const std::vector<std::string>& toks, std::size_t from, std::size_t to);

}  // namespace diplograph::extract
