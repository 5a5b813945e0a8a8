// The policy check before an outbound call is placed (the list semantics are at the top of
// policy_decider.cc).
#ifndef SWITCHBOARD_DOMAIN_COMPLIANCE_OUTBOUND_CHECK_H_
#define SWITCHBOARD_DOMAIN_COMPLIANCE_OUTBOUND_CHECK_H_

#include <optional>
#include <string>

#include "domain/compliance/policy_state.h"
#include "domain/rejection.h"
#include "domain/time.h"

namespace sb::domain {

// nullopt when the policy lets us dial `number` (E.164) at `now`. Otherwise, in this order:
// - kInvalid "number_blocked" (field "number") when the number is on the block list, at any
//   time;
// - kInvalid "outside_calling_hours" when hours are enabled, `now` is in none of the windows
//   and the number is not allow-listed. The message says when calling opens next, in the
//   tenant's local time: "outside calling hours: calling opens Tuesday 09:00 local time
//   (2025-12-09T09:00:00-05:00)".
std::optional<Rejection> CheckOutboundCall(const CallingPolicyState& state,
                                           const std::string& number, Timestamp now);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_COMPLIANCE_OUTBOUND_CHECK_H_
