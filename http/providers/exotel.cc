#include "http/providers/exotel.h"

#include "http/providers/adapter_util.h"
#include "http/providers/encoding.h"
#include "http/providers/url.h"

namespace sb::providers {

using namespace internal;  // NOLINT: the adapter helpers

Result<OutboundRequest> BuildExotelDial(const ProviderConfig& config, const DialRequest& dial) {
  if (Status s = CheckConfig(config, ProviderType::kExotel); !s.ok()) return s;
  if (Status s = CheckE164("to", dial.to); !s.ok()) return s;
  // CallerId is an ExoPhone, which Exotel also accepts in national form: only required here.
  const std::string caller = FromNumber(config, dial);
  if (caller.empty()) return Status::InvalidArgument("from: required (the ExoPhone CallerId)");
  const std::string callback = CallbackUrl(config, dial);
  if (Status s = CheckOptionalUrl("status_callback_url", callback); !s.ok()) return s;

  FormFields form;
  if (!dial.agent_number.empty()) {
    if (Status s = CheckE164("agent_number", dial.agent_number); !s.ok()) return s;
    // "Connect two numbers": From is rung first, then To, both seeing CallerId.
    form = {{"From", dial.agent_number}, {"To", dial.to}, {"CallerId", caller}};
  } else if (!config.exotel.flow_url.empty()) {
    // "Connect number to a call flow": the customer is rung and handed to the flow.
    form = {{"From", dial.to}, {"CallerId", caller}, {"Url", config.exotel.flow_url}};
  } else {
    return Status::InvalidArgument(
        "agent_number: required by Exotel's connect API unless exotel.flow_url is configured");
  }
  if (!callback.empty()) {
    form.emplace_back("StatusCallback", callback);
    form.emplace_back("StatusCallbackContentType", "application/json");
    form.emplace_back("StatusCallbackEvents[0]", "terminal");
    form.emplace_back("StatusCallbackEvents[1]", "answered");
  }
  if (!dial.call_id.empty()) form.emplace_back("CustomField", dial.call_id);

  const std::string base =
      config.api_url.empty() ? "https://" + config.exotel.subdomain : config.api_url;
  OutboundRequest request = NewRequest(
      config, "POST",
      JoinUrl(base, "/v1/Accounts/" + PercentEncode(config.account_sid) + "/Calls/connect.json"));
  request.body = FormEncode(form);
  request.content_type = "application/x-www-form-urlencoded";
  const std::string& token = config.api_secret.empty() ? config.auth_token : config.api_secret;
  request.headers = {{"Authorization", BasicAuthorization(config.api_key, token)},
                     {"Accept", "application/json"}};
  return request;
}

Result<DialAccepted> ParseExotelDialResponse(int status, const std::string& body) {
  return ParseJsonDialAnswer(
      "exotel", status, body,
      [](const boost::json::value& json) -> std::optional<DialAccepted> {
        if (!json.is_object()) return std::nullopt;
        const boost::json::value* call = json.as_object().if_contains("Call");
        auto sid = StringField(call, "Sid");
        if (!sid) return std::nullopt;
        return DialAccepted{*sid, StringField(call, "Status").value_or(""), 0};
      },
      [](const boost::json::value* json) -> std::string {
        if (json == nullptr || !json->is_object()) return "";
        return StringField(json->as_object().if_contains("RestException"), "Message").value_or("");
      });
}

}  // namespace sb::providers
