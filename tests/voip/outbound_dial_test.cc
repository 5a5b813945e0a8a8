// Click-to-call through real providers: the dial request on the wire, failover by priority
// with retries, the circuit breaker, and a call no provider takes.
#include <catch2/catch.hpp>

#include "tests/providers/wire_decode.h"
#include "tests/voip/voip_fixture.h"

namespace sb::testing {
namespace {

using namespace std::chrono_literals;

// Fast retries and a breaker that opens after two failures, so the scenarios stay short.
ServerFixture DialingServer() {
  return ServerFixture([](http::api::AppOptions& o) {
    o.dialing.dialer.backoff_base = std::chrono::milliseconds(20);
    o.dialing.breaker.failure_threshold = 2;
    o.dialing.breaker.open_for = std::chrono::milliseconds(60'000);
  });
}

// Waits until the call has `n` recorded dial attempts (or has ended) and returns it.
boost::json::object AfterAttempts(ServerFixture& s, const VoipCast& cast, const std::string& id,
                                  int64_t n) {
  boost::json::object call;
  FixtureWait([&] {
    call = CallNow(s, cast, id);
    return call.at("dial_attempts").as_int64() >= n;
  });
  return call;
}

TEST_CASE("dial: a PSTN call leaves through Twilio's Calls.json with basic auth and callback",
          "[integration][voip]") {
  FakeProvider twilio;
  twilio.SetBehavior(TwilioAccepts("CA1111"));
  auto s = DialingServer();
  VoipCast cast;
  OnlineAgent(s, cast);
  const std::string provider = AddTwilio(s, cast, twilio, 1);

  auto initiated = InitiatePstn(s, cast);
  INFO(initiated.body);
  REQUIRE(initiated.status == 201);
  auto session = SessionOf(initiated);
  const std::string call_id = Str(session.at("id"));
  CHECK(Str(session.at("channel")) == "PSTN");
  CHECK(Str(session.at("mode")) == "live");  // a provider exists: no mock
  CHECK(Str(session.at("from_phone")) == "+14155550199");

  REQUIRE(twilio.WaitForRequests(1, 10s));
  const RecordedRequest sent = twilio.requests().front();
  CHECK(sent.method == "POST");
  CHECK(sent.target == std::string("/2010-04-01/Accounts/") + kTwilioSid + "/Calls.json");
  CHECK(DecodeBasic(*sent.Header("Authorization")) == std::string(kTwilioSid) + ":" + kTwilioToken);
  const Fields form = DecodeForm(sent.body);
  CHECK(Value(form, "To") == "+14155550100");
  CHECK(Value(form, "From") == "+14155550199");
  const std::string callback = Value(form, "StatusCallback");
  CHECK(callback.find("/api/webhooks/call/status?tenant=acme&call_id=" + call_id) !=
        std::string::npos);

  auto call = AfterAttempts(s, cast, call_id, 1);
  CHECK(Str(call.at("provider_id")) == provider);
  CHECK(Str(call.at("provider_call_id")) == "CA1111");
  CHECK(Str(call.at("status")) == "INITIATED");  // Twilio's webhooks move it on
  auto attempts = EventsOf(s, call_id, "CallDialAttempted");
  REQUIRE(attempts.size() == 1);
  CHECK(Str(attempts[0].at("outcome")) == "accepted");
  CHECK(Str(attempts[0].at("provider_type")) == "twilio");
  CHECK(attempts[0].at("http_status").as_int64() == 201);
}

TEST_CASE("dial: retries a failing provider, then fails over to the next by priority",
          "[integration][voip]") {
  FakeProvider primary, backup;
  primary.SetBehavior(Fails(503));
  backup.SetBehavior(TwilioAccepts("CA2222"));
  auto s = DialingServer();
  VoipCast cast;
  OnlineAgent(s, cast);
  AddTwilio(s, cast, backup, 2, 0, "Backup");
  const std::string first = AddTwilio(s, cast, primary, 1, /*retry_count=*/1, "Primary");

  auto initiated = InitiatePstn(s, cast);
  REQUIRE(initiated.status == 201);
  const std::string call_id = Str(SessionOf(initiated).at("id"));
  auto call = AfterAttempts(s, cast, call_id, 3);
  CHECK(Str(call.at("provider_call_id")) == "CA2222");
  CHECK(primary.requests().size() == 2);  // the first try and its one retry
  CHECK(backup.requests().size() == 1);

  auto attempts = EventsOf(s, call_id, "CallDialAttempted");
  REQUIRE(attempts.size() == 3);
  CHECK(Str(attempts[0].at("provider_id")) == first);
  CHECK(Str(attempts[0].at("outcome")) == "failed");
  CHECK(attempts[0].at("retryable").as_bool());
  CHECK(attempts[0].at("http_status").as_int64() == 503);
  CHECK(Str(attempts[1].at("outcome")) == "failed");
  CHECK(Str(attempts[2].at("provider_name")) == "Backup");
  CHECK(Str(attempts[2].at("outcome")) == "accepted");
  for (int i = 0; i < 3; ++i) CHECK(attempts[i].at("number").as_int64() == i + 1);
}

TEST_CASE("dial: an explicit provider is the only one tried; bad ones are refused",
          "[integration][voip]") {
  FakeProvider a, b;
  a.SetBehavior(TwilioAccepts("CA-A"));
  b.SetBehavior(TwilioAccepts("CA-B"));
  auto s = DialingServer();
  VoipCast cast;
  OnlineAgent(s, cast);
  AddTwilio(s, cast, a, 1, 0, "A");
  const std::string second = AddTwilio(s, cast, b, 2, 0, "B");

  auto initiated = InitiatePstn(s, cast, R"(,"provider_id":")" + second + "\"");
  REQUIRE(initiated.status == 201);
  const std::string call_id = Str(SessionOf(initiated).at("id"));
  CHECK(Str(AfterAttempts(s, cast, call_id, 1).at("provider_call_id")) == "CA-B");
  CHECK(a.requests().empty());

  const uint64_t before = s.store().LastPosition();
  auto missing = InitiatePstn(s, cast, R"(,"provider_id":"nope")");
  CHECK(missing.status == 422);
  CHECK(Str(missing.Json().at("error").at("code")) == "provider_not_found");
  REQUIRE(s.Call("PUT", "/api/v1/voip-providers/" + second, cast.admin, R"({"is_active":false})")
              .status == 200);
  const uint64_t after_put = s.store().LastPosition();
  CHECK(after_put == before + 1);
  auto inactive = InitiatePstn(s, cast, R"(,"provider_id":")" + second + "\"");
  CHECK(inactive.status == 422);
  CHECK(Str(inactive.Json().at("error").at("code")) == "provider_inactive");
  CHECK(s.store().LastPosition() == after_put);
}

TEST_CASE("dial: the circuit breaker skips a provider that keeps failing", "[integration][voip]") {
  FakeProvider flaky, steady;
  flaky.SetBehavior(Fails(500));
  steady.SetBehavior(TwilioAccepts("CA-OK"));
  auto s = DialingServer();  // opens after 2 consecutive failures
  VoipCast cast;
  OnlineAgent(s, cast);
  const std::string bad = AddTwilio(s, cast, flaky, 1, 0, "Flaky");
  AddTwilio(s, cast, steady, 2, 0, "Steady");

  std::vector<std::string> calls;
  for (int i = 0; i < 3; ++i) {
    auto initiated = InitiatePstn(s, cast);
    REQUIRE(initiated.status == 201);
    calls.push_back(Str(SessionOf(initiated).at("id")));
    auto call = AfterAttempts(s, cast, calls.back(), 2);
    CHECK(Str(call.at("provider_call_id")) == "CA-OK");
    // Free the agent for the next call.
    REQUIRE(
        s.Call("POST", "/api/v1/click-to-call/sessions/" + calls.back() + "/end", cast.agent, "{}")
            .status == 200);
    FixtureWait([&] {
      return Str(s.Call("GET", "/api/v1/agents/a-1", cast.admin).Json().at("status")) == "online";
    });
  }
  CHECK(flaky.requests().size() == 2);  // the third call did not ask it
  auto third = EventsOf(s, calls[2], "CallDialAttempted");
  REQUIRE(third.size() == 2);
  CHECK(Str(third[0].at("provider_id")) == bad);
  CHECK(Str(third[0].at("outcome")) == "skipped");
  CHECK(Str(third[1].at("outcome")) == "accepted");
}

TEST_CASE("dial: a call no provider takes ends FAILED and frees the agent", "[integration][voip]") {
  FakeProvider down;
  down.SetBehavior(Fails(401));  // bad credentials: permanent, no retry
  auto s = DialingServer();
  VoipCast cast;
  OnlineAgent(s, cast);
  AddTwilio(s, cast, down, 1, /*retry_count=*/3);

  auto initiated = InitiatePstn(s, cast);
  REQUIRE(initiated.status == 201);
  const std::string call_id = Str(SessionOf(initiated).at("id"));
  boost::json::object call;
  FixtureWait([&] {
    call = CallNow(s, cast, call_id);
    return Str(call.at("status")) == "FAILED";
  });
  CHECK(Str(call.at("end_reason")).rfind("provider_failed: ", 0) == 0);
  CHECK(call.at("dial_attempts").as_int64() == 1);  // a 401 is not retried
  CHECK(down.requests().size() == 1);
  FixtureWait([&] {
    return Str(s.Call("GET", "/api/v1/agents/a-1", cast.admin).Json().at("status")) != "on_call";
  });
}

TEST_CASE("dial: without a provider a PSTN call stays an explicit mock", "[integration][voip]") {
  auto s = DialingServer();
  VoipCast cast;
  OnlineAgent(s, cast);
  auto initiated = InitiatePstn(s, cast);
  REQUIRE(initiated.status == 201);
  CHECK(Str(SessionOf(initiated).at("mode")) == "mock");
}

}  // namespace
}  // namespace sb::testing
