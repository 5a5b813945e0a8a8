// The generic provider signature (seed 001 "Handle Webhook Events", issue 5 §2), for
// providers without a scheme of their own (Asterisk, Exotel, mCube, SIP):
//
//   X-Signature: lower-case hex HMAC-SHA256(secret, raw body)      (either case accepted)
//   X-Timestamp: unix seconds when the provider sent the request
//
// The signed bytes are the body alone, exactly as received; the timestamp is NOT part of
// them. The timestamp must lie within ±300 s of `now` (clock skew both ways); outside the
// window the request is refused as stale (or from the future). Because the timestamp is not
// signed, the window only stops replays of requests whose header is kept as captured: the
// guarantee against a replayed event is the name-based event id (event_id.h), which makes a
// second append of the same event a no-op.
//
// Every non-OK Status is a refusal (the HTTP layer answers 403); all are InvalidArgument:
//   "X-Signature: missing" | "X-Signature: does not match"
//   "X-Timestamp: missing" | "X-Timestamp: not unix seconds"
//   "X-Timestamp: stale (N s old, the window is 300 s)"
//   "X-Timestamp: in the future (N s ahead, the window is 300 s)"
//   "secret: not configured"
// The signature is checked before the timestamp, so a forged request learns nothing about
// the window.
#ifndef SWITCHBOARD_HTTP_WEBHOOKS_GENERIC_SIGNATURE_H_
#define SWITCHBOARD_HTTP_WEBHOOKS_GENERIC_SIGNATURE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/status.h"

namespace sb::webhooks {

inline constexpr char kGenericSignatureHeader[] = "X-Signature";
inline constexpr char kGenericTimestampHeader[] = "X-Timestamp";
inline constexpr int64_t kGenericTimestampWindowSeconds = 300;

// The X-Signature value for `body` (lower-case hex HMAC-SHA256). For tests and fake providers.
std::string ComputeGenericSignature(std::string_view secret, std::string_view body);

// OK when `signature_header` is the body's signature under `secret` and `timestamp_header`
// (decimal unix seconds, optional surrounding spaces) is within the window around
// `now_unix_seconds`. Empty header values mean the header was absent.
Status VerifyGenericSignature(std::string_view secret, std::string_view body,
                              std::string_view signature_header, std::string_view timestamp_header,
                              int64_t now_unix_seconds);

}  // namespace sb::webhooks

#endif  // SWITCHBOARD_HTTP_WEBHOOKS_GENERIC_SIGNATURE_H_
