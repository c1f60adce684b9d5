// A flat hash index from 64-bit keys that are hashes already (actor ids, event ids) to 32-bit
// indexes. Used by the bulk import's hot loops, where std::unordered_map spends its time
// allocating a node per key. Its storage comes from malloc, not huge_pages.hpp: a chunk makes
// its indexes afresh, and the heap hands the last chunk's memory back without the kernel
// zeroing new pages for it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace diplograph::util {

inline constexpr std::uint32_t kNone = 0xffffffffu;

// Open addressing with linear probing, from 64-bit hash keys to indexes. The keys are ids that
// are hashes already (XXH3), so their bits are used as they are.
template <class Key, class KeyHash>
class FlatIndex {
 public:
  explicit FlatIndex(std::size_t expected = 16) {
    std::size_t cap = 16;
    while (cap < expected * 2) cap <<= 1;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
  }
  // The index of `key`, inserting `value` when absent; the bool says whether it was inserted.
  std::pair<std::uint32_t, bool> emplace(const Key& key, std::uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    for (std::size_t i = KeyHash{}(key) & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.value == kNone) {
        s.key = key;
        s.value = value;
        ++size_;
        return {value, true};
      }
      if (s.key == key) return {s.value, false};
    }
  }
  std::uint32_t find(const Key& key) const {
    for (std::size_t i = KeyHash{}(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.value == kNone) return kNone;
      if (s.key == key) return s.value;
    }
  }

 private:
  struct Slot {
    Key key{};
    std::uint32_t value = kNone;
  };
  void grow() {
    std::vector<Slot> old(slots_.size() * 2, Slot{});
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (const Slot& s : old)
      if (s.value != kNone) emplace(s.key, s.value);
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0, size_ = 0;
};

struct U64Hash {
  std::size_t operator()(std::uint64_t v) const { return v ^ (v >> 29); }
};

}  // namespace diplograph::util
