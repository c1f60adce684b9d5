// import_event_files: the streaming, parallel import of GDELT and ICEWS files. A block of lines is
// read, parsed on all cores (records keep their line order), and stored as one atomic chunk while
// the next block is read and parsed.
#include <algorithm>
#include <filesystem>
#include <future>
#include <limits>
#include <thread>

#include "diplograph/import.hpp"
#include "import/csv.hpp"
#include "import/gdelt_icews_source.hpp"

namespace diplograph {

namespace {

bool is_quadruple(std::string_view line) {
  std::size_t tabs = 0;
  for (char c : line) tabs += c == '\t';
  if (tabs != 3) return false;
  std::string_view date = line.substr(line.rfind('\t') + 1);
  return date.size() == 10 && date[4] == '-' && date[7] == '-';
}

// Which knowledge version per-document records may carry: the first one seen (or the one the
// store's documents were extracted with), unless mixing is allowed.
class KnowledgeGuard {
 public:
  KnowledgeGuard(bool allow_mixed, std::string stored)
      : allow_(allow_mixed), expected_(std::move(stored)) {}

  Status admit(const std::string& version, const std::string& path, std::size_t line) {
    if (allow_) return Status::ok();
    if (expected_.empty()) {
      expected_ = version;
      where_ = path + ":" + std::to_string(line);
      return Status::ok();
    }
    if (version == expected_) return Status::ok();
    return Status::invalid_input(
        path + ":" + std::to_string(line) + ": extracted with knowledge version '" + version +
        "', but " + (where_.empty() ? "the store's documents were" : where_ + " was") +
        " extracted with '" + expected_ +
        "': shards of different versions would mix extractions that disagree; extract them again "
        "with one version, or merge anyway with --allow-mixed-knowledge");
  }

 private:
  bool allow_;
  std::string expected_;
  std::string where_;  // the record that set expected_; empty: the store did
};

struct Parsed {
  std::vector<std::optional<ImportedRecord>> records;
  std::vector<std::pair<std::size_t, std::string>> errors;  // (index in block, message)
};

}  // namespace

EventFileFormat detect_event_format(std::string_view line) {
  if (looks_like_document_record(line)) return EventFileFormat::kDocuments;
  if (line.rfind("Event ID\t", 0) == 0) return EventFileFormat::kIcewsEvents;
  std::size_t tabs = 0;
  for (char c : line) tabs += c == '\t';
  std::size_t first_tab = line.find('\t');
  bool numeric_id = first_tab != std::string_view::npos && first_tab > 0;
  for (std::size_t i = 0; numeric_id && i < first_tab; ++i)
    numeric_id = line[i] >= '0' && line[i] <= '9';
  if ((tabs == 56 || tabs == 57 || tabs == 60) && numeric_id) return EventFileFormat::kGdelt;
  if (is_quadruple(line)) return EventFileFormat::kIcewsQuadruples;
  if (tabs == 0 && import::looks_like_csv_header(line)) return EventFileFormat::kCsv;
  return EventFileFormat::kUnknown;
}

namespace {

Result<ImportSummary> import_files(GraphStore& store, const std::vector<std::string>& files,
                                   const ImportOptions& options,
                                   const std::function<void(RecordError&&)>& on_error);

}  // namespace

Result<ImportSummary> import_event_files(GraphStore& store, const std::vector<std::string>& files,
                                         const ImportOptions& options,
                                         const std::function<void(RecordError&&)>& on_error) {
  // Background compaction waits for the end of the import (GraphStore::begin_bulk_load).
  if (Status s = store.begin_bulk_load(); !s) return s;
  auto summary = import_files(store, files, options, on_error);
  auto settled = store.end_bulk_load(
      summary ? 8 : std::numeric_limits<int>::max(), [&](std::string_view families) {
        if (options.status) options.status("merging the sorted runs of " + std::string(families));
      });
  if (!summary) return summary;
  if (!settled) return settled.error();
  return summary;
}

namespace {

// The first record of each per-document file, before anything is stored: files of different
// knowledge versions, or of another version than the store's documents, are refused at once.
Result<KnowledgeGuard> knowledge_guard(const GraphStore& store,
                                       const std::vector<std::string>& files,
                                       const ImportOptions& options) {
  if (options.allow_mixed_knowledge) return KnowledgeGuard(true, "");
  std::vector<std::pair<std::string, std::string>> firsts;  // (path, version)
  for (const std::string& path : files) {
    if (path == "-") continue;
    auto reader = import::LineReader::open(path);
    if (!reader) continue;  // reported when the file is imported
    (*reader)->set_max_line_bytes(options.max_record_bytes);
    std::vector<std::string> lines;
    while (lines.empty() || lines.back().empty()) {
      auto got = (*reader)->read_lines(lines, 1);
      if (!got || *got == 0) break;
    }
    if (lines.empty() || !looks_like_document_record(lines.back())) continue;
    auto record = parse_document_record(lines.back());
    if (record) firsts.emplace_back(path, record->extraction.knowledge);
  }
  if (firsts.empty()) return KnowledgeGuard(false, "");
  std::string stored;
  auto versions = store.knowledge_versions();
  if (!versions) return versions.error();
  std::size_t known = 0;
  for (const auto& [version, count] : *versions)
    if (!version.empty()) {
      stored = version;
      ++known;
    }
  KnowledgeGuard guard(false, known == 1 ? stored : std::string());
  for (const auto& [path, version] : firsts)
    if (Status s = guard.admit(version, path, 1); !s) return s;
  return guard;
}

Result<ImportSummary> import_files(GraphStore& store, const std::vector<std::string>& files,
                                   const ImportOptions& options,
                                   const std::function<void(RecordError&&)>& on_error) {
  ImportSummary summary;
  unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
  if (threads == 0) threads = 1;
  const std::size_t block = std::max<std::size_t>(1, options.chunk_records);
  std::uint64_t bytes_before = 0, bytes_all = 0;
  for (const auto& f : files) {
    std::error_code ec;
    if (f != "-") bytes_all += std::filesystem::file_size(f, ec);
  }
  auto knowledge_or = knowledge_guard(store, files, options);
  if (!knowledge_or) return knowledge_or.error();
  KnowledgeGuard& knowledge = *knowledge_or;

  for (const std::string& path : files) {
    auto reader = import::LineReader::open(path);
    if (!reader) return reader.error();
    (*reader)->set_max_line_bytes(options.max_record_bytes);
    // Lines too long to hold, read past: bad records.
    auto report_too_long = [&] {
      for (std::uint64_t n : (*reader)->take_too_long()) {
        ++summary.bad_records;
        on_error({path, static_cast<std::size_t>(n), (*reader)->too_long_message()});
      }
    };
    std::vector<std::string> lines;
    std::size_t line_base = 0;  // lines of the file before `lines`
    // The format, from the first non-empty line.
    EventFileFormat format = EventFileFormat::kUnknown;
    IcewsHeader header;
    import::CsvHeader csv;
    while (format == EventFileFormat::kUnknown) {
      lines.clear();
      auto got = (*reader)->read_lines(lines, 1);
      if (!got) return Status(got.error().code() == StatusCode::kIoError
                                  ? Status::io_error(path + ": " + got.error().message())
                                  : Status::invalid_input(path + ": " + got.error().message()));
      report_too_long();
      if (*got == 0) break;  // empty file: nothing to import
      ++line_base;
      if (lines[0].empty()) continue;
      format = detect_event_format(lines[0]);
      if (format == EventFileFormat::kUnknown && options.format == InputFormat::kDocuments) {
        auto r = parse_document_record(lines[0]);
        return Status::invalid_input(path + ":" + std::to_string(line_base) + ": " +
                                     (r ? "not a per-document record" : r.error().message()));
      }
      if (format == EventFileFormat::kUnknown && options.format == InputFormat::kCsv) {
        auto h = import::parse_csv_header(lines[0]);
        return Status::invalid_input(path + ":" + std::to_string(line_base) + ": " +
                                     (h ? "not a CSV header" : h.error().message()));
      }
      if (format == EventFileFormat::kUnknown)
        return Status::invalid_input(path + ":" + std::to_string(line_base) +
                                     ": not a GDELT, ICEWS, CSV or per-document record file");
      const bool is_icews = format == EventFileFormat::kIcewsEvents ||
                            format == EventFileFormat::kIcewsQuadruples;
      if ((options.format == InputFormat::kGdelt && format != EventFileFormat::kGdelt) ||
          (options.format == InputFormat::kIcews && !is_icews) ||
          (options.format == InputFormat::kCsv && format != EventFileFormat::kCsv) ||
          (options.format == InputFormat::kDocuments && format != EventFileFormat::kDocuments))
        return Status::invalid_input(
            path + ": not " +
            (options.format == InputFormat::kGdelt       ? "GDELT"
             : options.format == InputFormat::kIcews     ? "ICEWS"
             : options.format == InputFormat::kDocuments ? "per-document record"
                                                         : "CSV") +
            " data (try --format auto)");
      if (format == EventFileFormat::kIcewsEvents) {
        auto h = parse_icews_header(lines[0]);
        if (!h) return Status::invalid_input(path + ":1: " + h.error().message());
        header = *h;
        lines.clear();
      }
      if (format == EventFileFormat::kCsv) {
        auto h = import::parse_csv_header(lines[0]);
        if (!h) return Status::invalid_input(path + ":" + std::to_string(line_base) + ": " +
                                             h.error().message());
        csv = *h;
        lines.clear();
      }
    }
    if (format == EventFileFormat::kUnknown) continue;
    if (format == EventFileFormat::kCsv) {
      // Edge rows, not records: the lighter path (import/csv.hpp).
      Status s = import::import_csv(
          store, **reader, csv, path, lines.empty() ? line_base + 1 : line_base, options, on_error,
          summary, [&] {
            if (options.progress)
              options.progress(summary.records, bytes_before + (*reader)->bytes_done(), bytes_all);
          });
      if (!s) return s;
      bytes_before += (*reader)->bytes_total();
      continue;
    }

    auto parse_block = [&, format](std::vector<std::string> block_lines, std::size_t base) {
      Parsed p;
      p.records.resize(block_lines.size());
      std::vector<std::vector<std::pair<std::size_t, std::string>>> errs(threads);
      auto work = [&](unsigned t) {
        for (std::size_t i = t; i < block_lines.size(); i += threads) {
          const std::string& l = block_lines[i];
          if (l.empty()) continue;
          Result<ImportedRecord> r = Status::invalid_input("unreachable");
          switch (format) {
            case EventFileFormat::kGdelt: r = parse_gdelt_line(l); break;
            case EventFileFormat::kIcewsEvents: r = parse_icews_line(header, l); break;
            case EventFileFormat::kDocuments: r = parse_document_record(l); break;
            default: r = parse_icews_quadruple(l, path + ":" + std::to_string(base + i)); break;
          }
          if (r) p.records[i] = std::move(*r);
          else errs[t].emplace_back(i, r.error().message());
        }
      };
      std::vector<std::thread> pool;
      for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
      work(0);
      for (auto& th : pool) th.join();
      for (auto& e : errs) p.errors.insert(p.errors.end(), e.begin(), e.end());
      std::sort(p.errors.begin(), p.errors.end());
      return p;
    };

    std::future<Result<BulkIngestResult>> storing;
    std::vector<ImportedRecord> chunk, stored_chunk;
    auto collect = [&]() -> Status {
      if (!storing.valid()) return Status::ok();
      auto r = storing.get();
      if (!r) return r.error();
      summary.add(*r);
      if (options.progress)
        options.progress(summary.records, bytes_before + (*reader)->bytes_done(),
                         bytes_all);
      return Status::ok();
    };
    // The 1-based line number of lines[0]: the detected first line stays in the first block
    // unless it was the ICEWS header.
    std::size_t first_line = lines.empty() ? line_base + 1 : line_base;
    for (;;) {
      auto got = (*reader)->read_lines(lines, block - lines.size());
      if (!got) return Status(got.error().code() == StatusCode::kIoError
                                  ? Status::io_error(path + ": " + got.error().message())
                                  : Status::invalid_input(path + ": " + got.error().message()));
      report_too_long();
      if (lines.empty()) break;
      Parsed parsed = parse_block(std::move(lines), first_line);
      lines.clear();
      for (auto& [i, msg] : parsed.errors) {
        ++summary.bad_records;
        on_error({path, first_line + i, msg});
      }
      for (std::size_t i = 0; i < parsed.records.size(); ++i) {
        const auto& r = parsed.records[i];
        if (r && format == EventFileFormat::kDocuments)
          if (Status s = knowledge.admit(r->extraction.knowledge, path, first_line + i); !s)
            return s;
      }
      first_line += parsed.records.size();
      chunk.clear();
      for (auto& r : parsed.records)
        if (r) chunk.push_back(std::move(*r));
      summary.records += chunk.size();
      if (Status s = collect(); !s) return s;
      stored_chunk = std::move(chunk);
      chunk = {};
      storing = std::async(std::launch::async, [&store, &stored_chunk, &options] {
        return store.ingest_bulk(stored_chunk, options.sst_min_records);
      });
    }
    if (Status s = collect(); !s) return s;
    bytes_before += (*reader)->bytes_total();
  }
  return summary;
}

}  // namespace

}  // namespace diplograph
