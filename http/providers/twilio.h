// Twilio Programmable Voice: create a call.
// https://www.twilio.com/docs/voice/api/call-resource (Create a Call resource)
#ifndef SWITCHBOARD_HTTP_PROVIDERS_TWILIO_H_
#define SWITCHBOARD_HTTP_PROVIDERS_TWILIO_H_

#include <string>

#include "domain/result.h"
#include "http/providers/dial_request.h"
#include "http/providers/dial_result.h"
#include "http/providers/outbound_request.h"
#include "http/providers/provider_config.h"

namespace sb::providers {

// POST {api_url}/2010-04-01/Accounts/{AccountSid}/Calls.json, form-encoded To, From, Url or
// Twiml, StatusCallback, StatusCallbackMethod=POST and StatusCallbackEvent repeated for
// initiated, ringing, answered, completed; Basic auth.
// AccountSid is account_sid, or api_key when account_sid is empty (seed 001 puts the SID in
// api_key). Credentials: AccountSid:auth_token when auth_token is set, otherwise
// api_key:api_secret (a Twilio API key SID + secret, or seed 001's SID + token).
// InvalidArgument when the config does not validate or `to` / the from number is not E.164.
Result<OutboundRequest> BuildTwilioDial(const ProviderConfig& config, const DialRequest& dial);

// 201 (any 2xx) with a JSON Call resource: its `sid` and `status`. Errors carry Twilio's
// {"code","message","status"} body; classified by ClassifyHttpFailure.
Result<DialAccepted> ParseTwilioDialResponse(int status, const std::string& body);

}  // namespace sb::providers

#endif  // SWITCHBOARD_HTTP_PROVIDERS_TWILIO_H_
