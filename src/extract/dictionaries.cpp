// User actor dictionaries given at run time (--dict FILE, ExtractorOptions::dict_files), in two
// formats, told apart by content (a JSON file starts with '{'):
//
// 1. Our JSON format:
//      {"actors": [
//        {"name": "Sergei Lavrov", "kind": "person", "country": "RUS", "code": "RUSGOV",
//         "aliases": ["Sergey Lavrov", "Lavrov"],
//         "roles": [{"role": "foreign minister", "of": "Russia", "from": "2004-03-09"}]},
//        {"name": "Ruritania", "kind": "state", "country": "RUR", "code": "RUR",
//         "demonyms": ["Ruritanian"], "metonyms": ["Strelsau"]}]}
//    Only "name" is required. kind: person, state, government, organization, armed_group,
//    media, other (default other). roles[].of names an actor already known (built in or earlier
//    in the file); from/to are YYYY-MM-DD, absent or null for an open end. A role gives an
//    affiliation edge and answers "the foreign minister of Russia" on a day inside the term.
//    Unknown keys are errors (a typo would otherwise drop data silently).
//
// 2. The CAMEO actor dictionaries of TABARI and PETRARCH (e.g. Phoenix.Countries.actors.txt):
//      VLADIMIR_PUTIN_  # comment            a primary phrase; '_' joins words
//      +PUTIN_                               a synonym of the entry above
//      	[RUSGOV >080508]                  a code line: code and optional date range
//      ATHENS  [GRC] ;comment                phrase and codes on one line
//    Date ranges are <YYMMDD, >YYMMDD, YYMMDD-YYMMDD or YYMMDD- (also with 8-digit years);
//    two-digit years below 30 are 20YY. A dated code is the actor's code on the days it holds
//    (<: before the day; >: from the day; A-B: from A, before B; the latest-starting one wins
//    where several hold), its undated code (else its latest-starting one) on the others.
//    Comments run from '#' (PETRARCH) or ';' (TABARI) to the end of the line outside brackets,
//    and from "<!" ("<!--", also the sloppy "<! --") to the next "-->", over lines if need be.
//    <NOUN>/<ADJECTIVE> blocks and entries with no code are skipped; [---] (null) and [###] (discard) codes give no actor; a code block with a
//    malformed date range is dropped (the real files have a few). Broken syntax is an error:
//    an unclosed '[' or "<!--", a code that is not letters and digits, a synonym or code before
//    any entry. A phrase with no dated code whose default code is a bare state code we
//    know (ROMANIA_ [ROU], BUCHAREST_ [ROU]) becomes a name of that state. Otherwise the entry is
//    an actor: an organization for IGO/NGO codes, an armed group for IMG/REB/INS codes, media
//    for MED, a person when it has dated codes or a personal-looking name, else a government
//    body. Dated codes whose first three letters are a known state become affiliations.
//
// Either way, an entry names what the user says: an actor the built-in data knows by the same
// name and kind takes the entry's code (Builder::user).
// Errors are kInvalidInput "FILE:LINE: message".
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "extract/kb_build.hpp"
#include "util/lines.hpp"

namespace diplograph::extract::detail {
namespace {

Status bad(const std::string& path, std::size_t line, const std::string& msg) {
  return Status::invalid_input(path + ":" + std::to_string(line) + ": " + msg);
}

std::size_t line_at(std::string_view text, std::size_t pos) {
  pos = std::min(pos, text.size());
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + pos, '\n'));
}

// Records where the JSON text stops parsing; accepts everything else.
struct ErrorSax : nlohmann::json_sax<nlohmann::json> {
  std::size_t position = 0;
  std::string message;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& ex) override {
    position = pos;
    message = ex.what();
    return false;
  }
};

Status load_json(Builder& b, const std::string& path, const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) {
    ErrorSax sax;
    nlohmann::json::sax_parse(text, &sax, nlohmann::json::input_format_t::json, false);
    return bad(path, line_at(text, sax.position ? sax.position - 1 : 0), "not valid JSON");
  }
  if (!j.is_object() || !j.contains("actors") || !j["actors"].is_array())
    return bad(path, 1, "expected {\"actors\": [...]}");
  std::size_t cursor = 0;
  std::size_t n = 0;
  for (const auto& e : j["actors"]) {
    ++n;
    // Where this entry sits: its name's first occurrence after the previous entry's.
    std::size_t line = line_at(text, cursor);
    auto where = "actors[" + std::to_string(n - 1) + "]: ";
    if (!e.is_object() || !e.contains("name") || !e["name"].is_string() ||
        e["name"].get<std::string>().empty())
      return bad(path, line, where + "needs a \"name\"");
    std::string name = e["name"].get<std::string>();
    if (auto p = text.find(nlohmann::json(name).dump(), cursor); p != std::string::npos) {
      cursor = p + 1;
      line = line_at(text, p);
    }
    for (const auto& [k, v] : e.items()) {
      static const std::set<std::string> kKeys = {"name", "kind", "country", "code", "aliases",
                                                  "demonyms", "metonyms", "roles"};
      if (!kKeys.count(k)) return bad(path, line, where + "unknown key \"" + k + "\"");
      if ((k == "kind" || k == "country" || k == "code") && !v.is_string())
        return bad(path, line, where + "\"" + k + "\" must be a string");
      if ((k == "aliases" || k == "demonyms" || k == "metonyms" || k == "roles") && !v.is_array())
        return bad(path, line, where + "\"" + k + "\" must be an array");
    }
    Actor a;
    a.name = name;
    auto kind = actor_kind_from_string(e.value("kind", "other"));
    if (!kind) return bad(path, line, where + "bad \"kind\": " + e.value("kind", ""));
    a.kind = *kind;
    a.country = e.value("country", "");
    a.code = e.value("code", "");
    if (a.kind == ActorKind::kState && a.code.empty()) a.code = a.country;
    std::size_t idx = b.add_actor(std::move(a));
    auto names = [&](const char* key, NameKind nk) -> Status {
      if (!e.contains(key)) return Status();
      for (const auto& s : e[key]) {
        if (!s.is_string()) return bad(path, line, where + "\"" + key + "\" holds a non-string");
        b.name(idx, s.get<std::string>(), nk);
      }
      return Status();
    };
    if (auto st = names("aliases", NameKind::kName); !st) return st;
    if (auto st = names("demonyms", NameKind::kDemonym); !st) return st;
    if (auto st = names("metonyms", NameKind::kMetonym); !st) return st;
    if (e.contains("demonyms") && !e["demonyms"].empty() && b.kb.demonym[idx].empty())
      b.kb.demonym[idx] = e["demonyms"][0].get<std::string>();
    if (b.kb.actors[idx].kind == ActorKind::kState && !b.kb.actors[idx].country.empty())
      b.kb.state_by_country.emplace(b.kb.actors[idx].country, idx);
    if (!e.contains("roles")) continue;
    for (const auto& r : e["roles"]) {
      if (!r.is_object() || !r.contains("role") || !r["role"].is_string() || !r.contains("of") ||
          !r["of"].is_string())
        return bad(path, line, where + "a role needs \"role\" and \"of\"");
      auto target = b.kb.find(r["of"].get<std::string>());
      if (!target) return bad(path, line, where + "unknown actor in \"of\": " + r["of"].get<std::string>());
      std::optional<Date> ends[2];
      const char* keys[2] = {"from", "to"};
      for (int k = 0; k < 2; ++k) {
        if (!r.contains(keys[k]) || r[keys[k]].is_null()) continue;
        auto d = r[keys[k]].is_string() ? Date::parse(r[keys[k]].get<std::string>())
                                         : Result<Date>(Status::invalid_input(""));
        if (!d) return bad(path, line, where + "bad \"" + keys[k] + "\" date");
        ends[k] = *d;
      }
      b.add_term(idx, r["role"].get<std::string>(), *target, ends[0], ends[1]);
    }
  }
  return Status();
}

// ---------------------------------------------------------------------------------------------
// CAMEO actor dictionaries

struct CodeSpec {
  std::string code;
  std::optional<Date> from, to;
  bool dated = false;
};

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::optional<Date> cameo_date(std::string_view s) {
  if (!all_digits(s) || (s.size() != 6 && s.size() != 8)) return std::nullopt;
  int y, m = std::stoi(std::string(s.substr(s.size() - 4, 2))), d = std::stoi(std::string(s.substr(s.size() - 2)));
  if (s.size() == 6) {
    y = std::stoi(std::string(s.substr(0, 2)));
    y += y < 30 ? 2000 : 1900;
  } else {
    y = std::stoi(std::string(s.substr(0, 4)));
  }
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  auto r = Date::parse(buf);
  if (!r) return std::nullopt;
  return *r;
}

// Parses "CODE", "CODE DATES" or "DATES" inside one pair of brackets.
std::optional<CodeSpec> parse_code(std::string inner) {
  inner.erase(std::remove(inner.begin(), inner.end(), '\t'), inner.end());
  CodeSpec spec;
  std::size_t i = 0;
  while (i < inner.size() && inner[i] == ' ') ++i;
  std::size_t s = i;
  while (i < inner.size() && inner[i] != ' ' && inner[i] != '<' && inner[i] != '>' &&
         !(inner[i] >= '0' && inner[i] <= '9' && i == s))
    ++i;
  spec.code = inner.substr(s, i - s);
  // TABARI compound codes ("ELR/GAL": the phrase names both) keep the first actor's code.
  if (auto slash = spec.code.find('/'); slash != std::string::npos) spec.code.erase(slash);
  for (char& c : spec.code)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  for (char c : spec.code)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '#' || c == '~' || c == '+'))
      return std::nullopt;
  std::string rest;
  for (; i < inner.size(); ++i)
    if (inner[i] != ' ') rest += inner[i];
  if (rest.empty()) return spec.code.empty() ? std::nullopt : std::optional<CodeSpec>(spec);
  spec.dated = true;
  if (rest[0] == '<' || rest[0] == '>') {
    auto d = cameo_date(std::string_view(rest).substr(1));
    if (!d) return std::nullopt;
    (rest[0] == '<' ? spec.to : spec.from) = d;
    return spec;
  }
  auto dash = rest.find('-');
  if (dash == std::string::npos) return std::nullopt;
  auto from = cameo_date(std::string_view(rest).substr(0, dash));
  if (!from) return std::nullopt;
  spec.from = from;
  if (dash + 1 < rest.size()) {
    auto to = cameo_date(std::string_view(rest).substr(dash + 1));
    if (!to) return std::nullopt;
    spec.to = to;
  }
  return spec;
}

// "VLADIMIR_PUTIN_" -> "Vladimir Putin": words joined by '_', each capitalized.
std::string phrase_name(std::string_view raw) {
  std::string out;
  bool start = true;
  for (char c : raw) {
    if (c == '_' || c == ' ') {
      if (!out.empty() && out.back() != ' ') out += ' ';
      start = true;
      continue;
    }
    if (c >= 'A' && c <= 'Z' && !start) c = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z' && start) c = static_cast<char>(c - 'a' + 'A');
    out += c;
    start = c == '-' || c == '.' || c == '\'';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

struct Entry {
  std::size_t line = 0;
  std::string name;
  std::vector<std::string> synonyms;
  std::vector<CodeSpec> codes;
};

// The role a dated code gives its holder (data/lexicon/sector_roles.tsv), "member" for a sector
// the table lacks.
std::string sector_role(const Knowledge& kb, std::string_view sector) {
  auto it = kb.sector_roles.find(std::string(sector));
  return it != kb.sector_roles.end() ? it->second : "member";
}

// A phrase with a word of class body names a body, not a person ("Foreign Ministry").
bool body_word(const Knowledge& kb, const std::string& name) {
  for (const auto& w : split(normalize_name(name), ' '))
    if (kb.is(w, kBody)) return true;
  return false;
}

Status add_entry(Builder& b, const std::string& path, const Entry& e) {
  auto& kb = b.kb;
  // An entry with no code names nothing the coders would code (PETRARCH skips it too).
  if (e.codes.empty()) return Status();
  const CodeSpec* def = nullptr;
  for (const auto& c : e.codes)
    if (!c.dated) def = &c;
  // The code valid last stands for the actor when no undated default is given.
  if (!def)
    for (const auto& c : e.codes)
      if (!def || (c.from && (!def->from || def->from->days < c.from->days))) def = &c;
  if (def->code.empty() || def->code == "---" || def->code == "###") return Status();
  std::string name = phrase_name(e.name);
  if (name.empty()) return bad(path, e.line, "empty phrase");
  // The codes by term, but null and discard codes, which give no actor.
  std::vector<DatedCode> dated;
  for (const auto& c : e.codes)
    if (c.dated && !c.code.empty() && c.code != "---" && c.code != "###")
      dated.push_back({c.from, c.to, c.code});
  bool has_dated = false;
  for (const auto& c : e.codes) has_dated |= c.dated;
  auto state = kb.state_by_country.find(def->code.substr(0, 3));
  // A name of a state we know; with codes by term the phrase is an actor of its own, whose code
  // can change with the date.
  if (def->code.size() == 3 && state != kb.state_by_country.end() && dated.empty()) {
    b.name(state->second, name, NameKind::kName);
    for (const auto& s : e.synonyms) b.name(state->second, phrase_name(s), NameKind::kName);
    return Status();
  }
  Actor a;
  a.name = name;
  a.code = def->code;
  std::string_view code = a.code;
  auto ends_with = [&](std::string_view s) { return code.size() >= 6 && code.substr(3, 3) == s; };
  if (code.rfind("IGO", 0) == 0 || code.rfind("NGO", 0) == 0) {
    a.kind = ActorKind::kOrganization;
  } else if (code.rfind("IMG", 0) == 0 || ends_with("REB") || ends_with("INS")) {
    a.kind = ActorKind::kArmedGroup;
  } else if (ends_with("MED")) {
    a.kind = ActorKind::kMedia;
  } else if (code.size() == 3) {
    a.kind = ActorKind::kState;
  } else {
    a.kind = has_dated || !body_word(kb, name) ? ActorKind::kPerson : ActorKind::kGovernment;
  }
  if (state != kb.state_by_country.end()) a.country = kb.actors[state->second].country;
  std::size_t idx = b.add_actor(std::move(a));
  // A state new to us is its own country (a state we know, recoded, keeps its ISO code).
  if (kb.actors[idx].kind == ActorKind::kState && kb.actors[idx].country.empty())
    kb.actors[idx].country = kb.actors[idx].code;
  // A state new to us: later entries with its code ("its capital [RUR]") name it.
  if (kb.actors[idx].kind == ActorKind::kState) kb.state_by_country.emplace(kb.actors[idx].code, idx);
  if (!dated.empty()) kb.dated_codes[idx] = std::move(dated);
  for (const auto& s : e.synonyms) b.name(idx, phrase_name(s), NameKind::kName);
  for (const auto& c : e.codes) {
    if (!c.dated || c.code.size() < 3) continue;
    auto st = kb.state_by_country.find(c.code.substr(0, 3));
    if (st == kb.state_by_country.end() || st->second == idx) continue;
    const Actor& target = kb.actors[st->second];
    std::string role =
        sector_role(kb, c.code.size() >= 6 ? std::string_view(c.code).substr(3, 3) : "");
    kb.actors[idx].affiliations.push_back({target.id, target.name, role, c.from, c.to});
  }
  return Status();
}

// Blanks out the "<!" ... "-->" comments of `text`, keeping its line breaks (and so the line
// numbers of what follows). kInvalidInput names the line of a comment that never ends.
Status blank_comments(const std::string& path, std::string& text) {
  for (std::size_t open = text.find("<!"); open != std::string::npos;
       open = text.find("<!", open)) {
    std::size_t close = text.find("-->", open + 2);
    if (close == std::string::npos) return bad(path, line_at(text, open), "unclosed comment '<!--'");
    close += 3;
    for (std::size_t k = open; k < close; ++k)
      if (text[k] != '\n') text[k] = ' ';
    open = close;
  }
  return Status();
}

// One line of a CAMEO dictionary (its "<!" comments blanked): adds to the entry `cur`, or adds
// `cur` to the knowledge and opens the next. `in_block`: inside a <NOUN>-style block, skipped.
Status cameo_line(Builder& b, const std::string& path, std::size_t line_no, std::string line,
                  std::optional<Entry>& cur, bool& in_block) {
  // Comments: '#' (PETRARCH) and ';' (TABARI) to the end of the line, outside code blocks
  // ("[### <890101]" is the discard code).
  bool in_code = false;
  for (std::size_t k = 0; k < line.size(); ++k) {
    if (line[k] == '[') in_code = true;
    if (line[k] == ']') in_code = false;
    if (!in_code && (line[k] == '#' || line[k] == ';')) {
      line.erase(k);
      break;
    }
  }
  std::size_t first = line.find_first_not_of(" \t");
  if (first == std::string::npos) return Status();
  if (line[first] == '<') {
    in_block = line.find("</", first) != first;
    return Status();
  }
  if (in_block) return Status();
  bool indented = first > 0;
  std::string body = line.substr(first);
  if (body[0] == '+') {
    if (!cur) return bad(path, line_no, "synonym before any entry");
    std::string syn = body.substr(1);
    if (auto br = syn.find('['); br != std::string::npos) syn.erase(br);
    while (!syn.empty() && (syn.back() == ' ' || syn.back() == '\t')) syn.pop_back();
    if (!syn.empty()) cur->synonyms.push_back(syn);
    return Status();
  }
  std::string phrase;
  std::size_t br = body.find('[');
  if (!(indented && br == 0)) {
    // A new primary phrase: finish the previous entry first.
    if (cur)
      if (auto st = add_entry(b, path, *cur); !st) return st;
    phrase = body.substr(0, br == std::string::npos ? body.size() : br);
    while (!phrase.empty() && (phrase.back() == ' ' || phrase.back() == '\t')) phrase.pop_back();
    cur = Entry{line_no, phrase, {}, {}};
  } else if (!cur) {
    return bad(path, line_no, "code line before any entry");
  }
  while (br != std::string::npos) {
    std::size_t close = body.find(']', br);
    if (close == std::string::npos) return bad(path, line_no, "unclosed '['");
    std::string inner = body.substr(br + 1, close - br - 1);
    auto spec = parse_code(inner);
    if (spec) {
      cur->codes.push_back(std::move(*spec));
    } else if (inner.find_first_of("<>-0123456789") == std::string::npos) {
      return bad(path, line_no, "bad code block [" + inner + "]");
    }
    // else a malformed date range ("9008223-911221" in the real Phoenix file): the block is
    // dropped, as the coders that wrote these files do, rather than the whole dictionary.
    br = body.find('[', close);
  }
  return Status();
}

Status load_cameo(Builder& b, const std::string& path, std::string text) {
  if (auto st = blank_comments(path, text); !st) return st;
  std::optional<Entry> cur;
  bool in_block = false;
  Status status;
  util::for_each_line(text, [&](std::size_t line_no, std::string_view line_view) {
    status = cameo_line(b, path, line_no, std::string(line_view), cur, in_block);
    return static_cast<bool>(status);
  });
  if (!status) return status;
  if (cur)
    if (auto st = add_entry(b, path, *cur); !st) return st;
  return Status();
}

}  // namespace

Status load_user_dictionary(Builder& b, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::invalid_input(path + ": cannot open dictionary");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = std::move(ss).str();
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::size_t first = text.find_first_not_of(" \t\r\n");
  b.user = true;
  Status st = first != std::string::npos && text[first] == '{' ? load_json(b, path, text)
                                                               : load_cameo(b, path, std::move(text));
  b.user = false;
  return st;
}

}  // namespace diplograph::extract::detail
