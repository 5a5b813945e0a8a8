// The adapters' ProviderConfig from a provider entity's account (domain/provider_account.h),
// whose type-specific settings are one JSON object. Its keys, by provider_type:
//   twilio:   answer_url, twiml
//   vonage:   application_id, private_key_pem, answer_url, ncco (array) or ncco_json (text),
//             jwt_lifetime_seconds
//   exotel:   subdomain, flow_url
//   asterisk: endpoint_template, app, app_args, context, extension, priority
//   generic:  method, url_template, headers (object of strings), body_template, content_type,
//             call_id_pointer
// Keys of other types are refused, so a typo does not silently configure nothing.
#ifndef SWITCHBOARD_HTTP_PROVIDERS_PROVIDER_CONFIG_JSON_H_
#define SWITCHBOARD_HTTP_PROVIDERS_PROVIDER_CONFIG_JSON_H_

#include "domain/provider_account.h"
#include "domain/result.h"
#include "http/providers/provider_config.h"

namespace sb::providers {

// InvalidArgument naming the field ("settings.answer_url: ...") for settings that do not
// parse; the result is not validated (ValidateProviderConfig does that).
Result<ProviderConfig> ProviderConfigFromAccount(const domain::ProviderAccount& account);

// The settings keys holding secrets, masked on every read like api_secret.
bool IsSecretSetting(const char* key);

}  // namespace sb::providers

#endif  // SWITCHBOARD_HTTP_PROVIDERS_PROVIDER_CONFIG_JSON_H_
