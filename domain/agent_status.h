// The agent's availability, and what each value allows.
#ifndef SWITCHBOARD_DOMAIN_AGENT_STATUS_H_
#define SWITCHBOARD_DOMAIN_AGENT_STATUS_H_

#include <optional>
#include <string_view>

namespace sb::domain {

enum class AgentStatus { kOffline, kOnline, kAway, kBreak, kOnCall, kWrapUp };

// "offline", "online", "away", "break", "on_call", "wrap_up".
const char* ToString(AgentStatus status);
std::optional<AgentStatus> ParseAgentStatus(std::string_view text);

// Only an online agent is offered routed work (chats, inbound calls, queue tasks).
bool CanTakeWork(AgentStatus status);

// Whether the agent may place an outbound call (click-to-call) in this status. Offline and
// break block it (issue 3). Away and wrap_up allow it: clicking Call proves the agent is at
// the desk, and calling back from wrap-up is how agents follow up. on_call is allowed by
// status but refused as agent_busy by the reservation itself (one call at a time).
bool MayPlaceOutboundCall(AgentStatus status);

// on_call and wrap_up are entered and left by the call saga (ReserveForCall, ReleaseCall,
// wrap-up expiry); an agent cannot select them by hand.
bool IsSystemManaged(AgentStatus status);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_AGENT_STATUS_H_
