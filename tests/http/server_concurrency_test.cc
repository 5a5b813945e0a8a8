// The server under many client threads, answers from foreign threads, WebSocket sends from
// foreign threads, and Stop in the middle of it all. Assertions run on the test thread only:
// client threads record into their own slots, read after join.
#include <atomic>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "bench/http_load.h"
#include "tests/http/toy_server.h"
#include "tests/support/http_client.h"
#include "tests/support/ws_client.h"

namespace sb::testing {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct ClientTally {
  int ok = 0;
  int wrong = 0;  // answered, but not what was asked
  int failed = 0;
  int connections = 0;
  std::string first_problem;
};

TEST_CASE("64 connections x 100 requests, answered on I/O and worker threads",
          "[http][concurrency]") {
  http::ServerOptions options;
  options.threads = 2;
  ToyServer toy(options);
  constexpr int kClients = 64;
  constexpr int kRequests = 100;
  std::vector<ClientTally> tallies(kClients);
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      ClientTally& t = tallies[c];
      HttpClient client("127.0.0.1", toy.port());
      for (int i = 0; i < kRequests; ++i) {
        const std::string id = std::to_string(c) + "-" + std::to_string(i);
        // Every third answer comes from a worker thread, like an actor's.
        const std::string target = (i % 3 == 0 ? "/async/" : "/items/") + id;
        auto reply = client.Request("GET", target);
        if (!reply.ok()) {
          ++t.failed;
          if (t.first_problem.empty()) t.first_problem = reply.status().ToString();
          continue;
        }
        if (reply->status == 200 && reply->body == R"({"id":")" + id + R"("})") {
          ++t.ok;
        } else {
          ++t.wrong;
          if (t.first_problem.empty()) t.first_problem = target + " -> " + reply->body;
        }
      }
      t.connections = client.connections_opened();
    });
  }
  for (auto& t : threads) t.join();
  int ok = 0;
  for (const auto& t : tallies) {
    INFO(t.first_problem);
    CHECK(t.failed == 0);
    CHECK(t.wrong == 0);
    CHECK(t.connections == 1);
    ok += t.ok;
  }
  CHECK(ok == kClients * kRequests);
}

TEST_CASE("responders dropped and answered on worker threads under load", "[http][concurrency]") {
  ToyServer toy;
  constexpr int kClients = 8;
  std::vector<std::map<int, int>> statuses(kClients);
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      HttpClient client("127.0.0.1", toy.port());
      for (int i = 0; i < 30; ++i) {
        auto reply = client.Request("GET", i % 2 ? "/drop-async" : "/slow?ms=5");
        ++statuses[c][reply.ok() ? reply->status : -1];
      }
    });
  }
  for (auto& t : threads) t.join();
  for (auto& s : statuses) {
    CHECK(s[500] == 15);
    CHECK(s[200] == 15);
    CHECK(s[-1] == 0);
  }
}

TEST_CASE("websocket frames sent from several foreign threads arrive in per-thread order",
          "[http][concurrency]") {
  std::mutex mu;
  std::vector<std::shared_ptr<http::WebSocketPeer>> peers;
  ToyServer toy;
  toy.OnWsOpen([&](std::shared_ptr<http::WebSocketPeer> p) {
    std::lock_guard lock(mu);
    peers.push_back(std::move(p));
  });
  constexpr int kClients = 6;
  constexpr int kSenders = 4;
  constexpr int kFrames = 250;
  std::vector<std::unique_ptr<WsClient>> clients;
  for (int i = 0; i < kClients; ++i) {
    auto c = WsClient::Connect("127.0.0.1", toy.port(), "/ws?token=good");
    REQUIRE(c.ok());
    auto hello = (*c)->Read(5s);
    REQUIRE(hello.ok());
    clients.push_back(std::move(c).value());
  }
  std::vector<std::shared_ptr<http::WebSocketPeer>> targets;
  {
    std::lock_guard lock(mu);
    targets = peers;
  }
  REQUIRE(targets.size() == kClients);
  std::vector<std::thread> senders;
  for (int s = 0; s < kSenders; ++s) {
    senders.emplace_back([&, s] {
      for (int n = 0; n < kFrames; ++n) {
        for (auto& p : targets) p->Send(std::to_string(s) + ":" + std::to_string(n));
      }
    });
  }
  for (auto& t : senders) t.join();
  for (auto& client : clients) {
    std::vector<int> next(kSenders, 0);
    int out_of_order = 0;
    for (int i = 0; i < kSenders * kFrames; ++i) {
      auto frame = client->Read(10s);
      REQUIRE(frame.ok());
      const size_t colon = frame->find(':');
      const int s = std::stoi(frame->substr(0, colon));
      const int n = std::stoi(frame->substr(colon + 1));
      if (n != next[s]) ++out_of_order;
      next[s] = n + 1;
    }
    CHECK(out_of_order == 0);
  }
  targets.clear();
  std::lock_guard lock(mu);
  peers.clear();
}

TEST_CASE("websocket connections opening and ending concurrently get exactly one OnClose",
          "[http][concurrency]") {
  ToyServer toy;
  constexpr int kThreads = 8;
  constexpr int kRounds = 10;
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int r = 0; r < kRounds; ++r) {
        auto c = WsClient::Connect("127.0.0.1", toy.port(), "/ws?token=good");
        if (!c.ok()) {
          ++failures[t];
          continue;
        }
        auto& ws = *c;
        if (!ws->Read(5s).ok() || !ws->Send("x").ok() || !ws->Read(5s).ok()) ++failures[t];
        switch (r % 3) {
          case 0:
            ws->Close();
            break;
          case 1:
            ws->Abort();
            break;
          default:
            (void)ws->Send("close");  // the server closes
            (void)ws->Read(5s);
            break;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int f : failures) CHECK(f == 0);
  auto probe = toy.ws_probe();
  CHECK(probe->WaitCloses(kThreads * kRounds, 10s));
  CHECK(probe->opens() == kThreads * kRounds);
  CHECK(probe->closes() == kThreads * kRounds);
  CHECK(probe->bad_closes() == 0);
}

TEST_CASE("server stops cleanly in the middle of traffic", "[http][concurrency]") {
  auto toy = std::make_unique<ToyServer>();
  const uint16_t port = toy->port();
  auto probe = toy->ws_probe();
  std::atomic<bool> stop{false};
  constexpr int kClients = 12;
  std::vector<int> answered(kClients, 0);
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      HttpClient client("127.0.0.1", port);
      for (int i = 0; !stop.load(); ++i) {
        const char* target = i % 3 == 0 ? "/async/x" : i % 3 == 1 ? "/slow?ms=50" : "/items/y";
        auto reply = client.Request("GET", target);
        if (!reply.ok()) break;  // the server is gone
        ++answered[c];
      }
    });
  }
  std::vector<std::unique_ptr<WsClient>> sockets;
  for (int i = 0; i < 4; ++i) {
    auto ws = WsClient::Connect("127.0.0.1", port, "/ws?token=good");
    REQUIRE(ws.ok());
    sockets.push_back(std::move(ws).value());
  }
  std::this_thread::sleep_for(300ms);
  const auto start = Clock::now();
  toy.reset();  // Stop, then the workers finish their jobs into the stopped server
  const auto elapsed = Clock::now() - start;
  stop = true;
  for (auto& t : threads) t.join();
  CHECK(elapsed < 5s);
  CHECK(probe->closes() == 4);
  CHECK(probe->bad_closes() == 0);
  int total = 0;
  for (int a : answered) total += a;
  CHECK(total > 0);
}

TEST_CASE("http_load drives the toy server", "[http][concurrency]") {
  ToyServer toy;
  bench::HttpLoadOptions options;
  options.port = toy.port();
  options.connections = 4;
  options.duration = 500ms;
  bench::HttpLoadRequest request;
  request.method = "PUT";
  request.target = "/items/7";
  request.make_body = [](uint64_t n) { return "{\"n\":" + std::to_string(n) + "}"; };
  auto result = bench::RunHttpLoad(options, request);
  REQUIRE(result.ok());
  CHECK(result->requests > 50);
  CHECK(result->errors == 0);
  CHECK(result->non_2xx == 0);
  CHECK(result->seconds >= 0.45);
  CHECK(result->rate > 0);
  CHECK(result->p50_us > 0);
  CHECK(result->p50_us <= result->p99_us);

  request.target = "/nowhere";
  request.method = "GET";
  request.make_body = nullptr;
  options.duration = 200ms;
  auto not_found = bench::RunHttpLoad(options, request);
  REQUIRE(not_found.ok());
  CHECK(not_found->requests > 0);
  CHECK(not_found->non_2xx == not_found->requests);

  options.port = 1;  // nothing listens there
  CHECK(bench::RunHttpLoad(options, request).status().IsIOError());
}

}  // namespace
}  // namespace sb::testing
