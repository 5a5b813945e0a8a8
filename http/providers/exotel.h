// Exotel Voice v1: outgoing call to connect two numbers, or a number to a call flow.
// https://developer.exotel.com/api/make-a-call-api
// https://developer.exotel.com/docs/voice-v1/api-reference/connect-two-numbers
// https://developer.exotel.com/docs/voice-v1/api-reference/connect-to-flow
#ifndef SWITCHBOARD_HTTP_PROVIDERS_EXOTEL_H_
#define SWITCHBOARD_HTTP_PROVIDERS_EXOTEL_H_

#include <string>

#include "domain/result.h"
#include "http/providers/dial_request.h"
#include "http/providers/dial_result.h"
#include "http/providers/outbound_request.h"
#include "http/providers/provider_config.h"

namespace sb::providers {

// POST {api_url or https://<exotel.subdomain>}/v1/Accounts/{account_sid}/Calls/connect.json
// (".json": Exotel answers XML otherwise), Basic api_key:api_secret (Exotel's API key and
// token; auth_token stands in for api_secret), form-encoded:
//   with dial.agent_number: From=agent (rung first), To=customer, CallerId=our ExoPhone;
//   without, and exotel.flow_url set: From=customer, CallerId, Url=flow_url;
// plus StatusCallback, StatusCallbackEvents[0]=terminal, StatusCallbackEvents[1]=answered,
// StatusCallbackContentType=application/json, and CustomField=call_id when there is one.
// InvalidArgument when neither agent_number nor flow_url is there, or numbers are bad.
Result<OutboundRequest> BuildExotelDial(const ProviderConfig& config, const DialRequest& dial);

// 200 (any 2xx) {"Call":{"Sid":...,"Status":...}}: Call.Sid. Errors carry
// {"RestException":{"Status","Message"}}; classified by ClassifyHttpFailure.
Result<DialAccepted> ParseExotelDialResponse(int status, const std::string& body);

}  // namespace sb::providers

#endif  // SWITCHBOARD_HTTP_PROVIDERS_EXOTEL_H_
