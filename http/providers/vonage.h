// Vonage Voice API: create an outbound call.
// https://developer.vonage.com/api/v1/developer/api/file/voice?format=json (the Voice API
// OpenAPI: POST https://api.nexmo.com/v1/calls, bearer JWT)
// https://developer.vonage.com/jwt and /concepts/guides/authentication (the JWT claims)
#ifndef SWITCHBOARD_HTTP_PROVIDERS_VONAGE_H_
#define SWITCHBOARD_HTTP_PROVIDERS_VONAGE_H_

#include <string>

#include "domain/result.h"
#include "http/providers/dial_request.h"
#include "http/providers/dial_result.h"
#include "http/providers/outbound_request.h"
#include "http/providers/provider_config.h"

namespace sb::providers {

// POST {api_url}/v1/calls, JSON
//   {"to":[{"type":"phone","number":N}],"from":{"type":"phone","number":N},
//    "answer_url":[URL] | "ncco":[...], "event_url":[CALLBACK], "event_method":"POST"}
// with numbers in E.164 without the '+' (Vonage's form), and
// `Authorization: Bearer <JWT>`, RS256-signed by libjwt with vonage.private_key_pem, claims
// application_id, iat (dial.now_unix_seconds or the clock), exp (iat + jwt_lifetime_seconds)
// and jti (dial.attempt_id or a random UUID).
// InvalidArgument for a config that does not validate, a non-E.164 number, or a key libjwt
// cannot sign with.
Result<OutboundRequest> BuildVonageDial(const ProviderConfig& config, const DialRequest& dial);

// 201 (any 2xx) {"uuid","status","direction","conversation_uuid"}: the `uuid`. Errors carry
// {"type","title","detail"}; classified by ClassifyHttpFailure.
Result<DialAccepted> ParseVonageDialResponse(int status, const std::string& body);

}  // namespace sb::providers

#endif  // SWITCHBOARD_HTTP_PROVIDERS_VONAGE_H_
