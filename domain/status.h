// Status: the outcome of an operation that can fail, as a value (LevelDB's idiom).
// An ok Status carries nothing; an error carries a code and a message for people.
#ifndef SWITCHBOARD_DOMAIN_STATUS_H_
#define SWITCHBOARD_DOMAIN_STATUS_H_

#include <string>
#include <utility>

namespace sb {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kNotFound,
    kInvalidArgument,
    kConflict,     // an expectation about current state did not hold (e.g. stream version)
    kCorruption,   // stored bytes do not decode or fail their checksum
    kIOError,      // the disk or the OS refused
    kBusy,         // a resource is held by someone else (e.g. the data directory's lock)
    kFailed,       // the component is in a failed state and refuses writes until reopened
    kUnavailable,  // shutting down or not started
  };

  Status() = default;

  static Status OK() { return Status(); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status InvalidArgument(std::string msg) {
    return Status(Code::kInvalidArgument, std::move(msg));
  }
  static Status Conflict(std::string msg) { return Status(Code::kConflict, std::move(msg)); }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status IOError(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  static Status Busy(std::string msg) { return Status(Code::kBusy, std::move(msg)); }
  static Status Failed(std::string msg) { return Status(Code::kFailed, std::move(msg)); }
  static Status Unavailable(std::string msg) { return Status(Code::kUnavailable, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  bool IsConflict() const { return code_ == Code::kConflict; }
  bool IsCorruption() const { return code_ == Code::kCorruption; }
  bool IsIOError() const { return code_ == Code::kIOError; }
  bool IsBusy() const { return code_ == Code::kBusy; }
  bool IsFailed() const { return code_ == Code::kFailed; }

  // "OK", or "<code name>: <message>".
  std::string ToString() const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

const char* CodeName(Status::Code code);

}  // namespace sb

#endif  // SWITCHBOARD_DOMAIN_STATUS_H_
