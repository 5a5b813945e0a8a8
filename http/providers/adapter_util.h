// Helpers shared by the provider adapters (not part of the library's API).
#ifndef SWITCHBOARD_HTTP_PROVIDERS_ADAPTER_UTIL_H_
#define SWITCHBOARD_HTTP_PROVIDERS_ADAPTER_UTIL_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "domain/result.h"
#include "domain/status.h"
#include "http/providers/dial_request.h"
#include "http/providers/dial_result.h"
#include "http/providers/outbound_request.h"
#include "http/providers/provider_config.h"

namespace sb::providers::internal {

// InvalidArgument "provider_type: ..." unless config is of `type`; then
// ValidateProviderConfig.
Status CheckConfig(const ProviderConfig& config, ProviderType type);

// The from number: dial.from, else config.phone_number.
std::string FromNumber(const ProviderConfig& config, const DialRequest& dial);
// The status webhook: dial.status_callback_url, else config.callback_url.
std::string CallbackUrl(const ProviderConfig& config, const DialRequest& dial);

// InvalidArgument "<field>: ..." unless `value` is E.164.
Status CheckE164(std::string_view field, std::string_view value);
// InvalidArgument "<field>: ..." unless `value` is empty or an http(s) URL ParseUrl accepts.
Status CheckOptionalUrl(std::string_view field, std::string_view value);

// A request with the config's timeouts: total = timeout_seconds, connect = min(total, 10 s).
OutboundRequest NewRequest(const ProviderConfig& config, std::string method, std::string url);

// The body as JSON, or nothing when it is not JSON.
std::optional<boost::json::value> ParseJson(std::string_view body);
// The string at `key` of an object, or nothing.
std::optional<std::string> StringField(const boost::json::value* object, std::string_view key);

// The common shape of a dial answer: for a 2xx, `extract` finds the call id (and status) in
// the parsed JSON or returns nothing (-> Corruption); otherwise `error_detail` (given the
// parsed JSON, or null when the body is not JSON) names the provider's error and the failure
// is classified by ClassifyHttpFailure.
Result<DialAccepted> ParseJsonDialAnswer(
    std::string_view provider, int status, const std::string& body,
    const std::function<std::optional<DialAccepted>(const boost::json::value&)>& extract,
    const std::function<std::string(const boost::json::value*)>& error_detail);

}  // namespace sb::providers::internal

namespace sb::providers::internal {

// `text` with every {{name}} replaced by lookup(name). InvalidArgument "<field>: unknown
// placeholder {{x}}" when lookup returns nothing, or for an unterminated "{{".
Result<std::string> ExpandTemplate(
    std::string_view field, std::string_view text,
    const std::function<std::optional<std::string>(std::string_view name)>& lookup);

}  // namespace sb::providers::internal

#endif  // SWITCHBOARD_HTTP_PROVIDERS_ADAPTER_UTIL_H_
