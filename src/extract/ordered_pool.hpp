// An ordered work pool: items produced on the calling thread are processed on N worker threads
// and their results consumed on the calling thread in production order. At most `window` items
// are in flight (queued, processing or waiting to be consumed), so memory stays bounded however
// long the input. Used by `diplograph extract` and the benchmark; header-only.
// Thread-safety: one run() per pool object; `work` must be safe to call concurrently.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace diplograph::extract {

template <class In, class Out>
class OrderedPool {
 public:
  // REQUIRES: threads >= 1, window >= threads.
  OrderedPool(std::size_t threads, std::size_t window)
      : threads_(std::max<std::size_t>(1, threads)), window_(std::max(window, threads_)) {}

  // Calls produce(push) once; each push(In) hands an item to the workers (blocking while the
  // window is full). Results go to consume(Out&&) in push order, on the calling thread, both while
  // producing and after. With one thread everything runs on the calling thread.
  void run(const std::function<void(const std::function<void(In&&)>&)>& produce,
           const std::function<Out(In&)>& work, const std::function<void(Out&&)>& consume) {
    if (threads_ == 1) {
      produce([&](In&& in) { consume(work(in)); });
      return;
    }
    std::vector<std::thread> workers;
    for (std::size_t t = 0; t < threads_; ++t)
      workers.emplace_back([&] {
        for (;;) {
          std::pair<std::size_t, In> job;
          {
            std::unique_lock<std::mutex> lock(mu_);
            cv_work_.wait(lock, [&] { return !queue_.empty() || done_; });
            if (queue_.empty()) return;
            job = std::move(queue_.front());
            queue_.pop_front();
          }
          Out out = work(job.second);
          {
            std::lock_guard<std::mutex> lock(mu_);
            ready_.emplace(job.first, std::move(out));
          }
          cv_ready_.notify_all();
        }
      });
    // Consumes every result that is next in order; with `until` set, waits until fewer than
    // `until` items are in flight.
    auto drain = [&](std::size_t until) {
      std::unique_lock<std::mutex> lock(mu_);
      for (;;) {
        auto it = ready_.find(next_out_);
        if (it != ready_.end()) {
          Out out = std::move(it->second);
          ready_.erase(it);
          ++next_out_;
          lock.unlock();
          consume(std::move(out));
          lock.lock();
          continue;
        }
        if (next_in_ - next_out_ < until) return;
        cv_ready_.wait(lock);
      }
    };
    produce([&](In&& in) {
      drain(window_);
      {
        std::lock_guard<std::mutex> lock(mu_);
        queue_.emplace_back(next_in_++, std::move(in));
      }
      cv_work_.notify_one();
    });
    drain(1);
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_work_.notify_all();
    for (auto& w : workers) w.join();
  }

 private:
  std::size_t threads_, window_;
  std::mutex mu_;
  std::condition_variable cv_work_, cv_ready_;
  std::deque<std::pair<std::size_t, In>> queue_;
  std::map<std::size_t, Out> ready_;
  std::size_t next_in_ = 0, next_out_ = 0;
  bool done_ = false;
};

}  // namespace diplograph::extract
