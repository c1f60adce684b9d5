// Finding actors by name (GraphStore::find_actors) and suggesting names near a misspelt one
// (GraphStore::suggest_actors): both read the `alias` family, one short key per normalized name.
#include <rocksdb/iterator.h>

#include <algorithm>
#include <map>
#include <set>

#include "diplograph/graph_store.hpp"
#include "store/impl.hpp"
#include "store/key_codec.hpp"
#include "store/records.hpp"
#include "util/edit_distance.hpp"

namespace diplograph {

using namespace store;

namespace {

Status corrupt_alias(std::string_view key) {
  return Status::corruption("undecodable alias record " + std::string(key));
}

std::vector<std::string_view> words_of(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// How far `name` (an alias key) is from `norm`: as a whole, or a run of as many of its words as
// `norm` has, for a `norm` of five letters or more ("lavorv" is one edit from the "lavrov" of
// "sergei lavrov").
std::size_t name_distance(std::string_view norm, std::size_t norm_words, std::string_view name,
                          std::size_t bound) {
  std::size_t best = util::edit_distance(norm, name, bound);
  const auto words = words_of(name);
  // A short word is a few edits from too many others ("form" from the "for" of a body's name).
  if (words.size() <= norm_words || norm.size() < 5) return best;
  for (std::size_t i = 0; i + norm_words <= words.size(); ++i) {
    const char* begin = words[i].data();
    const char* end = words[i + norm_words - 1].data() + words[i + norm_words - 1].size();
    best = std::min(best, util::edit_distance(norm, std::string_view(begin, end - begin), bound));
  }
  return best;
}

}  // namespace

Result<std::vector<Actor>> GraphStore::find_actors(std::string_view text) const {
  std::string norm = normalize_name(text);
  std::vector<Actor> out;
  if (norm.empty()) return out;

  std::set<ActorId> ids;
  std::string v;
  Status s = impl_->get(kAlias, norm, &v);
  if (s) {
    auto list = decode_ids(v);
    if (!list) return corrupt_alias(norm);
    ids.insert(list->begin(), list->end());
  } else if (s.code() != StatusCode::kNotFound) {
    return s;
  }
  if (ids.empty()) {
    // No exact name: whole-word containment ("lavrov" in "sergei lavrov"). A full scan of
    // `alias`, which holds one short key per name: fine for interactive lookups.
    const std::string needle = " " + norm + " ";
    std::unique_ptr<rocksdb::Iterator> it(
        impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->cf[kAlias]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string hay = " " + it->key().ToString() + " ";
      if (hay.find(needle) == std::string::npos) continue;
      auto list = decode_ids(std::string_view(it->value().data(), it->value().size()));
      if (!list) return corrupt_alias(it->key().ToString());
      ids.insert(list->begin(), list->end());
    }
    if (Status st = from_rocks(it->status(), "scan aliases"); !st) return st;
  }
  for (ActorId id : ids) {
    auto a = get_actor(id);
    if (!a) return a.error();
    out.push_back(std::move(*a));
  }
  return out;
}

Result<std::vector<Actor>> GraphStore::suggest_actors(std::string_view text,
                                                      std::size_t limit) const {
  const std::string norm = normalize_name(text);
  std::vector<Actor> out;
  if (norm.size() < 3 || limit == 0) return out;
  // About one edit in four letters: "lavorv" (1), "vladmir putin" (1), "zelenskiy" (2).
  const std::size_t bound = std::min<std::size_t>(3, std::max<std::size_t>(1, norm.size() / 4));
  const std::size_t norm_words = words_of(norm).size();
  std::map<ActorId, std::size_t> best;  // actor -> smallest distance of its names
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->cf[kAlias]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const std::string_view key(it->key().data(), it->key().size());
    const std::size_t d = name_distance(norm, norm_words, key, bound);
    if (d > bound) continue;
    auto list = decode_ids(std::string_view(it->value().data(), it->value().size()));
    if (!list) return corrupt_alias(key);
    for (ActorId id : *list) {
      auto [pos, fresh] = best.emplace(id, d);
      if (!fresh) pos->second = std::min(pos->second, d);
    }
  }
  if (Status st = from_rocks(it->status(), "scan aliases"); !st) return st;
  std::vector<std::pair<std::size_t, Actor>> ranked;
  for (const auto& [id, d] : best) {
    auto a = get_actor(id);
    if (!a) return a.error();
    ranked.emplace_back(d, std::move(*a));
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first < y.first : x.second.name < y.second.name;
  });
  for (auto& [d, a] : ranked) {
    if (out.size() == limit) break;
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace diplograph
