#include <catch2/catch.hpp>

#include "support/test_support.hpp"
#include "text/dateline.hpp"
#include "text/segment.hpp"

using namespace diplograph;

namespace {
std::vector<std::string> sentence_texts(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& s : text::news_sentences(text)) out.push_back(text.substr(s.begin, s.end - s.begin));
  return out;
}
std::string dateline(const std::string& text) {
  auto d = text::find_dateline(text);
  return d ? d->to_string() : "-";
}
}  // namespace

TEST_CASE("Dateline: the forms news pages open with", "[text]") {
  CHECK(dateline("Friday, January 4, 2019\n\nThe minister spoke.") == "2019-01-04");
  CHECK(dateline("16 August 2021 | World\n\nThe minister spoke.") == "2021-08-16");
  CHECK(dateline("WASHINGTON, Aug. 16, 2021 - The minister spoke.") == "2021-08-16");
  CHECK(dateline("Posted 2021-08-16 09:00\nThe minister spoke.") == "2021-08-16");
  CHECK(dateline("Sept. 3, 2020 (Example) - The minister spoke.") == "2020-09-03");
  // A day and month with no year is no publication date.
  CHECK(dateline("MOSCOW, Aug 16 (Reuters) - The minister spoke.") == "-");
  CHECK(dateline("The minister spoke on February 30, 2021.") == "-");
}

TEST_CASE("Boilerplate: credits, link lists, share buttons and notices are dropped", "[text]") {
  auto s = sentence_texts(test::read_file(test::data_path("text/boilerplate.txt")));
  REQUIRE(s.size() == 3);
  CHECK(s[0] == "Ministers meet in Vienna");
  CHECK(s[1].rfind("VIENNA, Aug 16 (Example) - The foreign ministers", 0) == 0);
  CHECK(s[2].rfind("The two ministers agreed", 0) == 0);
}

TEST_CASE("Segment: U.S. ends a sentence only before a clear sentence opener", "[text]") {
  auto s = sentence_texts(
      "The envoy flew to the U.S. He met officials there. Talks with the U.S. Senate went well. "
      "Sen. Smith and Rep. Jones met Dr. Brown at No. 10 on St. Patrick's Day. "
      "President John F. Kennedy said \"Ich bin ein Berliner.\" - a famous line. "
      "The U.N. envoy left.");
  REQUIRE(s.size() == 6);
  CHECK(s[0] == "The envoy flew to the U.S.");
  CHECK(s[1] == "He met officials there.");
  CHECK(s[2] == "Talks with the U.S. Senate went well.");
  CHECK(s[3].rfind("Sen. Smith and Rep. Jones met Dr. Brown at No. 10", 0) == 0);
  CHECK(s[4].rfind("President John F. Kennedy said", 0) == 0);
  CHECK(s[5] == "The U.N. envoy left.");
}
