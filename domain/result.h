// Result<T>: a value or the Status saying why there is none (an `expected` for C++17).
#ifndef SWITCHBOARD_DOMAIN_RESULT_H_
#define SWITCHBOARD_DOMAIN_RESULT_H_

#include <cassert>
#include <optional>
#include <utility>

#include "domain/status.h"

namespace sb {

template <class T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit, like expected
  Result(Status status) : status_(std::move(status)) {
    assert(!status_.ok() && "a Result without a value needs an error Status");
  }

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Status& status() const { return status_; }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace sb

#endif  // SWITCHBOARD_DOMAIN_RESULT_H_
