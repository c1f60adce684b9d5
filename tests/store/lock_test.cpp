// WriterLock (src/store/lock.hpp): what a read-only open asks before it waits for a writer.
#include <catch2/catch.hpp>

#include "store/lock.hpp"
#include "support/test_support.hpp"

using diplograph::store::WriterLock;
using diplograph::test::TempDir;

TEST_CASE("WriterLock: held says whether a writer holds the lock", "[store]") {
  TempDir tmp;
  CHECK_FALSE(WriterLock::held(tmp.str()));  // no lock file yet
  {
    auto lock = WriterLock::acquire(tmp.str());
    REQUIRE(lock.has_value());
    CHECK(WriterLock::held(tmp.str()));
    // Asking does not take the lock from the writer, nor leave it taken.
    auto second = WriterLock::acquire(tmp.str());
    REQUIRE_FALSE(second.has_value());
    CHECK_THAT(second.error().message(), Catch::Contains("is being written by process"));
  }
  CHECK_FALSE(WriterLock::held(tmp.str()));
  auto again = WriterLock::acquire(tmp.str());
  CHECK(again.has_value());
}
