// The provider as folded from its stream.
#ifndef SWITCHBOARD_DOMAIN_PROVIDER_STATE_H_
#define SWITCHBOARD_DOMAIN_PROVIDER_STATE_H_

#include <tuple>

#include "domain/provider_account.h"
#include "domain/tie_equality.h"
#include "domain/time.h"

namespace sb::domain {

struct ProviderState {
  bool exists = false;   // registered, and not deleted since
  bool deleted = false;  // a deleted id is never reused
  ProviderAccount account;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;

  auto Tie() const { return std::tie(exists, deleted, account, created_at, updated_at); }
};

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_PROVIDER_STATE_H_
