// Which caller-ID profile an outbound call presents.
#ifndef SWITCHBOARD_DOMAIN_COMPLIANCE_CALLER_ID_CHOICE_H_
#define SWITCHBOARD_DOMAIN_COMPLIANCE_CALLER_ID_CHOICE_H_

#include <optional>
#include <string>

#include "domain/compliance/caller_id_profile.h"
#include "domain/compliance/policy_state.h"
#include "domain/rejection.h"

namespace sb::domain {

struct CallerIdChoice {
  // The profile to present; nullopt with no rejection means "none configured": the call goes
  // out with the provider account's own phone_number / caller_id.
  std::optional<CallerIdProfile> profile;
  std::optional<Rejection> rejection;
};

// The profile named `requested_profile_id` when it is not empty, else the default profile,
// else none. A requested profile that does not exist is kInvalid "caller_id_profile_not_found"
// (field "caller_id_profile_id") instead of a silent fallback: an agent who picked the
// "Support" line must not ring the customer as "Sales".
CallerIdChoice ChooseCallerId(const CallingPolicyState& state,
                              const std::string& requested_profile_id);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_COMPLIANCE_CALLER_ID_CHOICE_H_
