#include "http/providers/circuit_breaker.h"

namespace sb::providers {

bool CircuitBreaker::Allow(const std::string& provider, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(provider);
  if (it == entries_.end() || !it->second.open) return true;
  Entry& e = it->second;
  if (now < e.open_until || e.trial_in_flight) return false;
  e.trial_in_flight = true;  // half-open: this caller is the trial
  return true;
}

void CircuitBreaker::RecordSuccess(const std::string& provider) {
  std::lock_guard lock(mu_);
  entries_.erase(provider);
}

void CircuitBreaker::RecordFailure(const std::string& provider, Clock::time_point now) {
  std::lock_guard lock(mu_);
  Entry& e = entries_[provider];
  ++e.consecutive_failures;
  if (e.trial_in_flight || e.consecutive_failures >= options_.failure_threshold) {
    e.open = true;
    e.open_until = now + options_.open_for;
  }
  e.trial_in_flight = false;
}

void CircuitBreaker::Release(const std::string& provider) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(provider);
  if (it != entries_.end()) it->second.trial_in_flight = false;
}

CircuitBreaker::State CircuitBreaker::StateOf(const std::string& provider,
                                              Clock::time_point now) const {
  std::lock_guard lock(mu_);
  auto it = entries_.find(provider);
  if (it == entries_.end() || !it->second.open) return State::kClosed;
  return now < it->second.open_until ? State::kOpen : State::kHalfOpen;
}

}  // namespace sb::providers
