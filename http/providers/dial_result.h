// DialAccepted and the classification of failed dials: what failover decides on.
//
// A dial attempt fails with one of these Status codes (builders, parsers and OutboundClient
// all keep to it):
//   kUnavailable      retryable: no answer from the provider (resolve/connect/TLS errors,
//                     timeouts, connection dropped, client stopped) or HTTP 408, 429, 5xx.
//                     Note that a timeout after the request was sent may hide a placed call.
//   kFailed           permanent: the provider refused our credentials (HTTP 401, 403).
//   kConflict         permanent: the provider already has this call (HTTP 409, e.g. an ARI
//                     channelId in use): never dial it again.
//   kInvalidArgument  permanent: the request itself is wrong (bad number, bad parameters:
//                     other 4xx), or the config / DialRequest did not validate.
//   kCorruption       permanent: a 2xx answer whose body carries no call id. The call may
//                     have been placed, so it must not be re-dialled blindly.
#ifndef SWITCHBOARD_HTTP_PROVIDERS_DIAL_RESULT_H_
#define SWITCHBOARD_HTTP_PROVIDERS_DIAL_RESULT_H_

#include <string>
#include <string_view>

#include "domain/status.h"

namespace sb::providers {

struct DialAccepted {
  std::string provider_call_id;  // Twilio sid, Vonage uuid, Exotel Call.Sid, ARI channel id
  std::string provider_status;   // the provider's word for the call's state, when it gave one
  int http_status = 0;
};

// True when another attempt (same or another provider) may succeed: kUnavailable only.
bool IsRetryable(const Status& status);

// The Status for a non-2xx HTTP answer, per the table above. `provider` prefixes the
// message; `detail` (the provider's own error text, may be empty) follows the status code.
Status ClassifyHttpFailure(std::string_view provider, int http_status, std::string_view detail);

}  // namespace sb::providers

#endif  // SWITCHBOARD_HTTP_PROVIDERS_DIAL_RESULT_H_
