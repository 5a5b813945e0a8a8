#include "http/providers/mcube.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "http/providers/adapter_util.h"

namespace sb::providers {

using namespace internal;  // NOLINT: the adapter helpers
namespace json = boost::json;

Result<OutboundRequest> BuildMcubeDial(const ProviderConfig& config, const DialRequest& dial) {
  if (Status s = CheckConfig(config, ProviderType::kMcube); !s.ok()) return s;
  if (Status s = CheckE164("to", dial.to); !s.ok()) return s;
  if (!dial.agent_number.empty()) {
    if (Status s = CheckE164("agent_number", dial.agent_number); !s.ok()) return s;
  }
  const std::string callback = CallbackUrl(config, dial);
  if (Status s = CheckOptionalUrl("status_callback_url", callback); !s.ok()) return s;

  json::object body;
  if (!dial.agent_number.empty()) body["exenumber"] = dial.agent_number;
  body["custnumber"] = dial.to;
  if (const std::string from = FromNumber(config, dial); !from.empty()) body["callerid"] = from;
  if (!dial.call_id.empty()) body["refid"] = dial.call_id;
  if (!callback.empty()) body["refurl"] = callback;

  OutboundRequest request = NewRequest(config, "POST", config.api_url);
  request.body = json::serialize(body);
  request.content_type = "application/json";
  request.headers = {{"Authorization", "Bearer " + config.auth_token},
                     {"Accept", "application/json"}};
  return request;
}

Result<DialAccepted> ParseMcubeDialResponse(int status, const std::string& body) {
  return ParseJsonDialAnswer(
      "mcube", status, body,
      [](const json::value& v) -> std::optional<DialAccepted> {
        if (!v.is_object()) return std::nullopt;
        for (const char* key : {"callid", "call_id", "id"}) {
          const json::value* id = v.as_object().if_contains(key);
          if (id == nullptr) continue;
          DialAccepted accepted;
          if (id->is_string()) {
            accepted.provider_call_id = std::string(id->as_string());
          } else if (id->is_int64() || id->is_uint64()) {
            accepted.provider_call_id = json::serialize(*id);
          } else {
            continue;
          }
          accepted.provider_status = StringField(&v, "status").value_or("");
          return accepted;
        }
        return std::nullopt;
      },
      [](const json::value* v) {
        for (const char* key : {"message", "msg", "error"}) {
          if (auto s = StringField(v, key)) return *s;
        }
        return std::string();
      });
}

}  // namespace sb::providers
