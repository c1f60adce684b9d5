// Reading the document arguments of extract and ingest: the shared --date/--source/--format/--dict
// flags, and one pass over every file with bad records reported as they come.
#pragma once

#include <functional>

#include "cli/common.hpp"

namespace diplograph::cli {

// `event_data`: --format offers the event data sets too (ingest imports them; extract reads
// documents only).
void add_document_options(cxxopts::Options& options, bool event_data);

struct DocumentArgs {
  std::vector<std::string> files;
  ReadOptions read;
  ExtractorOptions extractor;
};
// kInvalidInput for a bad --date or --format, or no files.
Result<DocumentArgs> document_args(const cxxopts::ParseResult& args);

// Calls `fn` for every document of every file, in order. Bad records are printed to stderr as
// "FILE:LINE: message" and counted in `bad_records`. Stops at the first unreadable file and
// returns its status.
Status for_each_document(const DocumentArgs& args, std::size_t& bad_records,
                         const std::function<Status(Document&&)>& fn);

}  // namespace diplograph::cli
