#include "text/word_classes.hpp"

#include <algorithm>
#include <bit>
#include <iterator>
#include <unordered_map>
#include <utility>

#include "model/data_rows.hpp"

namespace diplograph::text {

namespace {

constexpr std::pair<std::string_view, WordClass> kNames[] = {
    {"determiner", kDeterminer},
    {"noun_opener", kNounOpener},
    {"preposition", kPreposition},
    {"quantity", kQuantity},
    {"number_word", kNumberWord},
    {"modal", kModal},
    {"be", kBe},
    {"subordinator", kSubordinator},
    {"conjunction", kConjunction},
    {"clause_word", kClauseWord},
    {"abbreviation", kAbbreviation},
    {"demonym_ending", kDemonymEnding},
    {"loose_demonym", kLooseDemonym},
    {"time_lead", kTimeLead},
    {"day_part", kDayPart},
    {"coordinator", kCoordinator},
    {"group_noun", kGroupNoun},
    {"genitive", kGenitive},
    {"group_follower", kGroupFollower},
    {"shared_role", kSharedRole},
    {"former", kFormer},
    {"non_incumbent", kNonIncumbent},
    {"ethnic", kEthnic},
    {"past_form", kPastForm},
    {"capital", kCapital},
    {"list_joiner", kListJoiner},
    {"phrase_opener", kPhraseOpener},
    {"light_verb", kLightVerb},
    {"noun_marker", kNounMarker},
    {"document_noun", kDocumentNoun},
    {"issue_verb", kIssueVerb},
    {"article", kArticle},
    {"report_noun", kReportNoun},
    {"report_place", kReportPlace},
    {"clause_joiner", kClauseJoiner},
    {"attribution", kAttribution},
    {"not_party", kNotParty},
    {"topic", kTopic},
    {"closing_word", kClosingWord},
    {"time_opener", kTimeOpener},
    {"speech_verb", kSpeechVerb},
    {"sentence_opener", kSentenceOpener},
    {"reader_pronoun", kReaderPronoun},
    {"furniture", kFurniture},
    {"generic_place", kGenericPlace},
    {"water", kWater},
    {"body", kBody},
    {"institution", kInstitution},
    {"government_part", kGovernmentPart},
    {"minor_word", kMinorWord},
    {"topic_verb", kTopicVerb},
    {"name_particle", kNameParticle},
    {"noun_modifier", kNounModifier},
    {"auxiliary", kAuxiliary},
    {"compound_noun", kCompoundNoun},
    {"relative", kRelative},
    {"plural_follower", kPluralFollower},
    {"region_qualifier", kRegionQualifier},
};

std::size_t bit(WordClass c) {
  return static_cast<std::size_t>(std::countr_zero(static_cast<std::uint64_t>(c)));
}

}  // namespace

const std::vector<std::string>& WordClasses::words(WordClass c) const { return words_[bit(c)]; }

const Result<WordClasses>& WordClasses::load() {
  static const Result<WordClasses> table = []() -> Result<WordClasses> {
    const char* file = "lexicon/word_classes.tsv";
    std::unordered_map<std::string, std::uint64_t> classes;
    std::vector<std::vector<std::string>> words(64);
    auto st = detail::for_each_row(file, 2, [&](std::size_t line, std::vector<std::string>& c) {
      if (c[0].empty()) return Status::invalid_input(detail::where(file, line) + "empty word");
      std::uint64_t& bits = classes[c[0]];
      for (const auto& name : detail::split(c[1], ',')) {
        auto known = std::find_if(std::begin(kNames), std::end(kNames),
                                  [&](const auto& n) { return n.first == name; });
        if (known == std::end(kNames))
          return Status::invalid_input(detail::where(file, line) + "unknown class " + name);
        if (!(bits & known->second)) words[bit(known->second)].push_back(c[0]);
        bits |= known->second;
      }
      return Status();
    });
    if (!st) return st;
    WordClasses out;
    out.words_ = std::move(words);
    std::size_t size = 16;
    while (size < 4 * classes.size()) size <<= 1;
    out.slots_.assign(size, Slot{});
    out.mask_ = size - 1;
    for (auto& [word, bits] : classes) {
      std::size_t i = hash(word) & out.mask_;
      while (!out.slots_[i].word.empty()) i = (i + 1) & out.mask_;
      out.slots_[i] = Slot{word, bits};
    }
    return out;
  }();
  return table;
}

const WordClasses& word_classes() {
  const auto& table = WordClasses::load();
  if (!table) detail::require(table.error());
  return *table;
}

}  // namespace diplograph::text
