#include "http/providers/provider_adapter.h"

#include "http/providers/asterisk.h"
#include "http/providers/exotel.h"
#include "http/providers/generic_provider.h"
#include "http/providers/mcube.h"
#include "http/providers/twilio.h"
#include "http/providers/vonage.h"

namespace sb::providers {

Result<OutboundRequest> BuildDial(const ProviderConfig& config, const DialRequest& dial) {
  if (!config.is_active) {
    return Status::Failed("is_active: provider " + config.provider_name + " is inactive");
  }
  switch (config.provider_type) {
    case ProviderType::kTwilio:
      return BuildTwilioDial(config, dial);
    case ProviderType::kVonage:
      return BuildVonageDial(config, dial);
    case ProviderType::kExotel:
      return BuildExotelDial(config, dial);
    case ProviderType::kAsterisk:
      return BuildAsteriskDial(config, dial);
    case ProviderType::kMcube:
      return BuildMcubeDial(config, dial);
    case ProviderType::kGeneric:
      return BuildGenericDial(config, dial);
  }
  return Status::InvalidArgument("provider_type: unknown");
}

Result<DialAccepted> ParseDialResponse(const ProviderConfig& config, int status,
                                       const std::string& body) {
  switch (config.provider_type) {
    case ProviderType::kTwilio:
      return ParseTwilioDialResponse(status, body);
    case ProviderType::kVonage:
      return ParseVonageDialResponse(status, body);
    case ProviderType::kExotel:
      return ParseExotelDialResponse(status, body);
    case ProviderType::kAsterisk:
      return ParseAsteriskDialResponse(status, body);
    case ProviderType::kMcube:
      return ParseMcubeDialResponse(status, body);
    case ProviderType::kGeneric:
      return ParseGenericDialResponse(config.generic, status, body);
  }
  return Status::InvalidArgument("provider_type: unknown");
}

}  // namespace sb::providers
