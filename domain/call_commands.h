// Commands a call entity accepts. The call's id is the stream's, not a field.
#ifndef SWITCHBOARD_DOMAIN_CALL_COMMANDS_H_
#define SWITCHBOARD_DOMAIN_CALL_COMMANDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "domain/call_attributes.h"
#include "domain/call_outcome.h"
#include "domain/call_status.h"
#include "domain/dial_attempt.h"
#include "domain/time.h"

namespace sb::domain {

inline constexpr int64_t kDefaultRingTimeoutSeconds = 30;

// Seed 001 `POST /api/v1/click-to-call/initiate`, plus what the saga decided (channel, mode,
// from_phone, ring timeout).
struct InitiateCall {
  std::string to_phone;                 // required, E.164
  std::string phone_type = "EXTERNAL";  // seed 001; free form
  std::string lead_id;                  // the customer id; required for IN_APP
  std::string agent_id;                 // required for OUTBOUND
  std::string agent_name;               // the agent card the customer console shows (saga fills it)
  std::string agent_avatar_url;         // likewise
  std::string contact_name;
  std::string contact_email;
  std::string campaign_id;
  std::string metadata;          // a JSON object as text; empty means {}
  std::string from_phone;        // our caller id (provider configuration), stored as given
  std::string provider_id;       // outbound: the provider asked for; inbound: the one it came by
  std::string provider_call_id;  // inbound: the provider's id of the call (Twilio CallSid)
  std::string queue_id;          // inbound: the queue it waits in for an agent
  // What the calling policy says about recording this call: "disabled", "consent_required"
  // or "announced" (empty: no policy was consulted).
  std::string recording;
  CallDirection direction = CallDirection::kOutbound;
  CallChannel channel = CallChannel::kPstn;
  CallMode mode = CallMode::kLive;
  int64_t ring_timeout_seconds = kDefaultRingTimeoutSeconds;  // 1..3600
};

// The far end is being alerted (provider webhook, or the console showed the request).
struct RingCall {};

// The customer accepted in the console (IN_APP only).
struct AcceptCall {};

// The customer rejected in the console (IN_APP only).
struct RejectCall {
  std::string reason;  // "rejected_by_customer" when empty
};

// The agent gives up before an answer.
struct CancelCall {
  std::string reason;  // "canceled_by_agent" when empty
};

// The provider reports the far end answered.
struct ConnectCall {};

// Hang up (seed 001 `POST .../sessions/{id}/end {"reason"}`).
struct EndCall {
  std::string reason;  // "call_completed" when empty
};

// Seed 001 `PATCH .../sessions/{id}/status`: drive a (mock) call to `status`.
struct SetCallStatus {
  CallStatus status = CallStatus::kInitiated;
  std::string reason;  // the lower-case status name when empty
};

// Timer: the ring/accept deadline written by InitiateCall has passed.
struct TimeoutCall {
  Timestamp deadline = 0;
};

// The customer's console went offline while the request was pending.
struct ReportCustomerOffline {};

// Seed 002: the agent's outcome and notes, mandatory before the task counts as done.
struct RecordCallOutcome {
  CallOutcome outcome = CallOutcome::kNoResponse;
  std::string notes;                      // required, non-blank
  std::optional<Timestamp> follow_up_at;  // required for Follow-up, in the future
};

// Routing assigned a waiting inbound call to an agent (who accepted the offer and was
// reserved for it).
struct AssignCallAgent {
  std::string agent_id;
  std::string agent_name;
};

// The provider layer reports how one dial attempt went.
struct RecordDialAttempt {
  DialAttempt attempt;
};

// A provider's status webhook. Unlike SetCallStatus it never refuses: a status that would
// move the call backwards, or that arrives after the end, changes nothing (webhooks come out
// of order and more than once).
struct ReportProviderStatus {
  CallStatus status = CallStatus::kRinging;
  std::string reason;            // the provider's own word, e.g. "no-answer"
  int64_t duration_seconds = 0;  // talk time the provider reports with an end, if any
};

using CallCommand =
    std::variant<InitiateCall, RingCall, AcceptCall, RejectCall, CancelCall, ConnectCall, EndCall,
                 SetCallStatus, TimeoutCall, ReportCustomerOffline, RecordCallOutcome,
                 RecordDialAttempt, ReportProviderStatus, AssignCallAgent>;

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_CALL_COMMANDS_H_
