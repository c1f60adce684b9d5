// How many threads a parallel step runs on: the one rule every pool of the library and the CLI
// sizes itself by (the importer's parsers, the bulk store's encoders, extraction workers).
#pragma once

#include <algorithm>
#include <thread>

namespace diplograph::util {

// `requested` when given (> 0), else the machine's hardware threads, at most `cap` (a step whose
// speed stops growing there); never 0.
inline unsigned thread_count(unsigned requested, unsigned cap = 64) {
  if (requested > 0) return requested;
  return std::max(1u, std::min(cap, std::thread::hardware_concurrency()));
}

}  // namespace diplograph::util
