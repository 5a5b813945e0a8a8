// Races resolved by ownership: many agents clicking Call on one customer at once.
#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/actors/runtime_fixture.h"

namespace sb::testing {
namespace {

TEST_CASE("20 agents call one customer at once: exactly one proceeds", "[actors][race]") {
  RuntimeFixture f;
  constexpr int kAgents = 20;
  for (int i = 0; i < kAgents; ++i) f.OnlineAgent("a-" + std::to_string(i));
  f.Customer("c-1", true, true);

  std::vector<actors::ClickToCallResult> results(kAgents);
  std::vector<std::thread> threads;
  std::atomic<bool> go{false};
  for (int i = 0; i < kAgents; ++i) {
    threads.emplace_back([&, i] {
      while (!go.load()) std::this_thread::yield();
      results[i] = f.Call("a-" + std::to_string(i), "c-1");
    });
  }
  go = true;
  for (auto& t : threads) t.join();

  int winners = 0;
  std::string winner_call;
  std::string winner_agent;
  for (int i = 0; i < kAgents; ++i) {
    REQUIRE(results[i].status.ok());
    if (!results[i].rejection) {
      ++winners;
      winner_call = results[i].call_id;
      winner_agent = "a-" + std::to_string(i);
    }
  }
  REQUIRE(winners == 1);
  for (const auto& r : results) {
    if (!r.rejection) continue;
    CHECK(r.rejection->code == "customer_busy");
    CHECK(r.rejection->holder == winner_call);
  }
  auto customer = f.Get<domain::CustomerDecider>("c-1");
  CHECK(customer.line_call_id == winner_call);
  CHECK(customer.line_agent_id == winner_agent);
  // Losers were never reserved: they stay online and free.
  for (int i = 0; i < kAgents; ++i) {
    const std::string id = "a-" + std::to_string(i);
    if (id == winner_agent) continue;
    CHECK_FALSE(f.Get<domain::AgentDecider>(id).OnCall());
  }
}

}  // namespace
}  // namespace sb::testing
