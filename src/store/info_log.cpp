// open_info_log (info_log.hpp).
#include "store/info_log.hpp"

#include <fcntl.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <ctime>

namespace diplograph::store {

namespace {

class InfoLog : public rocksdb::Logger {
 public:
  explicit InfoLog(int fd) : fd_(fd) {}
  ~InfoLog() override {
    if (fd_ >= 0) ::close(fd_);
  }

  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    if (fd_ < 0) return;
    char line[1024];
    timeval now;
    ::gettimeofday(&now, nullptr);
    tm t;
    ::localtime_r(&now.tv_sec, &t);
    int n = std::snprintf(line, sizeof line, "%04d/%02d/%02d-%02d:%02d:%02d.%06ld ",
                          t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min,
                          t.tm_sec, static_cast<long>(now.tv_usec));
    va_list copy;
    va_copy(copy, ap);
    int m = std::vsnprintf(line + n, sizeof line - static_cast<std::size_t>(n) - 1, format, copy);
    va_end(copy);
    std::size_t len = static_cast<std::size_t>(n) +
                      std::min<std::size_t>(m < 0 ? 0 : static_cast<std::size_t>(m),
                                            sizeof line - static_cast<std::size_t>(n) - 2);
    if (len == 0 || line[len - 1] != '\n') line[len++] = '\n';
    // One write of an O_APPEND file: lines of several threads do not interleave. A full disk
    // loses the line, and nothing else happens.
    (void)!::write(fd_, line, len);
  }

 private:
  int fd_;
};

}  // namespace

std::shared_ptr<rocksdb::Logger> open_info_log(const std::string& dir) {
  const std::string path = dir + "/LOG";
  timeval now;
  ::gettimeofday(&now, nullptr);
  const std::string old =
      dir + "/LOG.old." +
      std::to_string(static_cast<long long>(now.tv_sec) * 1000000 + now.tv_usec);
  (void)::rename(path.c_str(), old.c_str());  // none yet: ENOENT
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  return std::make_shared<InfoLog>(fd);
}

std::shared_ptr<rocksdb::Logger> null_info_log() { return std::make_shared<InfoLog>(-1); }

}  // namespace diplograph::store
