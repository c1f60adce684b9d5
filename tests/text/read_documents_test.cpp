#include <catch2/catch.hpp>

#include "diplograph/document.hpp"
#include "support/test_support.hpp"

using namespace diplograph;

namespace {
struct Collected {
  std::vector<Document> docs;
  std::vector<RecordError> errors;
};
Collected read(const std::string& path, ReadOptions o = {}) {
  Collected c;
  auto st = read_documents(path, o, [&](Document&& d) { c.docs.push_back(std::move(d)); },
                           [&](RecordError&& e) { c.errors.push_back(std::move(e)); });
  REQUIRE(st.is_ok());
  return c;
}
}  // namespace

TEST_CASE("Reader: JSON Lines records, bad lines reported with their line numbers", "[text]") {
  auto path = test::data_path("text/mixed.jsonl").string();
  auto c = read(path);
  REQUIRE(c.docs.size() == 2);
  CHECK(c.docs[0].id == "a1");
  CHECK(c.docs[0].title == "T");
  // Titles count as text: the title opens it as a paragraph of its own.
  CHECK(c.docs[0].text == "T\n\nUkraine's foreign minister spoke.");
  CHECK(c.docs[0].published.to_string() == "2022-02-28");
  CHECK(c.docs[1].id == "a4");
  REQUIRE(c.errors.size() == 2);
  CHECK(c.errors[0].line == 2);
  CHECK(c.errors[1].line == 3);
  CHECK(c.errors[1].to_string().rfind(path + ":3: ", 0) == 0);
}

TEST_CASE("Reader: a byte that is not UTF-8 makes its JSON Lines record bad, not the file",
          "[text]") {
  test::TempDir dir;
  auto f = dir.path() / "news.jsonl";
  std::string content;
  for (int i = 0; i < 61; ++i) {
    content += "{\"id\":\"r" + std::to_string(i) +
               "\",\"date\":\"2021-08-16\",\"text\":\"The minister spoke.\"}\n";
    if (i == 2) content += "{\"id\":\"bad\",\"date\":\"2021-08-16\",\"text\":\"caf\xE9\"}\n";
    if (i == 5) content += std::string("{\"id\":\"nul\",\"text\":\"a\0b\"}\n", 26);
  }
  test::write_file(f, content);
  auto c = read(f.string());
  CHECK(c.docs.size() == 61);
  REQUIRE(c.errors.size() == 2);
  CHECK(c.errors[0].line == 4);
  CHECK(c.errors[0].message == "not UTF-8 text (byte 44 of the line)");
  CHECK(c.errors[1].line == 8);
  CHECK(c.errors[1].message.rfind("not UTF-8 text", 0) == 0);
}

TEST_CASE("Reader: missing file, directory and binary file are invalid input", "[text]") {
  test::TempDir dir;
  auto bin = dir.path() / "x.txt";
  test::write_file(bin, std::string("abc\0def", 7));
  for (const auto& p : {(dir.path() / "missing.txt").string(), dir.str(), bin.string()}) {
    int called = 0;
    auto st = read_documents(p, {}, [&](Document&&) { ++called; }, [&](RecordError&&) { ++called; });
    CHECK(st.code() == StatusCode::kInvalidInput);
    CHECK(st.message().rfind(p + ": ", 0) == 0);
    CHECK(called == 0);
  }
}

TEST_CASE("Reader: plain text takes --date, else a dateline, else reports the document", "[text]") {
  test::TempDir dir;
  auto f = dir.path() / "a.txt";
  test::write_file(f, "Monday, August 16, 2021\n\nThe minister spoke.\n");
  auto c = read(f.string());
  REQUIRE(c.docs.size() == 1);
  CHECK(c.docs[0].id == f.string());
  CHECK(c.docs[0].published.to_string() == "2021-08-16");
  ReadOptions o;
  o.date = Date::from_ymd(2020, 1, 2);
  CHECK(read(f.string(), o).docs[0].published.to_string() == "2020-01-02");
  test::write_file(f, "MOSCOW, Aug 16 (Reuters) - The minister spoke.\n");
  auto none = read(f.string());
  CHECK(none.docs.empty());
  REQUIRE(none.errors.size() == 1);
  CHECK(none.errors[0].message == "no publication date; give --date");
}

TEST_CASE("Reader: input formats by name", "[text]") {
  CHECK(input_format_from_string("jsonl") == InputFormat::kJsonl);
  CHECK(input_format_from_string("text") == InputFormat::kText);
  CHECK_FALSE(input_format_from_string("xml").has_value());
}
