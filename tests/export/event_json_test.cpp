#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "diplograph/export.hpp"

using namespace diplograph;

namespace {

Event sample_call() {
  Event e;
  e.type = EventType::kCall;
  e.source = {actor_id_for("Sergei Lavrov"), "Sergei Lavrov", ActorKind::kPerson, "RUS", "RUSGOV"};
  e.target = ActorRef{actor_id_for("Antony Blinken"), "Antony Blinken", ActorKind::kPerson, "USA",
                      "USAGOV"};
  e.topics.push_back({actor_id_for("Afghanistan"), "Afghanistan", ActorKind::kState, "AFG", "AFG"});
  e.date = Date::from_ymd(2021, 8, 16);
  e.mentions.push_back({"doc-1", 4, 612, 121, "call.hold-phone-call-with", "Also on Monday, ..."});
  e.mentions.push_back({"doc-2", 0, 0, 50, "call.hold-phone-call-with", "Lavrov and Blinken spoke."});
  e.finalize();
  return e;
}

}  // namespace

TEST_CASE("EventJson: writes the fields of the DESIGN.md contract", "[export]") {
  auto j = nlohmann::json::parse(event_to_json(sample_call()));
  CHECK(j["type"] == "call");
  CHECK(j["cameo"] == "041");
  CHECK(j["quad_class"] == 1);
  CHECK(j["goldstein"] == 1.0);
  CHECK(j["source"]["name"] == "Sergei Lavrov");
  CHECK(j["source"]["kind"] == "person");
  CHECK(j["source"]["country"] == "RUS");
  CHECK(j["source"]["code"] == "RUSGOV");
  CHECK(j["target"]["name"] == "Antony Blinken");
  CHECK(j["topics"][0]["name"] == "Afghanistan");
  CHECK(j["date"] == "2021-08-16");
  CHECK(j["date_precision"] == "day");
  CHECK(j["status"] == "occurred");
  CHECK(j["sources"] == 2);
  CHECK(j["id"].get<std::string>().size() == 32);
  CHECK(j["mentions"][0]["doc"] == "doc-1");
  CHECK(j["mentions"][0]["offset"] == 612);
  CHECK(j["mentions"][0]["pattern"] == "call.hold-phone-call-with");
}

TEST_CASE("EventJson: a statement with no addressee has a null target", "[export]") {
  Event e;
  e.type = EventType::kStatement;
  e.source = {actor_id_for("Russia"), "Russia", ActorKind::kState, "RUS", "RUS"};
  e.date = Date::from_ymd(2021, 7, 1, DatePrecision::kMonth);
  e.finalize();
  auto j = nlohmann::json::parse(event_to_json(e));
  CHECK(j["target"].is_null());
  CHECK(j["date"] == "2021-07");
  CHECK(j["date_precision"] == "month");
}

TEST_CASE("EventJson: reading back what we write gives the same event", "[export]") {
  Event e = sample_call();
  auto back = event_from_json(event_to_json(e));
  REQUIRE(back);
  CHECK(back->id == e.id);
  CHECK(back->source.id == e.source.id);
  CHECK(back->target->id == e.target->id);
  CHECK(back->mentions.size() == 2);
  CHECK(event_to_json(*back) == event_to_json(e));
}

TEST_CASE("EventJson: actors by name alone, no id, get the canonical ids", "[export]") {
  auto e = event_from_json(
      R"({"type":"meeting","source":"Sergei Lavrov","target":{"name":"Wang Yi"},"date":"2021-07-14"})");
  REQUIRE(e);
  CHECK(e->source.id == actor_id_for("Sergei Lavrov"));
  CHECK(e->target->id == actor_id_for("wang yi"));
  CHECK(e->cameo == "044");
}

TEST_CASE("EventJson: bad records name the field", "[export]") {
  auto check_bad = [](const char* line, const char* field) {
    auto e = event_from_json(line);
    REQUIRE_FALSE(e);
    CHECK(e.error().code() == StatusCode::kInvalidInput);
    CHECK_THAT(e.error().message(), Catch::Contains(field));
  };
  check_bad(R"({"type":"phone","source":"A","date":"2021-01-01"})", "type");
  check_bad(R"({"type":"call","source":"A","date":"2021-02-30"})", "date");
  check_bad(R"({"type":"call","date":"2021-02-01"})", "source");
  check_bad(R"({"type":"call","cameo":"112","source":"A","date":"2021-02-01"})", "cameo");
  check_bad(R"({"type":"call","source":"A","date":"2021-02-01","mentions":[{"sentence":"x"}]})",
            "field");
  check_bad("not json", "JSON");
}
