// Asterisk REST Interface (ARI): originate a channel.
// Asterisk wiki, "Channels REST API": POST /channels, "Create a new channel (originate)", and
// its query parameters endpoint, extension, context, priority, label, app, appArgs, callerId,
// timeout, channelId
// (https://wiki.asterisk.org/wiki/pages/diffpagesbyversion.action?pageId=40815757, parameter list
// as reproduced at http://wiki.pchero21.com/index.php?title=Asterisk_ari-request).
#ifndef SWITCHBOARD_HTTP_PROVIDERS_ASTERISK_H_
#define SWITCHBOARD_HTTP_PROVIDERS_ASTERISK_H_

#include <string>

#include "domain/result.h"
#include "http/providers/dial_request.h"
#include "http/providers/dial_result.h"
#include "http/providers/outbound_request.h"
#include "http/providers/provider_config.h"

namespace sb::providers {

// POST {api_url}/ari/channels?endpoint=E&app=A[&appArgs=..] | &context=C&extension=X&priority=P
//   &callerId=C&timeout=T&channelId=call_id   (query parameters, percent-encoded, no body)
// endpoint from asterisk.endpoint_template; callerId `"caller_id" <from>` when caller_id is
// set, else the from number; timeout = timeout_seconds (ARI's ring timeout); channelId makes a
// repeated attempt with the same call_id a 409 instead of a second call.
// Basic auth api_key:api_secret, or auth_token when it is ARI's "user:password" form.
Result<OutboundRequest> BuildAsteriskDial(const ProviderConfig& config, const DialRequest& dial);

// 200 (any 2xx) with the Channel JSON: its `id` and `state`. Errors carry {"message"}.
Result<DialAccepted> ParseAsteriskDialResponse(int status, const std::string& body);

}  // namespace sb::providers

#endif  // SWITCHBOARD_HTTP_PROVIDERS_ASTERISK_H_
