#include "cli/documents.hpp"

#include <iostream>
#include <cstdlib>

namespace diplograph::cli {

void add_document_options(cxxopts::Options& options, bool event_data) {
  options.add_options()("date", "publication date of documents that carry none (YYYY-MM-DD)",
                        cxxopts::value<std::string>())(
      "source", "outlet name of documents that carry none", cxxopts::value<std::string>())(
      "dict", "extra actor dictionary (repeatable)", cxxopts::value<std::vector<std::string>>())(
      "patterns", "extra event patterns, TSV as data/patterns/events.tsv (repeatable)",
      cxxopts::value<std::vector<std::string>>())(
      "format",
      event_data ? "auto|text|html|jsonl (documents), events|gdelt|icews|csv (event data sets), "
                   "documents (per-document extraction records)"
                 : "auto|text|html|jsonl",
      cxxopts::value<std::string>()->default_value("auto"))(
      "max-record-bytes",
      "largest record read (a JSON Lines line, a text or HTML document); a longer one is a bad "
      "record",
      cxxopts::value<std::size_t>()->default_value(std::to_string(kDefaultMaxRecordBytes)))(
      "files", "input files, or - for standard input", cxxopts::value<std::vector<std::string>>());
  options.parse_positional({"files"});
  options.positional_help("FILE...|-");
}

Result<DocumentArgs> document_args(const cxxopts::ParseResult& args) {
  DocumentArgs d;
  if (!args.count("files")) return Status::invalid_input("no input files (give FILE... or -)");
  d.files = args["files"].as<std::vector<std::string>>();
  if (args.count("date")) {
    auto date = Date::parse(args["date"].as<std::string>());
    if (!date) return Status::invalid_input("--date: " + date.error().message());
    if (date->precision != DatePrecision::kDay)
      return Status::invalid_input("--date: give a day (YYYY-MM-DD)");
    d.read.date = *date;
  }
  if (args.count("source")) d.read.source = args["source"].as<std::string>();
  auto format = input_format_from_string(args["format"].as<std::string>());
  if (!format) return Status::invalid_input("--format: unknown format '" +
                                            args["format"].as<std::string>() + "'");
  d.read.format = *format;
  d.read.max_record_bytes = args["max-record-bytes"].as<std::size_t>();
  if (d.read.max_record_bytes == 0) return Status::invalid_input("--max-record-bytes: give a size");
  if (args.count("dict")) d.extractor.dict_files = args["dict"].as<std::vector<std::string>>();
  if (args.count("patterns"))
    d.extractor.pattern_files = args["patterns"].as<std::vector<std::string>>();
  // A developer's knob: why a pattern did or did not fire.
  d.extractor.debug_units = std::getenv("DIPLOGRAPH_DEBUG_UNITS") != nullptr;
  return d;
}

Status for_each_document(const DocumentArgs& args, std::size_t& bad_records,
                         const std::function<Status(Document&&)>& fn) {
  for (const auto& file : args.files) {
    Status inner;
    Status st = read_documents(
        file, args.read,
        [&](Document&& doc) {
          if (inner) inner = fn(std::move(doc));
        },
        [&](RecordError&& err) {
          ++bad_records;
          std::cerr << "diplograph: " << err.to_string() << "\n";
        });
    if (!st) return st;
    if (!inner) return inner;
  }
  return Status::ok();
}

}  // namespace diplograph::cli
