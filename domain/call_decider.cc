// Call rules (decisions taken where issue 3 and seeds 000-002 leave room; Twilio call
// statuses and Asterisk dial results were the reference):
//
// - Existence: InitiateCall creates the call; on an existing call it is kConflict
//   "already_initiated". Every other command on a call never initiated is kNotFound
//   "call_not_found".
// - InitiateCall: to_phone required ("phone_required") and E.164 ("invalid_phone"), field
//   "to_phone"; agent_id required for OUTBOUND ("agent_required"); lead_id required for IN_APP,
//   since the console to ring is the lead's ("lead_required"); contact_email plausible if
//   present; metadata empty or a JSON object ("invalid_metadata"), stored canonically
//   re-serialized; ring_timeout_seconds in 1..3600 ("invalid_ring_timeout"). from_phone is our
//   own caller id from provider configuration and is stored as given. The ring/accept deadline
//   (now + ring_timeout_seconds) covers INITIATED and RINGING together: ringing does not
//   restart it, so a restart of the server still times out at the original instant.
// - Transitions follow call_status.h; anything else is kConflict "illegal_transition" naming
//   from and to. A command whose target is the current status is a no-op (no events):
//   duplicate webhooks and client retries are normal.
// - RingCall -> RINGING. ConnectCall (provider) -> CONNECTED. AcceptCall / RejectCall are the
//   customer's console answer and only exist for IN_APP calls (kConflict "not_in_app").
//   CancelCall -> CANCELED (only before an answer; after it, illegal_transition: hang up
//   instead).
// - EndCall: CONNECTED -> COMPLETED; before an answer it is the agent hanging up, so
//   -> CANCELED; on an already ended call (any terminal status) it is a no-op: "make sure it
//   is over" is idempotent.
// - SetCallStatus (mock driving, provider status webhooks): moves to exactly the status asked,
//   if legal; the end reason defaults to the lower-case status name ("call_completed" for
//   COMPLETED). It is allowed on any channel/mode; who may call it is the HTTP layer's rule.
// - TimeoutCall{deadline}: TIMEOUT (reason "timeout") only if the call is still unanswered
//   and the deadline is the recorded one; otherwise the timer is stale (no events).
// - ReportCustomerOffline: an IN_APP call still unanswered ends FAILED with end_reason
//   "customer_offline". We end it rather than fail over: a fresh PSTN call is the saga's
//   choice (it has the lead's phone and the agent), made as a new call id. On PSTN calls or
//   after an answer it is a no-op.
// - RecordCallOutcome: only once the call is terminal (kConflict "call_not_ended"); notes are
//   required ("notes_required") and at most 10000 characters ("notes_too_long"); Follow-up
//   needs follow_up_at ("follow_up_at_required") later than now ("follow_up_at_in_past");
//   follow_up_at given with another outcome is dropped. A later outcome replaces an earlier
//   one (the agent corrects it); recording the same outcome again is a no-op.
// - RecordDialAttempt: always recorded while the call exists, even after its end (an answer
//   that arrives late is still part of the audit); provider_id and outcome are required
//   ("invalid_attempt"). An accepted attempt names the provider and its call id on the call.
// - ReportProviderStatus (provider webhooks) never refuses: on an ended call, for the current
//   status, or for one that would move the call backwards (ringing after the answer) it is a
//   no-op. An end reported before any answer with a talk time (Twilio's "completed" with
//   CallDuration when the in-progress callback was lost) is recorded as answered duration
//   seconds before the end, then completed. A busy/no-answer/canceled end of a call that was
//   answered is recorded as COMPLETED with the provider's word as the reason.
// - AssignCallAgent: only an inbound call without an agent, before its end ("not_assignable");
//   the same agent again is a no-op, another agent is kConflict "already_assigned" (holder:
//   the agent). agent_id required ("agent_required").
// - The call itself releases nothing: the saga tells the customer (ReleaseCustomerLine) and
//   the agent (ReleaseAgentCall) when it sees CallEnded.
#include "domain/call_decider.h"

#include <boost/json.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/ascii.h"
#include "domain/email.h"
#include "domain/overloaded.h"
#include "domain/phone.h"

namespace sb::domain {
namespace {

using Events = std::vector<CallEvent>;

constexpr int64_t kMaxRingTimeoutSeconds = 60 * 60;
constexpr size_t kMaxNotesLength = 10'000;

Rejection NotFound() { return Rejection::NotFound("call_not_found", "call does not exist"); }

Rejection IllegalTransition(CallStatus from, CallStatus to) {
  return Rejection::Conflict("illegal_transition", std::string("illegal transition from ") +
                                                       ToString(from) + " to " + ToString(to));
}

std::string LowerCase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

// Moves the call to `to` if that is legal; the current status again is a no-op.
Decision<CallEvent> Transition(const CallState& s, CallStatus to, const std::string& reason,
                               const char* answered_by, Timestamp now) {
  if (s.status == to) return Events{};
  if (!IsLegalTransition(s.status, to)) return IllegalTransition(s.status, to);
  switch (to) {
    case CallStatus::kRinging:
      return Events{CallRinging{now}};
    case CallStatus::kConnected:
      return Events{CallConnected{answered_by, now}};
    default:
      return Events{CallEnded{to, reason, now}};
  }
}

std::string Or(const std::string& value, const char* fallback) {
  return value.empty() ? std::string(fallback) : value;
}

Decision<CallEvent> DecideInitiate(const CallState& s, const InitiateCall& c, Timestamp now) {
  if (s.exists) {
    return Rejection::Conflict("already_initiated", "call was already initiated");
  }
  if (c.to_phone.empty()) {
    return Rejection::Invalid("phone_required", "to_phone is required", "to_phone");
  }
  if (!IsValidE164(c.to_phone)) {
    return Rejection::Invalid("invalid_phone",
                              "to_phone must be E.164 (+ and 7 to 15 digits): " + c.to_phone,
                              "to_phone");
  }
  if (c.direction == CallDirection::kOutbound && c.agent_id.empty()) {
    return Rejection::Invalid("agent_required", "an outbound call needs an agent", "agent_id");
  }
  if (c.channel == CallChannel::kInApp && c.lead_id.empty()) {
    return Rejection::Invalid("lead_required", "an in-app call needs the lead's id", "lead_id");
  }
  if (!c.contact_email.empty() && !IsPlausibleEmail(c.contact_email)) {
    return Rejection::Invalid("invalid_email", "not an e-mail address: " + c.contact_email,
                              "contact_email");
  }
  if (c.ring_timeout_seconds < 1 || c.ring_timeout_seconds > kMaxRingTimeoutSeconds) {
    return Rejection::Invalid("invalid_ring_timeout",
                              "ring_timeout_seconds must be between 1 and 3600",
                              "ring_timeout_seconds");
  }
  std::string metadata = "{}";
  if (!c.metadata.empty()) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(c.metadata, ec);
    if (ec || !v.is_object()) {
      return Rejection::Invalid("invalid_metadata", "metadata must be a JSON object", "metadata");
    }
    metadata = boost::json::serialize(v);
  }
  CallInitiated e;
  e.direction = c.direction;
  e.channel = c.channel;
  e.mode = c.mode;
  e.to_phone = c.to_phone;
  e.from_phone = c.from_phone;
  e.phone_type = c.phone_type.empty() ? "EXTERNAL" : c.phone_type;
  e.lead_id = c.lead_id;
  e.agent_id = c.agent_id;
  e.agent_name = c.agent_name;
  e.agent_avatar_url = c.agent_avatar_url;
  e.contact_name = c.contact_name;
  e.contact_email = c.contact_email;
  e.campaign_id = c.campaign_id;
  e.metadata = std::move(metadata);
  e.provider_id = c.provider_id;
  e.provider_call_id = c.provider_call_id;
  e.queue_id = c.queue_id;
  e.recording = c.recording;
  e.ring_timeout_seconds = c.ring_timeout_seconds;
  e.deadline = now + Seconds(c.ring_timeout_seconds);
  e.at = now;
  return Events{std::move(e)};
}

Decision<CallEvent> DecideCustomerAnswer(const CallState& s, CallStatus to,
                                         const std::string& reason, Timestamp now) {
  if (s.channel != CallChannel::kInApp) {
    return Rejection::Conflict("not_in_app",
                               "only an in-app call is answered from the customer console");
  }
  return Transition(s, to, reason, "customer", now);
}

Decision<CallEvent> DecideEnd(const CallState& s, const EndCall& c, Timestamp now) {
  if (s.IsTerminal()) return Events{};
  if (IsPreAnswer(s.status)) {
    return Transition(s, CallStatus::kCanceled, Or(c.reason, "canceled_by_agent"), "", now);
  }
  return Transition(s, CallStatus::kCompleted, Or(c.reason, "call_completed"), "", now);
}

Decision<CallEvent> DecideSetStatus(const CallState& s, const SetCallStatus& c, Timestamp now) {
  std::string reason = c.reason;
  if (reason.empty()) {
    reason = c.status == CallStatus::kCompleted ? "call_completed" : LowerCase(ToString(c.status));
  }
  return Transition(s, c.status, reason, "status_api", now);
}

Decision<CallEvent> DecideTimeout(const CallState& s, const TimeoutCall& c, Timestamp now) {
  if (!IsPreAnswer(s.status) || s.deadline != c.deadline) return Events{};
  return Events{CallEnded{CallStatus::kTimeout, "timeout", now}};
}

Decision<CallEvent> DecideCustomerOffline(const CallState& s, Timestamp now) {
  if (s.channel != CallChannel::kInApp || !IsPreAnswer(s.status)) return Events{};
  return Events{CallEnded{CallStatus::kFailed, "customer_offline", now}};
}

Decision<CallEvent> DecideOutcome(const CallState& s, const RecordCallOutcome& c, Timestamp now) {
  if (!s.IsTerminal()) {
    return Rejection::Conflict(
        "call_not_ended",
        std::string("the outcome is recorded after the call ends; it is ") + ToString(s.status));
  }
  if (IsBlank(c.notes)) {
    return Rejection::Invalid("notes_required", "notes are required with the outcome", "notes");
  }
  if (c.notes.size() > kMaxNotesLength) {
    return Rejection::Invalid("notes_too_long", "notes exceed 10000 characters", "notes");
  }
  std::optional<Timestamp> follow_up_at;
  if (c.outcome == CallOutcome::kFollowUp) {
    if (!c.follow_up_at) {
      return Rejection::Invalid("follow_up_at_required", "Follow-up needs a follow-up date",
                                "follow_up_at");
    }
    if (*c.follow_up_at <= now) {
      return Rejection::Invalid("follow_up_at_in_past", "the follow-up date must be in the future",
                                "follow_up_at");
    }
    follow_up_at = c.follow_up_at;
  }
  if (s.outcome == c.outcome && s.notes == c.notes && s.follow_up_at == follow_up_at) {
    return Events{};
  }
  return Events{CallOutcomeRecorded{c.outcome, c.notes, follow_up_at, now}};
}

Decision<CallEvent> DecideDialAttempt(const RecordDialAttempt& c, Timestamp now) {
  if (c.attempt.provider_id.empty() || c.attempt.outcome.empty()) {
    return Rejection::Invalid("invalid_attempt", "a dial attempt names its provider and outcome");
  }
  return Events{CallDialAttempted{c.attempt, now}};
}

// How far along a call is; a provider status of a lower rank is out of date.
int Rank(CallStatus status) {
  switch (status) {
    case CallStatus::kInitiated:
      return 0;
    case CallStatus::kRinging:
      return 1;
    case CallStatus::kConnected:
      return 2;
    default:
      return 3;
  }
}

Decision<CallEvent> DecideProviderStatus(const CallState& s, const ReportProviderStatus& c,
                                         Timestamp now) {
  if (s.IsTerminal() || s.status == c.status || Rank(c.status) <= Rank(s.status)) {
    return Events{};
  }
  std::string reason = c.reason.empty() ? LowerCase(ToString(c.status)) : c.reason;
  if (c.status == CallStatus::kCompleted && reason == "completed") reason = "call_completed";
  if (IsLegalTransition(s.status, c.status)) {
    return Transition(s, c.status, reason, "provider", now);
  }
  if (c.status == CallStatus::kCompleted && c.duration_seconds > 0) {  // pre-answer
    const Timestamp answered = std::max(s.initiated_at, now - Seconds(c.duration_seconds));
    return Events{CallConnected{"provider", answered},
                  CallEnded{CallStatus::kCompleted, reason, now}};
  }
  if (s.status == CallStatus::kConnected) {
    return Events{CallEnded{CallStatus::kCompleted, reason, now}};
  }
  // Completed before an answer, with no talk time: nobody answered.
  return Events{CallEnded{CallStatus::kNoAnswer, reason, now}};
}

Decision<CallEvent> DecideAssign(const CallState& s, const AssignCallAgent& c, Timestamp now) {
  if (c.agent_id.empty()) {
    return Rejection::Invalid("agent_required", "an assignment names its agent", "agent_id");
  }
  if (s.agent_id == c.agent_id) return Events{};
  if (!s.agent_id.empty()) {
    return Rejection::Conflict("already_assigned", "the call is assigned to " + s.agent_id,
                               s.agent_id);
  }
  if (s.direction != CallDirection::kInbound || s.IsTerminal()) {
    return Rejection::Conflict("not_assignable", "only a live inbound call is assigned");
  }
  return Events{CallAgentAssigned{c.agent_id, c.agent_name, now}};
}

}  // namespace

Decision<CallEvent> CallDecider::Decide(const State& s, const Command& command, Timestamp now) {
  if (!s.exists && !std::holds_alternative<InitiateCall>(command)) return NotFound();
  return std::visit(
      Overloaded{
          [&](const InitiateCall& c) { return DecideInitiate(s, c, now); },
          [&](const RingCall&) { return Transition(s, CallStatus::kRinging, "", "", now); },
          [&](const AcceptCall&) {
            return DecideCustomerAnswer(s, CallStatus::kConnected, "", now);
          },
          [&](const RejectCall& c) {
            return DecideCustomerAnswer(s, CallStatus::kRejected,
                                        Or(c.reason, "rejected_by_customer"), now);
          },
          [&](const CancelCall& c) {
            return Transition(s, CallStatus::kCanceled, Or(c.reason, "canceled_by_agent"), "", now);
          },
          [&](const ConnectCall&) {
            return Transition(s, CallStatus::kConnected, "", "provider", now);
          },
          [&](const EndCall& c) { return DecideEnd(s, c, now); },
          [&](const SetCallStatus& c) { return DecideSetStatus(s, c, now); },
          [&](const TimeoutCall& c) { return DecideTimeout(s, c, now); },
          [&](const ReportCustomerOffline&) { return DecideCustomerOffline(s, now); },
          [&](const RecordCallOutcome& c) { return DecideOutcome(s, c, now); },
          [&](const RecordDialAttempt& c) { return DecideDialAttempt(c, now); },
          [&](const ReportProviderStatus& c) { return DecideProviderStatus(s, c, now); },
          [&](const AssignCallAgent& c) { return DecideAssign(s, c, now); },
      },
      command);
}

void CallDecider::EvolveInPlace(State& s, const Event& event) {
  std::visit(Overloaded{
                 [&](const CallInitiated& e) {
                   s.exists = true;
                   s.status = CallStatus::kInitiated;
                   s.direction = e.direction;
                   s.channel = e.channel;
                   s.mode = e.mode;
                   s.to_phone = e.to_phone;
                   s.from_phone = e.from_phone;
                   s.phone_type = e.phone_type;
                   s.lead_id = e.lead_id;
                   s.agent_id = e.agent_id;
                   s.agent_name = e.agent_name;
                   s.agent_avatar_url = e.agent_avatar_url;
                   s.contact_name = e.contact_name;
                   s.contact_email = e.contact_email;
                   s.campaign_id = e.campaign_id;
                   s.metadata = e.metadata;
                   s.provider_id = e.provider_id;
                   s.provider_call_id = e.provider_call_id;
                   s.queue_id = e.queue_id;
                   s.recording = e.recording;
                   s.ring_timeout_seconds = e.ring_timeout_seconds;
                   s.deadline = e.deadline;
                   s.initiated_at = e.at;
                 },
                 [&](const CallRinging& e) {
                   s.status = CallStatus::kRinging;
                   s.ringing_at = e.at;
                 },
                 [&](const CallConnected& e) {
                   s.status = CallStatus::kConnected;
                   s.connected_at = e.at;
                   s.answered_by = e.answered_by;
                   s.deadline.reset();
                 },
                 [&](const CallEnded& e) {
                   s.status = e.status;
                   s.end_reason = e.reason;
                   s.ended_at = e.at;
                   s.deadline.reset();
                 },
                 [&](const CallOutcomeRecorded& e) {
                   s.outcome = e.outcome;
                   s.notes = e.notes;
                   s.follow_up_at = e.follow_up_at;
                   s.outcome_at = e.at;
                 },
                 [&](const CallAgentAssigned& e) {
                   s.agent_id = e.agent_id;
                   s.agent_name = e.agent_name;
                   s.assigned_at = e.at;
                 },
                 [&](const CallDialAttempted& e) {
                   ++s.dial_attempts;
                   if (e.attempt.outcome == "accepted") {
                     s.provider_id = e.attempt.provider_id;
                     s.provider_call_id = e.attempt.provider_call_id;
                   }
                 },
             },
             event);
}

std::optional<Timestamp> CallDecider::DeadlineOf(const State& state) { return state.deadline; }

CallDecider::Command CallDecider::ExpiryCommand(Timestamp deadline) {
  return TimeoutCall{deadline};
}

}  // namespace sb::domain
