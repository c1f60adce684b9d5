#include "cli/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace diplograph::cli {

ProgressBar::ProgressBar(std::string unit)
    : unit_(std::move(unit)), tty_(::isatty(STDERR_FILENO) == 1),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

ProgressBar::~ProgressBar() {
  if (drawn_) std::fputs("\n", stderr);
}

void ProgressBar::update(std::uint64_t count, std::uint64_t done, std::uint64_t total) {
  if (!tty_) return;
  auto now = std::chrono::steady_clock::now();
  double secs = std::chrono::duration<double>(now - start_).count();
  double rate = secs > 0 ? count / secs : 0;
  char eta[32] = "";
  double frac = total > 0 ? std::min(1.0, static_cast<double>(done) / total) : 0;
  if (total > 0 && frac > 0) {
    long left = static_cast<long>(secs / frac - secs + 0.5);
    std::snprintf(eta, sizeof eta, " ETA %ld:%02ld", left / 60, left % 60);
  }
  constexpr int kWidth = 30;
  char bar[kWidth + 1];
  int fill = static_cast<int>(frac * kWidth);
  for (int i = 0; i < kWidth; ++i) bar[i] = i < fill ? '#' : (total > 0 ? '.' : ' ');
  bar[kWidth] = 0;
  std::fprintf(stderr, "\r[%s] %3d%% %llu %s  %.0f/s%s   ", bar, static_cast<int>(frac * 100),
               static_cast<unsigned long long>(count), unit_.c_str(), rate, eta);
  std::fflush(stderr);
  drawn_ = true;
  last_ = now;
}

}  // namespace diplograph::cli
