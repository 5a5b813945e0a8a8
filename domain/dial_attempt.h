// DialAttempt: one try of one provider to place an outbound call, as recorded on the call
// (seed 001 "Call Routing Logic": every attempt is an event naming provider, outcome and
// latency).
#ifndef SWITCHBOARD_DOMAIN_DIAL_ATTEMPT_H_
#define SWITCHBOARD_DOMAIN_DIAL_ATTEMPT_H_

#include <cstdint>
#include <string>
#include <tuple>

#include "domain/tie_equality.h"

namespace sb::domain {

struct DialAttempt {
  int number = 0;  // 1-based over the whole call, across providers
  std::string provider_id;
  std::string provider_name;
  std::string provider_type;
  // "accepted" (the provider took the call), "failed" (an error answer or no answer) or
  // "skipped" (its circuit breaker was open, so it was not asked).
  std::string outcome;
  bool retryable = false;  // failed in a way another attempt may not (timeout, 5xx, network)
  int http_status = 0;     // 0 when no HTTP answer came
  int64_t latency_ms = 0;
  std::string error;             // the failure's message, empty when accepted
  std::string provider_call_id;  // set when accepted

  auto Tie() const {
    return std::tie(number, provider_id, provider_name, provider_type, outcome, retryable,
                    http_status, latency_ms, error, provider_call_id);
  }
};

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_DIAL_ATTEMPT_H_
