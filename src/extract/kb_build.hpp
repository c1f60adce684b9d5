// Internal helpers that build a Knowledge: the row reader of data/ and the
// Builder that adds actors and their names to the gazetteer. Used by knowledge.cpp (lexicon,
// patterns), kb_actors.cpp (built-in actors) and dictionaries.cpp (user dictionaries).
// Not thread-safe: one Builder per Knowledge under construction.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extract/knowledge.hpp"
#include "model/data_rows.hpp"

namespace diplograph::extract::detail {

// The one row reader (model/data_rows.hpp).
using diplograph::detail::for_each_row;
using diplograph::detail::for_each_row_in;
using diplograph::detail::split;
using diplograph::detail::where;

// "YYYY-MM-DD" or empty (nullopt). Malformed dates are nullopt too; callers that must reject them
// check with Date::parse.
std::optional<Date> opt_date(const std::string& s);

// The key under which roles are compared: "Secretary-General" and "secretary general" agree.
std::string role_key(std::string_view role);

// Names of ASCII letters and single spaces ("Kristian Jensen"), nearly all of the tens of
// thousands in the converted tables, tokenize to their lower-cased words and normalize to the
// same words joined: done here without the tokenizer. False (out unspecified) for other names.
bool plain_norms(std::string_view text, std::vector<std::string>& out);

struct Builder {
  Knowledge& kb;
  // Set while a user dictionary loads: user data beats built-in data. add_actor() gives an
  // actor already known by the name the user's code and country (when given), and name() puts
  // the user's actor first among those a name denotes, so the name codes as the user says.
  bool user = false;

  // Adds an actor (its id from its canonical name) and the name to the gazetteer; returns its
  // index. When an actor of the same kind and normalized name exists, returns that one instead,
  // so a user dictionary that repeats a built-in actor adds names to it rather than a twin (and,
  // with `user`, recodes it).
  std::size_t add_actor(Actor a);
  // add_actor() given `key`, normalize_name(a.name).
  std::size_t add_actor(Actor a, std::string key);
  // Gives actor `idx` a's code and country where a has them; a new code drops the actor's codes by
  // term (Knowledge::dated_codes), which would override it.
  void recode(std::size_t idx, const Actor& a);
  // Adds `text` as a name of actor `idx`: to the gazetteer, and for kName to by_name and the
  // actor's aliases. With `user`, `idx` comes first for that name in both.
  void name(std::size_t idx, const std::string& text, NameKind kind);
  // name() given `key`, normalize_name(text) (empty unless kind is kName).
  void add_name(std::size_t idx, const std::string& text, NameKind kind, std::string key);
  // Records that `person` holds `role` at `affiliation` over [from, to]: an affiliation edge and a
  // term for Knowledge::holder.
  void add_term(std::size_t person, const std::string& role, std::size_t affiliation,
                std::optional<Date> from, std::optional<Date> to);
};

// Loads data/actors/*.tsv and the embedded ISO 3166-1 table. kInvalidInput/kInternal name the
// file and line of bad built-in data (a bug in our data, caught by the tests).
Status load_builtin_actors(Builder& b);

// Loads one user dictionary: our JSON format or a TABARI/PETRARCH CAMEO actor dictionary
// (src/extract/dictionaries.cpp). kInvalidInput "FILE:LINE: ..." for a bad one.
Status load_user_dictionary(Builder& b, const std::string& path);

// A user's pattern file (`--patterns`) given as text, appended to kb.patterns: what
// Knowledge::load does with each pattern file, without the rest of the knowledge (for tests and
// fuzzing). kInvalidInput "FILE:LINE: ..." for a bad row.
Status load_pattern_text(Knowledge& kb, std::string_view file, std::string_view content);

}  // namespace diplograph::extract::detail
