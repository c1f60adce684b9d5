#include "cli/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace diplograph::cli {

ProgressBar::ProgressBar(std::string unit)
    : unit_(std::move(unit)), tty_(::isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::finish() {
  if (drawn_) std::fputs("\n", stderr);
  drawn_ = false;
}

void ProgressBar::update(std::uint64_t count, std::uint64_t done, std::uint64_t total) {
  if (!tty_) return;
  count_ = count;
  done_ = done;
  total_ = total;
  auto now = std::chrono::steady_clock::now();
  double secs = std::chrono::duration<double>(now - start_).count();
  double rate = secs > 0 ? count / secs : 0;
  char tail[64];
  int n = std::snprintf(tail, sizeof tail, "%.0f/s", rate);
  double frac = total > 0 ? std::min(1.0, static_cast<double>(done) / total) : 0;
  if (total > 0 && frac > 0) {
    long left = static_cast<long>(secs / frac - secs + 0.5);
    std::snprintf(tail + n, sizeof tail - n, " ETA %ld:%02ld", left / 60, left % 60);
  }
  draw(tail);
}

void ProgressBar::note(std::string_view what) {
  if (!tty_) return;
  draw(std::string(what).append("...").c_str());
}

void ProgressBar::draw(const char* tail) {
  constexpr int kWidth = 30;
  const double frac = total_ > 0 ? std::min(1.0, static_cast<double>(done_) / total_) : 0;
  char bar[kWidth + 1];
  int fill = static_cast<int>(frac * kWidth);
  for (int i = 0; i < kWidth; ++i) bar[i] = i < fill ? '#' : (total_ > 0 ? '.' : ' ');
  bar[kWidth] = 0;
  // "\033[K" clears what a longer earlier line left to the right.
  std::fprintf(stderr, "\r[%s] %3d%% %llu %s  %s\033[K", bar, static_cast<int>(frac * 100),
               static_cast<unsigned long long>(count_), unit_.c_str(), tail);
  std::fflush(stderr);
  drawn_ = true;
}

}  // namespace diplograph::cli
