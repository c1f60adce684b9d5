// LineReader::read_block, which the CSV import reads its blocks with: whole lines only, in
// order, none lost or doubled across blocks and across the reader's 1 MB reads, a last line
// without its newline given one, and the same lines read_lines gives.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "import/gdelt_icews_source.hpp"
#include "support/test_support.hpp"

using namespace diplograph;
using namespace diplograph::test;

namespace {

std::string write_file(const TempDir& tmp, const std::string& name, const std::string& text) {
  const std::string path = (tmp.path() / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// Every block of `per_block` lines, read until the end.
std::vector<std::string> blocks_of(const std::string& path, std::size_t per_block,
                                   std::vector<std::size_t>& counts) {
  auto reader = import::LineReader::open(path);
  REQUIRE(reader);
  std::vector<std::string> blocks;
  for (;;) {
    std::string block;
    auto got = (*reader)->read_block(block, per_block);
    REQUIRE(got);
    if (*got == 0) {
      CHECK(block.empty());
      break;
    }
    blocks.push_back(block);
    counts.push_back(*got);
  }
  return blocks;
}

}  // namespace

TEST_CASE("LineReader: read_block gives whole lines across reads, and what read_lines gives",
          "[import]") {
  TempDir tmp;
  // Lines of varied length, about 3 MB: several of the reader's 1 MB reads end mid-line.
  std::string text;
  std::vector<std::string> lines;
  for (int i = 0; i < 40000; ++i) {
    std::string line = "line " + std::to_string(i) + "," + std::string(static_cast<std::size_t>(i % 150), 'x');
    if (i % 7 == 0) line += "\r";
    lines.push_back(line);
    text += line + "\n";
  }
  for (bool final_newline : {true, false}) {
    DYNAMIC_SECTION("final newline: " << final_newline) {
      std::string body = final_newline ? text : text.substr(0, text.size() - 1);
      const std::string path = write_file(tmp, final_newline ? "a.csv" : "b.csv", body);
      for (std::size_t per_block : {std::size_t{1}, std::size_t{999}, std::size_t{40000},
                                    std::size_t{100000}}) {
        std::vector<std::size_t> counts;
        auto blocks = blocks_of(path, per_block, counts);
        std::string joined;
        std::size_t total = 0;
        for (std::size_t b = 0; b < blocks.size(); ++b) {
          CHECK(blocks[b].back() == '\n');
          CHECK(counts[b] <= per_block);
          if (b + 1 < blocks.size()) CHECK(counts[b] == per_block);
          CHECK(static_cast<std::size_t>(std::count(blocks[b].begin(), blocks[b].end(), '\n')) ==
                counts[b]);
          joined += blocks[b];
          total += counts[b];
        }
        CHECK(total == lines.size());
        CHECK(joined == text);  // the last line gained its newline; "\r" kept
      }
      auto reader = import::LineReader::open(path);
      REQUIRE(reader);
      std::vector<std::string> got;
      REQUIRE((*reader)->read_lines(got, 1000000));
      REQUIRE(got.size() == lines.size());
      for (std::size_t i = 0; i < lines.size(); i += 997) {
        std::string want = lines[i];
        if (!want.empty() && want.back() == '\r') want.pop_back();
        CHECK(got[i] == want);
      }
    }
  }
  SECTION("an empty file has no block") {
    std::vector<std::size_t> counts;
    CHECK(blocks_of(write_file(tmp, "empty.csv", ""), 10, counts).empty());
  }
}

TEST_CASE("LineReader: a line past the limit is read past and given empty, its number kept",
          "[import]") {
  TempDir tmp;
  // The long line once held whole in a read, once longer than any read (read past in pieces).
  for (std::size_t n : {std::size_t{5000}, std::size_t{3} << 20}) {
    INFO(n);
    const std::string path =
        write_file(tmp, "long.csv", "a,b\n" + std::string(n, 'x') + "\nc,d\n");
    SECTION("read_lines " + std::to_string(n)) {
      auto reader = import::LineReader::open(path);
      REQUIRE(reader);
      (*reader)->set_max_line_bytes(1000);
      std::vector<std::string> lines;
      auto got = (*reader)->read_lines(lines, 10);
      REQUIRE(got);
      CHECK(lines == std::vector<std::string>{"a,b", "", "c,d"});
      CHECK((*reader)->take_too_long() == std::vector<std::uint64_t>{2});
      CHECK((*reader)->take_too_long().empty());
      CHECK_THAT((*reader)->too_long_message(), Catch::Contains("longer than 1000 bytes"));
    }
    SECTION("read_block " + std::to_string(n)) {
      auto reader = import::LineReader::open(path);
      REQUIRE(reader);
      (*reader)->set_max_line_bytes(1000);
      std::string block;
      auto got = (*reader)->read_block(block, 10);
      REQUIRE(got);
      CHECK(*got == 3);
      CHECK(block == "a,b\n\nc,d\n");
      CHECK((*reader)->take_too_long() == std::vector<std::uint64_t>{2});
    }
  }
  SECTION("a line at the limit is read") {
    const std::string path =
        write_file(tmp, "long.csv", "a,b\n" + std::string(5000, 'x') + "\nc,d\n");
    auto reader = import::LineReader::open(path);
    REQUIRE(reader);
    (*reader)->set_max_line_bytes(5000);
    std::vector<std::string> lines;
    auto got = (*reader)->read_lines(lines, 10);
    REQUIRE(got);
    CHECK(*got == 3);
  }
}
