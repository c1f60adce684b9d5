// Record merging (merge.hpp).
#include "store/merge.hpp"

#include <algorithm>
#include <cstdint>
#include <set>

namespace diplograph::store {

namespace {

// Mentions are the same when they point at the same place with the same pattern: the bytes of
// doc, sentence, offset, length and pattern (the numbers fixed-size, the strings after them).
std::string mention_key(const Mention& m) {
  std::string k;
  k.reserve(12 + m.doc.size() + 1 + m.pattern.size());
  for (std::uint32_t v : {m.sentence, m.offset, m.length})
    k.append(reinterpret_cast<const char*>(&v), sizeof v);
  k += m.doc;
  k += '\0';
  k += m.pattern;
  return k;
}

void merge_topics(Event& into, const Event& from) {
  for (const auto& t : from.topics) {
    bool have = std::any_of(into.topics.begin(), into.topics.end(),
                            [&](const ActorRef& r) { return r.id == t.id; });
    if (!have) into.topics.push_back(t);
  }
}

bool same_affiliation(const Affiliation& a, const Affiliation& b) {
  return a.target == b.target && normalize_name(a.role) == normalize_name(b.role) &&
         a.from == b.from && a.to == b.to;
}

}  // namespace

MentionIndex::MentionIndex(const Event& into) {
  keys_.reserve(into.mentions.size() * 2 + 4);
  for (const auto& m : into.mentions) keys_.insert(mention_key(m));
}

std::size_t MentionIndex::merge(Event& into, const Event& from) {
  std::size_t added = 0;
  for (const auto& m : from.mentions) {
    if (!keys_.insert(mention_key(m)).second) continue;
    into.mentions.push_back(m);
    ++added;
  }
  merge_topics(into, from);
  return added;
}

std::size_t merge_mentions(Event& into, const Event& from) {
  return MentionIndex(into).merge(into, from);
}

void merge_actor(Actor& into, const Actor& from) {
  if (into.name.empty()) into.name = from.name;
  if (into.kind == ActorKind::kOther) into.kind = from.kind;
  if (into.country.empty()) into.country = from.country;
  if (into.code.empty()) into.code = from.code;
  std::set<std::string> names;
  names.insert(normalize_name(into.name));
  for (const auto& a : into.aliases) names.insert(normalize_name(a));
  auto add_alias = [&](const std::string& a) {
    if (!a.empty() && names.insert(normalize_name(a)).second) into.aliases.push_back(a);
  };
  if (from.name != into.name) add_alias(from.name);
  for (const auto& a : from.aliases) add_alias(a);
  for (const auto& f : from.affiliations) {
    bool have = std::any_of(into.affiliations.begin(), into.affiliations.end(),
                            [&](const Affiliation& g) { return same_affiliation(f, g); });
    if (!have) into.affiliations.push_back(f);
  }
}

}  // namespace diplograph::store
