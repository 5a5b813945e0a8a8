#include "http/webhooks/twilio_signature.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "domain/ascii.h"
#include "http/providers/encoding.h"
#include "http/webhooks/digest.h"

namespace sb::webhooks {
namespace {

using internal::ConstantTimeEquals;

std::string_view Trim(std::string_view s) {
  const size_t begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return std::string_view();
  const size_t end = s.find_last_not_of(" \t");
  return s.substr(begin, end - begin + 1);
}

std::string Sign(std::string_view auth_token, std::string_view full_url, const FormParams& params) {
  std::string data(full_url);
  for (const auto& [name, value] : SortedForSigning(params)) {
    data.append(name);
    data.append(value);
  }
  return providers::Base64Encode(internal::HmacSha1(auth_token, data));
}

// The URL as given, plus the same URL with its default port removed (when it names one) or
// added (when it names none). Other ports, and anything that does not look like an http(s)
// URL, yield only the URL itself.
std::vector<std::string> UrlVariants(std::string_view url) {
  std::vector<std::string> out{std::string(url)};
  std::string_view default_port;
  size_t scheme_len = 0;
  if (url.size() >= 8 && domain::EqualsIgnoreCase(url.substr(0, 8), "https://")) {
    default_port = "443";
    scheme_len = 8;
  } else if (url.size() >= 7 && domain::EqualsIgnoreCase(url.substr(0, 7), "http://")) {
    default_port = "80";
    scheme_len = 7;
  } else {
    return out;
  }
  const size_t authority_end = std::min(url.find_first_of("/?#", scheme_len), url.size());
  const std::string_view authority = url.substr(scheme_len, authority_end - scheme_len);
  const size_t bracket = authority.rfind(']');
  const size_t colon = authority.rfind(':');
  const bool has_port =
      colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket);
  const std::string_view head = url.substr(0, scheme_len);
  const std::string_view tail = url.substr(authority_end);
  if (has_port) {
    if (authority.substr(colon + 1) != default_port) return out;
    out.push_back(std::string(head) + std::string(authority.substr(0, colon)) + std::string(tail));
  } else {
    out.push_back(std::string(head) + std::string(authority) + ":" + std::string(default_port) +
                  std::string(tail));
  }
  return out;
}

Status CheckSignature(std::string_view auth_token, std::string_view full_url,
                      const FormParams& params, std::string_view signature_header) {
  if (auth_token.empty()) return Status::InvalidArgument("auth_token: not configured");
  const std::string_view given = Trim(signature_header);
  if (given.empty()) return Status::InvalidArgument("X-Twilio-Signature: missing");
  bool match = false;
  for (const std::string& url : UrlVariants(full_url)) {
    // Not short-circuited: every variant costs the same whichever one matches.
    match |= ConstantTimeEquals(Sign(auth_token, url, params), given);
  }
  if (!match) return Status::InvalidArgument("X-Twilio-Signature: does not match");
  return Status::OK();
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The decoded value of query parameter `name` in `url`, or nothing (also for a bad escape).
std::optional<std::string> QueryParam(std::string_view url, std::string_view name) {
  const size_t mark = url.find('?');
  if (mark == std::string_view::npos) return std::nullopt;
  std::string_view query = url.substr(mark + 1);
  query = query.substr(0, query.find('#'));
  Result<FormParams> params = DecodeForm(query);
  if (!params.ok()) return std::nullopt;
  Result<std::optional<std::string>> value = SingleFormValue(*params, name);
  if (!value.ok()) return std::nullopt;  // repeated: ambiguous, so not trusted
  return *value;
}

}  // namespace

std::string ComputeTwilioSignature(std::string_view auth_token, std::string_view full_url,
                                   const FormParams& params) {
  return Sign(auth_token, full_url, params);
}

std::string TwilioBodySha256(std::string_view body) {
  return internal::HexEncode(internal::Sha256(body));
}

std::string TwilioUrlWithBodyHash(std::string_view full_url, std::string_view body) {
  const size_t hash = full_url.find('#');
  std::string url(full_url.substr(0, hash));
  url.push_back(url.find('?') == std::string::npos ? '?' : '&');
  url += "bodySHA256=" + TwilioBodySha256(body);
  if (hash != std::string_view::npos) url.append(full_url.substr(hash));
  return url;
}

Status VerifyTwilioSignature(std::string_view auth_token, std::string_view full_url,
                             const FormParams& params, std::string_view signature_header) {
  return CheckSignature(auth_token, full_url, params, signature_header);
}

Status VerifyTwilioJsonSignature(std::string_view auth_token, std::string_view full_url,
                                 std::string_view body, std::string_view signature_header) {
  if (Status s = CheckSignature(auth_token, full_url, FormParams(), signature_header); !s.ok()) {
    return s;
  }
  std::optional<std::string> claimed = QueryParam(full_url, "bodySHA256");
  if (!claimed || claimed->empty()) {
    return Status::InvalidArgument("bodySHA256: missing from the URL");
  }
  std::string lowered;
  for (char c : *claimed) {
    if (HexValue(c) < 0) return Status::InvalidArgument("bodySHA256: does not match the body");
    lowered.push_back(domain::AsciiLower(c));
  }
  if (!ConstantTimeEquals(TwilioBodySha256(body), lowered)) {
    return Status::InvalidArgument("bodySHA256: does not match the body");
  }
  return Status::OK();
}

}  // namespace sb::webhooks
