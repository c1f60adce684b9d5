#include "export/output_file.hpp"

#include "diplograph/export.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace diplograph::detail {
namespace {

Status cannot_write(const std::string& path, int err) {
  return Status::io_error("cannot write " + path + ": " + std::strerror(err));
}

// Files get the mode a plain open(2) with 0666 would give them under the current umask.
mode_t file_mode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

}  // namespace

Status refuse_symlink(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode))
    return Status::invalid_input(path +
                                 " is a symbolic link: not written through it (remove it or "
                                 "choose another path)");
  return Status::ok();
}

Status make_temp_beside(const std::string& path, std::string& temp) {
  if (Status st = refuse_symlink(path); !st) return st;
  const std::filesystem::path target(path);
  const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
  std::string name = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  std::vector<char> buf(name.begin(), name.end());
  buf.push_back('\0');
  int fd = ::mkstemp(buf.data());
  if (fd < 0) return cannot_write(path, errno);
  ::fchmod(fd, file_mode());
  ::close(fd);
  temp.assign(buf.data());
  return Status::ok();
}

Status commit_temp(const std::string& temp, const std::string& path) {
  Status st = refuse_symlink(path);
  if (st && ::rename(temp.c_str(), path.c_str()) != 0) st = cannot_write(path, errno);
  if (!st) ::unlink(temp.c_str());
  return st;
}

Status write_file_atomically(const std::string& path, std::string_view content) {
  std::string temp;
  if (Status st = make_temp_beside(path, temp); !st) return st;
  int fd = ::open(temp.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  int err = fd < 0 ? errno : 0;
  for (std::size_t done = 0; err == 0 && done < content.size();) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) err = n < 0 ? errno : EIO;
    else done += static_cast<std::size_t>(n);
  }
  // fsync: some filesystems (NFS, quotas) report a full disk only when the data is written out.
  if (err == 0 && ::fsync(fd) != 0 && errno != EINVAL) err = errno;
  if (fd >= 0 && ::close(fd) != 0 && err == 0) err = errno;
  if (err != 0) {
    ::unlink(temp.c_str());
    return cannot_write(path, err);
  }
  return commit_temp(temp, path);
}

}  // namespace diplograph::detail

namespace diplograph {

Status write_output_file(const std::string& path, std::string_view content) {
  return detail::write_file_atomically(path, content);
}

}  // namespace diplograph
