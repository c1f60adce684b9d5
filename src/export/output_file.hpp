// Output files written whole or not at all: a temporary file in the target's directory, checked
// at every write, then renamed over the target, so a failed write (a full disk, a file size
// limit) leaves the old file as it was. A symbolic link at the target is never followed: it was
// not made by us. Thread-safe (no shared state).
#pragma once

#include <string>
#include <string_view>

#include "diplograph/status.hpp"

namespace diplograph::detail {

// kInvalidInput "PATH is a symbolic link: not written through it (remove it or choose another
// path)" when `path` is one (dangling or not); OK otherwise, a missing path included.
Status refuse_symlink(const std::string& path);

// Writes `content` as `path` through a temporary file beside it. Errors: refuse_symlink's;
// kIoError "cannot write PATH: REASON" (strerror) when the directory is missing or unwritable or
// a write, fsync or rename fails; the temporary file is removed and the old file is intact.
Status write_file_atomically(const std::string& path, std::string_view content);

// For writers that make the file themselves (GraphViz): a new empty temporary file beside
// `path` (".NAME.XXXXXX"), whose name goes into `temp`. Errors as write_file_atomically.
Status make_temp_beside(const std::string& path, std::string& temp);
// Renames `temp` over `path` (after refuse_symlink), or removes it on failure.
Status commit_temp(const std::string& temp, const std::string& path);

}  // namespace diplograph::detail
