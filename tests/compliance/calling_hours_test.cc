// Calling hours: setting them (validation, canonical order) and what CheckOutboundCall answers
// at the edges of a window, across UTC offsets and day boundaries.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "domain/compliance/outbound_check.h"
#include "tests/compliance/policy_fixture.h"

namespace sb::domain {
namespace {

using testing::At;
using testing::OfficeHours;
using testing::OfficeWindows;
using testing::PolicyHarness;
using testing::Types;
using Kind = Rejection::Kind;

constexpr const char* kCustomer = "+14155550100";

// A policy with office hours in the zone `utc_offset_minutes` east of UTC.
CallingPolicyState Office(int utc_offset_minutes) {
  PolicyHarness h;
  h.Accept(OfficeHours(utc_offset_minutes));
  return h.state;
}

bool Allowed(const CallingPolicyState& s, const std::string& when) {
  return !CheckOutboundCall(s, kCustomer, At(when)).has_value();
}

std::string RefusalMessage(const CallingPolicyState& s, const std::string& when) {
  std::optional<Rejection> r = CheckOutboundCall(s, kCustomer, At(when));
  REQUIRE(r.has_value());
  CHECK(r->code == "outside_calling_hours");
  CHECK(r->kind == Kind::kInvalid);
  return r->message;
}

TEST_CASE("calling hours: start is inclusive, end exclusive", "[compliance][hours]") {
  const CallingPolicyState s = Office(0);
  CHECK_FALSE(Allowed(s, "2025-12-01T08:59:59.999999Z"));  // Monday
  CHECK(Allowed(s, "2025-12-01T09:00:00Z"));
  CHECK(Allowed(s, "2025-12-01T19:59:59.999999Z"));
  CHECK_FALSE(Allowed(s, "2025-12-01T20:00:00Z"));
  CHECK(Allowed(s, "2025-12-06T10:00:00Z"));  // Saturday's shorter window
  CHECK_FALSE(Allowed(s, "2025-12-06T14:00:00Z"));
  CHECK_FALSE(Allowed(s, "2025-12-07T12:00:00Z"));  // no Sunday window
}

TEST_CASE("calling hours: the window is in the tenant's local time", "[compliance][hours]") {
  SECTION("UTC-5: Monday evening local is already Tuesday in UTC") {
    const CallingPolicyState s = Office(-300);
    // 01:30Z Tuesday is 20:30 Monday in New York: after hours.
    CHECK(RefusalMessage(s, "2025-12-02T01:30:00Z") ==
          "outside calling hours: calling opens Tuesday 09:00 local time "
          "(2025-12-02T09:00:00-05:00)");
    CHECK_FALSE(Allowed(s, "2025-12-02T13:59:00Z"));
    CHECK(Allowed(s, "2025-12-02T14:00:00Z"));  // 09:00 local
    // 00:30Z Monday is Sunday 19:30 local: closed, although Monday in UTC.
    CHECK_FALSE(Allowed(s, "2025-12-01T00:30:00Z"));
  }
  SECTION("UTC+05:30: Monday early morning local is still Sunday in UTC") {
    PolicyHarness h;
    h.Accept(SetCallingHours{330, {{"monday", 0, 120}, {"saturday", 600, 840}}, true});
    // 20:00Z Sunday is 01:30 Monday in India: inside the Monday window.
    CHECK(Allowed(h.state, "2025-11-30T20:00:00Z"));
    CHECK_FALSE(Allowed(h.state, "2025-11-30T20:30:00Z"));  // 02:00 local: the end
    // 19:00Z Friday is 00:30 Saturday local; the Saturday window opens at 10:00 local.
    CHECK(RefusalMessage(h.state, "2025-12-05T19:00:00Z") ==
          "outside calling hours: calling opens Saturday 10:00 local time "
          "(2025-12-06T10:00:00+05:30)");
    CHECK(Allowed(h.state, "2025-12-06T04:30:00Z"));
  }
}

TEST_CASE("calling hours: the refusal names the next opening", "[compliance][hours]") {
  SECTION("over the weekend it is Monday morning") {
    const CallingPolicyState s = Office(60);
    CHECK(RefusalMessage(s, "2025-12-06T13:00:00Z") ==  // Saturday 14:00 local
          "outside calling hours: calling opens Monday 09:00 local time "
          "(2025-12-08T09:00:00+01:00)");
  }
  SECTION("before today's window it is today") {
    const CallingPolicyState s = Office(0);
    CHECK(RefusalMessage(s, "2025-12-03T07:15:00Z") ==
          "outside calling hours: calling opens Wednesday 09:00 local time "
          "(2025-12-03T09:00:00+00:00)");
  }
  SECTION("after the only window of the week it is the same day next week") {
    PolicyHarness h;
    h.Accept(SetCallingHours{0, {{"wed", 9 * 60, 10 * 60}}, true});
    CHECK(RefusalMessage(h.state, "2025-12-03T11:00:00Z") ==
          "outside calling hours: calling opens Wednesday 09:00 local time "
          "(2025-12-10T09:00:00+00:00)");
    // At the very start of a window, the next opening is the following one, not now.
    CHECK(NextCallingHoursOpening(h.state.hours, At("2025-12-03T09:00:00Z")) ==
          At("2025-12-10T09:00:00Z"));
  }
}

TEST_CASE("calling hours: disabled hours allow every time", "[compliance][hours]") {
  PolicyHarness h;
  CHECK(Allowed(h.state, "2025-12-07T03:00:00Z"));  // a new policy has no hours
  SetCallingHours off = OfficeHours(0);
  off.enabled = false;
  CHECK(h.Accept(off) == Types{"CallingHoursSet"});
  CHECK(h.state.hours.windows.size() == 6);  // kept for the next enable
  CHECK(Allowed(h.state, "2025-12-07T03:00:00Z"));
  h.Accept(OfficeHours(0));
  CHECK_FALSE(Allowed(h.state, "2025-12-07T03:00:00Z"));
}

TEST_CASE("calling hours: windows are stored sorted; the same schedule again is a no-op",
          "[compliance][hours]") {
  PolicyHarness h;
  std::vector<CallingWindowSpec> shuffled = {
      {"Sat", 600, 840}, {"monday", 720, 840}, {"MON", 540, 720}, {"sunday", 0, 1440}};
  CHECK(h.Accept(SetCallingHours{-480, shuffled, true}) == Types{"CallingHoursSet"});
  const std::vector<CallingWindow> expected = {{Weekday::kMonday, 540, 720},
                                               {Weekday::kMonday, 720, 840},
                                               {Weekday::kSaturday, 600, 840},
                                               {Weekday::kSunday, 0, 1440}};
  CHECK(h.state.hours.windows == expected);
  CHECK(h.state.hours.utc_offset_minutes == -480);

  std::vector<CallingWindowSpec> reordered = {
      {"mon", 540, 720}, {"sun", 0, 1440}, {"mon", 720, 840}, {"saturday", 600, 840}};
  CHECK(h.Accept(SetCallingHours{-480, reordered, true}).empty());
  CHECK(h.Accept(SetCallingHours{-420, reordered, true}) == Types{"CallingHoursSet"});
}

TEST_CASE("calling hours: bad schedules are refused naming the field", "[compliance][hours]") {
  PolicyHarness h;
  auto with = [](std::vector<CallingWindowSpec> windows) {
    return SetCallingHours{0, std::move(windows), true};
  };
  CHECK(h.Reject(SetCallingHours{-721, OfficeWindows(), true}, Kind::kInvalid, "invalid_utc_offset")
            .field == "utc_offset_minutes");
  h.Reject(SetCallingHours{841, OfficeWindows(), true}, Kind::kInvalid, "invalid_utc_offset");
  CHECK(h.Reject(with({{"funday", 540, 600}}), Kind::kInvalid, "invalid_day").field == "windows");
  for (const CallingWindowSpec& bad : std::vector<CallingWindowSpec>{{"monday", 600, 600},
                                                                     {"monday", 700, 600},
                                                                     {"monday", -1, 600},
                                                                     {"monday", 1380, 1441}}) {
    INFO(bad.start_minute << ".." << bad.end_minute);
    CHECK(h.Reject(with({bad}), Kind::kInvalid, "invalid_window").field == "windows");
  }
  CHECK(h.Reject(with({{"monday", 540, 720}, {"monday", 700, 800}}), Kind::kInvalid,
                 "overlapping_windows")
            .field == "windows");
  h.Reject(with({{"monday", 540, 720}, {"mon", 540, 600}}), Kind::kInvalid, "overlapping_windows");
  CHECK(h.Reject(with({}), Kind::kInvalid, "windows_required").field == "windows");
  h.Reject(with(std::vector<CallingWindowSpec>(101, {"monday", 0, 1})), Kind::kInvalid,
           "too_many_windows");

  // The limits themselves are fine: touching windows, a whole day, the extreme offsets.
  h.Accept(SetCallingHours{-720, {{"monday", 540, 720}, {"monday", 720, 1440}}, true});
  h.Accept(SetCallingHours{840, {{"sunday", 0, 1440}}, true});
  h.Accept(SetCallingHours{0, {}, false});  // disabled with no windows
  CHECK_FALSE(h.state.hours.enabled);
}

}  // namespace
}  // namespace sb::domain
