// Name suggestions for an unknown actor (query.hpp, suggest_actors): edit distance between
// normalized names, over every actor's name and aliases and their longer words.
#include <algorithm>
#include <vector>

#include "diplograph/query.hpp"
#include "util/edit_distance.hpp"

namespace diplograph {
namespace {

int edit_distance(std::string_view a, std::string_view b, int bound) {
  return static_cast<int>(util::edit_distance(a, b, static_cast<std::size_t>(bound)));
}

int bound_for(std::size_t length) { return length <= 4 ? 1 : length <= 8 ? 2 : 3; }

// The distance from `key` to `name` (normalized): to the whole, or to one of its words of four
// letters or more.
int distance_to(std::string_view key, std::string_view name, int bound) {
  int best = edit_distance(key, name, bound);
  if (key.find(' ') != std::string_view::npos) return best;  // several words: the whole only
  for (std::size_t pos = 0; pos < name.size();) {
    std::size_t end = name.find(' ', pos);
    if (end == std::string_view::npos) end = name.size();
    if (end - pos >= 4 && end - pos < name.size())
      best = std::min(best, edit_distance(key, name.substr(pos, end - pos), bound));
    pos = end + 1;
  }
  return best;
}

}  // namespace

Result<std::vector<ActorSuggestion>> suggest_actors(const GraphStore& store, std::string_view name,
                                                    std::size_t limit) {
  std::vector<ActorSuggestion> out;
  const std::string key = normalize_name(name);
  if (key.empty() || limit == 0) return out;
  const int bound = bound_for(key.size());
  Status st = store.for_each_actor([&](const Actor& a) {
    ActorSuggestion best;
    best.distance = bound + 1;
    auto consider = [&](const std::string& text) {
      int d = distance_to(key, normalize_name(text), bound);
      if (d < best.distance) {
        best.distance = d;
        best.matched = text;
      }
    };
    consider(a.name);
    for (const auto& alias : a.aliases) consider(alias);
    if (best.distance <= bound) {
      best.actor = ActorRef::of(a);
      out.push_back(std::move(best));
    }
    return true;
  });
  if (!st) return st;
  std::sort(out.begin(), out.end(), [](const ActorSuggestion& x, const ActorSuggestion& y) {
    if (x.distance != y.distance) return x.distance < y.distance;
    return x.actor.name != y.actor.name ? x.actor.name < y.actor.name : x.actor.id < y.actor.id;
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace diplograph
