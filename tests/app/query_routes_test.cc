// The read-model APIs over real HTTP: session list and statistics (seed 001), agent board and
// activity, leads by availability, read-your-writes with min_position, and projections' admin
// routes including an online rebuild that answers the same afterwards.
#include <catch2/catch.hpp>

#include "tests/app/server_fixture.h"

namespace sb::testing {
namespace {

// Minted inside test cases: Token asserts, which needs a running test.
std::string Admin() { return ServerFixture::Token("admin", "ops"); }
std::string Supervisor() { return ServerFixture::Token("supervisor", "sue"); }
std::string Agent1() { return ServerFixture::Token("agent", "a-1"); }
std::string Agent2() { return ServerFixture::Token("agent", "a-2"); }
std::string Customer2() { return ServerFixture::Token("customer", "c-2"); }

// "?min_position=<the log's end>": read your own writes.
std::string Fresh(ServerFixture& s, const std::string& path) {
  return path + (path.find('?') == std::string::npos ? "?" : "&") +
         "min_position=" + std::to_string(s.store().LastPosition());
}

std::string MockCall(ServerFixture& s, const std::string& agent_token, const std::string& lead) {
  auto reply = s.Call("POST", "/api/v1/click-to-call/initiate", agent_token,
                      R"({"to_phone":"+14155550100","lead_id":")" + lead + R"("})");
  REQUIRE(reply.status == 201);
  return Str(reply.Json().at("session").at("id"));
}

// Two agents; a-1 has a completed call to c-2 with an outcome, a-2 a canceled one to c-1.
void SetUp(ServerFixture& s, std::string* completed, std::string* canceled) {
  for (const char* id : {"a-1", "a-2"}) {
    REQUIRE(s.Call("PUT", std::string("/api/v1/agents/") + id, Admin(),
                   std::string(R"({"name":"Agent )") + id + R"("})")
                .status == 201);
    REQUIRE(s.Call("PUT", std::string("/api/v1/agents/") + id + "/status", Admin(),
                   R"({"status":"online","reason":"shift"})")
                .status == 200);
  }
  REQUIRE(s.Call("PUT", "/api/v1/customers/c-1", Admin(),
                 R"({"name":"Cy","phone":"+14155550100","consent_in_app_calls":true})")
              .status == 201);
  REQUIRE(s.Call("PUT", "/api/v1/customers/c-2", Admin(),
                 R"({"name":"Di","phone":"+14155550101","consent_in_app_calls":false})")
              .status == 201);
  *completed = MockCall(s, Agent1(), "c-2");
  const std::string status = "/api/v1/click-to-call/sessions/" + *completed + "/status";
  for (const char* to : {"RINGING", "CONNECTED", "COMPLETED"}) {
    REQUIRE(
        s.Call("PATCH", status, Agent1(), std::string(R"({"status":")") + to + R"("})").status ==
        200);
  }
  REQUIRE(s.Call("POST", "/api/v1/click-to-call/sessions/" + *completed + "/outcome", Agent1(),
                 R"({"outcome":"Ordered","notes":"two policies"})")
              .status == 200);
  *canceled = MockCall(s, Agent2(), "c-1");
  REQUIRE(s.Call("POST", "/api/v1/click-to-call/sessions/" + *canceled + "/end", Agent2(),
                 R"({"reason":"wrong number"})")
              .status == 200);
}

std::vector<std::string> SessionIds(const boost::json::value& body) {
  std::vector<std::string> ids;
  for (const auto& s : body.at("sessions").as_array()) ids.push_back(Str(s.at("id")));
  return ids;
}

TEST_CASE("the session list filters and pages, and confines by role", "[integration]") {
  ServerFixture s;
  std::string completed, canceled;
  SetUp(s, &completed, &canceled);

  const uint64_t written = s.store().LastPosition();
  auto all = s.Call("GET", Fresh(s, "/api/v1/click-to-call/sessions"), Supervisor());
  REQUIRE(all.status == 200);
  auto body = all.Json();
  CHECK(body.at("total").as_int64() == 2);
  CHECK(SessionIds(body) == std::vector<std::string>{canceled, completed});  // newest first
  CHECK(body.at("position").to_number<uint64_t>() >= written);
  auto first = body.at("sessions").as_array()[1].as_object();
  CHECK(Str(first.at("status")) == "COMPLETED");
  CHECK(Str(first.at("outcome")) == "Ordered");
  CHECK(Str(first.at("session_id")).rfind("sess_", 0) == 0);

  auto by_status =
      s.Call("GET", Fresh(s, "/api/v1/click-to-call/sessions?status=CANCELED"), Admin()).Json();
  CHECK(SessionIds(by_status) == std::vector<std::string>{canceled});
  auto by_lead =
      s.Call("GET", Fresh(s, "/api/v1/click-to-call/sessions?lead_id=c-2"), Admin()).Json();
  CHECK(SessionIds(by_lead) == std::vector<std::string>{completed});
  auto paged =
      s.Call("GET", Fresh(s, "/api/v1/click-to-call/sessions?limit=1&offset=1"), Admin()).Json();
  CHECK(paged.at("total").as_int64() == 2);
  CHECK(SessionIds(paged) == std::vector<std::string>{completed});
  auto future =
      s.Call("GET", Fresh(s, "/api/v1/click-to-call/sessions?from=2099-01-01T00:00:00Z"), Admin())
          .Json();
  CHECK(future.at("total").as_int64() == 0);

  // An agent sees its own calls only, a customer its own.
  auto mine = s.Call("GET", Fresh(s, "/api/v1/click-to-call/sessions"), Agent1()).Json();
  CHECK(SessionIds(mine) == std::vector<std::string>{completed});
  CHECK(s.Call("GET", "/api/v1/click-to-call/sessions?agent_id=a-2", Agent1()).status == 403);
  auto customer = s.Call("GET", Fresh(s, "/api/v1/click-to-call/sessions"), Customer2()).Json();
  CHECK(SessionIds(customer) == std::vector<std::string>{completed});
  // Another tenant sees nothing of acme's.
  auto other = ServerFixture::Token("admin", "ops", "globex");
  CHECK(s.Call("GET", Fresh(s, "/api/v1/click-to-call/sessions"), other).Json().at("total") == 0);

  // Bad query parameters are 400 naming the parameter.
  for (const char* bad : {"status=DANCING", "limit=0", "limit=x", "from=yesterday", "channel=FAX",
                          "min_position=-1"}) {
    INFO(bad);
    auto reply = s.Call("GET", std::string("/api/v1/click-to-call/sessions?") + bad, Admin());
    CHECK(reply.status == 400);
    CHECK(Str(reply.Json().at("error").at("code")) == "invalid_query");
  }
}

TEST_CASE("statistics count calls with the contact-center KPIs", "[integration]") {
  ServerFixture s;
  std::string completed, canceled;
  SetUp(s, &completed, &canceled);
  auto stats = s.Call("GET", Fresh(s, "/api/v1/click-to-call/stats?interval=day"), Admin());
  REQUIRE(stats.status == 200);
  auto body = stats.Json().as_object();
  CHECK(body.at("total_calls").as_int64() == 2);
  CHECK(body.at("completed_calls").as_int64() == 1);
  CHECK(body.at("answered_calls").as_int64() == 1);
  CHECK(body.at("abandoned_calls").as_int64() == 1);
  CHECK(body.at("failed_calls").as_int64() == 0);
  CHECK(body.at("by_status").at("COMPLETED").as_int64() == 1);
  CHECK(body.at("by_status").at("CANCELED").as_int64() == 1);
  CHECK(body.at("answer_rate").as_double() == Approx(0.5));
  CHECK(body.at("abandonment_rate").as_double() == Approx(0.5));
  CHECK(body.at("service_level").as_double() == Approx(0.5));  // answered within 20 s
  CHECK(body.at("average_speed_of_answer").as_double() >= 0);
  CHECK(body.at("by_agent").as_array().size() == 2);
  CHECK(body.at("by_window").as_array().size() >= 1);

  auto own = s.Call("GET", Fresh(s, "/api/v1/click-to-call/stats"), Agent2()).Json();
  CHECK(own.at("total_calls").as_int64() == 1);
  CHECK(own.at("abandoned_calls").as_int64() == 1);
  CHECK(s.Call("GET", "/api/v1/click-to-call/stats", Customer2()).status == 403);
  CHECK(s.Call("GET", "/api/v1/click-to-call/stats?interval=week", Admin()).status == 400);
}

TEST_CASE("agent board, activity log and leads by availability", "[integration]") {
  ServerFixture s;
  std::string completed, canceled;
  SetUp(s, &completed, &canceled);

  auto board = s.Call("GET", Fresh(s, "/api/v1/agents"), Supervisor());
  REQUIRE(board.status == 200);
  auto agents = board.Json().at("agents").as_array();
  REQUIRE(agents.size() == 2);
  for (const auto& a : agents) {
    INFO(boost::json::serialize(a));
    CHECK(a.at("calls_today").as_int64() == 1);
    CHECK(a.as_object().contains("status_since"));
  }
  CHECK(s.Call("GET", "/api/v1/agents", Agent1()).status == 403);

  auto activity = s.Call("GET", Fresh(s, "/api/v1/agents/a-1/activity"), Agent1());
  REQUIRE(activity.status == 200);
  auto entries = activity.Json().at("activity").as_array();
  REQUIRE(entries.size() >= 4);
  // Newest first; the status change to online says who did it and why.
  bool saw_shift = false, saw_call = false;
  for (const auto& e : entries) {
    if (Str(e.at("activity_type")) == "status_change" && Str(e.at("to")) == "online" &&
        Str(e.at("reason")) == "shift") {
      saw_shift = true;
      CHECK(Str(e.at("actor")) == "admin:ops");
    }
    if (Str(e.at("activity_type")) == "call_started")
      saw_call = Str(e.at("session_id")) == completed;
  }
  CHECK(saw_shift);
  CHECK(saw_call);
  CHECK(entries[0].at("position").to_number<uint64_t>() >
        entries[entries.size() - 1].at("position").to_number<uint64_t>());
  CHECK(s.Call("GET", "/api/v1/agents/a-1/activity", Agent2()).status == 403);

  // c-1 consents and opens the console: live; c-2 does not consent: to rescue.
  auto ws = s.Console(ServerFixture::Token("customer", "c-1"));
  FixtureWait([&] {
    auto live = s.Call("GET", "/api/v1/customers?availability=live", Agent1()).Json();
    return live.at("total").as_int64() == 1;
  });
  auto live = s.Call("GET", Fresh(s, "/api/v1/customers?availability=live"), Agent1()).Json();
  CHECK(Str(live.at("customers").as_array()[0].at("id")) == "c-1");
  auto rescue =
      s.Call("GET", Fresh(s, "/api/v1/customers?availability=to_rescue"), Agent1()).Json();
  REQUIRE(rescue.at("total").as_int64() == 1);
  CHECK(Str(rescue.at("customers").as_array()[0].at("id")) == "c-2");
  CHECK(s.Call("GET", "/api/v1/customers?availability=maybe", Agent1()).status == 400);
  CHECK(s.Call("GET", "/api/v1/customers", Customer2()).status == 403);
}

TEST_CASE("projections are listed and rebuilt online to the same answers", "[integration]") {
  ServerFixture s;
  std::string completed, canceled;
  SetUp(s, &completed, &canceled);
  const auto before = s.Call("GET", Fresh(s, "/api/v1/click-to-call/sessions"), Admin()).Json();

  auto list = s.Call("GET", "/api/v1/admin/projections", Admin());
  REQUIRE(list.status == 200);
  auto projections = list.Json().at("projections").as_array();
  CHECK(projections.size() == 3);
  for (const auto& p : projections) CHECK(Str(p.at("state")) == "live");
  CHECK(s.Call("GET", "/api/v1/admin/projections", Supervisor()).status == 403);

  auto started = s.Call("POST", "/api/v1/admin/projections/call_sessions/rebuild", Admin());
  REQUIRE(started.status == 202);
  CHECK(s.Call("POST", "/api/v1/admin/projections/nope/rebuild", Admin()).status == 404);
  CHECK(s.Call("POST", "/api/v1/admin/projections/call_sessions/rebuild", Agent1()).status == 403);
  FixtureWait([&] {
    const auto listed = s.Call("GET", "/api/v1/admin/projections", Admin()).Json();
    for (const auto& p : listed.at("projections").as_array()) {
      if (Str(p.at("name")) == "call_sessions") {
        return p.at("generation").as_int64() == 2 && p.at("rebuild").is_null();
      }
    }
    return false;
  });
  auto after = s.Call("GET", Fresh(s, "/api/v1/click-to-call/sessions"), Admin()).Json();
  CHECK(after.at("sessions") == before.at("sessions"));
  CHECK(after.at("total") == before.at("total"));
}

TEST_CASE("a write answers with X-Log-Position, which reads it back through min_position",
          "[integration]") {
  ServerFixture s;
  REQUIRE(s.Call("PUT", "/api/v1/agents/a-1", Admin(), R"({"name":"Agent a-1"})").status == 201);
  REQUIRE(s.Call("PUT", "/api/v1/agents/a-1/status", Admin(), R"({"status":"online"})").status ==
          200);
  REQUIRE(s.Call("PUT", "/api/v1/customers/c-9", Admin(), R"({"name":"Cy","phone":"+14155550100"})")
              .status == 201);
  auto reply = s.Call("POST", "/api/v1/click-to-call/initiate", Agent1(),
                      R"({"to_phone":"+14155550100","lead_id":"c-9"})");
  REQUIRE(reply.status == 201);
  const auto header = reply.Header("X-Log-Position");
  REQUIRE(header);
  const uint64_t position = std::stoull(*header);
  // It covers every event the initiate appended.
  const std::string call = Str(reply.Json().at("session").at("id"));
  auto events =
      s.store().ReadStream("acme/call/" + call, es::kStreamEnd, es::Direction::kBackward, 1);
  REQUIRE(events.ok());
  REQUIRE(events->size() == 1);
  CHECK(events->front().position <= position);

  auto list = s.Call(
      "GET", "/api/v1/click-to-call/sessions?min_position=" + std::to_string(position), Agent1());
  REQUIRE(list.status == 200);
  CHECK(SessionIds(list.Json()) == std::vector<std::string>{call});
  CHECK_FALSE(list.Header("X-Log-Position"));  // reads carry "position" in the body instead

  auto refused = s.Call("POST", "/api/v1/click-to-call/initiate", Agent1(), R"({"lead_id":"c-9"})");
  CHECK(refused.status == 422);
  CHECK_FALSE(refused.Header("X-Log-Position"));  // nothing was written
}

TEST_CASE("min_position beyond the log is 503 projection_behind after a bounded wait",
          "[integration]") {
  ServerFixture s([](http::api::AppOptions& o) { o.api.max_query_wait_ms = 100; });
  auto reply = s.Call("GET",
                      "/api/v1/click-to-call/sessions?min_position=" +
                          std::to_string(s.store().LastPosition() + 1000),
                      Admin());
  CHECK(reply.status == 503);
  CHECK(Str(reply.Json().at("error").at("code")) == "projection_behind");
  CHECK(reply.Header("Retry-After").has_value());
}

}  // namespace
}  // namespace sb::testing
