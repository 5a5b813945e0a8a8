// The calling policy over real HTTP: number lists, calling hours, caller IDs and recording
// consent applied to click-to-call, and screening of inbound callers.
#include <catch2/catch.hpp>

#include "tests/voip/voip_fixture.h"

namespace sb::testing {
namespace {

const char* kWeekdays[] = {"sunday",   "monday", "tuesday", "wednesday",
                           "thursday", "friday", "saturday"};

// A weekday name other than today's (UTC), so a window on it is closed now.
std::string NotToday() {
  const int64_t days = NowSeconds() / 86400;  // 1970-01-01 was a Thursday
  const int today = static_cast<int>((days + 4) % 7);
  return kWeekdays[(today + 3) % 7];
}

TEST_CASE("policy: blocked numbers and calling hours refuse a click-to-call, writing nothing",
          "[integration][voip]") {
  auto s = WebhookServer();
  VoipCast cast;
  OnlineAgent(s, cast);
  REQUIRE(s.Call("POST", "/api/v1/number-lists", cast.admin,
                 R"({"number":"+14155550100","list":"block","reason":"asked not to be called"})")
              .status == 201);
  CHECK(s.Call("POST", "/api/v1/number-lists", cast.agent,
               R"({"number":"+14155550101","list":"block"})")
            .status == 403);
  auto bad =
      s.Call("POST", "/api/v1/number-lists", cast.admin, R"({"number":"12","list":"block"})");
  CHECK(bad.status == 422);
  CHECK(Str(bad.Json().at("error").at("code")) == "invalid_phone");

  const uint64_t before = s.store().LastPosition();
  auto blocked = InitiatePstn(s, cast);
  CHECK(blocked.status == 422);
  CHECK(Str(blocked.Json().at("error").at("code")) == "number_blocked");
  CHECK(s.store().LastPosition() == before);

  // Hours that are closed now; an allow-listed (consenting) number may still be called.
  auto hours = s.Call("PUT", "/api/v1/calling-policy", cast.admin,
                      R"({"calling_hours":{"enabled":true,"utc_offset_minutes":0,"windows":[
                           {"day":")" +
                          NotToday() + R"(","start_minute":540,"end_minute":1200}]}})");
  INFO(hours.body);
  REQUIRE(hours.status == 200);
  auto closed = s.Call("POST", "/api/v1/click-to-call/initiate", cast.agent,
                       R"({"to_phone":"+14155550177"})");
  CHECK(closed.status == 422);
  CHECK(Str(closed.Json().at("error").at("code")) == "outside_calling_hours");
  CHECK(Str(closed.Json().at("error").at("message")).find("calling opens") != std::string::npos);
  REQUIRE(s.Call("POST", "/api/v1/number-lists", cast.admin,
                 R"({"number":"+14155550177","list":"allow"})")
              .status == 201);
  auto allowed = s.Call("POST", "/api/v1/click-to-call/initiate", cast.agent,
                        R"({"to_phone":"+14155550177"})");
  INFO(allowed.body);
  CHECK(allowed.status == 201);

  auto lists = s.Call("GET", "/api/v1/number-lists?list=block", cast.admin).Json();
  REQUIRE(lists.at("total").as_int64() == 1);
  CHECK(Str(lists.at("numbers").at(0).at("reason")) == "asked not to be called");
  REQUIRE(s.Call("DELETE", "/api/v1/number-lists/%2B14155550100", cast.admin).status == 200);
  CHECK(
      s.Call("GET", "/api/v1/number-lists?list=block", cast.admin).Json().at("total").as_int64() ==
      0);
}

TEST_CASE("policy: caller ID profiles and recording consent are recorded on the call",
          "[integration][voip]") {
  auto s = WebhookServer();
  VoipCast cast;
  OnlineAgent(s, cast);
  REQUIRE(s.Call("PUT", "/api/v1/caller-ids/support", cast.admin,
                 R"({"number":"+14155550111","display_name":"Support","is_default":true})")
              .status == 200);
  REQUIRE(s.Call("PUT", "/api/v1/caller-ids/sales", cast.admin,
                 R"({"number":"+14155550122","display_name":"Sales"})")
              .status == 200);
  auto by_default = InitiatePstn(s, cast);
  REQUIRE(by_default.status == 201);
  auto session = SessionOf(by_default);
  CHECK(Str(session.at("from_phone")) == "+14155550111");
  CHECK(Str(session.at("recording")) == "consent_required");  // the default policy: ask
  REQUIRE(s.Call("POST", "/api/v1/click-to-call/sessions/" + Str(session.at("id")) + "/end",
                 cast.agent, "{}")
              .status == 200);
  FixtureWait([&] {
    return Str(s.Call("GET", "/api/v1/agents/a-1", cast.admin).Json().at("status")) == "online";
  });

  REQUIRE(s.Call("PUT", "/api/v1/calling-policy", cast.admin, R"({"recording":"always"})").status ==
          200);
  auto sales = InitiatePstn(s, cast, R"(,"caller_id_profile_id":"sales")");
  REQUIRE(sales.status == 201);
  CHECK(Str(SessionOf(sales).at("from_phone")) == "+14155550122");
  CHECK(Str(SessionOf(sales).at("recording")) == "announced");
  auto unknown = InitiatePstn(s, cast, R"(,"caller_id_profile_id":"nope")");
  CHECK(unknown.status == 422);
  CHECK(Str(unknown.Json().at("error").at("code")) == "caller_id_profile_not_found");
}

TEST_CASE("policy: blocked callers are turned away; VIP callers jump the queue",
          "[integration][voip]") {
  auto s = WebhookServer();
  VoipCast cast;
  FakeProvider unused;
  AddTwilio(s, cast, unused, 1);
  REQUIRE(s.Call("POST", "/api/v1/number-lists", cast.admin,
                 R"({"number":"+14155550666","list":"block"})")
              .status == 201);
  REQUIRE(s.Call("POST", "/api/v1/number-lists", cast.admin,
                 R"({"number":"+14155550777","list":"vip"})")
              .status == 201);

  auto turned_away = PostTwilio(s, "/api/webhooks/call/incoming?tenant=acme",
                                TwilioIncoming("CA-B", "+14155550666"));
  REQUIRE(turned_away.status == 200);
  CHECK(turned_away.body.find("<Reject") != std::string::npos);

  REQUIRE(PostTwilio(s, "/api/webhooks/call/incoming?tenant=acme",
                     TwilioIncoming("CA-N", "+14155550123"))
              .status == 200);
  REQUIRE(PostTwilio(s, "/api/webhooks/call/incoming?tenant=acme",
                     TwilioIncoming("CA-V", "+14155550777"))
              .status == 200);
  auto queue = s.Call("GET", "/api/v1/queues/default", cast.admin).Json();
  REQUIRE(queue.at("in_queue").as_int64() == 2);  // the blocked caller never queued
  const auto& tasks = queue.at("tasks").as_array();
  CHECK(Str(tasks[0].at("caller_number")) == "+14155550777");  // later, but first
  CHECK(tasks[0].at("priority").as_int64() == 10);
  CHECK(Str(tasks[1].at("caller_number")) == "+14155550123");
}

}  // namespace
}  // namespace sb::testing
