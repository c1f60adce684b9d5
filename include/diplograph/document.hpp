// Reading documents: plain text, JSON Lines article records ({id, title, date, source, url,
// text}) and HTML article pages. Readers stream: one callback per document. Thread-safety: the
// functions are reentrant; callbacks run on the calling thread.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "diplograph/event.hpp"
#include "diplograph/status.hpp"

namespace diplograph {

// kDocuments: per-document extraction records (`extract --emit documents`; import.hpp).
enum class InputFormat { kAuto, kText, kHtml, kJsonl, kEvents, kGdelt, kIcews, kCsv, kDocuments };
std::optional<InputFormat> input_format_from_string(std::string_view text);

// 64 MiB: far above any article, far below what would exhaust memory.
inline constexpr std::size_t kDefaultMaxRecordBytes = std::size_t{64} << 20;

struct ReadOptions {
  // Publication date for documents that carry none. Default: none (then a dateline is looked for;
  // a document with no date at all is a bad record).
  std::optional<Date> date;
  // Outlet name for documents that carry none. Default: empty.
  std::string source;
  // Default: kAuto (by extension and content: .jsonl/.json -> JSON Lines, .html/.htm or a page
  // starting with <!doctype html>/<html> -> HTML, else plain text).
  InputFormat format = InputFormat::kAuto;
  // The largest record read: a JSON Lines line, or a whole text or HTML document. A longer one is
  // a bad record (skipped, reported with its line), read past in bounded memory; files are
  // streamed, so only this much of one is held at a time. Default: kDefaultMaxRecordBytes.
  std::size_t max_record_bytes = kDefaultMaxRecordBytes;
};

// One bad record in an otherwise readable file: reported, skipped, and the run exits 2.
struct RecordError {
  std::string file;
  std::size_t line = 0;  // 1-based; 0 when not line-based
  std::string message;
  std::string to_string() const;  // "FILE:LINE: MESSAGE"
};

// One JSON Lines article record ({id, title, date, source, url, text}; `line` without its newline,
// not blank) as the document `read_documents` makes of it: the title, unless the text opens with
// it, is the text's first paragraph; the id is the record's, else `default_id` (the file path);
// source and date fall back to `options`, then the date to a dateline. kInvalidInput says what is
// wrong with the record ("record has no \"text\"").
Result<Document> parse_article_record(std::string_view line, const ReadOptions& options,
                                      std::string_view default_id);

// Reads every document of `path` ("-" is standard input) and calls `on_document` for each, in
// file order, and `on_error` for each bad record. Returns kInvalidInput for a missing, unreadable
// or binary file (nothing is passed on then), kIoError when reading fails midway.
Status read_documents(const std::string& path, const ReadOptions& options,
                      const std::function<void(Document&&)>& on_document,
                      const std::function<void(RecordError&&)>& on_error);

}  // namespace diplograph
