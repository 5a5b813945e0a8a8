#include "http/webhooks/generic_signature.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "domain/ascii.h"
#include "http/webhooks/digest.h"

namespace sb::webhooks {
namespace {

std::string_view Trim(std::string_view s) {
  const size_t begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return std::string_view();
  const size_t end = s.find_last_not_of(" \t");
  return s.substr(begin, end - begin + 1);
}

// Decimal digits only (no sign, no exponent), fitting int64.
std::optional<int64_t> ParseUnixSeconds(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string ComputeGenericSignature(std::string_view secret, std::string_view body) {
  return internal::HexEncode(internal::HmacSha256(secret, body));
}

Status VerifyGenericSignature(std::string_view secret, std::string_view body,
                              std::string_view signature_header, std::string_view timestamp_header,
                              int64_t now_unix_seconds) {
  if (secret.empty()) return Status::InvalidArgument("secret: not configured");
  const std::string_view given = Trim(signature_header);
  if (given.empty()) return Status::InvalidArgument("X-Signature: missing");
  std::string lowered(given);
  for (char& c : lowered) c = domain::AsciiLower(c);
  if (!internal::ConstantTimeEquals(ComputeGenericSignature(secret, body), lowered)) {
    return Status::InvalidArgument("X-Signature: does not match");
  }

  const std::string_view stamp_text = Trim(timestamp_header);
  if (stamp_text.empty()) return Status::InvalidArgument("X-Timestamp: missing");
  const std::optional<int64_t> stamp = ParseUnixSeconds(stamp_text);
  if (!stamp) return Status::InvalidArgument("X-Timestamp: not unix seconds");
  // stamp < 10^18, so with `now` clamped to >= -10^18 the difference cannot overflow.
  const int64_t now = std::max<int64_t>(now_unix_seconds, -1'000'000'000'000'000'000);
  const int64_t age = now - *stamp;
  const std::string window =
      ", the window is " + std::to_string(kGenericTimestampWindowSeconds) + " s)";
  if (age > kGenericTimestampWindowSeconds) {
    return Status::InvalidArgument("X-Timestamp: stale (" + std::to_string(age) + " s old" +
                                   window);
  }
  if (-age > kGenericTimestampWindowSeconds) {
    return Status::InvalidArgument("X-Timestamp: in the future (" + std::to_string(-age) +
                                   " s ahead" + window);
  }
  return Status::OK();
}

}  // namespace sb::webhooks
