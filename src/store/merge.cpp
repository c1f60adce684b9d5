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

bool mention_less(const Mention& a, const Mention& b) {
  if (int c = a.doc.compare(b.doc)) return c < 0;
  if (a.sentence != b.sentence) return a.sentence < b.sentence;
  if (a.offset != b.offset) return a.offset < b.offset;
  if (a.length != b.length) return a.length < b.length;
  return a.pattern < b.pattern;
}

bool in_canonical_order(const Event& e) {
  return std::is_sorted(e.mentions.begin(), e.mentions.end(), mention_less) &&
         std::is_sorted(e.topics.begin(), e.topics.end(),
                        [](const ActorRef& a, const ActorRef& b) { return a.id < b.id; });
}

MentionIndex::MentionIndex(const Event& into) {
  keys_.reserve(into.mentions.size() * 2 + 4);
  for (const auto& m : into.mentions) keys_.insert(mention_key(m));
  auto held = std::min_element(into.mentions.begin(), into.mentions.end(), mention_less);
  if (held != into.mentions.end()) lead_ = *held;
}

std::size_t MentionIndex::merge(Event& into, const Event& from) {
  // What a report says beside the id's inputs (the CAMEO code and its scores, the actors'
  // references: for an undirected event, which end is the source) comes from the report with
  // the first mention in canonical order, so it does not depend on the order of documents either.
  auto lead = std::min_element(from.mentions.begin(), from.mentions.end(), mention_less);
  if (lead != from.mentions.end()) {
    if (lead_ && mention_less(*lead, *lead_)) {
      into.cameo = from.cameo;
      into.quad_class = from.quad_class;
      into.goldstein = from.goldstein;
      into.source = from.source;
      into.target = from.target;
    }
    if (!lead_ || mention_less(*lead, *lead_)) lead_ = *lead;
  }
  std::size_t added = 0;
  for (const auto& m : from.mentions) {
    if (!keys_.insert(mention_key(m)).second) continue;
    into.mentions.push_back(m);
    ++added;
  }
  merge_topics(into, from);
  return added;
}

void MentionIndex::finish(Event& into) {
  // The canonical order: what a store holds does not depend on the order documents came in.
  std::stable_sort(into.mentions.begin(), into.mentions.end(), mention_less);
  std::stable_sort(into.topics.begin(), into.topics.end(),
                   [](const ActorRef& a, const ActorRef& b) { return a.id < b.id; });
}

std::size_t merge_mentions(Event& into, const Event& from) {
  const std::size_t added = MentionIndex(into).merge(into, from);
  MentionIndex::finish(into);
  return added;
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
