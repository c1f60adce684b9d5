// Event extraction: sentences -> actor mentions -> resolved actors -> pattern matches -> events.
// The knowledge (actors, titles, event patterns, date words) is data under data/, built into the
// library, plus user dictionaries given at run time. Thread-safety: an Extractor is immutable after
// create(); extract() may run concurrently on many threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "diplograph/event.hpp"
#include "diplograph/status.hpp"

namespace diplograph {

struct ExtractorOptions {
  // Extra actor dictionaries (our JSON format), loaded after the built-in ones. Default: none.
  std::vector<std::string> dict_files;
  // Extra event pattern files (TSV: id, type, CAMEO code, pattern; the format and pattern
  // language of data/patterns/events.tsv, whose header documents them), tried before the
  // built-in patterns, so a new verb or construction needs no rebuild. Default: none.
  std::vector<std::string> pattern_files;
  // Each sentence's resolved units (actors, roles, pronouns, times) on stderr: the way to see why
  // a pattern did or did not fire (the CLI sets it when DIPLOGRAPH_DEBUG_UNITS is set).
  // Default: false.
  bool debug_units = false;
};

// What one document yields.
struct Extraction {
  // One event per real-world event: two sentences reporting the same call give one event with two
  // mentions. In order of first mention.
  std::vector<Event> events;
  // Every actor the events name, and every actor those are affiliated to (with their
  // affiliations), so that a store can add vertices and affiliation edges. No duplicates.
  std::vector<Actor> actors;
  // The version of the knowledge (built-in data, user dictionaries and pattern files) that
  // extracted this: 16 hex digits. A store keeps it with the document and extracts a document
  // again when a later ingest brings another version (GraphStore::ingest).
  std::string knowledge;
};

class Extractor {
 public:
  // Loads the built-in knowledge base and patterns, then the user dictionaries.
  // kInvalidInput names the file and line or field of a bad dictionary.
  static Result<std::unique_ptr<Extractor>> create(const ExtractorOptions& options = {});
  ~Extractor();
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;

  // Extracts the events of one document. Never fails: text with nothing recognizable gives an
  // empty Extraction.
  Extraction extract(const Document& doc) const;
  // The version every Extraction of this extractor carries (Extraction::knowledge).
  const std::string& knowledge_version() const;

  // Actors of the knowledge base whose name or alias normalizes to normalize_name(text).
  std::vector<Actor> lookup(std::string_view text) const;
  // Actors a place stands for, as extraction reads it: a capital or seat ("Moscow", "the
  // Kremlin" -> Russia; the state of today rather than a former one) or a place inside a state.
  // Empty when `text` is no such place.
  std::vector<Actor> lookup_place(std::string_view text) const;

  struct Impl;

 private:
  explicit Extractor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace diplograph
