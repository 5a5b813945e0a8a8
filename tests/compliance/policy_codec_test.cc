// Calling-policy JSON: every event type and a full (and a 100,000-number) state round-trip;
// the stored spellings are pinned; bad input is a Status, never a crash or an exception.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/compliance/policy_fixture.h"

namespace sb::domain {
namespace {

using testing::kT0;
using testing::OfficeHours;
using testing::PolicyHarness;

using D = CallingPolicyDecider;

CallingHours SomeHours() {
  CallingHours h;
  h.enabled = true;
  h.utc_offset_minutes = -210;  // Newfoundland: a non-whole-hour negative offset
  h.windows = {{Weekday::kMonday, 540, 1200}, {Weekday::kSunday, 0, 1440}};
  return h;
}

std::vector<CallingPolicyEvent> AllEvents() {
  return {
      NumberListed{{"+14155550100", NumberList::kAllow, "consent \"any time\" ✓", kT0}},
      NumberListed{{"+14155550101", NumberList::kBlock, "", kT0 + 1}},
      NumberListed{{"+14155550102", NumberList::kVip, "key", kT0 + 2}},
      NumberListed{{"+14155550103", NumberList::kSpam, "robo", kT0 + 3}},
      NumberUnlisted{"+14155550103", kT0 + 4},
      CallerIdProfileUpserted{{"sales", "+14155550200", "Sales «EU»", true}, kT0 + 5},
      CallerIdProfileUpserted{{"support", "+14155550300", "", false}, kT0 + 6},
      CallerIdProfileRemoved{"support", kT0 + 7},
      CallingHoursSet{SomeHours(), kT0 + 8},
      CallingHoursSet{CallingHours{}, kT0 + 9},
      PolicyConfigured{{RecordingMode::kNever, 0}, kT0 + 10},
      PolicyConfigured{{RecordingMode::kAlways, 1000}, kT0 + 11},
  };
}

TEST_CASE("codec: every policy event type round-trips", "[compliance][codec]") {
  std::vector<std::string> types;
  for (const CallingPolicyEvent& e : AllEvents()) {
    PolicyHarness::CheckEventRoundTrip(e);
    if (types.empty() || types.back() != D::TypeOf(e)) types.push_back(D::TypeOf(e));
  }
  CHECK(types == std::vector<std::string>{"NumberListed", "NumberUnlisted",
                                          "CallerIdProfileUpserted", "CallerIdProfileRemoved",
                                          "CallingHoursSet", "PolicyConfigured"});
  CHECK(std::variant_size_v<CallingPolicyEvent> == types.size());
}

TEST_CASE("codec: a policy folded from every event round-trips", "[compliance][codec]") {
  CallingPolicyState s;
  for (const CallingPolicyEvent& e : AllEvents()) {
    s = D::Evolve(s, e);
    PolicyHarness::CheckStateRoundTrip(s);
  }
  // Hours were set then cleared; put them back so the final state has every part filled in.
  s = D::Evolve(s, CallingHoursSet{SomeHours(), kT0 + 12});
  PolicyHarness::CheckStateRoundTrip(s);
  CHECK(s.numbers.size() == 3);
  CHECK(s.caller_ids.size() == 1);
  CHECK(s.settings.recording == RecordingMode::kAlways);
  PolicyHarness::CheckStateRoundTrip(CallingPolicyState{});
}

TEST_CASE("codec: a policy with 100000 numbers round-trips", "[compliance][codec]") {
  CallingPolicyState s;
  const NumberList lists[] = {NumberList::kAllow, NumberList::kBlock, NumberList::kVip,
                              NumberList::kSpam};
  for (size_t i = 0; i < kMaxListedNumbers; ++i) {
    const std::string number = "+4420" + std::to_string(10'000'000 + i);
    s.numbers[number] = ListedNumber{number, lists[i % 4], i % 7 == 0 ? "imported" : "",
                                     kT0 + static_cast<Timestamp>(i)};
  }
  const std::string text = D::EncodeState(s);
  auto decoded = D::DecodeState(text);
  REQUIRE(decoded.ok());
  CHECK(decoded->numbers.size() == kMaxListedNumbers);
  CHECK(*decoded == s);
}

TEST_CASE("codec: policy payloads use the documented spellings", "[compliance][codec]") {
  CHECK(
      D::EncodeEvent(NumberListed{{"+14155550102", NumberList::kVip, "key", kT0}}) ==
      R"({"number":"+14155550102","list":"vip","reason":"key","added_at":"2025-12-03T10:30:00Z"})");
  CHECK(D::EncodeEvent(CallingHoursSet{SomeHours(), kT0}) ==
        R"({"enabled":true,"utc_offset_minutes":-210,"windows":[)"
        R"({"day":"monday","start_minute":540,"end_minute":1200},)"
        R"({"day":"sunday","start_minute":0,"end_minute":1440}],"at":"2025-12-03T10:30:00Z"})");
  CHECK(D::EncodeEvent(PolicyConfigured{{RecordingMode::kAsk, 10}, kT0}) ==
        R"({"recording":"ask","vip_priority_boost":10,"at":"2025-12-03T10:30:00Z"})");
  CHECK(D::EncodeEvent(CallerIdProfileUpserted{{"sales", "+14155550200", "Sales", true}, kT0}) ==
        R"({"profile_id":"sales","number":"+14155550200","display_name":"Sales",)"
        R"("is_default":true,"at":"2025-12-03T10:30:00Z"})");
  CHECK(D::EncodeState(CallingPolicyState{}) ==
        R"({"numbers":[],"caller_ids":[],"calling_hours":{"enabled":false,)"
        R"("utc_offset_minutes":0,"windows":[]},"settings":{"recording":"ask",)"
        R"("vip_priority_boost":10},"updated_at":"1970-01-01T00:00:00Z"})");
}

TEST_CASE("codec: unknown fields are ignored and optional ones default", "[compliance][codec]") {
  auto e = D::DecodeEvent("NumberListed", R"({"number":"+14155550100","list":"block","added_at":)"
                                          R"("2025-12-03T10:30:00Z","added_by":"agent-7"})");
  REQUIRE(e.ok());
  CHECK(std::get<NumberListed>(*e).entry ==
        ListedNumber{"+14155550100", NumberList::kBlock, "", kT0});
}

TEST_CASE("codec: malformed policy payloads are errors naming the problem", "[compliance][codec]") {
  auto unknown_type = D::DecodeEvent("NumberForgotten", "{}");
  CHECK_FALSE(unknown_type.ok());
  CHECK_FALSE(D::DecodeEvent("NumberListed", "not json").ok());

  auto bad_list = D::DecodeEvent(
      "NumberListed",
      R"({"number":"+14155550100","list":"grey","added_at":"2025-12-03T10:30:00Z"})");
  REQUIRE_FALSE(bad_list.ok());
  CHECK(bad_list.status().IsCorruption());
  CHECK(bad_list.status().message().find("list") != std::string::npos);

  auto missing_number = D::DecodeEvent("NumberUnlisted", R"({"at":"2025-12-03T10:30:00Z"})");
  REQUIRE_FALSE(missing_number.ok());
  CHECK(missing_number.status().message().find("number") != std::string::npos);

  auto bad_day = D::DecodeEvent(
      "CallingHoursSet",
      R"({"enabled":true,"utc_offset_minutes":0,"windows":[{"day":"someday","start_minute":0,)"
      R"("end_minute":60}],"at":"2025-12-03T10:30:00Z"})");
  REQUIRE_FALSE(bad_day.ok());
  CHECK(bad_day.status().message().find("day") != std::string::npos);

  PolicyHarness h;
  h.Accept(OfficeHours(0));
  std::string state = D::EncodeState(h.state);
  CHECK(D::DecodeState(state).ok());
  auto not_array = D::DecodeState(
      R"({"numbers":{},"caller_ids":[],"calling_hours":{"enabled":false,"utc_offset_minutes":0},)"
      R"("settings":{"recording":"ask","vip_priority_boost":10},"updated_at":"1970-01-01T00:00:00Z"})");
  REQUIRE_FALSE(not_array.ok());
  CHECK(not_array.status().message().find("numbers") != std::string::npos);
  CHECK_FALSE(D::DecodeState(R"({"numbers":[]})").ok());  // calling_hours and settings required
  CHECK_FALSE(D::DecodeState("[]").ok());
}

}  // namespace
}  // namespace sb::domain
