// Why agent selection passed over an agent. Every routing decision records one reason per
// skipped agent, so "why did Bob not get this call?" is answered from the log alone.
#ifndef SWITCHBOARD_DOMAIN_ROUTING_SKIP_REASON_H_
#define SWITCHBOARD_DOMAIN_ROUTING_SKIP_REASON_H_

#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "domain/tie_equality.h"

namespace sb::domain {

// Listed in the order selection checks them; an agent gets the first that applies. Skills
// come first because they are the structural reason (the agent will never serve this task,
// whatever their status); the rest are transient.
enum class SkipReason {
  kMissingSkill,  // lacks a skill the task requires
  kOffline,       // status offline
  kAway,          // status away
  kOnBreak,       // status break
  kOnCall,        // status on_call, or holding a call whatever the status says
  kWrapUp,        // status wrap_up, or a wrap-up deadline still in the future
  kHasOpenOffer,  // already being offered a task (by any queue): one offer per agent at a time
  kAtCapacity,    // chat channel: as many chats as the agent's maximum
};

// "missing_skill", "offline", "away", "on_break", "on_call", "wrap_up", "has_open_offer",
// "at_capacity".
const char* ToString(SkipReason reason);
std::optional<SkipReason> ParseSkipReason(std::string_view text);

struct SkippedAgent {
  std::string agent_id;
  SkipReason reason = SkipReason::kOffline;

  auto Tie() const { return std::tie(agent_id, reason); }
};

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_ROUTING_SKIP_REASON_H_
