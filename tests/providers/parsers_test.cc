// The dial response parsers: the provider's call id on success, and the failure classes that
// failover decides on (dial_result.h) for 4xx, 5xx, 429 and malformed bodies.
#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "http/providers/asterisk.h"
#include "http/providers/dial_result.h"
#include "http/providers/exotel.h"
#include "http/providers/generic_provider.h"
#include "http/providers/mcube.h"
#include "http/providers/provider_adapter.h"
#include "http/providers/twilio.h"
#include "http/providers/vonage.h"
#include "tests/providers/sample_configs.h"

namespace {

using sb::Result;
using sb::Status;
using sb::providers::DialAccepted;
using sb::providers::IsRetryable;
using Parser = std::function<Result<DialAccepted>(int, const std::string&)>;

struct Case {
  const char* provider;
  Parser parse;
  std::string success_body;
  std::string expected_id;
  std::string expected_status;
  std::string error_body;  // the provider's documented error shape
  std::string error_text;  // what of it must reach the Status message
};

std::vector<Case> Cases() {
  sb::providers::GenericSettings generic;
  generic.call_id_pointer = "/data/id";
  return {
      {"twilio", sb::providers::ParseTwilioDialResponse,
       R"({"sid":"CA1234567890abcdef1234567890abcdef","status":"queued","to":"+14155550100"})",
       "CA1234567890abcdef1234567890abcdef", "queued",
       R"({"code":21211,"message":"Invalid 'To' Phone Number","status":400})",
       "Invalid 'To' Phone Number (code 21211)"},
      {"vonage", sb::providers::ParseVonageDialResponse,
       R"({"uuid":"63f61863-4a51-4f6b-86e1-46edebcf9356","status":"started","direction":"outbound","conversation_uuid":"CON-f972836a"})",
       "63f61863-4a51-4f6b-86e1-46edebcf9356", "started",
       R"({"type":"https://developer.nexmo.com/api-errors#bad-request","title":"Bad Request","detail":"Invalid number"})",
       "Bad Request: Invalid number"},
      {"exotel", sb::providers::ParseExotelDialResponse,
       R"({"Call":{"Sid":"b6cfaf0b1c3f0d1a","Status":"in-progress","From":"+919900000001"}})",
       "b6cfaf0b1c3f0d1a", "in-progress",
       R"({"RestException":{"Status":400,"Message":"To number is not valid"}})",
       "To number is not valid"},
      {"asterisk", sb::providers::ParseAsteriskDialResponse,
       R"({"id":"call-7f3a","name":"PJSIP/trunk-00000001","state":"Down","caller":{"name":"","number":""}})",
       "call-7f3a", "Down", R"({"message":"Endpoint not found"})", "Endpoint not found"},
      {"mcube", sb::providers::ParseMcubeDialResponse, R"({"status":"success","callid":"MC-991"})",
       "MC-991", "success", R"({"message":"invalid custnumber"})", "invalid custnumber"},
      {"generic",
       [generic](int s, const std::string& b) {
         return sb::providers::ParseGenericDialResponse(generic, s, b);
       },
       R"({"data":{"id":"g-1"},"status":"accepted"})", "g-1", "accepted",
       R"({"error":"number blocked"})", "number blocked"},
  };
}

}  // namespace

TEST_CASE("parsers return the provider's call id on success", "[providers][parse]") {
  for (const Case& c : Cases()) {
    INFO(c.provider);
    for (int status : {200, 201}) {
      auto r = c.parse(status, c.success_body);
      INFO(r.status().ToString());
      REQUIRE(r.ok());
      REQUIRE(r->provider_call_id == c.expected_id);
      REQUIRE(r->provider_status == c.expected_status);
      REQUIRE(r->http_status == status);
    }
  }
}

TEST_CASE("4xx answers are permanent: bad request, auth, conflict", "[providers][parse]") {
  for (const Case& c : Cases()) {
    INFO(c.provider);
    auto bad = c.parse(400, c.error_body);
    REQUIRE(bad.status().IsInvalidArgument());
    REQUIRE(!IsRetryable(bad.status()));
    REQUIRE(bad.status().message().find(c.error_text) != std::string::npos);
    REQUIRE(bad.status().message().find("400") != std::string::npos);
    REQUIRE(c.parse(404, c.error_body).status().IsInvalidArgument());
    REQUIRE(c.parse(422, "").status().IsInvalidArgument());
    auto auth = c.parse(401, c.error_body);
    REQUIRE(auth.status().IsFailed());
    REQUIRE(!IsRetryable(auth.status()));
    REQUIRE(c.parse(403, "<html>Forbidden</html>").status().IsFailed());
    auto conflict = c.parse(409, c.error_body);
    REQUIRE(conflict.status().IsConflict());
    REQUIRE(!IsRetryable(conflict.status()));
  }
}

TEST_CASE("5xx, 429 and 408 answers are retryable, whatever their body", "[providers][parse]") {
  for (const Case& c : Cases()) {
    INFO(c.provider);
    for (int status : {500, 502, 503, 504, 429, 408}) {
      INFO(status);
      for (const std::string& body :
           {c.error_body, std::string("<html>Bad Gateway</html>"), std::string()}) {
        auto r = c.parse(status, body);
        REQUIRE(!r.ok());
        REQUIRE(r.status().code() == Status::Code::kUnavailable);
        REQUIRE(IsRetryable(r.status()));
      }
    }
  }
}

TEST_CASE("a 2xx without a readable call id is corruption, not retried", "[providers][parse]") {
  for (const Case& c : Cases()) {
    INFO(c.provider);
    for (const std::string& body :
         {std::string(), std::string("{not json"), std::string("<?xml version=\"1.0\"?><x/>"),
          std::string("[]"), std::string(R"({"unrelated":true})"),
          std::string(R"({"sid":42,"uuid":null,"id":[],"Call":"x"})")}) {
      INFO(body);
      auto r = c.parse(200, body);
      REQUIRE(r.status().IsCorruption());
      REQUIRE(!IsRetryable(r.status()));
    }
  }
}

TEST_CASE("ParseDialResponse dispatches on the config's provider_type", "[providers][parse]") {
  auto r = sb::providers::ParseDialResponse(sb::testing::ExotelConfig(), 200,
                                            R"({"Call":{"Sid":"ex-1","Status":"queued"}})");
  REQUIRE(r.ok());
  REQUIRE(r->provider_call_id == "ex-1");
  r = sb::providers::ParseDialResponse(sb::testing::GenericConfig(), 200,
                                       R"({"data":{"id":12345}})");
  REQUIRE(r.ok());
  REQUIRE(r->provider_call_id == "12345");  // numeric ids become their decimal text
}

TEST_CASE("ClassifyHttpFailure covers the table in dial_result.h", "[providers][parse]") {
  using sb::providers::ClassifyHttpFailure;
  REQUIRE(ClassifyHttpFailure("p", 500, "").code() == Status::Code::kUnavailable);
  REQUIRE(ClassifyHttpFailure("p", 429, "").code() == Status::Code::kUnavailable);
  REQUIRE(ClassifyHttpFailure("p", 401, "").IsFailed());
  REQUIRE(ClassifyHttpFailure("p", 409, "").IsConflict());
  REQUIRE(ClassifyHttpFailure("p", 302, "").IsInvalidArgument());  // redirects are not followed
  const Status s = ClassifyHttpFailure("twilio", 400, "bad number");
  REQUIRE(s.message() == "twilio answered HTTP 400: bad number");
}
