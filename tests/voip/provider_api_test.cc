// /api/v1/voip-providers over real HTTP: admin-only CRUD, masked secrets, merge on PUT.
#include <catch2/catch.hpp>

#include "tests/voip/voip_fixture.h"

namespace sb::testing {
namespace {

constexpr char kSeedAsterisk[] = R"({
  "provider_name": "My Asterisk Server",
  "provider_type": "ASTERISK",
  "api_url": "http://asterisk-server:8088",
  "auth_token": "ariuser:asterisk-auth-token",
  "phone_number": "+1234567890",
  "caller_id": "MyCompany",
  "dial_plan_prefix": "100",
  "is_active": true,
  "retry_count": 3,
  "timeout_seconds": 30,
  "priority": 1,
  "settings": {"endpoint_template": "PJSIP/{{number}}@trunk", "context": "from-sb",
               "extension": "s"}
})";

// The auth_token the log holds for provider `id` (what a dial would use).
std::string StoredToken(ServerFixture& s, const std::string& id) {
  auto events =
      s.store().ReadStream("acme/provider/" + id, es::kStreamEnd, es::Direction::kBackward, 1);
  REQUIRE(events.ok());
  REQUIRE(events->size() == 1);
  return Str(boost::json::parse(events->front().payload).at("auth_token"));
}

TEST_CASE("providers: seed 001 create, list, get, update, delete with secrets masked",
          "[integration][voip]") {
  ServerFixture s;
  VoipCast cast;
  auto created = s.Call("POST", "/api/v1/voip-providers", cast.admin, kSeedAsterisk);
  INFO(created.body);
  REQUIRE(created.status == 201);
  auto provider = created.Json().as_object();
  const std::string id = Str(provider.at("id"));
  CHECK(Str(provider.at("provider_type")) == "ASTERISK");
  CHECK(Str(provider.at("auth_token")) == "********");
  CHECK(provider.at("api_secret").is_null());  // never set
  CHECK(created.body.find("asterisk-auth-token") == std::string::npos);
  CHECK(Str(provider.at("settings").at("context")) == "from-sb");

  auto second = s.Call("POST", "/api/v1/voip-providers", cast.admin,
                       R"({"provider_name":"Backup Exotel","provider_type":"exotel",
                           "api_url":"https://api.exotel.com","api_key":"k","api_secret":"exotel-secret-9",
                           "account_sid":"acme1","phone_number":"+918030752400","priority":2})");
  INFO(second.body);
  REQUIRE(second.status == 201);

  auto list = s.Call("GET", "/api/v1/voip-providers", cast.admin);
  REQUIRE(list.status == 200);
  const auto listed = list.Json();
  CHECK(listed.at("total").as_int64() == 2);
  const auto& providers = listed.at("providers").as_array();
  CHECK(Str(providers[0].at("provider_name")) == "My Asterisk Server");  // priority 1 first
  CHECK(Str(providers[1].at("provider_type")) == "EXOTEL");
  CHECK(list.body.find("exotel-secret-9") == std::string::npos);  // masked too

  // PUT merges: the mask and left-out fields keep their values.
  auto updated = s.Call("PUT", "/api/v1/voip-providers/" + id, cast.admin,
                        R"({"priority":5,"auth_token":"********","is_active":false})");
  INFO(updated.body);
  REQUIRE(updated.status == 200);
  CHECK(updated.Json().at("priority").as_int64() == 5);
  CHECK_FALSE(updated.Json().at("is_active").as_bool());
  CHECK(Str(updated.Json().at("caller_id")) == "MyCompany");
  CHECK(StoredToken(s, id) == "ariuser:asterisk-auth-token");
  REQUIRE(s.Call("PUT", "/api/v1/voip-providers/" + id, cast.admin,
                 R"({"auth_token":"ariuser:rotated"})")
              .status == 200);
  CHECK(StoredToken(s, id) == "ariuser:rotated");

  auto got = s.Call("GET", "/api/v1/voip-providers/" + id, cast.admin);
  REQUIRE(got.status == 200);
  CHECK(got.Json().at("priority").as_int64() == 5);

  REQUIRE(s.Call("DELETE", "/api/v1/voip-providers/" + id, cast.admin).status == 200);
  CHECK(s.Call("GET", "/api/v1/voip-providers/" + id, cast.admin).status == 404);
  CHECK(s.Call("DELETE", "/api/v1/voip-providers/" + id, cast.admin).status == 404);
  CHECK(s.Call("GET", "/api/v1/voip-providers", cast.admin).Json().at("total").as_int64() == 1);

  // The directory is folded from the log: a restart shows the same providers.
  s.Restart();
  auto after = s.Call("GET", "/api/v1/voip-providers", cast.admin);
  CHECK(after.Json().at("total").as_int64() == 1);
  CHECK(Str(after.Json().at("providers").at(0).at("provider_name")) == "Backup Exotel");
}

TEST_CASE("providers: only admins, only their tenant, and bad input changes nothing",
          "[integration][voip]") {
  ServerFixture s;
  VoipCast cast;
  const std::string id =
      Str(s.Call("POST", "/api/v1/voip-providers", cast.admin, kSeedAsterisk).Json().at("id"));

  const std::string supervisor = ServerFixture::Token("supervisor", "sup");
  CHECK(s.Call("GET", "/api/v1/voip-providers", supervisor).status == 403);
  CHECK(s.Call("POST", "/api/v1/voip-providers", cast.agent, kSeedAsterisk).status == 403);
  const std::string other = ServerFixture::Token("admin", "ops", "globex");
  CHECK(s.Call("GET", "/api/v1/voip-providers/" + id, other).status == 404);
  CHECK(s.Call("GET", "/api/v1/voip-providers", other).Json().at("total").as_int64() == 0);

  const uint64_t before = s.store().LastPosition();
  struct Bad {
    const char* body;
    int status;
    const char* code;
  };
  const Bad bad[] = {
      {R"({"provider_type":"twilio"})", 422, "field_required"},
      {R"({"provider_name":"x","provider_type":"skype"})", 422, "invalid_provider_type"},
      {R"({"provider_name":"x","provider_type":"asterisk","retry_count":11})", 422,
       "invalid_retry_count"},
      // What the adapter needs: ARI needs an endpoint template and credentials.
      {R"({"provider_name":"x","provider_type":"asterisk","api_url":"http://a:8088"})", 422,
       "invalid_provider_config"},
      {R"({"provider_name":"x","provider_type":"twilio","settings":{"nope":1}})", 422,
       "invalid_provider_config"},
      {R"({"provider_name":"x","provider_type":"twilio","colour":"red"})", 400, "unknown_field"},
      {R"({"provider_name":1})", 400, "invalid_type"},
      {"not json", 400, "malformed_json"},
  };
  for (const Bad& b : bad) {
    auto reply = s.Call("POST", "/api/v1/voip-providers", cast.admin, b.body);
    INFO(b.body << " -> " << reply.body);
    CHECK(reply.status == b.status);
    CHECK(Str(reply.Json().at("error").at("code")) == b.code);
  }
  CHECK(s.Call("PUT", "/api/v1/voip-providers/" + id, cast.admin, R"({"timeout_seconds":0})")
            .status == 422);
  CHECK(s.Call("PUT", "/api/v1/voip-providers/nope", cast.admin, R"({"priority":2})").status ==
        404);
  CHECK(s.store().LastPosition() == before);
}

}  // namespace
}  // namespace sb::testing
