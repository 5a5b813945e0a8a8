#include "http/providers/adapter_util.h"

#include <algorithm>
#include <chrono>

#include <boost/json/parse.hpp>

#include "domain/phone.h"
#include "http/providers/url.h"

namespace sb::providers::internal {

Status CheckConfig(const ProviderConfig& config, ProviderType type) {
  if (config.provider_type != type) {
    return Status::InvalidArgument(std::string("provider_type: ") +
                                   ProviderTypeName(config.provider_type) +
                                   " config given to the " + ProviderTypeName(type) + " adapter");
  }
  return ValidateProviderConfig(config);
}

std::string FromNumber(const ProviderConfig& config, const DialRequest& dial) {
  return dial.from.empty() ? config.phone_number : dial.from;
}

std::string CallbackUrl(const ProviderConfig& config, const DialRequest& dial) {
  return dial.status_callback_url.empty() ? config.callback_url : dial.status_callback_url;
}

Status CheckE164(std::string_view field, std::string_view value) {
  if (domain::IsValidE164(value)) return Status::OK();
  std::string message(field);
  message += value.empty() ? ": required" : ": not an E.164 number (+ then 7 to 15 digits)";
  return Status::InvalidArgument(std::move(message));
}

Status CheckOptionalUrl(std::string_view field, std::string_view value) {
  if (value.empty()) return Status::OK();
  auto url = ParseUrl(value);
  if (url.ok()) return Status::OK();
  return Status::InvalidArgument(std::string(field) + ": " + url.status().message());
}

OutboundRequest NewRequest(const ProviderConfig& config, std::string method, std::string url) {
  OutboundRequest request;
  request.method = std::move(method);
  request.url = std::move(url);
  request.total_timeout = std::chrono::seconds(config.timeout_seconds);
  request.connect_timeout =
      std::min<std::chrono::milliseconds>(request.total_timeout, std::chrono::seconds(10));
  return request;
}

std::optional<boost::json::value> ParseJson(std::string_view body) {
  boost::json::error_code ec;
  boost::json::value v = boost::json::parse(body, ec);
  if (ec) return std::nullopt;
  return v;
}

std::optional<std::string> StringField(const boost::json::value* object, std::string_view key) {
  if (object == nullptr || !object->is_object()) return std::nullopt;
  const boost::json::value* v = object->as_object().if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

Result<DialAccepted> ParseJsonDialAnswer(
    std::string_view provider, int status, const std::string& body,
    const std::function<std::optional<DialAccepted>(const boost::json::value&)>& extract,
    const std::function<std::string(const boost::json::value*)>& error_detail) {
  std::optional<boost::json::value> json = ParseJson(body);
  if (status >= 200 && status <= 299) {
    std::optional<DialAccepted> accepted;
    if (json) accepted = extract(*json);
    if (!accepted || accepted->provider_call_id.empty()) {
      return Status::Corruption(std::string(provider) + " answered HTTP " + std::to_string(status) +
                                " without a call id (the call may exist; not re-dialled)");
    }
    accepted->http_status = status;
    return *accepted;
  }
  return ClassifyHttpFailure(provider, status, error_detail(json ? &*json : nullptr));
}

}  // namespace sb::providers::internal

namespace sb::providers::internal {

Result<std::string> ExpandTemplate(
    std::string_view field, std::string_view text,
    const std::function<std::optional<std::string>(std::string_view name)>& lookup) {
  std::string out;
  size_t pos = 0;
  for (;;) {
    const size_t open = text.find("{{", pos);
    if (open == std::string_view::npos) {
      out.append(text.substr(pos));
      return out;
    }
    out.append(text.substr(pos, open - pos));
    const size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      return Status::InvalidArgument(std::string(field) + ": unterminated {{");
    }
    const std::string_view name = text.substr(open + 2, close - open - 2);
    std::optional<std::string> value = lookup(name);
    if (!value) {
      return Status::InvalidArgument(std::string(field) + ": unknown placeholder {{" +
                                     std::string(name) + "}}");
    }
    out += *value;
    pos = close + 2;
  }
}

}  // namespace sb::providers::internal
