// Output files written whole or not at all (export/output_file.hpp): through a temporary file
// renamed into place, never through a symbolic link, the old file intact when a write fails.
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "export/output_file.hpp"
#include "support/test_support.hpp"

using namespace diplograph;
using namespace diplograph::test;
namespace fs = std::filesystem;

namespace {

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST_CASE("Output files: written whole through a temporary file beside them", "[export]") {
  TempDir tmp;
  const std::string path = (tmp.path() / "out.graphml").string();
  REQUIRE(detail::write_file_atomically(path, "first"));
  CHECK(read_file(path) == "first");
  REQUIRE(detail::write_file_atomically(path, "second, longer"));
  CHECK(read_file(path) == "second, longer");
  CHECK(entries(tmp.path()) == 1);  // no temporary file left
  struct stat st;
  REQUIRE(::stat(path.c_str(), &st) == 0);
  mode_t mask = ::umask(0);
  ::umask(mask);
  CHECK((st.st_mode & 0777) == (0666 & ~mask));

  SECTION("a missing directory says so") {
    const std::string missing = (tmp.path() / "no" / "out.txt").string();
    Status s = detail::write_file_atomically(missing, "x");
    CHECK(s.code() == StatusCode::kIoError);
    CHECK(s.message() == "cannot write " + missing + ": No such file or directory");
  }
}

TEST_CASE("Output files: a symbolic link is refused, not followed", "[export]") {
  TempDir tmp;
  const fs::path target = tmp.path() / "precious.txt";
  write_file(target, "keep me");
  const std::string link = (tmp.path() / "link.txt").string();
  fs::create_symlink(target, link);
  Status s = detail::write_file_atomically(link, "overwritten");
  CHECK(s.code() == StatusCode::kInvalidInput);
  CHECK(s.message() == link +
                           " is a symbolic link: not written through it (remove it or choose "
                           "another path)");
  CHECK(read_file(target) == "keep me");
  CHECK(fs::is_symlink(link));

  SECTION("a dangling one too") {
    const std::string dangling = (tmp.path() / "dangling.txt").string();
    fs::create_symlink(tmp.path() / "nowhere.txt", dangling);
    CHECK(detail::write_file_atomically(dangling, "x").code() == StatusCode::kInvalidInput);
    CHECK_FALSE(fs::exists(tmp.path() / "nowhere.txt"));
  }
}

TEST_CASE("Output files: past the file size limit the old file stays intact", "[export]") {
  TempDir tmp;
  const std::string path = (tmp.path() / "out.txt").string();
  write_file(path, "the old file");
  // RLIMIT_FSIZE as `ulimit -f` sets it; SIGXFSZ ignored, as the CLI does, so write() fails.
  struct rlimit old_limit;
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &old_limit) == 0);
  auto old_handler = ::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = old_limit;
  small.rlim_cur = 4096;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
  Status s = detail::write_file_atomically(path, std::string(100000, 'x'));
  ::setrlimit(RLIMIT_FSIZE, &old_limit);
  ::signal(SIGXFSZ, old_handler);
  CHECK(s.code() == StatusCode::kIoError);
  CHECK(s.message() == "cannot write " + path + ": File too large");
  CHECK(read_file(path) == "the old file");
  CHECK(entries(tmp.path()) == 1);
}
