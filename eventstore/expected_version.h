// What an appender believes the stream's current version to be. A mismatch appends nothing.
#ifndef SWITCHBOARD_EVENTSTORE_EXPECTED_VERSION_H_
#define SWITCHBOARD_EVENTSTORE_EXPECTED_VERSION_H_

#include <cstdint>
#include <string>

namespace sb::es {

class ExpectedVersion {
 public:
  // Append whatever the current version is.
  static ExpectedVersion Any() { return ExpectedVersion(kAny, 0); }
  // The stream must not exist yet (no event was ever appended to it).
  static ExpectedVersion NoStream() { return ExpectedVersion(kExact, 0); }
  // The stream's last event must have exactly this version (0 is the same as NoStream).
  static ExpectedVersion Exact(uint64_t version) { return ExpectedVersion(kExact, version); }

  bool IsAny() const { return kind_ == kAny; }
  bool Matches(uint64_t current) const { return kind_ == kAny || version_ == current; }
  uint64_t version() const { return version_; }
  std::string ToString() const {
    if (kind_ == kAny) return "any";
    return version_ == 0 ? "no-stream" : std::to_string(version_);
  }

 private:
  enum Kind { kAny, kExact };
  ExpectedVersion(Kind kind, uint64_t version) : kind_(kind), version_(version) {}
  Kind kind_;
  uint64_t version_;
};

}  // namespace sb::es

#endif  // SWITCHBOARD_EVENTSTORE_EXPECTED_VERSION_H_
