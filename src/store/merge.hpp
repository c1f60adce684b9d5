// How records merge: mentions into an event, what a later record says of an actor into the
// stored actor. Shared by the per-document ingest and the bulk path, so both fold records the
// same way. Pure functions; thread-safe.
#pragma once

#include <cstddef>

#include "diplograph/event.hpp"

namespace diplograph::store {

// Appends the mentions (and topics) of `from` missing from `into`; returns how many mentions.
std::size_t merge_mentions(Event& into, const Event& from);

// Merges what `from` knows into `into` (same id): aliases and affiliations are unioned, empty
// fields filled; what is stored already wins, so a later vaguer record changes nothing.
void merge_actor(Actor& into, const Actor& from);

}  // namespace diplograph::store
