#include "model/data_rows.hpp"

#include <cstdio>
#include <cstdlib>

#include "model/embedded_data.hpp"
#include "util/lines.hpp"

namespace diplograph::detail {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  for (;;) {
    std::size_t e = s.find(sep, pos);
    out.emplace_back(s.substr(pos, e == std::string_view::npos ? std::string_view::npos : e - pos));
    if (e == std::string_view::npos) break;
    pos = e + 1;
  }
  return out;
}

std::string where(std::string_view file, std::size_t line) {
  return std::string(file) + ":" + std::to_string(line) + ": ";
}

Status for_each_row(std::string_view file, std::size_t min_cols, const RowFn& fn,
                    std::vector<std::string>* header) {
  auto content = embedded_file(file);
  if (!content) return Status::internal("missing built-in data file " + std::string(file));
  return for_each_row_in(file, *content, min_cols, fn, header);
}

Status for_each_row_in(std::string_view name, std::string_view content, std::size_t min_cols,
                       const RowFn& fn, std::vector<std::string>* header) {
  bool in_header = true;
  // One vector for all rows: its strings keep their buffers from row to row.
  std::vector<std::string> cols;
  Status status;
  util::for_each_line(content, [&](std::size_t line_no, std::string_view line) {
    if (line.empty() || line[0] == '#') return true;
    if (in_header) {
      in_header = false;
      if (header) *header = split(line, '\t');
      return true;
    }
    std::size_t n = 0;
    for (std::size_t start = 0;; ++n) {
      std::size_t tab = line.find('\t', start);
      auto field = line.substr(start, tab == std::string_view::npos ? tab : tab - start);
      if (n < cols.size())
        cols[n].assign(field.data(), field.size());
      else
        cols.emplace_back(field);
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    cols.resize(n + 1);
    if (cols.size() < min_cols)
      status = Status::invalid_input(where(name, line_no) + "expected " +
                                     std::to_string(min_cols) + " columns");
    else
      status = fn(line_no, cols);
    return static_cast<bool>(status);
  });
  return status;
}

void require(const Status& st) {
  if (st) return;
  std::fprintf(stderr, "diplograph: bad built-in data: %s\n", st.message().c_str());
  std::abort();
}

}  // namespace diplograph::detail
