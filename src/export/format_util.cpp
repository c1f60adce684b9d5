#include "export/format_util.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "export/output_file.hpp"

namespace diplograph::detail {

std::string actor_hex(ActorId id) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(id));
  return buf;
}

std::string affiliation_key(const AffiliationEdge& af, std::size_t index) {
  return "aff:" + actor_hex(af.from) + ":" + actor_hex(af.to) + ":" + std::to_string(index);
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') break;
        out += c;
    }
  }
  return out;
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_row(std::initializer_list<std::string_view> fields) {
  std::string line;
  bool first = true;
  for (auto f : fields) {
    if (!first) line += ',';
    first = false;
    line += csv_field(f);
  }
  return line + "\n";
}

Status make_dir(const std::string& dir) {
  if (Status st = refuse_symlink(dir); !st) return st;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    return Status::io_error("cannot create the directory " + dir);
  return Status::ok();
}

Status write_dir_file(const std::string& dir, const std::string& name, const std::string& text) {
  return write_file_atomically((std::filesystem::path(dir) / name).string(), text);
}

std::string goldstein_text(double g) {
  double r = std::round(g * 10.0) / 10.0;
  if (r == 0) r = 0;  // no "-0"
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", r);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

std::string date_start_text(const Date& d) { return Date{d.days, DatePrecision::kDay}.to_string(); }

std::string date_end_text(const Date& d) {
  return Date{d.last_day(), DatePrecision::kDay}.to_string();
}

}  // namespace diplograph::detail
