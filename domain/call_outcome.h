// What came of a call, as the agent records it (seed 002: mandatory before the task is done).
#ifndef SWITCHBOARD_DOMAIN_CALL_OUTCOME_H_
#define SWITCHBOARD_DOMAIN_CALL_OUTCOME_H_

#include <optional>
#include <string_view>

namespace sb::domain {

enum class CallOutcome { kOrdered, kFollowUp, kNotInterested, kPriceIssue, kNoResponse };

// The seed's labels: "Ordered", "Follow-up", "Not Interested", "Price Issue", "No Response".
const char* ToString(CallOutcome outcome);
// A label (case-insensitive) or its snake_case token ("follow_up", "not_interested", ...).
std::optional<CallOutcome> ParseCallOutcome(std::string_view text);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_CALL_OUTCOME_H_
