// The JSON answers, each built in one place: what the CLI prints with --json and what the Python
// module returns (the same objects as dicts and lists), so the two cannot drift apart. Text comes
// out as UTF-8 (bytes that are not become U+FFFD when dumped, see dump()).
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "diplograph/event.hpp"
#include "diplograph/graph_store.hpp"
#include "diplograph/query.hpp"

namespace diplograph {

// An object's text on one line; bytes that are not UTF-8 become U+FFFD.
std::string dump(const nlohmann::json& j);

// An actor as events name it (the event JSON's "source"): id, name, kind, and country and code
// when it has them.
nlohmann::json actor_ref_json(const ActorRef& a);
// An event: DESIGN.md's event JSON (event_to_json is its text).
nlohmann::json event_json(const Event& e);
// An actor as `actors --json` lists it: id, name, kind, country and code (null when none),
// aliases, and affiliations [{target, target_id, role, valid_from, valid_to}] (dates or null).
nlohmann::json actor_json(const Actor& a);
// A path (`path --json`): {mode, departure?, arrival?, actors: [actor ref], hops: [{from, to,
// day?, kind: "events"|"affiliation", events: [event], role?, valid_from?, valid_to?}]}. Days
// are YYYY-MM-DD; an affiliation hop has no events.
nlohmann::json path_json(const PathResult& p);
// An ego network (`neighbors --json`): {center, actors: [actor ref with depth], events: [event],
// affiliations: [{from, to, role, valid_from, valid_to}]} (ids as hex).
nlohmann::json neighbors_json(const NeighborsResult& r);
// A ranking (`rank --json`, one row a line): [{rank, id, name, kind, by, score, pivots?}].
nlohmann::json rank_json(const RankResult& r);
// Per-period counts (`timeline --by --json`, one row a line): [{period, type?, count}].
nlohmann::json counts_json(const std::vector<CountRow>& rows);
nlohmann::json counts_json(const std::vector<PeriodCount>& rows);
// The store's counts (`stats --json`): {documents, mentions, actors, events, edges,
// affiliations} and, when `versions` is given, knowledge: {version: documents} ("none" for
// documents without one).
nlohmann::json stats_json(const StoreStats& s,
                          const std::map<std::string, std::uint64_t>* versions = nullptr);

}  // namespace diplograph
