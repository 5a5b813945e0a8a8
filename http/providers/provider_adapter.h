// One entry point over the adapters: build the dial request and parse its answer for whatever
// provider_type a config has. What the call flow uses; the per-provider headers document the
// wire formats.
#ifndef SWITCHBOARD_HTTP_PROVIDERS_PROVIDER_ADAPTER_H_
#define SWITCHBOARD_HTTP_PROVIDERS_PROVIDER_ADAPTER_H_

#include <string>

#include "domain/result.h"
#include "http/providers/dial_request.h"
#include "http/providers/dial_result.h"
#include "http/providers/outbound_request.h"
#include "http/providers/provider_config.h"

namespace sb::providers {

// Build<Type>Dial for config.provider_type. Refuses (Failed "provider_type: ... inactive") an
// inactive provider.
Result<OutboundRequest> BuildDial(const ProviderConfig& config, const DialRequest& dial);

// Parse<Type>DialResponse for config.provider_type.
Result<DialAccepted> ParseDialResponse(const ProviderConfig& config, int status,
                                       const std::string& body);

}  // namespace sb::providers

#endif  // SWITCHBOARD_HTTP_PROVIDERS_PROVIDER_ADAPTER_H_
