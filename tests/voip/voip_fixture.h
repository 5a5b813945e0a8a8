// Shared by the VoIP tests: the real server, fake providers on 127.0.0.1, and the steps every
// scenario starts from (an online agent, a provider pointed at a fake).
#ifndef SWITCHBOARD_TESTS_VOIP_VOIP_FIXTURE_H_
#define SWITCHBOARD_TESTS_VOIP_VOIP_FIXTURE_H_

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "eventstore/event_store.h"
#include "http/providers/encoding.h"
#include "http/webhooks/generic_signature.h"
#include "http/webhooks/twilio_signature.h"
#include "tests/app/server_fixture.h"
#include "tests/providers/fake_provider.h"

namespace sb::testing {

// A string field that reads null when unset.
inline std::string OrEmpty(const boost::json::value& v) {
  return v.is_string() ? std::string(v.as_string()) : std::string();
}

struct VoipCast {
  std::string admin = ServerFixture::Token("admin", "ops");
  std::string agent = ServerFixture::Token("agent", "a-1");
};

inline constexpr char kTwilioSid[] = "AC0123456789abcdef0123456789abcdef";
inline constexpr char kTwilioToken[] = "twilio-auth-token";

// Agent a-1, online.
inline void OnlineAgent(ServerFixture& s, const VoipCast& cast) {
  REQUIRE(s.Call("PUT", "/api/v1/agents/a-1", cast.admin, R"({"name":"Ada"})").status == 201);
  REQUIRE(s.Call("PUT", "/api/v1/agents/a-1/status", cast.agent, R"({"status":"online"})").status ==
          200);
}

// A Twilio account whose API is `fake`; returns the provider's id.
inline std::string AddTwilio(ServerFixture& s, const VoipCast& cast, const FakeProvider& fake,
                             int priority, int retry_count = 0, const std::string& name = "Twilio",
                             const std::string& callback_url = "") {
  boost::json::object body{
      {"provider_name", name},
      {"provider_type", "TWILIO"},
      {"api_url", fake.base_url()},
      {"account_sid", kTwilioSid},
      {"auth_token", kTwilioToken},
      {"phone_number", "+14155550199"},
      {"callback_url", callback_url.empty() ? "http://127.0.0.1:" + std::to_string(s.port()) +
                                                  "/api/webhooks/call/status"
                                            : callback_url},
      {"retry_count", retry_count},
      {"timeout_seconds", 5},
      {"priority", priority},
      {"settings", boost::json::object{{"answer_url", "https://app.example.com/twiml"}}},
  };
  auto reply = s.Call("POST", "/api/v1/voip-providers", cast.admin, boost::json::serialize(body));
  INFO(reply.body);
  REQUIRE(reply.status == 201);
  return Str(reply.Json().at("id"));
}

// Twilio's answer to a Calls.json POST that placed the call.
inline Behavior TwilioAccepts(const std::string& sid) {
  Behavior b;
  b.status = 201;
  b.body = R"({"sid":")" + sid + R"(","status":"queued"})";
  return b;
}

inline Behavior Fails(int status) {
  Behavior b;
  b.status = status;
  b.body = R"({"code":20500,"message":"Internal Server Error"})";
  return b;
}

inline HttpReply InitiatePstn(ServerFixture& s, const VoipCast& cast,
                              const std::string& extra = "") {
  return s.Call("POST", "/api/v1/click-to-call/initiate", cast.agent,
                R"({"to_phone":"+14155550100","contact_name":"Cy")" + extra + "}");
}

inline boost::json::object SessionOf(const HttpReply& reply) {
  return reply.Json().as_object().at("session").as_object();
}

// The call's session as the API shows it now.
inline boost::json::object CallNow(ServerFixture& s, const VoipCast& cast,
                                   const std::string& call_id) {
  auto reply = s.Call("GET", "/api/v1/click-to-call/sessions/" + call_id, cast.admin);
  REQUIRE(reply.status == 200);
  return reply.Json().as_object();
}

// The payloads of the call stream's events of `type`, in order.
inline std::vector<boost::json::object> EventsOf(ServerFixture& s, const std::string& call_id,
                                                 const std::string& type,
                                                 const std::string& tenant = "acme") {
  auto events = s.store().ReadStream(tenant + "/call/" + call_id, 1, es::Direction::kForward, 1000);
  REQUIRE(events.ok());
  std::vector<boost::json::object> out;
  for (const auto& e : *events) {
    if (e.type == type) out.push_back(boost::json::parse(e.payload).as_object());
  }
  return out;
}

// The base URL providers call us at in these tests (behind a TLS proxy, as in production).
inline constexpr char kPublicUrl[] = "https://sb.example.com";

inline ServerFixture WebhookServer(std::function<void(http::api::AppOptions&)> more = {}) {
  return ServerFixture([more](http::api::AppOptions& o) {
    o.api.public_url = kPublicUrl;
    o.dialing.dialer.backoff_base = std::chrono::milliseconds(20);
    if (more) more(o);
  });
}

using Form = providers::FormFields;

// A form post, as providers send them.
inline HttpReply PostForm(ServerFixture& s, const std::string& target, const std::string& body,
                          HeaderList headers = {}) {
  HttpClient client("127.0.0.1", s.port());
  auto reply =
      client.Request("POST", target, body, std::move(headers), "application/x-www-form-urlencoded");
  INFO("POST " << target << ": " << reply.status().ToString());
  REQUIRE(reply.ok());
  return std::move(reply).value();
}

// A Twilio form post to `target`, signed as Twilio signs it (or with `token` instead).
inline HttpReply PostTwilio(ServerFixture& s, const std::string& target, const Form& form,
                            const std::string& token = kTwilioToken) {
  const std::string signature =
      webhooks::ComputeTwilioSignature(token, std::string(kPublicUrl) + target, form);
  return PostForm(s, target, providers::FormEncode(form), {{"X-Twilio-Signature", signature}});
}

// For threads racing each other: one request without Catch's macros (Catch is not
// thread-safe); a transport failure reads as status 0.
inline HttpReply RacingCall(uint16_t port, const std::string& method, const std::string& target,
                            const std::string& token, const std::string& body = {},
                            HeaderList headers = {},
                            const std::string& content_type = "application/json") {
  HttpClient client("127.0.0.1", port);
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  auto reply = client.Request(method, target, body, std::move(headers), content_type);
  return reply.ok() ? std::move(reply).value() : HttpReply{};
}

// Twilio's status callback for `sid`.
inline Form TwilioStatus(const std::string& sid, const std::string& status, int sequence,
                         const std::string& direction = "outbound-api") {
  return Form{{"AccountSid", kTwilioSid},
              {"CallSid", sid},
              {"CallStatus", status},
              {"Direction", direction},
              {"From", "+14155550199"},
              {"To", "+14155550100"},
              {"SequenceNumber", std::to_string(sequence)},
              {"ApiVersion", "2010-04-01"}};
}

// Twilio's request to the number's voice URL when a customer calls it.
inline Form TwilioIncoming(const std::string& sid, const std::string& from = "+14155550123") {
  return Form{{"AccountSid", kTwilioSid},
              {"CallSid", sid},
              {"CallStatus", "ringing"},
              {"Direction", "inbound"},
              {"From", from},
              {"To", "+14155550199"},
              {"ApiVersion", "2010-04-01"},
              {"CallerName", "Cy Caller"}};
}

inline int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A seed 001 generic event, signed with `secret` at `timestamp`.
inline HttpReply PostGeneric(ServerFixture& s, const std::string& target, const std::string& body,
                             const std::string& secret, int64_t timestamp = NowSeconds()) {
  return s.Call("POST", target, "", body,
                {{"Content-Type", "application/json"},
                 {"X-Signature", webhooks::ComputeGenericSignature(secret, body)},
                 {"X-Timestamp", std::to_string(timestamp)}});
}

// Inbound scenarios: staff and two agents.
struct Team {
  std::string admin = ServerFixture::Token("admin", "ops");
  std::string supervisor = ServerFixture::Token("supervisor", "sup");
  std::string a1 = ServerFixture::Token("agent", "a-1");
  std::string a2 = ServerFixture::Token("agent", "a-2");
};

inline void Agent(ServerFixture& s, const Team& team, const std::string& id,
                  const std::string& token, const std::string& status = "online") {
  REQUIRE(s.Call("PUT", "/api/v1/agents/" + id, team.admin,
                 R"({"name":"Agent )" + id + R"(","skills":{"support":5}})")
              .status == 201);
  REQUIRE(
      s.Call("PUT", "/api/v1/agents/" + id + "/status", token, R"({"status":")" + status + "\"}")
          .status == 200);
}

inline void Queue(ServerFixture& s, const Team& team, const std::string& body) {
  auto reply = s.Call("PUT", "/api/v1/queues/default", team.admin, body);
  INFO(reply.body);
  REQUIRE((reply.status == 201 || reply.status == 200));
}

// A Twilio account for inbound calls (its API is never called here).
inline void InboundNumber(ServerFixture& s, const Team& team) {
  FakeProvider unused;
  VoipCast cast;
  cast.admin = team.admin;
  AddTwilio(s, cast, unused, 1);
}

inline std::string AgentStatus(ServerFixture& s, const Team& team, const std::string& id) {
  return Str(s.Call("GET", "/api/v1/agents/" + id, team.admin).Json().at("status"));
}

// Twilio calls our voice URL: the caller is enqueued (TwiML), and the call's id is returned.
inline std::string IncomingCall(ServerFixture& s, const std::string& sid) {
  auto reply = PostTwilio(s, "/api/webhooks/call/incoming?tenant=acme", TwilioIncoming(sid));
  INFO(reply.body);
  REQUIRE(reply.status == 200);
  CHECK(reply.Header("content-type").value_or("").rfind("text/xml", 0) == 0);
  CHECK(reply.body.find("<Enqueue>default</Enqueue>") != std::string::npos);
  std::string call_id;
  FixtureWait([&] {
    auto q = s.Call("GET", "/api/v1/queues/default", ServerFixture::Token("admin", "ops"));
    if (q.status != 200) return false;
    const auto queue = q.Json();
    for (const auto& t : queue.at("tasks").as_array()) {
      if (Str(t.at("caller_number")) == "+14155550123") call_id = Str(t.at("call_id"));
    }
    return !call_id.empty();
  });
  return call_id;
}

// An outbound call placed through a fake Twilio that answered with `sid`.
inline std::string PlacedCall(ServerFixture& s, const VoipCast& cast, FakeProvider& twilio,
                              const std::string& sid) {
  twilio.SetBehavior(TwilioAccepts(sid));
  OnlineAgent(s, cast);
  AddTwilio(s, cast, twilio, 1, 0, "Twilio", std::string(kPublicUrl) + "/api/webhooks/call/status");
  auto initiated = InitiatePstn(s, cast);
  REQUIRE(initiated.status == 201);
  const std::string call_id = Str(SessionOf(initiated).at("id"));
  FixtureWait([&] { return OrEmpty(CallNow(s, cast, call_id).at("provider_call_id")) == sid; });
  return call_id;
}

inline std::string StatusTarget(const std::string& call_id) {
  return "/api/webhooks/call/status?tenant=acme&call_id=" + call_id;
}

}  // namespace sb::testing

#endif  // SWITCHBOARD_TESTS_VOIP_VOIP_FIXTURE_H_
