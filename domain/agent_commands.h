// Commands an agent entity accepts. The agent's id is the stream's, not a field.
#ifndef SWITCHBOARD_DOMAIN_AGENT_COMMANDS_H_
#define SWITCHBOARD_DOMAIN_AGENT_COMMANDS_H_

#include <cstdint>
#include <string>
#include <variant>

#include "domain/agent_profile.h"
#include "domain/agent_status.h"
#include "domain/time.h"

namespace sb::domain {

// Creates the agent, or (PUT semantics) replaces the profile of an existing one.
struct RegisterAgent {
  AgentProfile profile;
};

// Replaces the profile of an existing agent.
struct UpdateAgentProfile {
  AgentProfile profile;
};

// The agent (or a supervisor) selects offline/online/away/break.
struct ChangeAgentStatus {
  AgentStatus status = AgentStatus::kOnline;
  std::string reason;  // free text; "manual" when empty
};

// The call saga claims the agent for one call before it dials.
struct ReserveAgentForCall {
  std::string call_id;
};

// The call saga reports that `call_id` has ended.
struct ReleaseAgentCall {
  std::string call_id;
  int64_t wrap_up_seconds = 0;  // 0: straight back to the status before the call
};

// Timer: the wrap-up deadline written by ReleaseAgentCall has passed.
struct ExpireAgentWrapUp {
  Timestamp deadline = 0;
};

// Chat routing claims one unit of the agent's chat capacity.
struct ReserveAgentChat {
  std::string chat_id;
};

struct ReleaseAgentChat {
  std::string chat_id;
};

// Seed 001 `POST /api/v1/agent-activity`: an audit record from the agent's tools.
struct RecordAgentActivity {
  std::string activity_type;  // e.g. "ON_CALL", "LOGIN", "IDLE"
  std::string session_id;     // the call session it refers to, if any
  bool is_available = false;
  int64_t duration_seconds = 0;
  std::string details;  // free text
};

using AgentCommand = std::variant<RegisterAgent, UpdateAgentProfile, ChangeAgentStatus,
                                  ReserveAgentForCall, ReleaseAgentCall, ExpireAgentWrapUp,
                                  ReserveAgentChat, ReleaseAgentChat, RecordAgentActivity>;

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_AGENT_COMMANDS_H_
