// Commands a provider entity accepts. The provider's id is the stream's, not a field.
#ifndef SWITCHBOARD_DOMAIN_PROVIDER_COMMANDS_H_
#define SWITCHBOARD_DOMAIN_PROVIDER_COMMANDS_H_

#include <variant>

#include "domain/provider_account.h"

namespace sb::domain {

struct RegisterProvider {
  ProviderAccount account;
};

// Replaces the account of an existing provider.
struct UpdateProvider {
  ProviderAccount account;
};

struct DeleteProvider {};

using ProviderCommand = std::variant<RegisterProvider, UpdateProvider, DeleteProvider>;

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_PROVIDER_COMMANDS_H_
