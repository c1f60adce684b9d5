// How records merge: mentions into an event, what a later record says of an actor into the
// stored actor. Shared by the per-document ingest and the bulk path, so both fold records the
// same way. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_set>

#include "diplograph/event.hpp"

namespace diplograph::store {

// Appends the mentions (and topics) of `from` missing from `into`; returns how many mentions.
// O(m log m) in the mentions of both: for many records of one event use a MentionIndex.
std::size_t merge_mentions(Event& into, const Event& from);

// The mentions of one event being merged from many records (a bulk import of 40,000 rows of one
// event): `into`'s mention keys indexed once, then each record's looked up, so n records cost
// O(n), not O(n^2). REQUIRES: `into` changes only through merge() while the index lives.
class MentionIndex {
 public:
  explicit MentionIndex(const Event& into);
  // merge_mentions(into, from).
  std::size_t merge(Event& into, const Event& from);

 private:
  std::unordered_set<std::string> keys_;
};

// Merges what `from` knows into `into` (same id): aliases and affiliations are unioned, empty
// fields filled; what is stored already wins, so a later vaguer record changes nothing.
void merge_actor(Actor& into, const Actor& from);

}  // namespace diplograph::store
