#include "domain/agent_status.h"

namespace sb::domain {

const char* ToString(AgentStatus status) {
  switch (status) {
    case AgentStatus::kOffline:
      return "offline";
    case AgentStatus::kOnline:
      return "online";
    case AgentStatus::kAway:
      return "away";
    case AgentStatus::kBreak:
      return "break";
    case AgentStatus::kOnCall:
      return "on_call";
    case AgentStatus::kWrapUp:
      return "wrap_up";
  }
  return "offline";
}

std::optional<AgentStatus> ParseAgentStatus(std::string_view text) {
  for (AgentStatus s : {AgentStatus::kOffline, AgentStatus::kOnline, AgentStatus::kAway,
                        AgentStatus::kBreak, AgentStatus::kOnCall, AgentStatus::kWrapUp}) {
    if (text == ToString(s)) return s;
  }
  return std::nullopt;
}

bool CanTakeWork(AgentStatus status) { return status == AgentStatus::kOnline; }

bool MayPlaceOutboundCall(AgentStatus status) {
  return status != AgentStatus::kOffline && status != AgentStatus::kBreak;
}

bool IsSystemManaged(AgentStatus status) {
  return status == AgentStatus::kOnCall || status == AgentStatus::kWrapUp;
}

}  // namespace sb::domain
