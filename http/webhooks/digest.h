// Digests, MACs and their text forms for webhook signatures (OpenSSL underneath; not part of
// the library's API). Every function is pure and thread-safe.
#ifndef SWITCHBOARD_HTTP_WEBHOOKS_DIGEST_H_
#define SWITCHBOARD_HTTP_WEBHOOKS_DIGEST_H_

#include <string>
#include <string_view>

namespace sb::webhooks::internal {

// Raw digest bytes (20 for SHA-1, 32 for SHA-256).
std::string HmacSha1(std::string_view key, std::string_view data);
std::string HmacSha256(std::string_view key, std::string_view data);
std::string Sha256(std::string_view data);

// Lower-case hexadecimal.
std::string HexEncode(std::string_view bytes);

// Equal length and equal bytes, in time independent of where they differ (CRYPTO_memcmp).
// The length itself is not secret: a signature's length is public. False when either is
// empty, so a failed computation (empty) never matches an empty header: fails closed.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace sb::webhooks::internal

#endif  // SWITCHBOARD_HTTP_WEBHOOKS_DIGEST_H_
