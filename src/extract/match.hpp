// Pattern matching over an annotated sentence, subject choice, status and date resolution.
// Thread-safety: pure functions of their arguments.
#pragma once

#include <vector>

#include "extract/annotate.hpp"
#include "extract/knowledge.hpp"

namespace diplograph::extract {

struct Match {
  std::size_t pattern = 0;  // index into Knowledge::patterns
  std::size_t source = kNoActor, target = kNoActor, topic = kNoActor;
  // Every actor of the source and target slots when they hold coordinations; source and target
  // above are their first members.
  std::vector<std::size_t> sources, targets;
  Date date;
  EventStatus status = EventStatus::kOccurred;
  std::size_t trigger = 0;  // token index of the first pattern element
  std::size_t begin = 0, end = 0;  // the tokens the pattern matched
};

// Every event match of the sentence: at most one pattern per trigger token, the first in file
// order. Speculative events ("may meet", "would decide") give no match.
// `anchor`: the last day the document named before this sentence (else the publication day),
// what "the following day" counts from.
std::vector<Match> match_sentence(const Knowledge& kb, const AnnotatedSentence& s,
                                  const Date& published, const Date& anchor);

// Merges coordinated actor units ("A and B", "A, B and C") into the first unit, the others in
// Unit::also. Runs after coreference resolution, so resolved pronouns and surnames coordinate too.
void merge_coordinations(AnnotatedSentence& s);

// Resolves a time unit against the publication date; a planned event looks forward, and so does
// a day with no year ahead of publication unless its verb is in the past (`past_form`).
Date resolve_time(const Unit& u, const Date& published, bool planned, bool past_form = false,
                  const Date* anchor = nullptr);

}  // namespace diplograph::extract
