// DialRequest: what one outbound call attempt asks a provider to dial. Provider-neutral; each
// builder maps it onto its provider's parameters.
#ifndef SWITCHBOARD_HTTP_PROVIDERS_DIAL_REQUEST_H_
#define SWITCHBOARD_HTTP_PROVIDERS_DIAL_REQUEST_H_

#include <cstdint>
#include <string>

namespace sb::providers {

struct DialRequest {
  std::string to;  // the customer's number, E.164 ("+14155550100")
  // The number the call comes from. Empty: the provider's configured phone_number.
  std::string from;
  // For two-leg "connect" providers (Exotel, mCube): the agent's phone, rung first and then
  // bridged to `to`. Ignored by providers that dial one leg.
  std::string agent_number;
  // Our call/session id, sent where the provider echoes it back (ARI channelId, mCube refid,
  // Exotel CustomField, generic {{call_id}}) so webhooks correlate with the call.
  std::string call_id;
  // Status webhook for this call. Empty: the provider's configured callback_url.
  std::string status_callback_url;
  // Unique per attempt (a retry gets a new one): the Vonage JWT `jti`. Empty: a random UUID.
  std::string attempt_id;
  // Unix seconds "now" for tokens (Vonage `iat`). 0: the system clock. Tests pin it.
  int64_t now_unix_seconds = 0;
};

}  // namespace sb::providers

#endif  // SWITCHBOARD_HTTP_PROVIDERS_DIAL_REQUEST_H_
