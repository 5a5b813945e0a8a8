// What each list does to calls: outbound (CheckOutboundCall) and inbound (ScreenInbound).
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "domain/compliance/inbound_screening.h"
#include "domain/compliance/outbound_check.h"
#include "tests/compliance/policy_fixture.h"

namespace sb::domain {
namespace {

using testing::At;
using testing::OfficeHours;
using testing::PolicyHarness;

constexpr const char* kBlocked = "+14155550101";
constexpr const char* kSpam = "+14155550102";
constexpr const char* kVip = "+14155550103";
constexpr const char* kAllowed = "+14155550104";
constexpr const char* kUnlisted = "+14155550105";

// Office hours in UTC, and one number on each list.
PolicyHarness ListedPolicy() {
  PolicyHarness h;
  h.Accept(OfficeHours(0));
  h.Accept(AddNumber{kBlocked, "block", "do not call"});
  h.Accept(AddNumber{kSpam, "spam", "robocaller"});
  h.Accept(AddNumber{kVip, "vip", "key account"});
  h.Accept(AddNumber{kAllowed, "allow", "on-call engineer"});
  return h;
}

std::optional<std::string> OutboundRefusal(const CallingPolicyState& s, const char* number,
                                           const char* when) {
  std::optional<Rejection> r = CheckOutboundCall(s, number, At(when));
  if (!r) return std::nullopt;
  return r->code;
}

TEST_CASE("outbound: a blocked number is never dialed", "[compliance][screening]") {
  PolicyHarness h = ListedPolicy();
  const char* open = "2025-12-03T12:00:00Z";  // Wednesday noon: inside hours
  std::optional<Rejection> r = CheckOutboundCall(h.state, kBlocked, At(open));
  REQUIRE(r.has_value());
  CHECK(r->code == "number_blocked");
  CHECK(HttpStatusOf(r->kind) == 422);
  CHECK(r->field == "number");
  // Blocked wins over "outside hours" too: the refusal says the real reason.
  CHECK(OutboundRefusal(h.state, kBlocked, "2025-12-07T12:00:00Z") == "number_blocked");
  // Hours disabled, still blocked.
  h.Accept(SetCallingHours{0, {}, false});
  CHECK(OutboundRefusal(h.state, kBlocked, open) == "number_blocked");
  // Unblocking lets it through.
  h.Accept(RemoveNumber{kBlocked});
  CHECK(OutboundRefusal(h.state, kBlocked, open) == std::nullopt);
}

TEST_CASE("outbound: allow-listed numbers bypass calling hours, the other lists do not",
          "[compliance][screening]") {
  const PolicyHarness h = ListedPolicy();
  const char* sunday = "2025-12-07T12:00:00Z";
  const char* open = "2025-12-03T12:00:00Z";
  CHECK(OutboundRefusal(h.state, kAllowed, sunday) == std::nullopt);
  for (const char* number : {kSpam, kVip, kUnlisted}) {
    INFO(number);
    CHECK(OutboundRefusal(h.state, number, sunday) == "outside_calling_hours");
    CHECK(OutboundRefusal(h.state, number, open) == std::nullopt);
  }
}

TEST_CASE("inbound: block and spam are rejected, VIP is boosted", "[compliance][screening]") {
  PolicyHarness h = ListedPolicy();
  SECTION("each list") {
    InboundScreening blocked = ScreenInbound(h.state, kBlocked);
    CHECK(blocked.action == InboundAction::kReject);
    CHECK(blocked.list == NumberList::kBlock);

    InboundScreening spam = ScreenInbound(h.state, kSpam);
    CHECK(spam.action == InboundAction::kReject);
    CHECK(spam.list == NumberList::kSpam);
    CHECK(spam.priority_boost == 0);

    InboundScreening vip = ScreenInbound(h.state, kVip);
    CHECK(vip.action == InboundAction::kAccept);
    CHECK(vip.priority_boost == kDefaultVipPriorityBoost);
    CHECK(vip.priority_boost == 10);
    CHECK(vip.list == NumberList::kVip);

    InboundScreening allowed = ScreenInbound(h.state, kAllowed);
    CHECK(allowed.action == InboundAction::kAccept);
    CHECK(allowed.priority_boost == 0);
    CHECK(allowed.list == NumberList::kAllow);
  }
  SECTION("unlisted, withheld and malformed callers are answered normally") {
    for (const char* caller : {kUnlisted, "", "anonymous", "4155550101"}) {
      INFO(caller);
      InboundScreening s = ScreenInbound(h.state, caller);
      CHECK(s.action == InboundAction::kAccept);
      CHECK(s.priority_boost == 0);
      CHECK_FALSE(s.list.has_value());
    }
  }
  SECTION("the VIP boost is the policy's setting") {
    h.Accept(ConfigurePolicy{"ask", 25});
    CHECK(ScreenInbound(h.state, kVip).priority_boost == 25);
    h.Accept(ConfigurePolicy{"ask", 0});
    CHECK(ScreenInbound(h.state, kVip).priority_boost == 0);
    CHECK(ScreenInbound(h.state, kVip).list == NumberList::kVip);
  }
  SECTION("moving a number changes how it is screened") {
    h.Accept(AddNumber{kSpam, "vip", "was a false positive"});
    CHECK(ScreenInbound(h.state, kSpam).action == InboundAction::kAccept);
    CHECK(ScreenInbound(h.state, kSpam).priority_boost == 10);
  }
}

}  // namespace
}  // namespace sb::domain
