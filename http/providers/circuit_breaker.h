// CircuitBreaker: which providers to skip because they keep failing (per provider id).
//
// Closed: every dial goes through. After `failure_threshold` consecutive retryable failures
// the breaker opens and the provider is skipped for `open_for`; then it is half-open: one dial
// is let through as a trial (others are still skipped), and its result closes the breaker or
// opens it for another period. A success closes it and forgets the failures; so does a
// permanent failure the provider answered (bad credentials, a refused number): it is up.
//
// Thread-safe. Time comes in as a parameter, so tests drive it without sleeping.
#ifndef SWITCHBOARD_HTTP_PROVIDERS_CIRCUIT_BREAKER_H_
#define SWITCHBOARD_HTTP_PROVIDERS_CIRCUIT_BREAKER_H_

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace sb::providers {

struct CircuitBreakerOptions {
  int failure_threshold = 5;
  std::chrono::milliseconds open_for{30'000};
};

class CircuitBreaker {
 public:
  using Clock = std::chrono::steady_clock;
  enum class State { kClosed, kOpen, kHalfOpen };

  explicit CircuitBreaker(CircuitBreakerOptions options = {}) : options_(options) {}

  // Whether a dial to `provider` may go out now. In the half-open state only the first caller
  // gets true (its trial is then in flight).
  bool Allow(const std::string& provider, Clock::time_point now);
  void RecordSuccess(const std::string& provider);
  void RecordFailure(const std::string& provider, Clock::time_point now);
  // The dial said nothing about the provider's health (it was refused before any request):
  // a half-open trial may be given to the next caller.
  void Release(const std::string& provider);

  State StateOf(const std::string& provider, Clock::time_point now) const;

 private:
  struct Entry {
    int consecutive_failures = 0;
    bool open = false;
    Clock::time_point open_until{};
    bool trial_in_flight = false;
  };

  const CircuitBreakerOptions options_;
  mutable std::mutex mu_;
  std::map<std::string, Entry> entries_;
};

}  // namespace sb::providers

#endif  // SWITCHBOARD_HTTP_PROVIDERS_CIRCUIT_BREAKER_H_
