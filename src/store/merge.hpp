// How records merge: mentions into an event, what a later record says of an actor into the
// stored actor. Shared by the per-document ingest and the bulk path, so both fold records the
// same way. Pure functions; thread-safe.
#pragma once

#include <cstddef>

#include "diplograph/event.hpp"

namespace diplograph::store {

// Adds the mentions (and topics) of `from` missing from `into`, and leaves both lists in their
// canonical order: mentions by (doc, sentence, offset, length, pattern), topics by id. So an
// event's record is the same whatever order its documents are ingested or merged in. The CAMEO
// code, quad class, Goldstein score and actor references are those of the report holding the
// first mention (for an undirected event the source may change: its pair value with it). Returns
// how many mentions were added.
std::size_t merge_mentions(Event& into, const Event& from);
// The canonical order of mentions (merge_mentions).
bool mention_less(const Mention& a, const Mention& b);
// True when the event's mentions and topics are in canonical order already.
bool in_canonical_order(const Event& e);

// Merges what `from` knows into `into` (same id): aliases and affiliations are unioned, empty
// fields filled; what is stored already wins, so a later vaguer record changes nothing.
void merge_actor(Actor& into, const Actor& from);

}  // namespace diplograph::store
