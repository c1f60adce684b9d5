// Enum names, ids and the CAMEO table of the model (include/diplograph/event.hpp).
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <set>
#include <unordered_map>

#include "diplograph/event.hpp"
#include "model/data_rows.hpp"
#include "util/edit_distance.hpp"

namespace diplograph {
namespace {

constexpr std::array<std::string_view, 7> kKindNames = {
    "person", "state", "government", "organization", "armed_group", "media", "other"};

// Indexed by EventType; the CAMEO code each type stands for by default.
struct TypeInfo {
  std::string_view name;
  std::string_view cameo;
};
constexpr std::array<TypeInfo, kEventTypeCount> kTypes = {{
    {"statement", "010"},   {"appeal", "020"},      {"intent", "030"},
    {"consult", "040"},     {"call", "041"},        {"visit", "042"},
    {"host", "043"},        {"meeting", "044"},     {"mediate", "045"},
    {"negotiate", "046"},   {"praise", "051"},      {"recognize", "054"},
    {"agreement", "057"},   {"cooperate", "050"},   {"aid", "070"},
    {"yield", "080"},       {"investigate", "090"}, {"demand", "100"},
    {"criticize", "111"},   {"accuse", "112"},      {"reject", "120"},
    {"threaten", "130"},    {"protest", "140"},     {"mobilize", "150"},
    {"reduce_relations", "160"}, {"coerce", "170"}, {"assault", "180"},
    {"fight", "190"},       {"mass_violence", "200"},
}};

constexpr std::array<std::string_view, 3> kStatusNames = {"occurred", "planned", "denied"};

struct CameoTable {
  std::unordered_map<std::string, CameoCode> by_code;
};

const CameoTable& cameo_table() {
  static const CameoTable table = [] {
    CameoTable t;
    detail::require(
        detail::for_each_row("cameo.tsv", 4, [&](std::size_t, std::vector<std::string>& f) {
          CameoCode code{f[0], f[3], std::atoi(f[1].c_str()), std::strtod(f[2].c_str(), nullptr)};
          t.by_code.emplace(f[0], std::move(code));
          return Status();
        }));
    return t;
  }();
  return table;
}

void append_u64(std::string& buf, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) buf += static_cast<char>((v >> (8 * i)) & 0xff);
}

}  // namespace

std::string_view to_string(ActorKind kind) {
  auto i = static_cast<std::size_t>(kind);
  return i < kKindNames.size() ? kKindNames[i] : "other";
}

std::optional<ActorKind> actor_kind_from_string(std::string_view text) {
  for (std::size_t i = 0; i < kKindNames.size(); ++i)
    if (kKindNames[i] == text) return static_cast<ActorKind>(i);
  if (text == "organisation" || text == "igo" || text == "ngo") return ActorKind::kOrganization;
  if (text == "armed group" || text == "group") return ActorKind::kArmedGroup;
  if (text == "government_body" || text == "body") return ActorKind::kGovernment;
  return std::nullopt;
}

std::string_view to_string(EventType type) {
  auto i = static_cast<std::size_t>(type);
  return i < kTypes.size() ? kTypes[i].name : "statement";
}

std::optional<EventType> event_type_from_string(std::string_view text) {
  for (std::size_t i = 0; i < kTypes.size(); ++i)
    if (kTypes[i].name == text) return static_cast<EventType>(i);
  return std::nullopt;
}

std::string unknown_event_type(std::string_view text) {
  std::string msg = "unknown event type '" + std::string(text) + "' (";
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::size_t bound = lower.size() < 5 ? 1 : 2;
  std::string_view nearest;
  std::size_t best = bound + 1;
  for (const auto& t : kTypes) {
    const std::size_t d = util::edit_distance(lower, t.name, bound);
    if (d < best) best = d, nearest = t.name;
  }
  if (!nearest.empty()) msg += "did you mean " + std::string(nearest) + "? ";
  msg += "types:";
  for (std::size_t i = 0; i < kTypes.size(); ++i)
    msg += std::string(i ? ", " : " ") + std::string(kTypes[i].name);
  return msg + ")";
}

std::string_view default_cameo(EventType type) {
  auto i = static_cast<std::size_t>(type);
  return i < kTypes.size() ? kTypes[i].cameo : "010";
}

bool is_undirected(EventType type) {
  switch (type) {
    case EventType::kCall:
    case EventType::kMeeting:
    case EventType::kNegotiate:
    case EventType::kAgreement:
    case EventType::kFight: return true;
    default: return false;
  }
}

Result<EventType> event_type_for_cameo(std::string_view code) {
  auto bad = [&] { return Status::invalid_input("bad CAMEO event code '" + std::string(code) + "'"); };
  if (code.size() < 2 || code.size() > 4) return bad();
  for (char c : code)
    if (c < '0' || c > '9') return bad();
  int root = (code[0] - '0') * 10 + (code[1] - '0');
  int third = code.size() >= 3 ? code[2] - '0' : 0;
  switch (root) {
    case 1: return EventType::kStatement;
    case 2: return EventType::kAppeal;
    case 3: return EventType::kIntent;
    case 4: {
      static const EventType k04[] = {EventType::kConsult, EventType::kCall, EventType::kVisit,
                                      EventType::kHost,    EventType::kMeeting,
                                      EventType::kMediate, EventType::kNegotiate};
      return third <= 6 ? k04[third] : EventType::kConsult;
    }
    case 5:
      if (third == 1) return EventType::kPraise;
      if (third == 4) return EventType::kRecognize;
      if (third == 7) return EventType::kAgreement;
      return EventType::kCooperate;
    case 6: return EventType::kCooperate;
    case 7: return EventType::kAid;
    case 8: return EventType::kYield;
    case 9: return EventType::kInvestigate;
    case 10: return EventType::kDemand;
    case 11: return third == 2 ? EventType::kAccuse : EventType::kCriticize;
    case 12: return EventType::kReject;
    case 13: return EventType::kThreaten;
    case 14: return EventType::kProtest;
    case 15: return EventType::kMobilize;
    case 16: return EventType::kReduceRelations;
    case 17: return EventType::kCoerce;
    case 18: return EventType::kAssault;
    case 19: return EventType::kFight;
    case 20: return EventType::kMassViolence;
    default: return bad();
  }
}

std::string_view to_string(EventStatus status) {
  auto i = static_cast<std::size_t>(status);
  return i < kStatusNames.size() ? kStatusNames[i] : "occurred";
}

std::optional<EventStatus> event_status_from_string(std::string_view text) {
  for (std::size_t i = 0; i < kStatusNames.size(); ++i)
    if (kStatusNames[i] == text) return static_cast<EventStatus>(i);
  return std::nullopt;
}

const CameoCode* cameo_lookup(std::string_view code) {
  const auto& t = cameo_table();
  for (std::size_t n = code.size(); n >= 2; --n) {
    auto it = t.by_code.find(std::string(code.substr(0, n)));
    if (it != t.by_code.end()) return &it->second;
  }
  return nullptr;
}

std::string EventId::hex() const {
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(hi),
                static_cast<unsigned long long>(lo));
  return buf;
}

namespace {

// Each byte's hex digit value, or -1.
constexpr std::array<std::int8_t, 256> kHexDigit = [] {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int c = 0; c < 10; ++c) t['0' + c] = static_cast<std::int8_t>(c);
  for (int c = 0; c < 6; ++c) {
    t['a' + c] = static_cast<std::int8_t>(10 + c);
    t['A' + c] = static_cast<std::int8_t>(10 + c);
  }
  return t;
}();

}  // namespace

std::optional<EventId> EventId::from_hex(std::string_view hex) {
  if (hex.size() != 32) return std::nullopt;
  // Without a branch per digit: a bad digit's -1 sets the sign bit of `bad`.
  std::uint64_t half[2] = {0, 0};
  int bad = 0;
  for (std::size_t i = 0; i < 32; ++i) {
    const int v = kHexDigit[static_cast<unsigned char>(hex[i])];
    bad |= v;
    half[i >> 4] = (half[i >> 4] << 4) | static_cast<std::uint64_t>(v & 15);
  }
  if (bad < 0) return std::nullopt;
  EventId id;
  id.hi = half[0];
  id.lo = half[1];
  return id;
}

ActorId actor_id_for(std::string_view name) { return actor_id_for_key(normalize_name(name)); }

ActorId actor_id_for_key(std::string_view key) { return XXH3_64bits(key.data(), key.size()); }

EventId make_event_id(EventType type, ActorId source, ActorId target, Date date,
                      EventStatus status) {
  if (is_undirected(type) && target != 0 && target < source) std::swap(source, target);
  std::string buf;
  buf += "diplograph.event.v1";
  buf += static_cast<char>(static_cast<std::uint16_t>(type) >> 8);
  buf += static_cast<char>(static_cast<std::uint16_t>(type) & 0xff);
  append_u64(buf, source);
  append_u64(buf, target);
  append_u64(buf, static_cast<std::uint64_t>(static_cast<std::int64_t>(date.days)));
  buf += static_cast<char>(date.precision);
  buf += static_cast<char>(status);
  XXH128_hash_t h = XXH3_128bits(buf.data(), buf.size());
  return EventId{h.high64, h.low64};
}

EventId EventId::of_external(std::string_view id) {
  if (id.size() == 32)
    if (auto hex = from_hex(id)) return *hex;
  std::string buf = "diplograph.external-id.v1:";
  buf += id;
  XXH128_hash_t h = XXH3_128bits(buf.data(), buf.size());
  return EventId{h.high64, h.low64};
}

int Event::sources() const {
  std::set<std::string_view> docs;
  for (const auto& m : mentions) docs.insert(m.doc);
  return static_cast<int>(docs.size());
}

void Event::finalize() {
  if (cameo.empty()) cameo = std::string(default_cameo(type));
  if (const CameoCode* c = cameo_lookup(cameo)) {
    quad_class = c->quad_class;
    goldstein = c->goldstein;
  }
  id = make_event_id(type, source.id, target ? target->id : 0, date, status);
}

std::string Document::content_key() const {
  std::string key = normalize_name(text);
  key += '|';
  key += published.to_string();
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(key.data(), key.size())));
  return buf;
}

bool Affiliation::valid_on(std::int32_t day) const {
  if (from && day < from->days) return false;
  if (to && day > to->last_day()) return false;
  return true;
}

bool Affiliation::overlaps(std::int32_t from_day, std::int32_t to_day) const {
  if (from && to_day < from->days) return false;
  if (to && from_day > to->last_day()) return false;
  return true;
}

}  // namespace diplograph
