// Events of a customer stream. Each carries everything Evolve needs, including its instant.
#ifndef SWITCHBOARD_DOMAIN_CUSTOMER_EVENTS_H_
#define SWITCHBOARD_DOMAIN_CUSTOMER_EVENTS_H_

#include <optional>
#include <string>
#include <tuple>
#include <variant>

#include "domain/customer_profile.h"
#include "domain/tie_equality.h"
#include "domain/time.h"

namespace sb::domain {

struct CustomerRegistered {
  static constexpr const char* kType = "CustomerRegistered";
  CustomerProfile profile;
  Timestamp at = 0;
  auto Tie() const { return std::tie(profile, at); }
};

struct CustomerProfileUpdated {
  static constexpr const char* kType = "CustomerProfileUpdated";
  CustomerProfile profile;
  Timestamp at = 0;
  auto Tie() const { return std::tie(profile, at); }
};

// Also cancels a pending offline deadline (a reload within the grace period).
struct CustomerConnected {
  static constexpr const char* kType = "CustomerConnected";
  std::string connection_id;
  Timestamp at = 0;
  auto Tie() const { return std::tie(connection_id, at); }
};

struct CustomerDisconnected {
  static constexpr const char* kType = "CustomerDisconnected";
  std::string connection_id;
  std::optional<Timestamp> offline_deadline;  // set when the last connection closed
  Timestamp at = 0;
  auto Tie() const { return std::tie(connection_id, offline_deadline, at); }
};

struct CustomerWentOffline {
  static constexpr const char* kType = "CustomerWentOffline";
  std::string reason;  // "grace_expired" or "disconnected" (no grace)
  Timestamp at = 0;
  auto Tie() const { return std::tie(reason, at); }
};

struct ProfileOpened {
  static constexpr const char* kType = "ProfileOpened";
  std::string agent_id;
  std::string agent_name;
  std::string agent_avatar_url;
  int viewers = 0;  // distinct agents viewing after this event: the console's tab counter
  Timestamp at = 0;
  auto Tie() const { return std::tie(agent_id, agent_name, agent_avatar_url, viewers, at); }
};

struct ProfileClosed {
  static constexpr const char* kType = "ProfileClosed";
  std::string agent_id;
  int viewers = 0;  // distinct agents still viewing
  Timestamp at = 0;
  auto Tie() const { return std::tie(agent_id, viewers, at); }
};

struct LineGranted {
  static constexpr const char* kType = "LineGranted";
  std::string call_id;
  std::string agent_id;
  Timestamp at = 0;
  auto Tie() const { return std::tie(call_id, agent_id, at); }
};

struct LineReleased {
  static constexpr const char* kType = "LineReleased";
  std::string call_id;
  Timestamp at = 0;
  auto Tie() const { return std::tie(call_id, at); }
};

using CustomerEvent = std::variant<CustomerRegistered, CustomerProfileUpdated, CustomerConnected,
                                   CustomerDisconnected, CustomerWentOffline, ProfileOpened,
                                   ProfileClosed, LineGranted, LineReleased>;

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_CUSTOMER_EVENTS_H_
