// Tenancy, roles and bad input over real HTTP: every refusal is a JSON error with the right
// status, and none of them changes the log.
#include <catch2/catch.hpp>

#include "tests/app/server_fixture.h"

namespace sb::testing {
namespace {

std::string Code(const HttpReply& reply) { return Str(reply.Json().at("error").at("code")); }

TEST_CASE("tenants and roles are confined", "[integration]") {
  ServerFixture s;
  const auto admin = ServerFixture::Token("admin", "ops");
  const auto a1 = ServerFixture::Token("agent", "a-1");
  const auto a2 = ServerFixture::Token("agent", "a-2");
  const auto c1 = ServerFixture::Token("customer", "c-1");
  const auto c2 = ServerFixture::Token("customer", "c-2");
  const auto other_tenant = ServerFixture::Token("admin", "ops", "globex");
  REQUIRE(s.Call("PUT", "/api/v1/agents/a-1", admin, R"({"name":"Ada"})").status == 201);
  REQUIRE(s.Call("PUT", "/api/v1/agents/a-1/status", a1, R"({"status":"online"})").status == 200);
  REQUIRE(s.Call("PUT", "/api/v1/customers/c-1", admin, R"({"phone":"+14155550100"})").status ==
          201);
  auto call = s.Call("POST", "/api/v1/click-to-call/initiate", a1,
                     R"({"to_phone":"+14155550100","lead_id":"c-1"})");
  REQUIRE(call.status == 201);
  const std::string call_id = Str(call.Json().at("session").at("id"));
  const uint64_t before = s.store().LastPosition();

  SECTION("no token, a bad token, a token signed with another secret: 401") {
    CHECK(s.Call("GET", "/api/v1/agents/a-1", "").status == 401);
    CHECK(s.Call("GET", "/api/v1/agents/a-1", "not.a.jwt").status == 401);
    auto forged = http::MintToken(
        "another-secret", http::Principal{"acme", http::Role::kAdmin, "x"}, 60, std::time(nullptr));
    CHECK(Code(s.Call("GET", "/api/v1/agents/a-1", forged.value())) == "unauthorized");
  }
  SECTION("another tenant's ids are 404") {
    CHECK(s.Call("GET", "/api/v1/agents/a-1", other_tenant).status == 404);
    CHECK(s.Call("GET", "/api/v1/customers/c-1", other_tenant).status == 404);
    CHECK(s.Call("GET", "/api/v1/click-to-call/sessions/" + call_id, other_tenant).status == 404);
  }
  SECTION("an X-Tenant-ID naming another tenant is 403") {
    auto reply = s.Call("GET", "/api/v1/agents/a-1", admin, "", {{"X-Tenant-ID", "globex"}});
    CHECK(reply.status == 403);
    CHECK(Code(reply) == "tenant_mismatch");
    CHECK(s.Call("GET", "/api/v1/agents/a-1", admin, "", {{"X-Tenant-ID", "acme"}}).status == 200);
  }
  SECTION("an agent acts as itself") {
    CHECK(s.Call("PUT", "/api/v1/agents/a-1/status", a2, R"({"status":"away"})").status == 403);
    CHECK(s.Call("GET", "/api/v1/agents/a-1", a2).status == 404);
    CHECK(s.Call("POST", "/api/v1/click-to-call/initiate", a2,
                 R"({"to_phone":"+14155550100","agent_id":"a-1"})")
              .status == 403);
    CHECK(s.Call("GET", "/api/v1/click-to-call/sessions/" + call_id, a2).status == 404);
    CHECK(s.Call("POST", "/api/v1/click-to-call/sessions/" + call_id + "/end", a2).status == 404);
  }
  SECTION("a customer sees only its own calls and cannot place any") {
    CHECK(s.Call("GET", "/api/v1/click-to-call/sessions/" + call_id, c1).status == 200);
    CHECK(s.Call("GET", "/api/v1/click-to-call/sessions/" + call_id, c2).status == 404);
    CHECK(s.Call("GET", "/api/v1/customers/c-1", c2).status == 404);
    CHECK(s.Call("POST", "/api/v1/click-to-call/initiate", c1, R"({"to_phone":"+14155550100"})")
              .status == 403);
    CHECK(s.Call("PUT", "/api/v1/agents/a-1/status", c1, R"({"status":"away"})").status == 403);
  }
  SECTION("a console with a bad token is refused before the upgrade") {
    HttpReply refused;
    auto ws = WsClient::Connect("127.0.0.1", s.port(), "/ws?token=nope", {}, &refused);
    CHECK_FALSE(ws.ok());
    CHECK(refused.status == 401);
  }
  CHECK(s.store().LastPosition() == before);
}

TEST_CASE("bad input is a clear JSON error and changes nothing", "[integration]") {
  ServerFixture s([](http::api::AppOptions& o) { o.server.body_limit = 4096; });
  const auto admin = ServerFixture::Token("admin", "ops");
  REQUIRE(s.Call("PUT", "/api/v1/agents/a-1", admin, R"({"name":"Ada"})").status == 201);
  const uint64_t before = s.store().LastPosition();
  const std::string initiate = "/api/v1/click-to-call/initiate";

  struct Case {
    std::string method, target, body, content_type;
    int status;
    std::string code;
  };
  const Case cases[] = {
      {"POST", initiate, "{\"to_phone\":", "application/json", 400, "malformed_json"},
      {"POST", initiate, "[1,2]", "application/json", 400, "malformed_json"},
      {"POST", initiate, "{} {}", "application/json", 400, "malformed_json"},
      {"POST", initiate, R"({"to_phone":"+1415","metadata":{"a":[1,}})", "application/json", 400,
       "malformed_json"},
      {"POST", initiate, R"({"to_phone":123})", "application/json", 400, "invalid_type"},
      {"POST", initiate, R"({"to_phone":"+14155550100","colour":"red"})", "application/json", 400,
       "unknown_field"},
      {"POST", initiate, R"({"to_phone":"+1","to_phone":"+2"})", "application/json", 400,
       "duplicate_field"},
      {"POST", initiate, R"({"agent_id":"a-1"})", "application/json", 422, "phone_required"},
      {"POST", initiate, R"({"to_phone":"0123","agent_id":"a-1"})", "application/json", 422,
       "invalid_phone"},
      {"POST", initiate, R"({"to_phone":"+14155550100"})", "text/plain", 415,
       "unsupported_media_type"},
      {"POST", initiate, std::string(5000, ' '), "application/json", 413, "payload_too_large"},
      {"PUT", "/api/v1/agents/a-1/status", R"({"status":"dancing"})", "application/json", 422,
       "invalid_status"},
      {"PUT", "/api/v1/agents/a-1/status", R"({})", "application/json", 422, "field_required"},
      {"PUT", "/api/v1/agents/a%2F1", R"({"name":"x"})", "application/json", 422, "invalid_id"},
      {"GET", "/api/v1/nowhere", "", "application/json", 404, "not_found"},
      {"DELETE", "/api/v1/agents/a-1", "", "application/json", 405, "method_not_allowed"},
  };
  for (const auto& c : cases) {
    INFO(c.method << " " << c.target << " " << c.body.substr(0, 60));
    HttpClient client("127.0.0.1", s.port());
    auto reply = client.Request(c.method, c.target, c.body, {{"Authorization", "Bearer " + admin}},
                                c.content_type);
    REQUIRE(reply.ok());
    CHECK(reply.value().status == c.status);
    CHECK(Code(reply.value()) == c.code);
    auto error = reply.value().Json().at("error").as_object();
    CHECK(error.contains("message"));
    CHECK(error.contains("field"));
  }
  CHECK(s.store().LastPosition() == before);
  CHECK(s.Call("GET", "/healthz", "").status == 200);
}

TEST_CASE("health and readiness need no token", "[integration]") {
  ServerFixture s;
  CHECK(Str(s.Call("GET", "/healthz", "").Json().at("status")) == "ok");
  CHECK(Str(s.Call("GET", "/readyz", "").Json().at("status")) == "ready");
}

}  // namespace
}  // namespace sb::testing
