// ProviderDialer: places one outbound call through the first provider that takes it (seed 001
// "Call Routing Logic").
//
// Candidates are tried in the given order (the caller puts an explicit provider alone, or the
// active ones by priority). Each provider gets up to 1 + retry_count attempts while its
// failures are retryable (timeout, connection failure, 408/429/5xx), with exponential backoff
// between them; a permanent failure (credentials, a refused request) moves on to the next
// provider at once. A provider whose circuit breaker is open is skipped without a request. A
// Conflict or Corruption answer (the provider may have placed the call) stops everything: a
// blind redial could ring the customer twice.
//
// Every attempt, skips included, goes to `record` before the next one starts; the dialer
// waits for `record` to call back, and stops when it answers false (e.g. the call ended
// while dialing). Nothing here blocks: requests and backoff timers run on the
// OutboundClient's thread.
#ifndef SWITCHBOARD_HTTP_PROVIDERS_PROVIDER_DIALER_H_
#define SWITCHBOARD_HTTP_PROVIDERS_PROVIDER_DIALER_H_

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "domain/dial_attempt.h"
#include "domain/status.h"
#include "http/providers/circuit_breaker.h"
#include "http/providers/dial_request.h"
#include "http/providers/outbound_client.h"
#include "http/providers/provider_config.h"

namespace sb::providers {

struct DialCandidate {
  std::string provider_id;
  ProviderConfig config;
};

struct DialerOptions {
  std::chrono::milliseconds backoff_base{250};  // before the 2nd attempt; doubles after
  std::chrono::milliseconds backoff_cap{4000};
};

struct DialOutcome {
  Status status;                 // OK: `accepted` took the call; otherwise the last failure
  domain::DialAttempt accepted;  // valid when status is OK
  int attempts = 0;              // recorded attempts, skips included
};

using RecordAttempt =
    std::function<void(const domain::DialAttempt&, std::function<void(bool keep_going)>)>;

class ProviderDialer {
 public:
  // `client` and `breaker` must outlive every dial.
  ProviderDialer(OutboundClient* client, CircuitBreaker* breaker, DialerOptions options = {});

  // `done` is called exactly once, on the client's thread (or on the caller's when the client
  // has stopped), after the last `record`.
  void Dial(std::vector<DialCandidate> candidates, DialRequest request, RecordAttempt record,
            std::function<void(DialOutcome)> done);

 private:
  OutboundClient* client_;
  CircuitBreaker* breaker_;
  DialerOptions options_;
};

}  // namespace sb::providers

#endif  // SWITCHBOARD_HTTP_PROVIDERS_PROVIDER_DIALER_H_
