// Queries over a GraphStore: actor resolution and name suggestions, timelines, counts per period,
// partners and pair series, paths (fewest hops and the temporal modes of Wu et al., PVLDB 2014),
// ego networks and rankings, and the statement grammar shared by the CLI and queries/*.dgq files.
// Filters (window, types, status, actor kinds) apply during the scan or search, never after.
// Thread-safety: the free functions only read the store and may run concurrently; a QueryEngine
// may be shared by threads (its cache is locked).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "diplograph/event.hpp"
#include "diplograph/graph_store.hpp"
#include "diplograph/status.hpp"

namespace diplograph {

// An inclusive window of days (days since 1970-01-01). Default: all time.
struct Window {
  std::int32_t from = std::numeric_limits<std::int32_t>::min();
  std::int32_t to = std::numeric_limits<std::int32_t>::max();
  bool contains(std::int32_t day) const { return from <= day && day <= to; }
  friend bool operator==(const Window&, const Window&) = default;

  // The window of dates, inclusive at both ends, as the CLI's --from and --to take them: from the
  // first day `from` covers to the last day `to` covers (a month-precision `to` of 2021-08 ends on
  // 31 August). An open end (nullopt) is unbounded. When `from` is after `to` the window is empty
  // (contains nothing); empty() says so.
  static Window of(std::optional<Date> from, std::optional<Date> to);
  bool empty() const { return from > to; }
};

// What events a query admits. An empty type list admits every type.
struct EventFilter {
  Window window;
  std::vector<EventType> types;
  // Default: occurred and planned; denied events count only when asked for.
  std::vector<EventStatus> statuses = {EventStatus::kOccurred, EventStatus::kPlanned};
  bool admits(const AdjEntry& e) const;
  bool admits(const Event& e) const;  // by the event's date, type and status
};

// Resolves a name through names and aliases, case- and accent-insensitively; a name no actor has
// but that extraction reads as a place standing for one ("Moscow", "the Kremlin") resolves to
// that actor. kNotFound: no actor has that name; the message suggests names a few edits away
// (suggest_actors, below) and a clause keyword a lower-case word misspells. kAmbiguous:
// several actors do; the message lists them (name, kind, country).
Result<Actor> resolve_actor(const GraphStore& store, std::string_view name);

// Actors whose name or an alias is close to `name` (for "did you mean ...?"): the edit distance
// (Levenshtein with transpositions, over normalize_name forms) to the whole name or alias, or
// (for a one-word `name`) to one of its words of four letters or more, is at most 1 for a name
// of up to 4 letters, 2 up to 8, else 3 ("Lavrof" suggests Sergei Lavrov, "Blinkin" Antony
// Blinken). Closest first, then by name; at most `limit`. Reads every actor record
// (O(actors)). Empty when nothing is close.
struct ActorSuggestion {
  ActorRef actor;
  std::string matched;  // the name or alias that was close, as stored
  int distance = 0;
};
Result<std::vector<ActorSuggestion>> suggest_actors(const GraphStore& store, std::string_view name,
                                                    std::size_t limit = 5);

// ---------------------------------------------------------------------------------------------
// Timelines

enum class Period { kWeek, kMonth, kYear };

struct TimelineQuery {
  std::string actor;
  std::optional<std::string> with;  // a second actor: only their events together
  // More actors: the timeline of the set (events of any of them, each once). Used with `actor`.
  std::vector<std::string> also;
  EventFilter filter;
  std::size_t limit = 0;  // 0: no limit
  bool descending = false;
  // Resume after the last row of an earlier page (TimelineResult::next_cursor). Default: none.
  std::optional<std::string> cursor;
  // Count rows per period instead of listing them. Default: none.
  std::optional<Period> by;
  // Load the full events (with mentions) of the rows returned. Off, only rows are read: one seek
  // and one bounded scan, no lookup per row. Default: true.
  bool load_events = true;
};

// One timeline row, read from an adj (or pair) entry; the two actors' names, kinds, countries and
// codes come from the loaded events (load_events) or from one record lookup per distinct actor
// (not with `by`: rows that are only counted stay unnamed).
struct TimelineRow {
  std::int32_t day = 0;
  DatePrecision precision = DatePrecision::kDay;
  EventType type = EventType::kStatement;
  EventStatus status = EventStatus::kOccurred;
  ActorId actor = 0;     // the timeline actor this row belongs to
  bool outgoing = true;  // actor is the source (undirected types: true)
  ActorId other = 0;     // 0 when none
  EventId event;
  ActorRef actor_ref;                 // the actor `actor`: name, kind, country, code
  std::optional<ActorRef> other_ref;  // the actor `other`; none when the event has no other actor
  Date date() const { return Date{day, precision}; }
};

struct PeriodCount {
  Date period;  // first day of the week (Monday), month or year, at that precision
  std::size_t count = 0;
};

struct TimelineResult {
  Actor actor;
  std::optional<Actor> with;
  std::vector<Actor> also;
  std::vector<TimelineRow> rows;  // in the order asked for
  std::vector<Event> events;      // rows' full events, same order (when load_events)
  // Set when `limit` cut the timeline: pass it as TimelineQuery::cursor for the next page.
  std::optional<std::string> next_cursor;
  std::vector<PeriodCount> counts;  // with `by`: every period from the first to the last row
};

// kNotFound for an unknown actor and for an empty timeline (the message says which), kAmbiguous
// for an ambiguous name, kInvalidInput for a bad cursor.
Result<TimelineResult> timeline(const GraphStore& store, const TimelineQuery& query);

// The first day of the week (Monday), month or year that `day` falls in, at that precision.
Date period_start(std::int32_t day, Period period);
std::string_view to_string(Period period);  // "week", "month", "year"
std::optional<Period> period_from_string(std::string_view text);

// ---------------------------------------------------------------------------------------------
// Counts: events per week, month or year, of an actor, of a pair, or of the whole store.

struct CountsQuery {
  std::optional<std::string> actor;  // none: every event of the store
  std::optional<std::string> with;   // with `actor`: only the two actors' events together
  EventFilter filter;
  Period period = Period::kMonth;
  bool by_type = false;  // one row per period and event type instead of one per period
};

struct CountRow {
  Date period;                    // the period's first day, at its precision
  std::optional<EventType> type;  // by_type only
  std::size_t count = 0;
};

// Every period from the first to the last admitted event's, empty ones included (by_type: each of
// them once for every type that occurs at all), ascending; empty when nothing is admitted. An
// event counts once (a meeting is not counted for both of its actors). Read from the adjacency
// alone. kNotFound / kAmbiguous for an unknown / ambiguous actor; kInvalidInput for `with`
// without `actor`.
Result<std::vector<CountRow>> count_events(const GraphStore& store, const CountsQuery& query);

// ---------------------------------------------------------------------------------------------
// Partners: whom an actor deals with, and how.

struct PartnersQuery {
  std::string actor;
  EventFilter filter;
};

struct Partner {
  ActorRef actor;
  std::size_t events = 0;
  std::size_t outgoing = 0;    // directed events the centre is the source of
  std::size_t incoming = 0;    // directed events the partner is the source of
  std::size_t undirected = 0;  // calls, meetings, negotiations, agreements, fights
  // Quad classes 1-2 and 3-4, by each event type's CAMEO root (read from the adjacency, so an
  // imported row's own quad class is not consulted).
  std::size_t cooperative = 0, conflictual = 0;
  Date first, last;  // the first and last event's days
  // The types present with their counts, most frequent first.
  std::vector<std::pair<EventType, std::size_t>> by_type;
};

struct PartnersResult {
  Actor actor;
  std::vector<Partner> partners;  // most events first, ties by name
};

// Every actor that shares an admitted event with `query.actor` (events without a second actor do
// not count), from one scan of its adjacency plus one record lookup per partner. An actor with
// no partner in the window gives an empty list. kNotFound / kAmbiguous for the actor.
Result<PartnersResult> partners(const GraphStore& store, const PartnersQuery& query);

// ---------------------------------------------------------------------------------------------
// Pair series: how two actors (or two states with their people and bodies) relate over time.

struct PairSeriesQuery {
  std::string a, b;
  Period period = Period::kMonth;
  EventFilter filter;
  // Count the events between any actor of a's country and any of b's (their people, bodies and
  // the states themselves: an actor belongs to a state by its `country`), not only between a
  // and b. kInvalidInput when either has no country or both have the same. Default: false.
  bool by_country = false;
};

struct PairPeriod {
  Date period;  // the period's first day, at its precision
  std::size_t events = 0;
  std::size_t cooperative = 0;  // quad class 1 or 2
  std::size_t conflictual = 0;  // quad class 3 or 4
  double goldstein = 0;         // the sum of the events' Goldstein scores
  double goldstein_mean() const { return events ? goldstein / static_cast<double>(events) : 0; }
};

struct PairSeries {
  Actor a, b;
  Period period = Period::kMonth;
  // Every period from the first to the last event's, empty ones included; empty when no event.
  std::vector<PairPeriod> periods;
};

// The events of the pair in the window (either direction), each once, bucketed by period; quad
// class and Goldstein are each event's own. Reads the pair's (by_country: the smaller side's
// actors') adjacency and the events found, never every event. kNotFound / kAmbiguous for the
// actors; kInvalidInput as said for by_country.
Result<PairSeries> pair_series(const GraphStore& store, const PairSeriesQuery& query);

// ---------------------------------------------------------------------------------------------
// Paths

enum class PathMode { kFewestHops, kEarliestArrival, kLatestDeparture, kFastest };
std::string_view to_string(PathMode mode);  // "fewest-hops", "earliest-arrival", ...
std::optional<PathMode> path_mode_from_string(std::string_view text);

struct PathQuery {
  std::string from;
  std::string to;
  EventFilter filter;
  int max_hops = 6;
  bool affiliations = true;  // cross person -> state/body affiliation edges
  PathMode mode = PathMode::kFewestHops;
  std::size_t k = 1;  // the k best distinct paths (distinct actor sequences)
  // Temporal modes: at most this many days between consecutive hops. Default: unbounded.
  std::optional<int> max_wait;
  // Intermediate actors must be of these kinds (the two ends always pass). Empty: any kind.
  std::vector<ActorKind> kinds;
};

struct PathHop {
  ActorRef a, b;
  // When set, the hop is an affiliation (a serves b, or b serves a) and `events` is empty.
  std::optional<Affiliation> affiliation;
  // Temporal modes: the day the hop is crossed. Fewest hops: none.
  std::optional<std::int32_t> day;
  // Supporting events in the window, ascending by date (temporal modes: those of `day`).
  std::vector<Event> events;
};

struct PathResult {
  PathMode mode = PathMode::kFewestHops;
  std::vector<ActorRef> actors;  // from .. to
  std::vector<PathHop> hops;     // actors.size() - 1 hops
  // Temporal modes: the first and last hop's days (none for a zero-hop path).
  std::optional<std::int32_t> departure, arrival;
};

// The best path by `query.mode`. kNotFound when either actor is unknown or no path exists within
// the filter and max_hops (the message says why for the temporal modes); kAmbiguous for ambiguous
// names; kInvalidInput for k > 1 outside fewest-hops and earliest-arrival.
Result<PathResult> find_path(const GraphStore& store, const PathQuery& query);
// Up to query.k best distinct paths, best first (fewer when fewer exist). Errors as find_path.
Result<std::vector<PathResult>> find_paths(const GraphStore& store, const PathQuery& query);

// ---------------------------------------------------------------------------------------------
// Ego networks

struct NeighborsQuery {
  std::string actor;
  int depth = 1;
  EventFilter filter;
  bool affiliations = true;
  std::vector<ActorKind> kinds;  // actors beyond the centre must be of these kinds; empty: any
  bool load_events = true;       // fill NeighborsResult::events
};

struct NeighborActor {
  Actor actor;
  int depth = 0;  // hops from the centre (0: the centre)
};

struct AffiliationLink {
  ActorId from = 0;  // the person or body serving
  ActorId to = 0;    // the state or body served
  Affiliation affiliation;
};

struct NeighborsResult {
  Actor center;
  std::vector<NeighborActor> actors;  // by depth, then name; the centre first
  // Admitted events whose two actors are both in `actors`, by date then id.
  std::vector<Event> events;
  std::vector<AffiliationLink> affiliations;  // between actors of the set, valid in the window
};

// kNotFound for an unknown centre, kAmbiguous for an ambiguous one; an actor without admitted
// events is a one-actor network, not an error.
Result<NeighborsResult> neighbors(const GraphStore& store, const NeighborsQuery& query);

// ---------------------------------------------------------------------------------------------
// Rankings

enum class RankBy { kDegree, kWeightedDegree, kBetweenness };
std::string_view to_string(RankBy by);  // "degree", "weighted-degree", "betweenness"
std::optional<RankBy> rank_by_from_string(std::string_view text);

struct RankQuery {
  RankBy by = RankBy::kDegree;
  EventFilter filter;
  bool affiliations = false;  // count affiliation edges as links. Default: false.
  std::vector<ActorKind> kinds;  // rank only actors of these kinds; empty: all
  std::size_t limit = 20;
  // Betweenness is exact up to this many vertices, else sampled from `pivots` sources.
  std::size_t exact_limit = 2000;
  std::size_t pivots = 64;
};

struct RankedActor {
  ActorRef actor;
  double score = 0;
};

struct RankResult {
  RankBy by = RankBy::kDegree;
  std::vector<RankedActor> actors;  // best first; ties by name
  std::size_t vertices = 0;         // actors in the window's graph
  std::size_t pivots = 0;           // betweenness: sources sampled; 0 when exact
};

// kNotFound when the window holds no edge.
Result<RankResult> rank(const GraphStore& store, const RankQuery& query);

// ---------------------------------------------------------------------------------------------
// Actor search

struct ActorsQuery {
  std::optional<std::string> text;  // none: every actor
};

// The file, in a store's directory, that holds its persisted projection (QueryEngine).
inline constexpr std::string_view kProjectionFile = "projection.dgp";

// ---------------------------------------------------------------------------------------------
// The engine: the functions above with a cache of window projections, so that a second path,
// neighbors or rank query on the same filter pays nothing for the projection. The store must
// outlive the engine.

class QueryEngine {
 public:
  explicit QueryEngine(const GraphStore& store);
  ~QueryEngine();
  QueryEngine(const QueryEngine&) = delete;
  QueryEngine& operator=(const QueryEngine&) = delete;

  const GraphStore& store() const;
  Result<TimelineResult> timeline(const TimelineQuery& query) const;
  Result<std::vector<PathResult>> find_paths(const PathQuery& query) const;
  Result<NeighborsResult> neighbors(const NeighborsQuery& query) const;
  Result<RankResult> rank(const RankQuery& query) const;
  // Builds (or finds) the projection of a filter now; what benchmarks time.
  Status prepare(const EventFilter& filter, bool affiliations) const;
  std::size_t cached_projections() const;

  // The persisted projection (kProjectionFile in the store's directory): the projection of all
  // time that every process opening the store maps instead of building, and narrows for a
  // window. The engine writes it when it has to build it (unless set_persist(false)) and uses
  // it only when its stamp is the store's present state. save_projection() makes it current now
  // (what `ingest` does at its end); check_projection() says what is wrong with it, if anything
  // (an empty list: current and equal to a fresh build, or absent; a stale file is no problem).
  void set_persist(bool persist);
  Status save_projection() const;
  Result<std::vector<std::string>> check_projection() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// ---------------------------------------------------------------------------------------------
// Statements: one grammar for CLI flags and .dgq lines.
//
//   timeline "A" ["B" ..] [with "B"] [from D] [to D] [type T,..] [status S,..] [limit N]
//            [order asc|desc] [cursor C] [by week|month|year]
//   path "A" to "B" [from D] [to D] [type ..] [status ..] [max-hops N] [k N]
//            [mode fewest-hops|earliest-arrival|latest-departure|fastest] [max-wait N [days]]
//            [kind K,..] [no-affiliations]
//   neighbors "A" [depth N] [from D] [to D] [type ..] [status ..] [kind K,..] [no-affiliations]
//   rank [by degree|weighted-degree|betweenness] [from D] [to D] [type ..] [status ..]
//        [kind K,..] [affiliations] [limit N] [pivots N]
//   actors ["TEXT"]
//
// A Statement is the verb, its positional arguments and its clauses (name, value; flags have an
// empty value): what a .dgq line or a CLI command line says, before meaning is given to it.
struct Statement {
  std::string verb;
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> clauses;
};

using Query = std::variant<TimelineQuery, PathQuery, NeighborsQuery, RankQuery, ActorsQuery>;

// Splits one .dgq line into a Statement: words and "quoted strings" ('\"' escapes a quote); a
// `#` outside quotes starts a comment. An empty or comment-only line gives an empty verb.
// kInvalidInput for an unterminated quote or an unknown clause.
Result<Statement> parse_statement(std::string_view line);
// Gives a Statement its meaning. kInvalidInput names the clause that is wrong.
Result<Query> build_query(const Statement& statement);

// One statement of a .dgq text, with its meaning and its line number (from 1).
struct NumberedStatement {
  std::size_t line = 0;
  Statement statement;
  Query query;
};

// Every statement of a .dgq text (one a line, `#` comments, blank lines skipped), each parsed
// and given its meaning before anything runs, so that a typo on line 9 costs nothing on lines
// 1-8. kInvalidInput for the first bad line, "SOURCE:LINE: what" ("line LINE: what" when
// `source` is empty), and "SOURCE: no statements" for a text without any.
Result<std::vector<NumberedStatement>> parse_statements(std::string_view text,
                                                        std::string_view source = "");

// What a statement answers, by verb: timeline, path (the k paths), neighbors, rank, actors.
using QueryAnswer = std::variant<TimelineResult, std::vector<PathResult>, NeighborsResult,
                                 RankResult, std::vector<Actor>>;

// Runs one query on the engine, as the CLI's verbs and `query FILE.dgq` do. `actors` with a text
// gives the actors find_actors matches (kNotFound when none), without one every actor in id
// order. Errors are those of the verb's function.
Result<QueryAnswer> run_query(const QueryEngine& engine, const Query& query);

}  // namespace diplograph
