// The data model: actors, events with their mentions, documents, and the CAMEO table.
// Plain value types; thread-safe to read. Ids are deterministic hashes (XXH3 from xxhash), so
// shards built apart agree on them without a central counter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/date.hpp"
#include "diplograph/status.hpp"

namespace diplograph {

// ---------------------------------------------------------------------------------------------
// Actors

using ActorId = std::uint64_t;  // XXH3-64 of the normalized canonical name; 0 means "none"

// Stored on disk: do not renumber.
enum class ActorKind : std::uint8_t {
  kPerson = 0,
  kState = 1,
  kGovernment = 2,  // a ministry, agency, parliament: a government body
  kOrganization = 3,  // international bodies, NGOs, companies
  kArmedGroup = 4,
  kMedia = 5,
  kOther = 6,
};

std::string_view to_string(ActorKind kind);  // "person", "state", "government", ...
std::optional<ActorKind> actor_kind_from_string(std::string_view text);

// A person (or body) serving a state or body, over a term. Affiliations are graph edges.
struct Affiliation {
  ActorId target = 0;
  std::string target_name;
  std::string role;                 // "foreign minister", "ambassador", "member"
  std::optional<Date> from, to;     // open ends mean "unknown / still serving"

  // True when the role is valid on `day` (open ends always are).
  bool valid_on(std::int32_t day) const;
  // True when the term intersects [from_day, to_day].
  bool overlaps(std::int32_t from_day, std::int32_t to_day) const;
};

struct Actor {
  ActorId id = 0;
  std::string name;     // canonical name: "Sergei Lavrov"
  ActorKind kind = ActorKind::kOther;
  std::string country;  // ISO 3166-1 alpha-3; empty for international bodies
  std::string code;     // CAMEO actor code: "RUSGOV", "USA", "IGOUNO", "AFGREB"
  std::vector<std::string> aliases;
  std::vector<Affiliation> affiliations;
};

// What an event needs to show of an actor.
struct ActorRef {
  ActorId id = 0;
  std::string name;
  ActorKind kind = ActorKind::kOther;
  std::string country;
  std::string code;

  static ActorRef of(const Actor& a) { return {a.id, a.name, a.kind, a.country, a.code}; }
  // An actor record holding just what the reference knows (no aliases or affiliations).
  Actor to_actor() const { return Actor{id, name, kind, country, code, {}, {}}; }
};

// `name` without control characters (C0, DEL, C1: a NUL, a tab, a line break, a terminal escape),
// each run of them and of spaces one space, trimmed; the bytes of a name that holds none are
// returned as they are. Importers clean every name they read with it, so a name never breaks a
// terminal, XML (SVG, GraphML, GEXF) or a CSV line.
std::string clean_name(std::string_view name);
// Whether clean_name would change `name`.
bool needs_cleaning(std::string_view name);

// Lower-cases, strips accents (é -> e, ğ -> g), folds punctuation to single spaces and drops a
// leading "the ": the key under which names are compared and aliases stored.
std::string normalize_name(std::string_view name);
// The id of the actor whose canonical name is `name`: XXH3-64 of normalize_name(name).
ActorId actor_id_for(std::string_view name);
// The same id from a name already normalized (normalize_name's result).
ActorId actor_id_for_key(std::string_view key);

// ---------------------------------------------------------------------------------------------
// Events

// The event types of DESIGN.md. Stored on disk: do not renumber; add new values at the end.
enum class EventType : std::uint16_t {
  kStatement = 0,
  kAppeal = 1,
  kIntent = 2,
  kConsult = 3,
  kCall = 4,
  kVisit = 5,
  kHost = 6,
  kMeeting = 7,
  kMediate = 8,
  kNegotiate = 9,
  kPraise = 10,
  kRecognize = 11,
  kAgreement = 12,
  kCooperate = 13,
  kAid = 14,
  kYield = 15,
  kInvestigate = 16,
  kDemand = 17,
  kCriticize = 18,
  kAccuse = 19,
  kReject = 20,
  kThreaten = 21,
  kProtest = 22,
  kMobilize = 23,
  kReduceRelations = 24,
  kCoerce = 25,
  kAssault = 26,
  kFight = 27,
  kMassViolence = 28,
};
constexpr int kEventTypeCount = 29;

std::string_view to_string(EventType type);  // "statement", "call", "reduce_relations", ...
std::optional<EventType> event_type_from_string(std::string_view text);
// What a reader of type names says for one it does not know: "unknown event type 'calls' (did
// you mean call? types: statement, call, ...)".
std::string unknown_event_type(std::string_view text);
// call, meeting, negotiate, agreement, fight: the two actors play the same part.
bool is_undirected(EventType type);
// The type a CAMEO event code ("041", "0431", "17") belongs to. kInvalidInput for non-codes.
Result<EventType> event_type_for_cameo(std::string_view code);
// The CAMEO code a type stands for when nothing finer is known: call -> "041", statement -> "010".
std::string_view default_cameo(EventType type);

// Stored on disk: do not renumber.
enum class EventStatus : std::uint8_t { kOccurred = 0, kPlanned = 1, kDenied = 2 };
std::string_view to_string(EventStatus status);  // "occurred", "planned", "denied"
std::optional<EventStatus> event_status_from_string(std::string_view text);

// One CAMEO event code with its name, quad class (1 verbal cooperation, 2 material cooperation,
// 3 verbal conflict, 4 material conflict) and Goldstein score (-10 .. +10).
struct CameoCode {
  std::string code;  // "041"
  std::string name;  // "Discuss by telephone"
  int quad_class = 0;
  double goldstein = 0.0;
};
// The entry for `code`, or for its longest listed prefix ("0431" -> "043"); nullptr when not even
// the root is known. The table is data (data/cameo.tsv), built into the library.
const CameoCode* cameo_lookup(std::string_view code);

// 128-bit event id, printed as 32 lower-case hex digits.
struct EventId {
  std::uint64_t hi = 0, lo = 0;
  std::string hex() const;
  static std::optional<EventId> from_hex(std::string_view hex);
  // The id for an id of the user's own ("e17", "2021-0042"): 32 hex digits are taken as they
  // are, any other text is hashed (XXH3-128), so the same id always gives the same event.
  static EventId of_external(std::string_view id);
  friend bool operator==(const EventId& a, const EventId& b) { return a.hi == b.hi && a.lo == b.lo; }
  friend bool operator<(const EventId& a, const EventId& b) {
    return a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo;
  }
};

// XXH3-128 of (type, the two actor ids — sorted for undirected types —, date, precision, status):
// the same real-world event reported twice gets the same id.
EventId make_event_id(EventType type, ActorId source, ActorId target, Date date,
                      EventStatus status);

// Where a document reports an event.
struct Mention {
  std::string doc;           // the record's id, else the file path as given
  std::uint32_t sentence = 0;  // index of the sentence in the document
  std::uint32_t offset = 0;    // UTF-8 byte offset of the sentence in the document text
  std::uint32_t length = 0;    // its length in bytes
  std::string pattern;       // the dictionary entry that fired: "call.hold-phone-call-with"
  std::string text;          // the sentence
};

struct Event {
  EventId id;
  EventType type = EventType::kStatement;
  std::string cameo;  // "041"
  int quad_class = 0;
  double goldstein = 0.0;
  ActorRef source;
  std::optional<ActorRef> target;
  std::vector<ActorRef> topics;
  Date date;
  EventStatus status = EventStatus::kOccurred;
  std::vector<Mention> mentions;

  // The number of distinct documents among the mentions.
  int sources() const;
  // Sets id from type, actors, date and status (make_event_id), and quad class and Goldstein from
  // the CAMEO table.
  void finalize();
};

// ---------------------------------------------------------------------------------------------
// Documents

struct Document {
  std::string id;      // the record's id, else the file path as given
  std::string title;
  std::string source;  // outlet name
  std::string url;
  Date published;
  std::string text;    // the body; offsets of mentions point into this

  // XXH3-64 of the normalized text and the date, printed as hex: the store's document key.
  std::string content_key() const;
};

}  // namespace diplograph
