#include "http/providers/twilio.h"

#include "http/providers/adapter_util.h"
#include "http/providers/encoding.h"
#include "http/providers/url.h"

namespace sb::providers {

using namespace internal;  // NOLINT: the adapter helpers

Result<OutboundRequest> BuildTwilioDial(const ProviderConfig& config, const DialRequest& dial) {
  if (Status s = CheckConfig(config, ProviderType::kTwilio); !s.ok()) return s;
  if (Status s = CheckE164("to", dial.to); !s.ok()) return s;
  const std::string from = FromNumber(config, dial);
  if (Status s = CheckE164("from", from); !s.ok()) return s;
  const std::string callback = CallbackUrl(config, dial);
  if (Status s = CheckOptionalUrl("status_callback_url", callback); !s.ok()) return s;

  const std::string& sid = config.account_sid.empty() ? config.api_key : config.account_sid;
  std::string user = sid;
  std::string password = config.auth_token;
  if (config.auth_token.empty()) {
    user = config.api_key.empty() ? sid : config.api_key;
    password = config.api_secret;
  }
  const std::string base = config.api_url.empty() ? "https://api.twilio.com" : config.api_url;
  OutboundRequest request = NewRequest(
      config, "POST", JoinUrl(base, "/2010-04-01/Accounts/" + PercentEncode(sid) + "/Calls.json"));

  FormFields form = {{"To", dial.to}, {"From", from}};
  if (!config.twilio.answer_url.empty()) {
    form.emplace_back("Url", config.twilio.answer_url);
  } else {
    form.emplace_back("Twiml", config.twilio.twiml);
  }
  if (!callback.empty()) {
    form.emplace_back("StatusCallback", callback);
    form.emplace_back("StatusCallbackMethod", "POST");
    // A list parameter: one field per value, as Twilio's helper libraries send it.
    for (const char* event : {"initiated", "ringing", "answered", "completed"}) {
      form.emplace_back("StatusCallbackEvent", event);
    }
  }
  request.body = FormEncode(form);
  request.content_type = "application/x-www-form-urlencoded";
  request.headers = {{"Authorization", BasicAuthorization(user, password)},
                     {"Accept", "application/json"}};
  return request;
}

Result<DialAccepted> ParseTwilioDialResponse(int status, const std::string& body) {
  return ParseJsonDialAnswer(
      "twilio", status, body,
      [](const boost::json::value& json) -> std::optional<DialAccepted> {
        auto sid = StringField(&json, "sid");
        if (!sid) return std::nullopt;
        return DialAccepted{*sid, StringField(&json, "status").value_or(""), 0};
      },
      [](const boost::json::value* json) {
        std::string detail = StringField(json, "message").value_or("");
        if (json != nullptr && json->is_object()) {
          if (const auto* code = json->as_object().if_contains("code"); code && code->is_int64()) {
            detail += " (code " + std::to_string(code->as_int64()) + ")";
          }
        }
        return detail;
      });
}

}  // namespace sb::providers
