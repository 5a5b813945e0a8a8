#include "http/token_verifier.h"

namespace sb::http {

Result<Principal> TokenVerifier::Verify(std::string_view token, int64_t now_unix_seconds) const {
  const std::string text(token);
  {
    std::lock_guard lock(mu_);
    auto it = verified_.find(text);
    if (it != verified_.end()) {
      if (it->second.expires_at > now_unix_seconds) return it->second.principal;
      verified_.erase(it);  // and verified again below, which says why it is refused
    }
  }
  auto verified = VerifyTokenWithExpiry(secret_, token, now_unix_seconds);
  if (!verified.ok()) return verified.status();
  std::lock_guard lock(mu_);
  if (verified_.size() >= capacity_) verified_.clear();
  verified_.emplace(text, *verified);
  return verified->principal;
}

size_t TokenVerifier::remembered() const {
  std::lock_guard lock(mu_);
  return verified_.size();
}

}  // namespace sb::http
