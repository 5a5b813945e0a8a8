// What to do with an inbound call, decided from the caller's number alone (the list semantics
// are at the top of policy_decider.cc). Calling hours never apply to inbound calls.
#ifndef SWITCHBOARD_DOMAIN_COMPLIANCE_INBOUND_SCREENING_H_
#define SWITCHBOARD_DOMAIN_COMPLIANCE_INBOUND_SCREENING_H_

#include <optional>
#include <string>

#include "domain/compliance/number_list.h"
#include "domain/compliance/policy_state.h"

namespace sb::domain {

enum class InboundAction {
  kAccept,  // route it as usual
  kReject,  // refuse it (the provider adapter hangs up / answers busy); it reaches no queue
};

struct InboundScreening {
  InboundAction action = InboundAction::kAccept;
  int priority_boost = 0;          // add to the task's queue priority (VIP callers only)
  std::optional<NumberList> list;  // the caller's list, for the call log and the agent's badge
};

// Block and spam numbers are rejected; VIP numbers are accepted with the policy's
// vip_priority_boost; allow-listed, unlisted, empty (withheld) or malformed caller numbers are
// accepted with no boost. A malformed number is accepted on purpose: carriers send odd ANI
// forms, and refusing a real customer's call is worse than answering a stranger.
InboundScreening ScreenInbound(const CallingPolicyState& state, const std::string& caller_number);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_COMPLIANCE_INBOUND_SCREENING_H_
