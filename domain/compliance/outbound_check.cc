#include "domain/compliance/outbound_check.h"

#include <cstdio>

#include "domain/compliance/calling_hours.h"

namespace sb::domain {
namespace {

// "Tuesday 09:00 local time (2025-12-09T09:00:00-05:00)".
std::string DescribeOpening(Timestamp opening, int utc_offset_minutes) {
  const LocalTime local = ToLocalTime(opening, utc_offset_minutes);
  std::string day = ToString(local.day);
  day[0] = static_cast<char>(day[0] - 'a' + 'A');
  char clock[16];
  std::snprintf(clock, sizeof clock, "%02d:%02d", local.minute_of_day / 60,
                local.minute_of_day % 60);
  return day + " " + clock + " local time (" + FormatLocalTimestamp(opening, utc_offset_minutes) +
         ")";
}

}  // namespace

std::optional<Rejection> CheckOutboundCall(const CallingPolicyState& state,
                                           const std::string& number, Timestamp now) {
  const ListedNumber* listed = FindListedNumber(state, number);
  if (listed != nullptr && listed->list == NumberList::kBlock) {
    return Rejection::Invalid("number_blocked", "the number is on the block list", "number");
  }
  if (listed != nullptr && listed->list == NumberList::kAllow) return std::nullopt;
  if (IsWithinCallingHours(state.hours, now)) return std::nullopt;
  std::string message = "outside calling hours";
  // Enabled hours always have a window (the decider refuses them empty), so there is an answer.
  if (std::optional<Timestamp> opening = NextCallingHoursOpening(state.hours, now)) {
    message += ": calling opens " + DescribeOpening(*opening, state.hours.utc_offset_minutes);
  }
  return Rejection::Invalid("outside_calling_hours", message);
}

}  // namespace sb::domain
