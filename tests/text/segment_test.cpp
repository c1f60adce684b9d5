#include <catch2/catch.hpp>

#include "support/test_support.hpp"
#include "text/segment.hpp"

using namespace diplograph;

namespace {
std::vector<std::string> sentence_texts(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& s : text::news_sentences(text)) out.push_back(text.substr(s.begin, s.end - s.begin));
  return out;
}
}  // namespace

TEST_CASE("Segment: abbreviations do not end sentences", "[text]") {
  auto s = sentence_texts(
      "Mr. Smith met Gen. Jones on Jan. 5 in the U.S. capital. The U.N. envoy J. Doe left. "
      "He said \"no.\" Then it rained.");
  REQUIRE(s.size() == 4);
  CHECK(s[0] == "Mr. Smith met Gen. Jones on Jan. 5 in the U.S. capital.");
  CHECK(s[1] == "The U.N. envoy J. Doe left.");
  CHECK(s[2] == "He said \"no.\"");
  CHECK(s[3] == "Then it rained.");
}

TEST_CASE("Segment: tokens keep byte offsets and split the possessive", "[text]") {
  std::string t = "Russia\xE2\x80\x99s envoy \xE2\x80\x93 Kyiv, inter-Afghan";
  auto toks = text::tokenize(t, 0, static_cast<std::uint32_t>(t.size()));
  REQUIRE(toks.size() == 7);
  CHECK(toks[0].norm == "russia");
  CHECK(toks[1].norm == "'s");
  CHECK(toks[3].norm == "-");
  CHECK(toks[6].norm == "interafghan");  // hyphens fold like normalize_name
  CHECK(t.substr(toks[4].begin, toks[4].end - toks[4].begin) == "Kyiv");
}

TEST_CASE("Segment: boilerplate paragraphs are dropped", "[text]") {
  std::string t = diplograph::test::read_file(diplograph::test::data_path("extract/appeal.txt"));
  auto s = sentence_texts(t);
  REQUIRE(s.size() == 1);
  CHECK(s[0].find("Cavusoglu met") != std::string::npos);
}

TEST_CASE("Segment: a first-person sentence is dropped, third-person news kept", "[text]") {
  auto s = sentence_texts(
      "The minister met his counterpart in Paris on Monday. He said \"we will talk again.\" "
      "Follow the story as we update it.");
  REQUIRE(s.size() == 2);
  CHECK(s[1] == "He said \"we will talk again.\"");
}

TEST_CASE("Segment: 'US' in capitals is a country, not the reader", "[text]") {
  auto s = sentence_texts("The US imposed sanctions on the company. Tell us what you think.");
  REQUIRE(s.size() == 1);
  CHECK(s[0] == "The US imposed sanctions on the company.");
}

TEST_CASE("Segment: a run with no full stop is cut at kMaxSentenceTokens after a comma", "[text]") {
  std::string text;
  for (int i = 0; i < 600; ++i) text += "Russia met China, ";  // 4 tokens a clause
  auto sents = text::news_sentences(text);
  REQUIRE(sents.size() >= 5);
  std::size_t tokens = 0;
  for (const auto& s : sents) {
    CHECK(s.tokens.size() <= text::kMaxSentenceTokens);
    CHECK(s.tokens.back().norm == ",");  // cut after a comma, not inside a clause
    tokens += s.tokens.size();
  }
  CHECK(tokens == 2400);  // nothing lost or doubled
  CHECK(sents.back().end == text.size() - 1);
}
