// Encodings the provider wire formats need: percent-encoding and form bodies
// (application/x-www-form-urlencoded), JSON string contents, Base64 and HTTP Basic credentials.
// Pure functions; JSON goes through Boost.JSON and Base64 through OpenSSL, never by hand.
#ifndef SWITCHBOARD_HTTP_PROVIDERS_ENCODING_H_
#define SWITCHBOARD_HTTP_PROVIDERS_ENCODING_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sb::providers {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// Every byte except the RFC 3986 unreserved set (A-Z a-z 0-9 - . _ ~) becomes %XX (upper-case
// hex), so '+', '&', '=', ' ' and UTF-8 bytes survive any query or form decoder.
std::string PercentEncode(std::string_view value);

// name=value pairs, both percent-encoded, joined with '&', in the given order (a repeated name
// is sent repeatedly, as Twilio's list parameters expect).
std::string FormEncode(const FormFields& fields);

// The characters of a JSON string literal holding `value`, without the surrounding quotes
// (Boost.JSON's serializer does the escaping).
std::string JsonStringContents(std::string_view value);

// Standard Base64 with padding.
std::string Base64Encode(std::string_view bytes);

// "Basic base64(user:password)".
std::string BasicAuthorization(std::string_view user, std::string_view password);

}  // namespace sb::providers

#endif  // SWITCHBOARD_HTTP_PROVIDERS_ENCODING_H_
