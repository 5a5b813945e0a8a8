// Events of a provider stream (`<tenant>/provider/<id>`).
#ifndef SWITCHBOARD_DOMAIN_PROVIDER_EVENTS_H_
#define SWITCHBOARD_DOMAIN_PROVIDER_EVENTS_H_

#include <tuple>
#include <variant>

#include "domain/provider_account.h"
#include "domain/tie_equality.h"
#include "domain/time.h"

namespace sb::domain {

struct ProviderRegistered {
  static constexpr const char* kType = "ProviderRegistered";
  ProviderAccount account;
  Timestamp at = 0;
  auto Tie() const { return std::tie(account, at); }
};

// The whole account as it now is (PUT semantics; kept secrets are repeated).
struct ProviderUpdated {
  static constexpr const char* kType = "ProviderUpdated";
  ProviderAccount account;
  Timestamp at = 0;
  auto Tie() const { return std::tie(account, at); }
};

struct ProviderDeleted {
  static constexpr const char* kType = "ProviderDeleted";
  Timestamp at = 0;
  auto Tie() const { return std::tie(at); }
};

using ProviderEvent = std::variant<ProviderRegistered, ProviderUpdated, ProviderDeleted>;

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_PROVIDER_EVENTS_H_
