// Closed classes of English words, from data/lexicon/word_classes.tsv (whose header says what
// each class means): what the sentence splitter, the extractor and the importers know of single
// words. Built once per process on first use; immutable after; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
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
};

class WordClasses {
 public:
  // Whether `word` (a token norm) has one of `classes`.
  bool is(std::string_view word, std::uint64_t classes) const {
    auto it = classes_.find(word);
    return it != classes_.end() && (it->second & classes) != 0;
  }
  // The words of class `c`, in file order.
  const std::vector<std::string>& words(WordClass c) const;

  // The built-in table, read on the first call. kInternal when the library was built without
  // the file, kInvalidInput "lexicon/word_classes.tsv:LINE: ..." for a bad row.
  static const Result<WordClasses>& load();

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, std::uint64_t, Hash, std::equal_to<>> classes_;
  std::vector<std::vector<std::string>> words_;  // by bit number
};

// WordClasses::load()'s table. A bad built-in file stops the program (detail::require);
// Knowledge::load reports it as a Status first.
const WordClasses& word_classes();

}  // namespace diplograph::text
