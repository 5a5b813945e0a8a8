// The click-to-call saga over real entity actors: channel choice, holds, timeouts, cancel,
// customer going offline, restart while ringing, orphan holds after a crash.
#include <catch2/catch.hpp>

#include "eventstore/event.h"
#include "tests/actors/runtime_fixture.h"

namespace sb::testing {
namespace {

using domain::AgentDecider;
using domain::AgentStatus;
using domain::CallChannel;
using domain::CallDecider;
using domain::CallMode;
using domain::CallStatus;
using domain::CustomerDecider;

TEST_CASE("an online, consenting customer is rung in the console", "[actors][c2c]") {
  RuntimeFixture f;
  f.OnlineAgent("a-1");
  f.Customer("c-1", /*consent=*/true, /*online=*/true);
  auto result = f.Call("a-1", "c-1");
  REQUIRE(result.status.ok());
  REQUIRE_FALSE(result.rejection);
  CHECK(result.call.channel == CallChannel::kInApp);
  CHECK(result.call.mode == CallMode::kLive);
  CHECK(result.call.status == CallStatus::kRinging);
  CHECK(f.Get<AgentDecider>("a-1").status == AgentStatus::kOnCall);
  CHECK(f.Get<CustomerDecider>("c-1").line_call_id == result.call_id);

  REQUIRE(f.Ask<CallDecider>(result.call_id, domain::AcceptCall{}).ok());
  auto ended = f.Ask<CallDecider>(result.call_id, domain::EndCall{""});
  CHECK(ended.state.status == CallStatus::kCompleted);
  RuntimeFixture::WaitUntil([&] {
    return !f.Get<AgentDecider>("a-1").OnCall() && !f.Get<CustomerDecider>("c-1").LineHeld();
  });
  CHECK(f.Get<AgentDecider>("a-1").status == AgentStatus::kOnline);
}

TEST_CASE("an offline or non-consenting customer is a PSTN call in mock mode", "[actors][c2c]") {
  RuntimeFixture f;
  f.OnlineAgent("a-1");
  f.OnlineAgent("a-2");
  f.Customer("offline", true, false);
  f.Customer("no-consent", false, true);
  for (auto [agent, lead] : {std::pair{"a-1", "offline"}, std::pair{"a-2", "no-consent"}}) {
    auto result = f.Call(agent, lead);
    REQUIRE_FALSE(result.rejection);
    CHECK(result.call.channel == CallChannel::kPstn);
    CHECK(result.call.mode == CallMode::kMock);
    CHECK(result.call.status == CallStatus::kInitiated);
  }
}

TEST_CASE("a refused request writes nothing", "[actors][c2c]") {
  RuntimeFixture f;
  f.OnlineAgent("a-1");
  f.Customer("c-1", true, true);
  const uint64_t before = f.store().LastPosition();
  SECTION("missing phone") {
    auto r = f.Call("a-1", "c-1", "");
    REQUIRE(r.rejection);
    CHECK(r.rejection->code == "phone_required");
  }
  SECTION("bad phone") {
    auto r = f.Call("a-1", "c-1", "12345");
    REQUIRE(r.rejection);
    CHECK(r.rejection->code == "invalid_phone");
  }
  SECTION("unknown customer") {
    auto r = f.Call("a-1", "nobody");
    REQUIRE(r.rejection);
    CHECK(r.rejection->code == "customer_not_found");
  }
  SECTION("unknown agent") {
    auto r = f.Call("nobody", "c-1");
    REQUIRE(r.rejection);
    CHECK(r.rejection->code == "agent_not_found");
  }
  CHECK(f.store().LastPosition() == before);
}

TEST_CASE("an agent on a call is agent_busy and the customer is untouched", "[actors][c2c]") {
  RuntimeFixture f;
  f.OnlineAgent("a-1");
  f.Customer("c-1", true, false);
  f.Customer("c-2", true, false);
  auto first = f.Call("a-1", "c-1");
  REQUIRE_FALSE(first.rejection);
  const uint64_t c2_version = f.store().StreamVersion("acme/customer/c-2").value();
  auto second = f.Call("a-1", "c-2");
  REQUIRE(second.rejection);
  CHECK(second.rejection->code == "agent_busy");
  CHECK(second.rejection->holder == first.call_id);
  CHECK(f.store().StreamVersion("acme/customer/c-2").value() == c2_version);
}

TEST_CASE("an agent on break cannot call", "[actors][c2c]") {
  RuntimeFixture f;
  f.OnlineAgent("a-1");
  REQUIRE(f.Ask<AgentDecider>("a-1", domain::ChangeAgentStatus{AgentStatus::kBreak, "tea"}).ok());
  f.Customer("c-1", true, false);
  auto r = f.Call("a-1", "c-1");
  REQUIRE(r.rejection);
  CHECK(r.rejection->code == "agent_unavailable");
  CHECK_FALSE(f.Get<CustomerDecider>("c-1").LineHeld());
}

TEST_CASE("an unanswered call times out and releases agent and line", "[actors][c2c]") {
  actors::RuntimeOptions options;
  options.click_to_call.ring_timeout_seconds = 1;
  RuntimeFixture f(options);
  f.OnlineAgent("a-1");
  f.Customer("c-1", true, true);
  auto call = f.Call("a-1", "c-1");
  REQUIRE_FALSE(call.rejection);
  RuntimeFixture::WaitUntil([&] { return f.Get<CallDecider>(call.call_id).IsTerminal(); });
  auto state = f.Get<CallDecider>(call.call_id);
  CHECK(state.status == CallStatus::kTimeout);
  CHECK(state.end_reason == "timeout");
  CHECK(*state.ended_at >= state.initiated_at + domain::Seconds(1));
  RuntimeFixture::WaitUntil([&] {
    return !f.Get<AgentDecider>("a-1").OnCall() && !f.Get<CustomerDecider>("c-1").LineHeld();
  });
}

TEST_CASE("the agent cancels before an answer", "[actors][c2c]") {
  RuntimeFixture f;
  f.OnlineAgent("a-1");
  f.Customer("c-1", true, true);
  auto call = f.Call("a-1", "c-1");
  auto canceled = f.Ask<CallDecider>(call.call_id, domain::CancelCall{""});
  CHECK(canceled.state.status == CallStatus::kCanceled);
  RuntimeFixture::WaitUntil([&] { return !f.Get<CustomerDecider>("c-1").LineHeld(); });
  // The customer is free again: another agent may call.
  f.OnlineAgent("a-2");
  CHECK_FALSE(f.Call("a-2", "c-1").rejection);
}

TEST_CASE("the customer going offline mid-request fails the call", "[actors][c2c]") {
  RuntimeFixture f;
  f.OnlineAgent("a-1");
  f.Customer("c-1", true, true);
  auto call = f.Call("a-1", "c-1");
  REQUIRE(call.call.channel == CallChannel::kInApp);
  REQUIRE(f.Ask<CustomerDecider>("c-1", domain::DisconnectCustomer{"conn-c-1", 1}).ok());
  RuntimeFixture::WaitUntil([&] { return f.Get<CallDecider>(call.call_id).IsTerminal(); });
  auto state = f.Get<CallDecider>(call.call_id);
  CHECK(state.status == CallStatus::kFailed);
  CHECK(state.end_reason == "customer_offline");
  RuntimeFixture::WaitUntil([&] { return !f.Get<AgentDecider>("a-1").OnCall(); });
}

TEST_CASE("a restart while ringing still times out at the original deadline", "[actors][c2c]") {
  actors::RuntimeOptions options;
  options.click_to_call.ring_timeout_seconds = 2;
  RuntimeFixture f(options);
  f.OnlineAgent("a-1");
  f.Customer("c-1", true, false);
  auto call = f.Call("a-1", "c-1");
  REQUIRE_FALSE(call.rejection);
  const auto deadline = *call.call.deadline;
  f.Restart();
  RuntimeFixture::WaitUntil([&] { return f.Get<CallDecider>(call.call_id).IsTerminal(); });
  auto state = f.Get<CallDecider>(call.call_id);
  CHECK(state.status == CallStatus::kTimeout);
  CHECK(*state.ended_at >= deadline);
  RuntimeFixture::WaitUntil([&] { return !f.Get<AgentDecider>("a-1").OnCall(); });
}

TEST_CASE("holds of a call that never came to exist are released on start", "[actors][c2c]") {
  RuntimeFixture f;
  f.OnlineAgent("a-1");
  f.Customer("c-1", true, false);
  // What a crash between the saga's steps leaves: agent and line held for call "lost".
  REQUIRE(f.Ask<AgentDecider>("a-1", domain::ReserveAgentForCall{"lost"}).ok());
  REQUIRE(f.Ask<CustomerDecider>("c-1", domain::RequestCustomerLine{"lost", "a-1"}).ok());
  f.Restart();
  RuntimeFixture::WaitUntil([&] {
    return !f.Get<AgentDecider>("a-1").OnCall() && !f.Get<CustomerDecider>("c-1").LineHeld();
  });
  CHECK(f.Get<AgentDecider>("a-1").status == AgentStatus::kOnline);
}

TEST_CASE("consoles open when the process died are disconnected on start", "[actors][c2c]") {
  actors::RuntimeOptions options;
  options.presence_grace_seconds = 1;
  RuntimeFixture f(options);
  f.Customer("c-1", true, true);
  REQUIRE(domain::IsOnline(f.Get<CustomerDecider>("c-1")));
  f.Restart();
  RuntimeFixture::WaitUntil([&] { return !domain::IsOnline(f.Get<CustomerDecider>("c-1")); });
}

}  // namespace
}  // namespace sb::testing
