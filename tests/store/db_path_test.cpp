// What a database path may name (store/db_path.hpp): nothing, an empty directory or one of our
// databases; a file, a dangling link, a directory of something else or another program's RocksDB
// is refused, untouched.
#include <catch2/catch.hpp>
#include <rocksdb/db.h>

#include <filesystem>
#include <memory>

#include "diplograph/graph_store.hpp"
#include "store/db_path.hpp"
#include "support/test_support.hpp"

using namespace diplograph;
using namespace diplograph::test;
namespace fs = std::filesystem;

namespace {

// A RocksDB database of another program: the default column family and one of its own.
void foreign_rocksdb(const std::string& dir) {
  rocksdb::Options o;
  o.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  REQUIRE(rocksdb::DB::Open(o, dir, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  REQUIRE(db->Put(rocksdb::WriteOptions(), "theirs", "value").ok());
  REQUIRE(db->Close().ok());
}

Status open_for_writing(const std::string& dir) {
  auto s = GraphStore::open(dir);
  return s ? Status::ok() : s.error();
}

}  // namespace

TEST_CASE("Database path: absent, empty or ours is accepted", "[store]") {
  TempDir tmp;
  const std::string dir = (tmp.path() / "db").string();
  CHECK(*store::vet_database_path(dir) == store::DbPath::kAbsent);
  fs::create_directory(dir);
  CHECK(*store::vet_database_path(dir) == store::DbPath::kEmptyDir);
  REQUIRE(open_for_writing(dir));
  CHECK(*store::vet_database_path(dir) == store::DbPath::kDatabase);
  const std::string link = (tmp.path() / "link").string();
  fs::create_directory_symlink(dir, link);
  CHECK(*store::vet_database_path(link) == store::DbPath::kDatabase);
}

TEST_CASE("Database path: anything else is refused and left as it was", "[store]") {
  TempDir tmp;
  SECTION("an empty file") {
    const std::string file = (tmp.path() / "empty").string();
    write_file(file, "");
    Status st = open_for_writing(file);
    CHECK(st.code() == StatusCode::kInvalidInput);
    CHECK(st.message() ==
          "'" + file + "' is a file, not a diplograph database (--db names a directory)");
    CHECK(fs::is_regular_file(file));
    CHECK(fs::file_size(file) == 0);
  }
  SECTION("a dangling symbolic link") {
    const std::string link = (tmp.path() / "dangling").string();
    fs::create_symlink(tmp.path() / "nowhere", link);
    Status st = open_for_writing(link);
    CHECK(st.code() == StatusCode::kInvalidInput);
    CHECK(st.message() == "'" + link + "' is a dangling symbolic link, not a diplograph database");
    CHECK_FALSE(fs::exists(tmp.path() / "nowhere"));
  }
  SECTION("a non-empty directory of something else") {
    const fs::path dir = tmp.path() / "photos";
    fs::create_directory(dir);
    write_file(dir / "holiday.jpg", "jpeg");
    Status st = open_for_writing(dir.string());
    CHECK(st.code() == StatusCode::kInvalidInput);
    CHECK(st.message() == "'" + dir.string() +
                              "' is a directory that holds no diplograph database (give a new "
                              "or empty directory to make one)");
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
    CHECK(n == 1);
  }
  SECTION("another program's RocksDB") {
    const std::string dir = (tmp.path() / "theirs").string();
    foreign_rocksdb(dir);
    for (bool read_only : {false, true}) {
      StoreOptions o;
      o.read_only = read_only;
      auto s = GraphStore::open(dir, o);
      REQUIRE_FALSE(s);
      CHECK(s.error().code() == StatusCode::kInvalidInput);
      CHECK(s.error().message() == "'" + dir +
                                       "' is a RocksDB database that diplograph did not make (it "
                                       "has no 'actor' column family)");
    }
    std::vector<std::string> families;
    REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &families).ok());
    CHECK(families == std::vector<std::string>{"default"});  // not adopted
  }
}
