// The generic provider: any HTTP API described by a request template (GenericSettings), for
// seed 001's "SIP" providers and anything without a dedicated adapter.
#ifndef SWITCHBOARD_HTTP_PROVIDERS_GENERIC_PROVIDER_H_
#define SWITCHBOARD_HTTP_PROVIDERS_GENERIC_PROVIDER_H_

#include <string>

#include "domain/result.h"
#include "http/providers/dial_request.h"
#include "http/providers/dial_result.h"
#include "http/providers/outbound_request.h"
#include "http/providers/provider_config.h"

namespace sb::providers {

// generic.method to generic.url_template (or api_url) with generic.headers and
// generic.body_template, the placeholders {{to}}, {{from}}, {{call_id}}, {{callback_url}}
// replaced by the DialRequest's values, each escaped for where it lands (see
// GenericSettings). When auth_token is set and no Authorization header is configured,
// `Authorization: Bearer auth_token` is added. InvalidArgument for an unknown placeholder.
Result<OutboundRequest> BuildGenericDial(const ProviderConfig& config, const DialRequest& dial);

// A 2xx JSON body: the string (or number) at `call_id_pointer`.
Result<DialAccepted> ParseGenericDialResponse(const GenericSettings& settings, int status,
                                              const std::string& body);

}  // namespace sb::providers

#endif  // SWITCHBOARD_HTTP_PROVIDERS_GENERIC_PROVIDER_H_
