#include "http/api/provider_views.h"

#include <boost/json.hpp>

#include "domain/ascii.h"
#include "domain/time.h"
#include "http/providers/provider_config_json.h"

namespace sb::http::api {
namespace {

boost::json::value Masked(const std::string& secret) {
  if (secret.empty()) return nullptr;
  return kMaskedSecret;
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

boost::json::object ProviderView(const std::string& id, uint64_t version,
                                 const domain::ProviderState& s) {
  const auto& a = s.account;
  boost::json::object o;
  o["id"] = id;
  o["provider_name"] = a.provider_name;
  o["provider_type"] = Upper(a.provider_type);  // seed 001 spells types in capitals
  o["api_url"] = a.api_url;
  o["api_key"] = Masked(a.api_key);
  o["api_secret"] = Masked(a.api_secret);
  o["auth_token"] = Masked(a.auth_token);
  o["account_sid"] = a.account_sid;
  o["phone_number"] = a.phone_number;
  o["caller_id"] = a.caller_id;
  o["dial_plan_prefix"] = a.dial_plan_prefix;
  o["callback_url"] = a.callback_url;
  o["is_active"] = a.is_active;
  o["retry_count"] = a.retry_count;
  o["timeout_seconds"] = a.timeout_seconds;
  o["priority"] = a.priority;
  boost::system::error_code ec;
  boost::json::value settings = boost::json::parse(a.settings, ec);
  if (ec || !settings.is_object()) settings = boost::json::object();
  for (auto& [key, value] : settings.as_object()) {
    if (providers::IsSecretSetting(std::string(key).c_str()) && value.is_string()) {
      value = Masked(std::string(value.as_string()));
    }
  }
  o["settings"] = std::move(settings);
  o["version"] = version;
  o["created_at"] = domain::FormatTimestamp(s.created_at);
  o["updated_at"] = domain::FormatTimestamp(s.updated_at);
  return o;
}

}  // namespace sb::http::api
