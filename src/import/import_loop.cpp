// import_event_files: the one read -> parse -> store loop of every event data format (GDELT,
// ICEWS events and quadruples, CSV edge lists, per-document records). A block of lines is read,
// cut at record ends into one part per thread, parsed on those threads (each format's ChunkMaker),
// gathered in line order into a chunk, and stored as one atomic step while the next block is
// read and parsed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <future>
#include <limits>
#include <memory>
#include <thread>

#include "diplograph/import.hpp"
#include "import/csv.hpp"
#include "import/gdelt_icews_source.hpp"
#include "util/threads.hpp"

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

Result<ImportSummary> import_files(GraphStore& store, BulkLoader& loader,
                                   const std::vector<std::string>& files,
                                   const ImportOptions& options,
                                   const std::function<void(RecordError&&)>& on_error);

}  // namespace

Result<ImportSummary> import_event_files(GraphStore& store, const std::vector<std::string>& files,
                                         const ImportOptions& options,
                                         const std::function<void(RecordError&&)>& on_error) {
  // Background compaction waits for the end of the import; a failed import merges nothing.
  auto loader = BulkLoader::start(store);
  if (!loader) return loader.error();
  auto summary = import_files(store, *loader, files, options, on_error);
  if (!summary) return summary;
  auto settled = loader->finish(8, [&](std::string_view families) {
    if (options.status) options.status("merging the sorted runs of " + std::string(families));
  });
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
    auto first = import::LineReader::first_line(path, options.max_record_bytes);
    if (!first || !*first) continue;  // errors are reported when the file is imported
    if (!looks_like_document_record(**first)) continue;
    auto record = parse_document_record(**first);
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

// The line ends in `text`, by memchr: std::count took 36 ms for a block of 100,000 per-document
// records (63 MB), on the loop's one thread; this takes 3.
std::uint64_t count_lines(std::string_view text) {
  std::uint64_t n = 0;
  for (const char *p = text.data(), *end = p + text.size();
       (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p))));
       ++p)
    ++n;
  return n;
}

// A part of a block: whole records, and the number of its first line.
struct Part {
  std::string_view text;
  std::uint64_t first_line = 0;
};

// Cuts `text` (whole lines, each ending in '\n') into at most `n` parts of about equal size at
// record ends (a line end; with `quoted`, CSV's, one outside a quoted field) and numbers each
// part's first line from `first_line`. `next_line` becomes the number of the line after `text`.
std::vector<Part> cut_parts(std::string_view text, unsigned n, bool quoted,
                            std::uint64_t first_line, std::uint64_t& next_line) {
  std::vector<Part> parts;
  std::string_view rest = text;
  for (unsigned t = n; t > 1 && !rest.empty(); --t) {
    std::size_t cut = rest.find('\n', rest.size() / t);
    if (quoted && cut != std::string_view::npos && import::csv_quote_open(rest.substr(0, cut)))
      cut = import::csv_record_end(rest, cut + 1, true);
    if (cut == std::string_view::npos || cut >= rest.size()) break;
    parts.push_back({rest.substr(0, cut + 1), 0});
    rest.remove_prefix(cut + 1);
  }
  parts.push_back({rest, 0});
  for (Part& p : parts) {
    p.first_line = first_line;
    first_line += count_lines(p.text);
  }
  next_line = first_line;
  return parts;
}

// What one thread made of its part: its bad records (line, message) in line order, and its
// records (ImportedRecord with their lines, or CSV edge rows). Kept from block to block, with
// their memory.
struct PartOut {
  std::vector<std::pair<std::uint64_t, std::string>> errors;
  std::vector<ImportedRecord> records;
  std::vector<std::uint64_t> record_lines;
  import::CsvBlock csv;
  void clear() {
    errors.clear();
    records.clear();
    record_lines.clear();
    csv.rows.clear();
    csv.errors.clear();
    csv.lines = 0;
  }
};

// A format's side of the loop: parses a part on one thread, gathers the parts in order into the
// next chunk, and stores a chunk. Two chunks: one gathered while the other is stored.
class ChunkMaker {
 public:
  virtual ~ChunkMaker() = default;
  // Whether a record may hold line breaks inside quotes (CSV, RFC 4180).
  virtual bool quoted() const { return false; }
  // Whether the records are per-document records.
  virtual bool documents() const { return false; }
  // Parses the records of `part` into `out` (cleared) on thread `t` (< the loop's threads).
  virtual void parse(const Part& part, unsigned t, PartOut& out) = 0;
  // Moves the parts' records, in order, into the next chunk; returns how many. kInvalidInput when
  // a record may not be stored (a per-document record of another knowledge version).
  virtual Result<std::size_t> gather(std::vector<PartOut>& parts) = 0;
  // The chunk gathered last becomes the one store() stores.
  virtual void hand_over() = 0;
  // Stores the chunk handed over; runs on its own thread while the next block is parsed.
  virtual Result<BulkIngestResult> store(BulkLoader& loader, std::size_t sst_min_records,
                                         unsigned threads) = 0;
};

// GDELT, ICEWS events and quadruples, per-document records: one record a line, as ImportedRecord.
class RecordMaker final : public ChunkMaker {
 public:
  RecordMaker(EventFileFormat format, IcewsHeader header, std::string path,
              KnowledgeGuard& knowledge)
      : format_(format), header_(header), path_(std::move(path)), knowledge_(knowledge) {}

  bool documents() const override { return format_ == EventFileFormat::kDocuments; }

  void parse(const Part& part, unsigned, PartOut& out) override {
    std::uint64_t line = part.first_line;
    std::string_view text = part.text;
    std::string id;
    for (std::size_t pos = 0; pos < text.size();) {
      std::size_t end = std::min(text.find('\n', pos), text.size());
      std::string_view l = text.substr(pos, end - pos);
      pos = end + 1;
      const std::uint64_t at = line++;
      if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
      if (l.empty()) continue;
      if (format_ == EventFileFormat::kDocuments) {  // in place: the largest records
        ImportedRecord& rec = out.records.emplace_back();
        if (Status s = parse_document_record_into(l, rec); !s) {
          out.records.pop_back();
          out.errors.emplace_back(at, s.message());
          continue;
        }
        out.record_lines.push_back(at);
        continue;
      }
      Result<ImportedRecord> r = Status::internal("unparsed");
      switch (format_) {
        case EventFileFormat::kGdelt: r = parse_gdelt_line(l); break;
        case EventFileFormat::kIcewsEvents: r = parse_icews_line(header_, l); break;
        default:
          id.assign(path_).append(":").append(std::to_string(at));
          r = parse_icews_quadruple(l, id);
          break;
      }
      if (!r) {
        out.errors.emplace_back(at, r.error().message());
        continue;
      }
      out.records.push_back(std::move(*r));
      out.record_lines.push_back(at);
    }
  }

  Result<std::size_t> gather(std::vector<PartOut>& parts) override {
    if (format_ == EventFileFormat::kDocuments)
      for (const PartOut& p : parts)
        for (std::size_t i = 0; i < p.records.size(); ++i)
          if (Status s = knowledge_.admit(p.records[i].extraction.knowledge, path_,
                                          p.record_lines[i]);
              !s)
            return s;
    // The first part's records become the chunk as they are (its vector goes to the part next
    // time, with its memory); the others' are moved after them.
    next_.clear();
    std::swap(next_, parts[0].records);
    for (std::size_t t = 1; t < parts.size(); ++t)
      next_.insert(next_.end(), std::make_move_iterator(parts[t].records.begin()),
                   std::make_move_iterator(parts[t].records.end()));
    return next_.size();
  }

  void hand_over() override { std::swap(next_, stored_); }

  Result<BulkIngestResult> store(BulkLoader& loader, std::size_t sst_min_records,
                                 unsigned threads) override {
    return loader.add(stored_, sst_min_records, threads);
  }

 private:
  EventFileFormat format_;
  IcewsHeader header_;
  std::string path_;
  KnowledgeGuard& knowledge_;
  std::vector<ImportedRecord> next_, stored_;
};

// CSV edge lists: rows of ids (EdgeChunk), the light form; each thread resolves names with a
// memo of its own (CsvNames), and the chunk lists the actors its rows name.
class CsvMaker final : public ChunkMaker {
 public:
  CsvMaker(const import::CsvHeader& header, const std::string& path, unsigned threads)
      : header_(header), names_(threads) {
    for (EdgeChunk* c : {&next_, &stored_}) {
      c->doc_prefix = path + ":";
      c->source = "CSV";
      c->pattern = "csv";
    }
  }

  bool quoted() const override { return true; }

  void parse(const Part& part, unsigned t, PartOut& out) override {
    import::parse_csv_block(header_, part.text, names_[t], out.csv);
    for (EdgeChunk::Row& r : out.csv.rows) r.line += part.first_line;
    for (auto& [line, message] : out.csv.errors)
      out.errors.emplace_back(line + part.first_line, std::move(message));
  }

  Result<std::size_t> gather(std::vector<PartOut>& parts) override {
    next_.rows.clear();
    next_.actors.clear();
    std::size_t used = 0;
    for (const import::CsvNames& n : names_) used += n.used();
    import::CsvNames::Listed listed(used);
    next_.actors.reserve(used);
    for (std::size_t t = 0; t < parts.size(); ++t) {
      next_.rows.insert(next_.rows.end(), parts[t].csv.rows.begin(), parts[t].csv.rows.end());
      names_[t].take_used(next_.actors, listed);
    }
    return next_.rows.size();
  }

  void hand_over() override { std::swap(next_, stored_); }

  Result<BulkIngestResult> store(BulkLoader& loader, std::size_t sst_min_records,
                                 unsigned threads) override {
    return loader.add(stored_, sst_min_records, threads);
  }

 private:
  import::CsvHeader header_;
  std::vector<import::CsvNames> names_;  // one a thread
  EdgeChunk next_, stored_;
};

// The rest of one file, block by block: read, cut into parts, parsed on `threads` threads,
// gathered, stored while the next block is read. `first` is a line read already (without its
// line end) that starts the first block, or empty; `first_line` numbers the block's first line.
// `stored` is called after each chunk is stored.
Status import_file(BulkLoader& loader, import::LineReader& reader, const std::string& path,
                   std::string first, std::uint64_t first_line, ChunkMaker& maker,
                   const ImportOptions& options, unsigned threads,
                   const std::function<void(RecordError&&)>& on_error, ImportSummary& summary,
                   const std::function<void()>& stored) {
  const std::size_t block = std::max<std::size_t>(1, options.chunk_records);
  std::future<Result<BulkIngestResult>> storing;
  auto collect = [&]() -> Status {
    if (!storing.valid()) return Status::ok();
    auto r = storing.get();
    if (!r) return r.error();
    summary.add(*r, maker.documents());
    stored();
    return Status::ok();
  };
  auto report_too_long = [&] {
    for (std::uint64_t n : reader.take_too_long()) {
      ++summary.bad_records;
      on_error({path, static_cast<std::size_t>(n), reader.too_long_message()});
    }
  };
  std::string text;
  std::vector<PartOut> parsed;
  for (;;) {
    text.clear();
    std::size_t want = block;
    if (!first.empty()) {
      text = std::move(first);
      text += '\n';
      first.clear();
      --want;
    }
    if (want > 0) {
      auto got = reader.read_block(text, want);
      if (!got) {
        (void)collect();
        return got.error().code() == StatusCode::kIoError
                   ? Status::io_error(path + ": " + got.error().message())
                   : Status::invalid_input(path + ": " + got.error().message());
      }
    }
    report_too_long();
    if (text.empty()) break;
    // A quoted field open at the block's end goes on in the lines after it: read up to the line
    // that closes it (or the end, or a record's limit: then its record is reported unterminated).
    // The quotes of each line read are counted once (a quote left open must not make every line
    // after it recount the block).
    bool open = maker.quoted() && import::csv_quote_open(text);
    for (const std::size_t open_from = text.size(); open;) {
      const std::size_t had = text.size();
      auto more = reader.read_block(text, 1);
      if (!more || *more == 0) break;
      open ^= import::csv_quote_open(std::string_view(text).substr(had));
      if (text.size() - open_from > options.max_record_bytes) break;
    }
    report_too_long();
    const auto t_read = std::chrono::steady_clock::now();
    std::vector<Part> parts = cut_parts(text, threads, maker.quoted(), first_line, first_line);
    parsed.resize(parts.size());
    {
      std::vector<std::thread> pool;
      for (std::size_t t = 1; t < parts.size(); ++t)
        pool.emplace_back([&, t] {
          parsed[t].clear();
          maker.parse(parts[t], static_cast<unsigned>(t), parsed[t]);
        });
      parsed[0].clear();
      maker.parse(parts[0], 0, parsed[0]);
      for (auto& th : pool) th.join();
    }
    for (const PartOut& p : parsed)
      for (const auto& [line, message] : p.errors) {
        ++summary.bad_records;
        on_error({path, static_cast<std::size_t>(line), message});
      }
    auto gathered = maker.gather(parsed);
    if (!gathered) {
      (void)collect();
      return gathered.error();
    }
    summary.records += *gathered;
    const auto t_parsed = std::chrono::steady_clock::now();
    if (Status s = collect(); !s) return s;
    if (options.trace)
      std::fprintf(stderr, "parse %8.1f ms, then waited %8.1f ms for the store\n",
                   std::chrono::duration<double, std::milli>(t_parsed - t_read).count(),
                   std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                             t_parsed)
                       .count());
    maker.hand_over();
    storing = std::async(std::launch::async, [&loader, &maker, &options, threads] {
      return maker.store(loader, options.sst_min_records, threads);
    });
  }
  return collect();
}

Result<ImportSummary> import_files(GraphStore& store, BulkLoader& loader,
                                   const std::vector<std::string>& files,
                                   const ImportOptions& options,
                                   const std::function<void(RecordError&&)>& on_error) {
  ImportSummary summary;
  const unsigned threads = util::thread_count(options.threads);
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
    // The detected first line starts the first block unless it was a header (ICEWS, CSV).
    std::string first = lines.empty() ? std::string() : std::move(lines[0]);
    const std::uint64_t first_line = lines.empty() ? line_base + 1 : line_base;
    std::unique_ptr<ChunkMaker> maker;
    if (format == EventFileFormat::kCsv)
      maker = std::make_unique<CsvMaker>(csv, path, threads);
    else
      maker = std::make_unique<RecordMaker>(format, header, path, knowledge);
    Status s = import_file(loader, **reader, path, std::move(first), first_line, *maker, options,
                           threads, on_error, summary, [&] {
                             if (options.progress)
                               options.progress(summary.records,
                                                bytes_before + (*reader)->bytes_done(), bytes_all);
                           });
    if (!s) return s;
    bytes_before += (*reader)->bytes_total();
  }
  return summary;
}

}  // namespace

}  // namespace diplograph
