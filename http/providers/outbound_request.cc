#include "http/providers/outbound_request.h"

#include <strings.h>

namespace sb::providers {

namespace {

std::optional<std::string> Find(const HeaderList& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (n.size() == name.size() && ::strncasecmp(n.data(), name.data(), name.size()) == 0) {
      return v;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> OutboundRequest::Header(std::string_view name) const {
  return Find(headers, name);
}

std::optional<std::string> OutboundResponse::Header(std::string_view name) const {
  return Find(headers, name);
}

}  // namespace sb::providers
