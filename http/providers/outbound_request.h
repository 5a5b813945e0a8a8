// OutboundRequest / OutboundResponse: one HTTP exchange with a provider, as plain values. The
// builders produce requests without doing I/O; OutboundClient sends them.
#ifndef SWITCHBOARD_HTTP_PROVIDERS_OUTBOUND_REQUEST_H_
#define SWITCHBOARD_HTTP_PROVIDERS_OUTBOUND_REQUEST_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sb::providers {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct OutboundRequest {
  std::string method = "POST";
  std::string url;  // absolute: http(s)://host[:port]/path?query
  // Sent as they are, in order, besides Host, Content-Type, Content-Length and User-Agent,
  // which the client sets (a Content-Type or Host given here is not duplicated).
  HeaderList headers;
  std::string body;
  std::string content_type;  // sent with a non-empty body
  // Connecting (resolve + TCP + TLS handshake) must finish within connect_timeout, the whole
  // exchange within total_timeout (builders take it from timeout_seconds).
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{30000};

  // The first header with this name, ignoring case.
  std::optional<std::string> Header(std::string_view name) const;
};

struct OutboundResponse {
  int status = 0;
  HeaderList headers;
  std::string body;

  std::optional<std::string> Header(std::string_view name) const;
};

}  // namespace sb::providers

#endif  // SWITCHBOARD_HTTP_PROVIDERS_OUTBOUND_REQUEST_H_
