// Valid ProviderConfigs for each provider type, shaped like seed 001's examples, for tests to
// start from and break one field at a time.
#ifndef SWITCHBOARD_TESTS_PROVIDERS_SAMPLE_CONFIGS_H_
#define SWITCHBOARD_TESTS_PROVIDERS_SAMPLE_CONFIGS_H_

#include <string>

#include "http/providers/provider_config.h"
#include "tests/providers/test_pki.h"

namespace sb::testing {

inline providers::ProviderConfig TwilioConfig() {
  providers::ProviderConfig c;
  c.provider_name = "Primary Twilio";
  c.provider_type = providers::ProviderType::kTwilio;
  c.api_url = "https://api.twilio.com";
  c.account_sid = "AC0123456789abcdef0123456789abcdef";
  c.auth_token = "tok&en+/=";
  c.phone_number = "+14155550101";
  c.callback_url = "https://cb.example.com/webhooks/voip/twilio?tenant=acme&x=a+b";
  c.timeout_seconds = 12;
  c.twilio.answer_url = "https://app.example.com/twiml/answer?call=1&lang=es";
  return c;
}

// The Vonage key is generated per process (2048-bit RSA takes a moment).
inline const RsaKeyPair& VonageKeys() {
  static const RsaKeyPair keys = MakeRsaKeyPair();
  return keys;
}

inline providers::ProviderConfig VonageConfig() {
  providers::ProviderConfig c;
  c.provider_name = "Vonage";
  c.provider_type = providers::ProviderType::kVonage;
  c.api_url = "https://api.nexmo.com";
  c.phone_number = "+447700900001";
  c.callback_url = "https://cb.example.com/webhooks/voip/vonage";
  c.vonage.application_id = "aaaaaaaa-bbbb-cccc-dddd-0123456789ab";
  c.vonage.private_key_pem = VonageKeys().private_pem;
  c.vonage.answer_url = "https://app.example.com/ncco?x=1&y=2";
  return c;
}

inline providers::ProviderConfig ExotelConfig() {
  providers::ProviderConfig c;
  c.provider_name = "Backup Exotel";
  c.provider_type = providers::ProviderType::kExotel;
  c.api_url = "https://api.exotel.com";
  c.api_key = "exotel-api-key";
  c.api_secret = "exotel-api-secret";
  c.account_sid = "acme1";
  c.phone_number = "+918030752400";
  c.caller_id = "MyCompany";
  c.callback_url = "https://cb.example.com/webhooks/voip/exotel";
  return c;
}

inline providers::ProviderConfig AsteriskConfig() {
  providers::ProviderConfig c;
  c.provider_name = "My Asterisk Server";
  c.provider_type = providers::ProviderType::kAsterisk;
  c.api_url = "http://asterisk-server:8088";
  c.auth_token = "ariuser:s3cr&t:pw";
  c.phone_number = "+1234567890";
  c.caller_id = "MyCompany";
  c.dial_plan_prefix = "100";
  c.timeout_seconds = 30;
  c.asterisk.endpoint_template = "PJSIP/{{number}}@trunk";
  c.asterisk.context = "from-switchboard";
  c.asterisk.extension = "s";
  c.asterisk.priority = 1;
  return c;
}

inline providers::ProviderConfig McubeConfig() {
  providers::ProviderConfig c;
  c.provider_name = "mCube";
  c.provider_type = providers::ProviderType::kMcube;
  c.api_url = "https://api.mcube.com/restmcube-api/outbound-calls";
  c.auth_token = "mcube-bearer-token";
  c.phone_number = "+1234567890";
  return c;
}

inline providers::ProviderConfig GenericConfig() {
  providers::ProviderConfig c;
  c.provider_name = "SIP provider";
  c.provider_type = providers::ProviderType::kGeneric;
  c.api_url = "http://sip-provider.com/api";
  c.phone_number = "+1234567890";
  c.auth_token = "generic-token";
  c.generic.url_template = "http://sip-provider.com/api/dial?to={{to}}&ref={{call_id}}";
  c.generic.headers = {{"X-Call", "{{call_id}}"}};
  c.generic.body_template =
      R"({"to":"{{to}}","from":"{{from}}","ref":"{{call_id}}","cb":"{{callback_url}}"})";
  c.generic.content_type = "application/json";
  c.generic.call_id_pointer = "/data/id";
  return c;
}

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_PROVIDERS_SAMPLE_CONFIGS_H_
