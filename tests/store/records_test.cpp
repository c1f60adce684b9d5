// Stored records: the hand-written CBOR encoders write exactly the bytes nlohmann::json::to_cbor
// writes for the same records (the format the store was first written in), and decode back.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

#include "store/records.hpp"

using namespace diplograph;
using namespace diplograph::store;
using json = nlohmann::json;

namespace {

// The reference: the json values the records were encoded from before the hand-written encoder.
json date_json(const Date& d) { return json::array({d.days, static_cast<int>(d.precision)}); }
json ref_json(const ActorRef& r) {
  return {{"i", r.id}, {"n", r.name}, {"k", static_cast<int>(r.kind)}, {"c", r.country},
          {"a", r.code}};
}
json id_json(const EventId& id) { return json::array({id.hi, id.lo}); }
std::string to_bytes(const json& j) {
  std::vector<std::uint8_t> v = json::to_cbor(j);
  return std::string(v.begin(), v.end());
}
std::string reference_actor(const Actor& a) {
  json affs = json::array();
  for (const auto& f : a.affiliations)
    affs.push_back({{"t", f.target}, {"n", f.target_name}, {"r", f.role},
                    {"f", f.from ? date_json(*f.from) : json(nullptr)},
                    {"u", f.to ? date_json(*f.to) : json(nullptr)}});
  return to_bytes({{"i", a.id}, {"n", a.name}, {"k", static_cast<int>(a.kind)},
                   {"c", a.country}, {"a", a.code}, {"s", a.aliases}, {"f", affs}});
}
std::string reference_event(const Event& e) {
  json topics = json::array();
  for (const auto& t : e.topics) topics.push_back(ref_json(t));
  json mentions = json::array();
  for (const auto& m : e.mentions)
    mentions.push_back({{"d", m.doc}, {"s", m.sentence}, {"o", m.offset}, {"l", m.length},
                        {"p", m.pattern}, {"t", m.text}});
  return to_bytes({{"i", id_json(e.id)}, {"y", static_cast<int>(e.type)}, {"c", e.cameo},
                   {"q", e.quad_class}, {"g", e.goldstein}, {"s", ref_json(e.source)},
                   {"t", e.target ? ref_json(*e.target) : json(nullptr)}, {"o", topics},
                   {"d", date_json(e.date)}, {"u", static_cast<int>(e.status)},
                   {"m", mentions}});
}
std::string reference_doc(const DocRecord& d) {
  json events = json::array();
  for (const auto& id : d.events) events.push_back(id_json(id));
  json j = {{"i", d.id}, {"t", d.title}, {"s", d.source}, {"u", d.url},
            {"p", date_json(d.published)}, {"e", events}};
  if (!d.knowledge.empty()) j["x"] = d.knowledge;
  return to_bytes(j);
}

ActorRef ref(std::string name, ActorKind kind) {
  ActorRef r;
  r.name = std::move(name);
  r.id = actor_id_for(r.name);
  r.kind = kind;
  return r;
}

}  // namespace

TEST_CASE("Records: hand-written CBOR equals nlohmann's, byte for byte", "[store]") {
  // Integers at every head width, negative days, floats single and double, long strings.
  const std::vector<std::uint64_t> ints = {0, 23, 24, 255, 256, 65535, 65536, 0xffffffffull,
                                           0x100000000ull, 0xffffffffffffffffull};
  const std::vector<std::int32_t> days = {0, 1, -1, -24, -25, -256, -257, 18855, -70000,
                                          std::numeric_limits<std::int32_t>::min(),
                                          std::numeric_limits<std::int32_t>::max()};
  const std::vector<double> reals = {0.0, 1.0, -10.0, 3.4, -7.2, 0.5, 1e300, -1e-300,
                                     std::numeric_limits<double>::infinity(),
                                     -std::numeric_limits<double>::infinity(),
                                     std::numeric_limits<double>::quiet_NaN()};
  const std::vector<std::string> texts = {"", "x", std::string(23, 'a'), std::string(24, 'b'),
                                          std::string(255, 'c'), std::string(256, 'd'),
                                          std::string(70000, 'e'), "Üsküdar \xe2\x80\x94 ok"};
  for (std::size_t n = 0; n < 40; ++n) {
    Event e;
    e.id = EventId{ints[n % ints.size()], ints[(n + 3) % ints.size()]};
    e.type = static_cast<EventType>(n % kEventTypeCount);
    e.cameo = n % 3 ? "041" : "";
    e.quad_class = static_cast<int>(n % 5) - 1;
    e.goldstein = reals[n % reals.size()];
    e.source = ref(texts[n % texts.size()], static_cast<ActorKind>(n % 7));
    e.source.country = "RUS";
    e.source.code = "RUSGOV";
    if (n % 4) e.target = ref("Antony Blinken", ActorKind::kPerson);
    for (std::size_t t = 0; t < n % 3; ++t) e.topics.push_back(ref("Topic " + std::to_string(t), ActorKind::kState));
    e.date = Date{days[n % days.size()], static_cast<DatePrecision>(n % 3)};
    e.status = static_cast<EventStatus>(n % 3);
    for (std::size_t k = 0; k < (n % 5 == 4 ? 30 : n % 3); ++k) {
      Mention m;
      m.doc = texts[(n + k) % texts.size()];
      m.sentence = static_cast<std::uint32_t>(ints[k % ints.size()]);
      m.offset = static_cast<std::uint32_t>(ints[(k + 1) % ints.size()]);
      m.length = static_cast<std::uint32_t>(k * 1000);
      m.pattern = "call.x";
      m.text = texts[(n + 2 * k) % texts.size()];
      e.mentions.push_back(m);
    }
    std::string bytes = encode_event(e);
    REQUIRE(bytes == reference_event(e));
    auto back = decode_event(bytes);
    REQUIRE(back);
    CHECK(encode_event(*back) == bytes);

    Actor a;
    a.id = ints[n % ints.size()];
    a.name = texts[(n + 1) % texts.size()];
    a.kind = static_cast<ActorKind>(n % 7);
    a.country = n % 2 ? "USA" : "";
    a.code = "USAGOV";
    for (std::size_t k = 0; k < n % 4; ++k) a.aliases.push_back(texts[k]);
    for (std::size_t k = 0; k < n % 3; ++k) {
      Affiliation f;
      f.target = ints[k];
      f.target_name = "Russia";
      f.role = "foreign minister";
      if (k % 2) f.from = Date{days[n % days.size()], DatePrecision::kYear};
      if (n % 2) f.to = Date{days[(n + 1) % days.size()], DatePrecision::kMonth};
      a.affiliations.push_back(f);
    }
    bytes = encode_actor(a);
    REQUIRE(bytes == reference_actor(a));
    auto actor_back = decode_actor(bytes);
    REQUIRE(actor_back);
    CHECK(encode_actor(*actor_back) == bytes);

    DocRecord d{texts[n % texts.size()], "Title", "Reuters", "https://example.org/a",
                Date{days[n % days.size()], DatePrecision::kDay}, {}};
    for (std::size_t k = 0; k < (n % 5 == 4 ? 25 : n % 3); ++k) d.events.push_back(EventId{ints[k % ints.size()], k});
    if (n % 2) d.knowledge = "0123456789abcdef";  // the knowledge version: an optional field
    bytes = encode_doc(d);
    REQUIRE(bytes == reference_doc(d));
    auto doc_back = decode_doc(bytes);
    REQUIRE(doc_back);
    CHECK(encode_doc(*doc_back) == bytes);
  }
  std::vector<ActorId> ids(ints.begin(), ints.end());
  for (std::size_t k = 0; k < 30; ++k) ids.push_back(k);
  CHECK(encode_ids(ids) == to_bytes(json(ids)));
}

TEST_CASE("Records: the reader takes what nlohmann writes and refuses what is not a record",
          "[store]") {
  Event e;
  e.id = EventId{7, 9};
  e.type = EventType::kMeeting;
  e.cameo = "043";
  e.goldstein = 2.5;  // single precision: 5 bytes
  e.source = ref("Sergei Lavrov", ActorKind::kPerson);
  e.target = ref("Antony Blinken", ActorKind::kPerson);
  e.date = Date{18855, DatePrecision::kDay};
  e.mentions.push_back(Mention{"doc-1", 2, 40, 120, "meet.x", "They met."});
  const std::string bytes = encode_event(e);
  REQUIRE(decode_event(bytes));
  CHECK(decode_ids(encode_ids({1, 2, 3})) == std::vector<ActorId>{1, 2, 3});

  // Fields in another order, an unknown field, integers where a real may be, half floats.
  json j = json::from_cbor(bytes);
  j["zz"] = json::array({1, "two", nullptr, true, 1.5});
  j["g"] = -3;
  auto back = decode_event(to_bytes(j));
  REQUIRE(back);
  CHECK(back->goldstein == -3.0);
  CHECK(back->mentions.at(0).text == "They met.");
  CHECK(back->target->name == "Antony Blinken");
  std::string half = bytes;
  const std::string g = std::string("\x61g", 2);
  const std::size_t at = half.find(g);
  REQUIRE(at != std::string::npos);
  half.replace(at + 2, 5, "\xf9\x3e\x00", 3);  // 1.5 as half precision
  auto h = decode_event(half);
  REQUIRE(h);
  CHECK(h->goldstein == 1.5);
  half.replace(at + 2, 3, "\xf9\xfc\x00", 3);  // -infinity
  CHECK(std::isinf(decode_event(half)->goldstein));

  // Truncated anywhere, one byte too many, a field missing or of the wrong type: nullopt.
  for (std::size_t n = 0; n < bytes.size(); ++n) CHECK_FALSE(decode_event(bytes.substr(0, n)));
  CHECK_FALSE(decode_event(bytes + '\0'));
  json missing = json::from_cbor(bytes);
  missing.erase("u");
  CHECK_FALSE(decode_event(to_bytes(missing)));
  json wrong = json::from_cbor(bytes);
  wrong["c"] = 43;
  CHECK_FALSE(decode_event(to_bytes(wrong)));
  CHECK_FALSE(decode_actor(bytes));  // an event is no actor
  CHECK_FALSE(decode_doc(bytes));
  // A count far beyond the bytes there, and nesting without end.
  CHECK_FALSE(decode_ids(std::string("\x9b\x7f\xff\xff\xff\xff\xff\xff\xff", 9)));
  CHECK_FALSE(decode_event(std::string(5000, '\x81')));
}
