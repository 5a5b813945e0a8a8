// The scalar settings of a calling policy: how calls are recorded and how much a VIP caller
// is boosted in the queue.
#ifndef SWITCHBOARD_DOMAIN_COMPLIANCE_POLICY_SETTINGS_H_
#define SWITCHBOARD_DOMAIN_COMPLIANCE_POLICY_SETTINGS_H_

#include <optional>
#include <string_view>
#include <tuple>

#include "domain/tie_equality.h"

namespace sb::domain {

// What the tenant wants recorded (recording_consent.h turns it into what a call flow does).
enum class RecordingMode {
  kNever,   // no call is recorded
  kAsk,     // a call is recorded only once the other party agreed (the default)
  kAlways,  // every call is recorded, after announcing it
};

// "never", "ask", "always": the stored spellings. Parse ignores case.
const char* ToString(RecordingMode mode);
std::optional<RecordingMode> ParseRecordingMode(std::string_view text);

inline constexpr int kDefaultVipPriorityBoost = 10;
inline constexpr int kMaxVipPriorityBoost = 1000;

struct PolicySettings {
  RecordingMode recording = RecordingMode::kAsk;
  // Added to the queue priority of an inbound call from a VIP number (higher is served
  // first, see domain/routing/queue_task.h). 0..kMaxVipPriorityBoost; 0 turns the boost off.
  int vip_priority_boost = kDefaultVipPriorityBoost;

  auto Tie() const { return std::tie(recording, vip_priority_boost); }
};

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_COMPLIANCE_POLICY_SETTINGS_H_
