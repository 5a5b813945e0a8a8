// The agent as folded from its stream.
#ifndef SWITCHBOARD_DOMAIN_AGENT_STATE_H_
#define SWITCHBOARD_DOMAIN_AGENT_STATE_H_

#include <optional>
#include <set>
#include <string>
#include <tuple>

#include "domain/agent_profile.h"
#include "domain/agent_status.h"
#include "domain/tie_equality.h"
#include "domain/time.h"

namespace sb::domain {

struct AgentState {
  bool exists = false;  // false until AgentRegistered: every other command answers 404
  AgentProfile profile;

  AgentStatus status = AgentStatus::kOffline;
  std::string status_reason;
  Timestamp status_since = 0;

  std::string active_call_id;  // empty: not on a call
  // While on a call or in its wrap-up: the status to return to afterwards.
  std::optional<AgentStatus> return_status;
  std::optional<Timestamp> wrap_up_deadline;  // set only in wrap_up

  std::set<std::string> active_chats;  // current load = its size

  std::string last_activity_type;
  std::optional<Timestamp> last_activity_at;

  Timestamp created_at = 0;
  Timestamp updated_at = 0;  // instant of the last event of any kind

  int CurrentLoad() const { return static_cast<int>(active_chats.size()); }
  bool HasChatCapacity() const { return CurrentLoad() < profile.max_concurrent_chats; }
  bool OnCall() const { return !active_call_id.empty(); }

  auto Tie() const {
    return std::tie(exists, profile, status, status_reason, status_since, active_call_id,
                    return_status, wrap_up_deadline, active_chats, last_activity_type,
                    last_activity_at, created_at, updated_at);
  }
};

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_AGENT_STATE_H_
