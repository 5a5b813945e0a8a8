// Test support for the compliance tests: a harness for the calling policy, instants written
// as RFC 3339, and the schedule used throughout (Mon-Fri 09:00-20:00, Sat 10:00-14:00).
#ifndef SWITCHBOARD_TESTS_COMPLIANCE_POLICY_FIXTURE_H_
#define SWITCHBOARD_TESTS_COMPLIANCE_POLICY_FIXTURE_H_

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "domain/compliance/policy_decider.h"
#include "tests/domain/decider_harness.h"

namespace sb::domain::testing {

using PolicyHarness = Harness<CallingPolicyDecider>;

// The instant `rfc3339` names ("2025-12-01T09:00:00-05:00"); fails the test if it does not
// parse. 2025-12-01 is a Monday.
inline Timestamp At(const std::string& rfc3339) {
  Result<Timestamp> t = ParseTimestamp(rfc3339);
  INFO(rfc3339);
  REQUIRE(t.ok());
  return *t;
}

inline std::vector<CallingWindowSpec> OfficeWindows() {
  std::vector<CallingWindowSpec> windows;
  for (const char* day : {"monday", "tuesday", "wednesday", "thursday", "friday"}) {
    windows.push_back({day, 9 * 60, 20 * 60});
  }
  windows.push_back({"saturday", 10 * 60, 14 * 60});
  return windows;
}

inline SetCallingHours OfficeHours(int utc_offset_minutes) {
  return SetCallingHours{utc_offset_minutes, OfficeWindows(), true};
}

}  // namespace sb::domain::testing

#endif  // SWITCHBOARD_TESTS_COMPLIANCE_POLICY_FIXTURE_H_
