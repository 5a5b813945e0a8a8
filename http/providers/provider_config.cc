#include "http/providers/provider_config.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cctype>
#include <memory>

#include "http/providers/adapter_util.h"

namespace sb::providers {

namespace {

using internal::CheckOptionalUrl;

Status Bad(std::string_view field, std::string_view reason) {
  return Status::InvalidArgument(std::string(field) + ": " + std::string(reason));
}

bool HasControl(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

Status RequiredUrl(std::string_view field, std::string_view value) {
  if (value.empty()) return Bad(field, "required");
  return CheckOptionalUrl(field, value);
}

bool IsRsaPrivateKey(const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  if (!bio) return false;
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  return key && EVP_PKEY_base_id(key.get()) == EVP_PKEY_RSA;
}

// Placeholders are checked with empty values: only the names matter here.
Status CheckPlaceholders(std::string_view field, std::string_view text,
                         std::initializer_list<std::string_view> names) {
  auto expanded = internal::ExpandTemplate(
      field, text, [&](std::string_view name) -> std::optional<std::string> {
        for (std::string_view known : names) {
          if (name == known) return std::string();
        }
        return std::nullopt;
      });
  return expanded.ok() ? Status::OK() : expanded.status();
}

Status ValidateTwilio(const ProviderConfig& c) {
  if (c.account_sid.empty() && c.api_key.empty()) {
    return Bad("account_sid", "required (or the AccountSid in api_key)");
  }
  if (c.auth_token.empty() && c.api_secret.empty()) {
    return Bad("auth_token", "required (or api_secret)");
  }
  if (Status s = CheckOptionalUrl("api_url", c.api_url); !s.ok()) return s;
  if (c.twilio.answer_url.empty() && c.twilio.twiml.empty()) {
    return Bad("twilio.answer_url", "required (or twilio.twiml)");
  }
  return CheckOptionalUrl("twilio.answer_url", c.twilio.answer_url);
}

Status ValidateVonage(const ProviderConfig& c) {
  if (c.vonage.application_id.empty()) return Bad("vonage.application_id", "required");
  if (c.vonage.private_key_pem.empty()) return Bad("vonage.private_key_pem", "required");
  if (!IsRsaPrivateKey(c.vonage.private_key_pem)) {
    return Bad("vonage.private_key_pem", "not a PEM RSA private key");
  }
  if (c.vonage.jwt_lifetime_seconds < 30 || c.vonage.jwt_lifetime_seconds > 86400) {
    return Bad("vonage.jwt_lifetime_seconds", "must be within 30..86400");
  }
  if (Status s = CheckOptionalUrl("api_url", c.api_url); !s.ok()) return s;
  if (c.vonage.answer_url.empty()) {
    if (c.vonage.ncco_json.empty())
      return Bad("vonage.answer_url", "required (or vonage.ncco_json)");
    auto ncco = internal::ParseJson(c.vonage.ncco_json);
    if (!ncco || !ncco->is_array()) return Bad("vonage.ncco_json", "not a JSON array");
  }
  return CheckOptionalUrl("vonage.answer_url", c.vonage.answer_url);
}

Status ValidateExotel(const ProviderConfig& c) {
  if (c.account_sid.empty()) return Bad("account_sid", "required (the Exotel account sid)");
  for (unsigned char ch : c.account_sid) {
    if (!std::isalnum(ch) && ch != '-' && ch != '_') return Bad("account_sid", "bad character");
  }
  if (c.api_key.empty()) return Bad("api_key", "required");
  if (c.api_secret.empty() && c.auth_token.empty()) {
    return Bad("api_secret", "required (the Exotel API token; or auth_token)");
  }
  if (c.api_url.empty()) {
    if (c.exotel.subdomain.empty()) return Bad("api_url", "required (or exotel.subdomain)");
    if (Status s = CheckOptionalUrl("exotel.subdomain", "https://" + c.exotel.subdomain); !s.ok()) {
      return s;
    }
  } else if (Status s = CheckOptionalUrl("api_url", c.api_url); !s.ok()) {
    return s;
  }
  return CheckOptionalUrl("exotel.flow_url", c.exotel.flow_url);
}

Status ValidateAsterisk(const ProviderConfig& c) {
  if (Status s = RequiredUrl("api_url", c.api_url); !s.ok()) return s;
  const AsteriskSettings& a = c.asterisk;
  if (a.endpoint_template.empty()) {
    return Bad("asterisk.endpoint_template", "required, e.g. PJSIP/{{number}}@trunk");
  }
  if (a.endpoint_template.find("{{number}}") == std::string::npos &&
      a.endpoint_template.find("{{e164}}") == std::string::npos) {
    return Bad("asterisk.endpoint_template", "must contain {{number}} or {{e164}}");
  }
  if (Status s =
          CheckPlaceholders("asterisk.endpoint_template", a.endpoint_template, {"number", "e164"});
      !s.ok()) {
    return s;
  }
  if (a.app.empty() == a.extension.empty()) {
    return Bad("asterisk.app", "exactly one of asterisk.app and asterisk.extension is required");
  }
  if (!a.extension.empty() && a.priority < 1) return Bad("asterisk.priority", "must be >= 1");
  const bool pair = !c.api_key.empty() && !c.api_secret.empty();
  const bool token = c.auth_token.find(':') != std::string::npos;
  if (!pair && !token) {
    return Bad("api_key", "ARI needs api_key + api_secret, or auth_token as user:password");
  }
  return Status::OK();
}

Status ValidateMcube(const ProviderConfig& c) {
  if (Status s = RequiredUrl("api_url", c.api_url); !s.ok()) return s;
  if (c.auth_token.empty()) return Bad("auth_token", "required (the mCube bearer token)");
  return Status::OK();
}

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char ch : s) {
    if (!std::isalnum(ch) &&
        std::string_view("!#$%&'*+-.^_`|~").find(ch) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

Status ValidateGeneric(const ProviderConfig& c) {
  const GenericSettings& g = c.generic;
  const std::initializer_list<std::string_view> kNames = {"to", "from", "call_id", "callback_url"};
  if (g.method != "GET" && g.method != "POST" && g.method != "PUT" && g.method != "PATCH") {
    return Bad("generic.method", "must be GET, POST, PUT or PATCH");
  }
  const std::string& url = g.url_template.empty() ? c.api_url : g.url_template;
  const char* url_field = g.url_template.empty() ? "api_url" : "generic.url_template";
  if (url.empty()) return Bad("api_url", "required (or generic.url_template)");
  if (Status s = CheckPlaceholders(url_field, url, kNames); !s.ok()) return s;
  // The URL must parse with its placeholders filled in.
  auto filled = internal::ExpandTemplate(
      url_field, url, [](std::string_view) { return std::optional<std::string>("x"); });
  if (Status s = CheckOptionalUrl(url_field, *filled); !s.ok()) return s;
  for (const auto& [name, value] : g.headers) {
    if (!IsToken(name)) return Bad("generic.headers", "bad header name '" + name + "'");
    if (HasControl(value)) return Bad("generic.headers", "control character in " + name);
    if (Status s = CheckPlaceholders("generic.headers", value, kNames); !s.ok()) return s;
  }
  if (Status s = CheckPlaceholders("generic.body_template", g.body_template, kNames); !s.ok()) {
    return s;
  }
  if (!g.body_template.empty() && (g.content_type.empty() || HasControl(g.content_type))) {
    return Bad("generic.content_type", "required with a body");
  }
  if (g.call_id_pointer.empty() || g.call_id_pointer.front() != '/') {
    return Bad("generic.call_id_pointer", "must be a JSON pointer such as /call/id");
  }
  return Status::OK();
}

}  // namespace

const char* ProviderTypeName(ProviderType type) {
  switch (type) {
    case ProviderType::kTwilio:
      return "twilio";
    case ProviderType::kVonage:
      return "vonage";
    case ProviderType::kExotel:
      return "exotel";
    case ProviderType::kAsterisk:
      return "asterisk";
    case ProviderType::kMcube:
      return "mcube";
    case ProviderType::kGeneric:
      return "generic";
  }
  return "unknown";
}

Result<ProviderType> ParseProviderType(std::string_view name) {
  std::string lower;
  for (unsigned char c : name) lower.push_back(static_cast<char>(std::tolower(c)));
  for (ProviderType t : {ProviderType::kTwilio, ProviderType::kVonage, ProviderType::kExotel,
                         ProviderType::kAsterisk, ProviderType::kMcube, ProviderType::kGeneric}) {
    if (lower == ProviderTypeName(t)) return t;
  }
  if (lower == "sip") return ProviderType::kGeneric;
  return Status::InvalidArgument(
      "provider_type: must be one of twilio, vonage, exotel, asterisk, mcube, generic (or sip)");
}

Status ValidateProviderConfig(const ProviderConfig& c) {
  if (c.provider_name.empty()) return Bad("provider_name", "required");
  if (c.provider_name.size() > 200 || HasControl(c.provider_name)) {
    return Bad("provider_name", "at most 200 printable characters");
  }
  if (c.retry_count < 0 || c.retry_count > 10) return Bad("retry_count", "must be within 0..10");
  if (c.timeout_seconds < 1 || c.timeout_seconds > 300) {
    return Bad("timeout_seconds", "must be within 1..300");
  }
  if (c.priority < 0 || c.priority > 1000) return Bad("priority", "must be within 0..1000");
  if (!c.phone_number.empty()) {
    if (Status s = internal::CheckE164("phone_number", c.phone_number); !s.ok()) return s;
  }
  if (c.caller_id.size() > 64 || HasControl(c.caller_id) ||
      c.caller_id.find_first_of("\"<>") != std::string::npos) {
    return Bad("caller_id", "at most 64 printable characters, without \" < >");
  }
  for (char ch : c.dial_plan_prefix) {
    if (!std::isdigit(static_cast<unsigned char>(ch)) && ch != '*' && ch != '#') {
      return Bad("dial_plan_prefix", "digits, * and # only");
    }
  }
  if (c.dial_plan_prefix.size() > 16) return Bad("dial_plan_prefix", "at most 16 characters");
  if (Status s = CheckOptionalUrl("callback_url", c.callback_url); !s.ok()) return s;
  const std::pair<const char*, const std::string*> secrets[] = {{"api_key", &c.api_key},
                                                                {"api_secret", &c.api_secret},
                                                                {"auth_token", &c.auth_token},
                                                                {"account_sid", &c.account_sid}};
  for (const auto& [field, secret] : secrets) {
    if (HasControl(*secret)) return Bad(field, "must not contain control characters");
  }
  switch (c.provider_type) {
    case ProviderType::kTwilio:
      return ValidateTwilio(c);
    case ProviderType::kVonage:
      return ValidateVonage(c);
    case ProviderType::kExotel:
      return ValidateExotel(c);
    case ProviderType::kAsterisk:
      return ValidateAsterisk(c);
    case ProviderType::kMcube:
      return ValidateMcube(c);
    case ProviderType::kGeneric:
      return ValidateGeneric(c);
  }
  return Bad("provider_type", "unknown");
}

}  // namespace sb::providers
