// A caller-ID profile: a number (and label) the tenant presents on outbound calls.
#ifndef SWITCHBOARD_DOMAIN_COMPLIANCE_CALLER_ID_PROFILE_H_
#define SWITCHBOARD_DOMAIN_COMPLIANCE_CALLER_ID_PROFILE_H_

#include <cstddef>
#include <string>
#include <tuple>

#include "domain/tie_equality.h"

namespace sb::domain {

inline constexpr size_t kMaxCallerIdProfiles = 1'000;
inline constexpr size_t kMaxProfileIdLength = 64;
inline constexpr size_t kMaxDisplayNameLength = 64;

struct CallerIdProfile {
  std::string profile_id;    // required, the key
  std::string number;        // E.164, what the callee sees
  std::string display_name;  // a label for agents ("Support line"); may be empty
  // At most one profile of a policy is the default: marking one clears the others' flag.
  bool is_default = false;

  auto Tie() const { return std::tie(profile_id, number, display_name, is_default); }
};

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_COMPLIANCE_CALLER_ID_PROFILE_H_
