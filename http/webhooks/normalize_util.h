// Helpers shared by the webhook normalizers (not part of the library's API).
#ifndef SWITCHBOARD_HTTP_WEBHOOKS_NORMALIZE_UTIL_H_
#define SWITCHBOARD_HTTP_WEBHOOKS_NORMALIZE_UTIL_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "domain/result.h"
#include "domain/status.h"
#include "domain/time.h"
#include "http/webhooks/form_params.h"

namespace sb::webhooks::internal {

// A field by name as text: nullopt when absent; an error naming the field when it is there
// but unusable (repeated in a form, not a string or an integer in JSON).
using FieldLookup = std::function<Result<std::optional<std::string>>(std::string_view name)>;

FieldLookup FormLookup(const FormParams& params);
// Strings as they are, integers in decimal, null as absent; anything else (objects, arrays,
// booleans, fractions) is "<name>: not a string".
FieldLookup JsonLookup(const boost::json::object& object);

// The body as one JSON object; InvalidArgument "body: not a JSON object" otherwise.
Result<boost::json::object> ParseBodyObject(std::string_view body);

// InvalidArgument "<field>: ..." unless `value` is usable as an id: not blank, at most 128
// bytes, no control characters.
Status CheckId(std::string_view field, std::string_view value);
// InvalidArgument "<field>: ..." for a control character, or more than 256 bytes.
Status CheckText(std::string_view field, std::string_view value);

// A non-negative decimal integer (no sign, at most 18 digits); InvalidArgument
// "<field>: not a non-negative integer" otherwise.
Result<int64_t> ParseCount(std::string_view field, std::string_view text);
// ParseCount of `text` into `out` when the field was sent; absent leaves `out` untouched.
Status ParseOptionalCount(std::string_view field, const std::optional<std::string>& text,
                          std::optional<int64_t>* out);

// RFC 2822 / RFC 1123 date-time, as Twilio's Timestamp parameter sends it:
// "[Mon, ]16 Aug 2010 03:45:01 +0000" (seconds optional; zone +HHMM, -HHMM, GMT, UT, UTC or
// Z). InvalidArgument "<field>: ..." otherwise.
Result<domain::Timestamp> ParseRfc2822(std::string_view field, std::string_view text);

// ASCII upper case, with '-' and ' ' turned into '_' ("no-answer" -> "NO_ANSWER").
std::string Canonical(std::string_view word);

}  // namespace sb::webhooks::internal

#endif  // SWITCHBOARD_HTTP_WEBHOOKS_NORMALIZE_UTIL_H_
