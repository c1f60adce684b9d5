#include "support/test_support.hpp"

#include <sys/wait.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace diplograph::test {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  auto base = std::filesystem::temp_directory_path();
  for (;;) {
    auto p = base / ("diplograph-test-" + std::to_string(rd()) + "-" + std::to_string(counter++));
    if (std::filesystem::create_directory(p)) {
      path_ = p;
      return;
    }
  }
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::filesystem::path data_path(const std::string& relative) {
  return std::filesystem::path(DIPLOGRAPH_TEST_DATA_DIR) / relative;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::optional<std::filesystem::path> shared_path(const std::string& relative) {
  auto p = std::filesystem::path(DIPLOGRAPH_SHARED_DIR) / relative;
  if (std::filesystem::exists(p)) return p;
  return std::nullopt;
}

std::string quote(const std::string& arg) {
  std::string q = "'";
  for (char c : arg) {
    if (c == '\'')
      q += "'\\''";
    else
      q += c;
  }
  return q + "'";
}

std::vector<std::string> example_paths() {
  std::vector<std::string> out;
  for (const char* f : {"afghanistan-2021-08-16.jsonl", "taliban-delegations-2021-07.jsonl",
                        "merkel-moscow-2021-08-20.jsonl"})
    out.push_back(std::string(DIPLOGRAPH_SOURCE_DIR) + "/examples/" + f);
  return out;
}

std::string example_files() {
  std::string all;
  for (const std::string& f : example_paths()) all += quote(f) + " ";
  return all;
}

RunResult run_cli(const std::string& args, const std::string& db_dir) {
  TempDir tmp;
  auto out_path = tmp.path() / "out";
  auto err_path = tmp.path() / "err";
  std::string cmd;
  if (!db_dir.empty()) cmd += "DIPLOGRAPH_DB=" + quote(db_dir) + " ";
  cmd += quote(DIPLOGRAPH_BINARY) + " " + args + " >" + quote(out_path.string()) + " 2>" +
         quote(err_path.string()) + " </dev/null";
  int rc = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

}  // namespace diplograph::test
