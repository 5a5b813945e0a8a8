// Twilio voice webhooks (and seed 004's JSON copies of them) as ProviderCallEvents.
// https://www.twilio.com/docs/voice/twiml#request-parameters (the incoming-call request) and
// https://www.twilio.com/docs/voice/api/call-resource#statuscallback (status callbacks).
//
// Fields read: CallSid (required), CallStatus (required), AccountSid, From, To, Direction,
// ParentCallSid, CallDuration, SequenceNumber, Timestamp; everything else is ignored.
//
// CallStatus -> kind:
//   queued, initiated -> initiated      ringing -> ringing       in-progress -> answered
//   completed -> ended    busy -> busy    no-answer -> no_answer   canceled -> canceled
//   failed -> failed                    (case-insensitive; anything else is refused)
// On the incoming-call route (TwilioWebhook::kIncoming) a pre-answer status (queued,
// initiated, ringing) of a call whose Direction is inbound or absent is kind `inbound` (the
// first sight of a customer calling us), and From is required; any other status there is
// mapped as above.
//
// Direction: "inbound" -> inbound; "outbound-api", "outbound-dial" (any "outbound...") ->
// outbound; anything else -> "" (raw_direction keeps the word).
// CallDuration and SequenceNumber are non-negative integers; Timestamp is RFC 2822
// ("Mon, 16 Aug 2010 03:45:01 +0000").
//
// Dedup key: CallSid "/" lower-case CallStatus "/" SequenceNumber, or CallSid "/" CallStatus
// when there is no SequenceNumber (seed 004's payloads, incoming-call requests). An inbound
// event's key is CallSid "/inbound": one call has one first sight however often the
// incoming-call request is retried. Twilio numbers callbacks of one call 0, 1, 2, ..., so two
// distinct callbacks never share a key, and a retry (same body) always does.
//
// Errors are InvalidArgument naming the field: "CallSid: missing", "CallStatus: unknown value
// \"x\"", "CallDuration: not a non-negative integer", "From: repeated", "body: not a JSON
// object", ...
#ifndef SWITCHBOARD_HTTP_WEBHOOKS_TWILIO_EVENTS_H_
#define SWITCHBOARD_HTTP_WEBHOOKS_TWILIO_EVENTS_H_

#include <string_view>

#include "domain/result.h"
#include "http/webhooks/call_event.h"
#include "http/webhooks/form_params.h"

namespace sb::webhooks {

inline constexpr char kTwilioProvider[] = "twilio";

// Which of our URLs Twilio called: the number's voice URL (seed 004
// /api/webhooks/call/incoming) or a status callback (/api/webhooks/call/status).
enum class TwilioWebhook { kIncoming, kStatus };

// A form post (application/x-www-form-urlencoded), as Twilio sends it.
Result<ProviderCallEvent> NormalizeTwilioForm(TwilioWebhook route, const FormParams& params);

// A JSON object with the same field names (seed 004's examples). Values are strings or
// integers ("CallDuration": "120" and "CallDuration": 120 are the same).
Result<ProviderCallEvent> NormalizeTwilioJson(TwilioWebhook route, std::string_view body);

}  // namespace sb::webhooks

#endif  // SWITCHBOARD_HTTP_WEBHOOKS_TWILIO_EVENTS_H_
