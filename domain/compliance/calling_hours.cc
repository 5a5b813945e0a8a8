#include "domain/compliance/calling_hours.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "domain/ascii.h"

namespace sb::domain {
namespace {

constexpr int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
constexpr int64_t kMinutesPerWeek = 7 * kMinutesPerDay;
// 1970-01-01 was a Thursday: local minute 0 is Thursday 00:00, three days into a Monday week.
constexpr int64_t kEpochWeekMinute = 3 * kMinutesPerDay;

constexpr const char* kDayNames[] = {"monday", "tuesday",  "wednesday", "thursday",
                                     "friday", "saturday", "sunday"};

// Division and remainder rounding toward negative infinity, so instants before the epoch and
// negative offsets land on the right day.
int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}
int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

// Whole local minutes since the epoch. The offset is whole minutes, so adding it after
// flooring is the same as flooring the shifted instant.
int64_t LocalMinutes(Timestamp t, int utc_offset_minutes) {
  return FloorDiv(t, kMicrosPerMinute) + utc_offset_minutes;
}

// Minutes since local Monday 00:00 of the week holding `local_minutes`.
int64_t WeekMinute(int64_t local_minutes) {
  return FloorMod(local_minutes + kEpochWeekMinute, kMinutesPerWeek);
}

}  // namespace

const char* ToString(Weekday day) { return kDayNames[static_cast<int>(day)]; }

std::optional<Weekday> ParseWeekday(std::string_view text) {
  for (int i = 0; i < 7; ++i) {
    const std::string_view name = kDayNames[i];
    if (EqualsIgnoreCase(text, name) || EqualsIgnoreCase(text, name.substr(0, 3))) {
      return static_cast<Weekday>(i);
    }
  }
  return std::nullopt;
}

LocalTime ToLocalTime(Timestamp t, int utc_offset_minutes) {
  const int64_t week_minute = WeekMinute(LocalMinutes(t, utc_offset_minutes));
  LocalTime local;
  local.day = static_cast<Weekday>(week_minute / kMinutesPerDay);
  local.minute_of_day = static_cast<int>(week_minute % kMinutesPerDay);
  return local;
}

bool IsWithinCallingHours(const CallingHours& hours, Timestamp now) {
  if (!hours.enabled) return true;
  const LocalTime local = ToLocalTime(now, hours.utc_offset_minutes);
  for (const CallingWindow& w : hours.windows) {
    if (w.day == local.day && w.start_minute <= local.minute_of_day &&
        local.minute_of_day < w.end_minute) {
      return true;
    }
  }
  return false;
}

std::optional<Timestamp> NextCallingHoursOpening(const CallingHours& hours, Timestamp now) {
  const int64_t local_now = LocalMinutes(now, hours.utc_offset_minutes);
  const int64_t week_start = local_now - WeekMinute(local_now);  // local Monday 00:00
  std::optional<Timestamp> next;
  for (const CallingWindow& w : hours.windows) {
    const int64_t local_start =
        week_start + static_cast<int64_t>(w.day) * kMinutesPerDay + w.start_minute;
    Timestamp opening = (local_start - hours.utc_offset_minutes) * kMicrosPerMinute;
    if (opening <= now) opening += kMinutesPerWeek * kMicrosPerMinute;  // this week's is past
    if (!next || opening < *next) next = opening;
  }
  return next;
}

std::string FormatLocalTimestamp(Timestamp t, int utc_offset_minutes) {
  std::string text = FormatTimestamp(t + utc_offset_minutes * kMicrosPerMinute);
  if (!text.empty() && text.back() == 'Z') text.pop_back();
  const int magnitude = std::abs(utc_offset_minutes);
  char offset[16];
  std::snprintf(offset, sizeof offset, "%c%02d:%02d", utc_offset_minutes < 0 ? '-' : '+',
                magnitude / 60, magnitude % 60);
  return text + offset;
}

}  // namespace sb::domain
