// What the CLI commands share: the command table, the database location, filter flags, turning
// a Status into a message and an exit code. Only the CLI includes this.
#pragma once

#include <cxxopts.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diplograph/diplograph.hpp"

namespace diplograph::cli {

// Exit codes (DESIGN.md, CLI): 0 success, 1 no result, 2 bad input or usage; 3 a system failure
// (I/O, corruption) that is neither.
constexpr int kExitOk = 0;
constexpr int kExitNoResult = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitFailure = 3;

// Prints "diplograph: MESSAGE" to stderr and returns the exit code for the status.
int fail(const Status& status);
// What a process that exits after a write to a closed pipe (EPIPE) returns: 128 + SIGPIPE, the
// status of the Unix tools that die of the signal. Nothing is printed.
constexpr int kExitBrokenPipe = 141;
// Routes standard output (printf and std::cout) through a stream that remembers why a write
// failed; main calls it first.
void check_stdout_writes();
// Flushes standard output and returns `code`, unless a write to it failed: then the reason on
// stderr ("diplograph: cannot write to standard output: No space left on device") and
// kExitFailure, or quietly kExitBrokenPipe for a closed pipe. Every verb exits through it.
int finish_stdout(int code);
int exit_code(const Status& status);
// Prints a one-line usage error and returns kExitBadInput.
int usage_error(const std::string& message);

// --db, else $DIPLOGRAPH_DB, else ./diplograph.db.
std::string database_dir(const cxxopts::ParseResult& args);
void add_db_option(cxxopts::Options& options);
// --from, --to, --type, --status as an EventFilter; `default_statuses` is what --status's help
// says applies without it.
void add_filter_options(cxxopts::Options& options,
                        const std::string& default_statuses = "occurred,planned");
Result<EventFilter> filter_from(const cxxopts::ParseResult& args);
// Opens the database read-only; a missing database is a clear error.
Result<std::unique_ptr<GraphStore>> open_for_reading(const cxxopts::ParseResult& args);

// The end of a command that wrote to the store: the persisted projection is brought up to date
// (QueryEngine::save_projection), so the next path, neighbors or rank query maps it instead of
// building it; skipped with --no-projection. A failure is a warning: the data is stored.
void add_projection_option(cxxopts::Options& options);
void refresh_projection(const GraphStore& store, const cxxopts::ParseResult& args);

// Parses argv with `options`; on a cxxopts error prints a usage line and returns nullopt.
std::optional<cxxopts::ParseResult> parse(cxxopts::Options& options, int argc, char** argv);

std::string hex_id(ActorId id);
// One line of a sentence, shortened to `max` bytes on a UTF-8 boundary.
std::string shorten(std::string_view text, std::size_t max);
// Columns a terminal gives UTF-8 `text` (accents combined: "Erdoğan" is 7; CJK is 2 a
// character), and `text` padded with spaces to `width` columns: printf's %-32s counts bytes.
std::size_t display_width(std::string_view text);
std::string pad(std::string_view text, std::size_t width);

// The commands; each lives in its own file.
int run_extract(int argc, char** argv);
int run_ingest(int argc, char** argv);
int run_timeline(int argc, char** argv);
int run_path(int argc, char** argv);
int run_export(int argc, char** argv);
int run_stats(int argc, char** argv);
int run_actors(int argc, char** argv);
int run_remove(int argc, char** argv);
int run_check(int argc, char** argv);
int run_query(int argc, char** argv);
int run_neighbors(int argc, char** argv);
int run_rank(int argc, char** argv);

// The query verbs share one grammar (diplograph/query.hpp): a command line becomes a Statement
// (its positional arguments, and each of `clauses` given as --NAME, flags with an empty value),
// and run_statement gives it meaning, runs it and prints it, exactly as `query FILE.dgq` does.
Statement statement_from(const std::string& verb, const cxxopts::ParseResult& args,
                         const std::vector<std::string>& positional,
                         const std::vector<std::string>& clauses);
// Adds the clause options every query verb shares (--from --to --type --status --kind).
void add_query_filter_options(cxxopts::Options& options);
// `where` ("FILE:LINE") prefixes its error messages.
int run_statement(const Statement& statement, bool json, QueryEngine& engine,
                  const std::string& where = "");
// Printers, one per verb (in the verb's file). Return the exit code.
int print_timeline(const TimelineResult& r, bool json);
int print_paths(const std::vector<PathResult>& paths, bool json);
int print_neighbors(const NeighborsResult& r, bool json);
int print_rank(const RankResult& r, bool json);
int print_actors(std::vector<Actor> actors, bool json);

}  // namespace diplograph::cli
