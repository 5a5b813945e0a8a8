// Request accessors, target parsing and the error body format.
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "http/request.h"
#include "http/response.h"
#include "http/target.h"

namespace sb::http {
namespace {

TEST_CASE("ParseTarget decodes the path and the query", "[http][target]") {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  REQUIRE(ParseTarget("/a%20b/c+d?x=1&name=J%C3%B6rg+M&flag&&y=%3D", &path, &query).ok());
  CHECK(path == "/a b/c+d");
  REQUIRE(query.size() == 4);
  CHECK(query[0] == std::make_pair(std::string("x"), std::string("1")));
  CHECK(query[1] == std::make_pair(std::string("name"), std::string("J\xC3\xB6rg M")));
  CHECK(query[2] == std::make_pair(std::string("flag"), std::string()));
  CHECK(query[3] == std::make_pair(std::string("y"), std::string("=")));

  REQUIRE(ParseTarget("/", &path, &query).ok());
  CHECK(path == "/");
  CHECK(query.empty());
}

TEST_CASE("ParseTarget refuses bad escapes and non-path targets", "[http][target]") {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  CHECK(ParseTarget("/a%2", &path, &query).IsInvalidArgument());
  CHECK(ParseTarget("/a%zz", &path, &query).IsInvalidArgument());
  CHECK(ParseTarget("/a?x=%", &path, &query).IsInvalidArgument());
  CHECK(ParseTarget("http://host/a", &path, &query).IsInvalidArgument());
  CHECK(ParseTarget("", &path, &query).IsInvalidArgument());
  CHECK(ParseTarget("*", &path, &query).IsInvalidArgument());
}

TEST_CASE("Request finds headers ignoring case and query parameters exactly", "[http]") {
  Request r;
  r.headers = {
      {"content-type", "application/json"}, {"x-tenant-id", "acme"}, {"x-tenant-id", "second"}};
  r.query = {{"since", "5"}, {"Since", "6"}};
  CHECK(r.Header("x-tenant-id") == std::optional<std::string>("acme"));
  CHECK(r.Header("Content-Type") == std::optional<std::string>("application/json"));
  CHECK_FALSE(r.Header("authorization"));
  CHECK(r.Query("since") == std::optional<std::string>("5"));
  CHECK(r.Query("Since") == std::optional<std::string>("6"));
  CHECK_FALSE(r.Query("token"));
}

TEST_CASE("ErrorResponse has exactly the error shape", "[http][response]") {
  Response r = ErrorResponse(422, "rule_violation", "agent is \"busy\"\n", "agent_id");
  CHECK(r.status == 422);
  CHECK(r.content_type == "application/json");
  CHECK(
      r.body ==
      R"({"error":{"code":"rule_violation","message":"agent is \"busy\"\n","field":"agent_id"}})");
  Response no_field = ErrorResponse(404, "not_found", "nothing here");
  CHECK(no_field.body == R"({"error":{"code":"not_found","message":"nothing here","field":null}})");
  // Whatever the message holds, the body is valid JSON that gives it back.
  const std::string nasty = std::string("quote\" backslash\\ nul") + '\0' + "\x01 \xC3\xA9";
  auto parsed = boost::json::parse(ErrorResponse(400, "bad", nasty).body);
  CHECK(parsed.at("error").at("message").as_string() == nasty);
}

TEST_CASE("JsonResponse serializes with Boost.JSON", "[http][response]") {
  Response r = JsonResponse(201, boost::json::object{{"a", 1}, {"b", "x"}});
  CHECK(r.status == 201);
  CHECK(r.body == R"({"a":1,"b":"x"})");
}

}  // namespace
}  // namespace sb::http
