// End-to-end: every write is checked. A failed write to standard output exits 3 with the reason,
// a closed pipe exits quietly (141, as Unix tools do), `-o FILE` replaces the old file only when
// the new one is complete, and a symbolic link at -o is refused (exit 2).
#include <sys/wait.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "support/test_support.hpp"

using namespace diplograph::test;
namespace fs = std::filesystem;

namespace {

// Runs `script` with bash (BIN standing for the binary, DB for --db), capturing what it prints.
RunResult run_sh(const std::string& script, const std::string& db) {
  TempDir tmp;
  const auto out = tmp.path() / "out", err = tmp.path() / "err";
  const std::string cmd = "BIN=" + quote(DIPLOGRAPH_BINARY) + " DB=" + quote(db) + " bash -c " +
                          quote(script) + " >" + quote(out.string()) + " 2>" + quote(err.string()) +
                          " </dev/null";
  int rc = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST_CASE("CLI: a failed write to standard output exits 3 with the reason", "[cli]") {
  if (!fs::exists("/dev/full")) DIPLOGRAPH_SKIP("no /dev/full");
  TempDir tmp;
  const std::string db = (tmp.path() / "db").string();
  REQUIRE(run_cli("ingest --quiet " + example_files(), db).exit_code == 0);
  for (const char* verb : {"stats", "stats --json", "timeline 'Sergei Lavrov'", "actors",
                           "export --format graphml", "export --format jsonl",
                           "path 'Antony Blinken' Taliban", "--help", "export --help"}) {
    INFO(verb);
    auto r = run_sh("\"$BIN\" " + std::string(verb) + " --db \"$DB\" >/dev/full", db);
    CHECK(r.exit_code == 3);
    CHECK(r.err == "diplograph: cannot write to standard output: No space left on device\n");
  }
}

TEST_CASE("CLI: a closed pipe ends the output quietly", "[cli]") {
  TempDir tmp;
  const std::string db = (tmp.path() / "db").string();
  REQUIRE(run_cli("ingest --quiet " + example_files(), db).exit_code == 0);
  SECTION("timeline | head -c 100") {
    auto r = run_sh("set -o pipefail; \"$BIN\" timeline 'Sergei Lavrov' --db \"$DB\" | head -c 100 "
                    ">/dev/null; s=$?; [ $s = 0 ] || [ $s = 141 ]",
                    db);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
  }
  // The reader gone before the first write: killed by SIGPIPE as Unix tools are, or, when SIGPIPE
  // is ignored (inherited), exiting with the same status after EPIPE; nothing said either way.
  for (const char* trap : {"", "trap '' PIPE; "}) {
    INFO("trap: " << trap);
    auto r = run_sh(std::string(trap) +
                        "\"$BIN\" export --format graphml --db \"$DB\" | (exec 0<&-; sleep 1); "
                        "echo \"${PIPESTATUS[0]}\"",
                    db);
    CHECK(r.out == "141\n");
    CHECK(r.err.empty());
  }
}

TEST_CASE("CLI: -o replaces the old file only with a complete one", "[cli]") {
  TempDir tmp;
  const std::string db = (tmp.path() / "db").string();
  REQUIRE(run_cli("ingest --quiet " + example_files(), db).exit_code == 0);
  const fs::path outdir = tmp.path() / "out";
  fs::create_directory(outdir);
  const fs::path file = outdir / "graph.graphml";
  write_file(file, "the old file");

  // ulimit -f 1: files up to 1 kB; the GraphML of the examples is larger.
  auto r = run_sh("ulimit -f 1; \"$BIN\" export --format graphml --db \"$DB\" -o " +
                      quote(file.string()),
                  db);
  CHECK(r.exit_code == 3);
  CHECK(r.err == "diplograph: cannot write " + file.string() + ": File too large\n");
  CHECK(read_file(file) == "the old file");
  CHECK(entries(outdir) == 1);  // no temporary file left

  r = run_cli("export --format graphml -o " + quote(file.string()), db);
  CHECK(r.exit_code == 0);
  CHECK_THAT(read_file(file), Catch::StartsWith("<?xml"));
  CHECK(entries(outdir) == 1);
}

TEST_CASE("CLI: -o does not follow a symbolic link", "[cli]") {
  TempDir tmp;
  const std::string db = (tmp.path() / "db").string();
  REQUIRE(run_cli("ingest --quiet " + example_files(), db).exit_code == 0);
  const fs::path target = tmp.path() / "precious.txt";
  write_file(target, "keep me");
  const fs::path link = tmp.path() / "link.graphml";
  fs::create_symlink(target, link);
  const std::string refused =
      "diplograph: " + link.string() +
      " is a symbolic link: not written through it (remove it or choose another path)\n";
  for (const char* format : {"graphml", "dot", "jsonl"}) {
    INFO(format);
    auto r = run_cli("export --format " + std::string(format) + " -o " + quote(link.string()), db);
    CHECK(r.exit_code == 2);
    CHECK(r.err == refused);
    CHECK(read_file(target) == "keep me");
    CHECK(fs::is_symlink(link));
  }
  SECTION("a directory format's directory") {
    const fs::path real = tmp.path() / "real-dir";
    fs::create_directory(real);
    const fs::path dir_link = tmp.path() / "nebula-link";
    fs::create_directory_symlink(real, dir_link);
    auto r = run_cli("export --format nebula -o " + quote(dir_link.string()), db);
    CHECK(r.exit_code == 2);
    CHECK(r.err == "diplograph: " + dir_link.string() +
                       " is a symbolic link: not written through it (remove it or choose "
                       "another path)\n");
    CHECK(fs::is_empty(real));
  }
}
