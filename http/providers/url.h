// Url: an absolute http/https URL split into what a client connects to and what it sends.
#ifndef SWITCHBOARD_HTTP_PROVIDERS_URL_H_
#define SWITCHBOARD_HTTP_PROVIDERS_URL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace sb::providers {

struct Url {
  bool tls = false;    // https
  std::string host;    // a name, an IPv4 literal, or an IPv6 literal without brackets
  uint16_t port = 0;   // explicit, or 80 / 443
  std::string target;  // path and query, "/" at least; never a fragment
};

// InvalidArgument (message "url: ...") for another scheme, an empty or bad host or port,
// credentials in the authority (user:pass@ would end up in logs; builders send an
// Authorization header instead), whitespace or control characters.
Result<Url> ParseUrl(std::string_view url);

// `base` (an http(s) URL, possibly with a base path and a trailing slash) with `path`
// (starting with '/') appended, without a doubled slash.
std::string JoinUrl(std::string_view base, std::string_view path);

}  // namespace sb::providers

#endif  // SWITCHBOARD_HTTP_PROVIDERS_URL_H_
