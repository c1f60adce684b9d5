// Memory for the large, long-lived arrays of a bulk import (name caches, key indexes, key and
// value arenas, Bloom filters): blocks of 2 MB or more come from mmap, 2 MB aligned and advised into transparent huge pages, so that
// touching them for the first time costs one page fault per 2 MB instead of one per 4 kB (each
// about 10 us on a virtual machine; a new import's first chunk spent a third of its time in
// them). Smaller blocks come from operator new. Thread-safe.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <new>
#include <utility>
#include <vector>

namespace diplograph::util {

inline constexpr std::size_t kHugePage = std::size_t{2} << 20;

// `bytes` rounded up to whole huge pages, 2 MB aligned; nullptr when the system has no memory.
inline void* huge_pages_alloc(std::size_t bytes) {
  const std::size_t size = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  // Map one page more and cut the ends off, so that the block starts on a 2 MB boundary.
  void* raw = ::mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return nullptr;
  const auto at = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t start = (at + kHugePage - 1) & ~(kHugePage - 1);
  if (start > at) ::munmap(raw, start - at);
  if (const std::size_t tail = at + kHugePage - start) ::munmap(reinterpret_cast<void*>(start + size), tail);
  ::madvise(reinterpret_cast<void*>(start), size, MADV_HUGEPAGE);
  return reinterpret_cast<void*>(start);
}

inline void huge_pages_free(void* p, std::size_t bytes) {
  if (p) ::munmap(p, (bytes + kHugePage - 1) / kHugePage * kHugePage);
}

// One owned block of huge pages; zero until written (fresh mmap memory). Move-only.
class HugeBlock {
 public:
  HugeBlock() = default;
  explicit HugeBlock(std::size_t bytes)
      : data_(static_cast<char*>(huge_pages_alloc(bytes))), size_(bytes) {
    if (!data_) throw std::bad_alloc();
  }
  ~HugeBlock() { huge_pages_free(data_, size_); }
  HugeBlock(HugeBlock&& o) noexcept
      : data_(std::exchange(o.data_, nullptr)), size_(std::exchange(o.size_, 0)) {}
  HugeBlock& operator=(HugeBlock&& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    return *this;
  }
  char* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  char* data_ = nullptr;
  std::size_t size_ = 0;
};

template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: converting, as allocators are

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return static_cast<T*>(::operator new(bytes));
    void* p = huge_pages_alloc(bytes);
    if (!p) throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) ::operator delete(p);
    else huge_pages_free(p, bytes);
  }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
  template <class U>
  bool operator!=(const HugePageAllocator<U>&) const { return false; }
};

// A vector whose storage, once large, sits in huge pages.
template <class T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace diplograph::util
