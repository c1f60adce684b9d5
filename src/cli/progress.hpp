// A one-line progress bar on stderr: done/total, rate and ETA. Draws only when stderr is a
// terminal, so logs and pipes stay clean. Not thread-safe: update from one thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace diplograph::cli {

class ProgressBar {
 public:
  // `unit` names what is counted ("events").
  explicit ProgressBar(std::string unit);
  ~ProgressBar();  // ends the line when something was drawn
  // `count` items done; `done` of `total` work units (bytes) for the bar and ETA (total 0:
  // unknown, no ETA).
  void update(std::uint64_t count, std::uint64_t done, std::uint64_t total);
  // Redraws the last update with `what` in place of the rate and ETA: a step that counts
  // nothing ("merging ..."), until the next update.
  void note(std::string_view what);
  // Ends the bar's line (when one was drawn), so that what is printed next starts on its own.
  void finish();
  bool active() const { return tty_; }

 private:
  void draw(const char* tail);
  std::string unit_;
  std::uint64_t count_ = 0, done_ = 0, total_ = 0;
  bool tty_ = false, drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace diplograph::cli
