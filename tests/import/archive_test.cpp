// Compressed event files: a truncated or damaged .gz or .zip is an error naming the file (exit 3),
// never an early end, and no line of the damaged tail comes out; zip archives are read whole
// (several members, zip64), their CRCs checked.
#include <archive.h>
#include <archive_entry.h>
#include <zlib.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "import/gdelt_icews_source.hpp"
#include "support/test_support.hpp"

using namespace diplograph;
using namespace diplograph::test;

namespace {

// Three GDELT 2.0 rows (61 columns), the last with a URL, as the samples have them.
std::string gdelt_rows() {
  std::string out;
  for (int i = 1; i <= 3; ++i) {
    std::vector<std::string> f(61);
    f[0] = std::to_string(880000000 + i);
    f[1] = "2018102" + std::to_string(i);
    f[5] = "CHN", f[6] = "CHINA", f[7] = "CHN";
    f[15] = "JPN", f[16] = "JAPAN", f[17] = "JPN";
    f[26] = "036", f[29] = "1", f[30] = "4.0";
    f[59] = f[1] + "143000";
    f[60] = "https://example.org/news/" + std::to_string(i) + "/a-long-enough-url-to-cut";
    for (std::size_t k = 0; k < f.size(); ++k) out += (k ? "\t" : "") + f[k];
    out += "\n";
  }
  return out;
}

std::string gzip(const std::string& text) {
  TempDir tmp;
  const std::string path = (tmp.path() / "x.gz").string();
  gzFile g = gzopen(path.c_str(), "wb");
  REQUIRE(g);
  REQUIRE(gzwrite(g, text.data(), static_cast<unsigned>(text.size())) ==
          static_cast<int>(text.size()));
  REQUIRE(gzclose(g) == Z_OK);
  return read_file(path);
}

struct Member {
  std::string name, text;
};

// A zip archive written by libarchive: deflated members, or stored ones (`store`); `zip64` forces
// the zip64 extensions.
std::string zip(const std::vector<Member>& members, bool store = false, bool zip64 = false) {
  TempDir tmp;
  const std::string path = (tmp.path() / "x.zip").string();
  archive* a = archive_write_new();
  REQUIRE(archive_write_set_format_zip(a) == ARCHIVE_OK);
  if (store) REQUIRE(archive_write_set_options(a, "zip:compression=store") == ARCHIVE_OK);
  if (zip64) REQUIRE(archive_write_set_options(a, "zip:zip64") == ARCHIVE_OK);
  REQUIRE(archive_write_open_filename(a, path.c_str()) == ARCHIVE_OK);
  for (const Member& m : members) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, m.name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(m.text.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    REQUIRE(archive_write_header(a, e) == ARCHIVE_OK);
    REQUIRE(archive_write_data(a, m.text.data(), m.text.size()) ==
            static_cast<la_ssize_t>(m.text.size()));
    archive_entry_free(e);
  }
  REQUIRE(archive_write_close(a) == ARCHIVE_OK);
  archive_write_free(a);
  return read_file(path);
}

// Every line LineReader gives for `path` until the end or an error (returned, OK at the end).
Status read_all(const std::string& path, std::vector<std::string>& lines) {
  auto reader = import::LineReader::open(path);
  if (!reader) return reader.error();
  for (;;) {
    std::vector<std::string> got;
    auto n = (*reader)->read_lines(got, 2);
    if (!n) return n.error();
    if (*n == 0) return Status::ok();
    lines.insert(lines.end(), got.begin(), got.end());
  }
}

std::set<std::string> lines_of(const std::string& text) {
  std::set<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.insert(line);
  return out;
}

}  // namespace

TEST_CASE("Archives: a .gz cut anywhere is an error, and no cut line comes out", "[import]") {
  TempDir tmp;
  const std::string text = gdelt_rows();
  const std::string packed = gzip(text);
  const auto whole = lines_of(text);
  const std::string path = (tmp.path() / "t.CSV.gz").string();
  for (std::size_t cut = 0; cut < packed.size(); ++cut) {
    write_file(path, packed.substr(0, cut));
    std::vector<std::string> lines;
    Status st = read_all(path, lines);
    INFO("cut at " << cut << " of " << packed.size());
    CHECK(st.code() == StatusCode::kIoError);
    CHECK_THAT(st.message(), Catch::StartsWith("truncated or damaged gzip data ("));
    for (const std::string& l : lines) CHECK(whole.count(l) == 1);
  }
  write_file(path, packed);
  std::vector<std::string> lines;
  REQUIRE(read_all(path, lines));
  CHECK(lines.size() == 3);

  SECTION("a bad CRC") {
    std::string bad = packed;
    bad[bad.size() - 8] ^= 0x01;  // the trailer: CRC-32, then the length
    write_file(path, bad);
    lines.clear();
    Status st = read_all(path, lines);
    CHECK(st.code() == StatusCode::kIoError);
    CHECK(st.message() == "truncated or damaged gzip data (zlib: incorrect data check)");
  }
  SECTION("plain text with another name still reads") {
    const std::string plain = (tmp.path() / "t.CSV").string();
    write_file(plain, text);
    lines.clear();
    CHECK(read_all(plain, lines));
    CHECK(lines.size() == 3);
  }
}

TEST_CASE("Archives: a .zip cut anywhere is an error, and no cut line comes out", "[import]") {
  TempDir tmp;
  const std::string text = gdelt_rows();
  const auto whole = lines_of(text);
  const std::string path = (tmp.path() / "t.CSV.zip").string();
  for (bool store : {false, true}) {
    const std::string packed = zip({{"t.CSV", text}}, store);
    for (std::size_t cut = 0; cut < packed.size(); ++cut) {
      write_file(path, packed.substr(0, cut));
      std::vector<std::string> lines;
      Status st = read_all(path, lines);
      INFO((store ? "stored" : "deflated") << ", cut at " << cut << " of " << packed.size());
      CHECK(st.code() == StatusCode::kIoError);
      CHECK_THAT(st.message(), Catch::Contains("truncated or damaged zip archive"));
      for (const std::string& l : lines) CHECK(whole.count(l) == 1);
    }
  }
  SECTION("a bad CRC in a stored member") {
    std::string bad = zip({{"t.CSV", text}}, true);
    const std::size_t at = bad.find("CHINA");
    REQUIRE(at != std::string::npos);
    bad[at] = 'X';
    write_file(path, bad);
    std::vector<std::string> lines;
    Status st = read_all(path, lines);
    CHECK(st.code() == StatusCode::kIoError);
    CHECK_THAT(st.message(), Catch::StartsWith("truncated or damaged zip archive, member t.CSV "
                                               "(libarchive: ") &&
                                 Catch::Contains("CRC"));
  }
}

TEST_CASE("Archives: every member of a zip is read, in order, zip64 too", "[import]") {
  TempDir tmp;
  const std::string path = (tmp.path() / "two.zip").string();
  for (bool zip64 : {false, true}) {
    // The first member's last line has no newline: it still ends there.
    write_file(path, zip({{"a.CSV", "a1\na2"}, {"dir/b.CSV", "b1\nb2\n"}}, false, zip64));
    std::vector<std::string> lines;
    REQUIRE(read_all(path, lines));
    CHECK(lines == std::vector<std::string>{"a1", "a2", "b1", "b2"});
  }
  write_file(path, zip({}));
  std::vector<std::string> lines;
  CHECK(read_all(path, lines));
  CHECK(lines.empty());
}

TEST_CASE("CLI: a truncated .gz or .zip exits 3 naming the file and stores nothing of it",
          "[import][cli]") {
  TempDir tmp;
  const std::string text = gdelt_rows();
  for (bool is_zip : {false, true}) {
    const std::string packed = is_zip ? zip({{"t.CSV", text}}) : gzip(text);
    const std::string name = is_zip ? "t.export.CSV.zip" : "t.export.CSV.gz";
    const std::string path = (tmp.path() / name).string();
    // Cut points in the header, the data and the trailer (the unit test above tries them all).
    for (std::size_t cut : {std::size_t{1}, std::size_t{12}, packed.size() / 2, packed.size() - 30,
                            packed.size() - 1}) {
      INFO(name << " cut at " << cut << " of " << packed.size());
      write_file(path, packed.substr(0, cut));
      const std::string db = (tmp.path() / ("db" + std::to_string(cut) + name)).string();
      auto r = run_cli("ingest --quiet --db " + quote(db) + " " + quote(path));
      CHECK(r.exit_code == 3);
      CHECK_THAT(r.err, Catch::StartsWith("diplograph: " + path + ": truncated or damaged " +
                                          (is_zip ? "zip archive" : "gzip data")));
      // Nothing stored: the whole file then imports as new.
      write_file(path, packed);
      r = run_cli("ingest --db " + quote(db) + " " + quote(path));
      CHECK(r.exit_code == 0);
      auto s = run_cli("stats --json --db " + quote(db));
      REQUIRE(s.exit_code == 0);
      CHECK(nlohmann::json::parse(s.out)["mentions"] == 3);
    }
  }
  SECTION("a zip with two members imports both") {
    std::string rows = gdelt_rows();
    const std::size_t second = rows.find('\n') + 1;
    const std::string path = (tmp.path() / "two.export.CSV.zip").string();
    write_file(path, zip({{"a.CSV", rows.substr(0, second)}, {"b.CSV", rows.substr(second)}}));
    const std::string db = (tmp.path() / "two.db").string();
    auto r = run_cli("ingest --quiet --db " + quote(db) + " " + quote(path));
    INFO(r.err);
    CHECK(r.exit_code == 0);
    auto s = run_cli("stats --json --db " + quote(db));
    REQUIRE(s.exit_code == 0);
    CHECK(nlohmann::json::parse(s.out)["mentions"] == 3);
  }
}
