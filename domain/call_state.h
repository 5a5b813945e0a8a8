// The call (seed 001's call session) as folded from its stream.
#ifndef SWITCHBOARD_DOMAIN_CALL_STATE_H_
#define SWITCHBOARD_DOMAIN_CALL_STATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <tuple>

#include "domain/call_attributes.h"
#include "domain/call_outcome.h"
#include "domain/call_status.h"
#include "domain/tie_equality.h"
#include "domain/time.h"

namespace sb::domain {

struct CallState {
  bool exists = false;  // false until CallInitiated: every other command answers 404
  CallStatus status = CallStatus::kInitiated;

  CallDirection direction = CallDirection::kOutbound;
  CallChannel channel = CallChannel::kPstn;
  CallMode mode = CallMode::kLive;
  std::string to_phone;
  std::string from_phone;
  std::string phone_type;
  std::string lead_id;
  std::string agent_id;
  std::string agent_name;  // the agent card shown to the customer
  std::string agent_avatar_url;
  std::string contact_name;
  std::string contact_email;
  std::string campaign_id;
  std::string metadata = "{}";  // canonical serialized JSON object

  // PSTN: the provider that carries the call (asked for, accepted it, or brought it in), its id
  // for the call, and how many dial attempts were made.
  std::string provider_id;
  std::string provider_call_id;
  int dial_attempts = 0;
  std::string queue_id;  // inbound: where it waits (or waited) for an agent
  std::optional<Timestamp> assigned_at;
  std::string recording;  // the recording consent the policy gave the call (see InitiateCall)

  int64_t ring_timeout_seconds = 0;
  std::optional<Timestamp> deadline;  // pending ring/accept deadline; cleared once answered/ended

  Timestamp initiated_at = 0;
  std::optional<Timestamp> ringing_at;
  std::optional<Timestamp> connected_at;
  std::optional<Timestamp> ended_at;
  std::string answered_by;
  std::string end_reason;

  std::optional<CallOutcome> outcome;
  std::string notes;
  std::optional<Timestamp> follow_up_at;
  std::optional<Timestamp> outcome_at;

  bool IsTerminal() const { return exists && sb::domain::IsTerminal(status); }

  // Talk time, connected -> ended, in whole seconds (rounded down); 0 if never connected or
  // not ended yet. Derived from event instants, never from a UI timer.
  int64_t DurationSeconds() const;

  auto Tie() const {
    return std::tie(exists, status, direction, channel, mode, to_phone, from_phone, phone_type,
                    lead_id, agent_id, agent_name, agent_avatar_url, contact_name, contact_email,
                    campaign_id, metadata, provider_id, provider_call_id, dial_attempts, queue_id,
                    assigned_at, recording, ring_timeout_seconds, deadline, initiated_at,
                    ringing_at, connected_at, ended_at, answered_by, end_reason, outcome, notes,
                    follow_up_at, outcome_at);
  }
};

// The agent's task for this call is done: the call is over and its outcome recorded (seed 002).
bool TaskDone(const CallState& state);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_CALL_STATE_H_
