// WriterLock (lock.hpp).
#include "store/lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace diplograph::store {

Result<std::unique_ptr<WriterLock>> WriterLock::acquire(const std::string& dir) {
  const std::string path = dir + "/diplograph.lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status::io_error("cannot open " + path + ": " + std::strerror(errno));
  // A reader asking held() keeps a shared lock for microseconds: try a few times before
  // reporting another writer.
  int got = -1;
  for (int attempt = 0; attempt < 20 && (got = ::flock(fd, LOCK_EX | LOCK_NB)) != 0; ++attempt) {
    if (errno != EWOULDBLOCK) break;
    ::usleep(2000);
  }
  if (got != 0) {
    int err = errno;
    char buf[32] = {0};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    ::close(fd);
    if (err != EWOULDBLOCK) return Status::io_error("cannot lock " + path + ": " + std::strerror(err));
    std::string pid = n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "";
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    return Status::io_error("database " + dir + " is being written by process " +
                            (pid.empty() ? std::string("(unknown)") : pid));
  }
  std::string me = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, me.data(), me.size(), 0) < 0) {
    ::close(fd);
    return Status::io_error("cannot write " + path + ": " + std::strerror(errno));
  }
  return std::unique_ptr<WriterLock>(new WriterLock(fd));
}

bool WriterLock::held(const std::string& dir) {
  const std::string path = dir + "/diplograph.lock";
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;  // no writer has ever locked this store
  bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);  // releases the shared lock, if taken
  return held;
}

WriterLock::~WriterLock() { ::close(fd_); }  // closing releases the flock

}  // namespace diplograph::store
