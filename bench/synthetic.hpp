// Synthetic event sets with a heavy-tailed degree distribution, for the query benchmarks and for
// comparison with other tools. Actor i (0-based) is chosen with weight (i + 1)^-0.9, so at 100k
// actors / 1M events the busiest actor is in ~90k events and the median one in ~5; dates are
// uniform over 1999-2024 (26 years), so the busiest actor has ~3,500 events a year.
// Deterministic: the same arguments give the same events. Header-only; bench/ only.
#pragma once

#include <cmath>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "diplograph/event.hpp"

namespace diplograph::bench {

struct SyntheticSpec {
  std::size_t actors = 100000;
  std::size_t events = 1000000;
  double exponent = 0.9;
  std::uint64_t seed = 42;
  int first_year = 1999, years = 26;
};

inline std::string actor_name(std::size_t i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "Actor %06zu", i);
  return buf;
}

inline Actor synthetic_actor(std::size_t i) {
  static const ActorKind kinds[] = {ActorKind::kPerson, ActorKind::kState,
                                    ActorKind::kGovernment, ActorKind::kOrganization,
                                    ActorKind::kArmedGroup};
  Actor a;
  a.name = actor_name(i);
  a.id = actor_id_for(a.name);
  a.kind = kinds[i % 5];
  return a;
}

// Calls `fn` with each event in generation order. Event i mentions document "syn-<i / 10000>".
inline void generate(const SyntheticSpec& spec, const std::function<void(const Event&)>& fn) {
  std::vector<double> cumulative(spec.actors);
  double total = 0;
  for (std::size_t i = 0; i < spec.actors; ++i) {
    total += std::pow(static_cast<double>(i + 1), -spec.exponent);
    cumulative[i] = total;
  }
  std::mt19937_64 rng(spec.seed);
  std::uniform_real_distribution<double> pick(0, total);
  auto draw = [&] {
    auto it = std::lower_bound(cumulative.begin(), cumulative.end(), pick(rng));
    return static_cast<std::size_t>(std::min<std::ptrdiff_t>(it - cumulative.begin(),
                                                             spec.actors - 1));
  };
  const std::int32_t first = Date::from_ymd(spec.first_year, 1, 1).days;
  const std::int32_t last = Date::from_ymd(spec.first_year + spec.years - 1, 12, 31).days;
  std::uniform_int_distribution<std::int32_t> day(first, last);
  static const EventType types[] = {EventType::kCall,      EventType::kMeeting,
                                    EventType::kVisit,     EventType::kHost,
                                    EventType::kStatement, EventType::kAgreement,
                                    EventType::kCriticize, EventType::kNegotiate};
  std::uniform_int_distribution<int> type(0, 7), status(0, 99);
  std::vector<Actor> cache(spec.actors);
  auto actor = [&](std::size_t i) -> const Actor& {
    if (cache[i].id == 0) cache[i] = synthetic_actor(i);
    return cache[i];
  };
  for (std::size_t n = 0; n < spec.events; ++n) {
    std::size_t s = draw(), t = draw();
    while (t == s) t = draw();
    Event e;
    e.type = types[type(rng)];
    e.source = ActorRef::of(actor(s));
    e.target = ActorRef::of(actor(t));
    e.date = Date{day(rng), DatePrecision::kDay};
    int st = status(rng);
    e.status = st < 90 ? EventStatus::kOccurred : st < 98 ? EventStatus::kPlanned
                                                          : EventStatus::kDenied;
    Mention m;
    m.doc = "syn-" + std::to_string(n / 10000);
    m.sentence = static_cast<std::uint32_t>(n % 10000);
    m.text = e.source.name + " " + std::string(to_string(e.type)) + " " + e.target->name + ".";
    m.length = static_cast<std::uint32_t>(m.text.size());
    m.pattern = "synthetic";
    e.mentions.push_back(std::move(m));
    e.finalize();
    fn(e);
  }
}

}  // namespace diplograph::bench
