// CTest registers each test case by name (catch_discover_tests), reading Catch's list as a CMake
// list: a ';' in a name splits it into two names that match no test, and the case silently never
// runs under ctest. Keep every name free of it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

TEST_CASE("Test names: none holds a semicolon, which would hide it from ctest", "[support]") {
  std::vector<std::string> bad;
  for (const Catch::TestCase& test : Catch::getRegistryHub().getTestCaseRegistry().getAllTests()) {
    if (test.name.find(';') != std::string::npos) bad.push_back(test.name);
  }
  CAPTURE(bad);
  CHECK(bad.empty());
}
