// Runs GraphViz's `dot` as a child process (no shell), DOT text on its standard input.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

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

}  // namespace

Status render_graphviz(const std::string& dot_text, const std::string& format,
                       const std::string& out_path) {
  if (format != "svg" && format != "png" && format != "pdf")
    return Status::invalid_input("unsupported GraphViz format '" + format + "'");
  std::string dot = find_on_path("dot");
  if (dot.empty())
    return Status::not_found("GraphViz 'dot' is not installed (apt-get install graphviz)");
  int pipefd[2];
  if (::pipe(pipefd) != 0) return Status::io_error(std::string("pipe: ") + std::strerror(errno));
  std::string type_arg = "-T" + format;
  std::string out_arg = "-o" + out_path;
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(pipefd[0]);
    ::close(pipefd[1]);
    return Status::io_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::dup2(pipefd[0], STDIN_FILENO);
    ::close(pipefd[0]);
    ::close(pipefd[1]);
    std::vector<char*> argv = {const_cast<char*>(dot.c_str()), type_arg.data(), out_arg.data(),
                               nullptr};
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
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0 || write_failed)
    return Status::io_error("GraphViz 'dot' failed to write " + out_path);
  return Status::ok();
}

}  // namespace diplograph
