// WebSocket endpoints over real sockets: echo, refused upgrades, OnClose on every kind of end
// (client close, lost connection, silent peer, server stop), and the send-queue limit.
#include <chrono>
#include <string>
#include <thread>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "tests/http/toy_server.h"
#include "tests/support/http_client.h"
#include "tests/support/ws_client.h"

namespace sb::testing {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

std::unique_ptr<WsClient> Connect(uint16_t port, const std::string& target = "/ws?token=good") {
  auto client = WsClient::Connect("127.0.0.1", port, target);
  REQUIRE(client.ok());
  auto c = std::move(client).value();
  auto hello = c->Read(5s);
  REQUIRE(hello.ok());
  REQUIRE(*hello == "hello");
  return c;
}

TEST_CASE("websocket echoes text frames and closes cleanly", "[http][websocket]") {
  ToyServer toy;
  auto ws = Connect(toy.port());
  CHECK(toy.ws_probe()->opens() == 1);
  for (const std::string& text :
       std::vector<std::string>{"one", "two", std::string(100000, 'z'), "\xC3\xA9"}) {
    REQUIRE(ws->Send(text).ok());
    auto echo = ws->Read(5s);
    REQUIRE(echo.ok());
    CHECK(*echo == text);
  }
  ws->Close();
  CHECK(toy.ws_probe()->WaitCloses(1, 5s));
  CHECK(toy.ws_probe()->bad_closes() == 0);
}

TEST_CASE("websocket read times out distinguishably and continues", "[http][websocket]") {
  ToyServer toy;
  auto ws = Connect(toy.port());
  auto nothing = ws->Read(100ms);
  REQUIRE_FALSE(nothing.ok());
  CHECK(nothing.status().code() == Status::Code::kUnavailable);
  REQUIRE(ws->Send("later").ok());
  auto later = ws->Read(5s);
  REQUIRE(later.ok());
  CHECK(*later == "later");
}

TEST_CASE("websocket server closes on request with code 1000", "[http][websocket]") {
  ToyServer toy;
  auto ws = Connect(toy.port());
  REQUIRE(ws->Send("close").ok());
  auto end = ws->Read(5s);
  REQUIRE_FALSE(end.ok());
  CHECK(end.status().IsIOError());
  CHECK(ws->close_code() == std::optional<int>(1000));
  CHECK(toy.ws_probe()->WaitCloses(1, 5s));
}

TEST_CASE("websocket upgrade refused by the acceptor arrives as HTTP", "[http][websocket]") {
  ToyServer toy;
  HttpReply refused;
  auto ws = WsClient::Connect("127.0.0.1", toy.port(), "/ws?token=bad", {}, &refused);
  REQUIRE_FALSE(ws.ok());
  CHECK(ws.status().IsFailed());
  CHECK(ws.status().message().find("401") != std::string::npos);
  CHECK(refused.status == 401);
  CHECK(refused.Json().at("error").at("code") == "unauthorized");
  CHECK(toy.ws_probe()->opens() == 0);

  // An upgrade on a path without a WebSocket endpoint goes to the router.
  auto elsewhere = WsClient::Connect("127.0.0.1", toy.port(), "/hello?x", {}, &refused);
  REQUIRE_FALSE(elsewhere.ok());
  CHECK(refused.status == 200);  // GET /hello answered as plain HTTP

  // A plain GET on the WebSocket path is routed too (404 in the toy application).
  HttpClient http("127.0.0.1", toy.port());
  CHECK(http.Request("GET", "/ws?token=good")->status == 404);
}

TEST_CASE("websocket session gets OnClose when the client vanishes", "[http][websocket]") {
  ToyServer toy;
  auto ws = Connect(toy.port());
  const auto start = Clock::now();
  ws->Abort();
  REQUIRE(toy.ws_probe()->WaitCloses(1, 5s));
  CHECK(Clock::now() - start < 2s);
  CHECK(toy.ws_probe()->bad_closes() == 0);
}

TEST_CASE("websocket notices a peer that stops answering pings", "[http][websocket]") {
  http::ServerOptions options;
  options.ws_idle_timeout = 600ms;
  ToyServer toy(options);
  auto ws = Connect(toy.port());
  const auto start = Clock::now();
  // The client stays connected but runs nothing: pings go unanswered.
  CHECK_FALSE(toy.ws_probe()->WaitCloses(1, 200ms));
  REQUIRE(toy.ws_probe()->WaitCloses(1, 5s));
  const auto elapsed = Clock::now() - start;
  CHECK(elapsed >= 400ms);
  CHECK(elapsed < 3s);
}

TEST_CASE("websocket keeps an idle but answering peer", "[http][websocket]") {
  http::ServerOptions options;
  options.ws_idle_timeout = 400ms;
  ToyServer toy(options);
  auto ws = Connect(toy.port());
  // Reading answers the pings; nothing else is sent for three idle timeouts.
  auto nothing = ws->Read(1200ms);
  CHECK(nothing.status().code() == Status::Code::kUnavailable);
  CHECK(toy.ws_probe()->closes() == 0);
  REQUIRE(ws->Send("still here").ok());
  auto echo = ws->Read(5s);
  REQUIRE(echo.ok());
  CHECK(*echo == "still here");
}

TEST_CASE("websocket closes a client whose send queue overflows with 1008", "[http][websocket]") {
  http::ServerOptions options;
  options.ws_send_queue_limit = 8;
  ToyServer toy(options);
  auto ws = Connect(toy.port());
  REQUIRE(ws->Send("flood 1000").ok());
  int received = 0;
  for (;;) {
    auto frame = ws->Read(5s);
    if (!frame.ok()) {
      CHECK(frame.status().IsIOError());
      break;
    }
    ++received;
  }
  CHECK(received < 1000);
  CHECK(ws->close_code() == std::optional<int>(1008));
  CHECK(toy.ws_probe()->WaitCloses(1, 5s));
}

TEST_CASE("websocket cuts a client that reads nothing while its queue overflows",
          "[http][websocket]") {
  http::ServerOptions options;
  options.ws_send_queue_limit = 16;
  std::shared_ptr<http::WebSocketPeer> peer;
  std::mutex mu;
  ToyServer toy(options);
  toy.OnWsOpen([&](std::shared_ptr<http::WebSocketPeer> p) {
    std::lock_guard lock(mu);
    peer = std::move(p);
  });
  auto ws = Connect(toy.port());
  std::shared_ptr<http::WebSocketPeer> sender;
  {
    std::lock_guard lock(mu);
    sender = peer;
  }
  REQUIRE(sender);
  // Large frames from this (foreign) thread; the client never reads, so the socket buffers
  // fill, the queue overflows, the close frame cannot get through, and the server cuts.
  const std::string frame(256 * 1024, 'f');
  const auto start = Clock::now();
  for (int i = 0; i < 400 && toy.ws_probe()->closes() == 0; ++i) {
    sender->Send(frame);
    std::this_thread::sleep_for(1ms);
  }
  REQUIRE(toy.ws_probe()->WaitCloses(1, 10s));
  CHECK(Clock::now() - start < 8s);
  sender->Send("after close is dropped");
  sender->Close();
  sender.reset();
  std::lock_guard lock(mu);
  peer.reset();
}

TEST_CASE("websocket session that throws is closed with 1011", "[http][websocket]") {
  ToyServer toy;
  auto ws = Connect(toy.port());
  REQUIRE(ws->Send("throw").ok());
  auto end = ws->Read(5s);
  REQUIRE_FALSE(end.ok());
  CHECK(ws->close_code() == std::optional<int>(1011));
  CHECK(toy.ws_probe()->WaitCloses(1, 5s));
}

TEST_CASE("server stop closes open websockets with 1001 and calls OnClose", "[http][websocket]") {
  auto toy = std::make_unique<ToyServer>();
  auto probe = toy->ws_probe();
  auto reading = Connect(toy->port());
  auto silent = Connect(toy->port());
  HttpClient http("127.0.0.1", toy->port());
  REQUIRE(http.Request("GET", "/hello").ok());
  REQUIRE(probe->opens() == 2);

  const auto start = Clock::now();
  std::thread stopper([&toy] { toy.reset(); });
  auto end = reading->Read(5s);  // answers the close frame while Stop runs
  stopper.join();
  const auto elapsed = Clock::now() - start;
  CHECK_FALSE(end.ok());
  CHECK(reading->close_code() == std::optional<int>(1001));
  CHECK(probe->closes() == 2);
  CHECK(probe->bad_closes() == 0);
  CHECK(elapsed < 4s);  // the silent client is cut after the close grace
  // The HTTP connection was closed too.
  auto after = http.Request("GET", "/hello");
  CHECK_FALSE(after.ok());
}

TEST_CASE("websocket peers give unique ids", "[http][websocket]") {
  std::mutex mu;
  std::set<std::string> ids;
  ToyServer toy;
  toy.OnWsOpen([&](std::shared_ptr<http::WebSocketPeer> p) {
    std::lock_guard lock(mu);
    ids.insert(p->id());
  });
  std::vector<std::unique_ptr<WsClient>> clients;
  for (int i = 0; i < 5; ++i) clients.push_back(Connect(toy.port()));
  std::lock_guard lock(mu);
  CHECK(ids.size() == 5);
}

}  // namespace
}  // namespace sb::testing
