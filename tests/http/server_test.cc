// The HTTP server over real sockets, with the toy application: routing, the server's own error
// answers, keep-alive and pipelining, late, dropped and throwing handlers, timeouts.
#include <chrono>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include <map>

#include "tests/http/toy_server.h"
#include "tests/support/http_client.h"

namespace sb::testing {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

std::string ErrorCode(const HttpReply& reply) {
  return std::string(reply.Json().at("error").at("code").as_string());
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST_CASE("server routes requests and decodes path parameters", "[http][server]") {
  ToyServer toy;
  HttpClient client("127.0.0.1", toy.port());

  auto hello = client.Request("GET", "/hello");
  REQUIRE(hello.ok());
  CHECK(hello->status == 200);
  CHECK(hello->Json().at("hello") == "world");
  CHECK(hello->Header("Content-Type") == std::optional<std::string>("application/json"));
  CHECK(hello->Header("Server") == std::optional<std::string>("switchboard"));
  CHECK(hello->Header("Content-Length") ==
        std::optional<std::string>(std::to_string(hello->body.size())));

  auto item = client.Request("GET", "/items/a%20b%2Fc");
  REQUIRE(item.ok());
  CHECK(item->Json().at("id") == "a b/c");
  auto stats = client.Request("GET", "/items/stats");
  REQUIRE(stats.ok());
  CHECK(stats->Json().at("stats") == true);
  auto part = client.Request("GET", "/items/7/parts/wheel");
  REQUIRE(part.ok());
  CHECK(part->Json().at("part") == "wheel");

  auto created = client.Request("POST", "/items", R"({"name":"x"})");
  REQUIRE(created.ok());
  CHECK(created->status == 201);
  CHECK(created->Json().at("received") == R"({"name":"x"})");

  auto query = client.Request("GET", "/query?since=5&name=J%C3%B6rg+M&flag");
  REQUIRE(query.ok());
  CHECK(query->Json().at("since") == "5");
  CHECK(query->Json().at("name") == "J\xC3\xB6rg M");
  CHECK(query->Json().at("flag") == "");

  auto headers = client.Request("GET", "/headers", {}, {{"X-Test", "yes"}});
  REQUIRE(headers.ok());
  CHECK(headers->Json().at("x-test") == "yes");
  CHECK(headers->Json().at("remote").as_string().starts_with("127.0.0.1:"));

  auto text = client.Request("POST", "/text", "plain words", {}, "text/plain; charset=utf-8");
  REQUIRE(text.ok());
  CHECK(text->status == 200);
  CHECK(text->body == "plain words");
  CHECK(text->Header("content-type") == std::optional<std::string>("text/plain"));
}

TEST_CASE("server answers 404, 405 with Allow, and 415 as JSON errors", "[http][server]") {
  ToyServer toy;
  HttpClient client("127.0.0.1", toy.port());
  auto missing = client.Request("GET", "/nowhere");
  REQUIRE(missing.ok());
  CHECK(missing->status == 404);
  CHECK(ErrorCode(*missing) == "not_found");
  CHECK(missing->Json().at("error").at("field").is_null());

  auto wrong_method = client.Request("DELETE", "/items/3");
  REQUIRE(wrong_method.ok());
  CHECK(wrong_method->status == 405);
  CHECK(ErrorCode(*wrong_method) == "method_not_allowed");
  CHECK(wrong_method->Header("Allow") == std::optional<std::string>("GET, PUT"));

  auto wrong_type =
      client.Request("POST", "/items", "a=1", {}, "application/x-www-form-urlencoded");
  REQUIRE(wrong_type.ok());
  CHECK(wrong_type->status == 415);
  CHECK(ErrorCode(*wrong_type) == "unsupported_media_type");

  // The connection survives all of these.
  CHECK(client.Request("GET", "/hello")->status == 200);
  CHECK(client.connections_opened() == 1);
}

TEST_CASE("server refuses bodies over the limit with 413 and closes", "[http][server]") {
  http::ServerOptions options;
  options.body_limit = 1024;
  ToyServer toy(options);
  HttpClient client("127.0.0.1", toy.port());
  CHECK(client.Request("PUT", "/items/1", std::string(1024, 'x'), {}, "text/plain")->status ==
        415);  // at the limit: read, then routed

  auto too_big = client.Request("PUT", "/items/1", std::string(1025, 'x'));
  REQUIRE(too_big.ok());
  CHECK(too_big->status == 413);
  CHECK(ErrorCode(*too_big) == "payload_too_large");
  CHECK(too_big->Header("Connection") == std::optional<std::string>("close"));

  // A big body that keeps coming after the answer: the answer still arrives.
  auto huge = client.Request("PUT", "/items/1", std::string(4 << 20, 'x'));
  REQUIRE(huge.ok());
  CHECK(huge->status == 413);

  // Refused from the Content-Length alone, before any body byte.
  auto raw = client.Raw(
      "POST /items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 999999999\r\n\r\n");
  REQUIRE(raw.ok());
  CHECK(raw->rfind("HTTP/1.1 413", 0) == 0);
  CHECK(raw->find("payload_too_large") != std::string::npos);

  // Chunked bodies are counted too.
  std::string chunked =
      "POST /items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 3; ++i) chunked += "200\r\n" + std::string(512, 'y') + "\r\n";
  chunked += "0\r\n\r\n";
  auto raw_chunked = client.Raw(chunked);
  REQUIRE(raw_chunked.ok());
  CHECK(raw_chunked->rfind("HTTP/1.1 413", 0) == 0);
}

TEST_CASE("server answers malformed requests with 400 and closes", "[http][server]") {
  ToyServer toy;
  HttpClient client("127.0.0.1", toy.port());
  const char* bad[] = {
      "GARBAGE\r\n\r\n",                                    // no request line
      "GET /hello HTTP/9.9\r\nHost: x\r\n\r\n",             // bad version
      "GET /hello HTTP/1.1\r\nHost x\r\n\r\n",              // header without a colon
      "GET /hello HTTP/1.1\r\nHo st: x\r\n\r\n",            // bad header name
      "GET /hello HTTP/1.1\r\nContent-Length: -1\r\n\r\n",  // bad length
      "GET /hello HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
      "GET /bad%zzescape HTTP/1.1\r\nHost: x\r\n\r\n",           // bad escape in the target
      "GET http://elsewhere/hello HTTP/1.1\r\nHost: x\r\n\r\n",  // not origin-form
  };
  for (const char* bytes : bad) {
    INFO(bytes);
    const auto start = Clock::now();
    auto raw = client.Raw(bytes, 5s);
    REQUIRE(raw.ok());
    CHECK(raw->rfind("HTTP/1.1 400", 0) == 0);
    CHECK(raw->find(R"("code":"bad_request")") != std::string::npos);
    CHECK(raw->find("Connection: close") != std::string::npos);
    CHECK(Clock::now() - start < 4s);  // closed by the server, not by our timeout
  }
  // The server is fine afterwards.
  CHECK(client.Request("GET", "/hello")->status == 200);
}

TEST_CASE("server answers headers over the limit with 431", "[http][server]") {
  ToyServer toy;
  HttpClient client("127.0.0.1", toy.port());
  auto raw = client.Raw("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') +
                        "\r\n\r\n");
  REQUIRE(raw.ok());
  CHECK(raw->rfind("HTTP/1.1 431", 0) == 0);
  CHECK(raw->find("headers_too_large") != std::string::npos);
}

TEST_CASE("server keeps one connection alive for many requests", "[http][server]") {
  ToyServer toy;
  HttpClient client("127.0.0.1", toy.port());
  for (int i = 0; i < 300; ++i) {
    auto reply = client.Request("GET", "/items/" + std::to_string(i));
    REQUIRE(reply.ok());
    REQUIRE(reply->Json().at("id") == boost::json::value(std::to_string(i)));
  }
  CHECK(client.connections_opened() == 1);
}

TEST_CASE("server answers pipelined requests in order", "[http][server]") {
  ToyServer toy;
  HttpClient client("127.0.0.1", toy.port());
  // The slow one is answered last by its handler but must come back first.
  std::string bytes = "GET /slow?ms=200 HTTP/1.1\r\nHost: x\r\n\r\n";
  for (int i = 0; i < 20; ++i)
    bytes += "GET /items/" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n\r\n";
  bytes += "GET /async/last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  auto raw = client.Raw(bytes, 10s);
  REQUIRE(raw.ok());
  CHECK(Count(*raw, "HTTP/1.1 200 OK") == 22);
  size_t at = raw->find(R"({"slow":true})");
  CHECK(at != std::string::npos);
  for (int i = 0; i < 20; ++i) {
    const size_t next = raw->find(R"({"id":")" + std::to_string(i) + R"("})", at);
    REQUIRE(next != std::string::npos);
    at = next;
  }
  CHECK(raw->find(R"({"id":"last"})", at) != std::string::npos);
}

TEST_CASE("server honours Connection: close and HTTP/1.0", "[http][server]") {
  ToyServer toy;
  HttpClient client("127.0.0.1", toy.port());
  auto reply = client.Request("GET", "/hello", {}, {{"Connection", "close"}});
  REQUIRE(reply.ok());
  CHECK(reply->Header("Connection") == std::optional<std::string>("close"));
  CHECK(client.Request("GET", "/hello")->status == 200);
  CHECK(client.connections_opened() == 2);

  const auto start = Clock::now();
  auto raw = client.Raw("GET /hello HTTP/1.0\r\n\r\n", 5s);
  REQUIRE(raw.ok());
  CHECK(raw->rfind("HTTP/1.0 200", 0) == 0);
  CHECK(Clock::now() - start < 4s);
}

TEST_CASE("server writes an answer given later from another thread", "[http][server]") {
  ToyServer toy;
  HttpClient client("127.0.0.1", toy.port());
  const auto start = Clock::now();
  auto reply = client.Request("GET", "/slow?ms=300");
  REQUIRE(reply.ok());
  CHECK(reply->status == 200);
  CHECK(reply->Json().at("slow") == true);
  CHECK(Clock::now() - start >= 300ms);
  auto fast = client.Request("GET", "/async/9");
  REQUIRE(fast.ok());
  CHECK(fast->Json().at("id") == "9");
}

TEST_CASE("server answers 500 for a dropped responder", "[http][server]") {
  ToyServer toy;
  HttpClient client("127.0.0.1", toy.port());
  for (const char* target : {"/drop", "/drop-async"}) {
    INFO(target);
    auto reply = client.Request("GET", target);
    REQUIRE(reply.ok());
    CHECK(reply->status == 500);
    CHECK(ErrorCode(*reply) == "internal");
    CHECK(reply->Json().at("error").at("message") == "request dropped");
  }
  CHECK(client.Request("GET", "/hello")->status == 200);
  CHECK(client.connections_opened() == 1);
}

TEST_CASE("server answers 500 for a throwing handler and keeps serving", "[http][server]") {
  ToyServer toy;
  HttpClient client("127.0.0.1", toy.port());
  auto reply = client.Request("GET", "/throw");
  REQUIRE(reply.ok());
  CHECK(reply->status == 500);
  CHECK(ErrorCode(*reply) == "internal");
  auto answered = client.Request("GET", "/answer-then-throw");
  REQUIRE(answered.ok());
  CHECK(answered->status == 200);
  CHECK(client.Request("GET", "/hello")->status == 200);
  CHECK(client.connections_opened() == 1);
}

TEST_CASE("server reports each response to on_response with its route", "[http][server]") {
  ToyServer toy;
  {
    HttpClient client("127.0.0.1", toy.port());
    client.Request("GET", "/items/42");
    client.Request("GET", "/nowhere");
    client.Request("DELETE", "/items/1");
    client.Raw("BROKEN\r\n\r\n");
  }
  // The hook runs after the write; give the last one a moment.
  std::vector<ResponseRecord> records;
  for (int i = 0; i < 100 && records.size() < 4; ++i) {
    std::this_thread::sleep_for(10ms);
    records = toy.records();
  }
  REQUIRE(records.size() == 4);
  // Each status is answered once; the hooks of different connections may run in any order.
  std::map<int, ResponseRecord> by_status;
  for (const auto& r : records) by_status[r.status] = r;
  REQUIRE(by_status.size() == 4);
  CHECK(by_status[200].route == "/items/{id}");
  CHECK(by_status[200].method == "GET");
  CHECK(by_status[200].seconds >= 0);
  CHECK(by_status[404].route == "unmatched");
  CHECK(by_status[405].route == "/items/{id}");
  CHECK(by_status[405].method == "DELETE");
  CHECK(by_status[400].route == "unmatched");
}

TEST_CASE("server closes a connection that does not finish its request in time", "[http][server]") {
  http::ServerOptions options;
  options.request_timeout = 1s;
  ToyServer toy(options);
  HttpClient client("127.0.0.1", toy.port());
  const auto start = Clock::now();
  auto raw = client.Raw("GET /hello HTTP/1.1\r\nHost: x\r\n", 10s);  // headers never end
  REQUIRE(raw.ok());
  CHECK(raw->empty());
  const auto elapsed = Clock::now() - start;
  CHECK(elapsed >= 900ms);
  CHECK(elapsed < 5s);
}

TEST_CASE("server start reports bad options and busy ports", "[http][server]") {
  ToyServer first;
  http::ServerOptions same_port;
  same_port.port = first.port();
  http::Server busy(same_port, std::make_shared<http::Router>());
  Status s = busy.Start();
  CHECK(s.IsIOError());
  CHECK(s.message().find(std::to_string(first.port())) != std::string::npos);

  http::ServerOptions bad_address;
  bad_address.address = "not-an-ip";
  bad_address.port = 0;
  http::Server bad(bad_address, std::make_shared<http::Router>());
  CHECK(bad.Start().IsInvalidArgument());

  http::ServerOptions fine;
  fine.port = 0;
  http::Server twice(fine, std::make_shared<http::Router>());
  REQUIRE(twice.Start().ok());
  CHECK(twice.port() != 0);
  CHECK(twice.Start().IsFailed());
  twice.Stop();
  twice.Stop();  // idempotent
}

TEST_CASE("server stops with idle keep-alive connections open", "[http][server]") {
  auto toy = std::make_unique<ToyServer>();
  HttpClient a("127.0.0.1", toy->port());
  HttpClient b("127.0.0.1", toy->port());
  REQUIRE(a.Request("GET", "/hello").ok());
  REQUIRE(b.Request("GET", "/hello").ok());
  const auto start = Clock::now();
  toy.reset();
  CHECK(Clock::now() - start < 2s);
}

}  // namespace
}  // namespace sb::testing
