// Seed 000 end to end over real HTTP and WebSocket: presence, the profile counter, the call
// request, accept / reject / timeout / cancel / customer gone, outcome, restart while ringing.
#include <catch2/catch.hpp>

#include "tests/app/server_fixture.h"

namespace sb::testing {
namespace {

struct Cast {
  std::string admin = ServerFixture::Token("admin", "ops");
  std::string agent = ServerFixture::Token("agent", "a-1");
  std::string customer = ServerFixture::Token("customer", "c-1");
};

// Agent a-1 online, customer c-1 consenting, as the admin sets them up.
void SetUp(ServerFixture& s, const Cast& cast, bool consent = true) {
  REQUIRE(s.Call("PUT", "/api/v1/agents/a-1", cast.admin,
                 R"({"name":"Ada Agent","avatar_url":"https://cdn/ada.png","skills":{"sales":7}})")
              .status == 201);
  REQUIRE(s.Call("PUT", "/api/v1/agents/a-1/status", cast.agent,
                 R"({"status":"online","reason":"shift start"})")
              .status == 200);
  REQUIRE(s.Call("PUT", "/api/v1/customers/c-1", cast.admin,
                 std::string(R"({"name":"Cy","phone":"+14155550100","consent_in_app_calls":)") +
                     (consent ? "true" : "false") + "}")
              .status == 201);
}

// The customer's and the agent's consoles, once the customer shows online.
std::pair<std::unique_ptr<WsClient>, std::unique_ptr<WsClient>> OpenConsoles(ServerFixture& s,
                                                                             const Cast& cast) {
  auto customer_ws = s.Console(cast.customer);
  auto agent_ws = s.Console(cast.agent);
  FixtureWait([&] {
    return s.Call("GET", "/api/v1/customers/c-1", cast.agent).Json().at("online").as_bool();
  });
  return {std::move(customer_ws), std::move(agent_ws)};
}

HttpReply Initiate(ServerFixture& s, const Cast& cast) {
  return s.Call("POST", "/api/v1/click-to-call/initiate", cast.agent,
                R"({"to_phone":"+14155550100","phone_type":"MOBILE","lead_id":"c-1",
                    "contact_name":"Cy","campaign_id":"spring","metadata":{"source":"grid"}})");
}

boost::json::object Session(const HttpReply& reply) {
  return reply.Json().as_object().at("session").as_object();
}

TEST_CASE("seed 000: profile, call request, accept, end, outcome", "[integration]") {
  ServerFixture s;
  Cast cast;
  SetUp(s, cast);

  // The open console is the customer's presence.
  auto [customer_ws, agent_ws] = OpenConsoles(s, cast);
  CHECK(Str(s.Call("GET", "/api/v1/customers/c-1", cast.agent).Json().at("availability")) ==
        "live");

  // The agent loads the lead: the customer's tab counter and agent card.
  REQUIRE(s.Call("POST", "/api/v1/customers/c-1/viewers", cast.agent, "{}").status == 200);
  auto viewed = NextFrame(*customer_ws, "profile-viewed");
  CHECK(viewed.at("data").at("viewers").as_int64() == 1);
  CHECK(Str(viewed.at("data").at("agent").at("name")) == "Ada Agent");
  CHECK(viewed.at("position").to_number<uint64_t>() > 0);

  // The agent clicks Call: an online, consenting customer is rung in the console.
  auto initiated = Initiate(s, cast);
  REQUIRE(initiated.status == 201);
  CHECK(initiated.Json().at("success").as_bool());
  auto session = Session(initiated);
  const std::string call_id = Str(session.at("id"));
  CHECK(Str(session.at("channel")) == "IN_APP");
  CHECK(Str(session.at("mode")) == "live");
  CHECK(Str(session.at("status")) == "RINGING");
  CHECK(Str(session.at("agent_id")) == "a-1");
  CHECK(Str(session.at("session_id")).rfind("sess_", 0) == 0);
  CHECK(Str(session.at("metadata").at("source")) == "grid");

  auto request = NextFrame(*customer_ws, "call-request");
  CHECK(Str(request.at("data").at("call_id")) == call_id);
  CHECK(Str(request.at("data").at("agent").at("name")) == "Ada Agent");
  auto assigned = NextFrame(*agent_ws, "call-assigned");
  CHECK(Str(assigned.at("data").at("call_id")) == call_id);
  CHECK(Str(NextFrame(*agent_ws, "call-status-updated").at("data").at("status")) == "RINGING");
  CHECK(Str(s.Call("GET", "/api/v1/agents/a-1", cast.agent).Json().at("status")) == "on_call");

  // The customer accepts.
  auto accepted = s.Call("POST", "/api/v1/calls/" + call_id + "/accept", cast.customer);
  REQUIRE(accepted.status == 200);
  CHECK(Str(accepted.Json().at("status")) == "CONNECTED");
  auto connected = NextFrame(*agent_ws, "call-status-updated");
  CHECK(Str(connected.at("data").at("status")) == "CONNECTED");
  auto customer_frame = NextFrame(*customer_ws, "call-status-updated");
  if (Str(customer_frame.at("data").at("status")) == "RINGING") {
    customer_frame = NextFrame(*customer_ws, "call-status-updated");
  }
  CHECK(Str(customer_frame.at("data").at("status")) == "CONNECTED");

  // The agent hangs up; the outcome is mandatory before the task counts as done.
  auto ended = s.Call("POST", "/api/v1/click-to-call/sessions/" + call_id + "/end", cast.agent,
                      R"({"reason":"done talking"})");
  REQUIRE(ended.status == 200);
  CHECK(Str(ended.Json().at("status")) == "COMPLETED");
  CHECK_FALSE(ended.Json().at("task_done").as_bool());
  CHECK(Str(NextFrame(*agent_ws, "call-status-updated").at("data").at("status")) == "COMPLETED");

  auto no_notes = s.Call("POST", "/api/v1/click-to-call/sessions/" + call_id + "/outcome",
                         cast.agent, R"({"outcome":"Ordered"})");
  CHECK(no_notes.status == 422);
  CHECK(Str(no_notes.Json().at("error").at("code")) == "notes_required");
  auto outcome = s.Call("POST", "/api/v1/click-to-call/sessions/" + call_id + "/outcome",
                        cast.agent, R"({"outcome":"Ordered","notes":"two policies"})");
  REQUIRE(outcome.status == 200);
  CHECK(outcome.Json().at("task_done").as_bool());

  auto got = s.Call("GET", "/api/v1/click-to-call/sessions/" + call_id, cast.customer);
  REQUIRE(got.status == 200);
  CHECK(Str(got.Json().at("status")) == "COMPLETED");
  CHECK(got.Json().at("duration_seconds").is_int64());
  // Agent and line are free again.
  FixtureWait([&] {
    return Str(s.Call("GET", "/api/v1/agents/a-1", cast.agent).Json().at("status")) == "online";
  });
  CHECK(s.Call("GET", "/api/v1/customers/c-1", cast.agent).Json().at("line").is_null());
}

TEST_CASE("a lead that is not live is called over PSTN in mock mode", "[integration]") {
  ServerFixture s;
  Cast cast;
  SetUp(s, cast, /*consent=*/false);
  auto initiated = Initiate(s, cast);
  REQUIRE(initiated.status == 201);
  auto session = Session(initiated);
  const std::string id = Str(session.at("id"));
  CHECK(Str(session.at("channel")) == "PSTN");
  CHECK(Str(session.at("mode")) == "mock");
  CHECK(Str(session.at("status")) == "INITIATED");
  const std::string status = "/api/v1/click-to-call/sessions/" + id + "/status";
  CHECK(s.Call("PATCH", status, cast.agent, R"({"status":"RINGING"})").status == 200);
  auto illegal = s.Call("PATCH", status, cast.agent, R"({"status":"INITIATED"})");
  CHECK(illegal.status == 409);
  CHECK(Str(illegal.Json().at("error").at("code")) == "illegal_transition");
  CHECK(s.Call("PATCH", status, cast.agent, R"({"status":"CONNECTED"})").status == 200);
  auto completed = s.Call("PATCH", status, cast.agent, R"({"status":"COMPLETED"})");
  CHECK(Str(completed.Json().at("status")) == "COMPLETED");
  // A live call is not driven by the status API.
  ServerFixture live;
  SetUp(live, cast, true);
  auto ws = live.Console(cast.customer);
  FixtureWait([&] {
    return live.Call("GET", "/api/v1/customers/c-1", cast.agent).Json().at("online").as_bool();
  });
  auto in_app = Session(Initiate(live, cast));
  auto refused =
      live.Call("PATCH", "/api/v1/click-to-call/sessions/" + Str(in_app.at("id")) + "/status",
                cast.agent, R"({"status":"CONNECTED"})");
  CHECK(refused.status == 409);
  CHECK(Str(refused.Json().at("error").at("code")) == "not_mock");
}

TEST_CASE("the customer rejects", "[integration]") {
  ServerFixture s;
  Cast cast;
  SetUp(s, cast);
  auto [customer_ws, agent_ws] = OpenConsoles(s, cast);
  const std::string id = Str(Session(Initiate(s, cast)).at("id"));
  NextFrame(*customer_ws, "call-request");
  auto rejected =
      s.Call("POST", "/api/v1/calls/" + id + "/reject", cast.customer, R"({"reason":"busy now"})");
  REQUIRE(rejected.status == 200);
  CHECK(Str(rejected.Json().at("status")) == "REJECTED");
  auto frame = NextFrame(*agent_ws, "call-status-updated");
  while (Str(frame.at("data").at("status")) == "RINGING") {
    frame = NextFrame(*agent_ws, "call-status-updated");
  }
  CHECK(Str(frame.at("data").at("status")) == "REJECTED");
  CHECK(Str(frame.at("data").at("reason")) == "busy now");
  // The agent cannot answer for the customer.
  CHECK(s.Call("POST", "/api/v1/calls/" + id + "/accept", cast.agent).status == 403);
}

TEST_CASE("an unanswered request times out", "[integration]") {
  ServerFixture s(
      [](http::api::AppOptions& o) { o.runtime.click_to_call.ring_timeout_seconds = 1; });
  Cast cast;
  SetUp(s, cast);
  auto [customer_ws, agent_ws] = OpenConsoles(s, cast);
  const std::string id = Str(Session(Initiate(s, cast)).at("id"));
  boost::json::object frame;
  do {
    frame = NextFrame(*agent_ws, "call-status-updated");
  } while (Str(frame.at("data").at("status")) != "TIMEOUT");
  CHECK(Str(frame.at("data").at("call_id")) == id);
  FixtureWait([&] {
    return s.Call("GET", "/api/v1/customers/c-1", cast.agent).Json().at("line").is_null();
  });
}

TEST_CASE("the agent cancels before an answer", "[integration]") {
  ServerFixture s;
  Cast cast;
  SetUp(s, cast);
  const std::string id = Str(Session(Initiate(s, cast)).at("id"));
  auto canceled = s.Call("POST", "/api/v1/click-to-call/sessions/" + id + "/end", cast.agent);
  REQUIRE(canceled.status == 200);
  CHECK(Str(canceled.Json().at("status")) == "CANCELED");
  FixtureWait([&] {
    return Str(s.Call("GET", "/api/v1/agents/a-1", cast.agent).Json().at("status")) == "online";
  });
}

TEST_CASE("the customer disconnects while being asked", "[integration]") {
  ServerFixture s;  // grace 1 s
  Cast cast;
  SetUp(s, cast);
  auto [customer_ws, agent_ws] = OpenConsoles(s, cast);
  const std::string id = Str(Session(Initiate(s, cast)).at("id"));
  NextFrame(*customer_ws, "call-request");
  customer_ws->Abort();  // the network goes away: no close frame
  boost::json::object frame;
  do {
    frame = NextFrame(*agent_ws, "call-status-updated");
  } while (Str(frame.at("data").at("status")) == "RINGING");
  CHECK(Str(frame.at("data").at("status")) == "FAILED");
  CHECK(Str(frame.at("data").at("reason")) == "customer_offline");
  CHECK_FALSE(s.Call("GET", "/api/v1/customers/c-1", cast.agent).Json().at("online").as_bool());
}

TEST_CASE("a restart while ringing still times out at the deadline", "[integration]") {
  ServerFixture s(
      [](http::api::AppOptions& o) { o.runtime.click_to_call.ring_timeout_seconds = 2; });
  Cast cast;
  SetUp(s, cast, /*consent=*/false);
  auto session = Session(Initiate(s, cast));
  const std::string id = Str(session.at("id"));
  auto agent_before = s.Call("GET", "/api/v1/agents/a-1", cast.admin).body;
  auto call_before = s.Call("GET", "/api/v1/click-to-call/sessions/" + id, cast.admin).body;
  s.Restart();
  // The state is identical after the restart...
  CHECK(s.Call("GET", "/api/v1/agents/a-1", cast.admin).body == agent_before);
  CHECK(s.Call("GET", "/api/v1/click-to-call/sessions/" + id, cast.admin).body == call_before);
  // ...and the deadline in the log still fires.
  FixtureWait([&] {
    return Str(s.Call("GET", "/api/v1/click-to-call/sessions/" + id, cast.admin)
                   .Json()
                   .at("status")) == "TIMEOUT";
  });
  auto after = s.Call("GET", "/api/v1/click-to-call/sessions/" + id, cast.admin).Json();
  CHECK(Str(after.at("ended_at")) >= Str(session.at("deadline")));
  FixtureWait([&] {
    return Str(s.Call("GET", "/api/v1/agents/a-1", cast.agent).Json().at("status")) == "online";
  });
}

}  // namespace
}  // namespace sb::testing
