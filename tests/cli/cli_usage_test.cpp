// End-to-end tests of the CLI's edges, as a user meets them: the help and the README agree,
// misspelt names and keywords get suggestions, summaries count what happened, bad --db and empty
// inputs are bad input, columns line up after non-ASCII names.
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "support/test_support.hpp"

using namespace diplograph::test;

namespace {

// The option names a command's --help lists ("--db", "-k"), --help itself aside.
std::set<std::string> help_options(const std::string& help) {
  std::set<std::string> out;
  std::istringstream in(help);
  std::string line;
  const std::regex long_opt(R"(^\s+(?:-\w, )?--([\w-]+))"), short_opt(R"(^\s+-(\w) )");
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, long_opt)) {
      if (m[1] != "help") out.insert("--" + m[1].str());
    } else if (std::regex_search(line, m, short_opt)) {
      out.insert("-" + m[1].str());
    }
  }
  return out;
}

}  // namespace

TEST_CASE("CLI: --version prints the version", "[cli][usage]") {
  auto r = run_cli("--version");
  CHECK(r.exit_code == 0);
  CHECK(std::regex_match(r.out, std::regex(R"(diplograph \d+\.\d+\.\d+\n)")));
}

TEST_CASE("CLI: the README's option table matches every command's --help", "[cli][usage]") {
  const std::string readme = read_file(std::string(DIPLOGRAPH_SOURCE_DIR) + "/README.md");
  const auto begin = readme.find("<!-- options:begin -->"), end = readme.find("<!-- options:end -->");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end != std::string::npos);
  // | `verb ARGS` | `--opt` (gloss) `--opt` ... |
  std::map<std::string, std::set<std::string>> documented;
  std::istringstream table(readme.substr(begin, end - begin));
  std::string line;
  const std::regex row(R"(^\| `([a-z]+)[^`]*` \|(.*)\|\s*$)"), flag(R"(`(--?[\w-]+)`)");
  while (std::getline(table, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, row)) continue;
    std::set<std::string>& flags = documented[m[1]];
    const std::string cells = m[2];
    for (std::sregex_iterator it(cells.begin(), cells.end(), flag), stop; it != stop; ++it)
      flags.insert((*it)[1]);
  }
  // The commands of the top-level help, each with its --help.
  auto top = run_cli("--help");
  REQUIRE(top.exit_code == 0);
  std::set<std::string> verbs;
  const std::regex command(R"(^  ([a-z]+)\b)");
  std::istringstream listing(top.out.substr(top.out.find("commands:")));
  while (std::getline(listing, line)) {
    std::smatch m;
    if (std::regex_search(line, m, command)) verbs.insert(m[1]);
  }
  REQUIRE(verbs.size() >= 12);
  for (const auto& verb : verbs) {
    INFO("command " << verb);
    auto help = run_cli(verb + " --help");
    REQUIRE(help.exit_code == 0);
    REQUIRE(documented.count(verb));
    std::set<std::string> in_help = help_options(help.out), in_readme = documented[verb];
    in_readme.erase("--k");  // the README also names -k as --k, which cxxopts takes too
    CHECK(in_help == in_readme);
  }
  CHECK(documented.size() == verbs.size());
}

TEST_CASE("CLI: help texts say what the command accepts", "[cli][usage]") {
  auto extract = run_cli("extract --help");
  CHECK_THAT(extract.out, !Catch::Contains("gdelt"));
  auto r = run_cli("extract --format gdelt x.csv");
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("ingest"));
  CHECK_THAT(run_cli("ingest --help").out, Catch::Contains("gdelt"));
  // export draws every status unless told otherwise; the queries default to two.
  CHECK_THAT(run_cli("export --help").out, Catch::Contains("all three"));
  CHECK_THAT(run_cli("timeline --help").out, Catch::Contains("occurred,planned"));
  auto top = run_cli("--help");
  CHECK_THAT(top.out, Catch::Contains("3 a system failure") && Catch::Contains("nebula"));
  auto typo = run_cli("timline Russia");
  CHECK(typo.exit_code == 2);
  CHECK_THAT(typo.err, Catch::Contains("did you mean timeline?"));
}

TEST_CASE("CLI: unknown names get suggestions, places resolve as in extraction", "[cli][usage]") {
  TempDir tmp;
  const std::string db = (tmp.path() / "db").string();
  REQUIRE(run_cli("ingest " + example_files(), db).exit_code == 0);

  auto r = run_cli("timeline Lavorv", db);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("unknown actor 'Lavorv' (did you mean 'Sergei Lavrov'?)"));
  r = run_cli("timeline \"Antony Blinkin\"", db);
  CHECK_THAT(r.err, Catch::Contains("did you mean 'Antony Blinken'?"));
  r = run_cli("timeline \"Nobody Atall\"", db);
  CHECK_THAT(r.err, !Catch::Contains("did you mean"));

  // Moscow and the Kremlin stand for Russia, as they do in news text.
  auto russia = run_cli("timeline Russia --json", db);
  REQUIRE(russia.exit_code == 0);
  CHECK(run_cli("timeline Moscow --json", db).out == russia.out);
  CHECK(run_cli("timeline \"the Kremlin\" --json", db).out == russia.out);

  // A misspelt keyword is named as one, on the command line and in a query file with its line.
  r = run_cli("timeline Russia form 2021", db);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("'form'") && Catch::Contains("clause 'from'"));
  write_file(tmp.path() / "q.dgq", "timeline Russia\n# a comment\ntimeline Russia wiht Taliban\n");
  r = run_cli("query " + quote((tmp.path() / "q.dgq").string()), db);
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.err, Catch::Contains("q.dgq:3: unknown actor 'wiht'") &&
                        Catch::Contains("clause 'with'"));

  r = run_cli("timeline Russia --type calls", db);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("did you mean call?") && Catch::Contains("meeting"));
}

TEST_CASE("CLI: a cursor resumes only the timeline and order that gave it", "[cli][usage]") {
  TempDir tmp;
  const std::string db = (tmp.path() / "db").string();
  REQUIRE(run_cli("ingest " + example_files(), db).exit_code == 0);
  auto page = run_cli("timeline Russia --order desc --limit 1 --json", db);
  REQUIRE(page.exit_code == 0);
  std::smatch m;
  REQUIRE(std::regex_search(page.err, m, std::regex("cursor ([0-9a-f]+)")));
  const std::string cursor = m[1];
  auto next = run_cli("timeline Russia --order desc --limit 1 --json --cursor " + cursor, db);
  CHECK(next.exit_code == 0);
  CHECK(next.out != page.out);
  auto wrong_order = run_cli("timeline Russia --limit 1 --cursor " + cursor, db);
  CHECK(wrong_order.exit_code == 2);
  CHECK_THAT(wrong_order.err, Catch::Contains("--order desc"));
  auto wrong_actor = run_cli("timeline Taliban --order desc --cursor " + cursor, db);
  CHECK(wrong_actor.exit_code == 2);
  CHECK_THAT(wrong_actor.err, Catch::Contains("another actor's timeline"));
}

TEST_CASE("CLI: an import counts the records that merged into an event", "[cli][usage]") {
  TempDir tmp;
  const std::string db = (tmp.path() / "db").string();
  // Four rows without ids, two events: each reported twice.
  write_file(tmp.path() / "e.csv",
             "source,target,date,type\n"
             "Russia,Iran,2021-08-16,call\nIran,Russia,2021-08-16,call\n"
             "Russia,Turkey,2021-08-17,meeting\nRussia,Turkey,2021-08-17,meeting\n");
  auto r = run_cli("ingest " + quote((tmp.path() / "e.csv").string()), db);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("imported 4 record(s): 2 new event(s), 2 merged"));
}

TEST_CASE("CLI: --db that is no database, and an empty file, are bad input", "[cli][usage]") {
  TempDir tmp;
  auto r = run_cli("stats --db " + quote(tmp.str()));  // a directory, but no database
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("is not a diplograph database"));
  write_file(tmp.path() / "file", "x");
  r = run_cli("timeline Russia --db " + quote((tmp.path() / "file").string()));
  CHECK(r.exit_code == 2);
  r = run_cli("stats --db " + quote((tmp.path() / "missing").string()));
  CHECK(r.exit_code == 2);

  const std::string db = (tmp.path() / "db").string();
  write_file(tmp.path() / "empty.txt", "");
  write_file(tmp.path() / "blank.txt", " \n\t\n");
  r = run_cli("ingest --date 2021-08-16 " + quote((tmp.path() / "empty.txt").string()) + " " +
                  quote((tmp.path() / "blank.txt").string()),
              db);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("empty.txt: empty file") && Catch::Contains("blank.txt"));
  auto stats = run_cli("stats --json", db);
  if (stats.exit_code == 0) CHECK_THAT(stats.out, Catch::Contains("\"documents\":0"));
}

TEST_CASE("CLI: actors' columns line up after non-ASCII names, and roles read as English", "[cli][usage]") {
  TempDir tmp;
  const std::string db = (tmp.path() / "db").string();
  write_file(tmp.path() / "t.txt",
             "The Russian Foreign Ministry criticized the United States on Monday. Turkish "
             "President Recep Tayyip Erdo\xc4\x9f" "an met Vladimir Putin in Sochi on Tuesday.\n");
  REQUIRE(run_cli("ingest --date 2021-08-18 " + quote((tmp.path() / "t.txt").string()), db)
              .exit_code == 0);
  auto r = run_cli("actors", db);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("    part of Russia") && !Catch::Contains("of of"));
  // The kind column starts at the same character (not byte) on every actor line.
  std::istringstream in(r.out);
  std::string line;
  std::set<std::size_t> columns;
  bool erdogan = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == ' ') continue;
    erdogan = erdogan || line.find("Erdo\xc4\x9f" "an") != std::string::npos;
    const std::size_t bytes = line.find("  ") + 2;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < bytes; ++i)
      chars += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
    std::size_t at = line.find_first_not_of(' ', bytes);
    for (std::size_t i = bytes; i < at; ++i) ++chars;
    columns.insert(chars);
  }
  CHECK(erdogan);
  CHECK(columns.size() == 1);
}
