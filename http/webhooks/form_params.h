// FormParams: the fields of an application/x-www-form-urlencoded body (what Twilio posts),
// decoded, with repeated names kept and the order of the wire preserved; plus the sorted
// view Twilio's signature is computed over.
#ifndef SWITCHBOARD_HTTP_WEBHOOKS_FORM_PARAMS_H_
#define SWITCHBOARD_HTTP_WEBHOOKS_FORM_PARAMS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.h"
#include "http/providers/encoding.h"

namespace sb::webhooks {

// The same type the provider builders encode (providers::FormEncode), so a body built there
// decodes here to an equal value.
using FormParams = providers::FormFields;

// Decodes `body`: pairs split on '&' (empty segments, as in "a=1&&b=2", are skipped), name and
// value split on the first '=' ("a" alone is ("a", "")), '+' is a space and %XX a byte (hex
// digits of either case). Bytes are kept as they are otherwise (no UTF-8 check: the
// signature covers bytes). InvalidArgument "form: ..." naming the offset of a truncated or
// non-hexadecimal escape.
Result<FormParams> DecodeForm(std::string_view body);

// Every value of `name`, in wire order.
std::vector<std::string_view> FormValues(const FormParams& params, std::string_view name);

// The one value of `name`: nullopt when absent; InvalidArgument "<name>: repeated" when it
// appears more than once (a field we act on must not be ambiguous).
Result<std::optional<std::string>> SingleFormValue(const FormParams& params, std::string_view name);

// The order Twilio signs in: by name, then by value (byte-wise), with exact duplicate pairs
// kept once, as Twilio's helper libraries do for list parameters. Views into `params`.
std::vector<std::pair<std::string_view, std::string_view>> SortedForSigning(
    const FormParams& params);

}  // namespace sb::webhooks

#endif  // SWITCHBOARD_HTTP_WEBHOOKS_FORM_PARAMS_H_
