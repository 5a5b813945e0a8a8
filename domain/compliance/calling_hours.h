// Calling hours: the weekly windows in which a tenant places OUTBOUND calls (telemarketing
// rules such as the TCPA's 8am-9pm, or a tenant's own). Inbound calls are never held to them.
//
// Time zone: the tenant's local time is UTC plus a fixed offset in minutes. Daylight saving
// time is NOT applied: the pure domain has no time-zone database, so a tenant in a DST zone
// updates the offset twice a year (or a later change resolves IANA names in the HTTP layer and
// keeps this contract by handing in the offset in force).
#ifndef SWITCHBOARD_DOMAIN_COMPLIANCE_CALLING_HOURS_H_
#define SWITCHBOARD_DOMAIN_COMPLIANCE_CALLING_HOURS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "domain/tie_equality.h"
#include "domain/time.h"

namespace sb::domain {

enum class Weekday { kMonday, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };

// "monday" ... "sunday" (the stored spelling). Parse also accepts three-letter abbreviations
// ("mon"), in any case, because people type them.
const char* ToString(Weekday day);
std::optional<Weekday> ParseWeekday(std::string_view text);

inline constexpr int kMinutesPerDay = 24 * 60;
inline constexpr int kMinUtcOffsetMinutes = -12 * 60;  // UTC-12:00, the westernmost zone
inline constexpr int kMaxUtcOffsetMinutes = 14 * 60;   // UTC+14:00, the easternmost zone
inline constexpr size_t kMaxCallingWindows = 100;

// Calls may be placed on `day`, local time, from start_minute (inclusive) to end_minute
// (exclusive), minutes after local midnight: 09:00-20:00 is {540, 1200}. A window never spans
// midnight (end_minute <= 1440); an overnight shift is two windows, one on each day.
struct CallingWindow {
  Weekday day = Weekday::kMonday;
  int start_minute = 0;
  int end_minute = 0;

  auto Tie() const { return std::tie(day, start_minute, end_minute); }
};

struct CallingHours {
  bool enabled = false;  // disabled: outbound calls are allowed at any time
  int utc_offset_minutes = 0;
  // Sorted by (day, start_minute), not overlapping; at least one when enabled.
  std::vector<CallingWindow> windows;

  auto Tie() const { return std::tie(enabled, utc_offset_minutes, windows); }
};

// Where an instant falls on the local week.
struct LocalTime {
  Weekday day = Weekday::kMonday;
  int minute_of_day = 0;  // 0..1439; seconds are dropped
};
LocalTime ToLocalTime(Timestamp t, int utc_offset_minutes);

// True when hours are disabled, or `now` falls inside one of the windows.
bool IsWithinCallingHours(const CallingHours& hours, Timestamp now);

// The earliest window start strictly after `now` (UTC); nullopt when there are no windows.
// Disabled hours still answer from their windows: this says when windows open, not whether
// they are enforced.
std::optional<Timestamp> NextCallingHoursOpening(const CallingHours& hours, Timestamp now);

// RFC 3339 in the tenant's local time: "2025-12-09T09:00:00-05:00".
std::string FormatLocalTimestamp(Timestamp t, int utc_offset_minutes);

}  // namespace sb::domain

#endif  // SWITCHBOARD_DOMAIN_COMPLIANCE_CALLING_HOURS_H_
