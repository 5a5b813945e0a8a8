// Seed 001's generic webhook events (POST /api/v1/webhooks/voip/{provider}) as
// ProviderCallEvents: Asterisk, Exotel, mCube, SIP and any provider posting this shape:
//
//   {"event_type": "CALL_ANSWERED", "session_id": "sess_1", "correlation_id": "corr_1",
//    "from_phone": "+0987654321", "to_phone": "+1234567890", "status": "CONNECTED",
//    "timestamp": "2025-12-03T10:30:00Z"}
//
// event_type (required; case-insensitive, "CALL_" prefix optional, '-' or ' ' for '_'):
//   INITIATED -> initiated   RINGING -> ringing   ANSWERED, CONNECTED -> answered
//   ENDED, COMPLETED -> ended   FAILED -> failed   BUSY -> busy   NO_ANSWER -> no_answer
//   CANCELED, CANCELLED -> canceled   INBOUND -> inbound      (anything else is refused)
// So seed 001's CALL_INITIATED / CALL_RINGING / CALL_ANSWERED / CALL_ENDED / CALL_FAILED /
// CALL_INBOUND and Exotel's initiated / ringing / answered / ended / failed all map.
// An ENDED event whose `status` is BUSY, NO_ANSWER, CANCELED or FAILED (our CallStatus
// spelling) takes that kind: the call ended without being answered.
//
// Optional fields, besides those above: call_id (ours, echoed from the dial; session_id is
// used when call_id is absent), provider_call_id, direction ("inbound" / "outbound"; an
// INBOUND event is inbound), duration_seconds and sequence (non-negative integers, or
// strings of digits), timestamp (RFC 3339), event_id (string or integer). At least one of
// call_id, session_id, provider_call_id is required: an event must name its call.
//
// Dedup key: "event_id:" + event_id when the body has one — providers that retry must send
// the same event_id each time. Without it: "sha256:" + hex SHA-256 of the raw body, so only
// byte-identical retries are recognised (a provider that re-serialises or re-stamps a retry
// must send event_id).
//
// Errors are InvalidArgument naming the field: "event_type: missing", "event_type: unknown
// value \"X\"", "session_id: missing (or call_id, provider_call_id)", "timestamp: ...".
#ifndef SWITCHBOARD_HTTP_WEBHOOKS_GENERIC_EVENTS_H_
#define SWITCHBOARD_HTTP_WEBHOOKS_GENERIC_EVENTS_H_

#include <string_view>

#include "domain/result.h"
#include "http/webhooks/call_event.h"

namespace sb::webhooks {

// `provider` is the {provider} path segment ("asterisk", "EXOTEL"); it is stored lower-case
// and must be a non-blank id.
Result<ProviderCallEvent> NormalizeGenericEvent(std::string_view provider, std::string_view body);

}  // namespace sb::webhooks

#endif  // SWITCHBOARD_HTTP_WEBHOOKS_GENERIC_EVENTS_H_
