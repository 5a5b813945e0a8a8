// ProviderCallEvent: one provider webhook about one call, in provider-neutral form. Made by
// the normalizers (twilio_events.h, generic_events.h); the HTTP layer turns it into a call
// command. Also the ordering of call progress, so a late or reordered webhook (providers do
// not guarantee delivery order) can be recognised before it moves a call backwards.
#ifndef SWITCHBOARD_HTTP_WEBHOOKS_CALL_EVENT_H_
#define SWITCHBOARD_HTTP_WEBHOOKS_CALL_EVENT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "domain/call_status.h"
#include "domain/time.h"

namespace sb::webhooks {

enum class CallEventKind {
  kInitiated,  // the provider accepted the call and is placing it (Twilio queued/initiated)
  kInbound,    // a customer is calling us: the first webhook of an inbound call
  kRinging,
  kAnswered,
  kEnded,  // a normal hang-up after answer (Twilio "completed")
  kFailed,
  kBusy,
  kNoAnswer,
  kCanceled,
};

// "initiated", "inbound", "ringing", "answered", "ended", "failed", "busy", "no_answer",
// "canceled".
const char* KindName(CallEventKind kind);

// ended, failed, busy, no_answer, canceled.
bool IsTerminal(CallEventKind kind);

// Progress of a call: 0 initiated / inbound, 1 ringing, 2 answered, 3 any terminal kind.
int ProgressRank(CallEventKind kind);
// The same scale for our own status: 0 INITIATED, 1 RINGING, 2 CONNECTED, 3 terminal.
int ProgressRank(domain::CallStatus status);

// True when `next` must not be applied to a call last known at `current`: it ranks lower
// (ringing after answered), or `current` is terminal and `next` is a different kind
// (terminal never moves; the same terminal kind again is a harmless repeat, not a move).
// Same rank otherwise (ringing twice, inbound after initiated) is not backwards.
bool WouldMoveBackwards(CallEventKind current, CallEventKind next);
// The same against our status (a terminal status accepts only its own kind again).
bool WouldMoveBackwards(domain::CallStatus current, CallEventKind next);

// Our status for a kind: initiated and inbound -> INITIATED, ringing -> RINGING, answered ->
// CONNECTED, ended -> COMPLETED, failed -> FAILED, busy -> BUSY, no_answer -> NO_ANSWER,
// canceled -> CANCELED.
domain::CallStatus ToCallStatus(CallEventKind kind);

struct ProviderCallEvent {
  std::string provider;  // "twilio", or the generic provider's name (lower case)
  // Equal for every delivery (retry) of one event, different for different events; the
  // input of WebhookEventId (event_id.h). Rules per source in the normalizer headers.
  std::string dedup_key;
  CallEventKind kind = CallEventKind::kInitiated;
  std::string raw_status;  // the provider's own word for it: "no-answer", "CALL_ANSWERED"

  std::string provider_call_id;  // the provider's id of the call (Twilio CallSid)
  std::string parent_call_id;    // Twilio ParentCallSid: the call a <Dial> leg belongs to
  std::string call_id;           // ours, when the provider echoes it (generic call_id)
  std::string correlation_id;    // generic correlation_id, when sent
  std::string account_sid;       // Twilio AccountSid: the handler checks it is ours

  std::string from;  // as the provider sent them (E.164 usually, "anonymous" possible)
  std::string to;
  std::string direction;      // "inbound", "outbound", or "" when not reported or unrecognised
  std::string raw_direction;  // the provider's word: "outbound-api", "outbound-dial", ...

  std::optional<int64_t> duration_seconds;       // talk time, reported with the end of a call
  std::optional<int64_t> sequence;               // Twilio SequenceNumber: order of callbacks
  std::optional<domain::Timestamp> occurred_at;  // when the provider says it happened (µs)
};

}  // namespace sb::webhooks

#endif  // SWITCHBOARD_HTTP_WEBHOOKS_CALL_EVENT_H_
