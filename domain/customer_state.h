// The customer (lead) as folded from its stream.
#ifndef SWITCHBOARD_DOMAIN_CUSTOMER_STATE_H_
#define SWITCHBOARD_DOMAIN_CUSTOMER_STATE_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>

#include "domain/customer_profile.h"
#include "domain/tie_equality.h"
#include "domain/time.h"

namespace sb::domain {

// The agent card the customer console shows while that agent has the profile open.
struct ProfileViewer {
  std::string agent_name;
  std::string agent_avatar_url;
  Timestamp opened_at = 0;

  auto Tie() const { return std::tie(agent_name, agent_avatar_url, opened_at); }
};

struct CustomerState {
  bool exists = false;  // false until CustomerRegistered: every other command answers 404
  CustomerProfile profile;

  std::set<std::string> connections;          // open customer-console connections
  std::optional<Timestamp> offline_deadline;  // pending: last connection closed, grace running
  std::optional<Timestamp> last_seen_at;      // last connect or disconnect

  std::map<std::string, ProfileViewer> viewers;  // agent id -> card

  std::string line_call_id;  // empty: the line is free
  std::string line_agent_id;
  std::optional<Timestamp> line_granted_at;

  Timestamp created_at = 0;
  Timestamp updated_at = 0;  // instant of the last event of any kind

  bool LineHeld() const { return !line_call_id.empty(); }
  int ViewerCount() const { return static_cast<int>(viewers.size()); }

  auto Tie() const {
    return std::tie(exists, profile, connections, offline_deadline, last_seen_at, viewers,
                    line_call_id, line_agent_id, line_granted_at, created_at, updated_at);
  }
};

// Online while a console connection is open or the reconnect grace has not yet been
// expired by ExpireCustomerPresence (a page reload is not an offline customer).
bool IsOnline(const CustomerState& state);

// Seed 000's "Active/Live" lead: online and consented to in-app calls, so a click-to-call
// rings the console (IN_APP); any other lead is "to_rescue" and is called over PSTN.
bool IsLive(const CustomerState& state);

// "live" or "to_rescue".
const char* AvailabilityOf(const CustomerState& state);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_CUSTOMER_STATE_H_
