// Provider webhooks over real HTTP: Twilio's signed status callbacks moving an outbound call
// (duplicates once, never backwards), refused signatures writing nothing, seed 001's generic
// events, concurrent redeliveries, and the webhook log.
#include <catch2/catch.hpp>

#include "tests/voip/voip_fixture.h"

namespace sb::testing {
namespace {

using namespace std::chrono_literals;

TEST_CASE("webhooks: Twilio status callbacks drive the call, once each, never backwards",
          "[integration][voip]") {
  FakeProvider twilio;
  auto s = WebhookServer();
  VoipCast cast;
  const std::string call_id = PlacedCall(s, cast, twilio, "CA7001");
  const std::string target = StatusTarget(call_id);

  auto ringing = PostTwilio(s, target, TwilioStatus("CA7001", "ringing", 1));
  INFO(ringing.body);
  REQUIRE(ringing.status == 200);
  CHECK_FALSE(ringing.Json().at("duplicate").as_bool());
  CHECK(Str(CallNow(s, cast, call_id).at("status")) == "RINGING");

  REQUIRE(PostTwilio(s, target, TwilioStatus("CA7001", "in-progress", 2)).status == 200);
  CHECK(Str(CallNow(s, cast, call_id).at("status")) == "CONNECTED");

  // Twilio retries: answered 200 again, nothing written.
  const uint64_t before = s.store().LastPosition();
  auto again = PostTwilio(s, target, TwilioStatus("CA7001", "in-progress", 2));
  REQUIRE(again.status == 200);
  CHECK(again.Json().at("duplicate").as_bool());
  CHECK(s.store().LastPosition() == before);

  // A late ringing (sent before the answer, delivered after it) changes nothing on the call.
  auto late = PostTwilio(s, target, TwilioStatus("CA7001", "ringing", 3));
  REQUIRE(late.status == 200);
  CHECK(Str(late.Json().at("ignored")) == "no_change");
  CHECK(Str(CallNow(s, cast, call_id).at("status")) == "CONNECTED");

  Form completed = TwilioStatus("CA7001", "completed", 4);
  completed.emplace_back("CallDuration", "42");
  REQUIRE(PostTwilio(s, target, completed).status == 200);
  auto call = CallNow(s, cast, call_id);
  CHECK(Str(call.at("status")) == "COMPLETED");
  CHECK(Str(call.at("end_reason")) == "call_completed");
  REQUIRE(PostTwilio(s, target, TwilioStatus("CA7001", "ringing", 5)).status == 200);
  CHECK(Str(CallNow(s, cast, call_id).at("status")) == "COMPLETED");
  // The agent is free again once the provider says the call is over.
  FixtureWait([&] {
    return Str(s.Call("GET", "/api/v1/agents/a-1", cast.admin).Json().at("status")) == "online";
  });

  // The webhook log: every distinct delivery once, newest first; admins only.
  const std::string provider = Str(CallNow(s, cast, call_id).at("provider_id"));
  auto log = s.Call("GET", "/api/v1/admin/webhooks?provider_id=" + provider, cast.admin);
  REQUIRE(log.status == 200);
  auto entries = log.Json().at("webhooks").as_array();
  REQUIRE(entries.size() == 5);  // ringing, in-progress, late ringing, completed, ringing
  CHECK(Str(entries[1].at("raw_status")) == "completed");
  CHECK(entries[1].at("duration_seconds").as_int64() == 42);
  CHECK(Str(entries[4].at("kind")) == "ringing");
  CHECK(Str(entries[4].at("call_id")) == call_id);
  CHECK(s.Call("GET", "/api/v1/admin/webhooks", cast.admin).status == 400);
  CHECK(s.Call("GET", "/api/v1/admin/webhooks?provider_id=" + provider,
               ServerFixture::Token("supervisor", "sup"))
            .status == 403);
}

TEST_CASE("webhooks: a missing, tampered or foreign signature is 403 and writes nothing",
          "[integration][voip]") {
  FakeProvider twilio;
  auto s = WebhookServer();
  VoipCast cast;
  const std::string call_id = PlacedCall(s, cast, twilio, "CA7002");
  const std::string target = StatusTarget(call_id);
  const Form ringing = TwilioStatus("CA7002", "ringing", 1);
  const uint64_t before = s.store().LastPosition();

  auto unsigned_post = PostForm(s, target, providers::FormEncode(ringing));
  CHECK(unsigned_post.status == 403);
  CHECK(PostTwilio(s, target, ringing, "someone-elses-token").status == 403);

  // Signed, then a parameter changed on the way.
  const std::string signature =
      webhooks::ComputeTwilioSignature(kTwilioToken, std::string(kPublicUrl) + target, ringing);
  Form tampered = ringing;
  tampered[2].second = "completed";
  auto forged =
      PostForm(s, target, providers::FormEncode(tampered), {{"X-Twilio-Signature", signature}});
  CHECK(forged.status == 403);
  CHECK(Str(forged.Json().at("error").at("code")) == "invalid_signature");
  // Signed for another URL (another call): refused too.
  CHECK(PostForm(s, StatusTarget("00000000-0000-4000-8000-000000000000"),
                 providers::FormEncode(ringing), {{"X-Twilio-Signature", signature}})
            .status == 403);
  CHECK(s.store().LastPosition() == before);
  CHECK(Str(CallNow(s, cast, call_id).at("status")) == "INITIATED");
}

TEST_CASE("webhooks: seed 001 generic events with X-Signature and X-Timestamp",
          "[integration][voip]") {
  FakeProvider ari;  // answers POST /ari/channels as Asterisk does
  Behavior channel;
  channel.body = R"({"id":"chan-1","state":"Down"})";
  ari.SetBehavior(channel);
  auto s = WebhookServer();
  VoipCast cast;
  OnlineAgent(s, cast);
  auto created = s.Call("POST", "/api/v1/voip-providers", cast.admin,
                        R"({"provider_name":"PBX","provider_type":"ASTERISK",
                            "api_url":")" +
                            ari.base_url() + R"(","auth_token":"ari:pw",
                            "api_secret":"hook-secret","phone_number":"+14155550199",
                            "settings":{"endpoint_template":"PJSIP/{{number}}@trunk",
                                        "app":"switchboard"}})");
  INFO(created.body);
  REQUIRE(created.status == 201);
  auto initiated = s.Call(
      "POST", "/api/v1/click-to-call/initiate", cast.agent,
      R"({"to_phone":"+14155550100","provider_id":")" + Str(created.Json().at("id")) + "\"}");
  REQUIRE(initiated.status == 201);
  const std::string session = Str(SessionOf(initiated).at("session_id"));
  const std::string call_id = Str(SessionOf(initiated).at("id"));
  FixtureWait(
      [&] { return OrEmpty(CallNow(s, cast, call_id).at("provider_call_id")) == "chan-1"; });
  const std::string target = "/api/v1/webhooks/voip/asterisk?tenant=acme";
  auto event = [&](const char* type, int id) {
    return std::string(R"({"event_type":")") + type + R"(","session_id":")" + session +
           R"(","event_id":")" + std::to_string(id) + R"("})";
  };

  auto answered = PostGeneric(s, target, event("CALL_ANSWERED", 1), "hook-secret");
  INFO(answered.body);
  REQUIRE(answered.status == 200);
  CHECK(Str(answered.Json().at("message")) == "Webhook processed successfully");
  FixtureWait([&] { return Str(CallNow(s, cast, call_id).at("status")) == "CONNECTED"; });

  const uint64_t before = s.store().LastPosition();
  CHECK(PostGeneric(s, target, event("CALL_ENDED", 2), "wrong-secret").status == 403);
  CHECK(PostGeneric(s, target, event("CALL_ENDED", 2), "hook-secret", NowSeconds() - 301).status ==
        403);  // a replay outside the window
  CHECK(PostGeneric(s, target, event("CALL_ENDED", 2), "hook-secret", NowSeconds() + 301).status ==
        403);
  CHECK(s.store().LastPosition() == before);
  CHECK(PostGeneric(s, "/api/v1/webhooks/voip/asterisk?tenant=globex", event("CALL_ENDED", 2),
                    "hook-secret")
            .status == 403);  // no such provider there

  auto bad =
      PostGeneric(s, target, R"({"event_type":"CALL_TELEPORTED","session_id":"x"})", "hook-secret");
  CHECK(bad.status == 400);
  REQUIRE(PostGeneric(s, target, event("CALL_ENDED", 2), "hook-secret").status == 200);
  CHECK(Str(CallNow(s, cast, call_id).at("status")) == "COMPLETED");
}

}  // namespace
}  // namespace sb::testing
