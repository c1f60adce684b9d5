// The files of data/ built into the library by cmake/embed_data.cmake. Immutable; thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace diplograph::detail {

struct EmbeddedFile {
  std::string_view path;  // relative to data/: "actors/states.tsv"
  std::string_view content;
};

// Every embedded file, sorted by path. Lives for the whole program.
const std::vector<EmbeddedFile>& embedded_files();

// The content of data/`path`, or nullopt.
inline std::optional<std::string_view> embedded_file(std::string_view path) {
  for (const auto& f : embedded_files())
    if (f.path == path) return f.content;
  return std::nullopt;
}

}  // namespace diplograph::detail
