#include "http/providers/provider_config_json.h"

#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>

#include <boost/json.hpp>

namespace sb::providers {
namespace {

Status Bad(std::string_view key, std::string_view reason) {
  return Status::InvalidArgument("settings." + std::string(key) + ": " + std::string(reason));
}

// Reads the settings object strictly: only `allowed` keys, each of the expected JSON type.
class SettingsReader {
 public:
  explicit SettingsReader(const boost::json::object& o) : o_(o) {}

  Status Only(std::initializer_list<const char*> allowed) const {
    for (const auto& [key, value] : o_) {
      bool known = false;
      for (const char* a : allowed) known = known || key == a;
      if (!known) return Bad(key, "not a setting of this provider type");
    }
    return Status::OK();
  }

  Status String(const char* key, std::string* out) const {
    const auto* v = o_.if_contains(key);
    if (!v || v->is_null()) return Status::OK();
    if (!v->is_string()) return Bad(key, "must be a string");
    *out = std::string(v->as_string());
    return Status::OK();
  }

  Status Int(const char* key, int* out) const {
    const auto* v = o_.if_contains(key);
    if (!v || v->is_null()) return Status::OK();
    if (!v->is_int64() || v->as_int64() < -1000000 || v->as_int64() > 1000000) {
      return Bad(key, "must be an integer");
    }
    *out = static_cast<int>(v->as_int64());
    return Status::OK();
  }

  const boost::json::value* Find(const char* key) const { return o_.if_contains(key); }

 private:
  const boost::json::object& o_;
};

// Runs each read in turn and stops at the first failure.
Status All(std::initializer_list<Status> reads) {
  for (const Status& s : reads) {
    if (!s.ok()) return s;
  }
  return Status::OK();
}

Status ReadTwilio(const SettingsReader& r, TwilioSettings* s) {
  return All({r.Only({"answer_url", "twiml"}), r.String("answer_url", &s->answer_url),
              r.String("twiml", &s->twiml)});
}

Status ReadVonage(const SettingsReader& r, VonageSettings* s) {
  Status read = All({r.Only({"application_id", "private_key_pem", "answer_url", "ncco", "ncco_json",
                             "jwt_lifetime_seconds"}),
                     r.String("application_id", &s->application_id),
                     r.String("private_key_pem", &s->private_key_pem),
                     r.String("answer_url", &s->answer_url), r.String("ncco_json", &s->ncco_json),
                     r.Int("jwt_lifetime_seconds", &s->jwt_lifetime_seconds)});
  if (!read.ok()) return read;
  if (const auto* ncco = r.Find("ncco"); ncco && !ncco->is_null()) {
    if (!ncco->is_array()) return Bad("ncco", "must be an array of NCCO actions");
    s->ncco_json = boost::json::serialize(*ncco);
  }
  return Status::OK();
}

Status ReadExotel(const SettingsReader& r, ExotelSettings* s) {
  return All({r.Only({"subdomain", "flow_url"}), r.String("subdomain", &s->subdomain),
              r.String("flow_url", &s->flow_url)});
}

Status ReadAsterisk(const SettingsReader& r, AsteriskSettings* s) {
  return All({r.Only({"endpoint_template", "app", "app_args", "context", "extension", "priority"}),
              r.String("endpoint_template", &s->endpoint_template), r.String("app", &s->app),
              r.String("app_args", &s->app_args), r.String("context", &s->context),
              r.String("extension", &s->extension), r.Int("priority", &s->priority)});
}

Status ReadGeneric(const SettingsReader& r, GenericSettings* s) {
  Status read =
      All({r.Only({"method", "url_template", "headers", "body_template", "content_type",
                   "call_id_pointer"}),
           r.String("method", &s->method), r.String("url_template", &s->url_template),
           r.String("body_template", &s->body_template), r.String("content_type", &s->content_type),
           r.String("call_id_pointer", &s->call_id_pointer)});
  if (!read.ok()) return read;
  if (const auto* headers = r.Find("headers"); headers && !headers->is_null()) {
    if (!headers->is_object()) return Bad("headers", "must be an object of strings");
    for (const auto& [name, value] : headers->as_object()) {
      if (!value.is_string()) return Bad("headers", "must be an object of strings");
      s->headers.emplace_back(std::string(name), std::string(value.as_string()));
    }
  }
  return Status::OK();
}

}  // namespace

bool IsSecretSetting(const char* key) { return std::strcmp(key, "private_key_pem") == 0; }

Result<ProviderConfig> ProviderConfigFromAccount(const domain::ProviderAccount& a) {
  ProviderConfig c;
  auto type = ParseProviderType(a.provider_type);
  if (!type.ok()) return type.status();
  c.provider_type = *type;
  c.provider_name = a.provider_name;
  c.api_url = a.api_url;
  c.api_key = a.api_key;
  c.api_secret = a.api_secret;
  c.auth_token = a.auth_token;
  c.account_sid = a.account_sid;
  c.phone_number = a.phone_number;
  c.caller_id = a.caller_id;
  c.dial_plan_prefix = a.dial_plan_prefix;
  c.callback_url = a.callback_url;
  c.is_active = a.is_active;
  c.retry_count = a.retry_count;
  c.timeout_seconds = a.timeout_seconds;
  c.priority = a.priority;

  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(a.settings.empty() ? "{}" : a.settings, ec);
  if (ec || !parsed.is_object()) return Status::InvalidArgument("settings: must be an object");
  SettingsReader r(parsed.as_object());
  Status read;
  switch (c.provider_type) {
    case ProviderType::kTwilio:
      read = ReadTwilio(r, &c.twilio);
      break;
    case ProviderType::kVonage:
      read = ReadVonage(r, &c.vonage);
      break;
    case ProviderType::kExotel:
      read = ReadExotel(r, &c.exotel);
      break;
    case ProviderType::kAsterisk:
      read = ReadAsterisk(r, &c.asterisk);
      break;
    case ProviderType::kMcube:
      read = r.Only({});
      break;
    case ProviderType::kGeneric:
      read = ReadGeneric(r, &c.generic);
      break;
  }
  if (!read.ok()) return read;
  return c;
}

}  // namespace sb::providers
