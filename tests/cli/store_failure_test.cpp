// End-to-end tests of the store's failures (issue 17): a full disk during an ingest or a bulk
// import, a damaged store, a --db whose parent is missing. They run the real binary.
// The full disk is a small tmpfs when this process may mount one (root in a VM or a privileged
// container); otherwise a file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored) makes writes fail with
// EFBIG, which the store treats the same way.
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/test_support.hpp"

using namespace diplograph::test;
namespace fs = std::filesystem;

namespace {

// `n` synthetic news articles (JSON Lines), four sentences each between well-known actors, each
// article and sentence distinct.
void write_news(const fs::path& path, int n) {
  const char* const actors[] = {"Russian Foreign Minister Sergei Lavrov",
                                "U.S. Secretary of State Antony Blinken",
                                "Chinese Foreign Minister Wang Yi",
                                "German Chancellor Angela Merkel",
                                "Russian President Vladimir Putin",
                                "French President Emmanuel Macron"};
  const char* const verbs[] = {"held a phone call with", "met", "criticized",
                               "signed an agreement with", "accused", "hosted"};
  std::ofstream out(path);
  unsigned r = 12345;
  auto next = [&r](unsigned m) { return (r = r * 1103515245u + 12345u) / 65536u % m; };
  for (int i = 0; i < n; ++i) {
    std::string text;
    for (int k = 0; k < 4; ++k) {
      unsigned a = next(6), b = (a + 1 + next(5)) % 6;
      text += std::string(actors[a]) + " " + verbs[next(6)] + " " + actors[b] +
              " on Monday, officials said in report " + std::to_string(i) + "-" +
              std::to_string(k) + ".\\n\\n";
    }
    char date[16];
    std::snprintf(date, sizeof date, "20%02d-%02d-%02d", 10 + i / 336 % 10, 1 + i / 28 % 12,
                  1 + i % 28);
    out << "{\"id\": \"gen-" << i << "\", \"title\": \"Report " << i << "\", \"date\": \"" << date
        << "\", \"source\": \"synthetic\", \"url\": \"\", \"text\": \"" << text << "\"}\n";
  }
}

// `n` rows of a CSV edge list (source,target,date,type) over 200 actors.
void write_edges(const fs::path& path, int n) {
  const char* const types[] = {"consult", "visit", "call", "agreement", "criticize"};
  std::ofstream out(path);
  out << "source,target,date,type\n";
  unsigned r = 777;
  auto next = [&r](unsigned m) { return (r = r * 1103515245u + 12345u) / 65536u % m; };
  for (int i = 0; i < n; ++i) {
    unsigned a = next(200), b = (a + 1 + next(199)) % 200;
    char date[16];
    std::snprintf(date, sizeof date, "2014-%02u-%02u", 1 + next(12), 1 + next(28));
    out << "Actor " << a << ",Actor " << b << "," << date << "," << types[next(5)] << "\n";
  }
}

// Runs the binary with `args` and `env` (NAME=VALUE), writes at most `fsize` bytes per file when
// nonzero (SIGXFSZ ignored, so a write past it fails with EFBIG), stdin from /dev/null.
RunResult run_limited(const std::vector<std::string>& args, std::size_t fsize,
                      const std::vector<std::string>& env = {}) {
  TempDir tmp;
  const std::string out_path = (tmp.path() / "out").string();
  const std::string err_path = (tmp.path() / "err").string();
  pid_t pid = ::fork();
  if (pid == 0) {
    int in = ::open("/dev/null", O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (fsize) {
      ::signal(SIGXFSZ, SIG_IGN);
      rlimit limit{fsize, fsize};
      ::setrlimit(RLIMIT_FSIZE, &limit);
    }
    for (const auto& e : env) ::putenv(const_cast<char*>(e.c_str()));
    std::vector<char*> argv{const_cast<char*>(DIPLOGRAPH_BINARY)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(DIPLOGRAPH_BINARY, argv.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  RunResult r;
  // A signal (SIGABRT from an assertion) shows as 128 + N, as a shell would say it.
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

// A directory that fills up: a tmpfs of `bytes` when mounting works, else a plain directory
// whose writers get a file-size limit (limit()).
class SmallDisk {
 public:
  explicit SmallDisk(std::size_t bytes) : bytes_(bytes) {
    fs::create_directories(tmp_.path() / "disk");
    if (std::getenv("DIPLOGRAPH_TEST_NO_TMPFS") == nullptr)
      mounted_ = ::mount("tmpfs", dir().c_str(), "tmpfs", 0, options(bytes).c_str()) == 0;
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(dir().c_str(), MNT_DETACH);
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;

  std::string dir() const { return (tmp_.path() / "disk").string(); }
  bool tmpfs() const { return mounted_; }
  // The file-size limit for the writers: none on a tmpfs, which fills up by itself.
  std::size_t limit() const { return mounted_ || grown_ ? 0 : bytes_; }
  // What a write past the space fails with.
  const char* error() const { return mounted_ ? "No space left on device" : "File too large"; }
  // Room again, as after a user freed space.
  void grow() {
    grown_ = true;
    if (mounted_)
      REQUIRE(::mount("tmpfs", dir().c_str(), "tmpfs", MS_REMOUNT, options(256 << 20).c_str()) ==
              0);
  }

 private:
  static std::string options(std::size_t bytes) { return "size=" + std::to_string(bytes); }
  TempDir tmp_;
  std::size_t bytes_;
  bool mounted_ = false;
  bool grown_ = false;
};

std::string sorted_lines(const std::string& s) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t nl; (nl = s.find('\n', start)) != std::string::npos; start = nl + 1)
    lines.push_back(s.substr(start, nl - start));
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// Fills `disk` with an ingest of `input`, expects exit 3 naming the error and the database, a
// consistent store, and after grow() a re-run whose export equals an ingest into room enough.
void fill_then_resume(SmallDisk& disk, const fs::path& input,
                      const std::vector<std::string>& env) {
  const std::string db = disk.dir() + "/x.db";
  auto r = run_limited({"ingest", "--quiet", "--db", db, input.string()}, disk.limit(), env);
  INFO(r.err);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Contains(disk.error()) && Catch::Contains(db));
  CHECK(r.err.find("Assertion") == std::string::npos);
  disk.grow();
  // Whatever the failed run left is a consistent store (or none, when the disk filled at once).
  if (fs::exists(fs::path(db) / "CURRENT")) {
    auto c = run_limited({"check", "--db", db}, 0);
    INFO(c.err);
    CHECK(c.exit_code == 0);
  }
  r = run_limited({"ingest", "--quiet", "--db", db, input.string()}, 0, env);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto c = run_limited({"check", "--db", db}, 0);
  INFO(c.err);
  CHECK(c.exit_code == 0);

  TempDir ref;
  const std::string ref_db = (ref.path() / "ref.db").string();
  REQUIRE(run_limited({"ingest", "--quiet", "--db", ref_db, input.string()}, 0, env).exit_code ==
          0);
  auto want = run_limited({"export", "--format", "jsonl", "--db", ref_db}, 0);
  auto got = run_limited({"export", "--format", "jsonl", "--db", db}, 0);
  REQUIRE(want.exit_code == 0);
  REQUIRE(got.exit_code == 0);
  CHECK(!want.out.empty());
  CHECK(sorted_lines(got.out) == sorted_lines(want.out));
}

}  // namespace

TEST_CASE("Store failure: a full disk during a text ingest exits 3, and the re-run completes",
          "[cli][store]") {
  TempDir tmp;
  write_news(tmp.path() / "news.jsonl", 1500);
  SmallDisk disk(768 << 10);
  INFO((disk.tmpfs() ? "tmpfs" : "RLIMIT_FSIZE"));
  fill_then_resume(disk, tmp.path() / "news.jsonl", {});
}

TEST_CASE("Store failure: a full disk during a bulk import exits 3, and the re-run completes",
          "[cli][store]") {
  TempDir tmp;
  write_edges(tmp.path() / "edges.csv", 15000);
  SECTION("chunks as write batches") {
    SmallDisk disk(512 << 10);
    INFO((disk.tmpfs() ? "tmpfs" : "RLIMIT_FSIZE"));
    fill_then_resume(disk, tmp.path() / "edges.csv", {"DIPLOGRAPH_IMPORT_CHUNK=2000"});
  }
  SECTION("chunks as SST files") {
    SmallDisk disk(512 << 10);
    INFO((disk.tmpfs() ? "tmpfs" : "RLIMIT_FSIZE"));
    fill_then_resume(disk, tmp.path() / "edges.csv",
                     {"DIPLOGRAPH_IMPORT_CHUNK=2000", "DIPLOGRAPH_SST_MIN=1"});
  }
}

TEST_CASE("Store failure: a damaged store fails every command at once, naming the file",
          "[cli][store]") {
  TempDir tmp;
  write_edges(tmp.path() / "edges.csv", 3000);
  const std::string db = (tmp.path() / "x.db").string();
  REQUIRE(run_limited({"ingest", "--quiet", "--db", db, (tmp.path() / "edges.csv").string()}, 0,
                      {"DIPLOGRAPH_SST_MIN=1"})
              .exit_code == 0);
  fs::path sst;
  for (const auto& e : fs::directory_iterator(db))
    if (e.path().extension() == ".sst" && (sst.empty() || e.file_size() > fs::file_size(sst)))
      sst = e.path();
  REQUIRE(!sst.empty());
  SECTION("a truncated table file") { fs::resize_file(sst, fs::file_size(sst) / 2); }
  SECTION("a deleted table file") { fs::remove(sst); }
  const std::vector<std::vector<std::string>> commands = {
      {"stats"},
      {"timeline", "Actor 1"},
      {"path", "Actor 1", "Actor 2"},
      {"check"},
      {"export", "--format", "jsonl"},
  };
  for (auto args : commands) {
    args.insert(args.end(), {"--db", db});
    const auto start = std::chrono::steady_clock::now();
    auto r = run_limited(args, 0);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    INFO(args[0] << ": " << r.err);
    CHECK(r.exit_code == 3);
    CHECK_THAT(r.err, Catch::Contains(sst.filename().string()) && Catch::Contains("damaged") &&
                          Catch::Contains("restore"));
    CHECK(seconds < 5);  // a hang guard; a damaged store used to take 6 s of retries
  }
}

TEST_CASE("Store failure: --db makes the database directory, not its missing parents",
          "[cli][store]") {
  TempDir tmp;
  const fs::path missing = tmp.path() / "nonexistent" / "deep";
  auto r = run_limited({"ingest", "--quiet", "--db", (missing / "x.db").string(),
                        std::string(DIPLOGRAPH_SOURCE_DIR) + "/examples/afghanistan-2021-08-16.jsonl"},
                       0);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains(missing.string()) && Catch::Contains("does not exist"));
  CHECK(!fs::exists(tmp.path() / "nonexistent"));
  // The database directory itself is made.
  r = run_limited({"ingest", "--quiet", "--db", (tmp.path() / "y.db").string(),
                   std::string(DIPLOGRAPH_SOURCE_DIR) + "/examples/afghanistan-2021-08-16.jsonl"},
                  0);
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(tmp.path() / "y.db" / "CURRENT"));
}
