// Events of a call stream. Each carries everything Evolve needs, including its instant.
#ifndef SWITCHBOARD_DOMAIN_CALL_EVENTS_H_
#define SWITCHBOARD_DOMAIN_CALL_EVENTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <variant>

#include "domain/call_attributes.h"
#include "domain/call_outcome.h"
#include "domain/call_status.h"
#include "domain/dial_attempt.h"
#include "domain/tie_equality.h"
#include "domain/time.h"

namespace sb::domain {

struct CallInitiated {
  static constexpr const char* kType = "CallInitiated";
  CallDirection direction = CallDirection::kOutbound;
  CallChannel channel = CallChannel::kPstn;
  CallMode mode = CallMode::kLive;
  std::string to_phone;
  std::string from_phone;
  std::string phone_type;
  std::string lead_id;
  std::string agent_id;
  std::string agent_name;
  std::string agent_avatar_url;
  std::string contact_name;
  std::string contact_email;
  std::string campaign_id;
  std::string metadata = "{}";  // canonical serialized JSON object
  std::string provider_id;
  std::string provider_call_id;
  std::string queue_id;
  std::string recording;
  int64_t ring_timeout_seconds = 0;
  Timestamp deadline = 0;  // at + ring_timeout_seconds: answer by then or TIMEOUT
  Timestamp at = 0;
  auto Tie() const {
    return std::tie(direction, channel, mode, to_phone, from_phone, phone_type, lead_id, agent_id,
                    agent_name, agent_avatar_url, contact_name, contact_email, campaign_id,
                    metadata, provider_id, provider_call_id, queue_id, recording,
                    ring_timeout_seconds, deadline, at);
  }
};

struct CallRinging {
  static constexpr const char* kType = "CallRinging";
  Timestamp at = 0;
  auto Tie() const { return std::tie(at); }
};

struct CallConnected {
  static constexpr const char* kType = "CallConnected";
  std::string answered_by;  // "customer" (console accept), "provider", or "status_api"
  Timestamp at = 0;
  auto Tie() const { return std::tie(answered_by, at); }
};

// The one way a call ends, whatever the terminal status.
struct CallEnded {
  static constexpr const char* kType = "CallEnded";
  CallStatus status = CallStatus::kCompleted;  // always terminal
  std::string reason;
  Timestamp at = 0;
  auto Tie() const { return std::tie(status, reason, at); }
};

struct CallOutcomeRecorded {
  static constexpr const char* kType = "CallOutcomeRecorded";
  CallOutcome outcome = CallOutcome::kNoResponse;
  std::string notes;
  std::optional<Timestamp> follow_up_at;  // only for Follow-up
  Timestamp at = 0;
  auto Tie() const { return std::tie(outcome, notes, follow_up_at, at); }
};

struct CallDialAttempted {
  static constexpr const char* kType = "CallDialAttempted";
  DialAttempt attempt;
  Timestamp at = 0;
  auto Tie() const { return std::tie(attempt, at); }
};

// An inbound call got its agent.
struct CallAgentAssigned {
  static constexpr const char* kType = "CallAgentAssigned";
  std::string agent_id;
  std::string agent_name;
  Timestamp at = 0;
  auto Tie() const { return std::tie(agent_id, agent_name, at); }
};

using CallEvent = std::variant<CallInitiated, CallRinging, CallConnected, CallEnded,
                               CallOutcomeRecorded, CallDialAttempted, CallAgentAssigned>;

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_CALL_EVENTS_H_
