// util::HugeVector and util::FlatIndex, the bulk import's large arrays: contents survive growth
// past the huge-page size, small and large blocks are freed by the way they were allocated, and
// the index finds what it holds and nothing else.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>

#include "util/flat_index.hpp"
#include "util/huge_pages.hpp"

using namespace diplograph;

TEST_CASE("HugeVector: grows from small blocks into huge pages and keeps its contents", "[util]") {
  util::HugeVector<std::uint64_t> v;
  for (std::uint64_t i = 0; i < 3'000'000; ++i) v.push_back(i * 7);  // 24 MB, through every size
  for (std::uint64_t i = 0; i < v.size(); i += 4099) REQUIRE(v[i] == i * 7);
  CHECK(reinterpret_cast<std::uintptr_t>(v.data()) % util::kHugePage == 0);
  v.resize(10);
  v.shrink_to_fit();  // back to a small block
  CHECK(v.back() == 63);
  util::HugeVector<char> bytes(util::kHugePage + 1, 'a');  // just past a whole huge page
  bytes.back() = 'z';
  CHECK(std::memchr(bytes.data(), 'z', bytes.size()) == &bytes.back());
}

TEST_CASE("FlatIndex: finds what it holds after growing, and nothing else", "[util]") {
  util::FlatIndex<std::uint64_t, util::U64Hash> index(4);
  for (std::uint64_t k = 1; k <= 200000; ++k) {
    auto [value, added] = index.emplace(k * 0x9E3779B97F4A7C15ull, static_cast<std::uint32_t>(k));
    REQUIRE(added);
    REQUIRE(value == k);
  }
  CHECK_FALSE(index.emplace(5 * 0x9E3779B97F4A7C15ull, 1).second);
  CHECK(index.find(5 * 0x9E3779B97F4A7C15ull) == 5);
  CHECK(index.find(12345) == util::kNone);
}
