// The writer lock of a database directory: `diplograph.lock`, held with flock() for the life of
// a writable GraphStore and holding the writer's pid, so that a second writer is told who writes
// instead of RocksDB's bare "lock file" error. The kernel drops the lock when the process dies,
// even by SIGKILL, so a crash never leaves a stale lock. Thread-safety: none needed (one owner).
#pragma once

#include <memory>
#include <string>

#include "diplograph/status.hpp"

namespace diplograph::store {

class WriterLock {
 public:
  // Takes the lock in `dir` (which must exist). kIoError "database DIR is being written by
  // process N" when another process holds it.
  static Result<std::unique_ptr<WriterLock>> acquire(const std::string& dir);
  // Whether a writer holds the lock in `dir` now, in this process or another. Read-only: it opens
  // the lock file for reading and holds a shared lock for an instant (acquire waits that out).
  static bool held(const std::string& dir);
  ~WriterLock();
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  explicit WriterLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace diplograph::store
