// Document readers: plain text and JSON Lines article records.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <system_error>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "diplograph/document.hpp"
#include "text/dateline.hpp"
#include "text/html.hpp"

namespace diplograph {

std::optional<InputFormat> input_format_from_string(std::string_view text) {
  if (text == "auto") return InputFormat::kAuto;
  if (text == "text" || text == "txt") return InputFormat::kText;
  if (text == "html") return InputFormat::kHtml;
  if (text == "jsonl" || text == "json") return InputFormat::kJsonl;
  if (text == "events") return InputFormat::kEvents;
  if (text == "gdelt") return InputFormat::kGdelt;
  if (text == "icews") return InputFormat::kIcews;
  if (text == "csv") return InputFormat::kCsv;
  if (text == "documents") return InputFormat::kDocuments;
  return std::nullopt;
}

std::string RecordError::to_string() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line);
  return out + ": " + message;
}

namespace {

// The offset of the first byte of `s` that is not text (a NUL, or not UTF-8), npos for none. A
// multi-byte sequence cut at the end of `s` counts as text when `cut_ok` (an inspected prefix).
std::size_t first_non_text(std::string_view s, bool cut_ok) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0) return i;
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0) return i;
    for (int k = 1; k < len; ++k) {
      if (i + k >= s.size()) return cut_ok ? std::string_view::npos : i;
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

// Valid UTF-8 with no NUL bytes: what a text file looks like (an inspected prefix).
bool looks_textual(std::string_view s) { return first_non_text(s, true) == std::string_view::npos; }

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Whether `text` holds a word: a letter or digit (any non-ASCII byte counts as one).
bool has_words(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  });
}

void read_text(const std::string& path, std::string content, const ReadOptions& options,
               const std::function<void(Document&&)>& on_document,
               const std::function<void(RecordError&&)>& on_error) {
  if (!has_words(content)) {
    on_error({path, 0, content.empty() ? "empty file" : "no text (not a word in it)"});
    return;
  }
  Document doc;
  doc.id = path;
  doc.source = options.source;
  std::optional<Date> date = options.date;
  if (!date) date = text::find_dateline(content);
  if (!date) {
    on_error({path, 0, "no publication date; give --date"});
    return;
  }
  doc.published = *date;
  doc.text = std::move(content);
  on_document(std::move(doc));
}

// An HTML article page: its text, title, URL and date come from the page (--date still wins, as
// for plain text; then the page's metadata; then a dateline in its text).
void read_html_page(const std::string& path, std::string_view content, const ReadOptions& options,
                    const std::function<void(Document&&)>& on_document,
                    const std::function<void(RecordError&&)>& on_error) {
  auto page = text::read_html(content);
  if (!has_words(page.text) && !has_words(page.title)) {
    on_error({path, 0, "the page has no text"});
    return;
  }
  Document doc;
  doc.id = path;
  doc.title = std::move(page.title);
  doc.url = std::move(page.url);
  doc.source = options.source.empty() ? page.site : options.source;
  std::optional<Date> date = options.date;
  if (!date) date = page.published;
  if (!date) date = text::find_dateline(page.text);
  if (!date) {
    on_error({path, 0, "no publication date in the page's metadata or text; give --date"});
    return;
  }
  doc.published = *date;
  doc.text = std::move(page.text);
  on_document(std::move(doc));
}

// One JSON Lines record (line `line_no` of `path`).
void read_jsonl_record(const std::string& path, std::size_t line_no, std::string_view line,
                       const ReadOptions& options,
                       const std::function<void(Document&&)>& on_document,
                       const std::function<void(RecordError&&)>& on_error) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
    line.remove_suffix(1);
  if (line.empty()) return;
  // One bad byte makes its record bad, not the file (JSON needs UTF-8).
  if (std::size_t bad = first_non_text(line, false); bad != std::string_view::npos) {
    on_error({path, line_no, "not UTF-8 text (byte " + std::to_string(bad + 1) + " of the line)"});
    return;
  }
  auto doc = parse_article_record(line, options, path);
  if (!doc) {
    on_error({path, line_no, doc.error().message()});
    return;
  }
  on_document(std::move(*doc));
}

std::string too_long(std::size_t limit) {
  return "record longer than " + std::to_string(limit) + " bytes (--max-record-bytes)";
}

// Appends up to kChunk bytes of `in` to `buf`; returns how many (0 at the end).
constexpr std::size_t kChunk = std::size_t{1} << 20;
std::size_t read_chunk(std::istream& in, std::string& buf) {
  const std::size_t had = buf.size();
  buf.resize(had + kChunk);
  in.read(buf.data() + had, static_cast<std::streamsize>(kChunk));
  const auto got = static_cast<std::size_t>(in.gcount());
  buf.resize(had + got);
  return got;
}

// JSON Lines, streamed: `buf` holds what was read of `in` so far. At most one record (up to
// max_record_bytes) and one chunk are held at a time; a longer line is read past and reported.
void read_jsonl(const std::string& path, std::string buf, std::istream& in,
                const ReadOptions& options, const std::function<void(Document&&)>& on_document,
                const std::function<void(RecordError&&)>& on_error) {
  const std::size_t limit = options.max_record_bytes;
  std::size_t pos = 0, scan = 0, line_no = 0;  // buf[pos, scan): the current line, no '\n' yet
  bool skipping = false, eof = false;          // skipping: the current line is too long
  for (;;) {
    const void* nl = scan < buf.size() ? std::memchr(buf.data() + scan, '\n', buf.size() - scan)
                                       : nullptr;
    if (nl || (eof && pos < buf.size())) {
      const std::size_t end =
          nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - buf.data()) : buf.size();
      ++line_no;
      if (skipping || end - pos > limit)
        on_error({path, line_no, too_long(limit)});
      else
        read_jsonl_record(path, line_no, std::string_view(buf).substr(pos, end - pos), options,
                          on_document, on_error);
      skipping = false;
      pos = scan = std::min(end + 1, buf.size());
      continue;
    }
    if (eof) return;
    buf.erase(0, pos);
    pos = 0;
    scan = buf.size();
    if (buf.size() > limit) {  // the line is too long already: drop what is held of it
      skipping = true;
      buf.clear();
      scan = 0;
    }
    if (read_chunk(in, buf) == 0) eof = true;
  }
}

}  // namespace

Result<Document> parse_article_record(std::string_view line, const ReadOptions& options,
                                      std::string_view default_id) {
  auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::invalid_input("not a JSON object");
  auto str = [&](const char* key) -> std::optional<std::string> {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
  };
  auto text = str("text");
  if (!text) return Status::invalid_input("record has no \"text\"");
  if (!has_words(*text) && !has_words(str("title").value_or("")))
    return Status::invalid_input("record's \"text\" has no words");
  Document doc;
  doc.id = str("id").value_or(std::string(default_id));
  if (auto it = j.find("id"); it != j.end() && it->is_number()) doc.id = it->dump();
  doc.title = str("title").value_or("");
  doc.source = str("source").value_or(options.source);
  doc.url = str("url").value_or("");
  std::optional<Date> date;
  if (auto d = str("date")) {
    auto parsed = Date::parse(*d);
    if (!parsed) return Status::invalid_input("bad \"date\": " + *d);
    date = *parsed;
  }
  if (!date) date = options.date;
  if (!date) date = text::find_dateline(*text);
  if (!date) return Status::invalid_input("record has no \"date\"; give --date");
  doc.published = *date;
  // Titles count as text: the title is the first paragraph, unless the text opens with it.
  if (!doc.title.empty() && text->compare(0, doc.title.size(), doc.title) != 0)
    doc.text = doc.title + "\n\n" + *text;
  else
    doc.text = std::move(*text);
  return doc;
}

Status read_documents(const std::string& path, const ReadOptions& options,
                      const std::function<void(Document&&)>& on_document,
                      const std::function<void(RecordError&&)>& on_error) {
  // Files are streamed: a first chunk tells the format; JSON Lines go on line by line, a text or
  // HTML document is read whole, up to max_record_bytes.
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    std::error_code ec;
    auto st = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(st)) return Status::invalid_input(path + ": no such file");
    if (std::filesystem::is_directory(st)) return Status::invalid_input(path + ": is a directory");
    file.open(path, std::ios::binary);
    if (!file) return Status::invalid_input(path + ": cannot open");
    in = &file;
  }
  auto read_failed = [&] {
    return Status::io_error(path == "-" ? "-: cannot read standard input" : path + ": read failed");
  };
  std::string content;
  while (content.size() < (64 << 10) && read_chunk(*in, content) > 0) {
  }
  if (in->bad()) return read_failed();
  // A UTF-8 byte-order mark is not text.
  if (content.rfind("\xEF\xBB\xBF", 0) == 0) content.erase(0, 3);

  InputFormat format = options.format;
  if (format == InputFormat::kAuto) {
    std::size_t first = content.find_first_not_of(" \t\r\n");
    bool brace = first != std::string::npos && content[first] == '{';
    if (ends_with(path, ".jsonl") || ends_with(path, ".json") || ends_with(path, ".ndjson") ||
        (path == "-" && brace))
      format = InputFormat::kJsonl;
    else if (ends_with(path, ".html") || ends_with(path, ".htm") || ends_with(path, ".xhtml") ||
             text::looks_like_html(content))
      format = InputFormat::kHtml;
    else
      format = InputFormat::kText;
  }
  // JSON Lines are judged record by record; a text or HTML document is one record, so a binary
  // one (a NUL or a byte that is not UTF-8 in its first 8 KB) is refused whole.
  if (format == InputFormat::kJsonl) {
    read_jsonl(path, std::move(content), *in, options, on_document, on_error);
    return in->bad() ? read_failed() : Status();
  }
  if (format != InputFormat::kHtml && format != InputFormat::kText)
    return Status::invalid_input(path + ": not a document format (events are imported, not read)");
  if (!looks_textual(std::string_view(content).substr(0, 8192)))
    return Status::invalid_input(path + ": binary file (not UTF-8 text)");
  // A whole document: one record.
  while (content.size() <= options.max_record_bytes && read_chunk(*in, content) > 0) {
  }
  if (in->bad()) return read_failed();
  if (content.size() > options.max_record_bytes) {
    on_error({path, 0, "document larger than " + std::to_string(options.max_record_bytes) +
                           " bytes (--max-record-bytes)"});
    return Status();
  }
  if (format == InputFormat::kHtml)
    read_html_page(path, content, options, on_document, on_error);
  else
    read_text(path, std::move(content), options, on_document, on_error);
  return Status();
}

}  // namespace diplograph
