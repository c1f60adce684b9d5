#include "cli/common.hpp"
#include "util/utf8.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <streambuf>

namespace diplograph::cli {

int exit_code(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kNotFound: return kExitNoResult;
    case StatusCode::kInvalidInput:
    case StatusCode::kAmbiguous: return kExitBadInput;
    default: return kExitFailure;
  }
}

int fail(const Status& status) {
  std::cerr << "diplograph: " << status.message() << "\n";
  return exit_code(status);
}

namespace {

// Standard output, as every verb writes it (printf and std::cout alike), goes through one stdio
// stream whose writes record why the first failed write failed: stdio alone forgets errno once
// it drops what it could not write.
int stdout_error = 0;

ssize_t write_stdout(void*, const char* buf, std::size_t n) {
  if (stdout_error) return -1;
  for (std::size_t done = 0; done < n;) {
    ssize_t w = ::write(STDOUT_FILENO, buf + done, n - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      stdout_error = w < 0 ? errno : EIO;
      return -1;
    }
    done += static_cast<std::size_t>(w);
  }
  return static_cast<ssize_t>(n);
}

// std::cout onto that stream, so its output and printf's stay in order.
class StdioBuf final : public std::streambuf {
 protected:
  int overflow(int c) override {
    if (c == traits_type::eof()) return 0;
    return std::fputc(c, stdout) == EOF ? traits_type::eof() : c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    return static_cast<std::streamsize>(std::fwrite(s, 1, static_cast<std::size_t>(n), stdout));
  }
  int sync() override { return std::fflush(stdout) == 0 ? 0 : -1; }
};

}  // namespace

void check_stdout_writes() {
  cookie_io_functions_t io{};
  io.write = write_stdout;
  std::fflush(stdout);
  if (FILE* f = ::fopencookie(nullptr, "w", io)) {
    // Line by line on a terminal, as stdio does; blocks otherwise.
    ::setvbuf(f, nullptr, ::isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, 1 << 16);
    stdout = f;
    static StdioBuf buf;
    std::cout.rdbuf(&buf);
  }
}

int finish_stdout(int code) {
  std::cout.flush();
  std::fflush(stdout);
  if (!stdout_error && !std::ferror(stdout)) return code;
  if (stdout_error == EPIPE) return kExitBrokenPipe;
  std::cerr << "diplograph: cannot write to standard output: "
            << (stdout_error ? std::strerror(stdout_error) : "a write failed") << "\n";
  return kExitFailure;
}

int usage_error(const std::string& message) {
  std::cerr << "diplograph: " << message << "\n";
  return kExitBadInput;
}

void add_db_option(cxxopts::Options& options) {
  options.add_options()("db", "database directory (default: $DIPLOGRAPH_DB, else ./diplograph.db)",
                        cxxopts::value<std::string>());
}

std::string database_dir(const cxxopts::ParseResult& args) {
  if (args.count("db")) return args["db"].as<std::string>();
  if (const char* env = std::getenv("DIPLOGRAPH_DB"); env && *env) return env;
  return "diplograph.db";
}

void add_filter_options(cxxopts::Options& options, const std::string& default_statuses) {
  options.add_options()("from", "first day of the window (YYYY-MM-DD, YYYY-MM or YYYY)",
                        cxxopts::value<std::string>())(
      "to", "last day of the window, inclusive", cxxopts::value<std::string>())(
      "type", "event types, comma-separated (call,meeting,...)", cxxopts::value<std::string>())(
      "status", "statuses, comma-separated: occurred, planned, denied (default: " +
                    default_statuses + ")",
      cxxopts::value<std::string>());
}

namespace {

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

}  // namespace

Result<EventFilter> filter_from(const cxxopts::ParseResult& args) {
  EventFilter f;
  if (args.count("from")) {
    auto d = Date::parse(args["from"].as<std::string>());
    if (!d) return Status::invalid_input("--from: " + d.error().message());
    f.window.from = d->days;
  }
  if (args.count("to")) {
    auto d = Date::parse(args["to"].as<std::string>());
    if (!d) return Status::invalid_input("--to: " + d.error().message());
    f.window.to = d->last_day();  // --to 2021-08 means to the end of August
  }
  if (f.window.from > f.window.to) return Status::invalid_input("--from is after --to");
  if (args.count("type")) {
    for (const auto& name : split_list(args["type"].as<std::string>())) {
      auto t = event_type_from_string(name);
      if (!t) return Status::invalid_input("--type: " + unknown_event_type(name));
      f.types.push_back(*t);
    }
  }
  if (args.count("status")) {
    f.statuses.clear();
    for (const auto& name : split_list(args["status"].as<std::string>())) {
      auto s = event_status_from_string(name);
      if (!s) return Status::invalid_input("--status: unknown status '" + name +
                                           "' (occurred, planned, denied)");
      f.statuses.push_back(*s);
    }
  }
  return f;
}

Result<std::unique_ptr<GraphStore>> open_for_reading(const cxxopts::ParseResult& args) {
  std::string dir = database_dir(args);
  std::error_code ec;
  if (!std::filesystem::exists(std::filesystem::symlink_status(dir, ec)))
    return Status::invalid_input("no database at " + dir +
                                 " (run 'diplograph ingest FILE' first, or give --db DIR)");
  // Anything but one of our databases given as --db is a mistake of the command line (exit 2),
  // as a missing one is, not a query without a result: GraphStore::open says what it is.
  StoreOptions opts;
  opts.read_only = true;
  auto store = GraphStore::open(dir, opts);
  if (!store && store.error().code() == StatusCode::kNotFound)  // an empty directory
    return Status::invalid_input(dir + " is not a diplograph database (give --db DIR of one "
                                 "made by 'diplograph ingest')");
  return store;
}

std::optional<cxxopts::ParseResult> parse(cxxopts::Options& options, int argc, char** argv) {
  try {
    auto result = options.parse(argc, argv);
    if (result.count("help")) {
      std::cout << options.help() << "\n";
      std::exit(finish_stdout(kExitOk));
    }
    return result;
  } catch (const cxxopts::exceptions::exception& e) {
    std::cerr << "diplograph " << options.program() << ": " << e.what() << " (see --help)\n";
    return std::nullopt;
  }
}

std::string hex_id(ActorId id) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(id));
  return buf;
}

std::string shorten(std::string_view text, std::size_t max) {
  std::string s;
  for (char c : text) s += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (s.size() <= max) return s;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…";
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::uint32_t cp = util::next_code_point(text, i);
    if ((cp >= 0x300 && cp <= 0x36F) || cp == 0x200B || cp == 0x200D) continue;  // combining
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    width += wide ? 2 : 1;
  }
  return width;
}

std::string pad(std::string_view text, std::size_t width) {
  std::string out(text);
  for (std::size_t w = display_width(text); w < width; ++w) out += ' ';
  return out;
}

Statement statement_from(const std::string& verb, const cxxopts::ParseResult& args,
                         const std::vector<std::string>& positional,
                         const std::vector<std::string>& clauses) {
  Statement st;
  st.verb = verb;
  st.args = positional;
  for (const auto& name : clauses) {
    if (!args.count(name)) continue;
    // Flags are bool options; everything else is declared as a string, as .dgq files give it.
    try {
      st.clauses.emplace_back(name, args[name].as<std::string>());
    } catch (const std::exception&) {
      st.clauses.emplace_back(name, "");
    }
  }
  return st;
}

void add_query_filter_options(cxxopts::Options& options) {
  add_filter_options(options);
  options.add_options()("kind", "actor kinds, comma-separated (person,state,...)",
                        cxxopts::value<std::string>());
}

void add_projection_option(cxxopts::Options& options) {
  options.add_options()("no-projection",
                        "do not bring the persisted projection up to date (the next path, "
                        "neighbors or rank query builds it)");
}

void refresh_projection(const GraphStore& store, const cxxopts::ParseResult& args) {
  if (args.count("no-projection")) return;
  if (Status st = QueryEngine(store).save_projection(); !st)
    std::cerr << "diplograph: warning: the projection was not saved (" << st.message()
              << "); queries build it when they need it\n";
}

}  // namespace diplograph::cli
