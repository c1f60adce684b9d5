// How records merge: mentions into an event, what a later record says of an actor into the
// stored actor. Shared by the per-document ingest and the bulk path, so both fold records the
// same way. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_set>

#include "diplograph/event.hpp"

namespace diplograph::store {

// Adds the mentions (and topics) of `from` missing from `into`, and leaves both lists in their
// canonical order: mentions by (doc, sentence, offset, length, pattern), topics by id. So an
// event's record is the same whatever order its documents are ingested or merged in. The CAMEO
// code, quad class, Goldstein score and actor references are those of the report holding the
// first mention (for an undirected event the source may change: its pair value with it). Returns
// how many mentions were added. O(m log m) in the mentions of both: for many records of one
// event use a MentionIndex.
std::size_t merge_mentions(Event& into, const Event& from);
// The canonical order of mentions (merge_mentions).
bool mention_less(const Mention& a, const Mention& b);
// True when the event's mentions and topics are in canonical order already.
bool in_canonical_order(const Event& e);

// The mentions of one event being merged from many records (a bulk import of 40,000 rows of one
// event): `into`'s mention keys indexed once, then each record's looked up, so n records cost
// O(n), not O(n^2). REQUIRES: `into` changes only through merge() while the index lives.
class MentionIndex {
 public:
  explicit MentionIndex(const Event& into);
  // merge_mentions(into, from) but for the order: call finish(into) after the last merge.
  std::size_t merge(Event& into, const Event& from);
  // Puts into's mentions and topics in their canonical order.
  static void finish(Event& into);

 private:
  std::unordered_set<std::string> keys_;
  std::optional<Mention> lead_;  // the first mention of `into` in canonical order
};

// Merges what `from` knows into `into` (same id): aliases and affiliations are unioned, empty
// fields filled; what is stored already wins, so a later vaguer record changes nothing.
void merge_actor(Actor& into, const Actor& from);

}  // namespace diplograph::store
