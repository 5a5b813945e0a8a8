// The races of issue 5 §3, decided once (built and run under ThreadSanitizer too): two agents
// accepting one offer, and one webhook delivered several times at once.
#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/voip/voip_fixture.h"

namespace sb::testing {
namespace {

TEST_CASE("inbound: two agents accepting one ring-all offer: exactly one gets the call",
          "[integration][voip]") {
  auto s = WebhookServer();
  Team team;
  InboundNumber(s, team);
  Queue(s, team, R"({"name":"Support","strategy":"ring_all","offer_timeout_seconds":60})");
  auto ws1 = s.Console(team.a1);
  auto ws2 = s.Console(team.a2);
  Agent(s, team, "a-1", team.a1);
  Agent(s, team, "a-2", team.a2);
  // Both free before the call arrives, so the one offer rings at both.
  FixtureWait([&] {
    return s.Call("GET", "/api/v1/queues/default", team.admin)
               .Json()
               .at("agents_available")
               .as_int64() == 2;
  });
  const std::string call_id = IncomingCall(s, "CA9004");
  const std::string offer_id = Str(NextFrame(*ws1, "call-offer").at("data").at("offer_id"));
  CHECK(Str(NextFrame(*ws2, "call-offer").at("data").at("offer_id")) == offer_id);

  std::atomic<int> won{0}, lost{0};
  std::thread t1([&] {
    auto r = RacingCall(s.port(), "POST", "/api/v1/offers/" + offer_id + "/accept", team.a1, "{}");
    (r.status == 200 ? won : lost)++;
  });
  std::thread t2([&] {
    auto r = RacingCall(s.port(), "POST", "/api/v1/offers/" + offer_id + "/accept", team.a2, "{}");
    (r.status == 200 ? won : lost)++;
  });
  t1.join();
  t2.join();
  CHECK(won == 1);
  CHECK(lost == 1);
  FixtureWait([&] {
    auto call = s.Call("GET", "/api/v1/click-to-call/sessions/" + call_id, team.admin).Json();
    return !OrEmpty(call.at("agent_id")).empty();
  });
  auto call = s.Call("GET", "/api/v1/click-to-call/sessions/" + call_id, team.admin).Json();
  const std::string winner = Str(call.at("agent_id"));
  const std::string loser = winner == "a-1" ? "a-2" : "a-1";
  FixtureWait([&] { return AgentStatus(s, team, winner) == "on_call"; });
  CHECK(AgentStatus(s, team, loser) == "online");
}

TEST_CASE("webhooks: the same delivery racing itself is applied once", "[integration][voip]") {
  FakeProvider twilio;
  auto s = WebhookServer();
  VoipCast cast;
  const std::string call_id = PlacedCall(s, cast, twilio, "CA7003");
  const std::string target = StatusTarget(call_id);
  const Form answered = TwilioStatus("CA7003", "in-progress", 2);
  const std::string signature =
      webhooks::ComputeTwilioSignature(kTwilioToken, std::string(kPublicUrl) + target, answered);
  const std::string body = providers::FormEncode(answered);

  std::atomic<int> ok{0}, duplicates{0};
  std::vector<std::thread> senders;
  for (int i = 0; i < 8; ++i) {
    senders.emplace_back([&] {
      auto reply =
          RacingCall(s.port(), "POST", target, "", body, {{"X-Twilio-Signature", signature}},
                     "application/x-www-form-urlencoded");
      if (reply.status == 200) {
        ++ok;
        if (reply.Json().at("duplicate").as_bool()) ++duplicates;
      }
    });
  }
  for (auto& t : senders) t.join();
  CHECK(ok == 8);
  CHECK(duplicates == 7);
  CHECK(EventsOf(s, call_id, "CallConnected").size() == 1);
  const std::string provider = Str(CallNow(s, cast, call_id).at("provider_id"));
  auto log = s.store().ReadStream("acme/webhook/" + provider, 1, es::Direction::kForward, 100);
  REQUIRE(log.ok());
  CHECK(log->size() == 1);
}

}  // namespace
}  // namespace sb::testing
