#include "http/providers/url.h"

#include <cctype>

namespace sb::providers {

namespace {

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

Status Bad(std::string reason) { return Status::InvalidArgument("url: " + reason); }

}  // namespace

Result<Url> ParseUrl(std::string_view url) {
  for (unsigned char c : url) {
    if (c <= 0x20 || c == 0x7F) return Bad("contains whitespace or a control character");
  }
  Url out;
  if (StartsWithNoCase(url, "https://")) {
    out.tls = true;
    url.remove_prefix(8);
  } else if (StartsWithNoCase(url, "http://")) {
    url.remove_prefix(7);
  } else {
    return Bad("must start with http:// or https://");
  }
  const size_t authority_end = url.find_first_of("/?#");
  std::string_view authority = url.substr(0, authority_end);
  std::string_view rest = authority_end == std::string_view::npos ? "" : url.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) {
    return Bad("credentials in the URL are refused; configure them as fields");
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return Bad("unterminated IPv6 literal");
    out.host = std::string(authority.substr(1, close - 1));
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return Bad("junk after the IPv6 literal");
      port_text = after.substr(1);
      if (port_text.empty()) return Bad("empty port");
    }
  } else {
    const size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) return Bad("empty port");
      authority = authority.substr(0, colon);
    }
    out.host = std::string(authority);
  }
  if (out.host.empty()) return Bad("no host");
  for (unsigned char c : out.host) {
    if (!(std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == ':')) {
      return Bad("bad character in host");
    }
  }
  if (!port_text.empty()) {
    unsigned long port = 0;
    for (char c : port_text) {
      if (c < '0' || c > '9' || port > 65535) return Bad("bad port");
      port = port * 10 + static_cast<unsigned long>(c - '0');
    }
    if (port == 0 || port > 65535) return Bad("bad port");
    out.port = static_cast<uint16_t>(port);
  } else {
    out.port = out.tls ? 443 : 80;
  }
  const size_t fragment = rest.find('#');
  if (fragment != std::string_view::npos) rest = rest.substr(0, fragment);
  if (rest.empty() || rest.front() == '?') {
    out.target = "/" + std::string(rest);
  } else {
    out.target = std::string(rest);
  }
  return out;
}

std::string JoinUrl(std::string_view base, std::string_view path) {
  std::string out(base);
  while (!out.empty() && out.back() == '/') out.pop_back();
  out.append(path);
  return out;
}

}  // namespace sb::providers
