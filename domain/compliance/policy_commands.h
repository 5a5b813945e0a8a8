// Commands a calling-policy entity accepts. They carry what the user sent (lists, days and
// modes as text) so that the decider is the one place that validates and names the bad
// field; events carry the parsed values.
#ifndef SWITCHBOARD_DOMAIN_COMPLIANCE_POLICY_COMMANDS_H_
#define SWITCHBOARD_DOMAIN_COMPLIANCE_POLICY_COMMANDS_H_

#include <string>
#include <variant>
#include <vector>

namespace sb::domain {

// Puts `number` on `list` ("allow", "block", "vip", "spam"), moving it off any other list.
struct AddNumber {
  std::string number;
  std::string list;
  std::string reason;
};

struct RemoveNumber {
  std::string number;
};

// Creates or replaces the profile named profile_id (PUT semantics).
struct UpsertCallerIdProfile {
  std::string profile_id;
  std::string number;
  std::string display_name;
  bool is_default = false;
};

struct RemoveCallerIdProfile {
  std::string profile_id;
};

struct CallingWindowSpec {
  std::string day;  // "monday" or "mon", any case
  int start_minute = 0;
  int end_minute = 0;
};

// Replaces the calling hours as a whole.
struct SetCallingHours {
  int utc_offset_minutes = 0;
  std::vector<CallingWindowSpec> windows;
  bool enabled = true;
};

// Replaces the scalar settings as a whole (a PATCH in the API fills in the current values).
struct ConfigurePolicy {
  std::string recording;  // "never", "ask", "always"
  int vip_priority_boost = 0;
};

using CallingPolicyCommand = std::variant<AddNumber, RemoveNumber, UpsertCallerIdProfile,
                                          RemoveCallerIdProfile, SetCallingHours, ConfigurePolicy>;

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_COMPLIANCE_POLICY_COMMANDS_H_
