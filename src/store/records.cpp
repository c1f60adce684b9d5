// CBOR encoding of the stored records. Field names are short because every event carries them;
// they are part of the on-disk format, so rename none without bumping kSchemaVersion. Written by
// hand (a bulk import encodes a million events a second); read with nlohmann's CBOR parser.
#include "store/records.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>
#include <limits>

namespace diplograph::store {
namespace {

using json = nlohmann::json;

Date date_from(const json& j) {
  return Date{j.at(0).get<std::int32_t>(), static_cast<DatePrecision>(j.at(1).get<int>())};
}

ActorRef ref_from(const json& j) {
  ActorRef r;
  r.id = j.at("i").get<ActorId>();
  r.name = j.at("n").get<std::string>();
  r.kind = static_cast<ActorKind>(j.at("k").get<int>());
  r.country = j.at("c").get<std::string>();
  r.code = j.at("a").get<std::string>();
  return r;
}

EventId id_from(const json& j) {
  return EventId{j.at(0).get<std::uint64_t>(), j.at(1).get<std::uint64_t>()};
}

// Parses CBOR without throwing, then runs `fn`, which may throw on a missing or mistyped field:
// both end as nullopt, i.e. kCorruption for the caller.
template <class T, class Fn>
std::optional<T> from_bytes(std::string_view bytes, Fn fn) {
  json j = json::from_cbor(bytes.begin(), bytes.end(), true, false);
  if (j.is_discarded()) return std::nullopt;
  try {
    return fn(j);
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

// The CBOR writer. Byte for byte what nlohmann::json::to_cbor writes for the json values the
// decoders read (which is how these records were first written, and what tests compare with):
// maps with their keys in sorted order, the shortest head for every integer and length, and
// floats as single precision when that loses nothing, else as double.
// Writes into `out`'s own buffer through an index, growing it as needed, and cuts it to what was
// written when done: appending one char to a std::string costs a capacity check and a
// terminator each time, which was most of the cost of encoding a record.
class Cbor {
 public:
  explicit Cbor(std::string& out) : out_(out), n_(out.size()) {
    out_.resize(n_ + 256);
  }
  ~Cbor() { out_.resize(n_); }
  Cbor(const Cbor&) = delete;
  Cbor& operator=(const Cbor&) = delete;

  void byte(char c) {
    need(1);
    out_[n_++] = c;
  }
  void bytes(const char* p, std::size_t k) {
    need(k);
    if (k) std::memcpy(&out_[n_], p, k);
    n_ += k;
  }
  void head(unsigned major, std::uint64_t v) {
    const char m = static_cast<char>(major << 5);
    if (v < 24) {
      byte(static_cast<char>(m | static_cast<char>(v)));
    } else if (v <= 0xff) {
      byte(static_cast<char>(m | 24));
      byte(static_cast<char>(v));
    } else if (v <= 0xffff) {
      byte(static_cast<char>(m | 25));
      be(v, 2);
    } else if (v <= 0xffffffffull) {
      byte(static_cast<char>(m | 26));
      be(v, 4);
    } else {
      byte(static_cast<char>(m | 27));
      be(v, 8);
    }
  }
  void be(std::uint64_t v, int k) {
    char buf[8];
    for (int i = 0; i < k; ++i) buf[i] = static_cast<char>(v >> (8 * (k - 1 - i)));
    bytes(buf, static_cast<std::size_t>(k));
  }
  void uint(std::uint64_t v) { head(0, v); }
  void sint(std::int64_t v) {
    if (v >= 0) head(0, static_cast<std::uint64_t>(v));
    else head(1, static_cast<std::uint64_t>(-1 - v));
  }
  void str(std::string_view s) {
    head(3, s.size());
    bytes(s.data(), s.size());
  }
  void key(char k) {  // a one-letter map key
    need(2);
    out_[n_++] = static_cast<char>(0x61);
    out_[n_++] = k;
  }
  void null() { byte(static_cast<char>(0xf6)); }
  void real(double d) {
    if (std::isnan(d)) {
      bytes("\xf9\x7e\x00", 3);
    } else if (std::isinf(d)) {
      byte(static_cast<char>(0xf9));
      byte(static_cast<char>(d > 0 ? 0x7c : 0xfc));
      byte('\0');
    } else if (d >= static_cast<double>(std::numeric_limits<float>::lowest()) &&
               d <= static_cast<double>(std::numeric_limits<float>::max()) &&
               static_cast<double>(static_cast<float>(d)) == d) {
      float f = static_cast<float>(d);
      std::uint32_t b;
      std::memcpy(&b, &f, 4);
      byte(static_cast<char>(0xfa));
      be(b, 4);
    } else {
      std::uint64_t b;
      std::memcpy(&b, &d, 8);
      byte(static_cast<char>(0xfb));
      be(b, 8);
    }
  }
  void date(const Date& d) {
    byte(static_cast<char>(0x82));
    sint(d.days);
    sint(static_cast<int>(d.precision));
  }
  void event_id(const EventId& id) {
    byte(static_cast<char>(0x82));
    uint(id.hi);
    uint(id.lo);
  }
  void ref(const ActorRef& r) {  // keys a c i k n
    byte(static_cast<char>(0xa5));
    key('a'), str(r.code);
    key('c'), str(r.country);
    key('i'), uint(r.id);
    key('k'), sint(static_cast<int>(r.kind));
    key('n'), str(r.name);
  }

 private:
  void need(std::size_t k) {
    if (n_ + k > out_.size()) out_.resize(std::max(out_.size() * 2, n_ + k));
  }
  std::string& out_;
  std::size_t n_;
};

}  // namespace

void append_actor(std::string& out, const Actor& a) {
  Cbor w{out};
  w.byte(static_cast<char>(0xa7));  // keys a c f i k n s
  w.key('a'), w.str(a.code);
  w.key('c'), w.str(a.country);
  w.key('f'), w.head(4, a.affiliations.size());
  for (const auto& f : a.affiliations) {
    w.byte(static_cast<char>(0xa5));  // keys f n r t u
    w.key('f');
    if (f.from) w.date(*f.from);
    else w.null();
    w.key('n'), w.str(f.target_name);
    w.key('r'), w.str(f.role);
    w.key('t'), w.uint(f.target);
    w.key('u');
    if (f.to) w.date(*f.to);
    else w.null();
  }
  w.key('i'), w.uint(a.id);
  w.key('k'), w.sint(static_cast<int>(a.kind));
  w.key('n'), w.str(a.name);
  w.key('s'), w.head(4, a.aliases.size());
  for (const auto& s : a.aliases) w.str(s);
}

void append_event(std::string& out, const Event& e, std::string_view empty_doc) {
  Cbor w{out};
  w.byte(static_cast<char>(0xab));  // keys c d g i m o q s t u y
  w.key('c'), w.str(e.cameo);
  w.key('d'), w.date(e.date);
  w.key('g'), w.real(e.goldstein);
  w.key('i'), w.event_id(e.id);
  w.key('m'), w.head(4, e.mentions.size());
  for (const auto& m : e.mentions) {
    w.byte(static_cast<char>(0xa6));  // keys d l o p s t
    w.key('d'), w.str(m.doc.empty() ? empty_doc : std::string_view(m.doc));
    w.key('l'), w.uint(m.length);
    w.key('o'), w.uint(m.offset);
    w.key('p'), w.str(m.pattern);
    w.key('s'), w.uint(m.sentence);
    w.key('t'), w.str(m.text);
  }
  w.key('o'), w.head(4, e.topics.size());
  for (const auto& t : e.topics) w.ref(t);
  w.key('q'), w.sint(e.quad_class);
  w.key('s'), w.ref(e.source);
  w.key('t');
  if (e.target) w.ref(*e.target);
  else w.null();
  w.key('u'), w.sint(static_cast<int>(e.status));
  w.key('y'), w.sint(static_cast<int>(e.type));
}

void append_edge_event(std::string& out, const EdgeEventView& e) {
  Cbor w{out};
  w.byte(static_cast<char>(0xab));  // keys c d g i m o q s t u y, as append_event
  w.key('c'), w.str(e.cameo);
  w.key('d'), w.date(e.date);
  w.key('g'), w.real(e.goldstein);
  w.key('i'), w.event_id(e.id);
  w.key('m'), w.head(4, 1);
  w.byte(static_cast<char>(0xa6));  // keys d l o p s t
  w.key('d'), w.head(3, e.doc_prefix.size() + e.doc_suffix.size());
  w.bytes(e.doc_prefix.data(), e.doc_prefix.size());
  w.bytes(e.doc_suffix.data(), e.doc_suffix.size());
  w.key('l'), w.uint(0);
  w.key('o'), w.uint(0);
  w.key('p'), w.str(e.pattern);
  w.key('s'), w.uint(0);
  w.key('t'), w.str({});
  w.key('o'), w.head(4, 0);
  w.key('q'), w.sint(e.quad_class);
  w.key('s'), w.ref(*e.source);
  w.key('t');
  if (e.target) w.ref(*e.target);
  else w.null();
  w.key('u'), w.sint(static_cast<int>(e.status));
  w.key('y'), w.sint(static_cast<int>(e.type));
}

void append_doc(std::string& out, const DocView& d) {
  Cbor w{out};
  w.byte(static_cast<char>(0xa6));  // keys e i p s t u
  w.key('e'), w.head(4, d.event_count);
  for (std::size_t i = 0; i < d.event_count; ++i) w.event_id(d.events[i]);
  w.key('i'), w.str(d.id);
  w.key('p'), w.date(d.published);
  w.key('s'), w.str(d.source);
  w.key('t'), w.str(d.title);
  w.key('u'), w.str(d.url);
}

std::string encode_actor(const Actor& a) {
  std::string out;
  append_actor(out, a);
  return out;
}

std::optional<Actor> decode_actor(std::string_view bytes) {
  return from_bytes<Actor>(bytes, [](const json& j) {
    Actor a;
    a.id = j.at("i").get<ActorId>();
    a.name = j.at("n").get<std::string>();
    a.kind = static_cast<ActorKind>(j.at("k").get<int>());
    a.country = j.at("c").get<std::string>();
    a.code = j.at("a").get<std::string>();
    a.aliases = j.at("s").get<std::vector<std::string>>();
    for (const auto& f : j.at("f")) {
      Affiliation aff;
      aff.target = f.at("t").get<ActorId>();
      aff.target_name = f.at("n").get<std::string>();
      aff.role = f.at("r").get<std::string>();
      if (!f.at("f").is_null()) aff.from = date_from(f.at("f"));
      if (!f.at("u").is_null()) aff.to = date_from(f.at("u"));
      a.affiliations.push_back(std::move(aff));
    }
    return a;
  });
}

std::string encode_event(const Event& e) {
  std::string out;
  append_event(out, e);
  return out;
}

std::optional<Event> decode_event(std::string_view bytes) {
  return from_bytes<Event>(bytes, [](const json& j) {
    Event e;
    e.id = id_from(j.at("i"));
    e.type = static_cast<EventType>(j.at("y").get<int>());
    e.cameo = j.at("c").get<std::string>();
    e.quad_class = j.at("q").get<int>();
    e.goldstein = j.at("g").get<double>();
    e.source = ref_from(j.at("s"));
    if (!j.at("t").is_null()) e.target = ref_from(j.at("t"));
    for (const auto& t : j.at("o")) e.topics.push_back(ref_from(t));
    e.date = date_from(j.at("d"));
    e.status = static_cast<EventStatus>(j.at("u").get<int>());
    for (const auto& m : j.at("m")) {
      Mention mm;
      mm.doc = m.at("d").get<std::string>();
      mm.sentence = m.at("s").get<std::uint32_t>();
      mm.offset = m.at("o").get<std::uint32_t>();
      mm.length = m.at("l").get<std::uint32_t>();
      mm.pattern = m.at("p").get<std::string>();
      mm.text = m.at("t").get<std::string>();
      e.mentions.push_back(std::move(mm));
    }
    return e;
  });
}

std::string encode_doc(const DocRecord& d) {
  std::string out;
  append_doc(out, DocView{d.id, d.title, d.source, d.url, d.published, d.events.data(),
                          d.events.size()});
  return out;
}

std::optional<DocRecord> decode_doc(std::string_view bytes) {
  return from_bytes<DocRecord>(bytes, [](const json& j) {
    DocRecord d;
    d.id = j.at("i").get<std::string>();
    d.title = j.at("t").get<std::string>();
    d.source = j.at("s").get<std::string>();
    d.url = j.at("u").get<std::string>();
    d.published = date_from(j.at("p"));
    for (const auto& e : j.at("e")) d.events.push_back(id_from(e));
    return d;
  });
}

std::string encode_ids(const std::vector<ActorId>& ids) {
  std::string out;
  {
    Cbor w{out};  // trims `out` when it goes
    w.head(4, ids.size());
    for (ActorId id : ids) w.uint(id);
  }
  return out;
}

std::optional<std::vector<ActorId>> decode_ids(std::string_view bytes) {
  return from_bytes<std::vector<ActorId>>(
      bytes, [](const json& j) { return j.get<std::vector<ActorId>>(); });
}

}  // namespace diplograph::store
