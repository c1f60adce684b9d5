// Helpers shared by the tests: temporary directories, fixture files, ../shared, running the CLI.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace diplograph::test {

// A fresh directory under the system temp dir, removed (with its contents) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// tests/data/<relative>.
std::filesystem::path data_path(const std::string& relative);
std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& content);

// ../shared/<relative> when it exists; nullopt (and the caller SKIPs with a message) otherwise.
std::optional<std::filesystem::path> shared_path(const std::string& relative);

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};
// Runs the built `diplograph` binary with `args` (a shell-quoted string), optionally with
// DIPLOGRAPH_DB set, capturing stdout and stderr.
RunResult run_cli(const std::string& args, const std::string& db_dir = "");
// Quotes one argument for the shell.
std::string quote(const std::string& arg);
// The example articles of examples/ (the three JSON Lines files), quoted for the shell, each
// followed by a space: what `diplograph ingest` of the examples takes.
std::string example_files();
// The same files as paths.
std::vector<std::string> example_paths();

}  // namespace diplograph::test

// Marks a test as skipped (Catch2 v2 has no SKIP): prints why and returns.
#define DIPLOGRAPH_SKIP(msg)                          \
  do {                                                \
    WARN("SKIPPED: " << msg);                         \
    return;                                           \
  } while (0)
