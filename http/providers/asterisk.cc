#include "http/providers/asterisk.h"

#include "http/providers/adapter_util.h"
#include "http/providers/encoding.h"
#include "http/providers/url.h"

namespace sb::providers {

using namespace internal;  // NOLINT: the adapter helpers

namespace {

// ARI is mounted under /ari; accept an api_url that already ends there.
std::string ChannelsUrl(const std::string& api_url) {
  std::string base = api_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string suffix = "/ari";
  const bool has_ari = base.size() >= suffix.size() &&
                       base.compare(base.size() - suffix.size(), suffix.size(), suffix) == 0;
  return base + (has_ari ? "/channels" : "/ari/channels");
}

}  // namespace

Result<OutboundRequest> BuildAsteriskDial(const ProviderConfig& config, const DialRequest& dial) {
  if (Status s = CheckConfig(config, ProviderType::kAsterisk); !s.ok()) return s;
  if (Status s = CheckE164("to", dial.to); !s.ok()) return s;
  const AsteriskSettings& a = config.asterisk;
  const std::string number = config.dial_plan_prefix + dial.to.substr(1);
  auto endpoint = ExpandTemplate("asterisk.endpoint_template", a.endpoint_template,
                                 [&](std::string_view name) -> std::optional<std::string> {
                                   if (name == "number") return number;
                                   if (name == "e164") return dial.to;
                                   return std::nullopt;
                                 });
  if (!endpoint.ok()) return endpoint.status();

  FormFields query = {{"endpoint", *endpoint}};
  if (!a.app.empty()) {
    query.emplace_back("app", a.app);
    if (!a.app_args.empty()) query.emplace_back("appArgs", a.app_args);
  } else {
    query.emplace_back("extension", a.extension);
    if (!a.context.empty()) query.emplace_back("context", a.context);
    query.emplace_back("priority", std::to_string(a.priority));
  }
  const std::string from = FromNumber(config, dial);
  std::string caller_id = from;
  if (!config.caller_id.empty()) {
    // Asterisk's "name" <number> form; validation keeps quotes and brackets out of caller_id.
    caller_id = "\"" + config.caller_id + "\"" + (from.empty() ? "" : " <" + from + ">");
  }
  if (!caller_id.empty()) query.emplace_back("callerId", caller_id);
  query.emplace_back("timeout", std::to_string(config.timeout_seconds));
  if (!dial.call_id.empty()) query.emplace_back("channelId", dial.call_id);

  OutboundRequest request =
      NewRequest(config, "POST", ChannelsUrl(config.api_url) + "?" + FormEncode(query));
  std::string user = config.api_key;
  std::string password = config.api_secret;
  if (user.empty() || password.empty()) {
    const size_t colon = config.auth_token.find(':');  // validated: present
    user = config.auth_token.substr(0, colon);
    password = config.auth_token.substr(colon + 1);
  }
  request.headers = {{"Authorization", BasicAuthorization(user, password)},
                     {"Accept", "application/json"}};
  return request;
}

Result<DialAccepted> ParseAsteriskDialResponse(int status, const std::string& body) {
  return ParseJsonDialAnswer(
      "asterisk", status, body,
      [](const boost::json::value& json) -> std::optional<DialAccepted> {
        auto id = StringField(&json, "id");
        if (!id) return std::nullopt;
        return DialAccepted{*id, StringField(&json, "state").value_or(""), 0};
      },
      [](const boost::json::value* json) { return StringField(json, "message").value_or(""); });
}

}  // namespace sb::providers
