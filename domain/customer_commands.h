// Commands a customer entity accepts. The customer's id is the stream's, not a field.
#ifndef SWITCHBOARD_DOMAIN_CUSTOMER_COMMANDS_H_
#define SWITCHBOARD_DOMAIN_CUSTOMER_COMMANDS_H_

#include <cstdint>
#include <string>
#include <variant>

#include "domain/customer_profile.h"
#include "domain/time.h"

namespace sb::domain {

// Creates the customer, or (PUT semantics) replaces the profile of an existing one.
struct RegisterCustomer {
  CustomerProfile profile;
};

// Replaces the profile of an existing customer.
struct UpdateCustomerProfile {
  CustomerProfile profile;
};

// A customer-console WebSocket opened.
struct ConnectCustomer {
  std::string connection_id;
};

// A customer-console WebSocket closed (or was found dead).
struct DisconnectCustomer {
  std::string connection_id;
  int64_t grace_seconds = 0;  // how long a reload may take before the customer is offline
};

// Timer: the reconnect grace written by DisconnectCustomer has passed.
struct ExpireCustomerPresence {
  Timestamp deadline = 0;
};

// An agent loaded this lead (seed 000: the "live agent" tab counter and the agent card).
struct OpenCustomerProfile {
  std::string agent_id;
  std::string agent_name;
  std::string agent_avatar_url;
};

struct CloseCustomerProfile {
  std::string agent_id;
};

// The call saga asks for the customer's line: at most one live call request at a time.
struct RequestCustomerLine {
  std::string call_id;
  std::string agent_id;
};

struct ReleaseCustomerLine {
  std::string call_id;
};

using CustomerCommand =
    std::variant<RegisterCustomer, UpdateCustomerProfile, ConnectCustomer, DisconnectCustomer,
                 ExpireCustomerPresence, OpenCustomerProfile, CloseCustomerProfile,
                 RequestCustomerLine, ReleaseCustomerLine>;

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_CUSTOMER_COMMANDS_H_
