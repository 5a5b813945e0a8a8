// Policy settings: recording mode and VIP boost, and what the recording mode tells a call flow.
#include <catch2/catch.hpp>

#include "domain/compliance/recording_consent.h"
#include "tests/compliance/policy_fixture.h"

namespace sb::domain {
namespace {

using testing::PolicyHarness;
using testing::Types;
using Kind = Rejection::Kind;

TEST_CASE("settings: a new policy asks before recording and boosts VIPs by 10",
          "[compliance][settings]") {
  const CallingPolicyState fresh;
  CHECK(fresh.settings.recording == RecordingMode::kAsk);
  CHECK(fresh.settings.vip_priority_boost == 10);
  CHECK(RecordingConsentFor(fresh) == RecordingConsent::kConsentRequired);
}

TEST_CASE("settings: the recording mode decides what a call flow records",
          "[compliance][settings]") {
  PolicyHarness h;
  CHECK(h.Accept(ConfigurePolicy{"always", 10}) == Types{"PolicyConfigured"});
  CHECK(RecordingConsentFor(h.state) == RecordingConsent::kAnnounced);
  h.Accept(ConfigurePolicy{"Never", 10});
  CHECK(h.state.settings.recording == RecordingMode::kNever);
  CHECK(RecordingConsentFor(h.state) == RecordingConsent::kDisabled);
  h.Accept(ConfigurePolicy{"ask", 10});
  CHECK(RecordingConsentFor(h.state) == RecordingConsent::kConsentRequired);
  CHECK(h.Accept(ConfigurePolicy{"ask", 10}).empty());  // identical: nothing recorded
}

TEST_CASE("settings: bad values are refused naming the field", "[compliance][settings]") {
  PolicyHarness h;
  CHECK(h.Reject(ConfigurePolicy{"sometimes", 10}, Kind::kInvalid, "invalid_recording").field ==
        "recording");
  h.Reject(ConfigurePolicy{"", 10}, Kind::kInvalid, "invalid_recording");
  CHECK(h.Reject(ConfigurePolicy{"ask", -1}, Kind::kInvalid, "invalid_vip_priority_boost").field ==
        "vip_priority_boost");
  h.Reject(ConfigurePolicy{"ask", 1001}, Kind::kInvalid, "invalid_vip_priority_boost");
  h.Accept(ConfigurePolicy{"ask", 1000});
  CHECK(h.state.settings.vip_priority_boost == 1000);
}

}  // namespace
}  // namespace sb::domain
