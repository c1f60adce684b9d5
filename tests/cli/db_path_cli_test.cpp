// End-to-end: --db must name nothing (a new database), an empty directory or one of ours; a file,
// a dangling link, a directory of something else or another program's RocksDB exits 2 with a
// message and is left as it was.
#include <catch2/catch.hpp>
#include <rocksdb/db.h>

#include <filesystem>
#include <memory>

#include "support/test_support.hpp"

using namespace diplograph::test;
namespace fs = std::filesystem;

namespace {

std::string example() {
  return quote(std::string(DIPLOGRAPH_SOURCE_DIR) + "/examples/afghanistan-2021-08-16.jsonl");
}

}  // namespace

TEST_CASE("CLI: --db refuses what is not a diplograph database", "[cli]") {
  TempDir tmp;
  const fs::path file = tmp.path() / "empty-file";
  write_file(file, "");
  const fs::path dangling = tmp.path() / "dangling";
  fs::create_symlink(tmp.path() / "nowhere", dangling);
  const fs::path other = tmp.path() / "other";
  fs::create_directory(other);
  write_file(other / "notes.txt", "mine");
  const fs::path theirs = tmp.path() / "theirs";
  {
    rocksdb::Options o;
    o.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    REQUIRE(rocksdb::DB::Open(o, theirs.string(), &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    REQUIRE(db->Close().ok());
  }
  const std::pair<fs::path, std::string> cases[] = {
      {file, " is a file, not a diplograph database (--db names a directory)"},
      {dangling, " is a dangling symbolic link, not a diplograph database"},
      {other,
       " is a directory that holds no diplograph database (give a new or empty directory to "
       "make one)"},
      {theirs, " is a RocksDB database that diplograph did not make (it has no 'actor' column "
               "family)"},
  };
  for (const auto& [path, what] : cases) {
    INFO(path.string());
    const std::string expected = "diplograph: '" + path.string() + "'" + what + "\n";
    auto r = run_cli("ingest --quiet --db " + quote(path.string()) + " " + example());
    CHECK(r.exit_code == 2);
    CHECK(r.err == expected);
    r = run_cli("stats --db " + quote(path.string()));
    CHECK(r.exit_code == 2);
    CHECK(r.err == expected);
  }
  CHECK(fs::file_size(file) == 0);
  CHECK_FALSE(fs::exists(tmp.path() / "nowhere"));
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(other)) ++n;
  CHECK(n == 1);
  std::vector<std::string> families;
  REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), theirs.string(), &families).ok());
  CHECK(families == std::vector<std::string>{"default"});

  SECTION("an empty directory becomes a database; a database opens") {
    const fs::path empty = tmp.path() / "empty-dir";
    fs::create_directory(empty);
    auto r = run_cli("ingest --quiet --db " + quote(empty.string()) + " " + example());
    CHECK(r.exit_code == 0);
    r = run_cli("stats --db " + quote(empty.string()));
    CHECK(r.exit_code == 0);
  }
}
