// Status and Result<T>: how every fallible call in the public API reports failure.
// Both are plain values; no exception ever leaves include/. Thread-safety: value types, no sharing.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace diplograph {

// Do not renumber: codes are mapped to CLI exit codes in one place (src/cli/main.cpp).
enum class StatusCode {
  kOk = 0,
  kNotFound = 1,      // unknown actor, no path, empty result
  kInvalidInput = 2,  // bad file, bad record, bad date, bad flag
  kAmbiguous = 3,     // a name that matches several actors; the message lists them
  kIoError = 4,       // the file system or the database failed
  kCorruption = 5,    // stored data does not decode
  kInternal = 6,      // a bug: an invariant broke
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  static Status ok() { return Status(); }
  static Status not_found(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status invalid_input(std::string msg) {
    return {StatusCode::kInvalidInput, std::move(msg)};
  }
  static Status ambiguous(std::string msg) { return {StatusCode::kAmbiguous, std::move(msg)}; }
  static Status io_error(std::string msg) { return {StatusCode::kIoError, std::move(msg)}; }
  static Status corruption(std::string msg) { return {StatusCode::kCorruption, std::move(msg)}; }
  static Status internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }

  bool is_ok() const { return code_ == StatusCode::kOk; }
  explicit operator bool() const { return is_ok(); }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The same code with "PREFIX: " before the message (where it happened: "q.dgq:3").
  Status with_context(const std::string& prefix) const {
    return Status(code_, prefix + ": " + message_);
  }

 private:
  Status(StatusCode code, std::string msg) : code_(code), message_(std::move(msg)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A T or a Status, with std::expected's member names so that moving to it later is a rename.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design, like std::expected
  Result(Status error) : v_(std::move(error)) {  // NOLINT
    assert(!std::get<Status>(v_).is_ok() && "Result built from an OK status");
  }

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  // REQUIRES: !has_value().
  const Status& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace diplograph
