// The knowledge base of the extractor, loaded from data/ through the one row reader (actors,
// titles, bodies, groups, offices, modifiers, time words, verbs, patterns, and the word classes
// of text/word_classes.hpp) and user dictionaries. Immutable after load; thread-safe to read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "diplograph/event.hpp"
#include "diplograph/status.hpp"
#include "extract/flat_string_map.hpp"
#include "text/word_classes.hpp"

namespace diplograph::extract {

// How a gazetteer phrase names its actor.
// kPlace: a place inside the state (ISO 3166-2 subdivisions, data/actors/places.tsv).
enum class NameKind { kName, kDemonym, kMetonym, kPlace };

struct GazetteerEntry {
  std::size_t actor = 0;  // index into Knowledge::actors
  NameKind kind = NameKind::kName;
  bool exact_case = false;  // short all-capital aliases ("US", "WHO") must be written so
};

// The entries of one gazetteer phrase, nearly always a single one.
using GazetteerList = SmallList<GazetteerEntry>;

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
  bool future = false;  // ahead of publication: "later this month", "next Monday"
  bool count = false;   // after a number, which multiplies `value`: "two days ago"
  bool anchored = false;  // from the last day the text named: "the following day"
};

enum class Modifier { kNone, kPlanned, kDenied, kSpeculative };

// The alternatives of a word element, each a token sequence, and their distinct first tokens.
// Shared by every pattern that names the same ones (a converted verb block's forms recur in
// each of its patterns).
struct WordSet {
  std::vector<std::vector<std::string>> alts;
  std::vector<std::string> firsts;
  std::unordered_set<std::string_view> first_set;  // views of firsts, to reject a position at once
};

// One element of a compiled pattern.
struct PatternElement {
  enum Kind { kWord, kSource, kTarget, kGap } kind = kWord;
  std::shared_ptr<const WordSet> words;  // kWord
  int gap = 0;
  bool optional = false;
  bool verb = false;  // from <lemma>: the forms of a verb
};

struct Pattern {
  std::string id;
  EventType type = EventType::kStatement;
  std::string cameo;
  std::vector<PatternElement> elements;
  bool explicit_source = false;
  // 0: written for diplograph (data/patterns/events.tsv); 1: converted from a peer's dictionary
  // (cameo2.tsv), tried only in sentences where no pattern of tier 0 matched, and only on a
  // finite verb of a main clause: without a parse, the peers' verb patterns fire on every
  // infinitive and relative clause.
  int tier = 0;
  // Type "none" (a PETRARCH [---] entry): the pattern takes its trigger and codes no event, so
  // "pilgrims visited" keeps the verb's default ("visited" -> 042) from firing.
  bool null = false;
};

// A table from normalized token sequences to values, with longest-match lookup. Tens of
// thousands of names make it the largest structure of the knowledge base and the one looked up
// at every token: a flat table (open addressing, linear probing, at most 60% full) whose keys,
// the phrases' tokens joined by single spaces, sit in one string, with every proper prefix of a
// phrase ("united", "united arab") in it too, so that one lookup tells whether a token sequence
// is a phrase, starts one, or neither. No node or key is allocated per phrase.
template <class T>
class PhraseTable {
 public:
  void add(const std::vector<std::string>& toks, T value);
  // The value slot for a phrase, made (default value) when new. Valid until the next add() or
  // slot().
  T& slot(const std::vector<std::string>& toks);
  // The value of `phrase`, tokens joined by single spaces; nullptr when it is no phrase.
  const T* find(std::string_view phrase) const;
  // The longest phrase starting at norms[i]; returns its length (0 when none) and the value.
  std::size_t longest(const std::vector<std::string>& norms, std::size_t i, const T** out) const;
  // Room for `phrases` phrases and as many prefixes, so that loading does not rehash.
  void reserve(std::size_t phrases);
  std::size_t size() const { return values_.size(); }

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t key = 0;     // offset of the key in keys_
    std::uint32_t length : 30 = 0;  // of the key
    std::uint32_t prefix : 1 = 0;   // a longer phrase starts with this key
    std::uint32_t first : 1 = 0;    // the key is a phrase's first token
    std::int32_t value = -1;        // index into values_; -1: only a prefix (or a free slot)
  };
  // FNV-1a over the key's bytes, fed token by token with the separating spaces.
  static constexpr std::uint64_t kSeed = 14695981039346656037ull;
  static std::uint64_t feed(std::uint64_t h, std::string_view bytes) {
    for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
    return h;
  }
  static std::uint32_t finish(std::uint64_t h) { return static_cast<std::uint32_t>(h ^ (h >> 32)); }
  std::string_view key_of(const Slot& s) const { return {keys_.data() + s.key, s.length}; }
  // The slot of the key `toks[from, to)` joined, or nullptr.
  const Slot* lookup(std::uint32_t hash, const std::vector<std::string>& toks, std::size_t from,
                     std::size_t to) const;
  // The slot of `key`, made when new: a new slot counts as free until the caller marks it a
  // prefix or gives it a value, which it must do before the next insert().
  Slot& insert(std::string_view key);
  // Marks `s` the key of a first token, in first_bits_ too.
  void mark_first(Slot& s);
  void grow(std::size_t min_slots);

  std::vector<Slot> slots_;
  // A bit per slot: whether a first token's key hashes to it. Most tokens start no phrase; this
  // small bitset (16 KB for the gazetteer) says so without touching the slots (2 MB).
  std::vector<std::uint64_t> first_bits_;
  std::size_t used_ = 0;
  std::string keys_;
  std::vector<T> values_;
  std::size_t max_len_ = 0;
};

// A person's term in a role, for role lookup by date ("the French president" on 2021-11-12).
struct Term {
  std::size_t person = 0;       // index into Knowledge::actors
  std::string role;             // role_key of the role: "president", "foreignminister"
  std::size_t affiliation = 0;  // the state or body served
  std::optional<Date> from, to; // open ends: unknown or still serving
};

// A CAMEO code a person holds over a term: PETRARCH's date-restricted codes ("[AFGGOV
// 011222-141001]"), from the converted dictionaries (data/actors/phoenix.people.tsv).
struct DatedCode {
  std::optional<Date> from, to;  // open ends: unknown or still serving; `to` is the day after
  std::string code;
};

// When a state or body existed: the Soviet Union until 1991-12-26, the European Communities
// until the European Union. Open ends: always.
struct Lifespan {
  std::optional<Date> from, to;  // `to` is the first day it no longer exists
  bool covers(const Date& day) const {
    return !(from && day.days < from->days) && !(to && day.days >= to->days);
  }
};

// What ISO 3166 lacks about a state or territory (data/actors/states.tsv).
struct StateFacts {
  std::string status;   // "un" (UN member), "observer", "territory"
  std::string capital;
};

// Closed word classes (data/lexicon/word_classes.tsv): kb.is(norm, kPreposition).
using text::WordClass;
using enum text::WordClass;

struct Knowledge {
  std::vector<Actor> actors;
  std::vector<Term> terms;
  std::map<std::string, StateFacts> states;                    // by ISO alpha-3
  std::unordered_map<std::string, std::size_t> state_by_country;  // ISO alpha-3 -> actor
  std::vector<std::string> demonym;  // per actor: the adjective for body names ("Russian")
  FlatStringMap<SmallList<std::size_t>> by_name;  // normalize_name -> actors
  PhraseTable<GazetteerList> gazetteer;
  PhraseTable<Title> titles;
  PhraseTable<Body> bodies;
  // Groups of people a country word names ("Israeli soldiers"): data/lexicon/groups.tsv, then
  // the agent nouns converted from PETRARCH (lexicon/agents.tsv) where ours lack the phrase.
  PhraseTable<Body> groups;
  // Groups by nature domestic (data/lexicon/domestic.tsv), by sector or group name: a bare one
  // belongs to the one country its sentence names, one placed by "in" to that country.
  std::unordered_set<std::string> bare_domestic, placed_domestic;
  // The role a dated code of a TABARI/PETRARCH dictionary gives by its sector ("GOV" ->
  // "government"): data/lexicon/sector_roles.tsv.
  std::unordered_map<std::string, std::string> sector_roles;
  // Roles that name the same office in different governments (data/lexicon/offices.tsv): role
  // key ("foreignsecretary") -> office.
  std::unordered_map<std::string, std::string> offices;
  // Combining forms of states' names in compounds ("franco" -> "france"): lexicon/combining.tsv.
  std::unordered_map<std::string, std::string> combining_forms;
  PhraseTable<Modifier> modifiers;
  PhraseTable<TimeWord> times;
  std::unordered_map<std::string, int> numbers;  // data/lexicon/numbers.tsv: "two" -> 2
  PhraseTable<std::string> references;  // "he" -> person, "the two sides" -> pair
  // Persons whose code changes with the date (converted dictionaries): actor -> codes by term.
  std::unordered_map<std::size_t, std::vector<DatedCode>> dated_codes;
  // Persons by the norm of their name's last word ("pelosi" -> Nancy Pelosi), for a surname
  // after a title: person_by_surname().
  FlatStringMap<SmallList<std::size_t>> by_surname;
  // States and bodies of a time (the `from`/`to` columns of states.tsv, organizations.tsv).
  std::unordered_map<std::size_t, Lifespan> lifespans;
  std::vector<Pattern> patterns;
  std::unordered_set<std::string> verb_forms;  // every form of data/lexicon/verbs.tsv
  // The built-in word classes (text::word_classes()), set by load().
  const text::WordClasses* word_classes = nullptr;
  // Whether `norm` has one of the WordClass bits `classes`. REQUIRES: a Knowledge from load().
  bool is(std::string_view norm, std::uint64_t classes) const {
    return word_classes->is(norm, classes);
  }
  // Whether `norm` may be the verb after a subject: a pattern verb's form, "be", a modal or an
  // auxiliary ("Putin met", "Trump had", "Bosworth will").
  bool verb_like(const std::string& norm) const {
    return verb_forms.count(norm) > 0 || is(norm, kBe | kModal | kAuxiliary);
  }

  // Builds from the embedded data, then each user dictionary (our JSON format or a TABARI /
  // PETRARCH CAMEO actor dictionary: src/extract/dictionaries.cpp). kInvalidInput names the file
  // and line of a bad dictionary.
  // `pattern_files`: a user's event patterns (the format of data/patterns/events.tsv), tried
  // before the built-in ones; kInvalidInput "FILE:LINE: ..." for a bad one.
  static Result<Knowledge> load(const std::vector<std::string>& dict_files,
                                const std::vector<std::string>& pattern_files = {});

  std::optional<std::size_t> find(std::string_view name) const;
  // The CAMEO code of actor `idx` on `day`: of the latest-starting dated code whose term holds
  // the day, else the actor's own code. REQUIRES: idx < actors.size().
  const std::string& code_on(std::size_t idx, const Date& day) const;
  // The known person of the state `country` whose surname is `norm` ("Speaker Pelosi" of the
  // United States): the one of the day's time (active_on) when several are, else the only one.
  // With no country ("Prime Minister Johnson"), the one person of that surname of the day's time.
  std::optional<std::size_t> person_by_surname(const std::string& norm, const std::string& country,
                                               const Date& day) const;
  // Whether actor `idx` is of the time of `day`: a state or body within its lifespan, a person
  // with no dated affiliation or one that holds on the day. A name several actors share
  // ("Moscow", "George Bush") names the one of the document's time.
  bool active_on(std::size_t idx, const Date& day) const;

  // The person holding `role` ("president", "Foreign Minister", "secretary-general") at the
  // state or body `affiliation` on `day`, when exactly one does. The other roles of its office
  // (`offices`: foreign secretary for foreign minister) count when the exact role has no
  // holder. nullopt when nobody or several do.
  std::optional<std::size_t> holder(std::string_view role, std::size_t affiliation,
                                    const Date& day) const;
  // Likewise for a state given by its ISO alpha-3 code ("FRA").
  std::optional<std::size_t> holder(std::string_view role, std::string_view country,
                                    const Date& day) const;
};

std::string join(const std::vector<std::string>& toks, std::size_t from, std::size_t to);

}  // namespace diplograph::extract
