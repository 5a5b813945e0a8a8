// A tenant's calling policy as folded from its stream. An empty stream is a valid policy:
// no listed numbers, no caller-ID profiles, calling hours disabled, default settings.
#ifndef SWITCHBOARD_DOMAIN_COMPLIANCE_POLICY_STATE_H_
#define SWITCHBOARD_DOMAIN_COMPLIANCE_POLICY_STATE_H_

#include <map>
#include <string>
#include <tuple>

#include "domain/compliance/caller_id_profile.h"
#include "domain/compliance/calling_hours.h"
#include "domain/compliance/number_list.h"
#include "domain/compliance/policy_settings.h"
#include "domain/tie_equality.h"
#include "domain/time.h"

namespace sb::domain {

struct CallingPolicyState {
  std::map<std::string, ListedNumber> numbers;        // by number; at most kMaxListedNumbers
  std::map<std::string, CallerIdProfile> caller_ids;  // by profile_id; at most one default
  CallingHours hours;
  PolicySettings settings;
  Timestamp updated_at = 0;  // 0 until the first event

  auto Tie() const { return std::tie(numbers, caller_ids, hours, settings, updated_at); }
};

// The entry of `number`, or nullptr when it is on no list.
const ListedNumber* FindListedNumber(const CallingPolicyState& state, const std::string& number);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_COMPLIANCE_POLICY_STATE_H_
