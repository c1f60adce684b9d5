// Runs GraphViz's `dot` as a child process (no shell), DOT text on its standard input.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "diplograph/export.hpp"

namespace diplograph {
namespace {

// The path of `name` on $PATH, or "" when it is not installed.
std::string find_on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    if (!dir.empty()) {
      std::string candidate = dir + "/" + name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    start = end + 1;
  }
  return "";
}

// The line of GraphViz's messages that says what went wrong: the first "Error" line, else the
// first line; on one line, shortened.
std::string first_error(const std::string& messages) {
  std::string pick;
  std::size_t start = 0;
  while (start < messages.size()) {
    std::size_t end = messages.find('\n', start);
    if (end == std::string::npos) end = messages.size();
    std::string line = messages.substr(start, end - start);
    if (pick.empty() && !line.empty()) pick = line;
    if (line.find("Error") != std::string::npos || line.find("error") != std::string::npos) {
      pick = line;
      break;
    }
    start = end + 1;
  }
  if (pick.size() > 200) pick = pick.substr(0, 200) + "...";
  return pick;
}

}  // namespace

Status render_graphviz(const std::string& dot_text, const std::string& format,
                       const std::string& out_path, const std::string& layout) {
  if (format != "svg" && format != "png" && format != "pdf")
    return Status::invalid_input("unsupported GraphViz format '" + format + "'");
  if (layout.empty() || layout.size() > 32 ||
      !std::all_of(layout.begin(), layout.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    return Status::invalid_input("GraphViz layout '" + layout + "' is not a layout engine name");
  std::string dot = find_on_path("dot");
  if (dot.empty())
    return Status::not_found("GraphViz 'dot' is not installed (apt-get install graphviz)");

  // GraphViz writes beside the target (same file system, so the rename is atomic) ...
  namespace fs = std::filesystem;
  fs::path target(out_path);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::string tmp_name = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  int tmp_fd = ::mkstemp(tmp_name.data());
  if (tmp_fd < 0)
    return Status::io_error("cannot write " + out_path + ": " + std::strerror(errno));
  // mkstemp makes the file private; the drawing gets the mode any new file would.
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(tmp_fd, 0666 & ~mask);
  ::close(tmp_fd);
  // ... and its messages go to an unnamed file, quoted when it fails.
  char err_name[] = "/tmp/diplograph-dot-err-XXXXXX";
  int err_fd = ::mkstemp(err_name);
  if (err_fd >= 0) ::unlink(err_name);

  int pipefd[2];
  if (::pipe(pipefd) != 0) {
    ::unlink(tmp_name.c_str());
    if (err_fd >= 0) ::close(err_fd);
    return Status::io_error(std::string("pipe: ") + std::strerror(errno));
  }
  std::string type_arg = "-T" + format;
  std::string layout_arg = "-K" + layout;
  std::string out_arg = "-o" + tmp_name;
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(pipefd[0]);
    ::close(pipefd[1]);
    ::unlink(tmp_name.c_str());
    if (err_fd >= 0) ::close(err_fd);
    return Status::io_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::dup2(pipefd[0], STDIN_FILENO);
    ::close(pipefd[0]);
    ::close(pipefd[1]);
    if (err_fd >= 0) {
      ::dup2(err_fd, STDERR_FILENO);
      ::close(err_fd);
    }
    std::vector<char*> argv = {const_cast<char*>(dot.c_str()), layout_arg.data(), type_arg.data(),
                               out_arg.data(), nullptr};
    ::execv(dot.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(pipefd[0]);
  // A dot that dies early must not kill us with SIGPIPE.
  struct sigaction ignore {}, old {};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &old);
  const char* p = dot_text.data();
  std::size_t left = dot_text.size();
  bool write_failed = false;
  while (left > 0) {
    ssize_t n = ::write(pipefd[1], p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      write_failed = true;
      break;
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  ::close(pipefd[1]);
  ::sigaction(SIGPIPE, &old, nullptr);
  int wstatus = 0;
  while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  std::string messages;
  if (err_fd >= 0) {
    ::lseek(err_fd, 0, SEEK_SET);
    char buf[4096];
    ssize_t n;
    while (messages.size() < 64 * 1024 && (n = ::read(err_fd, buf, sizeof buf)) > 0)
      messages.append(buf, static_cast<std::size_t>(n));
    ::close(err_fd);
  }
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0 || write_failed) {
    ::unlink(tmp_name.c_str());
    std::string why = first_error(messages);
    if (why.empty())
      why = WIFSIGNALED(wstatus) ? "killed by signal " + std::to_string(WTERMSIG(wstatus))
                                 : "exit status " + std::to_string(WEXITSTATUS(wstatus));
    return Status::io_error("GraphViz (dot -K" + layout + ") failed: " + why +
                            "; nothing was written to " + out_path);
  }
  if (::rename(tmp_name.c_str(), out_path.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp_name.c_str());
    return Status::io_error("cannot write " + out_path + ": " + std::strerror(e));
  }
  return Status::ok();
}

}  // namespace diplograph
