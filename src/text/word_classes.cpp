#include "text/word_classes.hpp"

#include <bit>
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
};

}  // namespace

const std::vector<std::string>& WordClasses::words(WordClass c) const {
  return words_[static_cast<std::size_t>(std::countr_zero(static_cast<std::uint64_t>(c)))];
}

const Result<WordClasses>& WordClasses::load() {
  static const Result<WordClasses> table = []() -> Result<WordClasses> {
    WordClasses out;
    out.words_.resize(64);
    const char* file = "lexicon/word_classes.tsv";
    auto st = detail::for_each_row(file, 2, [&](std::size_t line, std::vector<std::string>& c) {
      std::uint64_t& bits = out.classes_[c[0]];
      for (const auto& name : detail::split(c[1], ',')) {
        const std::pair<std::string_view, WordClass>* known = nullptr;
        for (const auto& n : kNames)
          if (name == n.first) known = &n;
        if (!known) return Status::invalid_input(detail::where(file, line) + "unknown class " + name);
        if (!(bits & known->second)) out.words_[std::countr_zero(std::uint64_t{known->second})].push_back(c[0]);
        bits |= known->second;
      }
      return Status();
    });
    if (!st) return st;
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
