// Events of an agent stream. Each carries everything Evolve needs, including its instant.
#ifndef SWITCHBOARD_DOMAIN_AGENT_EVENTS_H_
#define SWITCHBOARD_DOMAIN_AGENT_EVENTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <variant>

#include "domain/agent_profile.h"
#include "domain/agent_status.h"
#include "domain/tie_equality.h"
#include "domain/time.h"

namespace sb::domain {

struct AgentRegistered {
  static constexpr const char* kType = "AgentRegistered";
  AgentProfile profile;
  Timestamp at = 0;
  auto Tie() const { return std::tie(profile, at); }
};

struct AgentProfileUpdated {
  static constexpr const char* kType = "AgentProfileUpdated";
  AgentProfile profile;
  Timestamp at = 0;
  auto Tie() const { return std::tie(profile, at); }
};

// Every status change, whoever caused it, is one of these (status history = these events).
struct AgentStatusChanged {
  static constexpr const char* kType = "AgentStatusChanged";
  AgentStatus from = AgentStatus::kOffline;
  AgentStatus to = AgentStatus::kOffline;
  std::string reason;
  Timestamp at = 0;
  auto Tie() const { return std::tie(from, to, reason, at); }
};

// Followed by AgentStatusChanged(-> on_call).
struct AgentCallReserved {
  static constexpr const char* kType = "AgentCallReserved";
  std::string call_id;
  AgentStatus return_status = AgentStatus::kOnline;  // where the agent goes after the call
  Timestamp at = 0;
  auto Tie() const { return std::tie(call_id, return_status, at); }
};

// Followed by AgentStatusChanged(-> wrap_up, or -> return status).
struct AgentCallReleased {
  static constexpr const char* kType = "AgentCallReleased";
  std::string call_id;
  std::optional<Timestamp> wrap_up_deadline;  // set when the agent enters wrap-up
  Timestamp at = 0;
  auto Tie() const { return std::tie(call_id, wrap_up_deadline, at); }
};

struct AgentChatReserved {
  static constexpr const char* kType = "AgentChatReserved";
  std::string chat_id;
  Timestamp at = 0;
  auto Tie() const { return std::tie(chat_id, at); }
};

struct AgentChatReleased {
  static constexpr const char* kType = "AgentChatReleased";
  std::string chat_id;
  Timestamp at = 0;
  auto Tie() const { return std::tie(chat_id, at); }
};

struct AgentActivityRecorded {
  static constexpr const char* kType = "AgentActivityRecorded";
  std::string activity_type;
  std::string session_id;
  bool is_available = false;
  int64_t duration_seconds = 0;
  std::string details;
  Timestamp at = 0;
  auto Tie() const {
    return std::tie(activity_type, session_id, is_available, duration_seconds, details, at);
  }
};

using AgentEvent =
    std::variant<AgentRegistered, AgentProfileUpdated, AgentStatusChanged, AgentCallReserved,
                 AgentCallReleased, AgentChatReserved, AgentChatReleased, AgentActivityRecorded>;

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_AGENT_EVENTS_H_
