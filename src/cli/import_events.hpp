// `ingest` of coded event data: GDELT and ICEWS files go through the bulk importer
// (include/diplograph/import.hpp) with a progress bar; document files are left to the caller.
#pragma once

#include <optional>

#include "cli/documents.hpp"

namespace diplograph::cli {

// Imports the files of `doc_args` that are event data (--format gdelt|icews, or detected by
// --format auto) and removes them from doc_args.files. Returns the exit code when nothing is
// left to do (or on failure), nullopt when documents remain; bad records add to `bad_records`.
std::optional<int> ingest_event_files(const cxxopts::ParseResult& args, DocumentArgs& doc_args,
                                      std::size_t& bad_records);

}  // namespace diplograph::cli
