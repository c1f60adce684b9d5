// Finding actors by name (GraphStore::find_actors) through the `alias` family, one short key per
// normalized name. (Names near a misspelt one: suggest_actors, query.hpp.)
#include <rocksdb/iterator.h>

#include <algorithm>
#include <set>

#include "diplograph/graph_store.hpp"
#include "store/impl.hpp"
#include "store/key_codec.hpp"
#include "store/records.hpp"

namespace diplograph {

using namespace store;

namespace {

Status corrupt_alias(std::string_view key) {
  return Status::corruption("undecodable alias record " + std::string(key));
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

}  // namespace diplograph
