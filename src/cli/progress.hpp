// A one-line progress bar on stderr: done/total, rate and ETA. Draws only when stderr is a
// terminal, so logs and pipes stay clean. Not thread-safe: update from one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace diplograph::cli {

class ProgressBar {
 public:
  // `unit` names what is counted ("events").
  explicit ProgressBar(std::string unit);
  ~ProgressBar();  // ends the line when something was drawn
  // `count` items done; `done` of `total` work units (bytes) for the bar and ETA (total 0:
  // unknown, no ETA).
  void update(std::uint64_t count, std::uint64_t done, std::uint64_t total);
  bool active() const { return tty_; }

 private:
  std::string unit_;
  bool tty_ = false, drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace diplograph::cli
