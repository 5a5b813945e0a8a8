// Router: matching, parameters, specificity, and the answers it gives itself.
#include <atomic>
#include <memory>
#include <optional>
#include <stdexcept>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "http/router.h"

namespace sb::http {
namespace {

Request Make(std::string method, std::string target, std::string body = {},
             std::string content_type = "application/json") {
  Request r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.path = r.target.substr(0, r.target.find('?'));
  r.body = std::move(body);
  if (!r.body.empty()) r.headers.emplace_back("content-type", std::move(content_type));
  return r;
}

// Dispatches and returns the single answer (the toy handlers answer synchronously).
struct Outcome {
  int calls = 0;
  Response response;
};

Outcome Run(const Router& router, Request request) {
  auto out = std::make_shared<Outcome>();
  router.Dispatch(std::move(request), [out](Response r) {
    ++out->calls;
    out->response = std::move(r);
  });
  return *out;
}

boost::json::object Body(const Response& r) { return boost::json::parse(r.body).as_object(); }

Router ToyRouter() {
  Router router;
  auto named = [](std::string name) {
    return [name](Request, PathParams params, Responder respond) {
      boost::json::object o{{"route", name}};
      for (const auto& [k, v] : params) o[k] = v;
      respond(JsonResponse(200, o));
    };
  };
  router.Add("GET", "/api/v1/calls", named("list"));
  router.Add("POST", "/api/v1/calls", named("create"));
  router.Add("GET", "/api/v1/calls/{id}", named("get"));
  router.Add("DELETE", "/api/v1/calls/{id}", named("delete"));
  router.Add("GET", "/api/v1/calls/stats", named("stats"));
  router.Add("POST", "/api/v1/calls/{id}/accept", named("accept"));
  router.Add("GET", "/api/v1/{kind}/{id}/notes", named("notes"));
  router.Add("GET", "/api/v1/calls/{id}/notes", named("call-notes"));
  router.Add("GET", "/", named("root"));
  return router;
}

TEST_CASE("router matches literal paths and methods", "[http][router]") {
  Router router = ToyRouter();
  auto out = Run(router, Make("GET", "/api/v1/calls"));
  REQUIRE(out.calls == 1);
  CHECK(out.response.status == 200);
  CHECK(Body(out.response).at("route") == "list");
  CHECK(Body(Run(router, Make("POST", "/api/v1/calls", "{}")).response).at("route") == "create");
  CHECK(Body(Run(router, Make("GET", "/")).response).at("route") == "root");
}

TEST_CASE("router extracts decoded path parameters", "[http][router]") {
  Router router = ToyRouter();
  auto out = Run(router, Make("POST", "/api/v1/calls/c-42/accept"));
  REQUIRE(out.response.status == 200);
  CHECK(Body(out.response).at("route") == "accept");
  CHECK(Body(out.response).at("id") == "c-42");
  // Decoded per segment: an escaped slash stays inside its segment.
  out = Run(router, Make("GET", "/api/v1/calls/a%2Fb%20c"));
  REQUIRE(out.response.status == 200);
  CHECK(Body(out.response).at("id") == "a/b c");
  out = Run(router, Make("GET", "/api/v1/calls/x?since=3"));
  CHECK(Body(out.response).at("id") == "x");
}

TEST_CASE("router prefers literal segments over parameters", "[http][router]") {
  Router router = ToyRouter();
  CHECK(Body(Run(router, Make("GET", "/api/v1/calls/stats")).response).at("route") == "stats");
  CHECK(Body(Run(router, Make("GET", "/api/v1/calls/7")).response).at("route") == "get");
  // Both "/api/v1/{kind}/{id}/notes" and "/api/v1/calls/{id}/notes" match: the literal wins
  // at the first segment where they differ, whatever the order they were added in.
  CHECK(Body(Run(router, Make("GET", "/api/v1/calls/7/notes")).response).at("route") ==
        "call-notes");
  CHECK(Body(Run(router, Make("GET", "/api/v1/chats/7/notes")).response).at("route") == "notes");
  // The literal resource decides the methods: no fallback to "/api/v1/calls/{id}".
  auto out = Run(router, Make("DELETE", "/api/v1/calls/stats"));
  CHECK(out.response.status == 405);
}

TEST_CASE("router answers 404 for unknown paths and empty parameter segments", "[http][router]") {
  Router router = ToyRouter();
  for (const char* target : {"/nope", "/api/v1/calls/", "/api/v1/calls//accept",
                             "/api/v1/calls/1/accept/more", "/api/v1"}) {
    INFO(target);
    auto out = Run(router, Make("GET", target));
    REQUIRE(out.calls == 1);
    CHECK(out.response.status == 404);
    CHECK(Body(out.response).at("error").at("code") == "not_found");
  }
}

TEST_CASE("router answers 405 with Allow for a known path", "[http][router]") {
  Router router = ToyRouter();
  auto out = Run(router, Make("PUT", "/api/v1/calls/9"));
  REQUIRE(out.response.status == 405);
  CHECK(Body(out.response).at("error").at("code") == "method_not_allowed");
  std::optional<std::string> allow;
  for (const auto& [k, v] : out.response.headers) {
    if (k == "Allow") allow = v;
  }
  REQUIRE(allow);
  CHECK(*allow == "DELETE, GET");
}

TEST_CASE("router checks the media type of non-empty bodies", "[http][router]") {
  Router router = ToyRouter();
  CHECK(Run(router, Make("POST", "/api/v1/calls", "{}", "application/json")).response.status ==
        200);
  CHECK(Run(router, Make("POST", "/api/v1/calls", "{}", "Application/JSON; charset=utf-8"))
            .response.status == 200);
  auto out = Run(router, Make("POST", "/api/v1/calls", "x=1", "application/x-www-form-urlencoded"));
  CHECK(out.response.status == 415);
  CHECK(Body(out.response).at("error").at("code") == "unsupported_media_type");
  CHECK(Body(out.response).at("error").at("field") == "Content-Type");
  Request no_type = Make("POST", "/api/v1/calls");
  no_type.body = "{}";
  CHECK(Run(router, no_type).response.status == 415);
  // An empty body is not checked.
  CHECK(Run(router, Make("POST", "/api/v1/calls")).response.status == 200);

  Router any;
  RouteOptions anything;
  anything.content_types.clear();
  any.Add(
      "POST", "/upload", [](Request, PathParams, Responder r) { r(Response{}); }, anything);
  CHECK(Run(any, Make("POST", "/upload", "bytes", "image/png")).response.status == 200);
}

TEST_CASE("router turns handler exceptions into one 500", "[http][router]") {
  Router router;
  router.Add("GET", "/throw",
             [](Request, PathParams, Responder) -> void { throw std::runtime_error("boom"); });
  router.Add("GET", "/int", [](Request, PathParams, Responder) -> void { throw 42; });
  router.Add("GET", "/late", [](Request, PathParams, Responder respond) -> void {
    respond(Response{});
    throw std::runtime_error("after answering");
  });
  for (const char* target : {"/throw", "/int"}) {
    auto out = Run(router, Make("GET", target));
    REQUIRE(out.calls == 1);
    CHECK(out.response.status == 500);
    CHECK(Body(out.response).at("error").at("code") == "internal");
  }
  auto out = Run(router, Make("GET", "/late"));
  CHECK(out.calls == 1);
  CHECK(out.response.status == 200);
}

TEST_CASE("router labels requests by resource pattern", "[http][router]") {
  Router router = ToyRouter();
  CHECK(router.RouteLabel(Make("POST", "/api/v1/calls/abc/accept")) == "/api/v1/calls/{id}/accept");
  CHECK(router.RouteLabel(Make("GET", "/api/v1/calls/stats")) == "/api/v1/calls/stats");
  CHECK(router.RouteLabel(Make("PATCH", "/api/v1/calls/1")) == "/api/v1/calls/{id}");
  CHECK(router.RouteLabel(Make("GET", "/elsewhere")) == "unmatched");
}

TEST_CASE("router matches a hand-built request on its path", "[http][router]") {
  Router router = ToyRouter();
  Request r;
  r.method = "GET";
  r.path = "/api/v1/calls/abc";
  CHECK(Body(Run(router, r).response).at("id") == "abc");
}

TEST_CASE("router replaces a route added twice", "[http][router]") {
  Router router;
  router.Add("GET", "/x", [](Request, PathParams, Responder r) { r(Response{201, "", "", {}}); });
  router.Add("GET", "/x", [](Request, PathParams, Responder r) { r(Response{202, "", "", {}}); });
  CHECK(Run(router, Make("GET", "/x")).response.status == 202);
}

TEST_CASE("router's answer hook sees each handler's answer with its method", "[http][router]") {
  Router router = ToyRouter();
  std::vector<std::string> seen;
  router.SetAnswerHook([&seen](const std::string& method, Response* r) {
    seen.push_back(method + " " + std::to_string(r->status));
    r->headers.emplace_back("X-Seen", method);
  });
  auto created = Run(router, Make("POST", "/api/v1/calls", "{}"));
  REQUIRE(created.calls == 1);
  CHECK(created.response.headers ==
        std::vector<std::pair<std::string, std::string>>{{"X-Seen", "POST"}});
  CHECK(Run(router, Make("GET", "/api/v1/calls/abc")).response.headers.size() == 1);
  // The router's own answers are not a handler's.
  CHECK(Run(router, Make("GET", "/nowhere")).response.status == 404);
  CHECK(Run(router, Make("PUT", "/api/v1/calls")).response.status == 405);
  CHECK(seen == std::vector<std::string>{"POST 200", "GET 200"});
}

}  // namespace
}  // namespace sb::http
