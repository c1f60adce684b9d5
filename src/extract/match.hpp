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
  Date date;
  EventStatus status = EventStatus::kOccurred;
  std::size_t trigger = 0;  // token index of the first pattern element
};

// Every event match of the sentence: at most one pattern per trigger token, the first in file
// order. Speculative events ("may meet", "would decide") give no match.
std::vector<Match> match_sentence(const Knowledge& kb, const AnnotatedSentence& s,
                                  const Date& published);

// Resolves a time unit against the publication date; a planned event looks forward.
Date resolve_time(const Unit& u, const Date& published, bool planned);

}  // namespace diplograph::extract
