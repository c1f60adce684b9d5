// Turning the actor fields of coded event data into our actors: GDELT's CAMEO actor codes and
// upper-case names, ICEWS names with sectors and countries ("Foreign Affairs (Bangladesh)").
// Known names resolve through the built-in knowledge base, so "SERGEI LAVROV" in GDELT and
// "Sergey Lavrov" in ICEWS land on the actor the extractor uses. Thread-safety: the resolver is
// immutable after creation; resolve_*() may run concurrently.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/event.hpp"
#include "diplograph/extract.hpp"

namespace diplograph::import {

// "SERGEI LAVROV" -> "Sergei Lavrov"; words after the first keep "of", "and", "the" lower case.
std::string title_case(std::string_view upper);

class ActorResolver {
 public:
  // The shared instance, built on first use from the built-in data.
  static const ActorResolver& instance();

  struct GdeltActor {
    std::string_view code, name, country, known_group, type1;
  };
  // Appends the actor and the actors it is affiliated to (with their affiliations) to `actors`
  // and returns its reference; nullopt when the fields are empty.
  std::optional<ActorRef> resolve_gdelt(const GdeltActor& a, std::vector<Actor>& actors) const;
  // ICEWS: name, comma-separated sectors and country name (each may be empty or "NA").
  std::optional<ActorRef> resolve_icews(std::string_view name, std::string_view sectors,
                                        std::string_view country, std::vector<Actor>& actors) const;
  // A plain name (CSV edge lists): a state by its name, else the one knowledge-base actor of that
  // name (both appended to `actors`), else an actor of exactly that name, kind other (not
  // appended: its reference says all there is).
  ActorRef resolve_name(std::string_view name, std::vector<Actor>& actors) const;
  // The CAMEO code of an ICEWS event name ("Make a visit" -> "042"), case-insensitive.
  std::optional<std::string> icews_event_code(std::string_view name) const;

  struct Impl;
  ~ActorResolver();

 private:
  ActorResolver();
  std::unique_ptr<Impl> impl_;
};

}  // namespace diplograph::import
