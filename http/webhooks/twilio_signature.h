// Twilio's request signature (X-Twilio-Signature), computed and checked.
// https://www.twilio.com/docs/usage/webhooks/webhooks-security
//
// Form posts: base64(HMAC-SHA1(auth_token, full_url + name1 + value1 + name2 + value2 ...))
// over the POST parameters in SortedForSigning order (by name, then value).
// JSON posts: Twilio adds a `bodySHA256` query parameter (lower-case hex SHA-256 of the raw
// body) to the URL and signs the URL alone, with no parameters; the body is bound to the
// signature through that hash.
//
// `full_url` is the URL exactly as Twilio requested it: scheme, host, optional port, path and
// query string still percent-encoded as sent. Behind a proxy the handler rebuilds it from the
// configured public base URL plus the request target, never from a Host header it trusts
// blindly. Because Twilio may or may not have included a default port (":443" for https,
// ":80" for http), verification accepts a signature over the URL with or without it, as
// Twilio's helper libraries do.
//
// Every non-OK Status from a Verify function is a refusal (the HTTP layer answers 403); the
// message names the reason:
//   "X-Twilio-Signature: missing"           no header, or only whitespace
//   "X-Twilio-Signature: does not match"    wrong token, tampered URL or parameters
//   "bodySHA256: missing from the URL"      a JSON post whose URL lacks the hash
//   "bodySHA256: does not match the body"   a tampered body
//   "auth_token: not configured"            we have no token: nothing can verify
// All codes are InvalidArgument. Comparisons are constant-time (CRYPTO_memcmp).
#ifndef SWITCHBOARD_HTTP_WEBHOOKS_TWILIO_SIGNATURE_H_
#define SWITCHBOARD_HTTP_WEBHOOKS_TWILIO_SIGNATURE_H_

#include <string>
#include <string_view>

#include "domain/status.h"
#include "http/webhooks/form_params.h"

namespace sb::webhooks {

inline constexpr char kTwilioSignatureHeader[] = "X-Twilio-Signature";

// The X-Twilio-Signature value for a form post of `params` to `full_url` (pass no params for
// a GET, or for a JSON post whose URL already carries bodySHA256). Used by tests and by our
// fake provider to sign what they send.
std::string ComputeTwilioSignature(std::string_view auth_token, std::string_view full_url,
                                   const FormParams& params);

// Lower-case hex SHA-256 of `body`: the bodySHA256 value of a JSON post.
std::string TwilioBodySha256(std::string_view body);

// `full_url` with "bodySHA256=<TwilioBodySha256(body)>" appended to its query string (before
// any fragment): the URL Twilio signs for a JSON post of `body`.
std::string TwilioUrlWithBodyHash(std::string_view full_url, std::string_view body);

// A form post (or a GET, with empty params): OK when `signature_header` is the signature of
// `full_url` and `params` under `auth_token`, with or without the URL's default port.
Status VerifyTwilioSignature(std::string_view auth_token, std::string_view full_url,
                             const FormParams& params, std::string_view signature_header);

// A JSON post: OK when the signature of `full_url` (no parameters) matches and the URL's
// bodySHA256 query parameter equals the SHA-256 of `body` (hex, either case).
Status VerifyTwilioJsonSignature(std::string_view auth_token, std::string_view full_url,
                                 std::string_view body, std::string_view signature_header);

}  // namespace sb::webhooks

#endif  // SWITCHBOARD_HTTP_WEBHOOKS_TWILIO_SIGNATURE_H_
