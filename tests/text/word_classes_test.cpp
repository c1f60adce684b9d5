#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "model/data_rows.hpp"
#include "model/embedded_data.hpp"
#include "text/word_classes.hpp"

using namespace diplograph;

TEST_CASE("WordClasses: the file describes every class its rows use, and no other", "[text]") {
  std::string_view content = *detail::embedded_file("lexicon/word_classes.tsv");
  std::set<std::string> described, used;
  // Header lines "#   name  what it means"; continuation lines are indented further.
  for (const auto& line : detail::split(content, '\n'))
    if (line.size() > 4 && line.compare(0, 4, "#   ") == 0 && line[4] != ' ')
      described.insert(line.substr(4, line.find(' ', 4) - 4));
  REQUIRE(detail::for_each_row_in("word_classes.tsv", content, 2,
                                  [&](std::size_t, std::vector<std::string>& c) {
                                    for (const auto& name : detail::split(c[1], ','))
                                      used.insert(name);
                                    return Status();
                                  }));
  CHECK(described == used);
  REQUIRE(text::WordClasses::load());
}

TEST_CASE("WordClasses: a word's classes, a class's words", "[text]") {
  const text::WordClasses& words = text::word_classes();
  CHECK(words.is("of", text::kPreposition));
  CHECK(words.is("of", text::kDeterminer | text::kGenitive));
  CHECK_FALSE(words.is("of", text::kDeterminer));
  CHECK_FALSE(words.is("Of", text::kPreposition));  // token norms are lower case
  CHECK_FALSE(words.is("embassy", text::kPreposition));
  CHECK(words.words(text::kWater) == std::vector<std::string>{"sea", "ocean", "gulf"});
  CHECK(words.words(text::kDemonymEnding).front() == "-ian");
}
