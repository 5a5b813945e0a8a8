#include "http/request.h"

#include "domain/ascii.h"

namespace sb::http {

std::optional<std::string> Request::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (domain::EqualsIgnoreCase(name, lower_name)) return value;
  }
  return std::nullopt;
}

std::optional<std::string> Request::Query(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return std::nullopt;
}

}  // namespace sb::http
