// RateLimiter: at most `limit` hits per key in any sliding `window` (public endpoints, per
// client address and per e-mail). In memory: a restart forgets, which only ever lets more in.
// Thread-safe; time comes in as a parameter.
#ifndef SWITCHBOARD_HTTP_API_RATE_LIMITER_H_
#define SWITCHBOARD_HTTP_API_RATE_LIMITER_H_

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sb::http::api {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  RateLimiter(int limit, std::chrono::seconds window) : limit_(limit), window_(window) {}

  // Counts a hit for `key` and says whether it is allowed; a refused hit is not counted.
  // When refused, `retry_after` is how long until the oldest hit leaves the window.
  bool Allow(const std::string& key, Clock::time_point now, std::chrono::seconds* retry_after);

 private:
  const int limit_;
  const std::chrono::seconds window_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> hits_;
};

}  // namespace sb::http::api

#endif  // SWITCHBOARD_HTTP_API_RATE_LIMITER_H_
