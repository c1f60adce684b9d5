// Closed classes of English words, from data/lexicon/word_classes.tsv (whose header says what
// each class means): what the sentence splitter, the extractor and the importers know of single
// words. Built once per process on first use; immutable after; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/status.hpp"

namespace diplograph::text {

// A bit each, named as in the file.
enum WordClass : std::uint64_t {
  kDeterminer = 1ull << 0,
  kNounOpener = 1ull << 1,
  kPreposition = 1ull << 2,
  kQuantity = 1ull << 3,
  kNumberWord = 1ull << 4,
  kModal = 1ull << 5,
  kBe = 1ull << 6,
  kSubordinator = 1ull << 7,
  kConjunction = 1ull << 8,
  kClauseWord = 1ull << 9,
  kAbbreviation = 1ull << 10,
  kDemonymEnding = 1ull << 11,
  kLooseDemonym = 1ull << 12,
  kTimeLead = 1ull << 13,
  kDayPart = 1ull << 14,
  kCoordinator = 1ull << 15,
  kGroupNoun = 1ull << 16,
  kGenitive = 1ull << 17,
  kGroupFollower = 1ull << 18,
  kSharedRole = 1ull << 19,
  kFormer = 1ull << 20,
  kNonIncumbent = 1ull << 21,
  kEthnic = 1ull << 22,
  kPastForm = 1ull << 23,
  kCapital = 1ull << 24,
  kListJoiner = 1ull << 25,
  kPhraseOpener = 1ull << 26,
  kLightVerb = 1ull << 27,
  kNounMarker = 1ull << 28,
  kDocumentNoun = 1ull << 29,
  kIssueVerb = 1ull << 30,
  kArticle = 1ull << 31,
  kReportNoun = 1ull << 32,
  kReportPlace = 1ull << 33,
  kClauseJoiner = 1ull << 34,
  kAttribution = 1ull << 35,
  kNotParty = 1ull << 36,
  kTopic = 1ull << 37,
  kClosingWord = 1ull << 38,
  kTimeOpener = 1ull << 39,
  kSpeechVerb = 1ull << 40,
  kSentenceOpener = 1ull << 41,
  kReaderPronoun = 1ull << 42,
  kFurniture = 1ull << 43,
  kGenericPlace = 1ull << 44,
  kWater = 1ull << 45,
  kBody = 1ull << 46,
  kInstitution = 1ull << 47,
  kGovernmentPart = 1ull << 48,
  kMinorWord = 1ull << 49,
  kTopicVerb = 1ull << 50,
  kNameParticle = 1ull << 51,
  kNounModifier = 1ull << 52,
  kAuxiliary = 1ull << 53,
  kCompoundNoun = 1ull << 54,
  kRelative = 1ull << 55,
  kPluralFollower = 1ull << 56,
  kRegionQualifier = 1ull << 57,
};

class WordClasses {
 public:
  // The classes of `word` (a token norm), WordClass bits; 0 for none.
  std::uint64_t of(std::string_view word) const {
    for (std::size_t i = hash(word) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.word.empty()) return 0;
      if (s.word == word) return s.classes;
    }
  }
  // Whether `word` has one of `classes`.
  bool is(std::string_view word, std::uint64_t classes) const { return (of(word) & classes) != 0; }
  // The words of class `c`, in file order.
  const std::vector<std::string>& words(WordClass c) const;

  // The built-in table, read on the first call. kInternal when the library was built without
  // the file, kInvalidInput "lexicon/word_classes.tsv:LINE: ..." for a bad row.
  static const Result<WordClasses>& load();

 private:
  // Asked for nearly every token: a flat table (open addressing, linear probing, at most a
  // quarter full) with a cheap hash of the few bytes of a word (FNV-1a) rather than
  // std::unordered_map's node per word.
  struct Slot {
    std::string word;  // empty: a free slot
    std::uint64_t classes = 0;
  };
  static std::uint64_t hash(std::string_view word) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : word) h = (h ^ c) * 1099511628211ull;
    return h ^ (h >> 32);
  }
  std::vector<Slot> slots_ = std::vector<Slot>(1);
  std::size_t mask_ = 0;
  std::vector<std::vector<std::string>> words_ =  // by bit number
      std::vector<std::vector<std::string>>(64);
};

// WordClasses::load()'s table. A bad built-in file stops the program (detail::require);
// Knowledge::load reports it as a Status first.
const WordClasses& word_classes();

// Whether a word has no inflection ending ("rally", "demand"; not "rallied", "demands",
// "meeting"): read as a verb form, its base; read as a noun, its singular.
inline bool base_form(std::string_view w) {
  auto ends = [&](std::string_view e) { return w.size() > e.size() + 1 && w.ends_with(e); };
  return !ends("s") && !ends("ed") && !ends("ing");
}

// Whether a word has the regular past ending ("agreed", "visited"; not "red", "bed").
inline bool regular_past(std::string_view w) { return w.size() > 4 && w.ends_with("ed"); }

}  // namespace diplograph::text
