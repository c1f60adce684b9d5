// Per-document extraction records (import.hpp): written by `extract --emit documents`, read back
// by `ingest --format documents`. Lossless for everything GraphStore::ingest stores of a document
// (the text itself stays out: the record carries its content key), so a merge of records is the
// ingest of the articles.
#include <nlohmann/json.hpp>

#include <charconv>
#include <cstring>
#include <cstdio>
#include <cstdlib>
#include <system_error>

#include "diplograph/import.hpp"

namespace diplograph {

namespace {

using ojson = nlohmann::ordered_json;
using nlohmann::json;

constexpr std::string_view kFormatTag = "diplograph.document/1";

std::string hex16(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

bool is_hex16(std::string_view s) {
  if (s.size() != 16) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

ojson ref_json(const ActorRef& a) {
  ojson j = ojson::object();
  j["id"] = hex16(a.id);
  j["name"] = a.name;
  j["kind"] = std::string(to_string(a.kind));
  if (!a.country.empty()) j["country"] = a.country;
  if (!a.code.empty()) j["code"] = a.code;
  return j;
}

ojson actor_json(const Actor& a) {
  ojson j = ref_json(ActorRef::of(a));
  if (!a.aliases.empty()) j["aliases"] = a.aliases;
  if (!a.affiliations.empty()) {
    ojson affs = ojson::array();
    for (const Affiliation& f : a.affiliations) {
      ojson fj = ojson::object();
      fj["target"] = hex16(f.target);
      fj["name"] = f.target_name;
      fj["role"] = f.role;
      if (f.from) fj["from"] = f.from->to_string();
      if (f.to) fj["to"] = f.to->to_string();
      affs.push_back(std::move(fj));
    }
    j["affiliations"] = std::move(affs);
  }
  return j;
}

ojson event_json(const Event& e) {
  ojson j = ojson::object();
  j["id"] = e.id.hex();
  j["type"] = std::string(to_string(e.type));
  j["cameo"] = e.cameo;
  j["quad_class"] = e.quad_class;
  j["goldstein"] = e.goldstein;  // as stored: a merge writes the same double
  j["source"] = ref_json(e.source);
  j["target"] = e.target ? ref_json(*e.target) : ojson(nullptr);
  ojson topics = ojson::array();
  for (const auto& t : e.topics) topics.push_back(ref_json(t));
  j["topics"] = std::move(topics);
  j["date"] = e.date.to_string();
  j["date_precision"] = std::string(to_string(e.date.precision));
  j["status"] = std::string(to_string(e.status));
  ojson mentions = ojson::array();
  for (const auto& m : e.mentions) {
    ojson mj = ojson::object();
    mj["doc"] = m.doc;
    mj["sentence"] = m.sentence;
    mj["offset"] = m.offset;
    mj["length"] = m.length;
    mj["pattern"] = m.pattern;
    mj["text"] = m.text;
    mentions.push_back(std::move(mj));
  }
  j["mentions"] = std::move(mentions);
  return j;
}

// The reader: nlohmann's SAX parser, straight into the record (a DOM of every line would cost
// more than the rest of a merge). Each value lands by the key it follows in the object it is in;
// unknown keys are skipped; a wrong value, or a missing field at the end of its object, gives
// kInvalidInput naming the field ("events[0].source.id").
class RecordSax {
 public:
  explicit RecordSax(ImportedRecord& rec) : rec_(rec) {}

  Status error;

  bool null() { return scalar(Value{Value::kNull}); }
  bool boolean(bool) { return scalar(Value{Value::kOther}); }
  bool number_integer(std::int64_t v) {
    Value x{Value::kInt};
    x.i = v;
    x.d = static_cast<double>(v);
    return scalar(x);
  }
  bool number_unsigned(std::uint64_t v) {
    Value x{Value::kUnsigned};
    x.u = v;
    x.d = static_cast<double>(v);
    return scalar(x);
  }
  bool number_float(double v, const std::string&) {
    Value x{Value::kFloat};
    x.d = v;
    return scalar(x);
  }
  bool string(std::string& v) {
    Value x{Value::kString};
    x.s = &v;
    return scalar(x);
  }

  bool start_object(std::size_t) {
    if (skip_ > 0) return ++skip_, true;
    if (stack_.empty()) return push(kRecord), true;
    switch (top()) {
      case kActors: rec_.extraction.actors.emplace_back(); return push(kActor), true;
      case kAffiliations:
        rec_.extraction.actors.back().affiliations.emplace_back();
        return push(kAffiliation), true;
      case kEvents: rec_.extraction.events.emplace_back(); return push(kEvent), true;
      case kTopics:
        rec_.extraction.events.back().topics.emplace_back();
        ref_ = &rec_.extraction.events.back().topics.back();
        return push(kRef), true;
      case kMentions:
        rec_.extraction.events.back().mentions.emplace_back();
        return push(kMention), true;
      case kEvent:
        if (key_ == "source" || key_ == "target") {
          Event& e = rec_.extraction.events.back();
          if (key_ == "target") e.target.emplace();
          ref_ = key_ == "source" ? &e.source : &*e.target;
          seen_source_ = seen_source_ || key_ == "source";
          return push(kRef), true;
        }
        break;
      default: break;
    }
    if (known_key()) return fail("expected " + expected()), false;
    return ++skip_, true;
  }

  bool end_object() {
    if (skip_ > 0) return --skip_, true;
    key_.clear();
    const Ctx c = top();
    auto missing = [&](const char* field) {
      stack_.push_back(c);  // named as the object that ends: "events[0].source."
      std::string at = where();
      stack_.pop_back();
      return fail("missing field '" + at + field + "'");
    };
    stack_.pop_back();
    switch (c) {
      case kRecord:
        for (const char* f : {"format", "key", "id", "date"})
          if (!(have_ & bit(f))) return missing(f);
        return true;
      case kActor:
        if (!(actor_have_ & 1)) return missing("id");
        if (!(actor_have_ & 2)) return missing("name");
        actor_have_ = 0;
        return true;
      case kAffiliation:
        if (!(aff_have_ & 1)) return missing("target");
        aff_have_ = 0;
        return true;
      case kRef:
        if (!(ref_have_ & 1)) return missing("id");
        if (!(ref_have_ & 2)) return missing("name");
        ref_have_ = 0;
        return true;
      case kEvent:
        if (!(event_have_ & 1)) return missing("id");
        if (!(event_have_ & 2)) return missing("type");
        if (!(event_have_ & 4)) return missing("cameo");
        if (!(event_have_ & 8)) return missing("date");
        if (!seen_source_) return missing("source");
        event_have_ = 0;
        seen_source_ = false;
        return true;
      default: return true;
    }
  }

  bool start_array(std::size_t) {
    if (skip_ > 0) return ++skip_, true;
    if (!stack_.empty()) {
      const Ctx c = top();
      if (c == kRecord && key_ == "actors") return push(kActors), true;
      if (c == kRecord && key_ == "events") return push(kEvents), true;
      if (c == kActor && key_ == "aliases") return push(kAliases), true;
      if (c == kActor && key_ == "affiliations") return push(kAffiliations), true;
      if (c == kEvent && key_ == "topics") return push(kTopics), true;
      if (c == kEvent && key_ == "mentions") return push(kMentions), true;
      if (known_key()) return fail("expected " + expected()), false;
    } else {
      return fail("expected a JSON object"), false;
    }
    return ++skip_, true;
  }

  bool end_array() {
    if (skip_ > 0) return --skip_, true;
    stack_.pop_back();
    key_.clear();
    return true;
  }

  bool key(std::string& k) {
    if (skip_ > 0) return true;
    key_.s = k;
    return true;
  }

  bool syntax_error(std::size_t column) {
    if (error) error = Status::invalid_input("not valid JSON (at byte " + std::to_string(column) + ")");
    return false;
  }

 private:
  enum Ctx {
    kRecord, kActors, kActor, kAliases, kAffiliations, kAffiliation, kEvents, kEvent, kRef,
    kTopics, kMentions, kMention
  };
  struct Value {
    enum Kind { kNull, kString, kUnsigned, kInt, kFloat, kOther } kind;
    std::string* s = nullptr;
    std::uint64_t u = 0;
    std::int64_t i = 0;
    double d = 0;
  };

  static std::uint32_t bit(std::string_view f) {
    return f == "format" ? 1 : f == "key" ? 2 : f == "id" ? 4 : f == "date" ? 8 : 0;
  }
  Ctx top() const { return stack_.back(); }
  void push(Ctx c) {
    stack_.push_back(c);
    key_.clear();
  }

  // The field's name for messages: "events[2].mentions[0].offset".
  std::string where() const {
    std::string out;
    std::size_t event = rec_.extraction.events.size(), actor = rec_.extraction.actors.size();
    for (Ctx c : stack_) {
      switch (c) {
        case kActor: out += "actors[" + std::to_string(actor - 1) + "]."; break;
        case kAffiliation: out += "affiliations."; break;
        case kEvent: out += "events[" + std::to_string(event - 1) + "]."; break;
        case kMention: out += "mentions."; break;
        case kRef: break;
        default: break;
      }
      if (c == kRef) {
        const Event& e = rec_.extraction.events.back();
        out += ref_ == &e.source ? "source." : (e.target && ref_ == &*e.target) ? "target." : "topics.";
      }
    }
    if (!stack_.empty() && (top() == kAliases)) return out + "aliases";
    return out + key_.s;
  }

  bool fail(std::string message) {
    if (error) error = Status::invalid_input(std::move(message));
    return false;
  }
  bool bad(const std::string& what) { return fail("field '" + where() + "': expected " + what); }

  // Keys whose value has a required shape (objects and lists that are not skipped).
  bool known_key() const {
    if (stack_.empty()) return false;
    switch (top()) {
      case kRecord:
        return key_ == "format" || key_ == "knowledge" || key_ == "key" || key_ == "id" ||
               key_ == "title" || key_ == "date" || key_ == "source" || key_ == "url" ||
               key_ == "actors" || key_ == "events";
      case kEvent:
        return key_ == "id" || key_ == "type" || key_ == "cameo" || key_ == "quad_class" ||
               key_ == "goldstein" || key_ == "source" || key_ == "target" ||
               key_ == "topics" || key_ == "date" || key_ == "status" || key_ == "mentions";
      case kActors: case kEvents: case kTopics: case kMentions: case kAffiliations: case kAliases:
        return true;
      default: return false;
    }
  }
  std::string expected() const {
    if (!stack_.empty()) {
      switch (top()) {
        case kActors: case kEvents: case kTopics: case kMentions: case kAffiliations:
          return "objects in '" + where() + "'";
        case kAliases: return "names in '" + where() + "'";
        default: break;
      }
    }
    return "a value of another kind in '" + where() + "'";
  }

  bool text(const Value& v, std::string& out, bool nullable = true) {
    if (v.kind == Value::kString) {
      out = std::move(*v.s);
      return true;
    }
    if (v.kind == Value::kNull && nullable) return true;
    return bad("a string");
  }
  bool hex_id(const Value& v, std::uint64_t& out) {
    if (v.kind != Value::kString || !is_hex16(*v.s)) return bad("16 hex digits");
    std::from_chars(v.s->data(), v.s->data() + v.s->size(), out, 16);
    return true;
  }
  bool date(const Value& v, Date& out) {
    if (v.kind != Value::kString) return bad("a date");
    auto d = Date::parse(*v.s);
    if (!d) return fail("field '" + where() + "': " + d.error().message());
    out = *d;
    return true;
  }
  bool count(const Value& v, std::uint32_t& out) {
    if (v.kind != Value::kUnsigned || v.u > 0xffffffffu) return bad("a count");
    out = static_cast<std::uint32_t>(v.u);
    return true;
  }
  bool kind(const Value& v, ActorKind& out) {
    if (v.kind != Value::kString) return bad("an actor kind");
    auto k = actor_kind_from_string(*v.s);
    if (!k) return fail("field '" + where() + "': unknown kind '" + *v.s + "'");
    out = *k;
    return true;
  }

  bool scalar(const Value& v) {
    if (skip_ > 0) return true;
    if (stack_.empty()) return fail("expected a JSON object");
    switch (top()) {
      case kRecord: return record_field(v);
      case kActor: return actor_field(v);
      case kAliases: {
        if (v.kind != Value::kString) return bad("names");
        rec_.extraction.actors.back().aliases.push_back(std::move(*v.s));
        return true;
      }
      case kAffiliation: return affiliation_field(v);
      case kEvent: return event_field(v);
      case kRef: return ref_field(v);
      case kMention: return mention_field(v);
      default: return known_key() ? (fail("expected " + expected()), false) : true;
    }
  }

  bool record_field(const Value& v) {
    have_ |= bit(key_.s);
    if (key_ == "format") {
      std::string f;
      if (!text(v, f, false)) return false;
      if (f != kFormatTag)
        return fail("field 'format': '" + f + "' is not " + std::string(kFormatTag) +
                    " (written by another diplograph?)");
      return true;
    }
    if (key_ == "knowledge") return text(v, rec_.extraction.knowledge);
    if (key_ == "key") {
      if (v.kind != Value::kString || !is_hex16(*v.s))
        return fail("field 'key': expected 16 hex digits (the document's content key)");
      rec_.key = std::move(*v.s);
      return true;
    }
    if (key_ == "id") return text(v, rec_.doc.id, false);
    if (key_ == "title") return text(v, rec_.doc.title);
    if (key_ == "date") return date(v, rec_.doc.published);
    if (key_ == "source") return text(v, rec_.doc.source);
    if (key_ == "url") return text(v, rec_.doc.url);
    if (key_ == "actors" || key_ == "events") return v.kind == Value::kNull || bad("a list");
    return true;
  }

  bool actor_field(const Value& v) {
    Actor& a = rec_.extraction.actors.back();
    if (key_ == "id") return actor_have_ |= 1, hex_id(v, a.id);
    if (key_ == "name") return actor_have_ |= 2, text(v, a.name, false);
    if (key_ == "kind") return kind(v, a.kind);
    if (key_ == "country") return text(v, a.country);
    if (key_ == "code") return text(v, a.code);
    if (key_ == "aliases" || key_ == "affiliations") return v.kind == Value::kNull || bad("a list");
    return true;
  }

  bool affiliation_field(const Value& v) {
    Affiliation& f = rec_.extraction.actors.back().affiliations.back();
    if (key_ == "target") return aff_have_ |= 1, hex_id(v, f.target);
    if (key_ == "name") return text(v, f.target_name);
    if (key_ == "role") return text(v, f.role);
    if (key_ == "from" || key_ == "to") {
      if (v.kind == Value::kNull) return true;
      Date d;
      if (!date(v, d)) return false;
      (key_ == "from" ? f.from : f.to) = d;
      return true;
    }
    return true;
  }

  bool event_field(const Value& v) {
    Event& e = rec_.extraction.events.back();
    if (key_ == "id") {
      event_have_ |= 1;
      if (v.kind != Value::kString) return bad("32 hex digits");
      auto id = EventId::from_hex(*v.s);
      if (!id) return bad("32 hex digits");
      e.id = *id;
      return true;
    }
    if (key_ == "type") {
      event_have_ |= 2;
      if (v.kind != Value::kString) return bad("an event type");
      auto t = event_type_from_string(*v.s);
      if (!t) return fail("field '" + where() + "': " + unknown_event_type(*v.s));
      e.type = *t;
      return true;
    }
    if (key_ == "cameo") return event_have_ |= 4, text(v, e.cameo, false);
    if (key_ == "quad_class") {
      if (v.kind != Value::kUnsigned && v.kind != Value::kInt) return bad("1-4");
      e.quad_class = static_cast<int>(v.kind == Value::kUnsigned ? v.u : v.i);
      return true;
    }
    if (key_ == "goldstein") {
      if (v.kind != Value::kFloat && v.kind != Value::kUnsigned && v.kind != Value::kInt)
        return bad("a number");
      e.goldstein = v.d;
      return true;
    }
    if (key_ == "date") return event_have_ |= 8, date(v, e.date);
    if (key_ == "status") {
      if (v.kind == Value::kNull) return true;
      auto st = v.kind == Value::kString ? event_status_from_string(*v.s) : std::nullopt;
      if (!st) return bad("occurred, planned or denied");
      e.status = *st;
      return true;
    }
    if (key_ == "target" || key_ == "topics" || key_ == "mentions")
      return v.kind == Value::kNull || bad(key_ == "target" ? "an actor object" : "a list");
    if (key_ == "source") return bad("an actor object");
    return true;
  }

  bool ref_field(const Value& v) {
    if (key_ == "id") return ref_have_ |= 1, hex_id(v, ref_->id);
    if (key_ == "name") return ref_have_ |= 2, text(v, ref_->name, false);
    if (key_ == "kind") return kind(v, ref_->kind);
    if (key_ == "country") return text(v, ref_->country);
    if (key_ == "code") return text(v, ref_->code);
    return true;
  }

  bool mention_field(const Value& v) {
    Mention& m = rec_.extraction.events.back().mentions.back();
    if (key_ == "doc") return text(v, m.doc);
    if (key_ == "sentence") return count(v, m.sentence);
    if (key_ == "offset") return count(v, m.offset);
    if (key_ == "length") return count(v, m.length);
    if (key_ == "pattern") return text(v, m.pattern);
    if (key_ == "text") return text(v, m.text);
    return true;
  }

  ImportedRecord& rec_;
  // The objects and lists open, outermost first: at most six deep in a record (record, events,
  // event, topics, ref), held in place (a vector would cost an allocation a record).
  struct CtxStack {
    Ctx at[8];
    std::size_t n = 0;
    bool empty() const { return n == 0; }
    Ctx back() const { return at[n - 1]; }
    void push_back(Ctx c) { at[n < 8 ? n++ : 7] = c; }
    void pop_back() { n -= n > 0; }
    const Ctx* begin() const { return at; }
    const Ctx* end() const { return at + n; }
  };
  CtxStack stack_;
  // The key a value follows. Compared with literals by length first, then bytes (most keys differ
  // in length: a chain of comparisons costs a few instructions, not a strlen and memcmp each).
  struct KeyText {
    std::string s;
    template <std::size_t N>
    bool operator==(const char (&lit)[N]) const {
      return s.size() == N - 1 && std::memcmp(s.data(), lit, N - 1) == 0;
    }
    void clear() { s.clear(); }
  };
  KeyText key_;
  std::size_t skip_ = 0;  // depth inside a skipped value
  ActorRef* ref_ = nullptr;
  std::uint32_t have_ = 0, actor_have_ = 0, aff_have_ = 0, ref_have_ = 0, event_have_ = 0;
  bool seen_source_ = false;
};

// A strict JSON reader of one line (RFC 8259; no comments, nothing after the value) that drives
// a SAX handler (RecordSax), without recursion. Made for the merge's hot loop: a string without
// escapes is taken in one copy, not character by character as nlohmann's lexer takes it.
template <class Sax>
bool scan_json(std::string_view in, Sax& sax) {
  const char* const begin = in.data();
  const char* p = begin;
  const char* const end = begin + in.size();
  std::vector<char> open;  // '{' or '[' of each container we are in
  std::string buf;
  auto ws = [&] {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) ++p;
  };
  auto error = [&] { return sax.syntax_error(static_cast<std::size_t>(p - begin)); };
  auto hex4 = [&](std::uint32_t& v) {
    if (end - p < 4) return false;
    v = 0;
    for (int i = 0; i < 4; ++i, ++p) {
      const char c = *p;
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<std::uint32_t>(c - 'A' + 10);
      else return false;
    }
    return true;
  };
  // A string at p (its opening quote) into buf.
  auto string = [&]() -> bool {
    ++p;
    const char* start = p;
    while (p < end && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20) ++p;
    buf.assign(start, p);
    while (p < end && *p != '"') {
      if (static_cast<unsigned char>(*p) < 0x20) return false;
      if (*p != '\\') {
        buf.push_back(*p++);
        continue;
      }
      if (++p >= end) return false;
      switch (*p++) {
        case '"': buf.push_back('"'); break;
        case '\\': buf.push_back('\\'); break;
        case '/': buf.push_back('/'); break;
        case 'b': buf.push_back('\b'); break;
        case 'f': buf.push_back('\f'); break;
        case 'n': buf.push_back('\n'); break;
        case 'r': buf.push_back('\r'); break;
        case 't': buf.push_back('\t'); break;
        case 'u': {
          std::uint32_t cp;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {  // a surrogate pair
            std::uint32_t low;
            if (end - p < 2 || p[0] != '\\' || p[1] != 'u') return false;
            p += 2;
            if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
          }
          if (cp < 0x80) {
            buf.push_back(static_cast<char>(cp));
          } else if (cp < 0x800) {
            buf.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            buf.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          } else if (cp < 0x10000) {
            buf.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            buf.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            buf.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          } else {
            buf.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            buf.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            buf.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            buf.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          }
          break;
        }
        default: return false;
      }
    }
    if (p >= end) return false;
    ++p;  // the closing quote
    return true;
  };
  // A number at p: 1 read, 0 the handler stopped, -1 not a number.
  auto number = [&]() -> int {
    const char* start = p;
    if (*p == '-') ++p;
    if (p >= end || *p < '0' || *p > '9') return -1;
    if (*p == '0') ++p;
    else while (p < end && *p >= '0' && *p <= '9') ++p;
    bool integral = true;
    if (p < end && *p == '.') {
      integral = false;
      ++p;
      if (p >= end || *p < '0' || *p > '9') return -1;
      while (p < end && *p >= '0' && *p <= '9') ++p;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
      integral = false;
      ++p;
      if (p < end && (*p == '+' || *p == '-')) ++p;
      if (p >= end || *p < '0' || *p > '9') return -1;
      while (p < end && *p >= '0' && *p <= '9') ++p;
    }
    if (integral) {
      if (*start == '-') {
        std::int64_t v;
        if (std::from_chars(start, p, v).ec == std::errc()) return sax.number_integer(v) ? 1 : 0;
      } else {
        std::uint64_t v;
        if (std::from_chars(start, p, v).ec == std::errc()) return sax.number_unsigned(v) ? 1 : 0;
      }
    }
    double d;  // a fraction, an exponent, or an integer past 64 bits
    if (std::from_chars(start, p, d).ec != std::errc()) return -1;
    return sax.number_float(d, buf) ? 1 : 0;
  };
  auto literal = [&](std::string_view word) {
    if (static_cast<std::size_t>(end - p) < word.size() || std::string_view(p, word.size()) != word)
      return false;
    p += word.size();
    return true;
  };

  bool want_key = false;  // inside an object, after '{' or ','
  for (;;) {
    ws();
    if (p >= end) return error();
    if (want_key) {
      if (*p != '"' || !string()) return error();
      if (!sax.key(buf)) return false;
      ws();
      if (p >= end || *p != ':') return error();
      ++p;
      ws();
      if (p >= end) return error();
      want_key = false;
    }
    // A value.
    const char c = *p;
    bool scalar = true;
    if (c == '{' || c == '[') {
      ++p;
      if (!(c == '{' ? sax.start_object(std::size_t(-1)) : sax.start_array(std::size_t(-1))))
        return false;
      ws();
      if (p < end && *p == (c == '{' ? '}' : ']')) {
        ++p;
        if (!(c == '{' ? sax.end_object() : sax.end_array())) return false;
      } else {
        if (open.size() >= 256) return error();  // no record nests that deep
        open.push_back(c);
        want_key = c == '{';
        scalar = false;
      }
    } else if (c == '"') {
      if (!string()) return error();
      if (!sax.string(buf)) return false;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const int read = number();
      if (read < 0) return error();
      if (read == 0) return false;
    } else if (literal("true")) {
      if (!sax.boolean(true)) return false;
    } else if (literal("false")) {
      if (!sax.boolean(false)) return false;
    } else if (literal("null")) {
      if (!sax.null()) return false;
    } else {
      return error();
    }
    if (!scalar) continue;
    // After a value: a separator, closers, or the end.
    for (;;) {
      ws();
      if (open.empty()) return p == end ? true : error();
      if (p >= end) return error();
      const char close = open.back() == '{' ? '}' : ']';
      if (*p == ',') {
        ++p;
        want_key = open.back() == '{';
        break;
      }
      if (*p != close) return error();
      ++p;
      open.pop_back();
      if (!(close == '}' ? sax.end_object() : sax.end_array())) return false;
    }
  }
}

}  // namespace

std::string document_record_json(const Document& doc, const Extraction& extraction) {
  ojson j = ojson::object();
  j["format"] = std::string(kFormatTag);
  j["knowledge"] = extraction.knowledge;
  j["key"] = doc.content_key();
  j["id"] = doc.id;
  if (!doc.title.empty()) j["title"] = doc.title;
  j["date"] = doc.published.to_string();
  if (!doc.source.empty()) j["source"] = doc.source;
  if (!doc.url.empty()) j["url"] = doc.url;
  ojson actors = ojson::array();
  for (const Actor& a : extraction.actors) actors.push_back(actor_json(a));
  j["actors"] = std::move(actors);
  ojson events = ojson::array();
  for (const Event& e : extraction.events) events.push_back(event_json(e));
  j["events"] = std::move(events);
  return j.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

bool looks_like_document_record(std::string_view line) {
  std::size_t i = line.find_first_not_of(" \t");
  if (i == std::string_view::npos || line[i] != '{') return false;
  // The writer puts the tag first; a record written by hand may put it anywhere.
  if (line.find("\"format\"") == std::string_view::npos) return false;
  json j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return false;
  auto f = j.find("format");
  return f != j.end() && f->is_string() &&
         f->get_ref<const std::string&>().rfind("diplograph.document/", 0) == 0;
}

Status parse_document_record_into(std::string_view line, ImportedRecord& rec) {
  RecordSax sax(rec);
  const bool ok = scan_json(line, sax);
  if (!sax.error) return sax.error;
  if (!ok) return Status::invalid_input("not valid JSON");
  return Status::ok();
}

Result<ImportedRecord> parse_document_record(std::string_view line) {
  ImportedRecord rec;
  if (Status s = parse_document_record_into(line, rec); !s) return s;
  return rec;
}

}  // namespace diplograph
