#include <catch2/catch.hpp>

#include "model/data_rows.hpp"
#include "model/embedded_data.hpp"

using namespace diplograph;

namespace {

// Every row of `content` through the reader, columns joined by '|'.
Status read(std::string_view content, std::vector<std::string>& rows,
            std::vector<std::string>* header = nullptr) {
  return detail::for_each_row_in(
      "t.tsv", content, 2,
      [&](std::size_t line, std::vector<std::string>& c) {
        std::string row = std::to_string(line);
        for (const auto& col : c) row += "|" + col;
        rows.push_back(row);
        return Status();
      },
      header);
}

}  // namespace

TEST_CASE("DataRows: comments and the header are skipped, lines counted", "[model]") {
  std::vector<std::string> rows, header;
  REQUIRE(read("# a comment\nword\tclass\n\nthe\tdeterminer\r\nof\tpreposition\textra\n", rows,
               &header));
  CHECK(header == std::vector<std::string>{"word", "class"});
  CHECK(rows == std::vector<std::string>{"4|the|determiner", "5|of|preposition|extra"});
}

TEST_CASE("DataRows: a short row names its file and line", "[model]") {
  std::vector<std::string> rows;
  Status st = read("word\tclass\nthe\tdeterminer\nof\n", rows);
  CHECK(st.code() == StatusCode::kInvalidInput);
  CHECK(st.message() == "t.tsv:3: expected 2 columns");
}

TEST_CASE("DataRows: the callback's error stops the reading", "[model]") {
  Status st = detail::for_each_row_in(
      "t.tsv", "h\na\nb\n", 1, [](std::size_t line, std::vector<std::string>& c) {
        return Status::invalid_input(detail::where("t.tsv", line) + "bad " + c[0]);
      });
  CHECK(st.code() == StatusCode::kInvalidInput);
  CHECK(st.message() == "t.tsv:2: bad a");
}

TEST_CASE("DataRows: a missing built-in file is an error, not an empty table", "[model]") {
  Status st = detail::for_each_row("lexicon/no_such_file.tsv", 1,
                                   [](std::size_t, std::vector<std::string>&) { return Status(); });
  CHECK(st.code() == StatusCode::kInternal);
  CHECK(st.message() == "missing built-in data file lexicon/no_such_file.tsv");
}

TEST_CASE("DataRows: every built-in table reads", "[model]") {
  for (const auto& f : detail::embedded_files()) {
    if (f.path.size() < 4 || f.path.substr(f.path.size() - 4) == "json") continue;
    INFO(f.path);
    CHECK(detail::for_each_row(f.path, 1,
                               [](std::size_t, std::vector<std::string>&) { return Status(); }));
  }
}
