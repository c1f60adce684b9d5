// CBOR encoding of the stored records. Field names are short because every event carries them;
// they are part of the on-disk format, so rename none without bumping kSchemaVersion. Written and
// read by hand: a bulk import encodes a million events a second, and one that merges events
// decodes the stored ones (nlohmann's CBOR parser, which builds a json tree first, took 8 us for
// an event of five mentions).
#include "store/records.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace diplograph::store {
namespace {

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

// The CBOR reader: what the writer above writes, and nlohmann::json::to_cbor wrote before it
// (definite lengths only; map keys in any order, unknown ones skipped). Every read checks the
// bounds and the type and returns false on anything else, so corrupt bytes end as nullopt,
// i.e. kCorruption for the caller, never as a crash or an exception.
class CborIn {
 public:
  explicit CborIn(std::string_view b)
      : p_(reinterpret_cast<const unsigned char*>(b.data())), end_(p_ + b.size()) {}
  bool done() const { return p_ == end_; }

  bool uint(std::uint64_t& v) { return head(0, v); }
  template <class Int>
  bool sint(Int& out) {
    unsigned major;
    std::uint64_t v;
    if (!any_head(major, v)) return false;
    if (major == 0) out = static_cast<Int>(v);
    else if (major == 1) out = static_cast<Int>(-1 - static_cast<std::int64_t>(v));
    else return false;
    return true;
  }
  bool text(std::string& s) {
    std::string_view v;
    if (!text_view(v)) return false;
    s.assign(v);
    return true;
  }
  // The count of an array or map, at most the bytes left (each item takes one at least).
  bool array(std::uint64_t& n) { return head(4, n) && n <= left(); }
  bool map(std::uint64_t& n) { return head(5, n) && n <= left(); }
  // A one-letter key: its letter; any other key: 0 (a field this version does not know).
  bool key(char& k) {
    std::string_view v;
    if (!text_view(v)) return false;
    k = v.size() == 1 ? v[0] : '\0';
    return true;
  }
  // Consumes a null and says so; anything else is left for the caller.
  bool null() {
    if (p_ == end_ || *p_ != 0xf6) return false;
    ++p_;
    return true;
  }
  bool real(double& d) {
    if (p_ == end_) return false;
    const unsigned char b = *p_;
    if (b >> 5 == 0 || b >> 5 == 1) return sint(d);  // an integer, as nlohmann reads it
    const int width = b == 0xf9 ? 2 : b == 0xfa ? 4 : b == 0xfb ? 8 : 0;
    if (width == 0 || left() < 1u + width) return false;
    std::uint64_t bits = 0;
    for (int i = 1; i <= width; ++i) bits = bits << 8 | p_[i];
    p_ += 1 + width;
    if (width == 8) {
      std::memcpy(&d, &bits, 8);
    } else if (width == 4) {
      float f;
      const auto b32 = static_cast<std::uint32_t>(bits);
      std::memcpy(&f, &b32, 4);
      d = f;
    } else {  // half precision (RFC 8949, appendix D)
      const int exp = static_cast<int>(bits >> 10 & 0x1f);
      const double mant = static_cast<double>(bits & 0x3ff);
      d = exp == 0 ? std::ldexp(mant, -24)
          : exp == 31 ? (mant == 0 ? std::numeric_limits<double>::infinity()
                                   : std::numeric_limits<double>::quiet_NaN())
                      : std::ldexp(mant + 1024, exp - 25);
      if (bits & 0x8000) d = -d;
    }
    return true;
  }
  // Skips one value of any type (nested at most 16 deep: records nest 3).
  bool skip(int depth = 0) {
    if (depth > 16 || p_ == end_) return false;
    if (*p_ >= 0xf4 && *p_ <= 0xf7) return ++p_, true;  // false, true, null, undefined
    if (*p_ >= 0xf9 && *p_ <= 0xfb) {
      double d;
      return real(d);
    }
    unsigned major;
    std::uint64_t n;
    if (!any_head(major, n)) return false;
    switch (major) {
      case 0: case 1: return true;
      case 2: case 3:
        if (n > left()) return false;
        p_ += n;
        return true;
      case 4: case 5:
        if (n > left()) return false;
        for (std::uint64_t i = 0; i < n * (major == 5 ? 2 : 1); ++i)
          if (!skip(depth + 1)) return false;
        return true;
      case 6: return skip(depth + 1);  // a tag: its value
      default: return false;
    }
  }

 private:
  std::uint64_t left() const { return static_cast<std::uint64_t>(end_ - p_); }
  // A text string's bytes, in place.
  bool text_view(std::string_view& s) {
    std::uint64_t n;
    if (!head(3, n) || n > left()) return false;
    s = std::string_view(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return true;
  }
  bool head(unsigned major, std::uint64_t& v) {
    unsigned m;
    return any_head(m, v) && m == major;
  }
  bool any_head(unsigned& major, std::uint64_t& v) {
    if (p_ == end_) return false;
    major = *p_ >> 5;
    const unsigned info = *p_ & 31;
    if (major == 7) return false;  // floats and simple values: real(), null(), skip()
    ++p_;
    if (info < 24) {
      v = info;
      return true;
    }
    if (info > 27) return false;  // indefinite lengths and reserved values
    const std::size_t width = std::size_t{1} << (info - 24);
    if (left() < width) return false;
    v = 0;
    for (std::size_t i = 0; i < width; ++i) v = v << 8 | p_[i];
    p_ += width;
    return true;
  }
  const unsigned char* p_;
  const unsigned char* end_;
};

// Reads a map whose keys are single letters: calls field(letter) for each, which reads the
// value (or, for a letter it does not know, returns false to have it skipped). True when the
// map was read and every letter of `required` was among its keys.
template <class Field>
bool read_map(CborIn& in, std::string_view required, Field field, std::string_view optional = {}) {
  std::uint64_t n;
  if (!in.map(n)) return false;
  std::uint32_t seen = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    char k;
    if (!in.key(k)) return false;
    const std::size_t at = required.find(k);
    if (k != '\0' && at != std::string_view::npos) {
      if (!field(k)) return false;
      seen |= 1u << at;
    } else if (k != '\0' && optional.find(k) != std::string_view::npos) {
      if (!field(k)) return false;
    } else if (!in.skip()) {
      return false;
    }
  }
  return seen == (1u << required.size()) - 1;
}

template <class Item>
bool read_array(CborIn& in, std::vector<Item>& out, bool (*item)(CborIn&, Item&)) {
  std::uint64_t n;
  if (!in.array(n)) return false;
  out.clear();
  out.reserve(std::min<std::uint64_t>(n, 1024));  // a corrupt count must not allocate much
  for (std::uint64_t i = 0; i < n; ++i)
    if (!item(in, out.emplace_back())) return false;
  return true;
}

bool read_date(CborIn& in, Date& d) {
  std::uint64_t n;
  int precision = 0;
  if (!in.array(n) || n != 2 || !in.sint(d.days) || !in.sint(precision)) return false;
  d.precision = static_cast<DatePrecision>(precision);
  return true;
}

bool read_optional_date(CborIn& in, std::optional<Date>& d) {
  if (in.null()) return true;
  return read_date(in, d.emplace());
}

bool read_event_id(CborIn& in, EventId& id) {
  std::uint64_t n;
  return in.array(n) && n == 2 && in.uint(id.hi) && in.uint(id.lo);
}

bool read_text(CborIn& in, std::string& s) { return in.text(s); }

bool read_ref(CborIn& in, ActorRef& r) {
  return read_map(in, "acikn", [&](char k) {
    switch (k) {
      case 'a': return in.text(r.code);
      case 'c': return in.text(r.country);
      case 'i': return in.uint(r.id);
      case 'k': return in.sint(r.kind);
      default: return in.text(r.name);
    }
  });
}

bool read_mention(CborIn& in, Mention& m) {
  return read_map(in, "dlopst", [&](char k) {
    switch (k) {
      case 'd': return in.text(m.doc);
      case 'l': return in.sint(m.length);
      case 'o': return in.sint(m.offset);
      case 'p': return in.text(m.pattern);
      case 's': return in.sint(m.sentence);
      default: return in.text(m.text);
    }
  });
}

bool read_affiliation(CborIn& in, Affiliation& f) {
  return read_map(in, "fnrtu", [&](char k) {
    switch (k) {
      case 'f': return read_optional_date(in, f.from);
      case 'n': return in.text(f.target_name);
      case 'r': return in.text(f.role);
      case 't': return in.uint(f.target);
      default: return read_optional_date(in, f.to);
    }
  });
}

// Decodes one whole record with `read`; nullopt unless it reads every byte.
template <class T>
std::optional<T> decode_with(std::string_view bytes, bool (*read)(CborIn&, T&)) {
  CborIn in(bytes);
  std::optional<T> out(std::in_place);
  if (!read(in, *out) || !in.done()) return std::nullopt;
  return out;
}

bool read_actor(CborIn& in, Actor& a) {
  return read_map(in, "acfikns", [&](char k) {
    switch (k) {
      case 'a': return in.text(a.code);
      case 'c': return in.text(a.country);
      case 'f': return read_array(in, a.affiliations, read_affiliation);
      case 'i': return in.uint(a.id);
      case 'k': return in.sint(a.kind);
      case 'n': return in.text(a.name);
      default: return read_array(in, a.aliases, read_text);
    }
  });
}

bool read_event(CborIn& in, Event& e) {
  return read_map(in, "cdgimoqstuy", [&](char k) {
    switch (k) {
      case 'c': return in.text(e.cameo);
      case 'd': return read_date(in, e.date);
      case 'g': return in.real(e.goldstein);
      case 'i': return read_event_id(in, e.id);
      case 'm': return read_array(in, e.mentions, read_mention);
      case 'o': return read_array(in, e.topics, read_ref);
      case 'q': return in.sint(e.quad_class);
      case 's': return read_ref(in, e.source);
      case 't':
        if (in.null()) {
          e.target.reset();
          return true;
        }
        return read_ref(in, e.target.emplace());
      case 'u': return in.sint(e.status);
      default: return in.sint(e.type);
    }
  });
}

bool read_doc(CborIn& in, DocRecord& d) {
  return read_map(
      in, "eipstu",
      [&](char k) {
        switch (k) {
          case 'e': return read_array(in, d.events, read_event_id);
          case 'i': return in.text(d.id);
          case 'p': return read_date(in, d.published);
          case 's': return in.text(d.source);
          case 't': return in.text(d.title);
          case 'x': return in.text(d.knowledge);
          default: return in.text(d.url);
        }
      },
      "x");
}

bool read_ids(CborIn& in, std::vector<ActorId>& ids) {
  return read_array(in, ids, +[](CborIn& r, ActorId& id) { return r.uint(id); });
}

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

namespace {

// The one writer of an event record (keys c d g i m o q s t u y): `e`'s fields but its mentions
// and topics, which `mentions` and `topics` write (each as a CBOR array).
template <class Mentions, class Topics>
void write_event(Cbor& w, const EdgeEventView& e, Mentions&& mentions, Topics&& topics) {
  w.byte(static_cast<char>(0xab));
  w.key('c'), w.str(e.cameo);
  w.key('d'), w.date(e.date);
  w.key('g'), w.real(e.goldstein);
  w.key('i'), w.event_id(e.id);
  w.key('m'), mentions();
  w.key('o'), topics();
  w.key('q'), w.sint(e.quad_class);
  w.key('s'), w.ref(*e.source);
  w.key('t');
  if (e.target) w.ref(*e.target);
  else w.null();
  w.key('u'), w.sint(static_cast<int>(e.status));
  w.key('y'), w.sint(static_cast<int>(e.type));
}

// A mention (keys d l o p s t); its doc is `doc` + `doc_suffix`.
void write_mention(Cbor& w, std::string_view doc, std::string_view doc_suffix,
                   std::uint64_t length, std::uint64_t offset, std::string_view pattern,
                   std::uint64_t sentence, std::string_view text) {
  w.byte(static_cast<char>(0xa6));
  w.key('d'), w.head(3, doc.size() + doc_suffix.size());
  w.bytes(doc.data(), doc.size());
  w.bytes(doc_suffix.data(), doc_suffix.size());
  w.key('l'), w.uint(length);
  w.key('o'), w.uint(offset);
  w.key('p'), w.str(pattern);
  w.key('s'), w.uint(sentence);
  w.key('t'), w.str(text);
}

}  // namespace

void append_event(std::string& out, const Event& e, std::string_view empty_doc) {
  Cbor w{out};
  EdgeEventView v;
  v.id = e.id;
  v.type = e.type;
  v.cameo = e.cameo;
  v.quad_class = e.quad_class;
  v.goldstein = e.goldstein;
  v.source = &e.source;
  v.target = e.target ? &*e.target : nullptr;
  v.date = e.date;
  v.status = e.status;
  write_event(
      w, v,
      [&] {
        w.head(4, e.mentions.size());
        for (const auto& m : e.mentions)
          write_mention(w, m.doc.empty() ? empty_doc : std::string_view(m.doc), {}, m.length,
                        m.offset, m.pattern, m.sentence, m.text);
      },
      [&] {
        w.head(4, e.topics.size());
        for (const auto& t : e.topics) w.ref(t);
      });
}

void append_edge_event(std::string& out, const EdgeEventView& e) {
  Cbor w{out};
  write_event(
      w, e,
      [&] {
        w.head(4, 1);
        write_mention(w, e.doc_prefix, e.doc_suffix, 0, 0, e.pattern, 0, {});
      },
      [&] { w.head(4, 0); });
}

void append_doc(std::string& out, const DocView& d) {
  Cbor w{out};
  w.byte(static_cast<char>(d.knowledge.empty() ? 0xa6 : 0xa7));  // keys e i p s t u [x]
  w.key('e'), w.head(4, d.event_count);
  for (std::size_t i = 0; i < d.event_count; ++i) w.event_id(d.events[i]);
  w.key('i'), w.str(d.id);
  w.key('p'), w.date(d.published);
  w.key('s'), w.str(d.source);
  w.key('t'), w.str(d.title);
  w.key('u'), w.str(d.url);
  if (!d.knowledge.empty()) w.key('x'), w.str(d.knowledge);
}

std::string encode_actor(const Actor& a) {
  std::string out;
  append_actor(out, a);
  return out;
}

std::optional<Actor> decode_actor(std::string_view bytes) { return decode_with(bytes, read_actor); }

std::string encode_event(const Event& e) {
  std::string out;
  append_event(out, e);
  return out;
}

std::optional<Event> decode_event(std::string_view bytes) { return decode_with(bytes, read_event); }

std::string encode_doc(const DocRecord& d) {
  std::string out;
  append_doc(out, DocView{d.id, d.title, d.source, d.url, d.published, d.events.data(),
                          d.events.size(), d.knowledge});
  return out;
}

std::optional<DocRecord> decode_doc(std::string_view bytes) { return decode_with(bytes, read_doc); }

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
  return decode_with(bytes, read_ids);
}

}  // namespace diplograph::store
