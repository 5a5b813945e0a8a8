// Inbound work end to end over real HTTP and WebSocket: a Twilio call arrives, waits in a
// queue, is offered to an agent and assigned; offers that expire, agents who go away, two
// agents racing for one offer, a caller who hangs up, support requests and the queue API.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>

#include "http/api/console_frames.h"
#include "tests/voip/voip_fixture.h"

namespace sb::testing {
namespace {

using namespace std::chrono_literals;

TEST_CASE("inbound: a Twilio call is queued, offered, accepted and assigned",
          "[integration][voip]") {
  auto s = WebhookServer();
  Team team;
  InboundNumber(s, team);
  Queue(s, team, R"({"name":"Support","required_skills":["support"],"wrap_up_seconds":0})");
  auto supervisor_ws = s.Console(team.supervisor);
  auto agent_ws = s.Console(team.a1);
  Agent(s, team, "a-1", team.a1);

  const std::string call_id = IncomingCall(s, "CA9001");
  auto new_call = NextFrame(*supervisor_ws, "new-call");
  CHECK(Str(new_call.at("data").at("call_id")) == call_id);
  auto queued = NextFrame(*supervisor_ws, "call-queued");
  CHECK(Str(queued.at("data").at("caller_number")) == "+14155550123");

  // The agent is free: the call is offered at once, to them.
  auto offer = NextFrame(*agent_ws, "call-offer");
  const std::string offer_id = Str(offer.at("data").at("offer_id"));
  CHECK(Str(offer.at("data").at("task_id")) == call_id);
  auto offered = NextFrame(*supervisor_ws, "task-offered");
  CHECK(offered.at("data").at("agent_ids").as_array().size() == 1);

  auto accepted = s.Call("POST", "/api/v1/offers/" + offer_id + "/accept", team.a1, "{}");
  INFO(accepted.body);
  REQUIRE(accepted.status == 200);
  CHECK(Str(accepted.Json().at("call_id")) == call_id);
  auto assigned = NextFrame(*agent_ws, "call-assigned");
  CHECK(Str(assigned.at("data").at("call_id")) == call_id);
  FixtureWait([&] { return AgentStatus(s, team, "a-1") == "on_call"; });
  auto call = s.Call("GET", "/api/v1/click-to-call/sessions/" + call_id, team.a1);
  REQUIRE(call.status == 200);  // the assigned agent sees its call
  CHECK(Str(call.Json().at("direction")) == "INBOUND");
  CHECK(Str(call.Json().at("agent_id")) == "a-1");
  CHECK(Str(call.Json().at("provider_call_id")) == "CA9001");
  auto queue = s.Call("GET", "/api/v1/queues/default", team.supervisor).Json();
  CHECK(queue.at("in_queue").as_int64() == 0);

  // The provider reports the call answered and ended: the agent is free again.
  REQUIRE(PostTwilio(s, "/api/webhooks/call/status?tenant=acme",
                     TwilioStatus("CA9001", "in-progress", 1, "inbound"))
              .status == 200);
  NextFrame(*agent_ws, "call-status-updated");
  REQUIRE(PostTwilio(s, "/api/webhooks/call/status?tenant=acme",
                     TwilioStatus("CA9001", "completed", 2, "inbound"))
              .status == 200);
  FixtureWait([&] { return AgentStatus(s, team, "a-1") == "online"; });

  // Twilio redelivers the first request: the same call, not a second one.
  REQUIRE(
      PostTwilio(s, "/api/webhooks/call/incoming?tenant=acme", TwilioIncoming("CA9001")).status ==
      200);
  CHECK(s.Call("GET", "/api/v1/queues/default", team.supervisor).Json().at("in_queue").as_int64() ==
        0);
}

// Every console shares one feed of the log (http/api/console_hub.h): each agent must still hear
// exactly its own offers, and every agent what concerns them all.
TEST_CASE("inbound: with many agent consoles open, each hears its own offer and no other",
          "[integration][voip]") {
  auto s = WebhookServer();
  Team team;
  InboundNumber(s, team);
  Queue(s, team, R"({"name":"Support","offer_timeout_seconds":600,"wrap_up_seconds":0})");
  constexpr int kAgents = 12;
  std::vector<std::unique_ptr<WsClient>> consoles;
  for (int i = 0; i < kAgents; ++i) {
    const std::string id = "a-" + std::to_string(i);
    const std::string token = ServerFixture::Token("agent", id);
    consoles.push_back(s.Console(token));
    Agent(s, team, id, token);
  }
  auto supervisor_ws = s.Console(team.supervisor);
  std::map<std::string, std::string> offered_to;  // agent -> task
  for (int i = 0; i < kAgents; ++i) IncomingCall(s, "CA95" + std::to_string(10 + i));
  while (offered_to.size() < kAgents) {
    auto offered = NextFrame(*supervisor_ws, "task-offered");
    const auto& agents = offered.at("data").at("agent_ids").as_array();
    REQUIRE(agents.size() == 1);
    offered_to[Str(agents[0])] = Str(offered.at("data").at("task_id"));
  }
  REQUIRE(offered_to.size() == kAgents);  // one call each: nobody rings twice in one queue

  // A customer comes online: a frame every agent gets, after their offer.
  REQUIRE(
      s.Call("PUT", "/api/v1/customers/c-1", team.admin, R"({"phone":"+14155550100"})").status ==
      201);
  auto customer_ws = s.Console(ServerFixture::Token("customer", "c-1"));
  for (int i = 0; i < kAgents; ++i) {
    const std::string id = "a-" + std::to_string(i);
    INFO(id);
    std::vector<std::string> offers;
    uint64_t last_position = 0;
    for (;;) {
      auto message = consoles[i]->Read(std::chrono::seconds(10));
      REQUIRE(message.ok());
      auto frame = boost::json::parse(message.value()).as_object();
      const uint64_t position = frame.at("position").to_number<uint64_t>();
      CHECK(position > last_position);  // in log order, none twice
      last_position = position;
      const std::string type = Str(frame.at("type"));
      if (type == "call-offer") offers.push_back(Str(frame.at("data").at("task_id")));
      if (type == "customer-presence-changed") break;
    }
    CHECK(offers == std::vector<std::string>{offered_to.at(id)});
  }

  // The shared feed frames an event only for the audience console_frames.h names: everyone
  // FramesFor gives a frame of this run's events to must be in it.
  auto all = s.store().ReadAll(1, 100000);
  REQUIRE(all.ok());
  std::map<std::string, http::api::CallParties> parties;
  auto lookup = [&](const std::string& stream) -> std::optional<http::api::CallParties> {
    auto it = parties.find(stream);
    if (it == parties.end()) return std::nullopt;
    return it->second;
  };
  std::vector<http::Principal> people = {{"acme", http::Role::kCustomer, "c-1"},
                                         {"acme", http::Role::kAgent, "nobody"}};
  for (int i = 0; i < kAgents; ++i) {
    people.push_back({"acme", http::Role::kAgent, "a-" + std::to_string(i)});
  }
  size_t framed = 0;
  for (const auto& event : all.value().events) {
    if (auto p = http::api::PartiesOf(event)) parties[event.stream] = *p;
    if (auto it = parties.find(event.stream); it != parties.end()) {
      http::api::ApplyAssignment(event, &it->second);
    }
    const auto audience = http::api::AudienceOf(event, lookup);
    for (const auto& who : people) {
      if (http::api::FramesFor(who, event, lookup).empty()) continue;
      ++framed;
      const auto& named = who.role == http::Role::kAgent ? audience.agents : audience.customers;
      const bool in = (who.role == http::Role::kAgent && audience.every_agent) ||
                      std::find(named.begin(), named.end(), who.subject) != named.end();
      INFO(event.type << " at " << event.position << " for " << who.subject);
      CHECK(in);
    }
  }
  CHECK(framed >= 2 * kAgents);  // at least the offers and the presence
}

TEST_CASE("inbound: an offer nobody answers goes elsewhere, and its agent to break",
          "[integration][voip]") {
  auto s = WebhookServer();
  Team team;
  InboundNumber(s, team);
  Queue(s, team,
        R"({"name":"Support","offer_timeout_seconds":1,"max_no_answer":1,"wrap_up_seconds":0})");
  auto ws1 = s.Console(team.a1);
  Agent(s, team, "a-1", team.a1);
  const std::string call_id = IncomingCall(s, "CA9002");
  auto first = NextFrame(*ws1, "call-offer");
  const std::string missed = Str(first.at("data").at("offer_id"));

  Agent(s, team, "a-2", team.a2);  // joins while the offer rings at a-1
  auto closed = NextFrame(*ws1, "offer-closed");
  CHECK(Str(closed.at("data").at("reason")) == "expired");
  FixtureWait([&] { return AgentStatus(s, team, "a-1") == "break"; });
  auto agent = s.Call("GET", "/api/v1/agents/a-1", team.admin).Json();
  CHECK(Str(agent.at("status_reason")) == "missed 1 offers in a row");

  // a-2's console, replaying what it is entitled to: the offer that came its way.
  auto ws2 = s.Console(team.a2, "&since=0");
  auto second = NextFrame(*ws2, "call-offer");
  CHECK(Str(second.at("data").at("task_id")) == call_id);
  // Too late for the first agent.
  auto late = s.Call("POST", "/api/v1/offers/" + missed + "/accept", team.a1, "{}");
  CHECK(late.status == 409);
  REQUIRE(s.Call("POST", "/api/v1/offers/" + Str(second.at("data").at("offer_id")) + "/accept",
                 team.a2, "{}")
              .status == 200);
  FixtureWait([&] { return AgentStatus(s, team, "a-2") == "on_call"; });
}

TEST_CASE("inbound: an agent who goes offline has the offer taken back", "[integration][voip]") {
  auto s = WebhookServer();
  Team team;
  InboundNumber(s, team);
  Queue(s, team, R"({"name":"Support","offer_timeout_seconds":60,"strategy":"longest_idle"})");
  auto ws1 = s.Console(team.a1);
  Agent(s, team, "a-1", team.a1);
  const std::string call_id = IncomingCall(s, "CA9003");
  const std::string offer_id = Str(NextFrame(*ws1, "call-offer").at("data").at("offer_id"));
  auto ws2 = s.Console(team.a2);
  Agent(s, team, "a-2", team.a2);

  REQUIRE(s.Call("PUT", "/api/v1/agents/a-1/status", team.a1, R"({"status":"offline"})").status ==
          200);
  auto closed = NextFrame(*ws1, "offer-closed");
  CHECK(Str(closed.at("data").at("reason")) == "agent_unavailable");
  auto offer = NextFrame(*ws2, "call-offer");
  CHECK(Str(offer.at("data").at("task_id")) == call_id);
  CHECK(s.Call("POST", "/api/v1/offers/" + offer_id + "/accept", team.a1, "{}").status == 409);
}

TEST_CASE("inbound: a call nobody here can take escalates to the fallback queue",
          "[integration][voip]") {
  auto s = WebhookServer();
  Team team;
  InboundNumber(s, team);
  REQUIRE(s.Call("PUT", "/api/v1/queues/general", team.admin, R"({"name":"General"})").status ==
          201);
  Queue(s, team,
        R"({"name":"French","required_skills":["french"],
            "escalation":{"fallback_after_seconds":1,"fallback_queue_id":"general"}})");
  auto ws = s.Console(team.a1);
  Agent(s, team, "a-1", team.a1);  // speaks no French
  const std::string call_id = IncomingCall(s, "CA9006");

  auto offer = NextFrame(*ws, "call-offer");
  CHECK(Str(offer.at("data").at("queue_id")) == "general");
  CHECK(Str(offer.at("data").at("task_id")) == call_id);
  CHECK(s.Call("GET", "/api/v1/queues/default", team.admin).Json().at("in_queue").as_int64() == 0);
  auto moved = s.Call("GET", "/api/v1/audit/queue/default", team.admin);
  REQUIRE(moved.status == 200);
  CHECK(moved.body.find("TaskMovedToFallback") != std::string::npos);
}

TEST_CASE("inbound: a caller who hangs up while waiting leaves the queue", "[integration][voip]") {
  auto s = WebhookServer();
  Team team;
  InboundNumber(s, team);
  Queue(s, team, R"({"name":"Support"})");
  Agent(s, team, "a-1", team.a1, "away");  // nobody can take it
  const std::string call_id = IncomingCall(s, "CA9005");
  auto queue = s.Call("GET", "/api/v1/queues/default", team.admin).Json();
  CHECK(queue.at("waiting").as_int64() == 1);
  CHECK(queue.at("agents_eligible").as_int64() == 1);
  CHECK(queue.at("agents_available").as_int64() == 0);

  REQUIRE(PostTwilio(s, "/api/webhooks/call/status?tenant=acme",
                     TwilioStatus("CA9005", "canceled", 1, "inbound"))
              .status == 200);
  FixtureWait([&] {
    return s.Call("GET", "/api/v1/queues/default", team.admin).Json().at("in_queue").as_int64() ==
           0;
  });
  CHECK(Str(s.Call("GET", "/api/v1/click-to-call/sessions/" + call_id, team.admin)
                .Json()
                .at("status")) == "CANCELED");

  // The incoming call delivered again (the provider missed our answer): it is not queued again.
  REQUIRE(
      PostTwilio(s, "/api/webhooks/call/incoming?tenant=acme", TwilioIncoming("CA9005")).status ==
      200);
  queue = s.Call("GET", "/api/v1/queues/default", team.admin).Json();
  CHECK(queue.at("in_queue").as_int64() == 0);
  CHECK(queue.at("waiting").as_int64() == 0);
  CHECK(Str(s.Call("GET", "/api/v1/click-to-call/sessions/" + call_id, team.admin)
                .Json()
                .at("status")) == "CANCELED");
}

TEST_CASE("inbound: a call with no number we can store is turned away, not queued",
          "[integration][voip]") {
  auto s = WebhookServer();
  Team team;
  InboundNumber(s, team);
  Queue(s, team, R"({"name":"Support"})");
  Form form = TwilioIncoming("CA9006", "anonymous");
  for (auto& [name, value] : form) {
    if (name == "To") value = "client:front-desk";  // a Twilio Client call: no E.164 either side
  }
  auto reply = PostTwilio(s, "/api/webhooks/call/incoming?tenant=acme", form);
  INFO(reply.body);
  REQUIRE(reply.status == 200);  // Twilio must not retry it
  CHECK(reply.body.find("<Reject") != std::string::npos);
  CHECK(s.Call("GET", "/api/v1/queues/default", team.admin).Json().at("in_queue").as_int64() == 0);

  // A call after it is recorded and queued; the one turned away never was (the call list folds
  // the log in order, so once it shows the later call it would show the earlier one too).
  IncomingCall(s, "CA9007");
  int64_t total = 0;
  FixtureWait([&] {
    auto sessions = s.Call("GET", "/api/v1/click-to-call/sessions", team.admin);
    total = sessions.status == 200 ? sessions.Json().at("total").as_int64() : 0;
    return total > 0;
  });
  CHECK(total == 1);
  CHECK(s.Call("GET", "/api/v1/queues/default", team.admin).Json().at("in_queue").as_int64() == 1);
}

TEST_CASE("support requests: queued as callbacks, announced, rate limited", "[integration][voip]") {
  auto s = WebhookServer([](http::api::AppOptions& o) { o.api.support_requests_per_email = 2; });
  Team team;
  auto supervisor_ws = s.Console(team.supervisor);
  const std::string body =
      R"({"userId":"user123","userEmail":"customer@example.com","subject":"Billing Question",
          "description":"I need help with my invoice","priority":"high",
          "phoneNumber":"+14155550123"})";
  auto created = s.Call("POST", "/api/customer/support-request?tenant=acme", "", body);
  INFO(created.body);
  REQUIRE(created.status == 201);
  CHECK(Str(created.Json().at("status")) == "pending");
  auto frame = NextFrame(*supervisor_ws, "new-support-request");
  CHECK(Str(frame.at("data").at("customer_email")) == "customer@example.com");
  CHECK(Str(frame.at("data").at("kind")) == "callback");
  CHECK(frame.at("data").at("priority").as_int64() == 5);

  REQUIRE(s.Call("POST", "/api/customer/support-request?tenant=acme", "", body).status == 201);
  auto limited = s.Call("POST", "/api/customer/support-request?tenant=acme", "", body);
  CHECK(limited.status == 429);
  CHECK(limited.Header("retry-after").has_value());
  // The queue is read from the router, which follows the log: read-your-writes needs the position.
  CHECK(s.Call("GET",
               "/api/v1/queues/default?min_position=" + std::to_string(s.store().LastPosition()),
               team.admin)
            .Json()
            .at("in_queue")
            .as_int64() == 2);

  const uint64_t before = s.store().LastPosition();
  CHECK(s.Call("POST", "/api/customer/support-request?tenant=acme", "",
               R"({"userEmail":"not-an-email"})")
            .status == 422);
  CHECK(s.Call("POST", "/api/customer/support-request", "", R"({"userEmail":"a@b.co"})").status ==
        400);
  CHECK(s.store().LastPosition() == before);
}

TEST_CASE("admin: a call record made by hand waits in the queue", "[integration][voip]") {
  auto s = WebhookServer([](http::api::AppOptions& o) { o.api.max_query_wait_ms = 100; });
  Team team;
  auto made = s.Call("POST", "/api/admin/customer-service/calls", team.admin,
                     R"({"phone_number":"+14155550123","customer_name":"Cy",
                         "direction":"inbound","notes":"returning customer"})");
  INFO(made.body);
  REQUIRE(made.status == 201);
  auto call = made.Json().at("call").as_object();
  CHECK(Str(call.at("direction")) == "INBOUND");
  CHECK(Str(call.at("metadata").at("notes")) == "returning customer");
  // The queue view is the router's, which follows the log: read your own write.
  auto queue =
      s.Call("GET",
             "/api/v1/queues/default?min_position=" + std::to_string(s.store().LastPosition()),
             team.admin)
          .Json();
  CHECK(queue.at("in_queue").as_int64() == 1);
  CHECK(queue.at("position").to_number<uint64_t>() >= s.store().LastPosition());
  auto listed =
      s.Call("GET", "/api/v1/queues?min_position=" + std::to_string(s.store().LastPosition()),
             team.admin)
          .Json();
  CHECK(listed.at("queues").at(0).at("in_queue").as_int64() == 1);
  // Beyond the log: refused after a bounded wait, as a read model would be.
  auto ahead = s.Call(
      "GET", "/api/v1/queues/default?min_position=" + std::to_string(s.store().LastPosition() + 99),
      team.admin);
  CHECK(ahead.status == 503);
  CHECK(Str(ahead.Json().at("error").at("code")) == "projection_behind");
  CHECK(s.Call("GET", "/api/v1/queues/default?min_position=x", team.admin).status == 400);
  CHECK(s.Call("POST", "/api/admin/customer-service/calls", team.a1,
               R"({"phone_number":"+14155550123"})")
            .status == 403);
}

}  // namespace
}  // namespace sb::testing
