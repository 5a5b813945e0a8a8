// Splitting a request target ("/a/b%20c?x=1&y") into its decoded path and query parameters.
#ifndef SWITCHBOARD_HTTP_TARGET_H_
#define SWITCHBOARD_HTTP_TARGET_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/status.h"

namespace sb::http {

// Decodes %XX escapes (and '+' as a space when `plus_is_space`, the form encoding used in
// query strings). nullopt when an escape is truncated or not hexadecimal.
std::optional<std::string> PercentDecode(std::string_view in, bool plus_is_space);

// The raw path part of a target: everything before '?' (and before '#', which clients should
// not send but some do).
std::string_view RawPath(std::string_view target);

// Fills `path` (decoded) and `query` (decoded name/value pairs in order; "a" alone is ("a", ""))
// from an origin-form target. InvalidArgument when the target does not start with '/' or holds
// a bad escape.
Status ParseTarget(std::string_view target, std::string* path,
                   std::vector<std::pair<std::string, std::string>>* query);

}  // namespace sb::http

#endif  // SWITCHBOARD_HTTP_TARGET_H_
