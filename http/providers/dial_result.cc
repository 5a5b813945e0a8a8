#include "http/providers/dial_result.h"

namespace sb::providers {

bool IsRetryable(const Status& status) { return status.code() == Status::Code::kUnavailable; }

Status ClassifyHttpFailure(std::string_view provider, int http_status, std::string_view detail) {
  std::string message(provider);
  message += " answered HTTP " + std::to_string(http_status);
  if (!detail.empty()) {
    message += ": ";
    message.append(detail);
  }
  if (http_status == 408 || http_status == 429 || http_status >= 500 || http_status < 100) {
    return Status::Unavailable(std::move(message));
  }
  if (http_status == 401 || http_status == 403) return Status::Failed(std::move(message));
  if (http_status == 409) return Status::Conflict(std::move(message));
  // Other 4xx, and the 1xx/3xx a provider API never sends us on purpose (we follow no
  // redirects: a redirected dial could be replayed by us elsewhere).
  return Status::InvalidArgument(std::move(message));
}

}  // namespace sb::providers
