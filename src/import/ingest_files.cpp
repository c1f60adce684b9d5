// ingest_files (diplograph/ingest.hpp): `diplograph ingest` as one library call. The files are
// sorted by kind; event JSON Lines are stored grouped per document, event data and per-document
// records go through import_event_files, and documents are extracted on a pool of workers and
// stored in input order on the calling thread (so the store is the same whatever the thread
// count).
#include "diplograph/ingest.hpp"

#include <future>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

#include "diplograph/query.hpp"
#include "extract/ordered_pool.hpp"
#include "import/event_jsonl.hpp"
#include "import/gdelt_icews_actors.hpp"
#include "import/gdelt_icews_source.hpp"
#include "util/threads.hpp"

namespace diplograph {

namespace {

// Whether `path` holds event data (a GDELT, ICEWS or CSV file, or per-document records), by its
// first non-empty line. A damaged .gz or .zip (a read error) counts as event data too: the
// importer then names the file and the damage rather than the document reader calling it binary.
bool looks_like_event_file(const std::string& path, std::size_t max_line_bytes) {
  if (path == "-") return false;
  auto first = import::LineReader::first_line(path, max_line_bytes);
  if (!first) return first.error().code() == StatusCode::kIoError;
  return *first && detect_event_format(**first) != EventFileFormat::kUnknown;
}

bool is_event_data(InputFormat f) {
  return f == InputFormat::kGdelt || f == InputFormat::kIcews || f == InputFormat::kCsv ||
         f == InputFormat::kDocuments;
}

}  // namespace

std::string IngestSummary::to_json() const {
  const IngestCounts* kinds[] = {&documents, &records, &event_lines};
  std::uint64_t present = 0, replaced = 0, events_new = 0, events_merged = 0;
  for (const IngestCounts* k : kinds) {
    present += k->already_present;
    replaced += k->replaced;
    events_new += k->events_new;
    events_merged += k->events_merged;
  }
  nlohmann::ordered_json j;
  j["documents"] = documents.stored + records_documents + event_line_documents;
  j["records"] = records.stored - records_documents + event_lines.stored;
  j["already_present"] = present;
  j["replaced"] = replaced;
  j["events_new"] = events_new;
  j["events_merged"] = events_merged;
  j["bad_records"] = bad_records;
  j["warnings"] = warnings;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string IngestSummary::to_text() const {
  std::ostringstream out;
  if (event_lines.seen)
    out << "ingested " << event_lines.stored << " event record(s) in " << event_line_documents
        << " document(s): " << event_lines.events_new << " new event(s), "
        << event_lines.events_merged << " merged"
        << (event_lines.already_present
                ? "; " + std::to_string(event_lines.already_present) + " document(s) already present"
                : std::string())
        << "\n";
  if (records.seen) {
    out << "imported " << records.stored << " record(s): " << records.events_new
        << " new event(s), " << records.events_merged << " merged";
    if (records.already_present) out << "; " << records.already_present << " already present";
    out << "\n";
  }
  if (documents.seen) {
    out << "ingested " << documents.stored << " document(s): " << documents.events_new
        << " new event(s), " << documents.events_merged << " merged";
    if (documents.replaced)
      out << " (" << documents.replaced
          << " extracted again with newer knowledge, replacing the old)";
    if (documents.already_present) out << "; " << documents.already_present << " already present";
    out << "\n";
  }
  return out.str();
}

Result<IngestSummary> ingest_files(const StoreSource& source, const std::vector<std::string>& files,
                                   const IngestOptions& options,
                                   const std::function<void(RecordError&&)>& on_error) {
  IngestSummary sum;
  auto report = [&](RecordError&& e) {
    ++sum.bad_records;
    if (on_error) on_error(std::move(e));
  };
  GraphStore* store = nullptr;
  auto open = [&](bool bulk) -> Status {
    if (store) return Status::ok();
    auto got = source(bulk);
    if (!got) return got.error();
    if (!*got) return Status::internal("no store to ingest into");
    store = *got;
    return Status::ok();
  };
  const InputFormat format = options.read.format;
  const unsigned threads = util::thread_count(options.threads);

  std::vector<std::string> event_files, document_files;
  if (format == InputFormat::kEvents) {
    // Our own event JSON Lines: grouped per mention document, one atomic batch per group.
    sum.event_lines.seen = true;
    // A missing or unreadable file leaves no new database behind.
    for (const auto& file : files)
      if (auto r = import::LineReader::open(file); !r) return r.error();
    if (Status s = open(false); !s) return s;
    for (const auto& file : files) {
      import::EventsImportSummary got;
      if (Status s = import::import_event_jsonl(*store, file, options.read.max_record_bytes, report, got); !s) return s;
      sum.event_lines.stored += got.events;
      sum.event_line_documents += got.documents - got.already_present;
      sum.event_lines.already_present += got.already_present;
      sum.event_lines.events_new += got.events_new;
      sum.event_lines.events_merged += got.events_merged;
    }
  } else {
    for (const auto& f : files) {
      const bool events =
          is_event_data(format) ||
          (format == InputFormat::kAuto && looks_like_event_file(f, options.read.max_record_bytes));
      (events ? event_files : document_files).push_back(f);
    }
  }

  if (!event_files.empty()) {
    // The actor tables every importer resolves names with load while the store opens.
    auto tables = std::async(std::launch::async, [] { (void)import::ActorResolver::instance(); });
    sum.records.seen = true;
    Status opened = open(true);
    tables.wait();
    if (!opened) return opened;
    ImportOptions io = options.import;
    io.format = format;
    io.max_record_bytes = options.read.max_record_bytes;
    io.threads = threads;
    auto got = import_event_files(*store, event_files, io, report);
    if (!got) return got.error();
    sum.records.stored = got->records - got->already_present;
    sum.records_documents = got->documents;
    sum.records.already_present = got->already_present;
    sum.records.events_new = got->events_new;
    sum.records.events_merged = got->events_merged;
  }

  if (!document_files.empty()) {
    sum.documents.seen = true;
    std::unique_ptr<Extractor> own;
    const Extractor* extractor = options.extractor;
    if (!extractor) {
      auto made = Extractor::create(options.extractor_options);
      if (!made) return made.error();
      own = std::move(*made);
      extractor = own.get();
    }
    // Workers extract; this thread stores each document in input order, so the store is the
    // same for any number of threads. The store opens at the first good document, so that a
    // missing or unreadable input leaves no database behind where there was none.
    using Extracted = std::pair<Document, Extraction>;
    extract::OrderedPool<Document, Extracted> pool(threads, 4 * threads);
    Status failed;
    pool.run(
        [&](const std::function<void(Document&&)>& push) {
          for (const auto& file : document_files) {
            Status st = read_documents(
                file, options.read,
                [&](Document&& doc) {
                  if (failed) push(std::move(doc));
                },
                report);
            if (!st && failed) failed = st;
            if (!failed) return;
          }
        },
        [&](Document& doc) {
          Extraction ex = extractor->extract(doc);
          return Extracted(std::move(doc), std::move(ex));
        },
        [&](Extracted&& done) {
          if (!failed) return;
          if (Status s = open(false); !s) {
            failed = s;
            return;
          }
          auto r = store->ingest(done.first, done.second);
          if (!r) {
            failed = r.error();
          } else if (r->already_present || r->superseded) {
            // A copy of a stored article (superseded: this copy's id sorts first and is kept).
            ++sum.documents.already_present;
          } else {
            ++sum.documents.stored;
            sum.documents.replaced += r->replaced;
            sum.documents.events_new += r->events_new;
            sum.documents.events_merged += r->events_merged;
          }
        });
    if (!failed) return failed;
  }

  if (store && options.save_projection)
    if (Status st = QueryEngine(*store).save_projection(); !st)
      sum.warnings.push_back("the projection was not saved (" + st.message() +
                             "); queries build it when they need it");
  return sum;
}

}  // namespace diplograph
