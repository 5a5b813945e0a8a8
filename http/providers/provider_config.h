// ProviderConfig: one configured VoIP provider account (seed 001's `voip_provider` row), the
// input of every dial builder. A plain value: no I/O, no secrets resolved from elsewhere.
//
// Fields common to every provider follow seed 001's "Create VoIP Provider" body; what only one
// provider needs lives in its own settings struct (TwilioSettings, VonageSettings, ...), which
// the other providers ignore. ValidateProviderConfig checks what the configured provider_type
// needs and names the first bad field in the Status message (`field: reason`).
#ifndef SWITCHBOARD_HTTP_PROVIDERS_PROVIDER_CONFIG_H_
#define SWITCHBOARD_HTTP_PROVIDERS_PROVIDER_CONFIG_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "domain/status.h"

namespace sb::providers {

enum class ProviderType { kTwilio, kVonage, kExotel, kAsterisk, kMcube, kGeneric };

// "twilio", "vonage", "exotel", "asterisk", "mcube", "generic".
const char* ProviderTypeName(ProviderType type);

// Case-insensitive (seed 001 writes "ASTERISK", "EXOTEL"). Seed 001's "SIP" type (a provider
// reached through its own HTTP API) is the generic template provider. InvalidArgument
// naming provider_type for anything else.
Result<ProviderType> ParseProviderType(std::string_view name);

struct TwilioSettings {
  // TwiML for the answered call: a URL Twilio fetches (`Url`), or inline TwiML (`Twiml`).
  // Exactly one is required; answer_url wins when both are set.
  std::string answer_url;
  std::string twiml;
};

struct VonageSettings {
  std::string application_id;   // the `application_id` claim of the JWT
  std::string private_key_pem;  // the application's RSA private key (PEM) signing the JWT
  // The NCCO source: answer_url (Vonage fetches it) or inline NCCO JSON (an array). One is
  // required; answer_url wins when both are set.
  std::string answer_url;
  std::string ncco_json;
  int jwt_lifetime_seconds = 900;  // exp = iat + this (Vonage's SDKs default to 15 minutes)
};

struct ExotelSettings {
  // The API host when api_url is empty: "api.exotel.com" (Singapore) or "api.in.exotel.com"
  // (Mumbai); the URL becomes https://<subdomain>.
  std::string subdomain;
  // "Connect number to a call flow": with no agent number in the DialRequest the customer is
  // called first and connected to this flow (http://my.exotel.com/{sid}/exoml/start_voice/{id}).
  std::string flow_url;
};

struct AsteriskSettings {
  // The channel to originate. Placeholders: {{number}} = dial_plan_prefix + the number without
  // its leading '+', {{e164}} = the number as given. E.g. "PJSIP/{{number}}@trunk".
  std::string endpoint_template;
  // After answer the channel goes either to a Stasis application (app, app_args) or to the
  // dialplan (context, extension, priority). Exactly one of app / extension is required.
  std::string app;
  std::string app_args;
  std::string context;
  std::string extension;
  int priority = 1;
};

struct GenericSettings {
  // A request template. Placeholders {{to}}, {{from}}, {{call_id}}, {{callback_url}} in the
  // URL (values percent-encoded), header values (inserted as they are; CR/LF refused) and the
  // body (values escaped for content_type: JSON string contents for application/json,
  // percent-encoding for application/x-www-form-urlencoded, raw for anything else).
  std::string method = "POST";
  std::string url_template;  // empty: api_url (placeholders allowed there too)
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body_template;
  std::string content_type = "application/json";
  // Where the provider's call id sits in a 2xx JSON answer (an RFC 6901 pointer).
  std::string call_id_pointer = "/call_id";
};

struct ProviderConfig {
  std::string provider_name;
  ProviderType provider_type = ProviderType::kGeneric;
  std::string api_url;  // scheme://host[:port][/base path]; http or https
  // Credentials. Which pair a provider uses is documented on its builder (Twilio: AccountSid
  // + auth token, Exotel: API key + token, ARI: user + password, mCube: bearer token).
  std::string api_key;
  std::string api_secret;
  std::string auth_token;
  std::string account_sid;       // Twilio AccountSid, Exotel account sid
  std::string phone_number;      // our number calls come from (E.164), unless a DialRequest says
  std::string caller_id;         // display name / presented id where the provider takes one
  std::string dial_plan_prefix;  // digits put before the number (Asterisk dial plans)
  std::string callback_url;      // status webhook, unless a DialRequest names its own
  bool is_active = true;
  int retry_count = 3;       // 0..10 attempts after the first (used by failover)
  int timeout_seconds = 30;  // 1..300: the whole provider HTTP request
  int priority = 1;          // lower is preferred (seed 001: "highest-priority" = 1)

  TwilioSettings twilio;
  VonageSettings vonage;
  ExotelSettings exotel;
  AsteriskSettings asterisk;
  GenericSettings generic;
};

// OK, or InvalidArgument whose message starts with the offending field's name, e.g.
// "vonage.private_key_pem: not an RSA private key". Checks the common fields, the URLs
// (http/https, no credentials inside), and everything the configured provider_type needs.
Status ValidateProviderConfig(const ProviderConfig& config);

}  // namespace sb::providers

#endif  // SWITCHBOARD_HTTP_PROVIDERS_PROVIDER_CONFIG_H_
