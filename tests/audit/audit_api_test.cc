// The audit and backup API over real HTTP: a click-to-call driven through the API, then read
// back from the log as its timeline and as its state at instants taken from that timeline; who
// may audit; and a backup that a second server opens and answers from exactly as the first.
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "domain/time.h"
#include "eventstore/event_store.h"
#include "eventstore/verify.h"
#include "tests/app/server_fixture.h"

namespace sb::testing {
namespace {

struct Cast {
  std::string admin = ServerFixture::Token("admin", "ops");
  std::string supervisor = ServerFixture::Token("supervisor", "sue");
  std::string agent = ServerFixture::Token("agent", "a-1");
  std::string customer = ServerFixture::Token("customer", "c-1");
  std::string other_admin = ServerFixture::Token("admin", "ops", "globex");
};

// Agent a-1 online and customer c-1 without in-app consent (so the call is a mock PSTN call
// the status API drives), then a call through RINGING and CONNECTED to COMPLETED with an
// outcome. Returns the call id once the agent and the line are free again.
std::string DriveCall(ServerFixture& s, const Cast& cast) {
  REQUIRE(s.Call("PUT", "/api/v1/agents/a-1", cast.admin, R"({"name":"Ada Agent"})").status == 201);
  REQUIRE(s.Call("PUT", "/api/v1/agents/a-1/status", cast.agent,
                 R"({"status":"online","reason":"shift start"})")
              .status == 200);
  REQUIRE(s.Call("PUT", "/api/v1/customers/c-1", cast.admin,
                 R"({"name":"Cy","phone":"+14155550100","consent_in_app_calls":false})")
              .status == 201);
  auto initiated = s.Call("POST", "/api/v1/click-to-call/initiate", cast.agent,
                          R"({"to_phone":"+14155550100","lead_id":"c-1","contact_name":"Cy"})",
                          {{"X-Request-ID", "req-init-1"}});
  REQUIRE(initiated.status == 201);
  const std::string id = Str(initiated.Json().at("session").at("id"));
  const std::string status = "/api/v1/click-to-call/sessions/" + id + "/status";
  REQUIRE(s.Call("PATCH", status, cast.agent, R"({"status":"RINGING"})").status == 200);
  REQUIRE(s.Call("PATCH", status, cast.agent, R"({"status":"CONNECTED"})").status == 200);
  REQUIRE(s.Call("PATCH", status, cast.agent, R"({"status":"COMPLETED","reason":"sold"})").status ==
          200);
  REQUIRE(s.Call("POST", "/api/v1/click-to-call/sessions/" + id + "/outcome", cast.agent,
                 R"({"outcome":"Ordered","notes":"two policies"})")
              .status == 200);
  FixtureWait([&] {
    return Str(s.Call("GET", "/api/v1/agents/a-1", cast.agent).Json().at("status")) == "online" &&
           s.Call("GET", "/api/v1/customers/c-1", cast.agent).Json().at("line").is_null();
  });
  return id;
}

std::string Encoded(const std::string& stream) {
  std::string out;
  for (char c : stream) {
    if (c == '/') {
      out += "%2F";
    } else {
      out += c;
    }
  }
  return out;
}

boost::json::object EventOfType(const boost::json::array& events, const std::string& type) {
  for (const auto& e : events) {
    if (e.at("type").as_string() == type) return e.as_object();
  }
  FAIL("no " << type << " event");
  return {};
}

domain::Timestamp TimeOf(const boost::json::object& event) {
  auto t = domain::ParseTimestamp(Str(event.at("timestamp")));
  REQUIRE(t.ok());
  return t.value();
}

boost::json::object StateAt(ServerFixture& s, const std::string& token, const std::string& call,
                            const std::string& at) {
  auto reply = s.Call("GET", "/api/v1/audit/call/" + call + "/state?at=" + at, token);
  INFO(reply.body);
  REQUIRE(reply.status == 200);
  return reply.Json().as_object();
}

TEST_CASE("audit: a click-to-call's timeline and its state before and after the answer",
          "[integration][audit]") {
  ServerFixture s;
  Cast cast;
  const std::string id = DriveCall(s, cast);
  const std::string stream = "acme/call/" + id;

  auto reply = s.Call("GET", "/api/v1/audit/streams/" + Encoded(stream), cast.supervisor);
  INFO(reply.body);
  REQUIRE(reply.status == 200);
  auto body = reply.Json().as_object();
  CHECK(Str(body.at("stream")) == stream);
  const auto& events = body.at("events").as_array();
  std::vector<std::string> types;
  uint64_t last_position = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i].as_object();
    types.push_back(Str(e.at("type")));
    CHECK(e.at("version").to_number<uint64_t>() == i + 1);
    CHECK(e.at("position").to_number<uint64_t>() > last_position);
    last_position = e.at("position").to_number<uint64_t>();
    CHECK(Str(e.at("actor")) == "agent:a-1");
    CHECK(Str(e.at("correlation_id")) == id);
    CHECK(e.at("data").is_object());
  }
  CHECK(types == std::vector<std::string>{"CallInitiated", "CallRinging", "CallConnected",
                                          "CallEnded", "CallOutcomeRecorded"});
  auto initiated = EventOfType(events, "CallInitiated");
  CHECK(Str(initiated.at("causation_id")) == "req-init-1");
  CHECK(Str(initiated.at("data").at("lead_id")) == "c-1");
  CHECK(Str(EventOfType(events, "CallEnded").at("data").at("reason")) == "sold");
  CHECK(last_position <= s.store().LastPosition());

  // The {kind}/{id} form, with the tenant from the token, is the same answer.
  auto short_form = s.Call("GET", "/api/v1/audit/call/" + id, cast.admin);
  REQUIRE(short_form.status == 200);
  CHECK(short_form.Json() == reply.Json());

  // Instants taken from the timeline itself: just before and at the answer.
  const domain::Timestamp ringing = TimeOf(EventOfType(events, "CallRinging"));
  const domain::Timestamp connected = TimeOf(EventOfType(events, "CallConnected"));
  REQUIRE(connected > ringing);
  auto before = StateAt(s, cast.supervisor, id, std::to_string(connected - 1));
  CHECK(Str(before.at("state").at("status")) == "RINGING");
  CHECK(before.at("version").as_int64() == 2);
  CHECK(before.at("state").at("connected_at").is_null());
  auto at_answer = StateAt(s, cast.supervisor, id, domain::FormatTimestamp(connected));
  CHECK(Str(at_answer.at("state").at("status")) == "CONNECTED");
  CHECK(at_answer.at("version").as_int64() == 3);
  CHECK(Str(at_answer.at("timestamp")) == domain::FormatTimestamp(connected));
  CHECK(Str(at_answer.at("at")) == domain::FormatTimestamp(connected));
  CHECK(Str(at_answer.at("stream")) == stream);

  // Before it existed, and now: the latest fold is what the live entity answers.
  auto not_yet = StateAt(s, cast.supervisor, id, "2000-01-01T00:00:00Z");
  CHECK(not_yet.at("version").as_int64() == 0);
  CHECK_FALSE(not_yet.at("state").at("exists").as_bool());
  auto now = StateAt(s, cast.admin, id, "9999-01-01T00:00:00Z");
  auto live = s.Call("GET", "/api/v1/click-to-call/sessions/" + id, cast.admin).Json();
  CHECK(now.at("state").at("status") == live.at("status"));
  CHECK(now.at("state").at("outcome") == live.at("outcome"));
  CHECK(now.at("state").at("duration_seconds") == live.at("duration_seconds"));

  // The agent's own stream tells the same flow: reserved by this call, released after it.
  auto agent = s.Call("GET", "/api/v1/audit/streams/" + Encoded("acme/agent/a-1"), cast.admin);
  REQUIRE(agent.status == 200);
  const boost::json::value agent_body = agent.Json();
  const auto& agent_events = agent_body.at("events").as_array();
  auto reserved = EventOfType(agent_events, "AgentCallReserved");
  CHECK(Str(reserved.at("correlation_id")) == id);
  CHECK(Str(reserved.at("causation_id")) == "req-init-1");
  auto on_call = s.Call(
      "GET", "/api/v1/audit/agent/a-1/state?at=" + std::to_string(TimeOf(reserved)), cast.admin);
  REQUIRE(on_call.status == 200);
  CHECK(Str(on_call.Json().at("state").at("status")) == "on_call");
  CHECK(Str(s.Call("GET", "/api/v1/audit/agent/a-1/state?at=9999-01-01T00:00:00Z", cast.admin)
                .Json()
                .at("state")
                .at("status")) == "online");
}

TEST_CASE("audit: staff only, confined to the token's tenant, clear errors",
          "[integration][audit]") {
  ServerFixture s;
  Cast cast;
  const std::string id = DriveCall(s, cast);
  const std::string timeline = "/api/v1/audit/streams/" + Encoded("acme/call/" + id);
  auto code = [](const HttpReply& r) { return Str(r.Json().at("error").at("code")); };

  CHECK(s.Call("GET", timeline, "").status == 401);
  // The call's own agent and customer may see the session, but not audit it.
  CHECK(s.Call("GET", "/api/v1/click-to-call/sessions/" + id, cast.agent).status == 200);
  auto agent = s.Call("GET", timeline, cast.agent);
  CHECK(agent.status == 403);
  CHECK(code(agent) == "forbidden");
  CHECK(s.Call("GET", timeline + "/state?at=0", cast.customer).status == 403);
  CHECK(s.Call("GET", "/api/v1/audit/call/" + id, cast.customer).status == 403);
  CHECK(s.Call("GET", timeline, cast.supervisor).status == 200);

  // Another tenant's admin: the stream does not exist for it, whichever way it is named.
  auto foreign = s.Call("GET", timeline, cast.other_admin);
  CHECK(foreign.status == 404);
  CHECK(code(foreign) == "stream_not_found");
  CHECK(s.Call("GET", timeline + "/state?at=9999-01-01T00:00:00Z", cast.other_admin).status == 404);
  CHECK(s.Call("GET", "/api/v1/audit/call/" + id, cast.other_admin).status == 404);
  // A stream that really does not exist answers the same.
  auto missing = s.Call("GET", "/api/v1/audit/call/nope", cast.admin);
  CHECK(missing.status == 404);
  CHECK(missing.Json() == boost::json::parse(R"({"error":{"code":"stream_not_found",
      "message":"no stream acme/call/nope","field":"stream"}})"));

  auto malformed = s.Call("GET", "/api/v1/audit/streams/acme-call", cast.admin);
  CHECK(malformed.status == 400);
  CHECK(code(malformed) == "invalid_stream");
  auto no_at = s.Call("GET", timeline + "/state", cast.admin);
  CHECK(no_at.status == 422);
  CHECK(code(no_at) == "field_required");
  CHECK(Str(no_at.Json().at("error").at("field")) == "at");
  auto bad_at = s.Call("GET", timeline + "/state?at=yesterday", cast.admin);
  CHECK(bad_at.status == 400);
  CHECK(code(bad_at) == "invalid_at");
  auto no_decider =
      s.Call("GET", "/api/v1/audit/streams/" + Encoded("acme/chat/x") + "/state?at=0", cast.admin);
  CHECK(no_decider.status == 422);
  CHECK(code(no_decider) == "unsupported_kind");
  CHECK(s.Call("POST", timeline, cast.admin, "{}").status == 405);
}

TEST_CASE("backup: the copy verifies and a second server answers from it the same",
          "[integration][backup]") {
  TempDir backups;
  const std::string target = backups.Sub("copy-1");
  ServerFixture s;
  Cast cast;
  const std::string id = DriveCall(s, cast);
  const std::string backup_route = "/api/v1/admin/backup";
  auto code = [](const HttpReply& r) { return Str(r.Json().at("error").at("code")); };

  const std::string body = R"({"to":")" + target + R"("})";
  CHECK(s.Call("POST", backup_route, cast.supervisor, body).status == 403);
  CHECK(s.Call("POST", backup_route, cast.agent, body).status == 403);
  auto relative = s.Call("POST", backup_route, cast.admin, R"({"to":"backups/x"})");
  CHECK(relative.status == 422);
  CHECK(code(relative) == "invalid_path");
  auto missing = s.Call("POST", backup_route, cast.admin, "{}");
  CHECK(missing.status == 422);
  CHECK(code(missing) == "field_required");
  auto no_parent = s.Call("POST", backup_route, cast.admin,
                          R"({"to":")" + backups.Sub("no/such/parent") + R"("})");
  CHECK(no_parent.status == 422);
  CHECK(s.Call("POST", backup_route, cast.admin, R"({"to":42})").status == 400);

  const uint64_t last = s.store().LastPosition();
  auto made = s.Call("POST", backup_route, cast.admin, body);
  INFO(made.body);
  REQUIRE(made.status == 201);
  CHECK(Str(made.Json().at("path")) == target);
  CHECK(made.Json().at("last_position").to_number<uint64_t>() == last);

  auto again = s.Call("POST", backup_route, cast.admin, body);
  CHECK(again.status == 409);
  CHECK(code(again) == "backup_target_exists");

  {
    es::StoreOptions follower;
    follower.follower = true;
    auto copy = es::EventStore::Open(target, follower);
    REQUIRE(copy.ok());
    auto report = es::Verify(**copy, {});
    REQUIRE(report.ok());
    CHECK(report->ok());
    CHECK(report->last_position == last);
  }

  const std::vector<std::string> reads = {"/api/v1/click-to-call/sessions/" + id,
                                          "/api/v1/agents/a-1", "/api/v1/customers/c-1",
                                          "/api/v1/audit/call/" + id};
  std::vector<boost::json::value> original;
  for (const auto& target_path : reads) {
    auto r = s.Call("GET", target_path, cast.admin);
    REQUIRE(r.status == 200);
    original.push_back(r.Json());
  }
  ServerFixture restored([&](http::api::AppOptions& o) { o.data_dir = target; });
  for (size_t i = 0; i < reads.size(); ++i) {
    auto r = restored.Call("GET", reads[i], cast.admin);
    INFO(reads[i] << ": " << r.body);
    REQUIRE(r.status == 200);
    CHECK(r.Json() == original[i]);
  }
  CHECK(restored.store().LastPosition() == last);
}

}  // namespace
}  // namespace sb::testing
