// Calling-policy rules. What the lists mean (the pure checks in outbound_check.h and
// inbound_screening.h apply this; Twilio/Five9 users expect a "blocked" number to be neither
// called nor answered, and a spam list to keep robocalls off the agents):
//
//   list     | outbound (CheckOutboundCall)           | inbound (ScreenInbound)
//   ---------+----------------------------------------+---------------------------------------
//   block    | refused, 422 "number_blocked"          | rejected
//   spam     | allowed, calling hours apply           | rejected
//   vip      | allowed, calling hours apply           | accepted, priority + vip_priority_boost
//   allow    | allowed at ANY time (hours bypassed)   | accepted, no boost
//   unlisted | allowed, calling hours apply           | accepted, no boost
//
// - block is the do-not-call list: one entry stops both directions, and it wins over calling
//   hours (a blocked number is refused even inside them).
// - spam is about calls FROM the number: rejected before they reach a queue, because agent time
//   is what spam wastes. Calling it stays possible: robocallers spoof real subscribers' numbers,
//   and the owner may be a customer we must call back; whoever wants it never called blocks it.
// - vip is about service, not consent: it changes queue order only, never calling hours.
// - allow records that the number's owner consented to be called at any time (an on-call
//   engineer, a customer who asked for a call at 22:00), so it is exempt from calling hours.
//   Without that an allow entry would mean nothing, since a number is on at most one list and
//   "not blocked" is already what unlisted means.
//
// Commands (an empty stream is a valid policy, so nothing is ever "policy_not_found"):
// - AddNumber: number E.164 ("invalid_phone", field "number"); list one of allow, block, vip,
//   spam ("invalid_list", field "list"); reason at most kMaxListReasonLength bytes
//   ("reason_too_long", field "reason"). A number on another list moves (one NumberListed); the
//   same list and reason again is a no-op, so a retried POST keeps the original added_at. A new
//   number beyond kMaxListedNumbers is kConflict "too_many_numbers"; changing an entry that
//   exists is always allowed.
// - RemoveNumber: bad E.164 "invalid_phone"; a number on no list is kNotFound
//   "number_not_listed".
// - UpsertCallerIdProfile: profile_id required ("profile_id_required") and at most 64 bytes
//   ("invalid_profile_id"); number E.164 ("invalid_phone", field "number"); display_name at
//   most 64 bytes ("invalid_display_name"). Identical is a no-op. A new profile beyond
//   kMaxCallerIdProfiles is kConflict "too_many_profiles". A default profile takes the flag
//   from the previous default in the same event, so there is never more than one.
// - RemoveCallerIdProfile: unknown id is kNotFound "caller_id_profile_not_found". Removing the
//   default leaves no default: which number a tenant shows is the tenant's choice, never ours.
// - SetCallingHours: utc_offset_minutes in -720..840 ("invalid_utc_offset"); at most
//   kMaxCallingWindows windows ("too_many_windows"); each day a weekday name ("invalid_day");
//   0 <= start_minute < end_minute <= 1440 ("invalid_window"); windows of one day must not
//   overlap ("overlapping_windows"; touching, 09:00-12:00 then 12:00-14:00, is fine). Overlaps
//   are refused rather than merged because they are nearly always typos, and one stored form
//   per schedule makes a repeated PUT a no-op. Enabled hours need a window
//   ("windows_required"): enabled and empty would silently stop all outbound calling. Disabled
//   hours keep their windows for the next enable. Windows are stored sorted by day and start.
//   All of these name field "windows" except the offset's.
// - ConfigurePolicy: recording one of never, ask, always ("invalid_recording"); vip boost in
//   0..kMaxVipPriorityBoost ("invalid_vip_priority_boost"). Identical is a no-op.
#include "domain/compliance/policy_decider.h"

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "domain/overloaded.h"
#include "domain/phone.h"

namespace sb::domain {
namespace {

using Events = std::vector<CallingPolicyEvent>;

std::optional<Rejection> CheckNumber(const std::string& number) {
  if (IsValidE164(number)) return std::nullopt;
  return Rejection::Invalid("invalid_phone", "number must be E.164, e.g. +14155550123", "number");
}

Decision<CallingPolicyEvent> DecideAdd(const CallingPolicyState& s, const AddNumber& c,
                                       Timestamp now) {
  if (auto bad = CheckNumber(c.number)) return *bad;
  const std::optional<NumberList> list = ParseNumberList(c.list);
  if (!list) {
    return Rejection::Invalid("invalid_list", "list must be one of allow, block, vip, spam",
                              "list");
  }
  if (c.reason.size() > kMaxListReasonLength) {
    return Rejection::Invalid("reason_too_long", "reason must be at most 500 bytes", "reason");
  }
  const ListedNumber* existing = FindListedNumber(s, c.number);
  if (existing != nullptr && existing->list == *list && existing->reason == c.reason) {
    return Events{};
  }
  if (existing == nullptr && s.numbers.size() >= kMaxListedNumbers) {
    return Rejection::Conflict("too_many_numbers",
                               "a policy lists at most 100000 numbers; remove some first");
  }
  return Events{NumberListed{ListedNumber{c.number, *list, c.reason, now}}};
}

Decision<CallingPolicyEvent> DecideRemove(const CallingPolicyState& s, const RemoveNumber& c,
                                          Timestamp now) {
  if (auto bad = CheckNumber(c.number)) return *bad;
  if (FindListedNumber(s, c.number) == nullptr) {
    return Rejection::NotFound("number_not_listed", "the number is on no list");
  }
  return Events{NumberUnlisted{c.number, now}};
}

Decision<CallingPolicyEvent> DecideUpsertProfile(const CallingPolicyState& s,
                                                 const UpsertCallerIdProfile& c, Timestamp now) {
  if (c.profile_id.empty()) {
    return Rejection::Invalid("profile_id_required", "profile_id is required", "profile_id");
  }
  if (c.profile_id.size() > kMaxProfileIdLength) {
    return Rejection::Invalid("invalid_profile_id", "profile_id must be at most 64 bytes",
                              "profile_id");
  }
  if (auto bad = CheckNumber(c.number)) return *bad;
  if (c.display_name.size() > kMaxDisplayNameLength) {
    return Rejection::Invalid("invalid_display_name", "display_name must be at most 64 bytes",
                              "display_name");
  }
  const CallerIdProfile profile{c.profile_id, c.number, c.display_name, c.is_default};
  auto it = s.caller_ids.find(c.profile_id);
  if (it != s.caller_ids.end() && it->second == profile) return Events{};
  if (it == s.caller_ids.end() && s.caller_ids.size() >= kMaxCallerIdProfiles) {
    return Rejection::Conflict("too_many_profiles", "a policy has at most 1000 caller-ID profiles");
  }
  return Events{CallerIdProfileUpserted{profile, now}};
}

Decision<CallingPolicyEvent> DecideRemoveProfile(const CallingPolicyState& s,
                                                 const RemoveCallerIdProfile& c, Timestamp now) {
  if (s.caller_ids.count(c.profile_id) == 0) {
    return Rejection::NotFound("caller_id_profile_not_found", "no such caller-ID profile");
  }
  return Events{CallerIdProfileRemoved{c.profile_id, now}};
}

Rejection BadWindows(std::string code, std::string message) {
  return Rejection::Invalid(std::move(code), std::move(message), "windows");
}

Decision<CallingPolicyEvent> DecideHours(const CallingPolicyState& s, const SetCallingHours& c,
                                         Timestamp now) {
  if (c.utc_offset_minutes < kMinUtcOffsetMinutes || c.utc_offset_minutes > kMaxUtcOffsetMinutes) {
    return Rejection::Invalid("invalid_utc_offset",
                              "utc_offset_minutes must be -720..840 (UTC-12:00 to UTC+14:00)",
                              "utc_offset_minutes");
  }
  if (c.windows.size() > kMaxCallingWindows) {
    return BadWindows("too_many_windows", "at most 100 calling windows");
  }
  CallingHours hours;
  hours.enabled = c.enabled;
  hours.utc_offset_minutes = c.utc_offset_minutes;
  for (size_t i = 0; i < c.windows.size(); ++i) {
    const CallingWindowSpec& w = c.windows[i];
    const std::string at = "windows[" + std::to_string(i) + "]: ";
    const std::optional<Weekday> day = ParseWeekday(w.day);
    if (!day) return BadWindows("invalid_day", at + "day must be a weekday, e.g. \"monday\"");
    if (w.start_minute < 0 || w.end_minute <= w.start_minute || w.end_minute > kMinutesPerDay) {
      return BadWindows("invalid_window",
                        at + "need 0 <= start_minute < end_minute <= 1440 (minutes after local "
                             "midnight; a window does not span midnight)");
    }
    hours.windows.push_back(CallingWindow{*day, w.start_minute, w.end_minute});
  }
  std::sort(hours.windows.begin(), hours.windows.end(),
            [](const CallingWindow& a, const CallingWindow& b) {
              return std::tie(a.day, a.start_minute) < std::tie(b.day, b.start_minute);
            });
  for (size_t i = 1; i < hours.windows.size(); ++i) {
    const CallingWindow& prev = hours.windows[i - 1];
    const CallingWindow& cur = hours.windows[i];
    if (prev.day == cur.day && prev.end_minute > cur.start_minute) {
      return BadWindows("overlapping_windows",
                        std::string("two windows on ") + ToString(cur.day) + " overlap");
    }
  }
  if (hours.enabled && hours.windows.empty()) {
    return BadWindows("windows_required", "enabled calling hours need at least one window");
  }
  if (hours == s.hours) return Events{};
  return Events{CallingHoursSet{std::move(hours), now}};
}

Decision<CallingPolicyEvent> DecideSettings(const CallingPolicyState& s, const ConfigurePolicy& c,
                                            Timestamp now) {
  const std::optional<RecordingMode> recording = ParseRecordingMode(c.recording);
  if (!recording) {
    return Rejection::Invalid("invalid_recording", "recording must be one of never, ask, always",
                              "recording");
  }
  if (c.vip_priority_boost < 0 || c.vip_priority_boost > kMaxVipPriorityBoost) {
    return Rejection::Invalid("invalid_vip_priority_boost", "vip_priority_boost must be 0..1000",
                              "vip_priority_boost");
  }
  const PolicySettings settings{*recording, c.vip_priority_boost};
  if (settings == s.settings) return Events{};
  return Events{PolicyConfigured{settings, now}};
}

}  // namespace

Decision<CallingPolicyEvent> CallingPolicyDecider::Decide(const State& s, const Command& command,
                                                          Timestamp now) {
  return std::visit(
      Overloaded{
          [&](const AddNumber& c) { return DecideAdd(s, c, now); },
          [&](const RemoveNumber& c) { return DecideRemove(s, c, now); },
          [&](const UpsertCallerIdProfile& c) { return DecideUpsertProfile(s, c, now); },
          [&](const RemoveCallerIdProfile& c) { return DecideRemoveProfile(s, c, now); },
          [&](const SetCallingHours& c) { return DecideHours(s, c, now); },
          [&](const ConfigurePolicy& c) { return DecideSettings(s, c, now); },
      },
      command);
}

void CallingPolicyDecider::EvolveInPlace(State& s, const Event& event) {
  std::visit(Overloaded{
                 [&](const NumberListed& e) {
                   s.numbers[e.entry.number] = e.entry;
                   s.updated_at = e.entry.added_at;
                 },
                 [&](const NumberUnlisted& e) {
                   s.numbers.erase(e.number);
                   s.updated_at = e.at;
                 },
                 [&](const CallerIdProfileUpserted& e) {
                   if (e.profile.is_default) {
                     for (auto& [id, profile] : s.caller_ids) profile.is_default = false;
                   }
                   s.caller_ids[e.profile.profile_id] = e.profile;
                   s.updated_at = e.at;
                 },
                 [&](const CallerIdProfileRemoved& e) {
                   s.caller_ids.erase(e.profile_id);
                   s.updated_at = e.at;
                 },
                 [&](const CallingHoursSet& e) {
                   s.hours = e.hours;
                   s.updated_at = e.at;
                 },
                 [&](const PolicyConfigured& e) {
                   s.settings = e.settings;
                   s.updated_at = e.at;
                 },
             },
             event);
}

}  // namespace sb::domain
