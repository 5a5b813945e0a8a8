// 20 agents click Call on one customer at the same moment, over 20 real connections.
#include <atomic>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/app/server_fixture.h"

namespace sb::testing {
namespace {

TEST_CASE("20 agents call one customer concurrently: exactly one 201", "[integration]") {
  ServerFixture s;
  constexpr int kAgents = 20;
  const auto admin = ServerFixture::Token("admin", "ops");
  std::vector<std::string> tokens;
  for (int i = 0; i < kAgents; ++i) {
    const std::string id = "a-" + std::to_string(i);
    tokens.push_back(ServerFixture::Token("agent", id));
    REQUIRE(s.Call("PUT", "/api/v1/agents/" + id, admin, R"({"name":"A"})").status == 201);
    REQUIRE(
        s.Call("PUT", "/api/v1/agents/" + id + "/status", tokens.back(), R"({"status":"online"})")
            .status == 200);
  }
  REQUIRE(s.Call("PUT", "/api/v1/customers/c-1", admin, R"({"phone":"+14155550100"})").status ==
          201);

  std::vector<std::unique_ptr<HttpClient>> clients;
  for (int i = 0; i < kAgents; ++i) {
    clients.push_back(std::make_unique<HttpClient>("127.0.0.1", s.port()));
    REQUIRE(clients.back()->Request("GET", "/healthz").ok());  // connected before the race
  }
  std::vector<Result<HttpReply>> replies(kAgents, Status::Unavailable("not run"));
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kAgents; ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      replies[i] = clients[i]->Request("POST", "/api/v1/click-to-call/initiate",
                                       R"({"to_phone":"+14155550100","lead_id":"c-1"})",
                                       {{"Authorization", "Bearer " + tokens[i]}});
    });
  }
  go = true;
  for (auto& t : threads) t.join();

  int created = 0;
  std::string winner;
  for (auto& reply : replies) {
    REQUIRE(reply.ok());
    if (reply.value().status == 201) {
      ++created;
      winner = Str(reply.value().Json().at("session").at("id"));
    }
  }
  REQUIRE(created == 1);
  for (auto& reply : replies) {
    if (reply.value().status == 201) continue;
    CHECK(reply.value().status == 409);
    auto error = reply.value().Json().at("error");
    CHECK(Str(error.at("code")) == "customer_busy");
    CHECK(Str(error.at("holder")) == winner);
  }
}

}  // namespace
}  // namespace sb::testing
