// The statement grammar (query.hpp): .dgq lines are split into Statements here, CLI command lines
// are turned into Statements by src/cli, and build_query gives both the same meaning.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

#include "diplograph/query.hpp"
#include "query/clauses.hpp"
#include "util/edit_distance.hpp"

namespace diplograph {
namespace {

// Clauses that take a value, and flags that take none.
const std::set<std::string, std::less<>> kValueClauses = {
    "with", "from",  "to",   "type",     "status", "limit", "order", "cursor", "by",
    "k",    "mode",  "kind", "max-hops", "max-wait", "depth", "pivots"};
const std::set<std::string, std::less<>> kFlags = {"no-affiliations", "affiliations"};
const std::set<std::string, std::less<>> kVerbs = {"timeline", "path", "neighbors", "rank",
                                                   "actors"};

std::vector<std::string> split_list(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t comma = s.find(',', start);
    if (comma == std::string_view::npos) comma = s.size();
    std::string item(s.substr(start, comma - start));
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

Result<long long> integer(const std::string& clause, const std::string& v, long long min) {
  long long n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size() || n < min)
    return Status::invalid_input(clause + ": expected a whole number" +
                                 (min > 0 ? " of at least " + std::to_string(min) : "") +
                                 ", got '" + v + "'");
  return n;
}

struct Common {
  EventFilter filter;
  std::vector<ActorKind> kinds;
  bool no_affiliations = false;
  bool affiliations = false;
};

// Applies a clause every verb with a filter shares; false when it is not one of those.
Result<bool> common_clause(const std::string& name, const std::string& v, Common& c) {
  if (name == "from") {
    auto d = Date::parse(v);
    if (!d) return Status::invalid_input("from: " + d.error().message());
    c.filter.window.from = d->days;
  } else if (name == "to") {
    auto d = Date::parse(v);
    if (!d) return Status::invalid_input("to: " + d.error().message());
    c.filter.window.to = d->last_day();  // "to 2021-08" means to the end of August
  } else if (name == "type") {
    c.filter.types.clear();
    for (const auto& t : split_list(v)) {
      auto type = event_type_from_string(t);
      if (!type) return Status::invalid_input("type: " + unknown_event_type(t));
      c.filter.types.push_back(*type);
    }
  } else if (name == "status") {
    c.filter.statuses.clear();
    for (const auto& t : split_list(v)) {
      auto s = event_status_from_string(t);
      if (!s) return Status::invalid_input("status: unknown status '" + t +
                                           "' (occurred, planned, denied)");
      c.filter.statuses.push_back(*s);
    }
    if (c.filter.statuses.empty()) return Status::invalid_input("status: give at least one");
  } else if (name == "kind") {
    for (const auto& t : split_list(v)) {
      auto k = actor_kind_from_string(t);
      if (!k) return Status::invalid_input("kind: unknown actor kind '" + t + "'");
      c.kinds.push_back(*k);
    }
  } else if (name == "no-affiliations") {
    c.no_affiliations = true;
  } else if (name == "affiliations") {
    c.affiliations = true;
  } else {
    return false;
  }
  return true;
}

Status check_window(const Common& c) {
  if (c.filter.window.from > c.filter.window.to)
    return Status::invalid_input("the window is empty: 'from' is after 'to'");
  return Status::ok();
}

}  // namespace

std::optional<std::string> detail::misspelt_clause(std::string_view word) {
  // Keywords are written in lower case; a capitalized word is a name ("Modi", "Tyre").
  for (char c : word)
    if (std::isupper(static_cast<unsigned char>(c))) return std::nullopt;
  for (const auto& clause : kValueClauses) {
    if (clause.size() < 4 || word == clause) continue;
    if (util::edit_distance(word, clause, 1) <= 1) return clause;
  }
  return std::nullopt;
}

Result<Statement> parse_statement(std::string_view line) {
  std::vector<std::pair<std::string, bool>> words;  // text, was quoted
  for (std::size_t i = 0; i < line.size();) {
    char c = line[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else if (c == '#') {
      break;
    } else if (c == '"') {
      std::string w;
      ++i;
      bool closed = false;
      for (; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '"') {
          w += '"';
          ++i;
        } else if (line[i] == '"') {
          closed = true;
          ++i;
          break;
        } else {
          w += line[i];
        }
      }
      if (!closed) return Status::invalid_input("unterminated quote");
      words.emplace_back(std::move(w), true);
    } else {
      std::size_t end = i;
      while (end < line.size() && line[end] != ' ' && line[end] != '\t' && line[end] != '"' &&
             line[end] != '#' && line[end] != '\r')
        ++end;
      words.emplace_back(std::string(line.substr(i, end - i)), false);
      i = end;
    }
  }
  Statement st;
  if (words.empty()) return st;
  if (words[0].second || !kVerbs.count(words[0].first))
    return Status::invalid_input("unknown verb '" + words[0].first +
                                 "' (timeline, path, neighbors, rank, actors)");
  st.verb = words[0].first;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const auto& [w, quoted] = words[i];
    // path "A" to "B": the first `to` after the first actor names the second one.
    if (st.verb == "path" && !quoted && w == "to" && st.args.size() == 1 && i + 1 < words.size()) {
      st.args.push_back(words[++i].first);
      continue;
    }
    if (!quoted && kFlags.count(w)) {
      st.clauses.emplace_back(w, "");
    } else if (!quoted && kValueClauses.count(w)) {
      if (i + 1 >= words.size()) return Status::invalid_input(w + ": missing value");
      st.clauses.emplace_back(w, words[++i].first);
      // "max-wait 3 days": the unit is optional.
      if (w == "max-wait" && i + 1 < words.size() && !words[i + 1].second &&
          (words[i + 1].first == "days" || words[i + 1].first == "day"))
        ++i;
    } else if (quoted || st.clauses.empty()) {
      st.args.push_back(w);
    } else {
      return Status::invalid_input("unexpected '" + w + "' after the clauses");
    }
  }
  return st;
}

Result<Query> build_query(const Statement& st) {
  Common c;
  auto each = [&](auto&& fn) -> Status {
    for (const auto& [name, value] : st.clauses) {
      auto handled = fn(name, value);
      if (!handled) return handled.error();
      if (*handled) continue;
      auto common = common_clause(name, value, c);
      if (!common) return common.error();
      if (!*common)
        return Status::invalid_input(st.verb + ": clause '" + name + "' does not apply here");
    }
    return check_window(c);
  };
  auto need_args = [&](std::size_t n, const char* what) -> Status {
    if (st.args.size() < n) return Status::invalid_input(st.verb + ": give " + what);
    return Status::ok();
  };

  if (st.verb == "timeline") {
    if (Status s = need_args(1, "an actor (timeline ACTOR)"); !s) return s;
    TimelineQuery q;
    q.actor = st.args[0];
    q.also.assign(st.args.begin() + 1, st.args.end());
    Status s = each([&](const std::string& n, const std::string& v) -> Result<bool> {
      if (n == "with") {
        q.with = v;
      } else if (n == "limit") {
        auto x = integer(n, v, 1);
        if (!x) return x.error();
        q.limit = static_cast<std::size_t>(*x);
      } else if (n == "order") {
        if (v != "asc" && v != "desc") return Status::invalid_input("order: asc or desc");
        q.descending = v == "desc";
      } else if (n == "cursor") {
        q.cursor = v;
      } else if (n == "by") {
        q.by = period_from_string(v);
        if (!q.by) return Status::invalid_input("by: week, month or year");
      } else if (n == "kind" || n == "no-affiliations" || n == "affiliations") {
        return Status::invalid_input("timeline: clause '" + n + "' does not apply here");
      } else {
        return false;
      }
      return true;
    });
    if (!s) return s;
    q.filter = c.filter;
    return Query(std::move(q));
  }
  if (st.verb == "path") {
    if (st.args.size() != 2) return Status::invalid_input("path: give two actors (path A to B)");
    PathQuery q;
    q.from = st.args[0];
    q.to = st.args[1];
    Status s = each([&](const std::string& n, const std::string& v) -> Result<bool> {
      if (n == "max-hops") {
        auto x = integer(n, v, 0);
        if (!x) return x.error();
        q.max_hops = static_cast<int>(std::min<long long>(*x, 1 << 20));
      } else if (n == "k") {
        auto x = integer(n, v, 1);
        if (!x) return x.error();
        q.k = static_cast<std::size_t>(*x);
      } else if (n == "mode") {
        auto m = path_mode_from_string(v);
        if (!m)
          return Status::invalid_input(
              "mode: fewest-hops, earliest-arrival, latest-departure or fastest");
        q.mode = *m;
      } else if (n == "max-wait") {
        auto x = integer(n, v, 0);
        if (!x) return x.error();
        q.max_wait = static_cast<int>(std::min<long long>(*x, 1 << 24));
      } else {
        return false;
      }
      return true;
    });
    if (!s) return s;
    q.filter = c.filter;
    q.kinds = c.kinds;
    q.affiliations = !c.no_affiliations;
    return Query(std::move(q));
  }
  if (st.verb == "neighbors") {
    if (st.args.size() != 1) return Status::invalid_input("neighbors: give one actor");
    NeighborsQuery q;
    q.actor = st.args[0];
    Status s = each([&](const std::string& n, const std::string& v) -> Result<bool> {
      if (n != "depth") return false;
      auto x = integer(n, v, 0);
      if (!x) return x.error();
      q.depth = static_cast<int>(std::min<long long>(*x, 64));
      return true;
    });
    if (!s) return s;
    q.filter = c.filter;
    q.kinds = c.kinds;
    q.affiliations = !c.no_affiliations;
    return Query(std::move(q));
  }
  if (st.verb == "rank") {
    if (!st.args.empty()) return Status::invalid_input("rank: takes no actor");
    RankQuery q;
    Status s = each([&](const std::string& n, const std::string& v) -> Result<bool> {
      if (n == "by") {
        auto b = rank_by_from_string(v);
        if (!b) return Status::invalid_input("by: degree, weighted-degree or betweenness");
        q.by = *b;
      } else if (n == "limit" || n == "pivots") {
        auto x = integer(n, v, 1);
        if (!x) return x.error();
        (n == "limit" ? q.limit : q.pivots) = static_cast<std::size_t>(*x);
      } else {
        return false;
      }
      return true;
    });
    if (!s) return s;
    q.filter = c.filter;
    q.kinds = c.kinds;
    q.affiliations = c.affiliations && !c.no_affiliations;
    return Query(std::move(q));
  }
  if (st.verb == "actors") {
    if (st.args.size() > 1 || !st.clauses.empty())
      return Status::invalid_input("actors: give at most one search text");
    ActorsQuery q;
    if (!st.args.empty()) q.text = st.args[0];
    return Query(std::move(q));
  }
  return Status::invalid_input("unknown verb '" + st.verb + "'");
}

Result<std::vector<NumberedStatement>> parse_statements(std::string_view text,
                                                        std::string_view source) {
  const std::string where = source.empty() ? "line " : std::string(source) + ":";
  std::vector<NumberedStatement> out;
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++n;
    auto st = parse_statement(line);
    Status error;
    if (!st) {
      error = st.error();
    } else if (!st->verb.empty()) {
      auto q = build_query(*st);
      if (q) {
        out.push_back({n, std::move(*st), std::move(*q)});
        continue;
      }
      error = q.error();
    }
    if (!error)
      return Status::invalid_input(where + std::to_string(n) + ": " + error.message());
  }
  if (out.empty())
    return Status::invalid_input((source.empty() ? std::string("the query text")
                                                 : std::string(source)) +
                                 ": no statements");
  return out;
}

}  // namespace diplograph
