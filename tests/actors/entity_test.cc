// Entity actors on a real log: persist-then-apply, rejections, recovery, passivation,
// snapshots and deadlines that survive a restart.
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <random>
#include <thread>

#include <catch2/catch.hpp>

#include "tests/actors/runtime_fixture.h"

namespace sb::testing {
namespace {

using domain::AgentDecider;
using domain::AgentStatus;
using domain::CustomerDecider;

domain::RegisterAgent Agent(const std::string& name) {
  domain::RegisterAgent reg;
  reg.profile.name = name;
  reg.profile.skills = {{"sales", 5}};
  return reg;
}

TEST_CASE("a command's events are durable before it is answered", "[actors]") {
  RuntimeFixture f;
  auto reply = f.Ask<AgentDecider>("a-1", Agent("Ada"));
  REQUIRE(reply.ok());
  CHECK(reply.version == 1);
  CHECK(reply.state.profile.name == "Ada");
  CHECK(reply.last_position == f.store().LastPosition());
  auto read = f.store().ReadStream("acme/agent/a-1", 1, es::Direction::kForward, 10);
  REQUIRE(read.ok());
  REQUIRE(read.value().size() == 1);
  CHECK(read.value()[0].type == "AgentRegistered");
  CHECK(read.value()[0].actor == "test");
  CHECK(read.value()[0].tenant == "acme");
}

TEST_CASE("a rejected command appends nothing and says why", "[actors]") {
  RuntimeFixture f;
  const uint64_t before = f.store().LastPosition();
  auto reply = f.Ask<AgentDecider>("ghost", domain::ChangeAgentStatus{AgentStatus::kOnline, ""});
  REQUIRE(reply.rejection);
  CHECK(reply.rejection->code == "agent_not_found");
  CHECK(f.store().LastPosition() == before);

  auto invalid = f.Ask<AgentDecider>("a-1", Agent(""));
  REQUIRE(invalid.rejection);
  CHECK(invalid.rejection->field == "name");
  CHECK(f.store().LastPosition() == before);
}

TEST_CASE("tenants are separate streams", "[actors]") {
  RuntimeFixture f;
  REQUIRE(f.Ask<AgentDecider>("a-1", Agent("Ada"), "acme").ok());
  CHECK_FALSE(f.Get<AgentDecider>("a-1", "globex").exists);
  CHECK(f.Get<AgentDecider>("a-1", "acme").exists);
}

TEST_CASE("state after a restart is the state before it", "[actors]") {
  RuntimeFixture f;
  REQUIRE(f.Ask<AgentDecider>("a-1", Agent("Ada")).ok());
  REQUIRE(
      f.Ask<AgentDecider>("a-1", domain::ChangeAgentStatus{AgentStatus::kOnline, "shift"}).ok());
  REQUIRE(f.Ask<AgentDecider>("a-1", domain::ChangeAgentStatus{AgentStatus::kBreak, "lunch"}).ok());
  auto before = f.Get<AgentDecider>("a-1");
  f.Restart();
  auto after = f.Get<AgentDecider>("a-1");
  CHECK(after == before);
  CHECK(after.status == AgentStatus::kBreak);
  CHECK(after.status_reason == "lunch");
}

TEST_CASE("an idle entity passivates and comes back from the log", "[actors]") {
  actors::RuntimeOptions options;
  options.entity.passivate_after = std::chrono::milliseconds(50);
  RuntimeFixture f(options);
  REQUIRE(f.Ask<AgentDecider>("a-1", Agent("Ada")).ok());
  const auto& counters = f.runtime().counters();
  RuntimeFixture::WaitUntil([&] { return counters.passivated.load() >= 1; });
  // The registry learns of the exit from a down message, a moment after the actor quits.
  RuntimeFixture::WaitUntil([&] { return counters.spawned.load() == counters.terminated.load(); });
  auto state = f.Get<AgentDecider>("a-1");
  CHECK(state.profile.name == "Ada");
  CHECK(counters.spawned.load() == 2);
}

// Entities that passivate after 1 ms of silence.
actors::RuntimeOptions PassivatingAfterOneMillisecond() {
  actors::RuntimeOptions options;
  options.entity.passivate_after = std::chrono::milliseconds(1);
  return options;
}

// Sends `count` commands to agent a-1 without waiting for answers, at random gaps of 0-2.5 ms
// around the 1 ms passivation delay; returns how many answers were not `good` once all came.
int SendAroundPassivation(RuntimeFixture& f, int count, unsigned seed,
                          const std::function<std::optional<AgentDecider::Command>(int)>& command,
                          const std::function<bool(const EntityReply<AgentDecider>&)>& good) {
  std::atomic<int> answered{0}, bad{0};
  std::mt19937 random(seed);
  for (int i = 0; i < count; ++i) {
    EntityCommand<AgentDecider> c;
    c.key = actors::EntityKey{"acme", "a-1"};
    c.meta.actor = "test";
    c.command = command(i);
    f.runtime().Ask<AgentDecider>(std::move(c), [&](Result<EntityReply<AgentDecider>> r) {
      if (!r.ok() || !good(r.value())) ++bad;
      ++answered;
    });
    std::this_thread::sleep_for(std::chrono::microseconds(random() % 2500));
  }
  RuntimeFixture::WaitUntil([&] { return answered.load() == count; });
  return bad.load();
}

TEST_CASE("a command that meets its entity passivating reaches the entity's next actor",
          "[actors]") {
  // An entity that quits while the registry is handing it a command bounces the command
  // unread. Queries at random gaps around the passivation delay make that happen often.
  RuntimeFixture f(PassivatingAfterOneMillisecond());
  REQUIRE(f.Ask<AgentDecider>("a-1", Agent("Ada")).ok());
  const int failed = SendAroundPassivation(
      f, 3000, 7, [](int) { return std::nullopt; },
      [](const EntityReply<AgentDecider>& r) { return r.state.profile.name == "Ada"; });
  CHECK(f.runtime().counters().passivated.load() > 100);
  CHECK(failed == 0);
}

TEST_CASE("commands around passivation are each applied once, in order", "[actors]") {
  // Status changes sent without waiting: some reach the registry while it holds the stream,
  // some make the entity busy just as it is told to go (it then stays). Each must append
  // exactly one event, in the order sent.
  RuntimeFixture f(PassivatingAfterOneMillisecond());
  REQUIRE(f.Ask<AgentDecider>("a-1", Agent("Ada")).ok());
  constexpr int kChanges = 1000;
  const int failed = SendAroundPassivation(
      f, kChanges, 11,
      [](int i) -> std::optional<AgentDecider::Command> {
        const auto status = i % 2 == 0 ? AgentStatus::kOnline : AgentStatus::kAway;
        return domain::ChangeAgentStatus{status, "flip " + std::to_string(i)};
      },
      [](const EntityReply<AgentDecider>& r) { return r.ok(); });
  CHECK(failed == 0);
  CHECK(f.runtime().counters().passivated.load() > 30);
  auto events = f.store().ReadStream("acme/agent/a-1", 1, es::Direction::kForward, 2 * kChanges);
  REQUIRE(events.ok());
  REQUIRE(events.value().size() == 1 + kChanges);
  for (int i = 0; i < kChanges; ++i) {
    const auto& e = events.value()[1 + i];
    INFO("event " << e.version << ": " << e.payload);
    CHECK(e.payload.find("\"flip " + std::to_string(i) + "\"") != std::string::npos);
  }
}

TEST_CASE("snapshots are an optimisation: deleting them changes no answer", "[actors]") {
  actors::RuntimeOptions options;
  options.entity.snapshot_every = 4;
  RuntimeFixture f(options);
  REQUIRE(f.Ask<AgentDecider>("a-1", Agent("Ada")).ok());
  domain::AgentState at_version_4;
  for (int i = 0; i < 5; ++i) {
    auto status = i % 2 == 0 ? AgentStatus::kOnline : AgentStatus::kAway;
    auto reply = f.Ask<AgentDecider>("a-1", domain::ChangeAgentStatus{status, "flip"});
    REQUIRE(reply.ok());
    if (reply.version == 4) at_version_4 = reply.state;
  }
  RuntimeFixture::WaitUntil([&] { return f.store().LoadSnapshot("acme/agent/a-1").ok(); });
  auto snapshot = f.store().LoadSnapshot("acme/agent/a-1");
  CHECK(snapshot.value().version == 4);
  // Folded again from the log off the actor: the state the entity had at that version.
  auto decoded = AgentDecider::DecodeState(snapshot.value().state);
  REQUIRE(decoded.ok());
  CHECK(decoded.value() == at_version_4);
  auto before = f.Get<AgentDecider>("a-1");
  f.Restart();
  CHECK(f.Get<AgentDecider>("a-1") == before);
  REQUIRE(f.store().DeleteSnapshot("acme/agent/a-1").ok());
  f.Restart();
  CHECK(f.Get<AgentDecider>("a-1") == before);
}

TEST_CASE("a reconnect grace expires by timer, and after a restart too", "[actors]") {
  RuntimeFixture f;
  f.Customer("c-1", true, true);
  auto reply = f.Ask<CustomerDecider>("c-1", domain::DisconnectCustomer{"conn-c-1", 1});
  REQUIRE(reply.ok());
  REQUIRE(reply.state.offline_deadline);
  CHECK(domain::IsOnline(reply.state));
  const auto deadline = *reply.state.offline_deadline;
  f.Restart();  // the timer died with the process; the deadline is in the log
  RuntimeFixture::WaitUntil([&] { return !domain::IsOnline(f.Get<CustomerDecider>("c-1")); });
  auto events =
      f.store().ReadStream("acme/customer/c-1", es::kStreamEnd, es::Direction::kBackward, 1);
  REQUIRE(events.ok());
  CHECK(events.value()[0].type == "CustomerWentOffline");
  CHECK(events.value()[0].timestamp_us >= deadline);
}

}  // namespace
}  // namespace sb::testing
