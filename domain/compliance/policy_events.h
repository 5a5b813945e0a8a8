// Events of a calling-policy stream (`<tenant>/policy/<id>`).
#ifndef SWITCHBOARD_DOMAIN_COMPLIANCE_POLICY_EVENTS_H_
#define SWITCHBOARD_DOMAIN_COMPLIANCE_POLICY_EVENTS_H_

#include <string>
#include <tuple>
#include <variant>

#include "domain/compliance/caller_id_profile.h"
#include "domain/compliance/calling_hours.h"
#include "domain/compliance/number_list.h"
#include "domain/compliance/policy_settings.h"
#include "domain/tie_equality.h"
#include "domain/time.h"

namespace sb::domain {

// The number's entry as it now is; it replaces any entry the number had (a move between
// lists is one event). entry.added_at is the event's instant.
struct NumberListed {
  static constexpr const char* kType = "NumberListed";
  ListedNumber entry;
  auto Tie() const { return std::tie(entry); }
};

struct NumberUnlisted {
  static constexpr const char* kType = "NumberUnlisted";
  std::string number;
  Timestamp at = 0;
  auto Tie() const { return std::tie(number, at); }
};

// The profile as it now is. A default profile takes the flag from the previous default.
struct CallerIdProfileUpserted {
  static constexpr const char* kType = "CallerIdProfileUpserted";
  CallerIdProfile profile;
  Timestamp at = 0;
  auto Tie() const { return std::tie(profile, at); }
};

struct CallerIdProfileRemoved {
  static constexpr const char* kType = "CallerIdProfileRemoved";
  std::string profile_id;
  Timestamp at = 0;
  auto Tie() const { return std::tie(profile_id, at); }
};

struct CallingHoursSet {
  static constexpr const char* kType = "CallingHoursSet";
  CallingHours hours;  // windows sorted
  Timestamp at = 0;
  auto Tie() const { return std::tie(hours, at); }
};

struct PolicyConfigured {
  static constexpr const char* kType = "PolicyConfigured";
  PolicySettings settings;
  Timestamp at = 0;
  auto Tie() const { return std::tie(settings, at); }
};

using CallingPolicyEvent = std::variant<NumberListed, NumberUnlisted, CallerIdProfileUpserted,
                                        CallerIdProfileRemoved, CallingHoursSet, PolicyConfigured>;

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_COMPLIANCE_POLICY_EVENTS_H_
