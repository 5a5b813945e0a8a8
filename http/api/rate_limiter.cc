#include "http/api/rate_limiter.h"

namespace sb::http::api {

namespace {
constexpr size_t kMaxKeys = 100'000;  // beyond this, idle keys are dropped
}  // namespace

bool RateLimiter::Allow(const std::string& key, Clock::time_point now,
                        std::chrono::seconds* retry_after) {
  std::lock_guard lock(mu_);
  if (hits_.size() > kMaxKeys) {
    for (auto it = hits_.begin(); it != hits_.end();) {
      it = !it->second.empty() && now - it->second.back() < window_ ? std::next(it)
                                                                    : hits_.erase(it);
    }
  }
  auto& hits = hits_[key];
  while (!hits.empty() && now - hits.front() >= window_) hits.pop_front();
  if (static_cast<int>(hits.size()) >= limit_) {
    if (retry_after) {
      *retry_after =
          std::chrono::duration_cast<std::chrono::seconds>(hits.front() + window_ - now) +
          std::chrono::seconds(1);
    }
    return false;
  }
  hits.push_back(now);
  return true;
}

}  // namespace sb::http::api
