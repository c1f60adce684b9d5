// Two containers for the knowledge base's tens of thousands of names, which node-based maps and
// per-entry vectors made slow to build and to free: SmallList (one element inline) and
// FlatStringMap (one flat table, keys in one string). Not thread-safe to modify; const use is.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace diplograph::extract {

// A list that is nearly always of one element: that one is held inline, so that it allocates
// nothing until there are two.
template <class T>
class SmallList {
 public:
  const T* begin() const { return more_.empty() ? &one_ : more_.data(); }
  const T* end() const { return begin() + size(); }
  std::size_t size() const { return more_.empty() ? (has_one_ ? 1 : 0) : more_.size(); }
  bool empty() const { return size() == 0; }
  const T& front() const { return *begin(); }
  void push_back(const T& e) {
    if (!has_one_) {
      one_ = e;
      has_one_ = true;
      return;
    }
    if (more_.empty()) more_.push_back(one_);
    more_.push_back(e);
  }
  // Puts first the element that `same` picks, left as it is, or else `e`, inserted.
  template <class Same>
  void put_first(const T& e, Same same) {
    T* first = more_.empty() ? &one_ : more_.data();
    T* last = first + size();
    if (T* at = std::find_if(first, last, same); at != last) {
      std::rotate(first, at, at + 1);
      return;
    }
    if (!has_one_) {
      push_back(e);
      return;
    }
    if (more_.empty()) more_.push_back(one_);
    more_.insert(more_.begin(), e);
  }

 private:
  T one_{};
  bool has_one_ = false;
  std::vector<T> more_;  // every element, once there are two or more
};

// A map from strings to values: open addressing with linear probing, at most 60% full, keys
// in one string and values in one vector, so that nothing is allocated per entry. A reference
// from operator[] is valid until the next operator[].
template <class T>
class FlatStringMap {
 public:
  // The value of `key`; nullptr when absent.
  const T* find(std::string_view key) const {
    if (slots_.empty()) return nullptr;
    std::uint32_t h = hash(key);
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.value < 0) return nullptr;
      if (s.hash == h && key_of(s) == key) return &values_[static_cast<std::size_t>(s.value)];
    }
  }
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  // The value of `key`, made (default value) when new.
  T& operator[](std::string_view key) {
    if (5 * (values_.size() + 1) > 3 * slots_.size()) grow(2 * slots_.size());
    std::uint32_t h = hash(key);
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.value < 0) {
        s = Slot{h, static_cast<std::uint32_t>(keys_.size()), static_cast<std::uint32_t>(key.size()),
                 static_cast<std::int32_t>(values_.size())};
        keys_.append(key);
        return values_.emplace_back();
      }
      if (s.hash == h && key_of(s) == key) return values_[static_cast<std::size_t>(s.value)];
    }
  }
  std::size_t size() const { return values_.size(); }
  // Room for `keys` keys without rehashing.
  void reserve(std::size_t keys) {
    grow(keys * 5 / 3 + 1);
    values_.reserve(keys);
  }

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t key = 0;     // offset of the key in keys_
    std::uint32_t length = 0;  // of the key
    std::int32_t value = -1;   // index into values_; -1: a free slot
  };
  // FNV-1a, folded to 32 bits.
  static std::uint32_t hash(std::string_view key) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : key) h = (h ^ c) * 1099511628211ull;
    return static_cast<std::uint32_t>(h ^ (h >> 32));
  }
  std::string_view key_of(const Slot& s) const { return {keys_.data() + s.key, s.length}; }
  void grow(std::size_t min_slots) {
    std::size_t n = 16;
    while (n < min_slots) n *= 2;
    if (n <= slots_.size()) return;
    std::vector<Slot> old(n);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.value < 0) continue;
      std::size_t i = s.hash & (n - 1);
      while (slots_[i].value >= 0) i = (i + 1) & (n - 1);
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::string keys_;
  std::vector<T> values_;
};

}  // namespace diplograph::extract
