// What a configured VoIP provider account is (seed 001's `voip_provider` row): shared by the
// provider's commands, events and state. Type-specific settings (Twilio's answer URL, Vonage's
// application key, an ARI endpoint template, a generic request template, ...) are kept as one
// canonical JSON object, so the domain does not have to know every adapter; the provider layer
// (http/providers/provider_config_json.h) reads them and validates them per type.
#ifndef SWITCHBOARD_DOMAIN_PROVIDER_ACCOUNT_H_
#define SWITCHBOARD_DOMAIN_PROVIDER_ACCOUNT_H_

#include <string>
#include <tuple>

#include "domain/tie_equality.h"

namespace sb::domain {

inline constexpr int kMaxProviderRetries = 10;
inline constexpr int kMaxProviderTimeoutSeconds = 300;
inline constexpr int kMaxProviderPriority = 1000;

struct ProviderAccount {
  std::string provider_name;  // required, free text
  std::string provider_type;  // lower case: twilio, vonage, exotel, asterisk, mcube, generic
  std::string api_url;
  // Secrets are stored as given; every read of the API masks them (they are write-only).
  std::string api_key;
  std::string api_secret;
  std::string auth_token;
  std::string account_sid;
  std::string phone_number;  // E.164, our number calls come from
  std::string caller_id;
  std::string dial_plan_prefix;
  std::string callback_url;
  bool is_active = true;
  int retry_count = 3;          // 0..kMaxProviderRetries attempts after the first
  int timeout_seconds = 30;     // 1..kMaxProviderTimeoutSeconds per request
  int priority = 1;             // 0..kMaxProviderPriority, lower is tried first
  std::string settings = "{}";  // canonical JSON object of type-specific settings

  auto Tie() const {
    return std::tie(provider_name, provider_type, api_url, api_key, api_secret, auth_token,
                    account_sid, phone_number, caller_id, dial_plan_prefix, callback_url, is_active,
                    retry_count, timeout_seconds, priority, settings);
  }
};

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_PROVIDER_ACCOUNT_H_
